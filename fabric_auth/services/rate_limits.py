"""Rate limits on `limits`: in memory per instance, or in Redis shared by every instance.

Rate limits are not quotas (see DESIGN.md): they protect the service from bursts, and losing
their counters (Redis restart) is harmless.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from fabric_auth.exceptions import ConfigurationError

if TYPE_CHECKING:
    from redis.asyncio import ConnectionPool

KEY_PREFIX = "fabric_auth:rate"


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

    def __init__(self, redis_url: str | None, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self._pool: ConnectionPool | None = None
        self._storage: Storage
        if redis_url is None:
            self._storage = MemoryStorage()
        else:
            from redis.asyncio import ConnectionPool

            self._pool = ConnectionPool.from_url(redis_url)
            self._storage = RedisStorage(
                "async+" + redis_url,
                implementation="redispy",
                key_prefix=KEY_PREFIX,
                connection_pool=self._pool,  # type: ignore[arg-type]
            )
        self._strategy = MovingWindowRateLimiter(self._storage)

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
        if self._pool is not None:
            await self._pool.aclose()
