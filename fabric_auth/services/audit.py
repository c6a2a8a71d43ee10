"""The audit log: security events, recorded inside the transaction of the change, hash-chained.

Every row stores `hash = SHA-256(canonical JSON of its columns + prev_hash)`, where `prev_hash` is
the hash of the row before it (`seq - 1`). Editing, deleting or reordering a row breaks the chain
at that row, and `verify()` (the `fabric-auth audit verify` command) reports the first break.
The chain is tamper-evident, not tamper-proof: someone able to rewrite every row from the edited
one onwards, and the chain row, can forge a consistent chain; record the head hash `verify()`
reports somewhere else to detect that too.

The hard part is one chain, appended to by many coroutines and many instances, without making
every audited change wait for every other. An entry is written in two steps:

1. **Append**, inside the caller's transaction: a plain `INSERT` of the entry *unsequenced*
   (`seq`, `prev_hash` and `hash` null). It touches no shared row, so audited transactions commit
   side by side, and the entry commits or rolls back with the change it records: one never
   exists without the other.
2. **Sequence**, once that transaction has committed (`store.connection.after_commit`): a short
   transaction of its own locks the `AuditChain` row (a no-op `UPDATE ... RETURNING` of the
   chain's end), reads the committed unsequenced rows by `id`, gives each the next `seq`, its
   `prev_hash` and its `hash`, writes the whole batch in one statement and moves the chain's end.
   The lock (PostgreSQL's row lock; SQLite's single write lock) makes the sequencers of every
   instance take turns, and each reads the chain's end only under it, so the chain never forks;
   the unique `seq` would make a fork fail loudly anyway.

Group commit comes from step 2 being single-flight per process: one run at a time, each taking
every entry committed when it starts. An appender whose transaction commits while a run is under
way queues for the next one; when its turn comes, the run that went before it has usually placed
its entry already (it needs no run of its own), otherwise its run places the entries of everyone
queued behind it too. N concurrent appends thus cost N plain inserts and a few chain claims,
instead of N claims each held until its transaction commits. On PostgreSQL a run is the same
few statements whatever the batch: lock, read the waiting rows, one `UPDATE ... FROM unnest(...)`
that places them all and moves the chain's end, commit.

The sequencing runs before the caller's outermost `transaction()` block returns (or `record()`,
when it opened its own) and fills in the `seq` and `hash` of the event `record()` returned:
whoever acts and then reads the log sees the entry in place. Sequencing that fails (the store
went away just after the commit) is logged, not raised: the change is committed, and the next
pass places the entry.

The order is the sequencer's: an entry is placed only after its transaction committed, and rows
are taken by `id`, so an entry whose transaction committed before another's began always comes
first; entries of overlapping transactions come in either order, as they would under any lock.
Ids are handed out at insert, not at commit, so an entry of a long transaction can be placed
after entries with higher ids: `seq`, not `id` or `occurred_at`, is the order.
An entry whose process died between its commit and its sequencing waits in the table, unsequenced,
until the next pass, run by every instance at start-up and every `SEQUENCE_INTERVAL` seconds.
`verify()` checks the sequenced chain and reports the waiting entries (how many, the oldest)
without counting them as a break. A waiting entry is not yet tamper-evident: anyone able to write
the table could edit or delete it unseen, much as they can append a forged entry at the chain's
end (the hashes use no secret).

A purge (retention) deletes a prefix of the chain and records the last purged row's `seq` and
hash as the anchor the first kept row must link to, so what remains still verifies. It holds the
chain lock, like the sequencer, and never deletes an unsequenced entry.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import weakref
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import partial
from typing import Any

from tortoise.expressions import F, Q
from tortoise.functions import Count

from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo, current_request_id
from fabric_auth.pagination import DEFAULT_PAGE_SIZE, Page, SeqKey, checked_limit, page_of
from fabric_auth.principal import SubjectRef
from fabric_auth.services.background import cancel, every
from fabric_auth.store.connection import after_commit, transaction, within_transaction
from fabric_auth.store.errors import reported_outage
from fabric_auth.store.models import AuditChain, AuditEvent
from fabric_auth.store.queries import audit as queries

logger = logging.getLogger("fabric_auth.audit")

CHAIN_ROW_ID = 1
_AUDIT_CURSOR = SeqKey("audit")
_VERIFY_BATCH = 1000
SEQUENCE_BATCH = 500
"""The most entries one sequencing transaction places."""
SEQUENCE_INTERVAL = 5.0
"""Seconds between the passes that place entries left waiting (their process died between the
commit and the sequencing)."""


class AuditAction(StrEnum):
    """The security events fabric-auth records. Apps record their own with any dotted name."""

    SIGN_IN = "auth.sign_in"
    REFRESH = "session.refresh"
    REFRESH_REUSE_DETECTED = "session.refresh_reuse_detected"
    LOGOUT = "session.logout"
    SESSION_REVOKED = "session.revoked"
    USER_TOKENS_REVOKED = "user.tokens_revoked"
    USER_REGISTERED = "user.registered"
    USER_REGISTRATION_REFUSED = "user.registration_refused"
    LOCKOUT = "auth.lockout"
    UNLOCK = "auth.unlock"
    PASSWORD_RESET_REQUESTED = "user.password_reset_requested"
    PASSWORD_RESET = "user.password_reset"
    PASSWORD_CHANGED = "user.password_changed"
    PASSWORD_SET_BY_ADMIN = "user.password_set_by_admin"
    VERIFICATION_REQUESTED = "user.verification_requested"
    EMAIL_VERIFIED = "user.email_verified"
    EMAIL_CHANGE_REQUESTED = "user.email_change_requested"
    EMAIL_CHANGED = "user.email_changed"
    USER_INVITED = "user.invited"
    USER_ACTIVATED = "user.activated"
    USER_CREATED = "user.created"
    USER_UPDATED = "user.updated"
    PERMISSION_DENIED = "permission.denied"
    ROLE_CREATED = "role.created"
    ROLE_UPDATED = "role.updated"
    ROLE_DELETED = "role.deleted"
    ROLES_ASSIGNED = "user.roles_assigned"
    USER_DEACTIVATED = "user.deactivated"
    USER_REACTIVATED = "user.reactivated"
    USER_DELETED = "user.deleted"
    USER_RESTORED = "user.restored"
    USER_ERASED = "user.erased"
    SIGNING_KEY_CREATED = "signing_key.created"
    SIGNING_KEY_ROTATED = "signing_key.rotated"
    AUDIT_PURGED = "audit.purged"
    API_KEY_CREATED = "api_key.created"
    API_KEY_REVOKED = "api_key.revoked"
    API_KEY_ROTATED = "api_key.rotated"
    SERVICE_ACCOUNT_CREATED = "service_account.created"
    SERVICE_ACCOUNT_UPDATED = "service_account.updated"
    SERVICE_ACCOUNT_DEACTIVATED = "service_account.deactivated"
    SERVICE_ACCOUNT_REACTIVATED = "service_account.reactivated"
    SERVICE_ACCOUNT_DELETED = "service_account.deleted"
    SERVICE_ACCOUNT_ROLES_ASSIGNED = "service_account.roles_assigned"
    PLAN_ASSIGNED = "plan.assigned"
    PLAN_CHANGED = "plan.changed"
    PLAN_CANCELED = "plan.canceled"
    PLAN_CREATED = "plan.created"
    PLAN_UPDATED = "plan.updated"
    PLAN_LIMIT_SET = "plan.limit_set"
    PLAN_LIMIT_REMOVED = "plan.limit_removed"
    LIMIT_OVERRIDE_SET = "quota.override_set"
    LIMIT_OVERRIDE_REMOVED = "quota.override_removed"
    USAGE_RESET = "quota.usage_reset"
    OAUTH_SIGNED_IN = "oauth.signed_in"
    OAUTH_LINKED = "oauth.linked"
    OAUTH_UNLINKED = "oauth.unlinked"
    OAUTH_REFUSED = "oauth.refused"
    WEBHOOK_CREATED = "webhook.created"
    WEBHOOK_UPDATED = "webhook.updated"
    WEBHOOK_DELETED = "webhook.deleted"
    WEBHOOK_SECRET_ROTATED = "webhook.secret_rotated"
    WEBHOOK_DELIVERY_REPLAYED = "webhook.delivery_replayed"


class Outcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"


SECURITY_ACTIONS = frozenset(
    {
        AuditAction.LOCKOUT,
        AuditAction.PERMISSION_DENIED,
        AuditAction.OAUTH_REFUSED,
        AuditAction.REFRESH_REUSE_DETECTED,
    }
)
"""Events that are security signals whatever their outcome; failed sign-ins are the other."""


@dataclass(frozen=True, slots=True)
class DayCount:
    """How many entries of one action succeeded and failed on one UTC day."""

    day: date
    success: int
    failure: int


Subject = SubjectRef
"""An audit entry's actor or target (the core's `SubjectRef`)."""


SYSTEM = Subject("system", "fabric-auth")
"""The actor of events fabric-auth causes itself (cleanup, key rotation from the CLI)."""


AuditListener = Callable[[AuditEvent], None]
"""Called with each recorded event, e.g. to count it in metrics."""


@dataclass(frozen=True, slots=True)
class ChainBreak:
    seq: int
    """The first entry at which the chain no longer holds."""
    reason: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    entries: int
    """How many entries were checked."""
    first_seq: int
    last_seq: int
    head_hash: str
    """Hash of the newest entry: keep it elsewhere to detect a rewrite of the whole chain."""
    broken: ChainBreak | None
    unsequenced: int = 0
    """Committed entries not yet placed in the chain (not checked, not a break)."""
    oldest_unsequenced: datetime | None = None
    """When the oldest of them occurred: long ago means no instance is sequencing."""

    @property
    def intact(self) -> bool:
        return self.broken is None


def canonical_details(details: dict[str, Any] | None) -> dict[str, Any]:
    """Details as they read back from any store: JSON types only, whole floats as ints
    (PostgreSQL's jsonb writes `1e20` back as `100000000000000000000`)."""
    return _canonical(json.loads(json.dumps(details or {}, default=str)))  # type: ignore[no-any-return]


def _canonical(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def entry_hash(event: AuditEvent) -> str:
    """SHA-256 of an entry's content and its link to the previous entry."""
    occurred_at = event.occurred_at.astimezone(UTC).isoformat(timespec="microseconds")
    content = [
        event.seq,
        occurred_at,
        event.action,
        event.outcome,
        event.actor_type,
        event.actor_id,
        event.target_type,
        event.target_id,
        event.ip_address,
        event.user_agent,
        event.request_id,
        _canonical(event.details),
        event.prev_hash,
    ]
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which entries to read; every field set must match."""

    actor_type: str | None = None
    actor_id: str | None = None
    target_type: str | None = None
    target_id: str | None = None
    action: str | None = None
    outcome: str | None = None
    since: datetime | None = None
    """Inclusive."""
    until: datetime | None = None
    """Exclusive."""

    def conditions(self) -> dict[str, object]:
        fields = {
            "actor_type": self.actor_type,
            "actor_id": self.actor_id,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "action": self.action,
            "outcome": self.outcome,
            "occurred_at__gte": self.since,
            "occurred_at__lt": self.until,
        }
        return {name: value for name, value in fields.items() if value is not None}


class AuditLog:
    def __init__(self, clock: Clock, *, sequence_interval: float = SEQUENCE_INTERVAL) -> None:
        self._clock = clock
        self._listeners: list[AuditListener] = []
        self._sequence_interval = sequence_interval
        self._current_run: asyncio.Future[int] | None = None
        """The sequencing run under way in this process, if any."""
        self._runs_started = 0
        self._runs_finished = 0
        """Number of the last run that ended (runs end in the order they start)."""
        self._placing: weakref.WeakValueDictionary[int, AuditEvent] = weakref.WeakValueDictionary()
        """Events `record()` returned, by id, until sequenced (or dropped by the caller)."""
        self._task: asyncio.Task[None] | None = None

    def add_listener(self, listener: AuditListener) -> None:
        self._listeners.append(listener)

    async def record(
        self,
        action: AuditAction | str,
        *,
        outcome: Outcome = Outcome.SUCCESS,
        actor: Subject | None = None,
        target: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
        details: dict[str, Any] | None = None,
    ) -> AuditEvent:
        """Append one event; call it inside the transaction of the change it records (outside
        one, it opens its own). A failure here fails the caller's transaction too: no change goes
        unrecorded. The event's `seq`, `prev_hash` and `hash` are filled in once the transaction
        has committed and the entry is sequenced (see the module docstring)."""
        event = AuditEvent(
            # Stored with microsecond precision on every backend, so the hash reads back the same.
            occurred_at=self._clock.now().astimezone(UTC),
            action=str(action)[:64],
            outcome=outcome.value,
            actor_type=actor.kind if actor else None,
            actor_id=actor.id[:64] if actor else None,
            target_type=target.kind if target else None,
            target_id=target.id[:64] if target else None,
            ip_address=client.ip_address[:64],
            user_agent=client.user_agent[:512],
            request_id=(client.request_id or current_request_id())[:128],
            details=canonical_details(details),
        )
        if within_transaction():
            await self._append(event)
        else:
            async with transaction():
                await self._append(event)
        for listener in self._listeners:
            listener(event)
        return event

    async def _append(self, event: AuditEvent) -> None:
        """Insert `event` unsequenced, in the transaction in force; place it after commit."""
        await queries.insert_event(event)
        self._placing[event.id] = event
        after_commit(partial(self._place_committed, event))

    async def _place_committed(self, event: AuditEvent) -> None:
        """After the commit of `event`'s transaction: wait until it is in the chain. A failure
        is logged, never raised: the change committed, and the next pass places the entry."""
        if within_transaction():
            return  # the commit was a savepoint's, inside a transaction opened some other way
        try:
            await self._until_run_after_now(lambda: event.seq is not None)
            if event.seq is None:  # placed by another instance's sequencer first
                await self._read_place(event)
        except Exception as exc:
            if not reported_outage(exc):
                logger.exception("audit entries committed but not yet sequenced; retrying later")

    async def sequence(self) -> int:
        """Place every entry committed before this call in the chain; return how many the run
        that did it placed (with entries committed meanwhile by others)."""
        return await self._until_run_after_now(lambda: False)

    async def _until_run_after_now(self, done: Callable[[], bool]) -> int:
        """Wait until `done()`, or until a run that started after this call has finished (it
        placed everything committed before the call); return what that run placed.

        Single-flight: one run at a time, shared by everyone waiting. Each waiter checks when a
        run ends, so an entry the current run placed is released at once, never held behind
        the next run; a waiter whose entry came too late for the current run starts (or joins)
        the next one, which takes every entry committed meanwhile (group commit)."""
        needed = self._runs_started + 1
        placed = 0
        while not done() and self._runs_finished < needed:
            if self._current_run is None:
                self._runs_started += 1
                self._current_run = asyncio.ensure_future(self._run(self._runs_started))
            placed = await asyncio.shield(self._current_run)
        return placed

    async def _run(self, number: int) -> int:
        """Run `number`: place every entry committed when it starts, in batches."""
        try:
            placed = 0
            while True:
                async with transaction():
                    batch = await self._place_batch()
                self._fill_in(batch)
                placed += len(batch)
                if len(batch) < SEQUENCE_BATCH:
                    return placed
        finally:
            self._runs_finished, self._current_run = number, None

    async def _place_batch(self) -> list[AuditEvent]:
        """Lock the chain, place the oldest waiting entries after its end, move the end."""
        claimed = await queries.lock_chain(CHAIN_ROW_ID)
        if claimed is None:
            await self.ensure_chain()
            claimed = await queries.lock_chain(CHAIN_ROW_ID)
            assert claimed is not None
        last_seq, last_hash = claimed
        batch = await queries.unsequenced(SEQUENCE_BATCH)
        for event in batch:
            last_seq += 1
            event.seq, event.prev_hash = last_seq, last_hash
            event.hash = last_hash = entry_hash(event)
        if batch:
            await queries.place(batch, CHAIN_ROW_ID)
        return batch

    async def _read_place(self, event: AuditEvent) -> None:
        stored = await AuditEvent.get(id=event.id)
        if stored.seq is not None:
            self._fill_in([stored])

    def _fill_in(self, placed: list[AuditEvent]) -> None:
        """Give the events `record()` returned in this process their committed place."""
        for event in placed:
            returned = self._placing.pop(event.id, None)
            if returned is not None:
                returned.seq, returned.prev_hash, returned.hash = (
                    event.seq,
                    event.prev_hash,
                    event.hash,
                )

    async def sequence_waiting(self) -> int:
        """The periodic pass: place entries left waiting, if there are any (a cheap check
        first, without the chain lock)."""
        if not await queries.any_unsequenced():
            return 0
        return await self.sequence()

    async def start(self) -> None:
        """Place what an earlier process left waiting, then keep doing so periodically."""
        await self.ensure_chain()
        await self.sequence_waiting()
        if self._sequence_interval > 0:
            self._task = every(self._sequence_interval, self.sequence_waiting, "audit-sequencer")

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None
        if self._current_run is not None:
            with contextlib.suppress(Exception):
                await asyncio.shield(self._current_run)

    async def ensure_chain(self) -> None:
        """Create the chain row if the store has none yet (idempotent, race-safe)."""
        await AuditChain.get_or_create(id=CHAIN_ROW_ID)

    async def page(
        self, where: AuditFilter, *, cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE
    ) -> Page[AuditEvent]:
        """Matching entries, newest first: one page of at most `limit`, after `cursor`."""
        limit = checked_limit(limit)
        query = AuditEvent.filter(**where.conditions(), seq__isnull=False)
        if cursor is not None:
            query = query.filter(seq__lt=_AUDIT_CURSOR.decode(cursor))
        rows = await query.order_by("-seq").limit(limit + 1)
        return page_of(rows, limit, lambda event: _AUDIT_CURSOR.encode(event.seq))

    async def daily_outcomes(self, action: AuditAction | str, *, days: int) -> list[DayCount]:
        """Successes and failures of `action` per UTC day, the last `days` days (today
        included), oldest first. One small grouped count a day: each is a range of the
        `(action, occurred_at, outcome)` index, read without touching the table."""
        today = datetime.combine(self._clock.now().astimezone(UTC).date(), datetime.min.time(), UTC)
        counted = []
        for back in range(days - 1, -1, -1):
            start = today - timedelta(days=back)
            rows = await (
                AuditEvent.filter(
                    action=str(action),
                    occurred_at__gte=start,
                    occurred_at__lt=start + timedelta(days=1),
                )
                .group_by("outcome")
                .annotate(count=Count("outcome"))
                .values_list("outcome", "count")
            )
            found = {str(outcome): int(count) for outcome, count in rows}
            counted.append(
                DayCount(start.date(), found.get(Outcome.SUCCESS, 0), found.get(Outcome.FAILURE, 0))
            )
        return counted

    async def recent_security_events(self, limit: int = 10) -> list[AuditEvent]:
        """The newest security events: failed sign-ins, lockouts, refusals, refresh reuse."""
        security = Q(action=AuditAction.SIGN_IN, outcome=Outcome.FAILURE) | Q(
            action__in=sorted(SECURITY_ACTIONS)
        )
        return await AuditEvent.filter(security, seq__isnull=False).order_by("-seq").limit(limit)

    async def entry(self, seq: int) -> AuditEvent | None:
        """The entry at `seq`, if it is still kept."""
        return await AuditEvent.get_or_none(seq=seq)

    async def stream(
        self, where: AuditFilter, *, batch_size: int = 500
    ) -> AsyncIterator[AuditEvent]:
        """Every matching entry, oldest first, read in batches (for exports)."""
        after = 0
        while True:
            batch = (
                await AuditEvent.filter(**where.conditions(), seq__gt=after)
                .order_by("seq")
                .limit(batch_size)
            )
            for event in batch:
                yield event
            if len(batch) < batch_size:
                return
            after = batch[-1].seq

    async def verify(self) -> ChainReport:
        """Walk the chain from its anchor and report the first entry that does not hold, and
        the entries still waiting to be sequenced."""
        chain = await AuditChain.get_or_none(id=CHAIN_ROW_ID)
        if chain is None:
            chain = AuditChain(id=CHAIN_ROW_ID)
        expected_seq, expected_prev = chain.anchor_seq + 1, chain.anchor_hash
        checked, last_seq, head = 0, chain.anchor_seq, chain.anchor_hash
        while True:
            # The sequencer commits the chain row with the entries it placed, so every entry up to
            # the chain row's `last_seq` read above is visible; later ones wait for the next run.
            batch = (
                await AuditEvent.filter(seq__gte=expected_seq, seq__lte=chain.last_seq)
                .order_by("seq")
                .limit(_VERIFY_BATCH)
            )
            for event in batch:
                broken = _check_entry(event, expected_seq, expected_prev)
                if broken is not None:
                    return ChainReport(
                        checked, chain.anchor_seq + 1, last_seq, head, broken, *await _waiting()
                    )
                checked += 1
                last_seq, head = event.seq, event.hash or ""  # checked: never empty here
                expected_seq, expected_prev = event.seq + 1, head
            if len(batch) < _VERIFY_BATCH:
                break
        broken = None
        if last_seq != chain.last_seq:
            broken = ChainBreak(last_seq + 1, f"entries {last_seq + 1}..{chain.last_seq} missing")
        elif head != chain.last_hash:
            broken = ChainBreak(
                last_seq, "the newest entry differs from the one the chain recorded"
            )
        return ChainReport(checked, chain.anchor_seq + 1, last_seq, head, broken, *await _waiting())

    async def purge(self, before: datetime) -> int:
        """Delete the oldest entries, up to the first one at or after `before`; keep the chain
        verifiable by anchoring it at the last deleted entry. Returns how many were deleted."""
        async with transaction():
            if not await AuditChain.filter(id=CHAIN_ROW_ID).update(last_seq=F("last_seq")):
                return 0  # no chain, nothing to purge; the no-op UPDATE is the lock
            chain = await AuditChain.get(id=CHAIN_ROW_ID)
            first_kept = (
                await AuditEvent.filter(occurred_at__gte=before, seq__gt=chain.anchor_seq)
                .order_by("seq")
                .first()
            )
            cut = chain.last_seq if first_kept is None else first_kept.seq - 1
            if cut <= chain.anchor_seq:
                return 0
            last_purged = await AuditEvent.get(seq=cut)
            deleted = await AuditEvent.filter(seq__lte=cut).delete()
            await AuditChain.filter(id=CHAIN_ROW_ID).update(
                anchor_seq=cut, anchor_hash=last_purged.hash
            )
            await self.record(
                AuditAction.AUDIT_PURGED,
                actor=SYSTEM,
                details={"deleted": deleted, "through_seq": cut, "before": before.isoformat()},
            )
        logger.info("purged %d audit entries older than %s", deleted, before.isoformat())
        return int(deleted)


async def _waiting() -> tuple[int, datetime | None]:
    """How many committed entries wait to be sequenced, and when the oldest occurred."""
    waiting = AuditEvent.filter(seq__isnull=True)
    count = await waiting.count()
    oldest = await waiting.order_by("id").first() if count else None
    return count, oldest.occurred_at if oldest else None


def _check_entry(event: AuditEvent, expected_seq: int, expected_prev: str) -> ChainBreak | None:
    if event.seq != expected_seq:
        return ChainBreak(expected_seq, f"entry missing (next present is {event.seq})")
    if event.prev_hash != expected_prev:
        return ChainBreak(event.seq, "does not link to the entry before it")
    if entry_hash(event) != event.hash:
        return ChainBreak(event.seq, "content does not match its hash (edited)")
    return None
