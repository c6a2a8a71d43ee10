"""`create_auth_router()`: sign-in, refresh, sign-out, own sessions, registration, password
change. (Flows that send mail are in `create_account_router()`.)"""

from __future__ import annotations

import json
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fabric_auth.cookies import CookieNames, csrf_matches
from fabric_auth.dependencies import authorized, configured_rate_limit, resolve_principal
from fabric_auth.exceptions import (
    AccountLocked,
    AlreadyExists,
    BadRequest,
    CsrfFailed,
    EmailNotVerified,
    ErrorCode,
    HashingBusy,
    InvalidCharacters,
    InvalidCredentials,
    InvalidCurrentPassword,
    InvalidIdentifier,
    InvalidInput,
    InvalidRefreshToken,
    InvalidSignInCode,
    InvalidToken,
    NotAuthenticated,
    PayloadTooLarge,
    RegistrationClosed,
    UnsupportedGrantType,
    WeakPassword,
)
from fabric_auth.http import FabricRoute, client_info
from fabric_auth.openapi import errors
from fabric_auth.principal import Principal
from fabric_auth.routers.schemas import (
    DEFAULT_LIMIT,
    AcceptedResponse,
    ChangePasswordRequest,
    Cursor,
    Limit,
    LogoutRequest,
    Page,
    RegisterRequest,
    SessionRead,
    Text,
    TokenResponse,
    UserRead,
)
from fabric_auth.routers.transport import clear_session_cookies, token_response
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.authorization import Action
from fabric_auth.services.sessions import RevokeReason
from fabric_auth.services.users import NewUser
from fabric_auth.store.models import RefreshToken
from fabric_auth.tokens.refresh import hash_token

_MAX_FIELD = 4096
REGISTRATION_ACCEPTED = (
    "Registration received. Sign in with this email and password; if the address already "
    "has an account, its owner has been sent a message instead."
)


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    grant_type: Text = Field(max_length=64)
    username: Text | None = Field(default=None, max_length=320)
    password: str | None = Field(default=None, max_length=_MAX_FIELD)
    refresh_token: Text | None = Field(default=None, max_length=512)
    code: Text | None = Field(default=None, max_length=128)


_TOKEN_REQUEST_SCHEMA = {
    "type": "object",
    "required": ["grant_type"],
    "properties": {
        "grant_type": {
            "type": "string",
            "enum": ["password", "refresh_token", "authorization_code"],
        },
        "username": {"type": "string", "description": "Email or username (password grant)"},
        "password": {"type": "string", "format": "password"},
        "refresh_token": {"type": "string", "description": "Omit to use the refresh cookie"},
        "code": {
            "type": "string",
            "description": "The single-use code an OAuth sign-in sent the browser back with "
            "(authorization_code grant)",
        },
    },
}

OwnAccount = Annotated[Principal, Depends(authorized(Action.ACCOUNT_READ))]
OwnSessions = Annotated[Principal, Depends(authorized(Action.ACCOUNT_SESSIONS))]


def create_auth_router(*, prefix: str = "/auth", name_prefix: str = "auth") -> APIRouter:
    """Sign-in and session routes. Mount under any prefix: `app.include_router(router, ...)`."""
    router = APIRouter(prefix=prefix, tags=["auth"], route_class=FabricRoute)

    @router.post(
        "/token",
        name=f"{name_prefix}:token",
        responses=errors(
            InvalidCredentials,
            InvalidRefreshToken,
            InvalidSignInCode,
            AccountLocked,
            UnsupportedGrantType,
            BadRequest,
            EmailNotVerified,
            CsrfFailed,
            InvalidInput,
            InvalidCharacters,
            PayloadTooLarge,
            HashingBusy,
        ),
        dependencies=[Depends(configured_rate_limit("rate_limit_token"))],
        response_model=TokenResponse,
        response_model_exclude_none=True,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-www-form-urlencoded": {"schema": _TOKEN_REQUEST_SCHEMA},
                    "application/json": {"schema": _TOKEN_REQUEST_SCHEMA},
                },
            }
        },
    )
    async def token(request: Request, response: Response) -> TokenResponse:
        """OAuth2 token endpoint: `grant_type=password`, `grant_type=refresh_token`, or
        `grant_type=authorization_code` with the `code` an OAuth sign-in sent the browser back
        with (bearer transport)."""
        runtime = FabricAuth.of(request)
        services = runtime.services
        body = await _read_token_request(request)
        if body.grant_type == "password":
            if body.username is None or body.password is None:
                raise InvalidInput("username and password are required")
            pair = await services.sessions.sign_in(
                body.username, body.password, client_info(request)
            )
        elif body.grant_type == "refresh_token":
            refresh_token = body.refresh_token or await _refresh_cookie_checked(request, runtime)
            pair = await services.sessions.refresh(refresh_token, client_info(request))
        elif body.grant_type == "authorization_code":
            if body.code is None:
                raise InvalidInput("code is required")
            user = await services.oauth.redeem_sign_in_code(body.code)
            pair = await services.sessions.start(user, client_info(request))
        else:
            raise UnsupportedGrantType()
        return token_response(response, runtime, pair, refresh_path=_auth_path(request))

    @router.post(
        "/logout",
        name=f"{name_prefix}:logout",
        responses=errors(InvalidToken, NotAuthenticated, CsrfFailed),
        status_code=status.HTTP_204_NO_CONTENT,
        # It resolves the caller itself (a lapsed token may fall back on the refresh token).
        openapi_extra={"security": [{"BearerToken": []}, {}]},
    )
    async def logout(
        request: Request,
        body: LogoutRequest | None = None,
    ) -> Response:
        """End this session: the one of the access token, or of the refresh token given
        (which still works when the access token has lapsed)."""
        runtime = FabricAuth.of(request)
        session_id = None
        try:
            principal = resolve_principal(request)
            session_id = principal.session_id if principal else None
        except InvalidToken:
            if not (body and body.refresh_token) and _refresh_cookie(request, runtime) is None:
                raise
        if session_id is None and body is not None and body.refresh_token:
            session_id = await _session_of_refresh_token(body.refresh_token)
        if session_id is None and _refresh_cookie(request, runtime) is not None:
            session_id = await _session_of_refresh_token(
                await _refresh_cookie_checked(request, runtime)
            )
        if session_id is None:
            raise NotAuthenticated()
        await runtime.services.sessions.end(
            session_id, RevokeReason.LOGOUT, client=client_info(request)
        )
        response = Response(status_code=status.HTTP_204_NO_CONTENT)
        clear_session_cookies(response, runtime, refresh_path=_auth_path(request))
        return response

    @router.post(
        "/logout-all", name=f"{name_prefix}:logout_all", status_code=status.HTTP_204_NO_CONTENT
    )
    async def logout_all(request: Request, principal: OwnSessions) -> Response:
        """End every session of the caller, on every device."""
        runtime = FabricAuth.of(request)
        await runtime.services.sessions.end_all(
            principal.id, RevokeReason.LOGOUT_ALL, client=client_info(request)
        )
        response = Response(status_code=status.HTTP_204_NO_CONTENT)
        clear_session_cookies(response, runtime, refresh_path=_auth_path(request))
        return response

    @router.get("/me", name=f"{name_prefix}:me", response_model=UserRead)
    async def me(request: Request, principal: OwnAccount) -> UserRead:
        """The signed-in user's account."""
        user = await FabricAuth.of(request).services.users.get(principal.id)
        if user is None:  # deleted after the token was issued
            raise NotAuthenticated()
        return UserRead.of(user)

    @router.get("/sessions", name=f"{name_prefix}:sessions", response_model=Page[SessionRead])
    async def sessions(
        request: Request,
        principal: OwnSessions,
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> Page[SessionRead]:
        """The caller's live sessions, most recently started first; `current` marks this
        one."""
        page = await FabricAuth.of(request).services.sessions.list_live(
            principal.id, cursor=cursor, limit=limit
        )
        return Page[SessionRead].of(page, lambda row: SessionRead.of(row, principal.session_id))

    @router.delete(
        "/sessions/{session_id}",
        name=f"{name_prefix}:revoke_session",
        status_code=status.HTTP_204_NO_CONTENT,
    )
    async def revoke_session(request: Request, session_id: UUID, principal: OwnSessions) -> None:
        """End one of the caller's own sessions (404 for anybody else's)."""
        await FabricAuth.of(request).services.sessions.end(
            session_id,
            RevokeReason.REVOKED_BY_USER,
            user_id=principal.id,
            client=client_info(request),
        )

    @router.post(
        "/register",
        name=f"{name_prefix}:register",
        responses=errors(
            InvalidIdentifier, RegistrationClosed, WeakPassword, AlreadyExists, HashingBusy
        ),
        dependencies=[Depends(configured_rate_limit("rate_limit_register"))],
        response_model=AcceptedResponse,
        status_code=status.HTTP_202_ACCEPTED,
    )
    async def register(request: Request, body: RegisterRequest) -> AcceptedResponse:
        """Create an account, when registration is open. A taken email or username gets the
        same answer (unless `registration_reveals_existing`); its owner is mailed instead."""
        services = FabricAuth.of(request).services
        if not services.settings.registration_open:
            raise RegistrationClosed()
        await services.account.register(
            NewUser(
                email=body.email,
                password=body.password,
                username=body.username,
                display_name=body.display_name,
            ),
            client_info(request),
        )
        return AcceptedResponse(detail=REGISTRATION_ACCEPTED)

    @router.post(
        "/change-password",
        name=f"{name_prefix}:change_password",
        responses=errors(InvalidCurrentPassword, WeakPassword, AccountLocked, HashingBusy),
        status_code=status.HTTP_204_NO_CONTENT,
        dependencies=[
            Depends(configured_rate_limit("rate_limit_change_password", key="principal"))
        ],
    )
    async def change_password(
        request: Request,
        body: ChangePasswordRequest,
        principal: Annotated[Principal, Depends(authorized(Action.ACCOUNT_CHANGE_PASSWORD))],
    ) -> None:
        """Change the caller's password, proving the current one (never with an API key). The
        caller's other sessions end; this one stays signed in. Wrong current passwords count
        towards the lockout."""
        await FabricAuth.of(request).services.account.change_password(
            principal, body.current_password, body.new_password, client=client_info(request)
        )

    return router


async def _read_token_request(request: Request) -> TokenRequest:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    data: Any
    if content_type == "application/json":
        try:
            data = json.loads(await request.body())
        except ValueError:
            raise InvalidInput("Body is not valid JSON") from None
        if not isinstance(data, dict):
            raise InvalidInput("Body must be a JSON object")
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        data = {key: value for key, value in form.items() if isinstance(value, str)}
    else:
        raise InvalidInput("Send the token request as a form or as JSON")
    try:
        return TokenRequest.model_validate(data)
    except ValidationError as exc:
        if all(error["type"] == ErrorCode.INVALID_CHARACTERS for error in exc.errors()):
            raise InvalidCharacters() from None
        raise InvalidInput("grant_type is required; fields must be short strings") from None


def _refresh_cookie(request: Request, runtime: FabricAuth) -> str | None:
    if not runtime.settings.cookie_transport:
        return None
    return request.cookies.get(CookieNames.for_settings(runtime.settings).refresh)


async def _session_of_refresh_token(refresh_token: str | None) -> UUID | None:
    if not refresh_token:
        return None
    row = await RefreshToken.get_or_none(token_hash=hash_token(refresh_token))
    return row.session_id if row else None  # type: ignore[attr-defined]


def _auth_path(request: Request) -> str:
    """The router's path (`.../auth`): the refresh cookie is sent to its routes only."""
    return request.url.path.rsplit("/", 1)[0] or "/"


async def _refresh_cookie_checked(request: Request, runtime: FabricAuth) -> str:
    """The refresh cookie, once the CSRF header proves the request comes from our own page."""
    refresh_token = _refresh_cookie(request, runtime)
    session_id = await _session_of_refresh_token(refresh_token)
    if refresh_token is None or session_id is None:
        raise InvalidRefreshToken()
    header = request.headers.get(runtime.settings.csrf_header_name)
    if not csrf_matches(runtime.credentials.csrf_key, session_id, header):
        raise CsrfFailed()
    return refresh_token
