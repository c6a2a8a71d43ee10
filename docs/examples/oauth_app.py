"""Sign-in with OAuth / OpenID Connect providers: the routes, and a page linking each provider."""

from html import escape
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from fabric_auth import AuthSettings, FabricAuth
from fabric_auth.routers import create_auth_router, create_oauth_router

PAGE_HEADERS = {"Content-Security-Policy": "default-src 'none'", "Cache-Control": "no-store"}


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    auth = FabricAuth(settings)
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())  # POST /auth/token takes the sign-in code
    app.include_router(create_oauth_router())  # /auth/oauth/...

    @app.get("/sign-in", response_class=HTMLResponse)
    async def sign_in_page(request: Request) -> HTMLResponse:
        # Where the browser lands after the provider: a page of the front end, on the allowlist.
        after = urlencode({"redirect_to": auth.settings.oauth_redirect_allowlist[0]})
        links = []
        for provider in auth.services.oauth.providers:
            path = request.app.url_path_for("oauth:authorize", provider=provider.name)
            links.append(
                f'<li><a href="{escape(f"{path}?{after}")}">'
                f"Sign in with {escape(provider.display_name)}</a></li>"
            )
        return HTMLResponse(f"<!doctype html><ul>{''.join(links)}</ul>", headers=PAGE_HEADERS)

    return app
