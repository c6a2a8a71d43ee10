from datetime import UTC, datetime, timedelta

from fabric_auth.clock import Clock, FrozenClock


def test_system_clock_timestamp_agrees_with_now() -> None:
    """The system clock's fast `timestamp()` reads the same time as `now()`."""
    clock = Clock()
    assert abs(clock.timestamp() - clock.now().timestamp()) < 1


def test_frozen_clock_timestamp_moves_with_now() -> None:
    """A frozen clock's timestamp is its frozen time, and moves when the clock is advanced."""
    at = datetime(2030, 1, 1, tzinfo=UTC)
    clock = FrozenClock(at)
    assert clock.timestamp() == at.timestamp()
    clock.advance(90)
    assert clock.timestamp() == at.timestamp() + 90


def test_subclass_overriding_now_gets_matching_timestamp() -> None:
    """A clock subclass that only overrides `now()` gets a `timestamp()` derived from it."""

    class YesterdayClock(Clock):
        def now(self) -> datetime:
            return datetime.now(UTC) - timedelta(days=1)

    clock = YesterdayClock()
    assert abs(clock.timestamp() - (Clock().timestamp() - 86400)) < 1
