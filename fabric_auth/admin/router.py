"""`create_admin_router()`: the dashboard's routes, and how their errors become pages."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Coroutine
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.responses import Response
from starlette.routing import NoMatchFound

from fabric_auth.admin import pages
from fabric_auth.admin.access import PREFIX_SCOPE_KEY, VISITOR_STATE, Page
from fabric_auth.admin.rendering import redirect, render
from fabric_auth.admin.session import (
    Visitor,
    check_csrf,
    clear_session,
    set_session,
    visitor,
)
from fabric_auth.credentials import credentials_of
from fabric_auth.dependencies import configured_rate_limit
from fabric_auth.exceptions import (
    AuthenticationFailed,
    FabricAuthError,
    InvalidCredentials,
    InvalidSignInCode,
    ReauthRequired,
)
from fabric_auth.http import client_info
from fabric_auth.openapi import ADMIN_EXTENSION
from fabric_auth.routers.oauth import bind_browser, browser_cookie_name, callback_url
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.sessions import RevokeReason

LOGIN_COOKIE = "fabric_admin_login"

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def create_admin_router(*, prefix: str = "/admin") -> APIRouter:
    """The admin dashboard under `prefix`: server-rendered pages over the same services and
    the one authorization decision point. Mount it with `app.include_router(...)`; see
    docs/admin.md."""
    route_class = _admin_route_class(prefix)
    router = APIRouter(
        prefix=prefix,
        route_class=route_class,
        tags=["admin"],
        include_in_schema=True,
        default_response_class=Response,
    )
    _add_sign_in(router, prefix)
    _add_static(router)
    for section in pages.SECTIONS:
        section.add_routes(router)
    for route in router.routes:
        if isinstance(route, APIRoute):
            route.openapi_extra = {**(route.openapi_extra or {}), ADMIN_EXTENSION: True}
    return router


def _admin_route_class(prefix: str) -> type[APIRoute]:
    class AdminRoute(APIRoute):
        """Errors become pages; a session refreshed on the way carries its new cookies."""

        def get_route_handler(self) -> Handler:
            handler = super().get_route_handler()

            async def admin_handler(request: Request) -> Response:
                request.scope[PREFIX_SCOPE_KEY] = prefix
                try:
                    response = await handler(request)
                except FabricAuthError as error:
                    response = _error_page(request, prefix, error)
                except RequestValidationError:
                    response = _page_of_error(
                        request, prefix, 422, "Invalid input", "Check the form and try again."
                    )
                seen: Visitor | None = getattr(request.state, VISITOR_STATE, None)
                if seen is not None and seen.refreshed is not None:
                    set_session(response, request, seen.refreshed, prefix=prefix)
                return response

            return admin_handler

    return AdminRoute


def _error_page(request: Request, prefix: str, error: FabricAuthError) -> Response:
    if isinstance(error, ReauthRequired):
        return redirect(f"{prefix}/login?reauth=1&next={quote(_back(request, prefix))}")
    if isinstance(error, AuthenticationFailed) and not isinstance(error, InvalidCredentials):
        return redirect(f"{prefix}/login?next={quote(_back(request, prefix))}")
    title = _TITLES.get(error.status_code, "Error")
    response = _page_of_error(request, prefix, error.status_code, title, error.detail)
    for name, value in error.headers.items():
        if name.lower() == "retry-after":
            response.headers[name] = value
    return response


_TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    409: "Conflict",
    422: "Invalid input",
    429: "Too many requests",
    502: "Provider unavailable",
    503: "Unavailable",
    504: "Provider timeout",
}


def _page_of_error(request: Request, prefix: str, status: int, title: str, detail: str) -> Response:
    """The error as a page: inside the dashboard's frame (sections, sign-out) when the visitor
    is known, on its own otherwise."""
    context = {"title": title, "detail": detail, "status": status}
    seen: Visitor | None = getattr(request.state, VISITOR_STATE, None)
    if seen is not None:
        page = Page(request=request, visitor=seen, prefix=prefix)
        return page.render("refused.html", status_code=status, **context)
    return render(request, "error.html", context, prefix=prefix, status_code=status)


def _back(request: Request, prefix: str) -> str:
    """Where to return after signing in: this page for a GET, the dashboard's home otherwise."""
    if request.method == "GET":
        path = request.url.path
        return f"{path}?{request.url.query}" if request.url.query else path
    return prefix


def safe_next(candidate: str | None, prefix: str) -> str:
    """A `next` that stays inside the dashboard (a path under `prefix`), else the home page."""
    if not candidate or "\\" in candidate or any(ord(c) < 0x21 for c in candidate):
        return prefix
    parts = urlsplit(candidate)
    if (
        parts.scheme
        or parts.netloc
        or not (parts.path == prefix or parts.path.startswith(prefix + "/"))
    ):
        return prefix
    segments = parts.path.split("/")
    if "." in segments or ".." in segments:
        return prefix
    return candidate


STYLESHEET = resources.files("fabric_auth.admin").joinpath("static/admin.css")


def _add_static(router: APIRouter) -> None:
    @router.get("/static/admin.css", name="admin:stylesheet")
    async def stylesheet() -> Response:
        """The dashboard's stylesheet (shipped in the package: no CDN, works offline)."""
        return Response(
            STYLESHEET.read_bytes(),
            media_type="text/css",
            headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
        )


def _sign_in_providers(request: Request, prefix: str) -> list[tuple[str, str]]:
    """(label, URL) of each provider the form offers: none unless the app mounts the OAuth
    router (its callback is where providers send the browser back)."""
    try:
        request.app.url_path_for("oauth:callback", provider="x")
    except NoMatchFound:
        return []
    root = request.scope.get("root_path", "")
    return [
        (provider.display_name, f"{root}{prefix}/login/oauth/{provider.name}")
        for provider in FabricAuth.of(request).services.oauth.providers
    ]


def _login_token(request: Request, browser: str) -> str:
    key = credentials_of(request).csrf_key
    return hmac.new(key, b"admin-login:" + browser.encode(), hashlib.sha256).hexdigest()


def _add_sign_in(router: APIRouter, prefix: str) -> None:
    rate_limited = [Depends(configured_rate_limit("rate_limit_token"))]

    @router.get("/login", name="admin:login")
    async def login_form(
        request: Request, next: str | None = None, reauth: bool = False, failed: bool = False
    ) -> Response:
        """The sign-in form (a double-submit token binds the form to this browser)."""
        browser = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(32)
        response = render(
            request,
            "login.html",
            {
                "prefix": prefix,
                "next": safe_next(next, prefix),
                "token": _login_token(request, browser),
                "reauth": reauth,
                "failed": failed,
                "providers": _sign_in_providers(request, prefix),
            },
            prefix=prefix,
            status_code=401 if failed else 200,
        )
        settings = FabricAuth.of(request).settings
        response.set_cookie(
            LOGIN_COOKIE,
            browser,
            max_age=3600,
            path=prefix,
            secure=settings.cookie_secure,
            httponly=True,
            samesite="strict",
        )
        return response

    @router.post("/login", name="admin:sign_in", dependencies=rate_limited)
    async def sign_in(
        request: Request,
        login: Annotated[str, Form(max_length=320)],
        password: Annotated[str, Form(max_length=4096)],
        token: Annotated[str, Form(max_length=128)],
        next: Annotated[str, Form(max_length=2048)] = prefix,
    ) -> Response:
        """Sign in with a password; the dashboard's cookies are set, the browser goes on to
        `next` (a page of the dashboard)."""
        browser = request.cookies.get(LOGIN_COOKIE)
        if browser is None or not hmac.compare_digest(_login_token(request, browser), token):
            return _page_of_error(
                request, prefix, 403, "Not allowed", "The sign-in form expired: open it again."
            )
        services = FabricAuth.of(request).services
        try:
            pair = await services.sessions.sign_in(login, password, client_info(request))
        except InvalidCredentials:
            return redirect(f"{prefix}/login?failed=1&next={quote(safe_next(next, prefix))}")
        response = redirect(safe_next(next, prefix))
        set_session(response, request, pair, prefix=prefix)
        return response

    oauth_limited = [Depends(configured_rate_limit("rate_limit_oauth"))]

    @router.get("/login/oauth/{provider}", name="admin:oauth_sign_in", dependencies=oauth_limited)
    async def oauth_sign_in(request: Request, provider: str) -> Response:
        """Sign in through an OAuth / OpenID Connect provider (the app must mount
        `create_oauth_router()`): the callback sends the browser back with a code bound to it."""
        runtime = FabricAuth.of(request)
        oauth = runtime.services.oauth
        oauth.providers.get(provider)  # 404 page for an unknown one
        base = runtime.services.account.links.base_url()
        started = await oauth.start_dashboard_sign_in(
            provider,
            redirect_uri=callback_url(request, provider),
            destination=f"{base}{request.scope.get('root_path', '')}{prefix}/login/oauth-done",
            browser=request.cookies.get(browser_cookie_name(runtime.settings)),
        )
        response = redirect(started.authorization_url)
        bind_browser(response, runtime.settings, started.browser)
        return response

    @router.get("/login/oauth-done", name="admin:oauth_done", dependencies=oauth_limited)
    async def oauth_done(request: Request, code: str = "") -> Response:
        """Where an OAuth sign-in to the dashboard ends: the code, from this browser, opens a
        session."""
        runtime = FabricAuth.of(request)
        services = runtime.services
        browser = request.cookies.get(browser_cookie_name(runtime.settings))
        try:
            user = await services.oauth.redeem_sign_in_code(code[:128], browser=browser)
        except InvalidSignInCode:
            return redirect(f"{prefix}/login?failed=1")
        pair = await services.sessions.start(user, client_info(request))
        response = redirect(prefix)
        set_session(response, request, pair, prefix=prefix)
        return response

    @router.post("/logout", name="admin:logout")
    async def logout(request: Request) -> Response:
        """End the dashboard's session (any signed-in visitor, with the form's CSRF field)."""
        seen = await visitor(request)
        await check_csrf(request, seen)
        session_id = seen.principal.session_id
        assert session_id is not None
        await FabricAuth.of(request).services.sessions.end(
            session_id, RevokeReason.LOGOUT, client=client_info(request)
        )
        response = redirect(f"{prefix}/login")
        clear_session(response, request, prefix=prefix)
        return response

    @router.get("", name="admin:home")
    async def home(request: Request) -> Response:
        """The first section the visitor may see; 403 when there is none."""
        seen = await visitor(request)
        setattr(request.state, VISITOR_STATE, seen)
        page = Page(request=request, visitor=seen, prefix=prefix)
        allowed = page.context({})["nav"]
        if not allowed:
            return _page_of_error(
                request,
                prefix,
                403,
                "Not allowed",
                "Your account holds none of the permissions the dashboard needs.",
            )
        return redirect(page.url(allowed[0].path))
