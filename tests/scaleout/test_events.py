"""Two instances, one relay: kill -9 of the instance that relays, and the other takes over
after the lease's time to live; every event committed reaches the stream (duplicates are
allowed, and counted)."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest
from redis.asyncio import Redis

from tests.conftest import POSTGRES_URL, REQUIRE_SERVICES, _unavailable
from tests.scaleout.cluster import (
    ADMIN_EMAIL,
    PASSWORD,
    bearer,
    instance_env,
    recreate_database,
    server_dsn,
)
from tests.scaleout.harness import Instance, RedisServer, poll, record

DATABASE = "fa_scaleout_events"
PORTS = (18790, 18791, 18792)
"""This scenario's redis-server and instances."""
LEASE_TTL = 2
NAMESPACE = "relayscaleout"
LOGOUTS = 120
"""Sign-in + sign-out pairs per instance; each sign-out commits one `session.revoked`."""


@pytest.fixture
async def pair(tmp_path: Path) -> AsyncIterator[tuple[Instance, Instance, RedisServer]]:
    """Instances A and B on their own database and redis-server, relaying with a short lease."""
    if not POSTGRES_URL:
        _unavailable("PostgreSQL", "FABRIC_AUTH_TEST_POSTGRES_URL")
    assert POSTGRES_URL is not None
    if shutil.which("redis-server") is None:
        message = "the scale-out suite needs redis-server on PATH"
        if REQUIRE_SERVICES:
            pytest.fail(message)
        pytest.skip(message)
    redis = RedisServer()
    redis.port, redis.url = PORTS[0], f"redis://127.0.0.1:{PORTS[0]}/0"
    await redis.start()
    await recreate_database(POSTGRES_URL, DATABASE)
    user = urlsplit(POSTGRES_URL).username or "postgres"
    env = instance_env(
        f"postgres://{user}@127.0.0.1:{urlsplit(POSTGRES_URL).port or 5432}/{DATABASE}",
        redis.url,
        "relay scale-out secret, long enough for the key",
        FABRIC_AUTH_EVENTS_LEASE_TTL=str(LEASE_TTL),
        FABRIC_AUTH_EVENTS_RELAY="true",
        FABRIC_AUTH_REDIS_NAMESPACE=NAMESPACE,
    )
    a = Instance("A", env, tmp_path / "A.log", port=PORTS[1])
    b = Instance("B", env, tmp_path / "B.log", port=PORTS[2])
    try:
        await a.start()  # A migrates and seeds; B finds both done
        await b.start()
        yield a, b, redis
    finally:
        await asyncio.gather(a.close(), b.close())
        await redis.stop()


async def logouts(instance: Instance, count: int) -> int:
    """Sign in and out `count` times; how many sign-outs were answered 204 (an instance that
    is killed meanwhile answers none)."""
    done = 0
    for _ in range(count):
        try:
            answer = await instance.http.post(
                "/auth/token",
                data={"grant_type": "password", "username": ADMIN_EMAIL, "password": PASSWORD},
            )
            token = answer.json()["access_token"]
            answer = await instance.http.post("/auth/logout", headers=bearer(token))
        except (httpx.HTTPError, KeyError, ValueError):
            return done
        done += answer.status_code == 204
    return done


async def test_kill_9_of_the_relay_hands_over_and_loses_nothing(
    pair: tuple[Instance, Instance, RedisServer],
) -> None:
    """The relaying instance dies mid-load: the other relays after the lease expires, and the
    stream holds every committed event (by id), duplicates counted."""
    a, b, redis_server = pair
    assert POSTGRES_URL is not None
    store = await asyncpg.connect(server_dsn(POSTGRES_URL, DATABASE))
    redis = Redis.from_url(redis_server.url)
    try:

        async def holder() -> str | None:
            row = await store.fetchrow(
                "SELECT holder FROM fabric_auth_leases WHERE name = 'events-relay' "
                "AND expires_at > now()"
            )
            return None if row is None else str(row["holder"])

        first = await poll(holder, within=10)
        assert first is not None
        pids = {a.process.pid: a, b.process.pid: b}  # type: ignore[union-attr]
        relaying = pids[int(first.split(":")[1])]
        survivor = b if relaying is a else a

        load = asyncio.gather(logouts(relaying, LOGOUTS), logouts(survivor, LOGOUTS))

        async def half_done() -> bool | None:
            count = await store.fetchval("SELECT count(*) FROM fabric_auth_events")
            return True if count >= LOGOUTS else None

        assert await poll(half_done, within=60) is not None
        await relaying.kill()
        killed_at = asyncio.get_running_loop().time()

        async def taken_over() -> float | None:
            current = await holder()
            if current is None or current == first:
                return None
            assert int(current.split(":")[1]) == survivor.process.pid  # type: ignore[union-attr]
            return asyncio.get_running_loop().time() - killed_at

        answered, takeover = await asyncio.gather(
            load, poll(taken_over, within=LEASE_TTL * 10, interval=0.05)
        )
        assert takeover is not None, survivor.log_tail()

        async def all_dispatched() -> bool | None:
            left = await store.fetchval(
                "SELECT count(*) FROM fabric_auth_events WHERE dispatched_at IS NULL"
            )
            return True if left == 0 else None

        assert await poll(all_dispatched, within=30) is not None, survivor.log_tail()
        committed = {
            str(row["id"]) for row in await store.fetch("SELECT id FROM fabric_auth_events")
        }
        entries = await redis.xrange(f"{NAMESPACE}:events")
        in_stream = Counter(json.loads(fields[b"event"])["id"] for _, fields in entries)
        assert committed - set(in_stream) == set()  # nothing lost
        assert set(in_stream) == committed  # nothing else either
        assert len(committed) >= sum(answered)
        duplicates = sum(in_stream.values()) - len(in_stream)
        record(
            f"events relay kill -9: {len(committed)} events committed, all in the stream, "
            f"{duplicates} duplicates; {survivor.name} took over {takeover:.1f} s after the kill "
            f"(lease ttl {LEASE_TTL} s)"
        )
    finally:
        await store.close()
        await redis.aclose()
