"""One suite, every backend: SQLite and PostgreSQL stores, memory and Redis.

PostgreSQL and Redis come from `FABRIC_AUTH_TEST_POSTGRES_URL` / `FABRIC_AUTH_TEST_REDIS_URL`.
Without them those parameters skip with the reason; with `FABRIC_AUTH_TEST_REQUIRE_SERVICES=1`
(set by `.ci/run`) a missing server fails the run instead.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from fabric_auth import FabricAuth, FrozenClock
from fabric_auth.routers import (
    create_account_admin_router,
    create_account_router,
    create_api_keys_router,
    create_audit_router,
    create_auth_router,
    create_events_router,
    create_health_router,
    create_metrics_router,
    create_oauth_router,
    create_plans_router,
    create_roles_router,
    create_service_accounts_router,
    create_users_router,
    create_well_known_router,
)
from fabric_auth.store import connection, migrate
from fabric_auth.store.models import (
    ApiKey,
    AuditChain,
    AuditEvent,
    Change,
    Feature,
    IdempotencyKey,
    Lease,
    LimitOverride,
    LinkToken,
    LoginThrottle,
    OAuthAccount,
    OAuthFlow,
    OutboxEvent,
    Plan,
    PlanLimit,
    ProcessedEvent,
    QuotaLease,
    RefreshToken,
    Revocation,
    Role,
    ServiceAccount,
    ServiceAccountRole,
    Session,
    SigningKey,
    Subscription,
    UsageCounter,
    User,
    UserRole,
    WebhookDelivery,
    WebhookEndpoint,
)
from fabric_auth.testing import Outbox, serve, test_settings

POSTGRES_URL = os.environ.get("FABRIC_AUTH_TEST_POSTGRES_URL")
REDIS_URL = os.environ.get("FABRIC_AUTH_TEST_REDIS_URL")
REQUIRE_SERVICES = os.environ.get("FABRIC_AUTH_TEST_REQUIRE_SERVICES") == "1"
TABLES_IN_DELETE_ORDER = (
    Change,
    WebhookDelivery,
    WebhookEndpoint,
    OutboxEvent,
    Lease,
    ApiKey,
    ServiceAccountRole,
    ServiceAccount,
    AuditEvent,
    AuditChain,
    SigningKey,
    Revocation,
    LoginThrottle,
    LinkToken,
    OAuthAccount,
    OAuthFlow,
    RefreshToken,
    Session,
    UserRole,
    User,
    Role,
    IdempotencyKey,
    QuotaLease,
    UsageCounter,
    ProcessedEvent,
    LimitOverride,
    PlanLimit,
    Subscription,
    Plan,
    Feature,
)
PASSWORD = "correct horse battery staple"


_EXAMPLE_URLS = {
    "FABRIC_AUTH_TEST_POSTGRES_URL": "postgres://postgres@127.0.0.1:5432/test",
    "FABRIC_AUTH_TEST_REDIS_URL": "redis://127.0.0.1:6379/3",
}


def _unavailable(what: str, variable: str) -> None:
    message = f"{what} tests need {variable} (e.g. {_EXAMPLE_URLS[variable]})"
    if REQUIRE_SERVICES:
        pytest.fail(f"{message}; FABRIC_AUTH_TEST_REQUIRE_SERVICES=1 forbids skipping")
    pytest.skip(message)


async def _fresh_postgres_database(url: str) -> tuple[str, Callable[[], Awaitable[None]]]:
    """A new database on the test server for this run, dropped at the end."""
    import asyncpg

    base, _, _ = url.rpartition("/")
    name = f"fabric_auth_test_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()

    async def drop() -> None:
        admin = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()

    return f"{base}/{name}", drop


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
async def database_url(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    """An open, migrated store shared by the session; each test starts from empty tables."""
    drop: Callable[[], Awaitable[None]] | None = None
    if request.param == "sqlite":
        directory = tempfile.mkdtemp(prefix="fabric-auth-")
        url = f"sqlite://{Path(directory) / 'test.sqlite3'}"
    else:
        if not POSTGRES_URL:
            _unavailable("PostgreSQL", "FABRIC_AUTH_TEST_POSTGRES_URL")
        assert POSTGRES_URL is not None
        url, drop = await _fresh_postgres_database(POSTGRES_URL)
    config = await connection.open_store(url)
    await migrate.upgrade(config)
    yield url
    await connection.close_store()
    if drop is not None:
        await drop()


@pytest.fixture
async def store(database_url: str) -> str:
    """Empty tables before the test."""
    for model in TABLES_IN_DELETE_ORDER:
        await model.all().delete()
    return database_url


@pytest.fixture(params=["memory", "redis"])
async def redis_url(request: pytest.FixtureRequest) -> AsyncIterator[str | None]:
    """No Redis, then a real Redis (flushed before the test)."""
    if request.param == "memory":
        yield None
        return
    if not REDIS_URL:
        _unavailable("Redis", "FABRIC_AUTH_TEST_REDIS_URL")
    assert REDIS_URL is not None
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL)
    await client.flushdb()
    await client.aclose()
    yield REDIS_URL


@dataclass
class RunningApp:
    app: FastAPI
    auth: FabricAuth
    client: httpx.AsyncClient
    clock: FrozenClock
    outbox: Outbox

    async def sign_in(self, login: str = "ada@example.com", password: str = PASSWORD) -> Any:
        return await self.client.post(
            "/auth/token", data={"grant_type": "password", "username": login, "password": password}
        )

    async def tokens(self, login: str = "ada@example.com", password: str = PASSWORD) -> Any:
        response = await self.sign_in(login, password)
        assert response.status_code == 200, response.text
        return response.json()

    async def create_user(self, email: str = "ada@example.com", **kwargs: Any) -> User:
        from fabric_auth.services.users import NewUser

        kwargs.setdefault("password", PASSWORD)
        return await self.auth.services.users.create(NewUser(email=email, **kwargs))


AppFactory = Callable[..., Awaitable[RunningApp]]


async def seconds_until(check: Callable[[], Awaitable[bool]], *, within: float) -> float:
    """How long `check()` took to hold, asking again every few milliseconds; fails the test
    when a check that started `within` seconds or more after the first still does not hold."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    while True:
        asked = loop.time()
        if await check():
            return loop.time() - started
        assert asked - started < within, f"still not so {asked - started:.3f} s after"
        await asyncio.sleep(0.005)


def build_app(auth: FabricAuth) -> FastAPI:
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())
    app.include_router(create_account_router())
    app.include_router(create_account_admin_router())
    app.include_router(create_health_router())
    app.include_router(create_well_known_router())
    app.include_router(create_audit_router())
    app.include_router(create_metrics_router())
    app.include_router(create_roles_router())
    app.include_router(create_users_router())
    app.include_router(create_api_keys_router())
    app.include_router(create_service_accounts_router())
    app.include_router(create_plans_router())
    app.include_router(create_oauth_router())
    app.include_router(create_events_router())
    return app


@pytest.fixture
async def make_app(store: str) -> AsyncIterator[AppFactory]:
    """Start apps on the test store; every app started here stops after the test."""
    async with AsyncExitStack() as stack:

        async def factory(
            *, clock: FrozenClock | None = None, secret_key: str | None = None, **settings: Any
        ) -> RunningApp:
            clock = clock or FrozenClock()
            outbox = Outbox()
            auth = FabricAuth(
                test_settings(
                    database_url=store, secret_key=secret_key or _SHARED_SECRET, **settings
                ),
                clock=clock,
                mailer=outbox,
            )
            app = build_app(auth)
            client = await stack.enter_async_context(serve(app))
            return RunningApp(app=app, auth=auth, client=client, clock=clock, outbox=outbox)

        yield factory


# Apps in one test share a secret, like instances of one deployment.
_SHARED_SECRET = secrets.token_urlsafe(32)


@pytest.fixture
async def running(make_app: AppFactory) -> RunningApp:
    """One app on the test store, with the user ada@example.com."""
    app = await make_app()
    await app.create_user()
    return app


@asynccontextmanager
async def uvicorn_on_loopback(app: FastAPI) -> AsyncIterator[str]:
    """Serve `app` with uvicorn on 127.0.0.1 (a free port) in this event loop; yield its URL.
    The server (and the app's lifespan) stop when the block ends."""
    import asyncio
    import socket

    import uvicorn

    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that say they are TCP.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, lifespan="on", log_level="warning", access_log=False)
    )
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, timeout=10)
        sock.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The fuzz runs' generated-case counts and times (tests/fuzz) and the scale-out suite's
    measured figures (tests/scaleout), in the test log."""
    from tests.fuzz.test_fuzz import SUMMARIES
    from tests.scaleout.harness import FIGURES

    for line in [*SUMMARIES, *FIGURES]:
        terminalreporter.write_line(line)
