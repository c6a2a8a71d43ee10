"""`create_account_admin_router()`: invitations and unlocking, for system administrators.

A stop-gap until the users router (issue 3) carries these routes with its permissions; the
services behind them (`services.account`, `services.lockout`) stay the same.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request, status

from fabric_auth.dependencies import current_principal
from fabric_auth.exceptions import Forbidden, NotFound
from fabric_auth.http import FabricRoute, client_info
from fabric_auth.principal import Principal
from fabric_auth.routers.schemas import AcceptedResponse, InviteRequest, UnlockResponse, UserRead
from fabric_auth.runtime import SENDS_MAIL, FabricAuth
from fabric_auth.services.audit import Subject
from fabric_auth.store.models import User


async def system_admin(
    principal: Annotated[Principal, Depends(current_principal)],
) -> Principal:
    """The caller, if an active system administrator; 403 otherwise."""
    if (
        not principal.is_user
        or not await User.filter(id=principal.id, is_system_admin=True, is_active=True).exists()
    ):
        raise Forbidden("System administrators only")
    return principal


Admin = Annotated[Principal, Depends(system_admin)]


def create_account_admin_router(
    *, prefix: str = "/admin/users", name_prefix: str = "users"
) -> APIRouter:
    router = APIRouter(prefix=prefix, tags=["users"], route_class=FabricRoute)

    @router.post(
        "/invite",
        name=f"{name_prefix}:invite",
        response_model=UserRead,
        status_code=status.HTTP_201_CREATED,
    )
    async def invite(request: Request, body: InviteRequest, admin: Admin) -> UserRead:
        """Create an account without a password and mail it a single-use activation link."""
        invitation = await FabricAuth.of(request).services.account.invite(
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
        response_model=AcceptedResponse,
        status_code=status.HTTP_202_ACCEPTED,
    )
    async def resend_invitation(request: Request, user_id: UUID, admin: Admin) -> AcceptedResponse:
        """Mail a fresh activation link to an invited account that is not activated yet."""
        await FabricAuth.of(request).services.account.resend_invitation(
            user_id, invited_by=admin.id, client=client_info(request)
        )
        return AcceptedResponse(detail="Invitation sent")

    @router.post("/{user_id}/unlock", name=f"{name_prefix}:unlock", response_model=UnlockResponse)
    async def unlock(request: Request, user_id: UUID, admin: Admin) -> UnlockResponse:
        """Lift a sign-in lockout of an account and forget its failed attempts."""
        user = await User.get_or_none(id=user_id)
        if user is None:
            raise NotFound("No such account")
        was_locked = await FabricAuth.of(request).services.lockout.unlock_user(
            user, actor=Subject.user(admin.id), client=client_info(request)
        )
        return UnlockResponse(was_locked=was_locked)

    return router
