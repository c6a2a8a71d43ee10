"""Linked accounts from a signed-in session: link, list, unlink; and a flow that crosses
instances."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx

from fabric_auth.store.models import AuditEvent, OAuthAccount
from fabric_auth.testing import TestIdentity, TestIdentityProvider
from tests.conftest import AppFactory, RunningApp
from tests.oauth.conftest import APP, browser, providers, replace_query


async def bearer(app: RunningApp, login: str = "ada@example.com") -> dict[str, str]:
    return {"Authorization": f"Bearer {(await app.tokens(login))['access_token']}"}


async def link(app: RunningApp, headers: dict[str, str], provider: str = "test") -> httpx.Response:
    """Start linking from the session, walk the provider, return the callback's answer."""
    started = await app.client.post(
        f"/auth/oauth/{provider}/link", headers=headers, json={"redirect_to": f"{APP}/settings"}
    )
    assert started.status_code == 200, started.text
    web = browser(app)
    redirect = httpx.Response(303, headers={"location": started.json()["authorization_url"]})
    return await web.client.get(await web.at_provider(redirect))


async def test_a_signed_in_user_links_lists_and_unlinks(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """Link an identity (audited), see it listed, unlink it (audited) while a password
    remains."""
    app = await make_oauth_app()
    user = await app.create_user()
    headers = await bearer(app)
    idp.identity = TestIdentity(
        subject="ada-sub", email="ada@elsewhere.example", email_verified=False
    )
    answer = await link(app, headers)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{APP}/settings"
    listed = await app.client.get("/auth/oauth/accounts", headers=headers)
    [account] = listed.json()["items"]
    assert (account["provider"], account["subject"], account["email"]) == (
        "test",
        "ada-sub",
        "ada@elsewhere.example",
    )
    linked = await AuditEvent.get(action="oauth.linked")
    assert linked.details["via"] == "signed_in_user" and linked.target_id == str(user.id)
    # The linked identity now signs Ada in, though its email is unverified and not hers.
    signed_in = await browser(app).exchange(await browser(app).sign_in())
    assert signed_in.status_code == 200
    removed = await app.client.delete(f"/auth/oauth/accounts/{account['id']}", headers=headers)
    assert removed.status_code == 204
    assert await OAuthAccount.all().count() == 0
    unlinked = await AuditEvent.get(action="oauth.unlinked")
    assert unlinked.details == {"provider": "test", "subject": "ada-sub"}
    assert unlinked.actor_id == str(user.id)


async def test_the_last_way_to_sign_in_cannot_be_unlinked(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """A provisioned account (no password) keeps its only linked identity: 409."""
    app = await make_oauth_app(test={"jit_provisioning": True})
    tokens = (await browser(app).exchange(await browser(app).sign_in())).json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    [account] = (await app.client.get("/auth/oauth/accounts", headers=headers)).json()["items"]
    answer = await app.client.delete(f"/auth/oauth/accounts/{account['id']}", headers=headers)
    assert (answer.status_code, answer.json()["code"]) == (409, "last_sign_in_method")
    assert await OAuthAccount.all().count() == 1


async def test_an_identity_linked_to_someone_else_cannot_be_linked_again(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """Linking an identity another account holds: 409 oauth_account_linked_elsewhere."""
    app = await make_oauth_app()
    await app.create_user()
    await app.create_user("bob@example.com")
    assert (await link(app, await bearer(app))).status_code == 303
    answer = await link(app, await bearer(app, "bob@example.com"))
    assert (answer.status_code, answer.json()["code"]) == (409, "oauth_account_linked_elsewhere")
    [account] = await OAuthAccount.all()
    assert account.user_id == (await app.auth.services.users.find_by_login("ada@example.com")).id  # type: ignore[attr-defined, union-attr]


async def test_linking_needs_a_recent_sign_in(make_oauth_app: Any) -> None:
    """Past `reauth_window`, linking (and unlinking) asks for a fresh sign-in."""
    app = await make_oauth_app()
    await app.create_user()
    headers = await bearer(app)
    app.clock.advance(app.auth.settings.reauth_window + 1)
    answer = await app.client.post("/auth/oauth/test/link", headers=headers)
    assert (answer.status_code, answer.json()["code"]) == (401, "reauth_required")
    assert answer.headers["www-authenticate"].startswith("Bearer")


async def test_a_flow_started_on_one_instance_finishes_on_another(
    make_app: AppFactory, idp: TestIdentityProvider
) -> None:
    """Instance A starts, instance B (same store) takes the callback: the flow lives in the
    store, not in A's memory."""
    settings = providers(idp, jit_provisioning=True)
    first = await make_app(**settings)
    second = await make_app(**settings)
    web = browser(first)
    callback = await web.at_provider(await web.start())
    cookie = first.client.cookies.get("__Host-fabric_oauth")
    assert cookie
    second.client.cookies.set("__Host-fabric_oauth", cookie)
    answer = await second.client.get(callback)
    assert answer.status_code == 303, answer.text
    code = urlsplit(answer.headers["location"]).query.split("code=")[1]
    tokens = await first.client.post(
        "/auth/token", data={"grant_type": "authorization_code", "code": code}
    )
    assert tokens.status_code == 200


async def test_the_callback_is_rate_limited(make_oauth_app: Any) -> None:
    """`rate_limit_oauth` per client address on authorize and callback: 429 past it."""
    app = await make_oauth_app(rate_limit_oauth="2/minute")
    codes = [(await app.client.get("/auth/oauth/test/callback")).status_code for _ in range(3)]
    assert codes == [400, 400, 429]


async def test_sign_ins_are_counted_by_provider_and_result(
    make_oauth_app: Any, idp: TestIdentityProvider
) -> None:
    """`fabric_auth_oauth_sign_ins_total{provider, result}` counts successes and refusals by
    reason (a provider's free-form error keeps only its kind)."""
    app = await make_oauth_app(test={"jit_provisioning": True}, metrics_enabled=True)
    assert (await browser(app).sign_in()).status_code == 303
    idp.id_token_claims = {"nonce": "wrong"}
    assert (await browser(app).sign_in()).status_code == 401
    web = browser(app)
    callback = await web.at_provider(await web.start())
    await web.client.get(replace_query(callback, error=f"x{'y' * 40}"))
    registry = app.auth.metrics.registry  # type: ignore[union-attr]
    sample = registry.get_sample_value
    assert (
        sample("fabric_auth_oauth_sign_ins_total", {"provider": "test", "result": "success"}) == 1
    )
    assert (
        sample("fabric_auth_oauth_sign_ins_total", {"provider": "test", "result": "id_token_nonce"})
        == 1
    )
    assert (
        sample("fabric_auth_oauth_sign_ins_total", {"provider": "test", "result": "provider_error"})
        == 1
    )
