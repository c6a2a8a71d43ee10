"""Revocation reaches every instance: two apps on one store, with and without Redis."""

from __future__ import annotations

import asyncio

from fabric_auth.services.sessions import RevokeReason
from fabric_auth.store.models import User
from tests.conftest import AppFactory


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_logout_on_one_instance_is_seen_by_the_other(
    make_app: AppFactory, redis_url: str | None
) -> None:
    """With Redis, a logout on A is refused by B on the very next request.

    Without Redis, B refuses it once it has synced from the store (one sync interval).
    """
    a = await make_app(redis_url=redis_url, revocation_sync_interval=0.05)
    b = await make_app(redis_url=redis_url, revocation_sync_interval=0.05)
    await a.create_user()
    tokens = await a.tokens()
    assert (
        await b.client.get("/auth/me", headers=bearer(tokens["access_token"]))
    ).status_code == 200
    assert (
        await a.client.post("/auth/logout", headers=bearer(tokens["access_token"]))
    ).status_code == 204
    if redis_url is None:
        await asyncio.sleep(0.2)
    response = await b.client.get("/auth/me", headers=bearer(tokens["access_token"]))
    assert response.status_code == 401


async def test_redis_revocation_needs_no_store_poll(
    make_app: AppFactory, redis_url: str | None
) -> None:
    """With Redis, B refuses at once even though its store poll is an hour away."""
    if redis_url is None:
        return  # the memory variant of this claim is the test above
    a = await make_app(redis_url=redis_url, revocation_sync_interval=60)
    b = await make_app(redis_url=redis_url, revocation_sync_interval=60)
    await a.create_user()
    for _ in range(5):
        tokens = await a.tokens()
        assert (
            await b.client.get("/auth/me", headers=bearer(tokens["access_token"]))
        ).status_code == 200
        await a.client.post("/auth/logout", headers=bearer(tokens["access_token"]))
        assert (
            await b.client.get("/auth/me", headers=bearer(tokens["access_token"]))
        ).status_code == 401


async def test_instance_started_later_loads_revocations(make_app: AppFactory) -> None:
    """An instance that starts after a logout refuses the revoked token from its first request."""
    a = await make_app()
    await a.create_user()
    tokens = await a.tokens()
    await a.client.post("/auth/logout", headers=bearer(tokens["access_token"]))
    b = await make_app(revocation_sync_interval=60)
    assert (
        await b.client.get("/auth/me", headers=bearer(tokens["access_token"]))
    ).status_code == 401


async def test_deactivated_user_is_refused_everywhere(
    make_app: AppFactory, redis_url: str | None
) -> None:
    """Deactivating a user kills their access tokens and refresh tokens on every instance."""
    a = await make_app(redis_url=redis_url, revocation_sync_interval=0.05)
    b = await make_app(redis_url=redis_url, revocation_sync_interval=0.05)
    user = await a.create_user()
    tokens = await a.tokens()
    await User.filter(id=user.id).update(is_active=False)
    await a.auth.services.sessions.refuse_user(user.id, RevokeReason.USER_DEACTIVATED)
    if redis_url is None:
        await asyncio.sleep(0.2)
    for app in (a, b):
        assert (
            await app.client.get("/auth/me", headers=bearer(tokens["access_token"]))
        ).status_code == 401
    refreshed = await b.client.post(
        "/auth/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
    )
    assert refreshed.status_code == 401


async def test_reactivated_user_signs_in_again(make_app: AppFactory) -> None:
    """User-wide revocation refuses tokens issued before it, not those issued after."""
    app = await make_app()
    user = await app.create_user()
    await app.auth.services.sessions.refuse_user(user.id, RevokeReason.USER_DEACTIVATED)
    app.clock.advance(0.01)  # the same second: iat has millisecond precision
    tokens = await app.tokens()
    response = await app.client.get("/auth/me", headers=bearer(tokens["access_token"]))
    assert response.status_code == 200


async def test_revocations_expire_with_the_tokens(make_app: AppFactory) -> None:
    """Revocation rows outlive the access-token lifetime by at most a second, then purge."""
    app = await make_app()
    await app.create_user()
    tokens = await app.tokens()
    await app.client.post("/auth/logout", headers=bearer(tokens["access_token"]))
    services = app.auth.services
    assert await services.revocations.purge_expired() == 0
    app.clock.advance(services.settings.access_token_ttl + 2)
    assert await services.revocations.purge_expired() == 1
