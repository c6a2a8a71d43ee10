"""The provider kinds against the test provider speaking their dialect, and providers that
are down, slow or failing."""

from __future__ import annotations

import socket
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fabric_auth.store.models import AuditEvent, OAuthAccount, User
from fabric_auth.testing import TestIdentity, TestIdentityProvider
from tests.conftest import AppFactory
from tests.oauth.conftest import ALLOWLIST, browser, replace_query


async def test_github_signs_in_with_the_primary_verified_email(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """GitHub: the subject is the numeric user id, the email the verified one from
    /user/emails (an unverified primary is passed over), the name GitHub's."""
    app = await make_oauth_app()
    idp.identity = TestIdentity(github_id=4242, login="octo", name="Octo Cat")
    idp.github_emails = [
        {"email": "primary@example.com", "primary": True, "verified": False},
        {"email": "checked@example.com", "primary": False, "verified": True},
    ]
    web = browser(app)
    tokens = await web.exchange(await web.sign_in("gh"))
    assert tokens.status_code == 200, tokens.text
    account = await OAuthAccount.get(provider="gh")
    assert (account.subject, account.email, account.email_verified) == (
        "4242",
        "checked@example.com",
        True,
    )
    user = await User.get()
    assert (user.email, user.display_name, user.is_verified) == (
        "checked@example.com",
        "Octo Cat",
        True,
    )
    asked = idp.authorize_requests[-1]
    assert asked["code_challenge_method"] == "S256" and "nonce" not in asked
    assert idp.token_requests[-1]["auth"] == "post"


async def test_github_without_a_verified_email_is_refused(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """Only unverified addresses at GitHub: no account is provisioned."""
    app = await make_oauth_app()
    idp.github_emails = [{"email": "x@example.com", "primary": True, "verified": False}]
    answer = await browser(app).sign_in("gh")
    assert (answer.status_code, answer.json()["code"]) == (403, "oauth_account_not_linked")
    assert await User.all().count() == 0


async def test_github_errors_answered_with_200_are_refusals(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """GitHub answers a bad code with 200 and an `error`: that is a refused code, not a
    token."""
    app = await make_oauth_app()
    web = browser(app)
    callback = await web.at_provider(await web.start("gh"))
    first = await web.client.get(callback)
    assert first.status_code == 303
    # A fresh flow presenting the first flow's spent code: GitHub says bad_verification_code.
    second = await web.at_provider(await web.start("gh"))
    spent_code = parse_qs(urlsplit(callback).query)["code"][0]
    answer = await web.client.get(replace_query(second, code=spent_code))
    assert (answer.status_code, answer.json()["code"]) == (401, "oauth_identity_invalid")


async def test_google_accepts_its_scheme_less_issuer(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """Google's ID tokens may name the issuer without `https://`: accepted for the google
    kind (and only there)."""
    app = await make_oauth_app()
    idp.id_token_issuer = idp.issuer.split("://", 1)[1]
    tokens = await browser(app).exchange(await browser(app).sign_in("google"))
    assert tokens.status_code == 200
    assert (await OAuthAccount.get()).provider == "google"
    refused = await browser(app).sign_in("test")
    assert refused.status_code == 401  # the generic kind holds the issuer exactly


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_a_provider_that_is_down_is_a_502(make_app: AppFactory) -> None:
    """Discovery cannot connect: 502 oauth_provider_unavailable, never a 500."""
    app = await make_app(
        oauth={
            "down": {
                "issuer": f"http://127.0.0.1:{_closed_port()}",
                "client_id": "c",
                "client_secret": "s",
            }
        },
        oauth_redirect_allowlist=ALLOWLIST,
        public_base_url="https://testserver",
    )
    for _ in range(2):  # the second answer comes from the failure kept for a few seconds
        answer = await app.client.get("/auth/oauth/down/authorize")
        assert (answer.status_code, answer.json()["code"]) == (502, "oauth_provider_unavailable")


async def test_a_slow_token_endpoint_is_a_504(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """A token endpoint slower than `oauth_timeout`: 504 oauth_provider_timeout, audited."""
    app = await make_oauth_app(test={"jit_provisioning": True}, oauth_timeout=0.3)
    idp.token_delay = 1.0
    answer = await browser(app).sign_in()
    assert (answer.status_code, answer.json()["code"]) == (504, "oauth_provider_timeout")
    refused = await AuditEvent.get(action="oauth.refused")
    assert refused.details["reason"] == "oauth_provider_timeout"


async def test_a_failing_token_endpoint_is_a_502(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """A token endpoint answering 500: 502 oauth_provider_unavailable."""
    app = await make_oauth_app(test={"jit_provisioning": True})
    idp.token_status = 500
    answer = await browser(app).sign_in()
    assert (answer.status_code, answer.json()["code"]) == (502, "oauth_provider_unavailable")


async def test_a_discovery_document_naming_another_issuer_is_refused(
    make_app: AppFactory, idp: TestIdentityProvider
) -> None:
    """The discovery document must name exactly the configured issuer (a trailing slash
    differs): 502, the flow never starts."""
    app = await make_app(
        oauth={"test": {"issuer": idp.issuer + "/", "client_id": "c", "client_secret": "s"}},
        oauth_redirect_allowlist=ALLOWLIST,
        public_base_url="https://testserver",
    )
    answer = await app.client.get("/auth/oauth/test/authorize")
    assert answer.status_code == 502


async def test_provider_tokens_are_kept_sealed_only_when_asked(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """`store_tokens`: the provider's access token is stored AES-GCM sealed to the account
    row, and opens with the runtime's key."""
    from fabric_auth.tokens.keys import unseal

    app = await make_oauth_app(test={"jit_provisioning": True, "store_tokens": True})
    assert (await browser(app).sign_in()).status_code == 303
    account = await OAuthAccount.get()
    assert account.access_token_sealed is not None
    key = app.auth.services.derive_key("oauth-token-encryption")
    token = unseal(key, f"oauth:{account.id}", account.access_token_sealed).decode()
    assert token in idp._access_tokens  # the very token the provider issued
    assert token not in account.access_token_sealed
    assert account.token_expires_at is not None


async def test_the_providers_list(make_oauth_app: Any) -> None:
    """GET /auth/oauth/providers names each provider, its kind and authorize path."""
    app = await make_oauth_app()
    answer = await app.client.get("/auth/oauth/providers")
    assert answer.json()["providers"] == [
        {
            "name": "test",
            "display_name": "Test",
            "kind": "oidc",
            "authorize_url": "/auth/oauth/test/authorize",
        },
        {
            "name": "google",
            "display_name": "Google",
            "kind": "google",
            "authorize_url": "/auth/oauth/google/authorize",
        },
        {
            "name": "gh",
            "display_name": "GitHub",
            "kind": "github",
            "authorize_url": "/auth/oauth/gh/authorize",
        },
    ]
