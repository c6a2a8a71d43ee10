"""`create_oauth_router()`: sign-in with OAuth 2 / OpenID Connect providers, and the signed-in
user's linked accounts. Mount it under the same prefix as `create_auth_router()` (default
`/auth`): the refresh cookie a sign-in sets is scoped to that path.

    GET    /auth/oauth/providers                    the configured providers (public)
    GET    /auth/oauth/{provider}/authorize         303 to the provider (public, rate-limited)
    GET    /auth/oauth/{provider}/callback          the provider sends the browser back here
    POST   /auth/oauth/{provider}/link              a signed-in user links an identity
    GET    /auth/oauth/accounts                     the caller's linked identities
    DELETE /auth/oauth/accounts/{oauth_account_id}  unlink one (never the last way to sign in)

After the callback the browser goes to the `redirect_to` the flow started with (checked against
`oauth_redirect_allowlist`). With cookie transport it arrives signed in (the session cookies are
set); otherwise it arrives with `?code=...`, a single-use code the front end exchanges at
`POST /auth/token` (`grant_type=authorization_code`) within `oauth_code_ttl` seconds: no token
ever travels in a URL. See docs/oauth.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from fabric_auth.dependencies import authorized, configured_rate_limit
from fabric_auth.exceptions import (
    AccountLocked,
    AlreadyExists,
    EmailNotVerified,
    InvalidCredentials,
    LastSignInMethod,
    NotFound,
    OAuthAccountLinkedElsewhere,
    OAuthAccountNotLinked,
    OAuthIdentityInvalid,
    OAuthProviderError,
    OAuthProviderTimeout,
    OAuthProviderUnavailable,
    OAuthProviderUnknown,
    OAuthRedirectRefused,
    OAuthStateInvalid,
)
from fabric_auth.http import FabricRoute, client_info
from fabric_auth.openapi import errors
from fabric_auth.principal import Principal
from fabric_auth.routers.schemas import DEFAULT_LIMIT, Cursor, Limit, Page, Text
from fabric_auth.routers.transport import set_session_cookies
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.authorization import Action
from fabric_auth.services.oauth import Delivery, Started
from fabric_auth.settings import AuthSettings
from fabric_auth.store.models import OAuthAccount

ProviderName = Annotated[str, Field(max_length=32, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
RedirectTo = Annotated[
    str | None,
    Query(
        max_length=2048,
        description="Where the browser goes after: an allowed origin (and path) from "
        "`oauth_redirect_allowlist`; default its first entry.",
    ),
]
_REDIRECT = {
    "description": "Redirect: `Location` is where the browser goes next",
    "headers": {"Location": {"schema": {"type": "string"}}},
}
_NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


class OAuthProviderRead(BaseModel):
    name: str
    display_name: str
    kind: str
    authorize_url: str
    """Path of this provider's authorize route (add `?redirect_to=...`)."""


class OAuthProviderList(BaseModel):
    """The configured providers: a short list from the settings, so not paged."""

    providers: list[OAuthProviderRead]


class OAuthAccountRead(BaseModel):
    id: UUID
    provider: str
    subject: str
    email: str | None
    email_verified: bool
    created_at: datetime
    last_sign_in_at: datetime | None

    @classmethod
    def of(cls, row: OAuthAccount) -> OAuthAccountRead:
        return cls(
            id=row.id,
            provider=row.provider,
            subject=row.subject,
            email=row.email,
            email_verified=row.email_verified,
            created_at=row.created_at,
            last_sign_in_at=row.last_sign_in_at,
        )


class LinkRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    redirect_to: Text | None = Field(default=None, max_length=2048)


class LinkStarted(BaseModel):
    authorization_url: str
    """Send the browser here; it comes back to `redirect_to` once the identity is linked."""


OwnAccount = Annotated[Principal, Depends(authorized(Action.ACCOUNT_OAUTH_READ))]
Linking = Annotated[Principal, Depends(authorized(Action.ACCOUNT_OAUTH_LINK))]
Unlinking = Annotated[Principal, Depends(authorized(Action.ACCOUNT_OAUTH_UNLINK))]


def browser_cookie_name(settings: AuthSettings) -> str:
    """The cookie binding a flow to the browser that started it: host-only, `__Host-` when
    Secure."""
    return "__Host-fabric_oauth" if settings.cookie_secure else "fabric_oauth"


def create_oauth_router(*, prefix: str = "/auth", name_prefix: str = "oauth") -> APIRouter:
    """OAuth / OpenID Connect sign-in routes for the providers in `AuthSettings.oauth`."""
    router = APIRouter(prefix=f"{prefix}/oauth", tags=["oauth"], route_class=FabricRoute)
    callback_name = f"{name_prefix}:callback"
    rate_limited = [Depends(configured_rate_limit("rate_limit_oauth"))]

    def redirect_uri(request: Request, provider: str) -> str:
        return callback_url(request, provider, callback_name)

    async def start(
        request: Request, provider: str, redirect_to: str | None, link_for: Principal | None
    ) -> Started:
        runtime = FabricAuth.of(request)
        oauth = runtime.services.oauth
        oauth.providers.get(provider)  # 404 before anything else
        return await oauth.start(
            provider,
            redirect_uri=redirect_uri(request, provider),
            redirect_to=redirect_to,
            browser=request.cookies.get(browser_cookie_name(runtime.settings)),
            link_for=link_for,
            client=client_info(request),
        )

    @router.get("/providers", name=f"{name_prefix}:providers", response_model=OAuthProviderList)
    async def providers(request: Request) -> OAuthProviderList:
        """The providers users may sign in with, for a sign-in page's buttons."""
        listed = [
            OAuthProviderRead(
                name=provider.name,
                display_name=provider.display_name,
                kind=provider.kind,
                authorize_url=str(
                    request.app.url_path_for(f"{name_prefix}:authorize", provider=provider.name)
                ),
            )
            for provider in FabricAuth.of(request).services.oauth.providers
        ]
        return OAuthProviderList(providers=listed)

    @router.get(
        "/{provider}/authorize",
        name=f"{name_prefix}:authorize",
        status_code=status.HTTP_303_SEE_OTHER,
        response_class=RedirectResponse,
        responses={
            303: _REDIRECT,
            **errors(
                OAuthProviderUnknown,
                OAuthRedirectRefused,
                OAuthProviderUnavailable,
                OAuthProviderTimeout,
            ),
        },
        dependencies=rate_limited,
    )
    async def authorize(
        request: Request, provider: ProviderName, redirect_to: RedirectTo = None
    ) -> Response:
        """Start a sign-in: send the browser to the provider (authorization code flow with
        PKCE S256, a state bound to this browser, and a nonce for OpenID Connect)."""
        started = await start(request, provider, redirect_to, None)
        response = RedirectResponse(started.authorization_url, status.HTTP_303_SEE_OTHER)
        bind_browser(response, FabricAuth.of(request).settings, started.browser)
        return response

    @router.get(
        "/{provider}/callback",
        name=callback_name,
        status_code=status.HTTP_303_SEE_OTHER,
        response_class=RedirectResponse,
        responses={
            303: _REDIRECT,
            **errors(
                OAuthProviderUnknown,
                OAuthStateInvalid,
                OAuthProviderError,
                OAuthIdentityInvalid,
                InvalidCredentials,
                EmailNotVerified,
                OAuthAccountNotLinked,
                OAuthAccountLinkedElsewhere,
                AlreadyExists,
                AccountLocked,
                OAuthProviderUnavailable,
                OAuthProviderTimeout,
            ),
        },
        dependencies=rate_limited,
    )
    async def callback(
        request: Request,
        provider: ProviderName,
        code: Annotated[str | None, Query(max_length=2048)] = None,
        state: Annotated[str | None, Query(max_length=512)] = None,
        error: Annotated[str | None, Query(max_length=256)] = None,
        iss: Annotated[str | None, Query(max_length=2048)] = None,
    ) -> Response:
        """Where the provider sends the browser back: finish the sign-in (or the linking) and
        send the browser on to its `redirect_to`, signed in (cookie transport) or with a
        single-use `code` for `POST /auth/token`."""
        runtime = FabricAuth.of(request)
        services = runtime.services
        finished = await services.oauth.finish(
            provider,
            state=state,
            code=code,
            error=error,
            browser=request.cookies.get(browser_cookie_name(runtime.settings)),
            issuer=iss,
            client=client_info(request),
        )
        destination = finished.redirect_to
        response = RedirectResponse(destination, status.HTTP_303_SEE_OTHER, headers=_NO_STORE)
        if finished.linked:
            return response
        if runtime.settings.cookie_transport and finished.delivery is Delivery.TRANSPORT:
            pair = await services.sessions.start(finished.user, client_info(request))
            refresh_path = f"{request.scope.get('root_path', '')}{prefix}" or "/"
            set_session_cookies(response, runtime, pair, refresh_path=refresh_path)
            return response
        sign_in_code = await services.oauth.issue_sign_in_code(finished)
        response.headers["Location"] = _with_query(destination, code=sign_in_code)
        return response

    @router.post(
        "/{provider}/link",
        name=f"{name_prefix}:link",
        response_model=LinkStarted,
        responses=errors(
            OAuthProviderUnknown,
            OAuthRedirectRefused,
            OAuthProviderUnavailable,
            OAuthProviderTimeout,
        ),
    )
    async def link(
        request: Request,
        provider: ProviderName,
        principal: Linking,
        body: LinkRequest | None = None,
    ) -> Response:
        """Start linking an identity at `provider` to the caller's account (a recent sign-in
        is needed): send the browser to `authorization_url`; it comes back to `redirect_to`."""
        started = await start(request, provider, body.redirect_to if body else None, principal)
        response = Response(
            LinkStarted(authorization_url=started.authorization_url).model_dump_json(),
            media_type="application/json",
            headers={"Cache-Control": "no-store"},
        )
        bind_browser(response, FabricAuth.of(request).settings, started.browser)
        return response

    @router.get("/accounts", name=f"{name_prefix}:accounts", response_model=Page[OAuthAccountRead])
    async def accounts(
        request: Request,
        principal: OwnAccount,
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> Page[OAuthAccountRead]:
        """The identities linked to the caller's account, most recently linked first."""
        page = await FabricAuth.of(request).services.oauth.accounts(
            principal.id, cursor=cursor, limit=limit
        )
        return Page[OAuthAccountRead].of(page, OAuthAccountRead.of)

    @router.delete(
        "/accounts/{oauth_account_id}",
        name=f"{name_prefix}:unlink",
        status_code=status.HTTP_204_NO_CONTENT,
        responses=errors(NotFound, LastSignInMethod),
    )
    async def unlink(request: Request, oauth_account_id: UUID, principal: Unlinking) -> None:
        """Unlink one of the caller's identities (a recent sign-in is needed); never the
        account's last way to sign in."""
        await FabricAuth.of(request).services.oauth.unlink(
            principal, principal.id, oauth_account_id, client=client_info(request)
        )

    return router


def callback_url(request: Request, provider: str, callback_name: str = "oauth:callback") -> str:
    """The callback URL given to the provider: its `redirect_uri` setting, else
    `public_base_url` + the callback route's path (never built from the request's `Host`)."""
    runtime = FabricAuth.of(request)
    configured = runtime.settings.oauth[provider].redirect_uri
    if configured is not None:
        return configured
    base = runtime.services.account.links.base_url()
    path = request.app.url_path_for(callback_name, provider=provider)
    return f"{base}{request.scope.get('root_path', '')}{path}"


def bind_browser(response: Response, settings: AuthSettings, browser: str) -> None:
    """The binding cookie: HttpOnly, host-only, `SameSite=Lax` (it must come back on the
    provider's top-level redirect), living as long as a flow's state."""
    response.set_cookie(
        browser_cookie_name(settings),
        browser,
        max_age=settings.oauth_state_ttl,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="lax",
    )


def _with_query(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query: list[tuple[str, Any]] = [
        pair for pair in parse_qsl(parts.query, keep_blank_values=True) if pair[0] not in params
    ]
    query.extend(params.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
