"""Health probes."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import AppFactory


async def test_live(make_app: AppFactory) -> None:
    """/health/live answers 200 while the process serves."""
    app = await make_app()
    response = await app.client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_checks_store_and_redis(make_app: AppFactory, redis_url: str | None) -> None:
    """/health/ready reports the store, and Redis when it is configured."""
    app = await make_app(redis_url=redis_url)
    response = await app.client.get("/health/ready")
    assert response.status_code == 200
    expected = {"store": "ok"} | ({"redis": "ok"} if redis_url else {})
    assert response.json() == {"status": "ok", "checks": expected}


async def test_ready_is_503_when_redis_is_down(make_app: AppFactory, redis_url: str | None) -> None:
    """An unreachable Redis makes the app not ready (503), without a stack trace."""
    if redis_url is None:
        return
    app = await make_app(redis_url=redis_url)
    services = app.auth.services
    assert services.redis is not None
    healthy_client = services.redis
    from redis.asyncio import Redis

    services.redis = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    try:
        response = await app.client.get("/health/ready")
    finally:
        await services.redis.aclose()
        services.redis = healthy_client
    assert response.status_code == 503
    assert response.json()["checks"]["redis"] == "unavailable"


async def test_a_failing_check_is_logged_once_per_state_change(
    make_app: AppFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """Probes every few seconds: a check failing on three probes is one WARNING (no
    traceback), passing again one INFO."""
    app = await make_app()
    failing = True

    async def search() -> None:
        if failing:
            raise ConnectionRefusedError(111, "search index refused")

    app.auth.register_check("search", search)
    caplog.set_level(logging.INFO, logger="fabric_auth.health")
    statuses = [(await app.client.get("/health/ready")).status_code for _ in range(3)]
    failing = False
    statuses += [(await app.client.get("/health/ready")).status_code for _ in range(2)]
    assert statuses == [503, 503, 503, 200, 200]
    assert [
        (record.levelname, record.getMessage(), record.exc_info)
        for record in caplog.records
        if record.name == "fabric_auth.health"
    ] == [
        (
            "WARNING",
            "health check search unavailable: ConnectionRefusedError: [Errno 111] search index "
            "refused",
            None,
        ),
        ("INFO", "health check search available again", None),
    ]
