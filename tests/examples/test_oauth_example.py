"""docs/examples/oauth_app.py: a sign-in through the test identity provider, over real HTTP to
the provider, the app served in-process."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from types import ModuleType
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from fabric_auth import AuthSettings
from fabric_auth.testing import TestIdentity, TestIdentityProvider, serve, test_settings
from tests.examples.loader import load

FRONT_END = "https://app.example.com/signed-in"
CALLBACK = "https://testserver/auth/oauth/company/callback"
LINK = re.compile(r'<a href="(?P<href>[^"]+)">Sign in with (?P<name>[^<]+)</a>')


@pytest.fixture(scope="module")
def example() -> ModuleType:
    return load("docs/examples/oauth_app.py")


@pytest.fixture(scope="module")
def provider() -> Iterator[TestIdentityProvider]:
    with TestIdentityProvider.running() as served:
        yield served


def settings_for(store: str, provider: TestIdentityProvider, **overrides: object) -> AuthSettings:
    return test_settings(
        database_url=store,
        oauth={
            "company": {
                "issuer": provider.issuer,
                "client_id": provider.client_id,
                "client_secret": provider.client_secret,
                "display_name": "Company <SSO>",
                "jit_provisioning": True,
            }
        },
        oauth_redirect_allowlist=(FRONT_END,),
        public_base_url="https://testserver",
        **overrides,
    )


async def callback_location(client: httpx.AsyncClient, href: str) -> str:
    """Follow a sign-in link: the app's redirect to the provider, the provider's approval, the
    app's callback; returns where the callback sends the browser."""
    authorize = await client.get(href)
    assert authorize.status_code == 303, authorize.text
    async with httpx.AsyncClient() as outside:
        approved = await outside.get(authorize.headers["location"])
    assert approved.status_code == 302, approved.text
    back = urlsplit(approved.headers["location"])
    assert (back.scheme, back.netloc, back.path) == (
        "https",
        "testserver",
        "/auth/oauth/company/callback",
    )
    callback = await client.get(f"{back.path}?{back.query}")
    assert callback.status_code == 303, callback.text
    return str(callback.headers["location"])


async def test_sign_in_page_links_each_provider_with_the_front_end_as_destination(
    example: ModuleType, provider: TestIdentityProvider, store: str
) -> None:
    """The page lists the provider by its escaped display name, linking its authorize route
    with `redirect_to` the allowlist's first entry."""
    async with serve(example.create_app(settings_for(store, provider))) as client:
        page = await client.get("/sign-in")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == "default-src 'none'"
    links = [(html.unescape(m["href"]), m["name"]) for m in LINK.finditer(page.text)]
    assert links == [
        (
            "/auth/oauth/company/authorize?redirect_to=https%3A%2F%2Fapp.example.com%2Fsigned-in",
            "Company &lt;SSO&gt;",
        )
    ]


async def test_bearer_sign_in_lands_on_the_front_end_with_a_code_worth_one_session(
    example: ModuleType, provider: TestIdentityProvider, store: str
) -> None:
    """A first sign-in creates the account; the browser lands on the front end with a code
    that `POST /auth/token` trades for tokens of that user, once."""
    provider.reset()
    provider.identity = TestIdentity(subject="ada-1", email="ada@example.com", name="Ada")
    async with serve(example.create_app(settings_for(store, provider))) as client:
        page = await client.get("/sign-in")
        href = html.unescape(LINK.search(page.text)["href"])  # type: ignore[index]
        location = await callback_location(client, href)
        target = urlsplit(location)
        assert f"{target.scheme}://{target.netloc}{target.path}" == FRONT_END
        code = parse_qs(target.query)["code"][0]
        grant = {"grant_type": "authorization_code", "code": code}
        tokens = await client.post("/auth/token", data=grant)
        assert tokens.status_code == 200, tokens.text
        me = await client.get(
            "/auth/me", headers={"Authorization": f"Bearer {tokens.json()['access_token']}"}
        )
        again = await client.post("/auth/token", data=grant)
    assert me.json()["email"] == "ada@example.com"
    assert me.json()["display_name"] == "Ada"
    assert (again.status_code, again.json()["code"]) == (401, "invalid_sign_in_code")
    assert provider.authorize_requests[-1]["code_challenge_method"] == "S256"


async def test_cookie_sign_in_lands_signed_in(
    example: ModuleType, provider: TestIdentityProvider, store: str
) -> None:
    """With cookie transport the callback sets the session cookies and sends the browser to the
    front end without a code."""
    provider.reset()
    provider.identity = TestIdentity(subject="grace-1", email="grace@example.com", name="Grace")
    settings = settings_for(store, provider, cookie_transport=True)
    async with serve(example.create_app(settings)) as client:
        href = html.unescape(LINK.search((await client.get("/sign-in")).text)["href"])  # type: ignore[index]
        location = await callback_location(client, href)
        me = await client.get("/auth/me")
    assert location == FRONT_END
    assert me.json()["email"] == "grace@example.com"
