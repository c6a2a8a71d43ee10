"""The outbox: every event is a row written in the transaction of the change it announces, so
an event exists exactly when its change committed. The relay (`services.events.relay`) hands
the rows on afterwards, at least once.

Order per subject: the relay delivers by `seq`, so the events of one subject must be numbered
in the order their transactions commit. SQLite runs one write transaction at a time, so that
holds by itself. On PostgreSQL a sequence number is handed out at insert and becomes visible at
commit: two transactions about one user could commit in the other order. So `publish` first
takes a transaction-scoped advisory lock on the subject: a second transaction about the same
subject waits for the first to commit before it draws its number. Transactions about different
subjects do not wait for each other.

The outbox shares the change feed's signal: once a transaction with events commits, the
broadcast hint (`services.broadcast`) wakes the relay wherever it runs, and the relay on this
instance at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from uuid import UUID

from fabric_auth.clock import Clock
from fabric_auth.events.catalogue import Event, EventData, EventSubject
from fabric_auth.principal import SubjectRef
from fabric_auth.services.broadcast import Broadcast
from fabric_auth.store.connection import after_commit, dialect, transaction, within_transaction
from fabric_auth.store.errors import ignoring_duplicate
from fabric_auth.store.models import OutboxEvent
from fabric_auth.store.sql import Statement

_SUBJECT_LOCK = Statement(OutboxEvent, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")

Wake = Callable[[], None]


def event_subject(ref: SubjectRef) -> EventSubject:
    return EventSubject(kind=ref.kind, id=ref.id)


class EventOutbox:
    def __init__(self, *, clock: Clock, enabled: bool, hints: Broadcast) -> None:
        self._clock = clock
        self.enabled = enabled
        """Off (`events_enabled=false`): `publish` writes nothing."""
        self._hints = hints
        self._wakes: list[Wake] = []

    def on_committed(self, wake: Wake) -> None:
        """Call `wake()` when a transaction that published events commits on this instance."""
        self._wakes.append(wake)

    async def publish(
        self,
        data: EventData,
        *,
        subject: SubjectRef,
        actor: SubjectRef | None = None,
        event_id: UUID | None = None,
        occurred_at: datetime | None = None,
    ) -> UUID | None:
        """Write one event; call inside the transaction of the change it announces (outside
        one, it is written on its own). Returns its id, or `None` when events are off, or when
        `event_id` was given and that event exists already (an event meant to happen once,
        such as a quota threshold crossed in a period)."""
        if not self.enabled:
            return None
        event = Event[EventData](
            id=event_id or uuid.uuid4(),
            type=data.event_type,
            version=data.event_version,
            occurred_at=occurred_at or self._clock.now(),
            subject=event_subject(subject),
            actor=event_subject(actor) if actor else None,
            data=data,
        )
        if within_transaction():
            written = await self._write(event, once=event_id is not None)
        else:
            async with transaction():
                written = await self._write(event, once=event_id is not None)
        return event.id if written else None

    async def _write(self, event: Event[EventData], *, once: bool) -> bool:
        if dialect() == "postgres":
            await _SUBJECT_LOCK.rows(f"{event.subject.kind}:{event.subject.id}")
        row = OutboxEvent(
            id=event.id,
            type=event.type,
            version=event.version,
            subject_kind=event.subject.kind[:32],
            subject_id=event.subject.id[:64],
            payload=event.model_dump_json(serialize_as_any=True),  # the subclass's fields
            occurred_at=event.occurred_at,
        )
        if once:
            written = False
            with ignoring_duplicate():
                async with transaction():  # a savepoint: the duplicate must not abort the caller
                    await row.save()
                written = True
            if not written:
                return False
        else:
            await row.save()
        after_commit(self._committed)
        return True

    async def _committed(self) -> None:
        for wake in self._wakes:
            wake()
        await self._hints.publish()
