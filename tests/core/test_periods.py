"""Quota periods in UTC: day, ISO week, anchored month, lifetime."""

from __future__ import annotations

from datetime import UTC, datetime

from fabric_auth.periods import LIFETIME_START, Period, window


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def test_day_runs_from_midnight_utc() -> None:
    """A day period starts at midnight UTC and lasts 24 hours."""
    period = window(Period.DAY, at(2026, 3, 5, 17, 30))
    assert (period.start, period.end) == (at(2026, 3, 5), at(2026, 3, 6))


def test_week_is_iso_from_monday() -> None:
    """A week period starts on Monday (ISO), also when now is a Sunday."""
    period = window(Period.WEEK, at(2026, 3, 8, 23, 59))  # a Sunday
    assert (period.start, period.end) == (at(2026, 3, 2), at(2026, 3, 9))


def test_month_starts_on_the_anchor_day() -> None:
    """A month period starts on the anchor day, in this month or the previous one."""
    assert window(Period.MONTH, at(2026, 3, 20), 15).start == at(2026, 3, 15)
    before = window(Period.MONTH, at(2026, 3, 10), 15)
    assert (before.start, before.end) == (at(2026, 2, 15), at(2026, 3, 15))


def test_month_anchor_is_clamped_to_short_months() -> None:
    """An anchor on the 31st renews on the last day of February, then on the 31st again."""
    february = window(Period.MONTH, at(2026, 3, 1), 31)
    assert (february.start, february.end) == (at(2026, 2, 28), at(2026, 3, 31))
    january = window(Period.MONTH, at(2026, 2, 27), 31)
    assert (january.start, january.end) == (at(2026, 1, 31), at(2026, 2, 28))


def test_month_crosses_the_year() -> None:
    """December's anchored period ends in January of the next year."""
    period = window(Period.MONTH, at(2026, 12, 20), 5)
    assert (period.start, period.end) == (at(2026, 12, 5), at(2027, 1, 5))


def test_lifetime_never_ends() -> None:
    """The lifetime period has a fixed start and no end, hence no reset."""
    period = window(Period.LIFETIME, at(2026, 3, 5))
    assert (period.start, period.end) == (LIFETIME_START, None)
    assert period.seconds_left(at(2026, 3, 5)) is None
