"""Users: search and filter, a user's detail (roles, sessions, API keys, linked identities,
plan and usage, lock), and the actions on an account.

Every action goes through the services with the visitor as actor, so `services.authorization`
decides (target rules, escalation) and the change is audited with the visitor as actor. The
dashboard's paths differ from the JSON routes under `/admin/users` (`invite`, `{id}/unlock`,
`{id}/resend-invitation`), which may be mounted in the same app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlencode
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from starlette.responses import Response

from fabric_auth.admin.access import NOTICES, Acting, Allowed, NavEntry, Page
from fabric_auth.admin.rendering import redirect
from fabric_auth.exceptions import FeatureNotAvailable, InvalidInput
from fabric_auth.http import client_info
from fabric_auth.pagination import MAX_PAGE_SIZE
from fabric_auth.principal import SubjectRef
from fabric_auth.services.authorization import Action
from fabric_auth.services.plans.usage import FeatureUsage
from fabric_auth.services.sessions import RevokeReason
from fabric_auth.services.users import NewUser
from fabric_auth.store.models import Role, Subscription, User
from fabric_auth.text import has_refused_characters

NAV = NavEntry("Users", "/users", Action.USERS_LIST)

Listing = Annotated[Page, Depends(Allowed(Action.USERS_LIST))]
Reading = Annotated[Page, Depends(Allowed(Action.USERS_READ))]
InviteForm = Annotated[Page, Depends(Allowed(Action.USERS_CREATE))]
Inviting = Annotated[Page, Depends(Acting(Action.USERS_CREATE))]
DeactivateForm = Annotated[Page, Depends(Allowed(Action.USERS_DEACTIVATE))]
Deactivating = Annotated[Page, Depends(Acting(Action.USERS_DEACTIVATE))]
ReactivateForm = Annotated[Page, Depends(Allowed(Action.USERS_REACTIVATE))]
Reactivating = Annotated[Page, Depends(Acting(Action.USERS_REACTIVATE))]
RolesForm = Annotated[Page, Depends(Allowed(Action.USERS_SET_ROLES))]
SettingRoles = Annotated[Page, Depends(Acting(Action.USERS_SET_ROLES))]
RevokeForm = Annotated[Page, Depends(Allowed(Action.SESSIONS_REVOKE))]
Revoking = Annotated[Page, Depends(Acting(Action.SESSIONS_REVOKE))]
Unlocking = Annotated[Page, Depends(Acting(Action.USERS_UNLOCK))]
SendingReset = Annotated[Page, Depends(Acting(Action.USERS_UPDATE))]
Reinviting = Annotated[Page, Depends(Acting(Action.USERS_RESEND_INVITATION))]

Choice = Literal["", "yes", "no"]
"""A yes/no filter of the list; empty: either."""

PAGE_SIZE = 50
DETAIL_PAGE_SIZE = 20
REASON_LENGTH = 500

NOTICES.update(
    {
        "user_invited": "Invitation sent.",
        "user_deactivated": "Account deactivated: its sessions and API keys ended.",
        "user_reactivated": "Account reactivated.",
        "roles_set": "Roles changed.",
        "session_revoked": "Session ended.",
        "sessions_revoked": "Every session of the account ended.",
        "user_unlocked": "Sign-in lock lifted.",
        "user_not_locked": "The account was not locked; its failed attempts are forgotten.",
        "reset_sent": "Password reset link sent.",
        "invitation_sent": "Invitation sent again.",
    }
)


@dataclass(frozen=True, slots=True)
class Filters:
    """The list's search and filters, carried by every page link."""

    q: str = ""
    role: str = ""
    active: Choice = ""
    verified: Choice = ""

    def link(self, cursor: str | None) -> str:
        """The query string of the page after `cursor` with these filters."""
        values = {"q": self.q, "role": self.role, "active": self.active}
        values |= {"verified": self.verified, "cursor": cursor or ""}
        return urlencode({name: value for name, value in values.items() if value})


def _flag(choice: Choice) -> bool | None:
    return {"yes": True, "no": False}.get(choice)


def _text(page: Page, name: str, max_length: int) -> str:
    """A form field, stripped; `InvalidInput` when too long or holding control characters."""
    value = page.fields.get(name, "").strip()
    if len(value) > max_length or has_refused_characters(value):
        raise InvalidInput(f"{name} must be at most {max_length} characters of text")
    return value


async def _all_roles(page: Page) -> list[Role]:
    """Every role by name: a handful in practice, read a page at a time all the same."""
    rbac = page.runtime.services.rbac
    roles: list[Role] = []
    cursor = None
    while True:
        batch = await rbac.list_roles(cursor=cursor, limit=MAX_PAGE_SIZE)
        roles += batch.items
        if batch.next_cursor is None:
            return roles
        cursor = batch.next_cursor


def add_routes(router: APIRouter) -> None:
    _add_list(router)
    _add_invite(router)
    _add_detail(router)
    _add_activation(router)
    _add_roles(router)
    _add_sessions(router)
    _add_account_mail(router)


def _add_list(router: APIRouter) -> None:
    @router.get("/users", name="admin:users_list")
    async def users_list(
        page: Listing,
        q: Annotated[str, Query(max_length=320)] = "",
        role: Annotated[str, Query(max_length=64)] = "",
        active: Choice = "",
        verified: Choice = "",
        cursor: Annotated[str | None, Query(max_length=2048)] = None,
    ) -> Response:
        """Users by email, searched (email, username, name) and filtered (role, active,
        verified), a page at a time."""
        filters = Filters(q=q.strip(), role=role.strip(), active=active, verified=verified)
        for text in (filters.q, filters.role):
            if has_refused_characters(text):
                raise InvalidInput("Search text may not hold control characters")
        services = page.runtime.services
        found = await services.user_admin.search(
            search=filters.q or None,
            role=filters.role or None,
            is_active=_flag(filters.active),
            is_verified=_flag(filters.verified),
            cursor=cursor,
            limit=PAGE_SIZE,
        )
        roles = await services.rbac.roles_of_users(user.id for user in found.items)
        next_url = None
        if found.next_cursor is not None:
            next_url = f"{page.url('/users')}?{filters.link(found.next_cursor)}"
        return page.render(
            "users_list.html",
            users=found.items,
            roles=roles,
            filters=filters,
            filtered=filters != Filters(),
            next_url=next_url,
            first_url=f"{page.url('/users')}?{filters.link(None)}" if cursor else None,
            role_names=[role.name for role in await _all_roles(page)],
            can_invite=page.can(Action.USERS_CREATE),
        )


def _add_invite(router: APIRouter) -> None:
    # Registered before `/users/{user_id}`, which would otherwise take `invite` for an id.
    @router.get("/users/invitations/new", name="admin:users_invite_form")
    async def invite_form(page: InviteForm) -> Response:
        """The form inviting a user (an account without a password, mailed an activation
        link)."""
        return page.render("users_invite.html")

    @router.post("/users/invitations", name="admin:users_invite")
    async def invite(page: Inviting) -> Response:
        """Invite a user, as `POST /admin/users/invite` of the JSON API does."""
        services = page.runtime.services
        actor = page.visitor.principal
        client = client_info(page.request)
        email = _text(page, "email", 320)
        username = _text(page, "username", 150) or None
        display_name = _text(page, "display_name", 200)
        new = NewUser(email=email, password=None, username=username, display_name=display_name)
        await services.user_admin.check_new(actor, new, None)
        invitation = await services.account.invite(
            email,
            username=username,
            display_name=display_name,
            invited_by=actor.id,
            client=client,
        )
        return redirect(page.url(f"/users/{invitation.user.id}?done=user_invited"))


def _add_detail(router: APIRouter) -> None:
    @router.get("/users/{user_id:uuid}", name="admin:users_detail")
    async def users_detail(
        page: Reading,
        user_id: UUID,
        sessions: Annotated[str | None, Query(max_length=2048)] = None,
        keys: Annotated[str | None, Query(max_length=2048)] = None,
    ) -> Response:
        """A user: profile, lock, roles, live sessions, API keys, linked identities, plan
        and usage. A part the visitor may not read is left out."""
        services = page.runtime.services
        user = await services.user_admin.get(user_id)
        who = SubjectRef.user(user.id)
        context: dict[str, Any] = {
            "user": user,
            "roles": await services.rbac.roles_of(user.id),
            "locked_until": await services.lockout.locked_until(user),
            "identities": (await services.oauth.accounts(user.id, limit=MAX_PAGE_SIZE)).items,
            "invited": user.password_hash is None,
            "sessions": None,
            "keys": None,
            "plan": None,
        }
        if page.can(Action.SESSIONS_READ):
            context["sessions"] = await services.sessions.list_live(
                user.id, cursor=sessions, limit=DETAIL_PAGE_SIZE
            )
        if page.can(Action.API_KEYS_READ):
            context["keys"] = await services.api_keys.list_keys(
                who, cursor=keys, limit=DETAIL_PAGE_SIZE
            )
        if page.can(Action.PLANS_READ):
            context["plan"] = await _plan_of(page, who)
        return page.render("users_detail.html", **context, now=services.clock.now(), Action=Action)


@dataclass(frozen=True, slots=True)
class PlanView:
    code: str | None
    """`None`: no subscription and no default plan."""
    subscription: Subscription | None
    usage: list[FeatureUsage]


async def _plan_of(page: Page, who: SubjectRef) -> PlanView:
    plans = page.runtime.services.plans
    try:
        code: str | None = await plans.current_plan(who)
    except FeatureNotAvailable:
        code = None
    return PlanView(code, await plans.subscription_of(who), await plans.get_usage(who))


async def _user(page: Page, user_id: UUID) -> User:
    return await page.runtime.services.user_admin.get(user_id)


def _confirm(page: Page, user: User, **context: Any) -> Response:
    return page.render("users_confirm.html", user=user, **context)


def _add_activation(router: APIRouter) -> None:
    @router.get("/users/{user_id:uuid}/deactivate", name="admin:users_deactivate_form")
    async def deactivate_form(page: DeactivateForm, user_id: UUID) -> Response:
        """Confirm deactivating a user, with a reason."""
        return _confirm(
            page,
            await _user(page, user_id),
            title="Deactivate",
            action=page.url(f"/users/{user_id}/deactivate"),
            explanation="The account is refused from now on: its sessions and API keys end.",
            reason=True,
            button="Deactivate",
            danger=True,
        )

    @router.post("/users/{user_id:uuid}/deactivate", name="admin:users_deactivate")
    async def deactivate(page: Deactivating, user_id: UUID) -> Response:
        """Deactivate a user (audited `user.deactivated` with the reason)."""
        await page.runtime.services.user_admin.deactivate(
            page.visitor.principal,
            user_id,
            _text(page, "reason", REASON_LENGTH),
            client_info(page.request),
        )
        return redirect(page.url(f"/users/{user_id}?done=user_deactivated"))

    @router.get("/users/{user_id:uuid}/reactivate", name="admin:users_reactivate_form")
    async def reactivate_form(page: ReactivateForm, user_id: UUID) -> Response:
        """Reactivate a user, with a reason."""
        return _confirm(
            page,
            await _user(page, user_id),
            title="Reactivate",
            action=page.url(f"/users/{user_id}/reactivate"),
            explanation="The account may sign in again (its ended sessions and keys stay ended).",
            reason=True,
            button="Reactivate",
            danger=False,
        )

    @router.post("/users/{user_id:uuid}/reactivate", name="admin:users_reactivate")
    async def reactivate(page: Reactivating, user_id: UUID) -> Response:
        """Reactivate a user (audited `user.reactivated` with the reason)."""
        await page.runtime.services.user_admin.reactivate(
            page.visitor.principal,
            user_id,
            _text(page, "reason", REASON_LENGTH),
            client_info(page.request),
        )
        return redirect(page.url(f"/users/{user_id}?done=user_reactivated"))


def _add_roles(router: APIRouter) -> None:
    @router.get("/users/{user_id:uuid}/roles", name="admin:users_roles_form")
    async def roles_form(page: RolesForm, user_id: UUID) -> Response:
        """The user's roles, to change."""
        user = await _user(page, user_id)
        return page.render(
            "users_roles.html",
            user=user,
            roles=await _all_roles(page),
            held=set(await page.runtime.services.rbac.roles_of(user.id)),
        )

    @router.post("/users/{user_id:uuid}/roles", name="admin:users_set_roles")
    async def set_roles(page: SettingRoles, user_id: UUID) -> Response:
        """Replace the user's roles; the service refuses (403) a role given or taken whose
        permissions the visitor does not hold."""
        form = await page.request.form()
        names = [value for value in form.getlist("role") if isinstance(value, str)]
        if len(names) > MAX_PAGE_SIZE or any(len(name) > 64 for name in names):
            raise InvalidInput("No such role")
        services = page.runtime.services
        user = await services.user_admin.get(user_id)
        await services.rbac.set_user_roles(
            page.visitor.principal, user, names, client_info(page.request)
        )
        return redirect(page.url(f"/users/{user_id}?done=roles_set"))


def _add_sessions(router: APIRouter) -> None:
    @router.get(
        "/users/{user_id:uuid}/sessions/{session_id}/revoke", name="admin:users_revoke_form"
    )
    async def revoke_form(page: RevokeForm, user_id: UUID, session_id: UUID) -> Response:
        """Confirm ending one session of the user."""
        return _confirm(
            page,
            await _user(page, user_id),
            title="End session",
            action=page.url(f"/users/{user_id}/sessions/{session_id}/revoke"),
            explanation="This session ends now; its refresh token stops working.",
            reason=False,
            button="End session",
            danger=True,
        )

    @router.post("/users/{user_id:uuid}/sessions/{session_id}/revoke", name="admin:users_revoke")
    async def revoke(page: Revoking, user_id: UUID, session_id: UUID) -> Response:
        """End one session of the user (audited `session.revoked`, the visitor as actor)."""
        services = page.runtime.services
        actor = page.visitor.principal
        client = client_info(page.request)
        user = await services.user_admin.touch(actor, Action.SESSIONS_REVOKE, user_id, client)
        await services.sessions.end(
            session_id,
            RevokeReason.REVOKED_BY_ADMIN,
            user_id=user.id,
            actor=SubjectRef.of(actor),
            client=client,
        )
        return redirect(page.url(f"/users/{user_id}?done=session_revoked"))

    @router.get("/users/{user_id:uuid}/end-sessions", name="admin:users_revoke_all_form")
    async def revoke_all_form(page: RevokeForm, user_id: UUID) -> Response:
        """Confirm ending every session of the user."""
        return _confirm(
            page,
            await _user(page, user_id),
            title="End every session",
            action=page.url(f"/users/{user_id}/end-sessions"),
            explanation="Every session of this account ends now; it must sign in again.",
            reason=False,
            button="End every session",
            danger=True,
        )

    @router.post("/users/{user_id:uuid}/end-sessions", name="admin:users_revoke_all")
    async def revoke_all(page: Revoking, user_id: UUID) -> Response:
        """End every session of the user (audited `session.revoked`, the visitor as actor)."""
        services = page.runtime.services
        actor = page.visitor.principal
        client = client_info(page.request)
        user = await services.user_admin.touch(actor, Action.SESSIONS_REVOKE, user_id, client)
        await services.sessions.end_all(
            user.id, RevokeReason.REVOKED_BY_ADMIN, actor=SubjectRef.of(actor), client=client
        )
        return redirect(page.url(f"/users/{user_id}?done=sessions_revoked"))


def _add_account_mail(router: APIRouter) -> None:
    @router.post("/users/{user_id:uuid}/lift-lock", name="admin:users_unlock")
    async def unlock(page: Unlocking, user_id: UUID) -> Response:
        """Lift the account's sign-in lock and forget its failures (audited `auth.unlock`)."""
        services = page.runtime.services
        actor = page.visitor.principal
        client = client_info(page.request)
        user = await services.user_admin.touch(actor, Action.USERS_UNLOCK, user_id, client)
        was_locked = await services.lockout.unlock_user(
            user, actor=SubjectRef.of(actor), client=client
        )
        done = "user_unlocked" if was_locked else "user_not_locked"
        return redirect(page.url(f"/users/{user_id}?done={done}"))

    @router.post("/users/{user_id:uuid}/password-reset", name="admin:users_send_reset")
    async def send_reset(page: SendingReset, user_id: UUID) -> Response:
        """Mail the user a password reset link (audited `user.password_reset_requested`)."""
        await page.runtime.services.account.send_password_reset(
            page.visitor.principal, user_id, client_info(page.request)
        )
        return redirect(page.url(f"/users/{user_id}?done=reset_sent"))

    @router.post("/users/{user_id:uuid}/invitation", name="admin:users_resend_invitation")
    async def resend_invitation(page: Reinviting, user_id: UUID) -> Response:
        """Mail a fresh activation link to an invited user (audited `user.invited`)."""
        services = page.runtime.services
        actor = page.visitor.principal
        client = client_info(page.request)
        user = await services.user_admin.touch(
            actor, Action.USERS_RESEND_INVITATION, user_id, client
        )
        await services.account.resend_invitation(user.id, invited_by=actor.id, client=client)
        return redirect(page.url(f"/users/{user_id}?done=invitation_sent"))
