"""A deployment of two instances (A, B) on one PostgreSQL database (through the proxy) and one
Redis of the suite's own, and what the scenarios do to it through the API."""

from __future__ import annotations

import asyncio
import secrets
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import httpx

from tests.scaleout.app import FEATURE, THINGS_READ
from tests.scaleout.harness import (
    MAX_STALENESS,
    Instance,
    PostgresProxy,
    RedisServer,
    poll,
)

ADMIN_EMAIL = "admin@scaleout.example"
PASSWORD = "scale-out password, long enough"
READER_ROLE = "reader"


def server_dsn(postgres_url: str, database: str) -> str:
    """The asyncpg DSN of `database` on the server of `postgres_url` (direct, not proxied)."""
    parts = urlsplit(postgres_url)
    return f"postgresql://{parts.netloc}/{database}"


async def recreate_database(postgres_url: str, database: str) -> None:
    """Drop and create `database`, so each run starts from nothing."""
    admin = await asyncpg.connect(server_dsn(postgres_url, urlsplit(postgres_url).path[1:]))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{database}"')
    finally:
        await admin.close()


def instance_env(
    database_url: str, redis_url: str, secret_key: str, **extra: str
) -> dict[str, str]:
    """The variables every instance of one deployment shares."""
    return {
        "FABRIC_AUTH_ENVIRONMENT": "test",
        "FABRIC_AUTH_DATABASE_URL": database_url,
        "FABRIC_AUTH_REDIS_URL": redis_url,
        "FABRIC_AUTH_SECRET_KEY": secret_key,
        "FABRIC_AUTH_ADMIN_EMAIL": ADMIN_EMAIL,
        "FABRIC_AUTH_ADMIN_PASSWORD": PASSWORD,
        "FABRIC_AUTH_AUTO_MIGRATE": "true",
        "FABRIC_AUTH_ARGON2_TIME_COST": "1",
        "FABRIC_AUTH_ARGON2_MEMORY_COST": "8",
        "FABRIC_AUTH_ARGON2_PARALLELISM": "1",
        "FABRIC_AUTH_GC_FREEZE_ON_STARTUP": "false",
        "FABRIC_AUTH_RATE_LIMITS_ENABLED": "false",
        "FABRIC_AUTH_LOCKOUT_ENABLED": "false",
        "FABRIC_AUTH_MAX_SESSIONS_PER_USER": "10000",
        "FABRIC_AUTH_EXTRA_PERMISSIONS": f'["{THINGS_READ}"]',
        "FABRIC_AUTH_MAX_STALENESS": str(MAX_STALENESS),
        "FABRIC_AUTH_SHUTDOWN_DRAIN_TIMEOUT": "5",
        **extra,
    }


@dataclass
class User:
    id: str
    email: str

    @property
    def subject(self) -> str:
        return f"/subscriptions/user/{self.id}"


def expect(answer: httpx.Response, status: int, what: str) -> None:
    """Fail with what was asked and what came back, unless `status` came back."""
    if answer.status_code != status:
        raise AssertionError(f"{what} answered {answer.status_code}: {answer.text[:200]!r}")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


COMMAND_TIMEOUT = 3
"""Seconds: bounds what a hung store costs a request in the suite (below its 15 s client
timeout)."""


class Cluster:
    """Instances A and B of one deployment, its Redis and its PostgreSQL proxy."""

    def __init__(
        self,
        postgres_url: str,
        database: str,
        redis: RedisServer,
        logs: Path,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        parts = urlsplit(postgres_url)
        self.extra_env = extra_env or {}
        self.postgres_url = postgres_url
        self.database = database
        self.redis = redis
        self.proxy = PostgresProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
        self.logs = logs
        self.secret_key = secrets.token_urlsafe(32)
        self.a: Instance
        self.b: Instance
        self.store: asyncpg.Connection
        self.admin_token = ""

    def env(self, **extra: str) -> dict[str, str]:
        user = urlsplit(self.postgres_url).username or "postgres"
        # command_timeout: asyncpg gives up a statement the server does not answer (a frozen
        # server holds pooled connections), as docs/operations.md recommends for production.
        url = (
            f"postgres://{user}@127.0.0.1:{self.proxy.port}/{self.database}"
            f"?command_timeout={COMMAND_TIMEOUT}"
        )
        return instance_env(url, self.redis.url, self.secret_key, **{**self.extra_env, **extra})

    @property
    def admin(self) -> dict[str, str]:
        return bearer(self.admin_token)

    async def start(self) -> None:
        await recreate_database(self.postgres_url, self.database)
        await self.proxy.start()
        self.a = Instance("A", self.env(), self.logs / "A.log")
        self.b = Instance("B", self.env(), self.logs / "B.log")
        await self.a.start()  # A migrates and seeds the admin; B then finds both done
        await self.b.start()
        self.store = await asyncpg.connect(server_dsn(self.postgres_url, self.database))
        self.admin_token = (await self.sign_in(self.a, ADMIN_EMAIL))["access_token"]
        await self._catalogue()

    async def _catalogue(self) -> None:
        """The `reader` role (things:read) and the `generations` feature on the free plan."""
        answers = [
            await self.a.http.post(
                "/roles",
                json={"name": READER_ROLE, "permissions": [THINGS_READ]},
                headers=self.admin,
            ),
            await self.a.http.post(
                "/features",
                json={"code": FEATURE, "name": "Generations", "unit": "generation"},
                headers=self.admin,
            ),
            await self.a.http.put(
                f"/plans/free/limits/{FEATURE}",
                json={"limit": 1_000_000, "period": "month"},
                headers=self.admin,
            ),
        ]
        for answer in answers:
            assert answer.status_code in (200, 201), answer.text

    async def heal(self) -> None:
        """Whatever the last scenario did: Redis up, the proxy open, A and B up and ready."""
        if self.redis.paused:
            self.redis.resume()
        if not self.redis.running:
            await self.redis.start()
        if self.proxy.mode != "open":
            await self.proxy.restore()
        for instance in (self.a, self.b):
            if instance.running:
                instance.resume()
                await instance.wait_ready()
            else:
                await instance.start()

    async def close(self) -> None:
        await asyncio.gather(self.a.close(), self.b.close())
        await self.store.close()
        await self.proxy.stop()

    # What the scenarios do through the API.

    async def sign_in(self, instance: Instance, email: str) -> dict[str, Any]:
        answer = await instance.http.post(
            "/auth/token", data={"grant_type": "password", "username": email, "password": PASSWORD}
        )
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        return body

    async def new_user(self, *roles: str, limit: int | None = None) -> User:
        """A user holding `user` and `roles`, with its own `generations` limit if given."""
        email = f"u{uuid.uuid4().hex[:12]}@scaleout.example"
        answer = await self.a.http.post(
            "/users",
            json={"email": email, "password": PASSWORD, "roles": ["user", *roles]},
            headers=self.admin,
        )
        assert answer.status_code == 201, answer.text
        user = User(id=answer.json()["id"], email=email)
        if limit is not None:
            await self.set_limit(self.a, user, limit)
        return user

    async def set_limit(self, instance: Instance, user: User, limit: int) -> None:
        answer = await instance.http.put(
            f"{user.subject}/overrides/{FEATURE}", json={"limit": limit}, headers=self.admin
        )
        expect(answer, 200, f"override change on {instance.name}")

    async def new_role(self) -> str:
        name = f"r{uuid.uuid4().hex[:10]}"
        answer = await self.a.http.post(
            "/roles", json={"name": name, "permissions": [THINGS_READ]}, headers=self.admin
        )
        assert answer.status_code == 201, answer.text
        return name

    async def new_key(self, token: str) -> tuple[str, str]:
        """An API key (id, key) of the token's user, scoped to things:read."""
        answer = await self.a.http.post(
            "/users/me/api-keys",
            json={"name": f"k{uuid.uuid4().hex[:8]}", "scopes": [THINGS_READ]},
            headers=bearer(token),
        )
        assert answer.status_code == 201, answer.text
        body = answer.json()
        return str(body["id"]), str(body["key"])

    async def used(self, user: User) -> int:
        """Units of `generations` the store counts for the user (read directly, not proxied)."""
        value = await self.store.fetchval(
            "SELECT COALESCE(SUM(used), 0) FROM fabric_auth_usage_counters "
            "WHERE subject_id = $1 AND feature_code = $2",
            uuid.UUID(user.id),
            FEATURE,
        )
        return int(value)


async def time_to_refusal(
    instance: Instance,
    path: str,
    headers: dict[str, str],
    *,
    refused: tuple[int, ...],
    within: float,
    method: str = "GET",
) -> tuple[float | None, list[int]]:
    """Ask `instance` until it answers one of `refused`: the seconds that took (None if not
    within `within`), and every status seen before."""
    seen: list[int] = []
    started = time.monotonic()

    async def ask() -> float | None:
        try:
            answer = await instance.http.request(method, path, headers=headers, timeout=5)
        except httpx.HTTPError:
            return None
        if answer.status_code in refused:
            return time.monotonic() - started
        seen.append(answer.status_code)
        return None

    return await poll(ask, within=within, interval=0.002), seen


class Mix:
    """The requests the fault scenarios drive against A and B: logouts, key revocations, role
    changes, plan override changes (mutations), guarded reads and consumes. Credentials to end
    are made beforehand, while the store is reachable."""

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.reader: User
        self.reads: dict[str, str] = {}
        self.tokens: list[str] = []
        self.keys: list[str] = []
        self.key_owner: dict[str, str] = {}
        self.roler: User
        self.planner: User
        self.round = 0

    @classmethod
    async def prepare(cls, cluster: Cluster, size: int = 16) -> Mix:
        mix = cls(cluster)
        mix.reader = await cluster.new_user(READER_ROLE, limit=100_000)
        mix.reads = bearer((await cluster.sign_in(cluster.a, mix.reader.email))["access_token"])
        leaver = await cluster.new_user(READER_ROLE)
        signed = await asyncio.gather(
            *(cluster.sign_in(cluster.a, leaver.email) for _ in range(size))
        )
        mix.tokens = [body["access_token"] for body in signed]
        keys = await asyncio.gather(*(cluster.new_key(mix.tokens[0]) for _ in range(size)))
        mix.keys = [key_id for key_id, _ in keys]
        mix.roler = await cluster.new_user(READER_ROLE)
        mix.planner = await cluster.new_user(READER_ROLE, limit=10)
        return mix

    async def run(self, tally: Any, seconds: float) -> None:
        """Rounds of the mix, each on both instances at once, for about `seconds`."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            await self.one_round(tally)

    async def one_round(self, tally: Any) -> None:
        cluster, n = self.cluster, self.round
        self.round += 1
        sends: list[Awaitable[Any]] = []
        for side, instance in enumerate((cluster.a, cluster.b)):
            admin = cluster.admin
            if len(self.tokens) > 1:  # the first one owns the keys
                token = self.tokens.pop()
                sends.append(
                    tally.send(
                        instance,
                        "logout",
                        "POST",
                        "/auth/logout",
                        mutation=True,
                        headers=bearer(token),
                    )
                )
            if self.keys:
                key_id = self.keys.pop()
                sends.append(
                    tally.send(
                        instance,
                        "key revocation",
                        "DELETE",
                        f"/users/me/api-keys/{key_id}",
                        mutation=True,
                        headers=bearer(self.tokens[0]),
                    )
                )
            roles = ["user", READER_ROLE] if (n + side) % 2 else ["user"]
            sends += [
                tally.send(
                    instance,
                    "role change",
                    "PUT",
                    f"/users/{self.roler.id}/roles",
                    mutation=True,
                    json={"roles": roles},
                    headers=admin,
                ),
                tally.send(
                    instance,
                    "override change",
                    "PUT",
                    f"{self.planner.subject}/overrides/{FEATURE}",
                    mutation=True,
                    json={"limit": 10 + n * 2 + side},
                    headers=admin,
                ),
                tally.send(instance, "guarded read", "GET", "/things", headers=self.reads),
                tally.send(instance, "consume", "POST", "/generate", headers=self.reads),
            ]
        await asyncio.gather(*sends)


# Changes made on A that B must refuse: each returns the credential's headers and the statuses
# that mean "refused".
Revoked = tuple[dict[str, str], tuple[int, ...]]
Revoke = Callable[[Cluster], Awaitable[Revoked]]


async def logout(cluster: Cluster) -> Revoked:
    user = await cluster.new_user(READER_ROLE)
    headers = bearer((await cluster.sign_in(cluster.a, user.email))["access_token"])
    await granted(cluster.b, headers)
    answer = await cluster.a.http.post("/auth/logout", headers=headers)
    expect(answer, 204, "logout on A")
    return headers, (401,)


async def deactivation(cluster: Cluster) -> Revoked:
    user = await cluster.new_user(READER_ROLE)
    headers = bearer((await cluster.sign_in(cluster.a, user.email))["access_token"])
    await granted(cluster.b, headers)
    answer = await cluster.a.http.post(
        f"/users/{user.id}/deactivate", json={"reason": "scale-out"}, headers=cluster.admin
    )
    expect(answer, 200, "deactivation on A")
    return headers, (401, 403)


async def permission_removal(cluster: Cluster) -> Revoked:
    role = await cluster.new_role()
    user = await cluster.new_user(role)
    headers = bearer((await cluster.sign_in(cluster.a, user.email))["access_token"])
    await granted(cluster.b, headers)
    answer = await cluster.a.http.put(
        f"/roles/{role}/permissions", json={"permissions": []}, headers=cluster.admin
    )
    expect(answer, 200, "permission removal on A")
    return headers, (403,)


async def key_revocation(cluster: Cluster) -> Revoked:
    user = await cluster.new_user(READER_ROLE)
    token = (await cluster.sign_in(cluster.a, user.email))["access_token"]
    key_id, key = await cluster.new_key(token)
    headers = {"X-API-Key": key}
    await granted(cluster.b, headers)
    answer = await cluster.a.http.delete(f"/users/me/api-keys/{key_id}", headers=bearer(token))
    expect(answer, 204, "key revocation on A")
    return headers, (401,)


async def granted(instance: Instance, headers: dict[str, str]) -> None:
    answer = await instance.http.get("/things", headers=headers)
    expect(answer, 200, f"guarded read on {instance.name}")


async def limit_cut(cluster: Cluster) -> dict[str, str]:
    """A user consuming on B has its limit cut to 0 on A; the user's headers."""
    user = await cluster.new_user(READER_ROLE, limit=1000)
    headers = bearer((await cluster.sign_in(cluster.a, user.email))["access_token"])
    answer = await cluster.b.http.post("/generate", headers=headers)
    expect(answer, 200, "consume on B")
    await cluster.set_limit(cluster.a, user, 0)
    return headers


async def propagation(
    cluster: Cluster, revoke: Revoke, *, within: float = 5 * MAX_STALENESS
) -> tuple[float | None, int]:
    """Make the change on A, then ask B until it refuses: seconds from A's answer (None if not
    within `within`), and how many requests B granted meanwhile."""
    headers, refused = await revoke(cluster)
    seconds, served = await time_to_refusal(
        cluster.b, "/things", headers, refused=refused, within=within
    )
    return seconds, len(served)


async def limit_propagation(
    cluster: Cluster, *, within: float = 5 * MAX_STALENESS
) -> tuple[float | None, int]:
    """A limit cut to 0 on A: seconds until B refuses a consume, and units B granted meanwhile."""
    headers = await limit_cut(cluster)
    seconds, served = await time_to_refusal(
        cluster.b, "/generate", headers, refused=(403, 429), within=within, method="POST"
    )
    return seconds, len(served)


async def logout_times(cluster: Cluster, samples: int = 15) -> list[float]:
    """Seconds each of `samples` logouts on A took, one after the other (sign-ins made
    beforehand)."""
    user = await cluster.new_user(READER_ROLE)
    tokens = [
        (await cluster.sign_in(cluster.a, user.email))["access_token"] for _ in range(samples)
    ]
    times = []
    for token in tokens:
        started = time.monotonic()
        answer = await cluster.a.http.post("/auth/logout", headers=bearer(token))
        times.append(time.monotonic() - started)
        assert answer.status_code == 204, answer.text
    return times
