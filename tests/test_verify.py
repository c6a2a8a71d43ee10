"""The downstream verifier against our own app, served by uvicorn on loopback."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519
from fastapi import FastAPI

from fabric_auth import FabricAuth, FrozenClock
from fabric_auth.services.users import NewUser
from fabric_auth.testing import test_settings
from fabric_auth.verify import TokenVerificationError, TokenVerifier, _fetch_url
from tests.conftest import PASSWORD, build_app, uvicorn_on_loopback

JWKS_PATH = "/.well-known/jwks.json"


@dataclass
class Served:
    auth: FabricAuth
    url: str
    jwks_hits: list[int]
    clock: FrozenClock

    async def token(self) -> str:
        user = await self.auth.services.users.find_by_login("ada@example.com")
        assert user is not None
        pair = await self.auth.services.sessions.start(user)
        return pair.access.token


@pytest.fixture
async def served(store: str) -> AsyncIterator[Served]:
    """An EdDSA app served by uvicorn on 127.0.0.1, counting requests for its JWKS."""
    clock = FrozenClock()
    auth = FabricAuth(test_settings(database_url=store, signing_algorithm="EdDSA"), clock=clock)
    app: FastAPI = build_app(auth)
    hits: list[int] = []

    @app.middleware("http")
    async def count_jwks(request, call_next):  # type: ignore[no-untyped-def]
        if request.url.path == JWKS_PATH:
            hits.append(1)
        return await call_next(request)

    async with uvicorn_on_loopback(app) as url:
        await auth.services.users.create(NewUser(email="ada@example.com", password=PASSWORD))
        yield Served(auth, url, hits, clock)


def verifier_for(served: Served, **options: float) -> TokenVerifier:
    settings = served.auth.settings
    return TokenVerifier(
        served.url + JWKS_PATH,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        **options,
    )


def forged(kid: str) -> str:
    key = ed25519.Ed25519PrivateKey.generate()
    return jwt.encode({"sub": "x"}, key, algorithm="EdDSA", headers={"kid": kid})


async def test_verifies_our_tokens(served: Served) -> None:
    """A token our app issued verifies downstream, with its subject and claims."""
    verifier = verifier_for(served)
    token = await served.token()
    verified = await verifier.averify(token)
    assert verified.algorithm == "EdDSA"
    assert verified.claims["typ"] == "access"
    assert await asyncio.to_thread(verifier.verify, token) == verified


async def test_verifications_during_the_first_fetch_wait_for_its_keys(served: Served) -> None:
    """Tokens arriving while the first JWKS fetch is under way wait for it and verify, rather
    than failing for want of keys the fetch is about to bring; one fetch in all."""
    settings = served.auth.settings

    def slow_fetch(url: str, timeout: float) -> bytes:
        time.sleep(0.3)
        return _fetch_url(url, timeout)

    verifier = TokenVerifier(
        served.url + JWKS_PATH,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        fetch=slow_fetch,
    )
    token = await served.token()
    verified = await asyncio.gather(*(verifier.averify(token) for _ in range(5)))
    assert {result.subject for result in verified} == {verified[0].subject}
    assert verifier.fetches == 1


async def test_random_kids_fetch_the_jwks_once(served: Served) -> None:
    """100 tokens with random unknown kids, at once and then one by one, cause one fetch."""
    verifier = verifier_for(served, min_refresh_interval=60)
    tokens = [forged(secrets.token_hex(8)) for _ in range(100)]
    results = await asyncio.gather(
        *(verifier.averify(t) for t in tokens[:50]), return_exceptions=True
    )
    for token in tokens[50:]:
        with pytest.raises(TokenVerificationError, match="unknown signing key"):
            await verifier.averify(token)
    assert all(isinstance(result, TokenVerificationError) for result in results)
    assert len(served.jwks_hits) == 1
    assert verifier.fetches == 1
    await verifier.averify(await served.token())  # known kid: no fetch
    assert len(served.jwks_hits) == 1


async def test_unknown_kid_refetches_once_the_interval_has_passed(served: Served) -> None:
    """After a rotation, the new kid is fetched on first sight once the interval allows it."""
    now = [0.0]
    verifier = TokenVerifier(
        served.url + JWKS_PATH,
        issuer=served.auth.settings.jwt_issuer,
        audience=served.auth.settings.jwt_audience,
        min_refresh_interval=30,
        monotonic=lambda: now[0],
    )
    await verifier.averify(await served.token())
    await served.auth.services.signing_keys.rotate(activate_in=0)
    rotated = await served.token()
    now[0] = 10
    with pytest.raises(TokenVerificationError):
        await verifier.averify(rotated)
    now[0] = 31
    assert (await verifier.averify(rotated)).key_id == jwt.get_unverified_header(rotated)["kid"]
    assert len(served.jwks_hits) == 2


async def test_refuses_wrong_issuer_audience_type_and_algorithm(served: Served) -> None:
    """Issuer, audience and algorithm allowlist are enforced, and a forged kid is refused."""
    token = await served.token()
    settings = served.auth.settings
    url = served.url + JWKS_PATH
    with pytest.raises(TokenVerificationError):
        await TokenVerifier(url, issuer="other", audience=settings.jwt_audience).averify(token)
    with pytest.raises(TokenVerificationError):
        await TokenVerifier(url, issuer=settings.jwt_issuer, audience="other").averify(token)
    with pytest.raises(TokenVerificationError, match="algorithm"):
        await TokenVerifier(
            url, issuer=settings.jwt_issuer, audience=settings.jwt_audience, algorithms=["ES256"]
        ).averify(token)
    with pytest.raises(TokenVerificationError):
        await verifier_for(served).averify(forged(jwt.get_unverified_header(token)["kid"]))
