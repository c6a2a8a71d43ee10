"""`create_account_router()`: the flows that mail a link, and the routes that take it back.

Mounted under `/auth` by default: `forgot-password`, `reset-password`, `request-verify`,
`verify`, `activate`, `change-email`. Links point at `AuthSettings.public_base_url`, so in
production the runtime refuses to start with this router mounted and no public URL set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Request, status

from fabric_auth.dependencies import authorized, configured_rate_limit
from fabric_auth.exceptions import (
    AccountLocked,
    AlreadyExists,
    HashingBusy,
    InvalidCurrentPassword,
    InvalidIdentifier,
    InvalidLinkToken,
    WeakPassword,
)
from fabric_auth.http import FabricRoute, client_info
from fabric_auth.openapi import errors
from fabric_auth.principal import Principal
from fabric_auth.routers.schemas import (
    AcceptedResponse,
    ChangeEmailRequest,
    EmailRequest,
    TokenPasswordRequest,
    UserRead,
    VerifyRequest,
)
from fabric_auth.runtime import SENDS_MAIL, FabricAuth
from fabric_auth.services.authorization import Action

Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])

MAIL_ACCEPTED = "If an account exists for this address, a link is on its way"


def _sends_mail(endpoint: Endpoint) -> Endpoint:
    """Mark a route that mails links: the runtime checks `public_base_url` at startup."""
    setattr(endpoint, SENDS_MAIL, True)
    return endpoint


def create_account_router(*, prefix: str = "/auth", name_prefix: str = "auth") -> APIRouter:
    """Password reset, email verification and change, activation of invited accounts."""
    router = APIRouter(prefix=prefix, tags=["account"], route_class=FabricRoute)
    mail_limit = Depends(configured_rate_limit("rate_limit_mail"))
    link_limit = Depends(configured_rate_limit("rate_limit_link"))

    @router.post(
        "/forgot-password",
        name=f"{name_prefix}:forgot_password",
        responses=errors(InvalidIdentifier),
        status_code=status.HTTP_202_ACCEPTED,
        response_model=AcceptedResponse,
        dependencies=[mail_limit],
    )
    @_sends_mail
    async def forgot_password(request: Request, body: EmailRequest) -> AcceptedResponse:
        """Mail a password-reset link. The answer is the same whether or not the account
        exists: the look-up happens after the response."""
        FabricAuth.of(request).services.account.request_password_reset(
            body.email, client_info(request)
        )
        return AcceptedResponse(detail=MAIL_ACCEPTED)

    @router.post(
        "/reset-password",
        name=f"{name_prefix}:reset_password",
        responses=errors(InvalidLinkToken, WeakPassword, HashingBusy),
        status_code=status.HTTP_204_NO_CONTENT,
        dependencies=[link_limit],
    )
    async def reset_password(request: Request, body: TokenPasswordRequest) -> None:
        """Set a new password with the mailed token. The token works once; every session of
        the account ends."""
        await FabricAuth.of(request).services.account.reset_password(
            body.token, body.password, client_info(request)
        )

    @router.post(
        "/request-verify",
        name=f"{name_prefix}:request_verify",
        responses=errors(InvalidIdentifier),
        status_code=status.HTTP_202_ACCEPTED,
        response_model=AcceptedResponse,
        dependencies=[mail_limit],
    )
    @_sends_mail
    async def request_verify(request: Request, body: EmailRequest) -> AcceptedResponse:
        """Mail an email-verification link to an unverified account; same answer for any
        address."""
        FabricAuth.of(request).services.account.request_verification(
            body.email, client_info(request)
        )
        return AcceptedResponse(detail=MAIL_ACCEPTED)

    @router.post(
        "/verify",
        name=f"{name_prefix}:verify",
        responses=errors(InvalidLinkToken),
        response_model=UserRead,
        dependencies=[link_limit],
    )
    async def verify(request: Request, body: VerifyRequest) -> UserRead:
        """Use a verification or email-change token: the address is verified (and, for a
        change, becomes the account's address)."""
        user = await FabricAuth.of(request).services.account.verify_email(
            body.token, client_info(request)
        )
        return UserRead.of(user)

    @router.post(
        "/activate",
        name=f"{name_prefix}:activate",
        responses=errors(InvalidLinkToken, WeakPassword, HashingBusy),
        response_model=UserRead,
        dependencies=[link_limit],
    )
    async def activate(request: Request, body: TokenPasswordRequest) -> UserRead:
        """Set the first password of an invited account with its activation token."""
        user = await FabricAuth.of(request).services.account.activate(
            body.token, body.password, client_info(request)
        )
        return UserRead.of(user)

    @router.post(
        "/change-email",
        name=f"{name_prefix}:change_email",
        responses=errors(
            InvalidIdentifier, InvalidCurrentPassword, AlreadyExists, AccountLocked, HashingBusy
        ),
        status_code=status.HTTP_202_ACCEPTED,
        response_model=AcceptedResponse,
        dependencies=[mail_limit],
    )
    @_sends_mail
    async def change_email(
        request: Request,
        body: ChangeEmailRequest,
        principal: Annotated[Principal, Depends(authorized(Action.ACCOUNT_CHANGE_EMAIL))],
    ) -> AcceptedResponse:
        """Ask to change the caller's address, proving the current password (never with an
        API key). The new address gets a confirmation link; nothing changes until it is
        used."""
        await FabricAuth.of(request).services.account.request_email_change(
            principal, body.current_password, body.new_email, client_info(request)
        )
        return AcceptedResponse(detail="A confirmation link was sent to the new address")

    return router
