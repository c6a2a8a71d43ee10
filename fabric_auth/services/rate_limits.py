"""Rate limits on `limits`: in memory per instance, or in Redis shared by every instance.

Rate limits are not quotas (see DESIGN.md): they protect the service from bursts, and losing
their counters (Redis restart) is harmless.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from typing import Any

from limits import RateLimitItem, parse_many
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import ConfigurationError as StorageConfigurationError
from limits.storage import storage_from_string

from fabric_auth.exceptions import ConfigurationError
from fabric_auth.logs import StateLog

logger = logging.getLogger("fabric_auth.rate_limits")

REDIS_TIMEOUT = 0.25
"""Seconds a counter update in Redis may take before the limit is not applied to it."""


@dataclass(frozen=True, slots=True)
class RateLimitResult:
    allowed: bool
    limit: int
    remaining: int
    reset_after: int
    """Seconds until a request is allowed again (when refused) or the window frees up."""


def parse_limits(text: str) -> list[RateLimitItem]:
    """`"5/minute"`, `"100/hour;10/minute"`; `ConfigurationError` for anything else."""
    try:
        return parse_many(text)
    except ValueError:
        raise ConfigurationError(f"{text!r} is not a rate limit such as '5/minute'") from None


class RateLimiter:
    """Moving-window counting: exact, and with Redis, atomic across instances (Lua)."""

    def __init__(self, storage_url: str, *, enabled: bool = True, namespace: str) -> None:
        """`storage_url`: `memory://` (this instance counts alone) or a Redis URL (every
        instance shares the counters), as `limits` reads it; `namespace` starts every key."""
        self.enabled = enabled
        self._storage = storage_from_url(storage_url, key_prefix=f"{namespace}:rate")
        self._strategy = MovingWindowRateLimiter(self._storage)
        self._state = StateLog(logger, "rate-limit storage", consequence="requests allowed")

    async def hit_or_allow(
        self, limits: list[RateLimitItem], *identifiers: str
    ) -> RateLimitResult | None:
        """`hit`, or `None` when the storage cannot be reached: counters are not worth an
        outage, so the request is let through. Logged once when the storage goes, once when
        it comes back, never per request."""
        try:
            result = await self.hit(limits, *identifiers)
        except Exception as exc:  # whatever the storage's client raises
            self._state.failed(exc)
            return None
        self._state.recovered()
        return result

    async def hit(self, limits: list[RateLimitItem], *identifiers: str) -> RateLimitResult:
        """Count one request against every limit; refused if any limit is exhausted.

        Limits are checked before any is counted, so a refused request costs nothing.
        """
        tightest: RateLimitResult | None = None
        for item in limits:
            if not await self._strategy.test(item, *identifiers):
                return await self._result(item, identifiers, allowed=False)
        for item in limits:
            if not await self._strategy.hit(item, *identifiers):  # lost a race for the last slot
                return await self._result(item, identifiers, allowed=False)
            result = await self._result(item, identifiers, allowed=True)
            if tightest is None or result.remaining < tightest.remaining:
                tightest = result
        assert tightest is not None
        return tightest

    async def _result(
        self, item: RateLimitItem, identifiers: tuple[str, ...], *, allowed: bool
    ) -> RateLimitResult:
        stats = await self._strategy.get_window_stats(item, *identifiers)
        return RateLimitResult(
            allowed=allowed,
            limit=item.amount,
            remaining=max(stats.remaining, 0),
            reset_after=max(1, math.ceil(stats.reset_time - time.time())),
        )

    async def reset(self) -> None:
        """Forget every counter (tests)."""
        await self._storage.reset()

    async def close(self) -> None:
        # `limits` opens the Redis client itself and offers no way to close it: its bridge
        # holds it as `storage`. A memory storage has none.
        client: Any = getattr(getattr(self._storage, "bridge", None), "storage", None)
        if client is not None:
            await client.aclose()


def storage_from_url(url: str, *, key_prefix: str) -> Storage:
    """The counters' storage a URL names (`memory://`, `redis://...`, `rediss://...`,
    `unix://...`), or one `ConfigurationError`."""
    scheme = "redis+unix" if url.startswith("unix://") else url.partition("://")[0]
    # A hung Redis must not hang the requests it counts: each call is bounded, and a storage
    # that does not answer in time counts as unreachable (see `hit_or_allow`).
    timeouts = (
        {} if scheme == "memory" else {"socket_timeout": 0.25, "socket_connect_timeout": 0.25}
    )
    try:
        storage = storage_from_string(
            f"async+{scheme}://{url.partition('://')[2]}",
            implementation="redispy",
            key_prefix=key_prefix,
            **timeouts,
        )
    except (StorageConfigurationError, ValueError) as exc:
        raise ConfigurationError(f"rate-limit storage {url!r} is not usable: {exc}") from None
    assert isinstance(storage, Storage)
    return storage
