"""Usage counters: the conditional `UPDATE` every quota consumption runs (`services.plans`'s
ledger explains it), and the lease rows of blocks of units served from an instance's memory
(`services.plans.leases`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fabric_auth.store.models import QuotaLease, UsageCounter
from fabric_auth.store.sql import Statement

_ADD = Statement(
    UsageCounter, "UPDATE {t} SET {t.used} = {t.used} + ? WHERE {t.id} = ? RETURNING {t.used}"
)
_ADD_WITHIN = Statement(
    UsageCounter,
    "UPDATE {t} SET {t.used} = {t.used} + ? WHERE {t.id} = ? AND {t.used} <= ? RETURNING {t.used}",
)


async def add_usage(counter_id: int, amount: int) -> int | None:
    """Add `amount` to a counter: its new `used`, or `None` when the row is gone."""
    rows = await _ADD.rows(amount, counter_id)
    return int(rows[0]["used"]) if rows else None


async def add_usage_within(counter_id: int, amount: int, limit: int) -> int | None:
    """Add `amount` to a counter unless that takes it past `limit`: its new `used`, or `None`
    when refused (or the row is gone)."""
    rows = await _ADD_WITHIN.rows(amount, counter_id, limit - amount)
    return int(rows[0]["used"]) if rows else None


_USED = Statement(UsageCounter, "SELECT {t.used} FROM {t} WHERE {t.id} = ?")
_TAKE_BACK = Statement(
    UsageCounter,
    "UPDATE {t} SET {t.used} = {t.used} - ? WHERE {t.id} = ? AND {t.used} >= ?",
)
_OPEN_LEASE = Statement.insert(
    QuotaLease, ("counter_id", "holder", "units", "ceiling", "expires_at"), returning="id"
)
_RAISE_CEILING = Statement(
    QuotaLease, "UPDATE {t} SET {t.ceiling} = ?, {t.expires_at} = ? WHERE {t.id} = ?"
)
_CLOSE_LEASE = Statement(
    QuotaLease, "DELETE FROM {t} WHERE {t.id} = ? RETURNING {t.counter_id}, {t.units}, {t.ceiling}"
)
_EXPIRED_LEASES = Statement(
    QuotaLease, "SELECT {t.id} FROM {t} WHERE {t.counter_id} = ? AND {t.expires_at} <= ?"
)
_DROP_LEASES = Statement(
    QuotaLease, "DELETE FROM {t} WHERE {t.counter_id} = ? RETURNING {t.ceiling}"
)
_ALL_EXPIRED_LEASES = Statement(QuotaLease, "SELECT {t.id} FROM {t} WHERE {t.expires_at} <= ?")


@dataclass(frozen=True, slots=True)
class ClosedLease:
    """A lease row as it was when deleted."""

    counter_id: int
    units: int
    ceiling: int


async def used(counter_id: int) -> int | None:
    """A counter's `used`; `None` when the row is gone."""
    rows = await _USED.rows(counter_id)
    return int(rows[0]["used"]) if rows else None


async def take_back(counter_id: int, amount: int) -> bool:
    """Subtract `amount` from a counter (units returned); `False` when the row is gone or
    holds less (a reset since)."""
    return bool(await _TAKE_BACK.execute(amount, counter_id, amount))


async def open_lease(
    counter_id: int, holder: str, units: int, ceiling: int, expires_at: datetime
) -> int:
    """A lease row for a block of `units` just claimed from a counter; its id."""
    rows = await _OPEN_LEASE.rows(counter_id, holder, units, ceiling, expires_at)
    return int(rows[0]["id"])


async def raise_ceiling(lease_id: int, ceiling: int, expires_at: datetime) -> bool:
    """Record that the lease's holder may serve up to `ceiling` units, and renew it; `False`
    when the row is gone (swept as expired): its holder must serve no more from it."""
    return bool(await _RAISE_CEILING.execute(ceiling, expires_at, lease_id))


async def close_lease(lease_id: int) -> ClosedLease | None:
    """Delete a lease row; what it held, or `None` when another statement deleted it first (so
    exactly one caller returns its units)."""
    rows = await _CLOSE_LEASE.rows(lease_id)
    if not rows:
        return None
    row = rows[0]
    return ClosedLease(int(row["counter_id"]), int(row["units"]), int(row["ceiling"]))


async def expired_leases(now: datetime, counter_id: int | None = None) -> list[int]:
    """Ids of the lease rows past `expires_at` (of one counter, or of all)."""
    if counter_id is None:
        rows = await _ALL_EXPIRED_LEASES.rows(now)
    else:
        rows = await _EXPIRED_LEASES.rows(counter_id, now)
    return [int(row["id"]) for row in rows]


async def drop_leases(counter_id: int) -> int:
    """Delete every lease row of a counter (a reset); the sum of their ceilings, what their
    holders may serve still."""
    return sum(int(row["ceiling"]) for row in await _DROP_LEASES.rows(counter_id))
