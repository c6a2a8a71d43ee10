"""The one clock fabric-auth reads time from, so tests can freeze and move it."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any


class Clock:
    """Wall-clock time in UTC. Subclass or use `FrozenClock` to control time in tests."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def timestamp(self) -> float:
        """`now()` as Unix time; read on every authenticated request, so this clock asks the
        system directly instead of building a datetime."""
        return time.time()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # A subclass that moves `now()` must move `timestamp()` with it.
        if "now" in cls.__dict__ and "timestamp" not in cls.__dict__:
            cls.timestamp = _timestamp_from_now  # type: ignore[method-assign,assignment]


def _timestamp_from_now(clock: Clock) -> float:
    return clock.now().timestamp()


class FrozenClock(Clock):
    """A clock that stands still until it is moved."""

    def __init__(self, at: datetime | None = None) -> None:
        self._now = at or datetime.now(UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta | float) -> None:
        """Move time forward by a `timedelta` or a number of seconds."""
        self._now += delta if isinstance(delta, timedelta) else timedelta(seconds=delta)

    def set(self, at: datetime) -> None:
        self._now = at
