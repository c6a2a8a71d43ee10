"""Usage counters: the conditional `UPDATE` every quota consumption runs (`services.plans`'s
ledger explains it)."""

from __future__ import annotations

from fabric_auth.store.models import UsageCounter
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
