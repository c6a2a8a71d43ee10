"""A test identity provider on loopback, and a browser that walks a sign-in through it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from fabric_auth.testing import TestIdentityProvider
from tests.conftest import AppFactory, RunningApp

APP = "https://app.example.com"
ALLOWLIST = (f"{APP}", "https://example.com/app")


@pytest.fixture(scope="session")
def served_idp() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider.running() as provider:
        yield provider


@pytest.fixture
def idp(served_idp: TestIdentityProvider) -> TestIdentityProvider:
    """The provider, its knobs and records reset for the test."""
    served_idp.reset()
    return served_idp


def providers(idp: TestIdentityProvider, **test: Any) -> dict[str, Any]:
    """Settings for three providers on the test provider: `test` (OpenID Connect, with
    `test`'s overrides), `google` (Google's kind, the same issuer) and `gh` (GitHub's kind,
    its endpoints pointed at the test provider's GitHub dialect)."""
    client = {"client_id": idp.client_id, "client_secret": idp.client_secret}
    return {
        "oauth": {
            "test": {"issuer": idp.issuer, **client, **test},
            "google": {"kind": "google", "issuer": idp.issuer, **client, "jit_provisioning": True},
            "gh": {
                "kind": "github",
                **client,
                "authorize_url": idp.url("/login/oauth/authorize"),
                "token_url": idp.url("/login/oauth/access_token"),
                "api_url": idp.url("/api"),
                "jit_provisioning": True,
            },
        },
        "oauth_redirect_allowlist": ALLOWLIST,
        "public_base_url": "https://testserver",
    }


@dataclass
class Browser:
    """One browser: its own cookie jar at the app, real HTTP to the provider."""

    app: RunningApp
    client: httpx.AsyncClient
    visited: list[str] = field(default_factory=list)

    async def start(self, provider: str = "test", **params: str) -> httpx.Response:
        return await self.client.get(f"/auth/oauth/{provider}/authorize", params=params)

    async def at_provider(self, authorize: httpx.Response) -> str:
        """Follow the app's redirect to the provider, which approves at once; returns the
        callback path and query the provider sends the browser back to."""
        assert authorize.status_code == 303, authorize.text
        location = authorize.headers["location"]
        self.visited.append(location)
        async with httpx.AsyncClient() as outside:
            answer = await outside.get(location)
        assert answer.status_code in (302, 303), answer.text
        back = urlsplit(answer.headers["location"])
        assert back.netloc == "testserver", back
        return f"{back.path}?{back.query}"

    async def sign_in(self, provider: str = "test", **params: str) -> httpx.Response:
        """The whole round: authorize, the provider, the callback's answer."""
        callback = await self.at_provider(await self.start(provider, **params))
        return await self.client.get(callback)

    async def exchange(self, callback: httpx.Response) -> httpx.Response:
        """Bearer transport: trade the code the callback redirected with at /auth/token."""
        assert callback.status_code == 303, callback.text
        code = parse_qs(urlsplit(callback.headers["location"]).query)["code"][0]
        return await self.client.post(
            "/auth/token", data={"grant_type": "authorization_code", "code": code}
        )


def replace_query(path: str, **params: str) -> str:
    """`path` with some query parameters replaced."""
    parts = urlsplit(path)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query.update(params)
    return f"{parts.path}?{urlencode(query)}"


def browser(app: RunningApp, client: httpx.AsyncClient | None = None) -> Browser:
    return Browser(app, client or app.client)


def another_browser(app: RunningApp) -> httpx.AsyncClient:
    """A second client on the same running app, with a cookie jar of its own."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app.app), base_url="https://testserver"
    )


@pytest.fixture
def make_oauth_app(make_app: AppFactory, idp: TestIdentityProvider) -> Any:
    async def factory(*, test: dict[str, Any] | None = None, **settings: Any) -> RunningApp:
        return await make_app(**providers(idp, **(test or {})), **settings)

    return factory
