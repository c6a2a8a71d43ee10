"""Access tokens: what verifies and what is refused, at the HTTP boundary."""

from __future__ import annotations

import base64
import json
import time
import uuid
from typing import Any

import jwt
import pytest

from fabric_auth.tokens.access import AccessTokenCodec
from fabric_auth.tokens.keys import KeyRing, derive_key
from tests.conftest import RunningApp


def _key(running: RunningApp) -> bytes:
    secret = running.auth.settings.secret_key
    assert secret is not None
    return derive_key(secret.get_secret_value().encode(), "access-token/hs256")


def _kid(running: RunningApp) -> dict[str, str]:
    """The header naming our HS256 key, so a test token is refused for what it tests."""
    return {"kid": running.auth.services.tokens.keys.signers[0].kid}


def _claims(running: RunningApp, **overrides: Any) -> dict[str, Any]:
    now = int(running.clock.timestamp())
    claims = {
        "sub": str(uuid.uuid4()),
        "sid": str(uuid.uuid4()),
        "typ": "access",
        "iss": running.auth.settings.jwt_issuer,
        "aud": running.auth.settings.jwt_audience,
        "iat": now,
        "exp": now + 60,
        "jti": "x",
    }
    claims.update(overrides)
    return {key: value for key, value in claims.items() if value is not None}


async def _me(running: RunningApp, token: str) -> Any:
    return await running.client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})


async def test_expired_token_is_refused(running: RunningApp) -> None:
    """A token past its exp is a 401 invalid_token, even though it was valid when cached."""
    tokens = await running.tokens()
    assert (await _me(running, tokens["access_token"])).status_code == 200
    running.clock.advance(running.auth.settings.access_token_ttl + 1)
    response = await _me(running, tokens["access_token"])
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"
    assert response.headers["www-authenticate"] == "Bearer"


async def test_tampered_token_is_refused(running: RunningApp) -> None:
    """Changing the payload without re-signing breaks the signature."""
    tokens = await running.tokens()
    header, payload, signature = tokens["access_token"].split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=="))
    data["sub"] = str(uuid.uuid4())
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    assert (await _me(running, f"{header}.{forged}.{signature}")).status_code == 401


async def test_alg_none_is_refused(running: RunningApp) -> None:
    """An unsigned token (alg=none) is never accepted."""
    token = jwt.encode(_claims(running), key=None, algorithm="none")
    assert (await _me(running, token)).status_code == 401


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
async def test_algorithm_outside_allowlist_is_refused(running: RunningApp) -> None:
    """HS512 with the right key is still refused: only HS256 is allowed."""
    token = jwt.encode(_claims(running), _key(running), algorithm="HS512", headers=_kid(running))
    assert (await _me(running, token)).status_code == 401


@pytest.mark.parametrize(
    "overrides",
    [
        {"aud": "someone-else"},
        {"iss": "someone-else"},
        {"typ": "refresh"},
        {"sid": None},
        {"jti": None},
        {"exp": None},
        {"sub": "not-a-uuid"},
    ],
)
async def test_wrong_or_missing_claims_are_refused(
    running: RunningApp, overrides: dict[str, Any]
) -> None:
    """Wrong audience, issuer or type, and missing required claims, are refused."""
    token = jwt.encode(
        _claims(running, **overrides), _key(running), algorithm="HS256", headers=_kid(running)
    )
    response = await _me(running, token)
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"


async def test_well_formed_token_of_our_key_verifies(running: RunningApp) -> None:
    """Control for the tests above: the same construction with correct claims is accepted."""
    user = await running.create_user("grace@example.com")
    tokens = await running.tokens("grace@example.com")
    session_id = jwt.decode(tokens["access_token"], options={"verify_signature": False})["sid"]
    token = jwt.encode(
        _claims(running, sub=str(user.id), sid=session_id), _key(running), headers=_kid(running)
    )
    assert (await _me(running, token)).status_code == 200


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer not.a.jwt",
        "Bearer " + "a" * 5000,
        "token",
    ],
)
async def test_malformed_authorization_headers(running: RunningApp, authorization: str) -> None:
    """Garbage in the Authorization header is a 401, never a 500."""
    response = await running.client.get("/auth/me", headers={"Authorization": authorization})
    assert response.status_code == 401


async def test_missing_credentials(running: RunningApp) -> None:
    """No credentials at all is a 401 not_authenticated."""
    response = await running.client.get("/auth/me")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_codec_round_trip_and_cache_does_not_outlive_expiry() -> None:
    """Verification is memoised, but expiry is checked on every call."""
    now = [time.time()]
    codec = AccessTokenCodec(
        KeyRing.symmetric(b"k" * 32), issuer="i", audience="a", ttl=60, now=lambda: now[0]
    )
    from fabric_auth.principal import PrincipalKind

    issued = codec.issue(uuid.uuid4(), uuid.uuid4(), PrincipalKind.USER)
    assert codec.verify(issued.token) == issued.claims
    assert codec.verify(issued.token) == issued.claims
    now[0] += 61
    with pytest.raises(Exception, match="Invalid or expired token"):
        codec.verify(issued.token)


@pytest.mark.parametrize("kind", ["user", "service_account"])
def test_token_carries_knd_only_for_non_users_and_no_typ_header(kind: str) -> None:
    """Tokens stay short: no JOSE `typ`, no `knd` for users (read back as `user`); another
    kind is named and read back."""
    from fabric_auth.principal import PrincipalKind

    codec = AccessTokenCodec(
        KeyRing.symmetric(b"k" * 32), issuer="i", audience="a", ttl=60, now=time.time
    )
    issued = codec.issue(uuid.uuid4(), uuid.uuid4(), PrincipalKind(kind))
    assert "typ" not in jwt.get_unverified_header(issued.token)
    payload = jwt.decode(issued.token, options={"verify_signature": False})
    assert payload.get("knd") == (None if kind == "user" else kind)
    assert codec.verify(issued.token).kind is PrincipalKind(kind)
