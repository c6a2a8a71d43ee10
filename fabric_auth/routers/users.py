"""`create_users_router()`: user management, and the caller's own account under `/users/me`."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, status
from pydantic import BaseModel, ConfigDict, Field

from fabric_auth.dependencies import authorized
from fabric_auth.exceptions import (
    AccountLocked,
    AlreadyExists,
    EscalationDenied,
    HashingBusy,
    InvalidCurrentPassword,
    InvalidIdentifier,
    LastSystemAdmin,
    NotFound,
    WeakPassword,
)
from fabric_auth.http import FabricRoute, client_info
from fabric_auth.openapi import errors
from fabric_auth.principal import Principal, SubjectRef
from fabric_auth.routers.schemas import (
    DEFAULT_LIMIT,
    Cursor,
    Email,
    JsonObject,
    Limit,
    Page,
    SessionRead,
    Text,
    Username,
    UserRead,
)
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.authorization import Action
from fabric_auth.services.sessions import RevokeReason
from fabric_auth.services.user_admin import UserChanges
from fabric_auth.services.users import NewUser

Name = Annotated[Text, Field(max_length=200)]


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Email
    password: str | None = Field(default=None, max_length=4096)
    """Omit to invite: an activation link is mailed; no password until the user sets one."""
    username: Username | None = Field(default=None, max_length=150)
    display_name: Name = ""
    is_verified: bool = False
    is_system_admin: bool = False
    roles: list[Annotated[Text, Field(max_length=64)]] | None = Field(default=None, max_length=100)
    """Omit for the default roles."""


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Email | None = None
    username: Username | None = Field(default=None, max_length=150)
    display_name: Name | None = None
    profile: JsonObject | None = None
    is_verified: bool | None = None
    is_system_admin: bool | None = None
    """Only a system administrator promotes or demotes (see docs/authorization.md)."""


class PasswordSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(max_length=4096)


class SelfUpdate(BaseModel):
    """What users change about themselves here; email and password have their own routes
    (`/auth/change-email`, `/auth/change-password`), which ask for the current password. A new
    username needs a recent sign-in (`reauth_window`)."""

    model_config = ConfigDict(extra="forbid")

    username: Username | None = Field(default=None, max_length=150)
    display_name: Name | None = None
    profile: JsonObject | None = None


class AccountDeletion(BaseModel):
    """Proof for deleting one's own account: the current password, or nothing after a sign-in
    within `reauth_window` (the only way for an account without a password)."""

    model_config = ConfigDict(extra="forbid")

    current_password: str | None = Field(default=None, max_length=4096)


class ReasonBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Text = Field(default="", max_length=500)


class RolesBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    roles: list[Annotated[Text, Field(max_length=64)]] = Field(max_length=100)


class UserDetail(UserRead):
    roles: list[str]


def _allowed(action: Action) -> Any:
    return Depends(authorized(action))


def create_users_router(*, prefix: str = "/users", name_prefix: str = "users") -> APIRouter:
    """User management. Every route names its permission from the catalogue."""
    router = APIRouter(prefix=prefix, tags=["users"], route_class=FabricRoute)

    async def detail(request: Request, user_id: UUID) -> UserDetail:
        services = FabricAuth.of(request).services
        user = await services.user_admin.get(user_id)
        roles = await services.rbac.roles_of(user.id)
        return UserDetail(**UserRead.of(user).model_dump(), roles=roles)

    @router.get("", name=f"{name_prefix}:list", response_model=Page[UserRead])
    async def list_users(
        request: Request,
        _: Annotated[Principal, _allowed(Action.USERS_LIST)],
        q: Annotated[Text | None, Query(max_length=320)] = None,
        is_active: bool | None = None,
        is_verified: bool | None = None,
        role: Annotated[Text | None, Query(max_length=64)] = None,
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> Page[UserRead]:
        """Users by email, a page at a time; `q` searches email, username and name. Pass the
        same filters with each page's cursor."""
        page = await FabricAuth.of(request).services.user_admin.search(
            search=q,
            is_active=is_active,
            is_verified=is_verified,
            role=role,
            cursor=cursor,
            limit=limit,
        )
        return Page[UserRead].of(page, UserRead.of)

    @router.post(
        "",
        name=f"{name_prefix}:create",
        responses=errors(
            InvalidIdentifier, AlreadyExists, WeakPassword, EscalationDenied, NotFound, HashingBusy
        ),
        response_model=UserDetail,
        status_code=status.HTTP_201_CREATED,
    )
    async def create_user(
        request: Request,
        body: UserCreate,
        actor: Annotated[Principal, _allowed(Action.USERS_CREATE)],
    ) -> UserDetail:
        """Create a user with a password, or without one: the user is then invited (mailed a
        single-use activation link, see account security)."""
        services = FabricAuth.of(request).services
        new = NewUser(
            email=body.email,
            password=body.password,
            username=body.username,
            display_name=body.display_name,
            is_verified=body.is_verified,
            is_system_admin=body.is_system_admin,
        )
        if body.password is not None or body.is_system_admin:
            user = await services.user_admin.create(actor, new, body.roles, client_info(request))
            return await detail(request, user.id)
        await services.user_admin.check_new(actor, new, body.roles)
        invitation = await services.account.invite(
            body.email,
            username=body.username,
            display_name=body.display_name,
            invited_by=actor.id,
            client=client_info(request),
        )
        if body.roles is not None:
            await services.rbac.set_user_roles(
                None, invitation.user, body.roles, client_info(request)
            )
        return await detail(request, invitation.user.id)

    @router.get("/me", name=f"{name_prefix}:me", response_model=UserDetail)
    async def read_me(
        request: Request, caller: Annotated[Principal, _allowed(Action.ACCOUNT_READ)]
    ) -> UserDetail:
        return await detail(request, caller.id)

    @router.patch(
        "/me",
        name=f"{name_prefix}:update_me",
        responses=errors(InvalidIdentifier, AlreadyExists),
        response_model=UserDetail,
    )
    async def update_me(
        request: Request,
        body: SelfUpdate,
        caller: Annotated[Principal, _allowed(Action.ACCOUNT_UPDATE)],
    ) -> UserDetail:
        await FabricAuth.of(request).services.user_admin.update_own(
            caller, UserChanges(**body.model_dump(exclude_none=True)), client_info(request)
        )
        return await detail(request, caller.id)

    @router.delete(
        "/me",
        name=f"{name_prefix}:delete_me",
        responses=errors(InvalidCurrentPassword, LastSystemAdmin, AccountLocked, HashingBusy),
        status_code=status.HTTP_204_NO_CONTENT,
    )
    async def delete_me(
        request: Request,
        caller: Annotated[Principal, _allowed(Action.ACCOUNT_DELETE)],
        body: AccountDeletion | None = None,
    ) -> None:
        """Delete the caller's own account, proving the current password (or, without it, a
        sign-in within `reauth_window`); never with an API key. At once it can no longer sign
        in and every session, token and API key of it is refused; its personal data is erased
        after `user_erase_after` (at once with `user_delete_mode=hard`)."""
        await FabricAuth.of(request).services.user_admin.delete_own(
            caller, body.current_password if body else None, client_info(request)
        )

    @router.get("/{user_id}", name=f"{name_prefix}:read", response_model=UserDetail)
    async def read_user(
        request: Request, user_id: UUID, _: Annotated[Principal, _allowed(Action.USERS_READ)]
    ) -> UserDetail:
        return await detail(request, user_id)

    @router.patch(
        "/{user_id}",
        name=f"{name_prefix}:update",
        responses=errors(InvalidIdentifier, AlreadyExists, LastSystemAdmin),
        response_model=UserDetail,
    )
    async def update_user(
        request: Request,
        user_id: UUID,
        body: UserUpdate,
        actor: Annotated[Principal, _allowed(Action.USERS_UPDATE)],
    ) -> UserDetail:
        """Change a user who holds no permission you lack (a system administrator: only
        itself). A new email or username needs a recent sign-in."""
        await FabricAuth.of(request).services.user_admin.update(
            actor, user_id, UserChanges(**body.model_dump(exclude_none=True)), client_info(request)
        )
        return await detail(request, user_id)

    @router.put(
        "/{user_id}/password",
        name=f"{name_prefix}:set_password",
        responses=errors(WeakPassword, HashingBusy),
        status_code=status.HTTP_204_NO_CONTENT,
    )
    async def set_password(
        request: Request,
        user_id: UUID,
        body: PasswordSet,
        actor: Annotated[Principal, _allowed(Action.USERS_SET_PASSWORD)],
    ) -> None:
        """Set a user's password (audited as `user.password_set_by_admin`; every session of
        the user ends). Needs a recent sign-in, never an API key; prefer the reset flow, where
        the user chooses it."""
        await FabricAuth.of(request).services.user_admin.set_password(
            actor, user_id, body.password, client_info(request)
        )

    @router.post(
        "/{user_id}/deactivate",
        name=f"{name_prefix}:deactivate",
        responses=errors(LastSystemAdmin),
        response_model=UserDetail,
    )
    async def deactivate(
        request: Request,
        user_id: UUID,
        body: ReasonBody,
        actor: Annotated[Principal, _allowed(Action.USERS_DEACTIVATE)],
    ) -> UserDetail:
        """Refuse the user from now on: every session and token ends on every instance."""
        await FabricAuth.of(request).services.user_admin.deactivate(
            actor, user_id, body.reason, client_info(request)
        )
        return await detail(request, user_id)

    @router.post(
        "/{user_id}/reactivate", name=f"{name_prefix}:reactivate", response_model=UserDetail
    )
    async def reactivate(
        request: Request,
        user_id: UUID,
        body: ReasonBody,
        actor: Annotated[Principal, _allowed(Action.USERS_REACTIVATE)],
    ) -> UserDetail:
        await FabricAuth.of(request).services.user_admin.reactivate(
            actor, user_id, body.reason, client_info(request)
        )
        return await detail(request, user_id)

    @router.put(
        "/{user_id}/roles",
        name=f"{name_prefix}:set_roles",
        responses=errors(LastSystemAdmin, NotFound),
        response_model=UserDetail,
    )
    async def set_roles(
        request: Request,
        user_id: UUID,
        body: RolesBody,
        actor: Annotated[Principal, _allowed(Action.USERS_SET_ROLES)],
    ) -> UserDetail:
        """Replace the user's roles; you must hold every permission of roles given or taken."""
        services = FabricAuth.of(request).services
        user = await services.user_admin.get(user_id)
        await services.rbac.set_user_roles(actor, user, body.roles, client_info(request))
        return await detail(request, user_id)

    @router.get(
        "/{user_id}/sessions", name=f"{name_prefix}:sessions", response_model=Page[SessionRead]
    )
    async def sessions(
        request: Request,
        user_id: UUID,
        _: Annotated[Principal, _allowed(Action.SESSIONS_READ)],
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> Page[SessionRead]:
        """The user's live sessions, most recently started first."""
        services = FabricAuth.of(request).services
        user = await services.user_admin.get(user_id)
        page = await services.sessions.list_live(user.id, cursor=cursor, limit=limit)
        return Page[SessionRead].of(page, lambda row: SessionRead.of(row, None))

    @router.delete(
        "/{user_id}/sessions/{session_id}",
        name=f"{name_prefix}:revoke_session",
        status_code=status.HTTP_204_NO_CONTENT,
    )
    async def revoke_session(
        request: Request,
        user_id: UUID,
        session_id: UUID,
        actor: Annotated[Principal, _allowed(Action.SESSIONS_REVOKE)],
    ) -> None:
        services = FabricAuth.of(request).services
        client = client_info(request)
        user = await services.user_admin.touch(actor, Action.SESSIONS_REVOKE, user_id, client)
        await services.sessions.end(
            session_id,
            RevokeReason.REVOKED_BY_ADMIN,
            user_id=user.id,
            actor=SubjectRef.of(actor),
            client=client,
        )

    @router.delete(
        "/{user_id}",
        name=f"{name_prefix}:delete",
        responses=errors(LastSystemAdmin),
        status_code=status.HTTP_204_NO_CONTENT,
    )
    async def delete_user(
        request: Request,
        user_id: UUID,
        actor: Annotated[Principal, _allowed(Action.USERS_DELETE)],
    ) -> None:
        """Delete a user you may touch: at once it can no longer sign in and every session,
        token and API key of it is refused; its personal data is erased after
        `user_erase_after` (`user_delete_mode=soft`), or the row removed now (`hard`)."""
        await FabricAuth.of(request).services.user_admin.delete(
            actor, user_id, client_info(request)
        )

    @router.post(
        "/{user_id}/restore",
        name=f"{name_prefix}:restore",
        responses=errors(NotFound),
        response_model=UserDetail,
    )
    async def restore_user(
        request: Request,
        user_id: UUID,
        actor: Annotated[Principal, _allowed(Action.USERS_RESTORE)],
    ) -> UserDetail:
        """Undo a deletion before its personal data is erased (`user_delete_mode=soft`): the
        account is back, active unless it was deactivated before; its sessions and API keys
        stay ended. 404 once erased."""
        await FabricAuth.of(request).services.user_admin.restore(
            actor, user_id, client_info(request)
        )
        return await detail(request, user_id)

    return router
