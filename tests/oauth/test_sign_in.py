"""OAuth / OpenID Connect sign-in, end to end: the app served in-process, the test identity
provider on loopback, a browser walking between them."""

from __future__ import annotations

import asyncio
import base64
import hashlib
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from fabric_auth.store.models import AuditEvent, OAuthAccount, OAuthFlow, Role, User
from fabric_auth.testing import TestIdentity, TestIdentityProvider
from tests.oauth.conftest import APP, another_browser, browser


async def audit(action: str) -> list[AuditEvent]:
    return await AuditEvent.filter(action=action).order_by("seq")


async def test_first_sign_in_provisions_an_account_and_hands_a_single_use_code(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """JIT on: a verified identity nobody holds gets an account (default roles, verified), the
    browser goes to `redirect_to` with a code, and the code buys one session, once."""
    app = await make_oauth_app(test={"jit_provisioning": True})
    idp.identity = TestIdentity(subject="sub-42", email="Grace@Example.com", name="Grace")
    web = browser(app)
    callback = await web.sign_in(redirect_to=f"{APP}/welcome?tab=1")
    assert callback.status_code == 303
    location = urlsplit(callback.headers["location"])
    assert (location.scheme, location.netloc, location.path) == (
        "https",
        "app.example.com",
        "/welcome",
    )
    query = parse_qs(location.query)
    assert query["tab"] == ["1"] and len(query["code"][0]) >= 40
    assert "access_token" not in callback.headers["location"]
    assert callback.headers["cache-control"] == "no-store"

    tokens = await web.exchange(callback)
    assert tokens.status_code == 200, tokens.text
    me = await app.client.get(
        "/users/me", headers={"Authorization": f"Bearer {tokens.json()['access_token']}"}
    )
    assert me.json()["email"] == "Grace@Example.com"
    assert me.json()["is_verified"] is True
    assert me.json()["display_name"] == "Grace"
    assert me.json()["roles"] == ["user"]
    user = await User.get(email_normalized="grace@example.com")
    assert user.password_hash is None
    account = await OAuthAccount.get(provider="test", subject="sub-42")
    assert account.user_id == user.id  # type: ignore[attr-defined]
    assert (account.email, account.email_verified) == ("Grace@Example.com", True)
    assert account.last_sign_in_at is not None
    assert account.access_token_sealed is None  # store_tokens is off

    again = await web.exchange(callback)
    assert again.status_code == 401
    assert again.json()["code"] == "invalid_sign_in_code"

    signed_in = await audit("oauth.signed_in")
    assert [(e.details["provider"], e.details["via"], e.actor_id) for e in signed_in] == [
        ("test", "provisioned", str(user.id))
    ]
    linked = await audit("oauth.linked")
    assert linked[0].details["email_verified"] is True and linked[0].target_id == str(user.id)


async def test_the_flow_uses_pkce_s256_state_and_nonce(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """The authorize request carries a S256 challenge, a state and a nonce; the token request
    the verifier that hashes to the challenge; the flow's row is gone after the callback."""
    app = await make_oauth_app(test={"jit_provisioning": True})
    web = browser(app)
    callback = await web.sign_in()
    assert callback.status_code == 303
    asked = idp.authorize_requests[-1]
    assert asked["code_challenge_method"] == "S256"
    assert len(asked["state"]) >= 40 and len(asked["nonce"]) >= 40
    assert asked["redirect_uri"] == "https://testserver/auth/oauth/test/callback"
    verifier = idp.token_requests[-1]["code_verifier"]
    digest = hashlib.sha256(verifier.encode()).digest()
    assert base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == asked["code_challenge"]
    assert verifier not in web.visited[-1]  # the verifier never travels through the browser
    assert await OAuthFlow.all().count() == 0


async def test_cookie_transport_signs_the_browser_in(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """With cookie transport the callback sets the session cookies (refresh cookie scoped to
    the auth routes) and redirects without a code."""
    app = await make_oauth_app(test={"jit_provisioning": True}, cookie_transport=True)
    callback = await browser(app).sign_in()
    assert callback.status_code == 303
    assert "code=" not in callback.headers["location"]
    cookies = {h.split("=", 1)[0]: h for h in callback.headers.get_list("set-cookie")}
    assert "HttpOnly" in cookies["__Host-fabric_access"]
    assert "Path=/auth" in cookies["__Secure-fabric_refresh"]
    assert "__Host-fabric_csrf" in cookies
    me = await app.client.get("/auth/me")
    assert me.status_code == 200
    assert me.json()["email"] == "user@example.com"


async def test_the_browser_binding_cookie(make_oauth_app: Any) -> None:
    """The authorize answer binds the flow with an HttpOnly, host-only, SameSite=Lax cookie."""
    app = await make_oauth_app()
    started = await browser(app).start()
    header = started.headers["set-cookie"]
    assert header.startswith("__Host-fabric_oauth=")
    assert "HttpOnly" in header and "Secure" in header and "SameSite=lax" in header
    assert "Domain" not in header and "Path=/" in header
    flow = await OAuthFlow.get()
    binding = header.split(";")[0].split("=", 1)[1]
    assert flow.browser_hash == hashlib.sha256(binding.encode()).hexdigest()
    assert flow.redirect_to == APP


async def test_jit_off_refuses_an_unknown_identity(make_oauth_app: Any) -> None:
    """Without JIT provisioning an unlinked identity is refused with a code; nothing is made."""
    app = await make_oauth_app()
    callback = await browser(app).sign_in()
    assert callback.status_code == 403
    assert callback.json()["code"] == "oauth_account_not_linked"
    assert await User.all().count() == 0 and await OAuthAccount.all().count() == 0
    refused = await audit("oauth.refused")
    assert [(e.details["provider"], e.details["reason"]) for e in refused] == [
        ("test", "jit_disabled")
    ]


async def test_jit_roles_come_from_the_provider_setting(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """A provider's `roles` replace the default roles of the accounts it provisions."""
    app = await make_oauth_app(test={"jit_provisioning": True, "roles": ["viewer"]})
    await Role.create(name="viewer", permissions=["account:read"])
    tokens = await browser(app).exchange(await browser(app).sign_in())
    me = await app.client.get(
        "/users/me", headers={"Authorization": f"Bearer {tokens.json()['access_token']}"}
    )
    assert me.json()["roles"] == ["viewer"]


@pytest.mark.parametrize(
    ("verified", "link_setting", "jit", "want", "reason"),
    [
        (False, True, True, 403, "email_unverified"),
        (True, False, True, 403, "email_taken"),
        (True, True, False, 303, None),
    ],
)
async def test_linking_by_email_needs_a_verified_email_and_the_setting(
    make_oauth_app: Any,
    idp: TestIdentityProvider,
    verified: bool,
    link_setting: bool,
    jit: bool,
    want: int,
    reason: str | None,
) -> None:
    """An identity showing an existing account's email links to it only when the provider
    asserts the email verified and `link_verified_email` is on; otherwise it is refused and
    the account is untouched."""
    app = await make_oauth_app(test={"jit_provisioning": jit, "link_verified_email": link_setting})
    owner = await app.create_user("ada@example.com")
    idp.identity = TestIdentity(
        subject="ada-at-idp", email="ADA@example.com", email_verified=verified
    )
    callback = await browser(app).sign_in()
    assert callback.status_code == want, callback.text
    if reason is not None:
        assert callback.json()["code"] == "oauth_account_not_linked"
        assert await OAuthAccount.all().count() == 0
        assert [e.details["reason"] for e in await audit("oauth.refused")] == [reason]
        return
    account = await OAuthAccount.get(subject="ada-at-idp")
    assert account.user_id == owner.id  # type: ignore[attr-defined]
    assert (await audit("oauth.linked"))[0].details["via"] == "verified_email"
    assert await User.all().count() == 1


async def test_an_unverified_email_never_provisions(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """JIT on, but the provider does not assert the email verified: refused, so nobody can
    pre-register an address they do not own."""
    app = await make_oauth_app(test={"jit_provisioning": True})
    idp.identity = TestIdentity(email="victim@example.com", email_verified=False)
    callback = await browser(app).sign_in()
    assert callback.status_code == 403
    assert await User.all().count() == 0


async def test_a_linked_identity_signs_in_whatever_email_it_shows_now(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """Sign-in goes by (provider, subject): a changed email at the provider still reaches the
    same account, and the account row records the email as now seen."""
    app = await make_oauth_app(test={"jit_provisioning": True})
    first = await browser(app).exchange(await browser(app).sign_in())
    assert first.status_code == 200
    idp.identity = TestIdentity(email="renamed@example.com", email_verified=False)
    second = await browser(app).exchange(await browser(app).sign_in())
    assert second.status_code == 200
    assert await User.all().count() == 1
    account = await OAuthAccount.get(subject="user-1")
    assert (account.email, account.email_verified) == ("renamed@example.com", False)


async def test_deactivated_and_locked_accounts_are_refused(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """A linked user who was deactivated gets 401 invalid_credentials; a locked one 429."""
    app = await make_oauth_app(test={"jit_provisioning": True}, lockout_failures=1)
    assert (await browser(app).exchange(await browser(app).sign_in())).status_code == 200
    user = await User.get()
    await app.auth.services.user_admin.deactivate(None, user.id, "left")
    refused = await browser(app).sign_in()
    assert (refused.status_code, refused.json()["code"]) == (401, "invalid_credentials")
    await app.auth.services.user_admin.reactivate(None, user.id, "back")
    bad = await app.client.post(
        "/auth/token",
        data={"grant_type": "password", "username": user.email, "password": "wrong password"},
    )
    assert bad.status_code == 401
    locked = await browser(app).sign_in()
    assert (locked.status_code, locked.json()["code"]) == (429, "account_locked")
    assert int(locked.headers["retry-after"]) > 0


async def test_concurrent_first_sign_ins_make_one_account(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """Four browsers finishing a first sign-in of one new identity at the same moment: one
    account, one link, every browser signed in to it."""
    app = await make_oauth_app(test={"jit_provisioning": True})
    clients = [another_browser(app) for _ in range(4)]
    try:
        walkers = [browser(app, client) for client in clients]
        callbacks = [await walker.at_provider(await walker.start()) for walker in walkers]
        answers = await asyncio.gather(
            *(
                walker.client.get(callback)
                for walker, callback in zip(walkers, callbacks, strict=True)
            )
        )
        reasons = [e.details for e in await AuditEvent.filter(action="oauth.refused")]
        assert [answer.status_code for answer in answers] == [303] * 4, reasons
        tokens = [
            await walker.exchange(answer) for walker, answer in zip(walkers, answers, strict=True)
        ]
    finally:
        for client in clients:
            await client.aclose()
    assert await User.all().count() == 1
    assert await OAuthAccount.all().count() == 1
    user = await User.get()
    subjects = set()
    for answer in tokens:
        me = await app.client.get(
            "/auth/me", headers={"Authorization": f"Bearer {answer.json()['access_token']}"}
        )
        subjects.add(me.json()["id"])
    assert subjects == {str(user.id)}
