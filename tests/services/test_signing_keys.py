"""Asymmetric signing keys: JWKS, rotation, forged kids, several instances."""

from __future__ import annotations

from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from fabric_auth.store.models import SigningKey
from tests.conftest import AppFactory, RunningApp

ALGORITHMS = ["EdDSA", "ES256"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def me(app: RunningApp, token: str) -> int:
    return (await app.client.get("/auth/me", headers=bearer(token))).status_code


async def start(make_app: AppFactory, algorithm: str, **settings: Any) -> RunningApp:
    app = await make_app(signing_algorithm=algorithm, **settings)
    if not await app.auth.services.users.find_by_login("ada@example.com"):
        await app.create_user()
    return app


def claims_for(app: RunningApp, token: str, **overrides: Any) -> dict[str, Any]:
    claims = jwt.decode(token, options={"verify_signature": False})
    claims.update(overrides)
    return claims


@pytest.mark.parametrize("algorithm", ALGORITHMS)
async def test_tokens_are_signed_with_a_published_key(make_app: AppFactory, algorithm: str) -> None:
    """Tokens carry the algorithm and the kid of a key the JWKS publishes, with cache headers."""
    app = await start(make_app, algorithm)
    token = (await app.tokens())["access_token"]
    header = jwt.get_unverified_header(token)
    assert header["alg"] == algorithm
    response = await app.client.get("/.well-known/jwks.json")
    assert response.headers["cache-control"] == "public, max-age=300"
    keys = response.json()["keys"]
    assert [key["kid"] for key in keys] == [header["kid"]]
    assert keys[0]["alg"] == algorithm and keys[0]["use"] == "sig"
    assert "d" not in keys[0]  # never the private part
    assert await me(app, token) == 200


@pytest.mark.parametrize("algorithm", ALGORITHMS)
async def test_rotated_out_key_verifies_until_its_tokens_expire(
    make_app: AppFactory, algorithm: str
) -> None:
    """After rotation new tokens use the new key; the old key's token works until it expires."""
    app = await start(make_app, algorithm)
    old = (await app.tokens())["access_token"]
    old_kid = jwt.get_unverified_header(old)["kid"]
    new_key = await app.auth.services.signing_keys.rotate(activate_in=0)
    new = (await app.tokens())["access_token"]
    assert jwt.get_unverified_header(new)["kid"] == new_key.kid != old_kid
    published = {
        key["kid"] for key in (await app.client.get("/.well-known/jwks.json")).json()["keys"]
    }
    assert published == {old_kid, new_key.kid}
    app.clock.advance(app.auth.settings.access_token_ttl - 5)
    assert await me(app, old) == 200
    app.clock.advance(10)
    assert await me(app, old) == 401
    await app.auth.services.signing_keys.reload()
    published = {
        key["kid"] for key in (await app.client.get("/.well-known/jwks.json")).json()["keys"]
    }
    assert published == {new_key.kid}
    assert await app.auth.services.signing_keys.purge_expired() == 1
    assert await SigningKey.filter(kid=old_kid).count() == 0


async def test_rotation_publishes_before_it_signs(make_app: AppFactory) -> None:
    """A rotated-in key is in the JWKS at once but signs only after two sync intervals."""
    app = await start(make_app, "EdDSA", signing_key_sync_interval=30)
    current = jwt.get_unverified_header((await app.tokens())["access_token"])["kid"]
    upcoming = await app.auth.services.signing_keys.rotate()
    published = {
        key["kid"] for key in (await app.client.get("/.well-known/jwks.json")).json()["keys"]
    }
    assert upcoming.kid in published
    assert jwt.get_unverified_header((await app.tokens())["access_token"])["kid"] == current
    app.clock.advance(61)
    assert jwt.get_unverified_header((await app.tokens())["access_token"])["kid"] == upcoming.kid


async def test_every_instance_verifies_after_a_rotation(make_app: AppFactory) -> None:
    """Instance A rotates; B, after its periodic reload, accepts A's tokens under the new key."""
    first = await start(make_app, "ES256")
    second = await start(make_app, "ES256", clock=first.clock)
    assert await me(second, (await first.tokens())["access_token"]) == 200
    initial_kids = set(second.auth.services.tokens.keys.verifiers)
    await first.auth.services.signing_keys.rotate()
    await second.auth.services.signing_keys.reload()  # what its sync task does every interval
    first.clock.advance(2 * first.auth.settings.signing_key_sync_interval + 1)
    token = (await first.tokens())["access_token"]
    assert jwt.get_unverified_header(token)["kid"] not in initial_kids
    assert await me(second, token) == 200
    assert await me(first, (await second.tokens())["access_token"]) == 200


async def test_forged_kids_and_algorithm_confusion_are_refused(make_app: AppFactory) -> None:
    """Unknown kid, our kid with a foreign key, HS256 keyed with our public key, alg none: 401."""
    app = await start(make_app, "EdDSA")
    token = (await app.tokens())["access_token"]
    kid = jwt.get_unverified_header(token)["kid"]
    claims = claims_for(app, token)
    attacker = ed25519.Ed25519PrivateKey.generate()
    jwk = (await app.client.get("/.well-known/jwks.json")).json()["keys"][0]
    forged = [
        jwt.encode(claims, attacker, algorithm="EdDSA", headers={"kid": "eddsa-" + "0" * 16}),
        jwt.encode(claims, attacker, algorithm="EdDSA", headers={"kid": kid}),
        jwt.encode(claims, jwk["x"].encode(), algorithm="HS256", headers={"kid": kid}),
        jwt.encode(claims, None, algorithm="none", headers={"kid": kid}),
        jwt.encode(claims, attacker, algorithm="EdDSA"),  # no kid at all
    ]
    for forgery in forged:
        assert await me(app, forgery) == 401
    assert await me(app, token) == 200  # control: the genuine token


async def test_private_keys_are_encrypted_at_rest(make_app: AppFactory) -> None:
    """The store holds no usable private key: only AES-GCM ciphertext bound to the secret."""
    from cryptography.exceptions import InvalidTag

    from fabric_auth.tokens.keys import decrypt_private_key, derive_key

    await start(make_app, "EdDSA")
    row = await SigningKey.get()
    assert "PRIVATE KEY" not in row.private_key_encrypted
    assert row.public_jwk["kty"] == "OKP"
    other_secret = derive_key(b"another secret of the right length!!", "signing-key-encryption")
    with pytest.raises(InvalidTag):
        decrypt_private_key(other_secret, row.kid, row.private_key_encrypted)


async def test_hs256_publishes_no_keys(make_app: AppFactory) -> None:
    """With HS256 the JWKS is empty: the key is secret, derived from SECRET_KEY."""
    app = await make_app()
    assert (await app.client.get("/.well-known/jwks.json")).json() == {"keys": []}


async def test_openid_configuration(make_app: AppFactory) -> None:
    """Discovery names the issuer, an absolute JWKS URL and the signing algorithm."""
    app = await start(make_app, "ES256", public_base_url="https://auth.example.com/")
    document = (await app.client.get("/.well-known/openid-configuration")).json()
    assert document["issuer"] == app.auth.settings.jwt_issuer
    assert document["jwks_uri"] == "https://auth.example.com/.well-known/jwks.json"
    assert document["access_token_signing_alg_values_supported"] == ["ES256"]
