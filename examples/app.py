"""The fabric-auth demo app.

Run it from the repository root (or with `make demo`):

    FABRIC_AUTH_ENVIRONMENT=development \
    FABRIC_AUTH_ADMIN_EMAIL=admin@example.com \
    FABRIC_AUTH_ADMIN_PASSWORD='a long demo password' \
    uvicorn examples.app:app --no-proxy-headers

The admin dashboard is at `/admin`: sign in there as the admin.

Development mode needs no secret (a random one is used, so tokens end at restart), stores data in
`fabric_auth.sqlite3` and applies migrations on start; the admin is created on first start.

With `FABRIC_AUTH_DEMO_IDENTITY_PROVIDER=1` as well (what `make demo` sets), and only in
development, the app also serves a test OpenID Connect provider at `/dev-oidc`, signs in through
it as the provider `demo` (anyone may sign in there as any email: never deploy it), and shows a
page at `/` to start and `/welcome` to see who signed in. `FABRIC_AUTH_PUBLIC_BASE_URL` must be
the address the browser uses (`http://127.0.0.1:8000`): the provider's issuer and the callback
are built from it, and the app calls its own `/dev-oidc` over HTTP during the callback.
"""

from __future__ import annotations

import os
from html import escape
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse

from fabric_auth import (
    AuthSettings,
    FabricAuth,
    Principal,
    current_principal,
    load_settings,
    optional_principal,
)
from fabric_auth.admin import create_admin_router
from fabric_auth.routers import (
    create_auth_router,
    create_events_router,
    create_health_router,
    create_oauth_router,
)
from fabric_auth.settings import OAuthProviderSettings
from fabric_auth.testing import TestIdentityProvider

DEMO_IDENTITY_PROVIDER = "FABRIC_AUTH_DEMO_IDENTITY_PROVIDER"
"""Set to `1` (by `make demo`) to serve the test identity provider in development."""
DEMO_PROVIDER_PATH = "/dev-oidc"
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
}


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    """The demo app; settings come from `FABRIC_AUTH_*` variables unless given."""
    settings = settings or load_settings()
    provider = None
    if settings.environment == "development" and os.environ.get(DEMO_IDENTITY_PROVIDER) == "1":
        provider, settings = demo_identity_provider(settings)
    auth = FabricAuth(settings)
    app = FastAPI(title="fabric-auth demo")
    auth.install(app)
    app.include_router(create_auth_router())
    app.include_router(create_health_router())
    app.include_router(create_events_router())  # webhook endpoints, deliveries, event types
    app.include_router(create_admin_router())  # the dashboard at /admin

    @app.get("/hello")
    async def hello(who: Annotated[Principal, Depends(current_principal)]) -> dict[str, str]:
        return {"hello": str(who.id)}

    if provider is not None:
        app.include_router(create_oauth_router())
        app.mount(DEMO_PROVIDER_PATH, provider.app)
        add_demo_pages(app, auth)
    return app


def demo_identity_provider(settings: AuthSettings) -> tuple[TestIdentityProvider, AuthSettings]:
    """A test OpenID Connect provider served under this app, and the settings that sign in
    through it as `demo`: accounts made on first sign-in, cookie transport, back to this app."""
    base = str(settings.public_base_url or DEFAULT_BASE_URL).rstrip("/")
    provider = TestIdentityProvider(
        f"{base}{DEMO_PROVIDER_PATH}",
        redirect_uris=[f"{base}/auth/oauth/demo/callback"],
        interactive=True,
    )
    demo = OAuthProviderSettings(
        issuer=provider.issuer,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        display_name="the demo provider",
        jit_provisioning=True,
        link_verified_email=True,
    )
    updated = AuthSettings.model_validate(
        {
            **settings.model_dump(),
            "public_base_url": base,
            "cookie_transport": True,
            "oauth": {**settings.oauth, "demo": demo},
            "oauth_redirect_allowlist": (base, *settings.oauth_redirect_allowlist),
        }
    )
    return provider, updated


def add_demo_pages(app: FastAPI, auth: FabricAuth) -> None:
    """`/`: a link to sign in at the demo provider; `/welcome`: who is signed in (cookie)."""
    base = auth.settings.oauth_redirect_allowlist[0]

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home() -> HTMLResponse:
        query = urlencode({"redirect_to": f"{base}/welcome"})
        return page(
            "fabric-auth demo",
            f'<p><a href="/auth/oauth/demo/authorize?{escape(query)}">'
            "Sign in with the demo provider</a></p>"
            '<p>API documentation: <a href="/docs">/docs</a></p>',
        )

    @app.get("/welcome", response_class=HTMLResponse, include_in_schema=False)
    async def welcome(
        who: Annotated[Principal | None, Depends(optional_principal)],
    ) -> HTMLResponse:
        user = await auth.services.users.get(who.id) if who is not None else None
        if user is None:
            return page("Not signed in", '<p>Nobody is signed in. <a href="/">Sign in</a></p>')
        return page(
            "Welcome",
            f"<p>Signed in as <strong>{escape(user.email)}</strong>"
            f" ({escape(user.display_name or 'no name given')}).</p>"
            '<p><a href="/auth/oauth/accounts">Linked accounts (JSON)</a></p>',
        )


def page(title: str, body: str) -> HTMLResponse:
    """An HTML page without script; `body` is HTML the caller escaped."""
    html = f"<!doctype html><title>{escape(title)}</title><h1>{escape(title)}</h1>{body}"
    return HTMLResponse(html, headers=PAGE_HEADERS)


def __getattr__(name: str) -> FastAPI:
    # `uvicorn examples.app:app` looks `app` up: build it then, so importing reads no settings.
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    app = globals()["app"] = create_app()
    return app
