"""PostgreSQL cut, hung and restored under a running uvicorn app: coded 503s, one log line each
way, recovery without a restart.

The app runs in its own process (`tests.faults.served_app`) on its own database, reached
through a TCP proxy the test cuts and hangs; the shared PostgreSQL is never touched.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import POSTGRES_URL, _fresh_postgres_database, _unavailable
from tests.faults import ServedApp, TcpProxy, served_app, tracebacks

ADMIN = "admin@example.com"
PASSWORD = "correct horse battery staple"
STORE_TIMEOUT = 1.0
UNAVAILABLE = {"detail": "The store is unavailable: try again shortly", "code": "store_unavailable"}


@pytest.fixture
async def proxy() -> AsyncIterator[TcpProxy]:
    """A proxy in front of the test PostgreSQL server."""
    if not POSTGRES_URL:
        _unavailable("PostgreSQL", "FABRIC_AUTH_TEST_POSTGRES_URL")
    assert POSTGRES_URL is not None
    server = urlsplit(POSTGRES_URL)
    proxy = TcpProxy(server.hostname or "127.0.0.1", server.port or 5432)
    await proxy.start()
    try:
        yield proxy
    finally:
        await proxy.cut()


@pytest.fixture(params=["postgres", "psycopg"])
async def app(
    request: pytest.FixtureRequest, proxy: TcpProxy, tmp_path: Path
) -> AsyncIterator[ServedApp]:
    """The app on a database of its own, through the proxy, with each PostgreSQL driver."""
    assert POSTGRES_URL is not None
    url, drop = await _fresh_postgres_database(POSTGRES_URL)
    database = url.rpartition("/")[2]
    try:
        async with served_app(
            tmp_path,
            database_url=f"{request.param}://postgres@127.0.0.1:{proxy.port}/{database}",
            store_timeout=str(STORE_TIMEOUT),
            admin_email=ADMIN,
            admin_password=PASSWORD,
        ) as served:
            yield served
    finally:
        await proxy.restore()  # the app is gone; let the drop reach the server
        await drop()


async def sign_in(app: ServedApp) -> Any:
    return await app.client.post(
        "/auth/token", data={"grant_type": "password", "username": ADMIN, "password": PASSWORD}
    )


async def answers(app: ServedApp, token: str) -> dict[str, Any]:
    """Status and body of a guarded route, a sign-in, a mutation and readiness."""
    bearer = {"Authorization": f"Bearer {token}"}
    guarded = await app.client.get("/guarded", headers=bearer)
    signed_in = await sign_in(app)
    created = await app.client.post(
        "/roles", headers=bearer, json={"name": "outage-role", "permissions": ["roles:read"]}
    )
    ready = await app.client.get("/health/ready")
    return {
        name: (response.status_code, response.json(), response.headers.get("Retry-After"))
        for name, response in (
            ("guarded", guarded),
            ("sign_in", signed_in),
            ("mutation", created),
            ("ready", ready),
        )
    }


def outage_log(app: ServedApp) -> list[tuple[str, str, str]]:
    """fabric-auth's lines from the outage on: the store's state, and anything at WARNING or
    above (the drivers' own lines apart: psycopg's pool reports its reconnection attempts)."""
    return [
        (record["logger"], record["level"], record["message"])
        for record in app.log_records()
        if record["logger"].startswith("fabric_auth")
        and (record["logger"] == "fabric_auth.store" or record["level"] != "INFO")
    ]


async def until(condition: Any, within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while not await condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def test_a_cut_store_answers_coded_503s_logged_once_and_recovers(
    app: ServedApp, proxy: TcpProxy
) -> None:
    """Cut: every route answers 503 `store_unavailable` with `Retry-After` (no 500, no
    traceback), readiness 503, one WARNING; restored: the same process serves again, one
    INFO."""
    token = (await sign_in(app)).json()["access_token"]
    await proxy.cut()
    for _ in range(3):  # many requests, one incident
        during = await answers(app, token)
        assert during == {
            "guarded": (503, UNAVAILABLE, "1"),
            "sign_in": (503, UNAVAILABLE, "1"),
            "mutation": (503, UNAVAILABLE, "1"),
            "ready": (503, {"status": "unavailable", "checks": {"store": "unavailable"}}, None),
        }
    [(logger, level, message)] = outage_log(app)
    assert (logger, level) == ("fabric_auth.store", "WARNING")
    assert message.startswith("store unavailable: ")

    await proxy.restore()

    async def ready() -> bool:
        return (await app.client.get("/health/ready")).status_code == 200

    await until(ready)
    after = await answers(app, token)
    assert {name: status for name, (status, _, _) in after.items()} == {
        "guarded": 200,
        "sign_in": 200,
        "mutation": 201,
        "ready": 200,
    }
    assert outage_log(app) == [
        (logger, level, message),
        ("fabric_auth.store", "INFO", "store available again"),
    ]
    assert list(tracebacks(app.log_lines())) == []


async def test_a_hung_store_answers_503_within_the_store_timeout(
    app: ServedApp, proxy: TcpProxy
) -> None:
    """A server that accepts connections but never answers: a request that needs a new
    connection gives up after `FABRIC_AUTH_STORE_TIMEOUT` with 503, not after minutes."""
    token = (await sign_in(app)).json()["access_token"]
    await proxy.hang()
    for _ in range(2):
        started = time.monotonic()
        response = await app.client.get("/guarded", headers={"Authorization": f"Bearer {token}"})
        elapsed = time.monotonic() - started
        assert (response.status_code, response.json()) == (503, UNAVAILABLE)
        # libpq's connect_timeout counts whole seconds, at least 2 (psycopg)
        assert elapsed < max(2.0, STORE_TIMEOUT) + 1.5, elapsed
    await proxy.restore()

    async def served() -> bool:
        bearer = {"Authorization": f"Bearer {token}"}
        return (await app.client.get("/guarded", headers=bearer)).status_code == 200

    await until(served)
    assert list(tracebacks(app.log_lines())) == []
