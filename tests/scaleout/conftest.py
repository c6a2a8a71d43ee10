"""The scale-out suite's deployment: started once for the package, healed before each scenario.

It needs `redis-server` on PATH (the suite runs its own) and the PostgreSQL server of
`FABRIC_AUTH_TEST_POSTGRES_URL` (reached through the suite's proxy, in database `fa_scaleout`).
Without them the scenarios skip with the reason; with `FABRIC_AUTH_TEST_REQUIRE_SERVICES=1` they
fail instead.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import AsyncIterator, Iterator

import pytest

from fabric_auth.testing import TestIdentityProvider
from tests.conftest import POSTGRES_URL, REQUIRE_SERVICES, _unavailable
from tests.scaleout.cluster import Cluster
from tests.scaleout.harness import RedisServer

DATABASE = "fa_scaleout"
APP_ORIGIN = "https://app.example.com"


@pytest.fixture(scope="package")
def identity_provider() -> Iterator[TestIdentityProvider]:
    """A test identity provider on loopback, which every instance signs users in with."""
    with TestIdentityProvider.running() as provider:
        yield provider


def oauth_env(provider: TestIdentityProvider) -> dict[str, str]:
    """Provider `test` (JIT provisioning on) for every instance of the deployment."""
    config = {
        "issuer": provider.issuer,
        "client_id": provider.client_id,
        "client_secret": provider.client_secret,
        "jit_provisioning": True,
    }
    return {
        "FABRIC_AUTH_OAUTH": json.dumps({"test": config}),
        "FABRIC_AUTH_OAUTH_REDIRECT_ALLOWLIST": APP_ORIGIN,
        "FABRIC_AUTH_PUBLIC_BASE_URL": "http://127.0.0.1",
    }


@pytest.fixture(scope="package")
async def redis_server() -> AsyncIterator[RedisServer]:
    """The suite's own redis-server (the shared one is never touched)."""
    if shutil.which("redis-server") is None:
        message = "the scale-out suite needs redis-server on PATH"
        if REQUIRE_SERVICES:
            pytest.fail(f"{message}; FABRIC_AUTH_TEST_REQUIRE_SERVICES=1 forbids skipping")
        pytest.skip(message)
    server = RedisServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture(scope="package")
async def deployment(
    redis_server: RedisServer,
    identity_provider: TestIdentityProvider,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[Cluster]:
    if not POSTGRES_URL:
        _unavailable("PostgreSQL", "FABRIC_AUTH_TEST_POSTGRES_URL")
    assert POSTGRES_URL is not None
    cluster = Cluster(
        POSTGRES_URL,
        DATABASE,
        redis_server,
        tmp_path_factory.mktemp("scaleout"),
        extra_env=oauth_env(identity_provider),
    )
    try:
        await cluster.start()
        yield cluster
    finally:
        await cluster.close()


@pytest.fixture
async def cluster(deployment: Cluster) -> Cluster:
    """The deployment, healed of the previous scenario's faults."""
    await deployment.heal()
    return deployment
