"""`create_account_admin_router()`: invitations and unlocking, under `/admin/users`.

Each route is guarded like the users router's: `users:create` to invite, `users:modify` to
unlock, and the target rules of `services.authorization` for an existing account.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request, status

from fabric_auth.dependencies import authorized
from fabric_auth.exceptions import (
    AlreadyExists,
    Conflict,
    EscalationDenied,
    InvalidIdentifier,
)
from fabric_auth.http import FabricRoute, client_info
from fabric_auth.openapi import errors
from fabric_auth.principal import Principal
from fabric_auth.routers.schemas import AcceptedResponse, InviteRequest, UnlockResponse, UserRead
from fabric_auth.runtime import SENDS_MAIL, FabricAuth
from fabric_auth.services.audit import Subject
from fabric_auth.services.authorization import Action
from fabric_auth.services.users import NewUser


def create_account_admin_router(
    *, prefix: str = "/admin/users", name_prefix: str = "users"
) -> APIRouter:
    router = APIRouter(prefix=prefix, tags=["users"], route_class=FabricRoute)

    @router.post(
        "/invite",
        name=f"{name_prefix}:invite",
        responses=errors(InvalidIdentifier, AlreadyExists, EscalationDenied),
        response_model=UserRead,
        status_code=status.HTTP_201_CREATED,
    )
    async def invite(
        request: Request,
        body: InviteRequest,
        admin: Annotated[Principal, Depends(authorized(Action.USERS_CREATE))],
    ) -> UserRead:
        """Create an account without a password and mail it a single-use activation link."""
        services = FabricAuth.of(request).services
        new = NewUser(
            email=body.email, password=None, username=body.username, display_name=body.display_name
        )
        await services.user_admin.check_new(admin, new, None)
        invitation = await services.account.invite(
            body.email,
            username=body.username,
            display_name=body.display_name,
            invited_by=admin.id,
            client=client_info(request),
        )
        return UserRead.of(invitation.user)

    setattr(invite, SENDS_MAIL, True)

    @router.post(
        "/{user_id}/resend-invitation",
        name=f"{name_prefix}:resend_invitation",
        responses=errors(Conflict),
        response_model=AcceptedResponse,
        status_code=status.HTTP_202_ACCEPTED,
    )
    async def resend_invitation(
        request: Request,
        user_id: UUID,
        admin: Annotated[Principal, Depends(authorized(Action.USERS_RESEND_INVITATION))],
    ) -> AcceptedResponse:
        """Mail a fresh activation link to an invited account that is not activated yet."""
        services = FabricAuth.of(request).services
        client = client_info(request)
        user = await services.user_admin.touch(
            admin, Action.USERS_RESEND_INVITATION, user_id, client
        )
        await services.account.resend_invitation(user.id, invited_by=admin.id, client=client)
        return AcceptedResponse(detail="Invitation sent")

    @router.post("/{user_id}/unlock", name=f"{name_prefix}:unlock", response_model=UnlockResponse)
    async def unlock(
        request: Request,
        user_id: UUID,
        admin: Annotated[Principal, Depends(authorized(Action.USERS_UNLOCK))],
    ) -> UnlockResponse:
        """Lift a sign-in lockout of an account and forget its failed attempts."""
        services = FabricAuth.of(request).services
        client = client_info(request)
        user = await services.user_admin.touch(admin, Action.USERS_UNLOCK, user_id, client)
        was_locked = await services.lockout.unlock_user(
            user, actor=Subject.of(admin), client=client
        )
        return UnlockResponse(was_locked=was_locked)

    return router
