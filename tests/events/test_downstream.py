"""End to end: the auth service signs out a session; a downstream service that verifies tokens
locally with the SDK refuses the session's token within a second, long before it expires."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from fabric_auth import FabricAuth
from fabric_auth.events import RevocationCheckingVerifier, RevokedTokens, TokenRevoked
from fabric_auth.services.users import NewUser
from fabric_auth.testing import test_settings
from fabric_auth.verify import TokenVerifier
from tests.conftest import PASSWORD, build_app, seconds_until, uvicorn_on_loopback

JWKS_PATH = "/.well-known/jwks.json"


async def refused(verifier: RevocationCheckingVerifier, token: str) -> bool:
    try:
        await verifier.averify(token)
    except TokenRevoked:
        return True
    return False


async def sign_in(client: httpx.AsyncClient, email: str) -> dict[str, str]:
    response = await client.post(
        "/auth/token", data={"grant_type": "password", "username": email, "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    tokens: dict[str, str] = response.json()
    return tokens


async def test_a_revoked_session_is_refused_downstream_within_a_second(
    store: str, redis_url: str
) -> None:
    """Over real HTTP, Redis and the relay: a signed-out session's token is refused by the
    downstream verifier within 1 s; the user's other session still passes until the user is
    deactivated, then it is refused too."""
    auth = FabricAuth(
        test_settings(
            database_url=store, signing_algorithm="EdDSA", redis_url=redis_url, events_relay=True
        )
    )
    app: FastAPI = build_app(auth)
    settings = auth.settings
    async with uvicorn_on_loopback(app) as url, httpx.AsyncClient(base_url=url) as client:
        ada = await auth.services.users.create(NewUser(email="ada@example.com", password=PASSWORD))
        laptop = await sign_in(client, "ada@example.com")
        phone = await sign_in(client, "ada@example.com")
        revoked = RevokedTokens(
            redis_url,
            stream=f"{settings.namespace}:events",
            max_token_lifetime=settings.access_token_ttl,
        )
        async with revoked:
            verifier = RevocationCheckingVerifier(
                TokenVerifier(
                    url + JWKS_PATH, issuer=settings.jwt_issuer, audience=settings.jwt_audience
                ),
                revoked,
            )
            assert (await verifier.averify(laptop["access_token"])).subject == str(ada.id)
            response = await client.post(
                "/auth/logout", headers={"Authorization": f"Bearer {laptop['access_token']}"}
            )
            assert response.status_code == 204
            await seconds_until(lambda: refused(verifier, laptop["access_token"]), within=1.0)
            assert (await verifier.averify(phone["access_token"])).subject == str(ada.id)
            await auth.services.user_admin.deactivate(None, ada.id, "left")
            await seconds_until(lambda: refused(verifier, phone["access_token"]), within=1.0)
            with pytest.raises(TokenRevoked):
                await verifier.averify(laptop["access_token"])
