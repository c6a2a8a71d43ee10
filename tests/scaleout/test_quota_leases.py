"""Quota leases across two real uvicorn processes on one PostgreSQL database: one is killed
(-9) in the middle of a run that asks for more than the limit, and the limit still holds.

A deployment of its own (not the package's `deployment`): both instances run with
`FABRIC_AUTH_QUOTA_LEASE`, so the scale-out app's `POST /generate` is served from lease blocks,
and with a one-second lease, so the dead instance's lease expires within the test.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.conftest import POSTGRES_URL, REDIS_URL, _unavailable
from tests.scaleout.app import FEATURE, THINGS_READ
from tests.scaleout.cluster import (
    ADMIN_EMAIL,
    PASSWORD,
    bearer,
    instance_env,
    recreate_database,
    server_dsn,
)
from tests.scaleout.harness import Instance

DATABASE = "fa_quota_leases"
LIMIT = 300
LEASE = 40
STEP = LEASE // 4
"""The ceiling step of a full block: the most a killed instance leaves counted unserved."""
REQUESTS = 700
WORKERS = 8
PORTS = (
    int(os.environ.get("FABRIC_AUTH_TEST_LEASE_PORT_A", "0")) or None,
    int(os.environ.get("FABRIC_AUTH_TEST_LEASE_PORT_B", "0")) or None,
)


@pytest.fixture
async def pair(tmp_path: Path) -> AsyncIterator[tuple[Instance, Instance, asyncpg.Connection]]:
    """Instances A and B with leases on a fresh database, and a direct connection to it."""
    if not POSTGRES_URL:
        _unavailable("PostgreSQL", "FABRIC_AUTH_TEST_POSTGRES_URL")
    if not REDIS_URL:
        _unavailable("Redis", "FABRIC_AUTH_TEST_REDIS_URL")
    assert POSTGRES_URL is not None and REDIS_URL is not None
    await recreate_database(POSTGRES_URL, DATABASE)
    env = instance_env(
        f"{POSTGRES_URL.partition('?')[0].rpartition('/')[0]}/{DATABASE}",
        REDIS_URL,
        uuid.uuid4().hex * 2,
        FABRIC_AUTH_QUOTA_LEASE=str(LEASE),
        FABRIC_AUTH_QUOTA_LEASE_SECONDS="1",
    )
    a = Instance("A", env, tmp_path / "A.log")
    b = Instance("B", env, tmp_path / "B.log")
    for instance, port in zip((a, b), PORTS, strict=True):
        if port is not None:
            instance.port = port
    store = None
    try:
        await a.start()  # A migrates and seeds; B finds both done
        await b.start()
        store = await asyncpg.connect(server_dsn(POSTGRES_URL, DATABASE))
        yield a, b, store
    finally:
        await asyncio.gather(a.close(), b.close())
        if store is not None:
            await store.close()
        admin = await asyncpg.connect(server_dsn(POSTGRES_URL, "postgres"))
        with contextlib.suppress(asyncpg.PostgresError):
            await admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        await admin.close()


async def user_token(a: Instance) -> tuple[str, uuid.UUID]:
    """A user allowed `POST /generate` with a `generations` limit of LIMIT; its token, id."""
    answer = await a.http.post(
        "/auth/token",
        data={"grant_type": "password", "username": ADMIN_EMAIL, "password": PASSWORD},
    )
    admin = bearer(answer.json()["access_token"])
    for call in (
        a.http.post("/roles", json={"name": "reader", "permissions": [THINGS_READ]}, headers=admin),
        a.http.post("/features", json={"code": FEATURE, "name": "Generations"}, headers=admin),
        a.http.put(
            f"/plans/free/limits/{FEATURE}", json={"limit": LIMIT, "period": "month"}, headers=admin
        ),
    ):
        assert (await call).status_code in (200, 201)
    email = f"u{uuid.uuid4().hex[:10]}@leases.example"
    created = await a.http.post(
        "/users",
        json={"email": email, "password": PASSWORD, "roles": ["user", "reader"]},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    answer = await a.http.post(
        "/auth/token", data={"grant_type": "password", "username": email, "password": PASSWORD}
    )
    return answer.json()["access_token"], uuid.UUID(created.json()["id"])


async def test_a_killed_instance_never_lets_the_limit_be_passed(
    pair: tuple[Instance, Instance, asyncpg.Connection],
) -> None:
    """700 requests for a limit of 300 across two leasing instances, one killed -9 a third of
    the way: at most 300 are granted; once the dead lease expires the survivor gets back all
    but what the dead one's ceiling kept, and the counter ends at the limit, at most one step
    and the requests in flight on the dead one above the 200s."""
    a, b, store = pair
    token, user_id = await user_token(a)
    headers = bearer(token)
    granted = refused = 0
    sent = itertools.count()
    killed = asyncio.Event()

    async def worker(index: int) -> None:
        nonlocal granted, refused
        while (number := next(sent)) < REQUESTS:
            if number == REQUESTS // 3 and not killed.is_set():
                killed.set()
                await b.kill()
            target = b if (number + index) % 2 and not killed.is_set() else a
            try:
                answer = await target.http.post("/generate", headers=headers)
            except httpx.TransportError:
                continue  # B died with it in flight: no answer, perhaps served
            assert answer.status_code in (200, 429), answer.text
            granted += answer.status_code == 200
            refused += answer.status_code == 429

    await asyncio.gather(*(worker(index) for index in range(WORKERS)))
    assert killed.is_set() and refused > 0
    assert granted <= LIMIT

    async def counter() -> int:
        value = await store.fetchval(
            "SELECT COALESCE(SUM(used), 0) FROM fabric_auth_usage_counters WHERE subject_id = $1",
            user_id,
        )
        return int(value)

    assert await counter() == LIMIT  # the dead lease still holds its units
    await asyncio.sleep(1.5)  # past the dead lease's expiry
    while (await a.http.post("/generate", headers=headers)).status_code == 200:
        granted += 1  # a refusal swept the dead lease: its unserved part came back
    assert granted <= LIMIT
    await a.stop()  # SIGTERM: a graceful stop gives A's own blocks back
    assert await store.fetchval("SELECT count(*) FROM fabric_auth_quota_leases") == 0
    assert LIMIT - STEP - WORKERS <= granted <= LIMIT
    assert await counter() == LIMIT
