"""The events examples (docs/examples/events_subscriber.py, webhook_receiver.py) run as
written: against a real Redis, and a signed delivery through the receiver app."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from redis.asyncio import Redis

from fabric_auth.events import UserDeleted, UserUpdated
from fabric_auth.events.webhooks import new_secret, signed_headers
from tests.conftest import seconds_until
from tests.events.conftest import (
    JWKS_PORT,
    TokenIssuer,
    event,
    eventually,
    flushed_redis_url,
    session_revoked,
    xadd,
)
from tests.examples.loader import load


@pytest.fixture
async def redis_url() -> str:
    return await flushed_redis_url()


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


async def test_the_subscriber_example_forgets_a_deleted_user_once(
    redis_url: str, redis: Redis
) -> None:
    """`user.deleted` reaches the example's handler: the profile is gone; the same event
    delivered again changes nothing; other types are skipped."""
    example = load("docs/examples/events_subscriber.py")
    example.profiles.update({"u1": "Ada", "u2": "Grace"})
    deleted = event(UserDeleted(erase_after=datetime.now(UTC), requested_by_user=True), "u1")
    await xadd(redis, deleted, stream=example.STREAM)
    await xadd(redis, event(UserUpdated(changed=["email"]), "u2"), stream=example.STREAM)
    await xadd(redis, deleted, stream=example.STREAM)  # a redelivery
    async with example.make_subscriber(redis_url) as subscriber:
        await eventually(lambda: subscriber.handled + subscriber.skipped == 3)
    assert example.profiles == {"u2": "Grace"}
    assert example.handled == {deleted.id}


async def test_the_subscriber_example_refuses_a_revoked_session_within_a_second(
    redis_url: str, redis: Redis
) -> None:
    """The example's verifier accepts a token, then refuses it within 1 s of its session's
    revocation on the stream."""
    example = load("docs/examples/events_subscriber.py")
    user, session = uuid.uuid4(), uuid.uuid4()
    with TokenIssuer().serving() as issuer:
        bearer = f"Bearer {issuer.token(user, session)}"
        async with example.make_revoked_tokens(redis_url) as revoked:
            verifier = example.make_verifier(f"http://127.0.0.1:{JWKS_PORT}", revoked)
            assert await example.user_id_of(verifier, bearer) == str(user)
            assert await example.user_id_of(verifier, "Bearer forged.token.here") is None
            revocation = session_revoked(session, str(user), valid_for=901)
            await xadd(redis, revocation, stream=example.STREAM)

            async def refused() -> bool:
                return await example.user_id_of(verifier, bearer) is None

            await seconds_until(refused, within=1.0)


async def test_the_webhook_receiver_example_verifies_and_dedupes() -> None:
    """A signed `user.deleted` is handled (204); its retry is answered but not handled again;
    a tampered body and a stale signature get 400."""
    secret = new_secret()
    app = load("docs/examples/webhook_receiver.py").create_app(secret)
    deleted = event(UserDeleted(erase_after=datetime.now(UTC), requested_by_user=False), "u7")
    body = deleted.model_dump_json().encode()
    url = "/webhooks/fabric-auth"
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://receiver") as client:
        for _ in range(2):
            headers = signed_headers(secret, str(deleted.id), body, now=time.time())
            assert (await client.post(url, content=body, headers=headers)).status_code == 204
        tampered = await client.post(url, content=body.replace(b"u7", b"u8"), headers=headers)
        stale_at = time.time() - timedelta(minutes=6).total_seconds()
        stale_headers = signed_headers(secret, str(deleted.id), body, now=stale_at)
        stale = await client.post(url, content=body, headers=stale_headers)
    assert app.state.deleted_users == ["u7"]
    assert (tampered.status_code, tampered.json()) == (400, {"detail": "no signature matches"})
    assert (stale.status_code, stale.json()) == (
        400,
        {"detail": "the timestamp is outside the tolerance"},
    )
