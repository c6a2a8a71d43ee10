"""`rate_limit(...)`: 429 with headers, keys, defaults on our routes, sharing through Redis,
and client addresses from trusted proxies only."""

from __future__ import annotations

import httpx
import pytest
from fastapi import Depends, Request

from fabric_auth.dependencies import rate_limit
from fabric_auth.exceptions import ConfigurationError
from fabric_auth.store.models import AuditEvent
from tests.conftest import PASSWORD, AppFactory, RunningApp


def add_limited_route(app: RunningApp, limit: str = "3/minute", **options: object) -> None:
    @app.app.get("/limited", dependencies=[Depends(rate_limit(limit, **options))])  # type: ignore[arg-type]
    async def limited() -> dict[str, bool]:
        return {"ok": True}


def peer_client(app: RunningApp, peer: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app.app, client=(peer, 5000))
    return httpx.AsyncClient(transport=transport, base_url="https://testserver")


async def test_limit_answers_429_with_retry_after_and_ratelimit_headers(
    running: RunningApp,
) -> None:
    """Three requests pass with decreasing RateLimit-Remaining; the fourth is 429."""
    add_limited_route(running)
    remaining = []
    for _ in range(3):
        response = await running.client.get("/limited")
        assert response.status_code == 200
        assert response.headers["RateLimit-Limit"] == "3"
        remaining.append(response.headers["RateLimit-Remaining"])
    assert remaining == ["2", "1", "0"]
    refused = await running.client.get("/limited")
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["RateLimit-Remaining"] == "0"


async def test_key_by_principal(running: RunningApp) -> None:
    """key="principal" gives each signed-in user their own budget."""
    add_limited_route(running, "2/minute", key="principal")
    await running.create_user("bob@example.com")
    ada = (await running.tokens())["access_token"]
    bob = (await running.tokens("bob@example.com"))["access_token"]
    for token in (ada, ada, bob, bob):
        response = await running.client.get(
            "/limited", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 200
    response = await running.client.get("/limited", headers={"Authorization": f"Bearer {ada}"})
    assert response.status_code == 429


async def test_key_by_function(running: RunningApp) -> None:
    """A key function decides whom a request counts against."""

    def tenant(request: Request) -> str:
        return request.headers.get("x-tenant", "none")

    add_limited_route(running, "1/minute", key=tenant)
    assert (await running.client.get("/limited", headers={"x-tenant": "a"})).status_code == 200
    assert (await running.client.get("/limited", headers={"x-tenant": "b"})).status_code == 200
    assert (await running.client.get("/limited", headers={"x-tenant": "a"})).status_code == 429


async def test_two_instances_share_limits_through_redis(
    make_app: AppFactory, redis_url: str | None
) -> None:
    """With one Redis, two instances count together; without Redis, each counts alone."""
    a = await make_app(redis_url=redis_url)
    b = await make_app(redis_url=redis_url)
    for app in (a, b):
        add_limited_route(app, "3/minute")
    assert [(await a.client.get("/limited")).status_code for _ in range(2)] == [200, 200]
    from_b = [(await b.client.get("/limited")).status_code for _ in range(2)]
    assert from_b == ([200, 429] if redis_url else [200, 200])


async def test_default_limits_on_our_routes(running: RunningApp) -> None:
    """forgot-password allows rate_limit_mail (5/minute) per address, then 429."""
    codes = [
        (
            await running.client.post("/auth/forgot-password", json={"email": "a@example.com"})
        ).status_code
        for _ in range(6)
    ]
    assert codes == [202] * 5 + [429]


async def test_default_limits_are_configurable(make_app: AppFactory) -> None:
    """A route's limit comes from settings; None turns it off, rate_limits_enabled all."""
    app = await make_app(rate_limit_token="2/minute")
    await app.create_user()
    assert [(await app.sign_in()).status_code for _ in range(3)] == [200, 200, 429]
    free = await make_app(rate_limit_token=None)
    await free.create_user("bob@example.com")
    assert {(await free.sign_in("bob@example.com")).status_code for _ in range(40)} == {200}


def test_bad_limits_fail_at_definition_and_startup() -> None:
    """A malformed limit is a ConfigurationError, in code and in settings."""
    from fabric_auth import load_settings

    with pytest.raises(ConfigurationError):
        rate_limit("lots per minute")
    with pytest.raises(ConfigurationError, match="FABRIC_AUTH_RATE_LIMIT_MAIL"):
        load_settings(environment="test", rate_limit_mail="5 a minute")
    with pytest.raises(ConfigurationError, match="FABRIC_AUTH_TRUSTED_PROXIES"):
        load_settings(environment="test", trusted_proxies="10.0.0.0/8,proxy.local")


async def test_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored(
    running: RunningApp,
) -> None:
    """Without trusted proxies, a new X-Forwarded-For per request does not buy a new budget,
    and the audit log records the peer."""
    add_limited_route(running, "2/minute")
    codes = [
        (
            await running.client.get("/limited", headers={"X-Forwarded-For": f"198.51.100.{n}"})
        ).status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]
    await running.client.post(
        "/auth/token",
        data={"grant_type": "password", "username": "ada@example.com", "password": PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    event = await AuditEvent.filter(action="auth.sign_in").first()
    assert event is not None and event.ip_address == "127.0.0.1"


async def test_forwarded_for_from_a_trusted_proxy_is_used(make_app: AppFactory) -> None:
    """Behind a trusted proxy each forwarded client has its own budget; an untrusted peer
    sending the same header still counts as itself."""
    app = await make_app(trusted_proxies="10.0.0.0/8")
    add_limited_route(app, "1/minute")
    async with peer_client(app, "10.1.2.3") as proxy, peer_client(app, "192.0.2.1") as direct:
        for client_address in ("198.51.100.1", "198.51.100.2"):
            response = await proxy.get(
                "/limited", headers={"X-Forwarded-For": f"6.6.6.6, {client_address}"}
            )
            assert response.status_code == 200
        again = await proxy.get("/limited", headers={"X-Forwarded-For": "198.51.100.1"})
        assert again.status_code == 429
        assert (
            await direct.get("/limited", headers={"X-Forwarded-For": "198.51.100.3"})
        ).status_code == 200
        assert (
            await direct.get("/limited", headers={"X-Forwarded-For": "198.51.100.4"})
        ).status_code == 429


def test_storage_comes_from_a_url() -> None:
    """memory:// counts in this instance, a Redis URL in Redis; anything else is one
    ConfigurationError naming the URL."""
    from limits.aio.storage import MemoryStorage, RedisStorage

    from fabric_auth.exceptions import ConfigurationError
    from fabric_auth.services.rate_limits import storage_from_url

    assert isinstance(storage_from_url("memory://", key_prefix="test:rate"), MemoryStorage)
    assert isinstance(
        storage_from_url("redis://127.0.0.1:6379/0", key_prefix="test:rate"), RedisStorage
    )
    assert isinstance(
        storage_from_url("unix:///run/redis.sock", key_prefix="test:rate"), RedisStorage
    )
    with pytest.raises(ConfigurationError, match="'ftp://host'"):
        storage_from_url("ftp://host", key_prefix="test:rate")


async def test_unreachable_storage_lets_requests_through_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """With the counters' Redis unreachable every request is allowed, and the outage is
    logged once (no traceback), not per request."""
    import logging
    import socket

    from fabric_auth.services.rate_limits import RateLimiter, parse_limits

    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    limiter = RateLimiter(f"redis://127.0.0.1:{port}/0", namespace="test")
    caplog.set_level(logging.INFO, logger="fabric_auth.rate_limits")
    try:
        for _ in range(3):
            assert await limiter.hit_or_allow(parse_limits("1/minute"), "scope", "ip") is None
    finally:
        await limiter.close()
    records = [r for r in caplog.records if r.name == "fabric_auth.rate_limits"]
    assert [(r.levelname, r.exc_info) for r in records] == [("WARNING", None)]
    assert records[0].getMessage().startswith("rate-limit storage unavailable: ")
