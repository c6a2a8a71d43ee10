"""What an attacker tries against the OAuth sign-in: forged, replayed or stolen state, tampered
ID tokens, a missing PKCE verifier, open redirects, an answer from another provider."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from fabric_auth.store.models import AuditEvent, OAuthAccount, OAuthFlow, User
from fabric_auth.testing import TestIdentityProvider
from tests.oauth.conftest import APP, another_browser, browser, replace_query


async def refusal_reasons() -> list[str]:
    events = await AuditEvent.filter(action="oauth.refused").order_by("seq")
    return [str(event.details["reason"]) for event in events]


@pytest.fixture
async def app(make_oauth_app: Any) -> Any:
    return await make_oauth_app(test={"jit_provisioning": True})


async def test_a_state_works_once(app: Any) -> None:
    """Replaying a callback that already signed in is refused."""
    web = browser(app)
    callback = await web.at_provider(await web.start())
    assert (await web.client.get(callback)).status_code == 303
    replay = await web.client.get(callback)
    assert (replay.status_code, replay.json()["code"]) == (400, "oauth_state_invalid")
    assert await refusal_reasons() == ["state_unknown"]


@pytest.mark.parametrize(
    ("state", "reason"),
    [(None, "state_missing"), ("", "state_missing"), ("forged-state", "state_unknown")],
)
async def test_a_missing_or_forged_state_is_refused(
    app: Any, state: str | None, reason: str
) -> None:
    """No state, or one never issued: 400 oauth_state_invalid, and the code is never
    exchanged."""
    web = browser(app)
    callback = await web.at_provider(await web.start())
    query = {key: values[0] for key, values in parse_qs(urlsplit(callback).query).items()}
    if state is None:
        del query["state"]
    else:
        query["state"] = state
    answer = await web.client.get(f"/auth/oauth/test/callback?{urlencode(query)}")
    assert (answer.status_code, answer.json()["code"]) == (400, "oauth_state_invalid")
    assert await refusal_reasons() == [reason]
    assert await User.all().count() == 0


async def test_a_state_started_in_another_browser_is_refused(app: Any) -> None:
    """Login CSRF: the attacker starts a flow and sends the victim the callback URL; the
    victim's browser lacks the binding cookie, so nothing signs in (and the state is spent)."""
    attacker = browser(app)
    callback = await attacker.at_provider(await attacker.start())
    async with another_browser(app) as victim_client:
        victim = browser(app, victim_client)
        answer = await victim.client.get(callback)
        assert (answer.status_code, answer.json()["code"]) == (400, "oauth_state_invalid")
    assert await refusal_reasons() == ["state_other_browser"]
    again = await attacker.client.get(callback)
    assert again.status_code == 400  # single use, even after a refusal
    assert await User.all().count() == 0


async def test_an_expired_state_is_refused(app: Any) -> None:
    """Past `oauth_state_ttl` the flow is dead."""
    web = browser(app)
    callback = await web.at_provider(await web.start())
    app.clock.advance(app.auth.settings.oauth_state_ttl + 1)
    answer = await web.client.get(callback)
    assert answer.status_code == 400
    assert await refusal_reasons() == ["state_expired"]


async def test_a_state_for_one_provider_is_refused_at_another(app: Any) -> None:
    """The callback of provider `gh` does not take a state issued for `test`."""
    web = browser(app)
    callback = await web.at_provider(await web.start())
    moved = callback.replace("/auth/oauth/test/", "/auth/oauth/gh/")
    answer = await web.client.get(moved)
    assert answer.status_code == 400
    assert await refusal_reasons() == ["state_other_provider"]


async def test_an_answer_naming_another_issuer_is_refused(app: Any) -> None:
    """RFC 9207: a callback whose `iss` is not the provider's (a mix-up) is refused."""
    web = browser(app)
    callback = await web.at_provider(await web.start())
    answer = await web.client.get(replace_query(callback, iss="https://evil.example.com"))
    assert (answer.status_code, answer.json()["code"]) == (401, "oauth_identity_invalid")
    assert await refusal_reasons() == ["issuer_mismatch"]


async def test_an_answer_without_the_issuer_is_refused_when_the_provider_sends_it(
    app: Any,
) -> None:
    """RFC 9207: the provider's discovery says it names itself in every response, so a
    callback stripped of `iss` is refused."""
    web = browser(app)
    callback = await web.at_provider(await web.start())
    parts = urlsplit(callback)
    query = {key: values[0] for key, values in parse_qs(parts.query).items() if key != "iss"}
    answer = await web.client.get(f"{parts.path}?{urlencode(query)}")
    assert (answer.status_code, answer.json()["code"]) == (401, "oauth_identity_invalid")
    assert await refusal_reasons() == ["issuer_missing"]


async def test_the_provider_refuses_a_wrong_pkce_verifier(
    app: Any, idp: TestIdentityProvider
) -> None:
    """The test provider requires the verifier: a flow whose stored verifier was swapped
    cannot redeem its code (an intercepted code is useless without the verifier)."""
    web = browser(app)
    callback = await web.at_provider(await web.start())
    await OAuthFlow.all().update(code_verifier="x" * 64)
    answer = await web.client.get(callback)
    assert (answer.status_code, answer.json()["code"]) == (401, "oauth_identity_invalid")
    assert idp.token_requests[-1]["code_verifier"] == "x" * 64
    assert await refusal_reasons() == ["code_refused"]


@pytest.mark.parametrize(
    ("error", "shown"),
    [("access_denied", "access_denied"), ("<script>alert(1)</script>", "invalid")],
)
async def test_the_provider_declining_is_a_coded_error(app: Any, error: str, shown: str) -> None:
    """`error=access_denied` from the provider: 400 oauth_provider_error, reason audited; an
    `error` that is no code is neither echoed nor audited as sent."""
    web = browser(app)
    callback = await web.at_provider(await web.start())
    query = parse_qs(urlsplit(callback).query)
    params = {"state": query["state"][0], "iss": query["iss"][0], "error": error}
    answer = await web.client.get("/auth/oauth/test/callback", params=params)
    assert (answer.status_code, answer.json()["code"]) == (400, "oauth_provider_error")
    assert answer.json()["detail"] == f"The provider answered: {shown}"
    assert await refusal_reasons() == [f"provider_error:{shown}"]


@pytest.mark.parametrize(
    ("knob", "reason"),
    [
        ({"id_token_claims": {"nonce": "not-the-nonce"}}, "id_token_nonce"),
        ({"id_token_claims": {"nonce": None}}, "id_token_nonce"),
        ({"id_token_claims": {"iss": "https://other.example.com"}}, "id_token_issuer"),
        ({"id_token_claims": {"aud": "another-client"}}, "id_token_audience"),
        ({"id_token_claims": {"aud": ["test-client", "other"]}, "strip_azp": True}, "id_token_azp"),
        ({"id_token_claims": {"azp": "another-client"}}, "id_token_azp"),
        ({"id_token_claims": {"exp": 1_000_000, "iat": 999_000}}, "id_token_expired"),
        ({"id_token_claims": {"iat": 1_000_000}}, "id_token_stale"),
        ({"id_token_claims": {"sub": None}}, "id_token_invalid"),
        ({"id_token_algorithm": "none"}, "id_token_algorithm_not_allowed"),
        ({"id_token_algorithm": "HS256"}, "id_token_algorithm_not_allowed"),
        ({"id_token_algorithm": "RS256-unknown-key"}, "id_token_invalid"),
        ({"id_token_issuer": "127.0.0.1"}, "id_token_issuer"),
    ],
)
async def test_a_tampered_id_token_is_refused(
    app: Any, idp: TestIdentityProvider, knob: dict[str, Any], reason: str
) -> None:
    """Each ID-token check refuses on its own: 401 oauth_identity_invalid, the failed check
    audited, nobody signed in or created."""
    claims = dict(knob.get("id_token_claims", {}))
    if knob.get("strip_azp"):
        claims["azp"] = None
    idp.id_token_claims = claims
    idp.id_token_algorithm = knob.get("id_token_algorithm", "RS256")
    idp.id_token_issuer = knob.get("id_token_issuer")
    answer = await browser(app).sign_in()
    assert (answer.status_code, answer.json()["code"]) == (401, "oauth_identity_invalid")
    assert await refusal_reasons() == [reason]
    assert await User.all().count() == 0 and await OAuthAccount.all().count() == 0


async def test_unknown_kids_do_not_storm_the_jwks(app: Any, idp: TestIdentityProvider) -> None:
    """ID tokens naming keys the JWKS lacks fetch it at most once a minute, however many."""
    idp.id_token_algorithm = "RS256-unknown-key"
    for _ in range(3):
        assert (await browser(app).sign_in()).status_code == 401
    assert idp.jwks_fetches == 1


@pytest.mark.parametrize(
    "redirect_to",
    [
        "https://app.example.com.evil.com/",
        "https://app.example.com@evil.com/",
        "https://evil.com@app.example.com/",
        "https://evil.com\\@app.example.com/",
        "https://app.example.com\\.evil.com/",
        "//evil.com/",
        "/relative/path",
        "https:/evil.com",
        "http://app.example.com/",  # another scheme
        "https://app.example.com:8443/",  # another port
        "https://APP.example.com%2eevil.com/",
        "https://app.example.com/%2e%2e/admin",
        "https://example.com/app/../admin",
        "https://example.com/application",  # not under the path prefix /app
        "https://example.com/",
        "javascript:alert(1)//https://app.example.com/",
        "https://app.example.com/#fragment",
        "https://app.example.com/\u2024evil",
        "https://app.example.com/\nLocation: https://evil.com",
    ],
)
async def test_redirect_bypass_attempts_are_refused(app: Any, redirect_to: str) -> None:
    """Every bypass of the allowlist is 400 oauth_redirect_refused: nothing is started, the
    value is not reflected."""
    answer = await browser(app).start(redirect_to=redirect_to)
    assert (answer.status_code, answer.json()["code"]) == (400, "oauth_redirect_refused")
    assert "location" not in answer.headers
    assert "evil" not in answer.text
    assert await OAuthFlow.all().count() == 0


@pytest.mark.parametrize(
    ("redirect_to", "stored"),
    [
        (None, APP),
        ("https://APP.example.com:443/a/b?x=1", "https://app.example.com/a/b?x=1"),
        ("https://example.com/app", "https://example.com/app"),
        ("https://example.com/app/deep/page", "https://example.com/app/deep/page"),
    ],
)
async def test_allowed_destinations_are_rebuilt_from_the_allowlist(
    app: Any, redirect_to: str | None, stored: str
) -> None:
    """An allowed `redirect_to` is stored rebuilt from the entry it matched."""
    params = {"redirect_to": redirect_to} if redirect_to else {}
    answer = await browser(app).start(**params)
    assert answer.status_code == 303
    assert (await OAuthFlow.get()).redirect_to == stored


async def test_unknown_provider_is_404(app: Any) -> None:
    """A provider that is not configured: 404 oauth_provider_unknown, on every route."""
    for path in ("/auth/oauth/nope/authorize", "/auth/oauth/nope/callback?state=x&code=y"):
        answer = await app.client.get(path)
        assert (answer.status_code, answer.json()["code"]) == (404, "oauth_provider_unknown")
