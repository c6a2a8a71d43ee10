"""Quota periods in UTC: when the period holding a moment starts and when it ends.

- `day`: from midnight UTC;
- `week`: ISO weeks, from Monday midnight UTC;
- `month`: from the subscription's anchor day (a subscription started on the 31st renews on the
  last day of shorter months), midnight UTC;
- `lifetime`: one period that never ends.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    LIFETIME = "lifetime"


LIFETIME_START = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Window:
    start: datetime
    end: datetime | None
    """`None` for `lifetime`."""

    def seconds_left(self, now: datetime) -> int | None:
        """Whole seconds (at least 1) until the period ends; `None` if it never does."""
        if self.end is None:
            return None
        return max(1, int((self.end - now).total_seconds() + 0.999999))


def window(period: Period, now: datetime, anchor_day: int = 1) -> Window:
    """The period of kind `period` that holds `now` (an aware datetime)."""
    now = now.astimezone(UTC)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if period is Period.DAY:
        return Window(midnight, midnight + timedelta(days=1))
    if period is Period.WEEK:
        monday = midnight - timedelta(days=midnight.weekday())
        return Window(monday, monday + timedelta(days=7))
    if period is Period.MONTH:
        start = _month_boundary(now.year, now.month, anchor_day)
        if start > now:
            start = _month_boundary(*_shift(now.year, now.month, -1), anchor_day)
        return Window(start, _month_boundary(*_shift(start.year, start.month, 1), anchor_day))
    return Window(LIFETIME_START, None)


def _month_boundary(year: int, month: int, anchor_day: int) -> datetime:
    day = min(max(anchor_day, 1), calendar.monthrange(year, month)[1])
    return datetime(year, month, day, tzinfo=UTC)


def _shift(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1
