"""The outbox's writes (`services.events.outbox`): on the path of every change that announces
itself (a sign-out among them), so sent as statements built once, as the other hot-path writes
are, rather than through a model's `save()`. An event still costs a sign-out about 0.6M
instructions on SQLite (bench/RESULTS.md, `outbox_instructions`): the row's insert itself."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fabric_auth.store.models import OutboxEvent
from fabric_auth.store.sql import Statement

_INSERT = Statement.insert(
    OutboxEvent,
    ("id", "type", "version", "subject_kind", "subject_id", "payload", "occurred_at"),
)
_SUBJECT_LOCK = Statement(OutboxEvent, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")


async def lock_subject(key: str) -> None:
    """PostgreSQL: wait for, then hold until the transaction ends, the lock of one subject."""
    await _SUBJECT_LOCK.rows(key)


async def insert_event(
    event_id: UUID,
    event_type: str,
    version: int,
    subject_kind: str,
    subject_id: str,
    payload: str,
    occurred_at: datetime,
) -> None:
    await _INSERT.execute(
        str(event_id), event_type, version, subject_kind, subject_id, payload, occurred_at
    )
