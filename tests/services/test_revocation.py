"""Revocation reaches every instance: two apps on one store, with and without Redis."""

from __future__ import annotations

import asyncio

from fabric_auth.services.sessions import RevokeReason
from fabric_auth.store.models import User
from tests.conftest import AppFactory, seconds_until


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_logout_on_one_instance_is_seen_by_the_other(
    make_app: AppFactory, redis_url: str | None
) -> None:
    """A logout on A is refused by B within max_staleness, with or without Redis."""
    a = await make_app(redis_url=redis_url, max_staleness=0.2)
    b = await make_app(redis_url=redis_url, max_staleness=0.2)
    await a.create_user()
    tokens = await a.tokens()
    assert (
        await b.client.get("/auth/me", headers=bearer(tokens["access_token"]))
    ).status_code == 200
    assert (
        await a.client.post("/auth/logout", headers=bearer(tokens["access_token"]))
    ).status_code == 204
    # On A itself the very next request is refused: the logout applied it before answering.
    assert (
        await a.client.get("/auth/me", headers=bearer(tokens["access_token"]))
    ).status_code == 401

    async def refused_on_b() -> bool:
        response = await b.client.get("/auth/me", headers=bearer(tokens["access_token"]))
        return response.status_code == 401

    await seconds_until(refused_on_b, within=0.2)


async def test_redis_hint_propagates_long_before_the_poll(
    make_app: AppFactory, redis_url: str | None
) -> None:
    """With Redis, B refuses within a fraction of a second although its next poll of the change
    feed is 15 s away (max_staleness 60 s): the hint made it read the feed at once."""
    if redis_url is None:
        return  # the memory variant of this claim is the test above
    a = await make_app(redis_url=redis_url, max_staleness=60)
    b = await make_app(redis_url=redis_url, max_staleness=60)
    await a.create_user()
    for _ in range(5):
        tokens = await a.tokens()
        headers = bearer(tokens["access_token"])
        assert (await b.client.get("/auth/me", headers=headers)).status_code == 200
        await a.client.post("/auth/logout", headers=headers)

        async def refused_on_b(headers: dict[str, str] = headers) -> bool:
            return (await b.client.get("/auth/me", headers=headers)).status_code == 401

        await seconds_until(refused_on_b, within=0.5)


async def test_stale_instance_reads_the_store_before_deciding(make_app: AppFactory) -> None:
    """An instance whose feed reader has stopped (as if paused) does not trust its memory past
    max_staleness: its next request catches up from the store and is refused."""
    a = await make_app(max_staleness=0.1)
    b = await make_app(max_staleness=0.1)
    await a.create_user()
    tokens = await a.tokens()
    headers = bearer(tokens["access_token"])
    assert (await b.client.get("/auth/me", headers=headers)).status_code == 200
    await b.auth.services.changes.stop()  # B stops polling
    await a.client.post("/auth/logout", headers=headers)
    await asyncio.sleep(0.15)
    assert (await b.client.get("/auth/me", headers=headers)).status_code == 401


async def test_instance_started_later_loads_revocations(make_app: AppFactory) -> None:
    """An instance that starts after a logout refuses the revoked token from its first request."""
    a = await make_app()
    await a.create_user()
    tokens = await a.tokens()
    await a.client.post("/auth/logout", headers=bearer(tokens["access_token"]))
    b = await make_app(max_staleness=60)
    assert (
        await b.client.get("/auth/me", headers=bearer(tokens["access_token"]))
    ).status_code == 401


async def test_deactivated_user_is_refused_everywhere(
    make_app: AppFactory, redis_url: str | None
) -> None:
    """Deactivating a user kills their access tokens and refresh tokens on every instance."""
    a = await make_app(redis_url=redis_url, max_staleness=0.2)
    b = await make_app(redis_url=redis_url, max_staleness=0.2)
    user = await a.create_user()
    tokens = await a.tokens()
    await User.filter(id=user.id).update(is_active=False)
    await a.auth.services.sessions.refuse_user(user.id, RevokeReason.USER_DEACTIVATED)
    headers = bearer(tokens["access_token"])
    assert (await a.client.get("/auth/me", headers=headers)).status_code == 401

    async def refused_on_b() -> bool:
        return (await b.client.get("/auth/me", headers=headers)).status_code == 401

    await seconds_until(refused_on_b, within=0.2)
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
