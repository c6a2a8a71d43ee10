"""The change feed's sequence (`services.changes`): where the numbers stand, even when the
table holds no row (a new store, or one whose rows were all purged)."""

from __future__ import annotations

from fabric_auth.store.connection import dialect
from fabric_auth.store.models import Change
from fabric_auth.store.sql import Statement, column_of

_TABLE = Change._meta.db_table
_SEQUENCE = f"{_TABLE}_{column_of(Change, 'seq')}_seq"
"""The sequence PostgreSQL creates for the `BIGSERIAL` column."""

_POSTGRES = Statement(
    Change,
    "SELECT COALESCE(last_value, 0) AS handed_out FROM pg_sequences "
    "WHERE schemaname = current_schema() AND sequencename = ?",
)
_SQLITE = Statement(Change, "SELECT seq AS handed_out FROM sqlite_sequence WHERE name = ?")


async def last_number() -> int:
    """The highest sequence number handed out so far (committed or not); 0 before the first."""
    if dialect() == "postgres":
        rows = await _POSTGRES.rows(_SEQUENCE)
    else:
        rows = await _SQLITE.rows(_TABLE)
    return int(rows[0]["handed_out"]) if rows else 0
