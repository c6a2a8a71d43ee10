"""Who is using the dashboard: its own cookies, sign-in, CSRF.

The dashboard keeps its session in two cookies of its own, whatever `cookie_transport` says:
the access token (`Path=/`) and the refresh token (`Path=<prefix>`), both `HttpOnly`, `Secure`
(unless `cookie_secure` is off, plain-HTTP development only) and `SameSite=Strict`. An expired
access token is refreshed server-side from the refresh cookie (rotation, as `/auth/token` does).
Every unsafe request carries a form field holding the session's CSRF token (an HMAC of the
session id, `fabric_auth.cookies.csrf_token`), checked before anything else.

The caller is resolved on every request from the token, with the permissions the store grants
now (`services.rbac`, kept current by the change feed): a demoted administrator loses a page on
the next click.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from fabric_auth.cookies import csrf_matches, csrf_token
from fabric_auth.credentials import credentials_of
from fabric_auth.exceptions import (
    CsrfFailed,
    InvalidRefreshToken,
    InvalidToken,
    NotAuthenticated,
)
from fabric_auth.principal import AuthMethod, Principal
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.sessions import TokenPair
from fabric_auth.settings import AuthSettings

CSRF_FIELD = "csrf_token"


@dataclass(frozen=True, slots=True)
class AdminCookies:
    access: str
    refresh: str

    @classmethod
    def for_settings(cls, settings: AuthSettings) -> AdminCookies:
        if not settings.cookie_secure:
            return cls("fabric_admin", "fabric_admin_refresh")
        return cls("__Host-fabric_admin", "__Secure-fabric_admin_refresh")


def set_session(response: Response, request: Request, pair: TokenPair, *, prefix: str) -> None:
    """Set the dashboard's cookies for a session just started or refreshed."""
    runtime = FabricAuth.of(request)
    settings = runtime.settings
    names = AdminCookies.for_settings(settings)
    session_left = (pair.session_expires_at - runtime.services.clock.now()).total_seconds()
    response.set_cookie(
        names.access,
        pair.access.token,
        max_age=pair.access.expires_in,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="strict",
    )
    response.set_cookie(
        names.refresh,
        pair.refresh_token,
        max_age=max(int(session_left), 0),
        path=prefix,
        secure=settings.cookie_secure,
        httponly=True,
        samesite="strict",
    )


def clear_session(response: Response, request: Request, *, prefix: str) -> None:
    settings = FabricAuth.of(request).settings
    names = AdminCookies.for_settings(settings)
    for name, path in ((names.access, "/"), (names.refresh, prefix)):
        response.delete_cookie(
            name, path=path, secure=settings.cookie_secure, httponly=True, samesite="strict"
        )


@dataclass(slots=True)
class Visitor:
    """The dashboard's caller for one request, with its effective permissions now."""

    principal: Principal
    csrf: str
    refreshed: TokenPair | None = None
    """Set when the access token had expired and was refreshed: the response carries the new
    cookies."""


async def visitor(request: Request) -> Visitor:
    """The signed-in visitor, or `NotAuthenticated` (the page redirects to the sign-in form).
    Only users: the dashboard's cookies are issued by its sign-in form alone."""
    runtime = FabricAuth.of(request)
    names = AdminCookies.for_settings(runtime.settings)
    credentials = credentials_of(request)
    refreshed = None
    token = request.cookies.get(names.access)
    principal = None
    if not runtime.services.changes.fresh:
        await runtime.services.changes.catch_up()
    if token:
        try:
            verified = credentials.tokens.verify(
                token, (token, AuthMethod.COOKIE), AuthMethod.COOKIE
            )
            principal = credentials.tokens.admit(verified)
        except InvalidToken:
            principal = None
    if principal is None:
        refresh_token = request.cookies.get(names.refresh)
        if not refresh_token:
            raise NotAuthenticated()
        try:
            refreshed = await runtime.services.sessions.refresh(refresh_token)
        except InvalidRefreshToken:
            raise NotAuthenticated() from None
        verified = credentials.tokens.verify(
            refreshed.access.token, (refreshed.access.token, AuthMethod.COOKIE), AuthMethod.COOKIE
        )
        principal = credentials.tokens.admit(verified)
    assert principal.session_id is not None
    permissions = await runtime.services.rbac.permissions_of(principal.id)
    return Visitor(
        principal=principal.granted(permissions),
        csrf=csrf_token(credentials.csrf_key, principal.session_id),
        refreshed=refreshed,
    )


async def check_csrf(request: Request, visitor: Visitor) -> dict[str, str]:
    """The submitted form, once its CSRF field matches the visitor's session."""
    form = await request.form()
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    assert visitor.principal.session_id is not None
    if not csrf_matches(
        credentials_of(request).csrf_key, visitor.principal.session_id, fields.get(CSRF_FIELD)
    ):
        raise CsrfFailed()
    return fields
