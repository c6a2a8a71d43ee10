"""Two deployments on one Redis server (each its own database, the namespace left to its
default): they never hear each other, and a logout answers in about the same time as with one
deployment alone."""

from __future__ import annotations

import statistics
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis
from redis.asyncio.client import PubSub

from tests.scaleout.cluster import (
    ADMIN_EMAIL,
    PASSWORD,
    Cluster,
    bearer,
    instance_env,
    logout_times,
    recreate_database,
    server_dsn,
)
from tests.scaleout.harness import Instance, median_ms, record

OTHER_DATABASE = "fa_scaleout_other"


@asynccontextmanager
async def other_deployment(cluster: Cluster) -> AsyncIterator[Instance]:
    """Instance C of another deployment: another database, the same Redis server, its own
    secret, no namespace set."""
    await recreate_database(cluster.postgres_url, OTHER_DATABASE)
    url = server_dsn(cluster.postgres_url, OTHER_DATABASE).replace("postgresql://", "postgres://")
    env = instance_env(url, cluster.redis.url, "another deployment's secret key, long enough")
    other = Instance("C", env, cluster.logs / "C.log")
    try:
        await other.start()
        yield other
    finally:
        await other.close()


async def test_two_deployments_on_one_redis(cluster: Cluster) -> None:
    """With deployment C on the same Redis server, a logout on A takes about the time it takes
    with A's deployment alone, and the Redis channels A and C publish on differ."""
    alone = await logout_times(cluster)
    redis = Redis.from_url(cluster.redis.url)
    pubsub = redis.pubsub()
    await pubsub.psubscribe("*")
    try:
        async with other_deployment(cluster) as other:
            await published(pubsub)  # C's own start-up (its seeded administrator's event)
            shared = await logout_times(cluster)
            a_channels = await published(pubsub)
            await other_logout(other)
            c_channels = await published(pubsub)
    finally:
        await pubsub.aclose()
        await redis.aclose()
    record(
        f"logout on A: median {median_ms(alone)} alone, {median_ms(shared)} with another "
        f"deployment on the same Redis; channels A {sorted(a_channels)}, C {sorted(c_channels)}"
    )
    assert statistics.median(shared) <= max(
        2 * statistics.median(alone), statistics.median(alone) + 0.05
    )
    assert a_channels
    assert c_channels
    assert not a_channels & c_channels


async def published(pubsub: PubSub, quiet: float = 0.3) -> set[str]:
    """Channels messages went to since the last call, read until `quiet` seconds pass without
    one."""
    channels: set[str] = set()
    end = time.monotonic() + quiet
    while time.monotonic() < end:
        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.05)
        if message is not None:
            channel = message["channel"]
            channels.add(channel.decode() if isinstance(channel, bytes) else str(channel))
            end = time.monotonic() + quiet
    return channels


async def other_logout(other: Instance) -> None:
    """A sign-in and logout on C (as its seeded administrator)."""
    answer = await other.http.post(
        "/auth/token",
        data={"grant_type": "password", "username": ADMIN_EMAIL, "password": PASSWORD},
    )
    assert answer.status_code == 200, answer.text
    out = await other.http.post("/auth/logout", headers=bearer(answer.json()["access_token"]))
    assert out.status_code == 204, out.text
