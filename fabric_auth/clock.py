"""The one clock fabric-auth reads time from, so tests can freeze and move it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    """Wall-clock time in UTC. Subclass or use `FrozenClock` to control time in tests."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def timestamp(self) -> float:
        return self.now().timestamp()


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
