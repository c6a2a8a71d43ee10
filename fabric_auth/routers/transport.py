"""How a new session reaches the client: in the token response's body, and, with cookie
transport, as HttpOnly cookies (the access token, the refresh token sent only to the auth
routes, and the CSRF token the page echoes in a header). Shared by the password sign-in and
the OAuth callback."""

from __future__ import annotations

from fastapi import Response

from fabric_auth.cookies import CookieNames, csrf_token
from fabric_auth.routers.schemas import TokenResponse
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.sessions import TokenPair
from fabric_auth.settings import AuthSettings


def token_response(
    response: Response, runtime: FabricAuth, pair: TokenPair, *, refresh_path: str
) -> TokenResponse:
    """The body for `pair`; with cookie transport, its cookies set on `response` too (the
    refresh token then stays out of the body)."""
    settings = runtime.settings
    if not settings.cookie_transport:
        return TokenResponse(
            access_token=pair.access.token,
            expires_in=pair.access.expires_in,
            refresh_token=pair.refresh_token,
        )
    csrf = set_session_cookies(response, runtime, pair, refresh_path=refresh_path)
    return TokenResponse(
        access_token=pair.access.token, expires_in=pair.access.expires_in, csrf_token=csrf
    )


def set_session_cookies(
    response: Response, runtime: FabricAuth, pair: TokenPair, *, refresh_path: str
) -> str:
    """Set the session's cookies on `response`; returns the CSRF token."""
    settings = runtime.settings
    names = CookieNames.for_settings(settings)
    csrf = csrf_token(runtime.credentials.csrf_key, pair.session_id)
    session_left = (pair.session_expires_at - runtime.services.clock.now()).total_seconds()
    set_cookie(response, settings, names.access, pair.access.token, pair.access.expires_in)
    set_cookie(
        response,
        settings,
        names.refresh,
        pair.refresh_token,
        max(int(session_left), 0),
        path=refresh_path,
    )
    set_cookie(response, settings, names.csrf, csrf, None, httponly=False)
    return csrf


def set_cookie(
    response: Response,
    settings: AuthSettings,
    name: str,
    value: str,
    max_age: int | None,
    *,
    path: str = "/",
    httponly: bool = True,
    samesite: str | None = None,
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=path,
        domain=settings.cookie_domain,
        secure=settings.cookie_secure,
        httponly=httponly,
        samesite=samesite or settings.cookie_samesite,  # type: ignore[arg-type]
    )


def clear_session_cookies(response: Response, runtime: FabricAuth, *, refresh_path: str) -> None:
    settings = runtime.settings
    if not settings.cookie_transport:
        return
    names = CookieNames.for_settings(settings)
    set_cookie(response, settings, names.access, "", 0)
    set_cookie(response, settings, names.refresh, "", 0, path=refresh_path)
    set_cookie(response, settings, names.csrf, "", 0, httponly=False)
