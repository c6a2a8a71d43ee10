"""Redis going away and coming back: one log line each way, retries backing off.

Real servers only: a closed port on 127.0.0.1, and a `redis-server` of the test's own that it
stops and starts again (the shared Redis is never touched).
"""

from __future__ import annotations

import asyncio
import errno
import logging
import shutil
from collections.abc import AsyncIterator

import pytest

from fabric_auth.services.broadcast import Broadcast
from tests.conftest import AppFactory
from tests.scaleout.harness import RedisServer, free_port


def refused(port: int) -> str:
    """redis-py's words for a connection refused on `port`."""
    return (
        f"Error {errno.ECONNREFUSED} connecting to 127.0.0.1:{port}. "
        f"Connect call failed ('127.0.0.1', {port})."
    )


def broadcast_log(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str]]:
    return [
        (record.levelname, record.getMessage())
        for record in caplog.records
        if record.name == "fabric_auth.broadcast"
    ]


async def test_unreachable_redis_is_logged_once_without_traceback(
    make_app: AppFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """An app pointed at a closed port logs one warning while its retries go on, and no
    traceback."""
    caplog.set_level(logging.INFO, logger="fabric_auth")
    port = free_port()
    await make_app(redis_url=f"redis://127.0.0.1:{port}/0")
    await asyncio.sleep(2.0)
    assert broadcast_log(caplog) == [
        ("WARNING", f"Redis (subscription) unavailable: ConnectionError: {refused(port)}")
    ]
    assert [record.getMessage() for record in caplog.records if record.exc_info] == []


@pytest.fixture
async def own_redis() -> AsyncIterator[RedisServer]:
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server on PATH")
    server = RedisServer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def test_redis_back_is_logged_once_and_resubscribed(
    own_redis: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Redis stopped: one warning, and publishing gives up at once (counted, never raised);
    started again: one info line, the subscription back (with a hint, since hints may have been
    missed) and hints delivered again."""
    from redis.asyncio import Redis

    caplog.set_level(logging.INFO, logger="fabric_auth")
    redis = Redis.from_url(own_redis.url)
    broadcast = Broadcast(redis, "test-namespace")
    hints: list[int] = []
    broadcast.on_hint(lambda: hints.append(len(hints) + 1))
    await broadcast.start()
    try:
        assert hints == [1]
        await own_redis.stop()
        await asyncio.sleep(0.8)
        down = (
            "WARNING",
            f"Redis (subscription) unavailable: ConnectionError: {refused(own_redis.port)}",
        )
        assert broadcast_log(caplog) == [down]
        loop = asyncio.get_running_loop()
        started = loop.time()
        await broadcast.publish()
        assert loop.time() - started < 0.15
        assert broadcast.publish_failures == 1
        await own_redis.start()
        for _ in range(100):
            if len(hints) == 2:
                break
            await asyncio.sleep(0.05)
        assert hints == [1, 2]
        up = ("INFO", "Redis (subscription) available again")
        assert broadcast_log(caplog)[0] == down and up in broadcast_log(caplog)
        await broadcast.publish()
        for _ in range(100):
            if len(hints) == 3:
                break
            await asyncio.sleep(0.01)
        assert hints == [1, 2, 3]
        assert [record.getMessage() for record in caplog.records if record.exc_info] == []
    finally:
        await broadcast.stop()
        await redis.aclose()
