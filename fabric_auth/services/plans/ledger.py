"""The store as the ledger: one counter row per subject, feature and period, charged by one
conditional `UPDATE ... SET used = used + n WHERE used + n <= limit`, so that no number of
concurrent requests, on any number of instances, can overdraw; a refund gives units back.

A counter row is created on first use by an insert that tolerates losing the race to a
concurrent one (unique subject, feature, period start). Counters are independent of the plan,
so a plan change keeps what the current period already used; a period is its kind and its
start, so a day's usage never counts in a month that starts the same midnight (`counter_keys`).
Usage is never cached: a warm consumption is the one `UPDATE`, on a counter row whose id is
remembered.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from fabric_auth.cache import BoundedCache
from fabric_auth.clock import Clock
from fabric_auth.events.catalogue import QuotaThresholdCrossed
from fabric_auth.exceptions import QuotaExceeded
from fabric_auth.periods import Period, Window
from fabric_auth.services.events import EventOutbox
from fabric_auth.services.plans.entitlements import Entitlement, Entitlements
from fabric_auth.services.plans.subscriber import Subscriber, subject_filter
from fabric_auth.store.errors import ignoring_duplicate
from fabric_auth.store.models import UsageCounter
from fabric_auth.store.queries import plans as queries

_CACHE_SIZE = 100_000
THRESHOLDS: tuple[Literal[80, 100], ...] = (80, 100)
"""Percentages of a limit whose crossing is announced (`quota.threshold_crossed`)."""
_THRESHOLD_IDS = uuid.UUID("6b1c52a4-0d1e-4bb4-9a55-2f0f5e0c8a10")
"""The namespace of the threshold events' derived ids."""


@dataclass(frozen=True, slots=True)
class Consumption:
    """The outcome of consuming units of a feature, and what a refund needs."""

    feature: str
    amount: int
    granted: bool
    limit: int | None
    """`None`: unlimited."""
    remaining: int | None
    resets_at: datetime | None
    """End of the period; `None` for lifetime limits."""
    counter_id: int | None = None
    """The counter charged; `None` when nothing was (a replayed idempotency key)."""
    idempotency_id: int | None = None
    replayed: bool = False
    """A retry with an idempotency key already used: the first outcome, nothing consumed."""

    def seconds_left(self, now: datetime) -> int | None:
        """Whole seconds until the period resets; `None` for lifetime limits."""
        return Window(now, self.resets_at).seconds_left(now) if self.resets_at else None

    def refusal(self, now: datetime, headers: Mapping[str, str] | None = None) -> QuotaExceeded:
        """The error refusing this consumption: `Retry-After` until the period resets, with
        `headers` (the web layer's quota headers) besides."""
        return QuotaExceeded(
            f"Quota exceeded for {self.feature}",
            retry_after=self.seconds_left(now),
            headers=dict(headers or {}),
        )


def counter_keys(
    subscriber: Subscriber, entitlement: Entitlement, period: Window
) -> dict[str, Any]:
    """The unique key of the counter row holding `subscriber`'s usage of the entitlement's
    feature in `period`."""
    return {
        **subject_filter(subscriber),
        "feature_code": entitlement.feature,
        "period_start": period.start + _KIND_OFFSETS[entitlement.period],
    }


_KIND_OFFSETS = {
    Period.DAY: timedelta(microseconds=1),
    Period.WEEK: timedelta(microseconds=2),
    Period.MONTH: timedelta(0),
    Period.LIFETIME: timedelta(0),
}
"""Why a row's `period_start` is not always its period's start: a day, a week and a month can
all start at the same midnight (a subscription assigned today anchors its months on today), and
the counters table has no column for the kind of period. Keyed by the start alone, a subject
moved from a daily limit to a monthly one would find the day's usage already counted in the
new month. So a day's row is keyed one microsecond past its midnight and a week's two (periods
start at whole seconds); months and lifetimes keep the exact start, which their rows had before
this, and the lifetime start (1970) is no day's or week's."""


class Ledger:
    def __init__(self, *, clock: Clock, entitlements: Entitlements, events: EventOutbox) -> None:
        self._clock = clock
        self._entitlements = entitlements
        self._events = events
        self._current: BoundedCache[tuple[str, str], _CurrentCounter] = BoundedCache(_CACHE_SIZE)
        """The counter row charged now, by (subject, feature): its period is worked out once,
        not on every consumption, and rows are never re-keyed."""

    async def charge(self, subscriber: Subscriber, feature: str, amount: int) -> Consumption:
        """Try to consume; the outcome says whether it was granted."""
        entitlement = await self._entitlements.entitlement(subscriber, feature)
        limit = entitlement.limit
        cache_key = (subscriber.key, feature)
        current = await self.counter(subscriber, entitlement)
        period, counter_id = current.period, current.counter_id
        used = await _add(counter_id, amount, limit)
        granted = used is not None
        if used is None:
            used = await queries.used(counter_id)
            if used is None:  # the remembered row was deleted (reset of the store)
                current = self._current.put(cache_key, await self._locate(subscriber, entitlement))
                counter_id = current.counter_id
                used = await _add(counter_id, amount, limit)
                granted = used is not None
                used = used if used is not None else (await queries.used(counter_id) or 0)
        if granted and limit:
            await self._announce_thresholds(subscriber, feature, limit, used - amount, used, period)
        return Consumption(
            feature=feature,
            amount=amount,
            granted=granted,
            limit=limit,
            remaining=None if limit is None else max(0, limit - used),
            resets_at=period.end,
            counter_id=counter_id if granted else None,
        )

    async def counter(self, subscriber: Subscriber, entitlement: Entitlement) -> _CurrentCounter:
        """The counter row of `subscriber`'s current period of the entitlement's feature, and
        that period (remembered while it lasts; the leases use it too)."""
        cache_key = (subscriber.key, entitlement.feature)
        current = self._current.get(cache_key)
        if current is None or not current.serves(entitlement, self._clock.now()):
            current = self._current.put(cache_key, await self._locate(subscriber, entitlement))
        return current

    async def _locate(self, subscriber: Subscriber, entitlement: Entitlement) -> _CurrentCounter:
        """The counter row of `subscriber`'s current period of the entitlement's feature."""
        period = entitlement.window(self._clock.now())
        counter_id = await _counter_row(counter_keys(subscriber, entitlement, period))
        return _CurrentCounter(entitlement, period, counter_id)

    async def _announce_thresholds(
        self,
        subscriber: Subscriber,
        feature: str,
        limit: int,
        before: int,
        after: int,
        period: Window,
    ) -> None:
        """`quota.threshold_crossed` for each threshold this consumption reached. Its id is
        derived from (subject, feature, period, threshold), so a threshold crossed again after
        a refund is announced once per period all the same.

        Written right after the consumption, not in its transaction (a consumption is one
        statement, with none around it): a process that dies between the two loses the event."""
        for percent in THRESHOLDS:
            threshold = -(-limit * percent // 100)  # the first unit at or past the percentage
            if before < threshold <= after:
                await self._events.publish(
                    QuotaThresholdCrossed(
                        feature=feature,
                        percent=percent,
                        used=after,
                        limit=limit,
                        period_start=period.start,
                        period_end=period.end,
                    ),
                    subject=subscriber,
                    event_id=uuid.uuid5(
                        _THRESHOLD_IDS,
                        f"{subscriber.key}|{feature}|{period.start.isoformat()}|{percent}",
                    ),
                )

    async def refund(self, consumption: Consumption) -> None:
        """Give back the units `consumption` charged."""
        if consumption.counter_id is not None and consumption.amount:
            await queries.take_back(consumption.counter_id, consumption.amount)


@dataclass(frozen=True, slots=True)
class _CurrentCounter:
    """The counter row a subject's consumption of a feature goes to, while its period lasts."""

    entitlement: Entitlement
    period: Window
    counter_id: int

    def serves(self, entitlement: Entitlement, now: datetime) -> bool:
        """Still the row for `entitlement` at `now`: the same limit and period, and `now` in
        the period."""
        end = self.period.end
        return (
            (self.entitlement is entitlement or self.entitlement == entitlement)
            and self.period.start <= now
            and (end is None or now < end)
        )


async def _counter_row(keys: dict[str, Any]) -> int:
    """The id of the counter row of (subject, feature, period start), created on first use;
    a concurrent first use may create it too, and the unique key keeps it single."""
    rows = await UsageCounter.filter(**keys).values("id")
    if not rows:
        with ignoring_duplicate():
            await UsageCounter.create(**keys, used=0)
        rows = await UsageCounter.filter(**keys).values("id")
    return int(rows[0]["id"])


async def _add(counter_id: int, amount: int, limit: int | None) -> int | None:
    """The one conditional `UPDATE ... SET used = used + amount WHERE used + amount <= limit`
    on a counter row; its new `used`, or `None` when it was refused (or the row is gone).

    Written as SQL (`store.queries.plans`) for its `RETURNING` (SQLite 3.35+, PostgreSQL): what
    remains (the quota headers) needs the new total, and a second query to read it would double
    the cost of every consumption.
    """
    if limit is None:
        return await queries.add_usage(counter_id, amount)
    return await queries.add_usage_within(counter_id, amount, limit)
