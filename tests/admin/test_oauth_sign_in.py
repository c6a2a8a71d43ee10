"""Signing in to the dashboard through an OAuth / OpenID Connect provider."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
from fastapi import FastAPI

from fabric_auth import FabricAuth
from fabric_auth.admin import create_admin_router
from fabric_auth.testing import TestIdentity, TestIdentityProvider, serve, test_settings
from tests.conftest import AppFactory
from tests.oauth.conftest import another_browser, idp, providers, served_idp  # noqa: F401


async def test_the_form_offers_providers_and_a_provider_signs_in(
    make_app: AppFactory,
    idp: TestIdentityProvider,  # noqa: F811 (the fixture imported above)
) -> None:
    """The sign-in form links each provider; its flow ends on the dashboard signed in, with a
    code that works only from the browser that started it and never at /auth/token."""
    app = await make_app(**providers(idp, link_verified_email=True))
    app.app.include_router(create_admin_router())
    await app.create_user("root@example.com", is_system_admin=True)
    idp.identity = TestIdentity(subject="root-at-idp", email="root@example.com")
    form = await app.client.get("/admin/login")
    assert 'href="/admin/login/oauth/test"' in form.text
    started = await app.client.get("/admin/login/oauth/test")
    assert started.status_code == 303
    async with httpx.AsyncClient() as outside:
        at_provider = await outside.get(started.headers["location"])
    back = urlsplit(at_provider.headers["location"])
    callback = await app.client.get(f"{back.path}?{back.query}")
    assert callback.status_code == 303, callback.text
    done = urlsplit(callback.headers["location"])
    assert (done.netloc, done.path) == ("testserver", "/admin/login/oauth-done")
    code = parse_qs(done.query)["code"][0]

    exchanged = await app.client.post(
        "/auth/token", data={"grant_type": "authorization_code", "code": code}
    )
    assert (exchanged.status_code, exchanged.json()["code"]) == (401, "invalid_sign_in_code")
    async with another_browser(app) as stranger:
        refused = await stranger.get(f"/admin/login/oauth-done?code={code}")
        assert refused.headers["location"] == "/admin/login?failed=1"
    signed_in = await app.client.get(f"/admin/login/oauth-done?code={code}")
    assert signed_in.headers["location"] == "/admin"
    assert (await app.client.get("/admin/overview")).status_code == 200
    replayed = await app.client.get(f"/admin/login/oauth-done?code={code}")
    assert replayed.headers["location"] == "/admin/login?failed=1"


async def test_without_the_oauth_router_the_form_offers_no_provider(
    store: str,
    idp: TestIdentityProvider,  # noqa: F811
) -> None:
    """Providers configured but no callback mounted: the form lists none."""
    auth = FabricAuth(test_settings(database_url=store, **providers(idp)))
    app = FastAPI()
    auth.install(app)
    app.include_router(create_admin_router())
    async with serve(app) as client:
        form = await client.get("/admin/login")
    assert form.status_code == 200
    assert "/admin/login/oauth/" not in form.text
