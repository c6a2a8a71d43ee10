"""The audit chain: what appends and the sequencer run (`services.audit` explains the chain)."""

from __future__ import annotations

from collections.abc import Sequence

from fabric_auth.store.connection import dialect
from fabric_auth.store.models import AuditChain, AuditEvent
from fabric_auth.store.sql import Statement, resolve

_STORED = tuple(
    field
    for field in AuditEvent._meta.fields_db_projection
    if field not in (AuditEvent._meta.pk_attr, "seq", "prev_hash", "hash")
)
"""The fields an append writes: `id` is the store's, the chain fields the sequencer's."""
_APPEND = Statement.insert(AuditEvent, _STORED, returning="id")

_LOCK_CHAIN = Statement(
    AuditChain,
    "UPDATE {t} SET {t.last_seq} = {t.last_seq} WHERE {t.id} = ? "
    "RETURNING {t.last_seq}, {t.last_hash}",
)
"""A write that changes nothing: it takes the chain row's lock (PostgreSQL) or the database's
write lock (SQLite) until the transaction ends, and reads the chain's end under it."""
_ADVANCE_CHAIN = Statement(
    AuditChain, "UPDATE {t} SET {t.last_seq} = ?, {t.last_hash} = ? WHERE {t.id} = ?"
)
_UNSEQUENCED = Statement.select(AuditEvent, "{t.seq} IS NULL ORDER BY {t.id} LIMIT ?")
"""Read through the partial index on `id` of unsequenced rows (migration 14)."""
_ANY_UNSEQUENCED = Statement(AuditEvent, "SELECT {t.id} FROM {t} WHERE {t.seq} IS NULL LIMIT 1")
_PLACE_ROWS = resolve(
    "UPDATE {t} SET {t.seq} = placed.seq, {t.prev_hash} = placed.prev_hash, "
    "{t.hash} = placed.hash "
    "FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) "
    "AS placed(event_id, seq, prev_hash, hash) "
    "WHERE {t}.{t.id} = placed.event_id",
    AuditEvent,
)
_PLACE_BATCH = Statement(
    AuditEvent, "WITH placed_rows AS (" + _PLACE_ROWS + ") " + _ADVANCE_CHAIN.sql
)
"""PostgreSQL: a whole batch placed, and the chain's end moved, in one statement (one array
per column)."""
_PLACE_ONE = Statement(
    AuditEvent, "UPDATE {t} SET {t.seq} = ?, {t.prev_hash} = ?, {t.hash} = ? WHERE {t.id} = ?"
)
"""SQLite: one row, run for each of the batch with `executemany` (no round trips to save)."""


async def insert_event(event: AuditEvent) -> None:
    """Insert `event` unsequenced (every field but `id` and the chain's, each as its field
    stores it) and mark it saved under the id the store gave it."""
    fields = AuditEvent._meta.fields_map
    rows = await _APPEND.rows(
        *(fields[name].to_db_value(getattr(event, name), event) for name in _STORED)
    )
    event.id = int(rows[0]["id"])
    event._saved_in_db = True


async def lock_chain(chain_id: int) -> tuple[int, str] | None:
    """Lock the chain until the transaction ends; its last `seq` and hash, or `None` when
    there is no chain row."""
    rows = await _LOCK_CHAIN.rows(chain_id)
    return (int(rows[0]["last_seq"]), str(rows[0]["last_hash"])) if rows else None


async def unsequenced(limit: int) -> list[AuditEvent]:
    """The oldest `limit` committed rows not yet in the chain, by id."""
    rows = await _UNSEQUENCED.rows(limit)
    return [AuditEvent._init_from_db(**row) for row in rows]


async def any_unsequenced() -> bool:
    return bool(await _ANY_UNSEQUENCED.rows())


async def place(events: Sequence[AuditEvent], chain_id: int) -> None:
    """Store each event's `seq`, `prev_hash` and `hash`, and make the last one the chain's
    end."""
    last = events[-1]
    if dialect() == "postgres":
        await _PLACE_BATCH.execute(
            [event.id for event in events],
            [event.seq for event in events],
            [event.prev_hash for event in events],
            [event.hash for event in events],
            last.seq,
            last.hash,
            chain_id,
        )
    else:
        await _PLACE_ONE.execute_many(
            [[event.seq, event.prev_hash, event.hash, event.id] for event in events]
        )
        await _ADVANCE_CHAIN.execute(last.seq, last.hash, chain_id)
