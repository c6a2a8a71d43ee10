"""Which sessions and users must be refused before their access tokens expire.

The hot path (every authenticated request) asks `RevocationList.is_revoked`, a pair of dict
look-ups with no I/O. Keeping every instance's list current is the hard part:

- the instance that revokes updates its own list before the revoking call returns;
- the store keeps a `Revocation` row, written in the same transaction as the change, so that an
  instance that starts (or restarts) later loads it, and so that without Redis other instances
  pick it up by polling every `revocation_sync_interval` seconds. A poll reads by time with an
  overlap, not by id: ids are handed out before commit, so on PostgreSQL a lower id can become
  visible after a higher one;
- with Redis, the revoking instance publishes the revocation (`services.broadcast`) and waits
  (bounded) until every subscribed instance has acknowledged applying it, so "rejected on the
  next request on every instance" holds the moment the revoking call returns.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from fabric_auth.clock import Clock
from fabric_auth.services.background import cancel, every
from fabric_auth.services.broadcast import Broadcast
from fabric_auth.store.models import Revocation

logger = logging.getLogger("fabric_auth.revocation")

TOPIC = "revocation"
SYNC_OVERLAP = timedelta(seconds=60)
"""How far back each poll looks again: covers transactions committing up to this late."""


class SubjectType(StrEnum):
    SESSION = "session"
    USER = "user"
    API_KEY = "api_key"
    """An API key, refused from `revoked_at` on (later than now for a rotation's overlap)."""


@dataclass(frozen=True, slots=True)
class RevocationEntry:
    subject_type: SubjectType
    subject_id: UUID
    revoked_at: float
    """Unix time. Tokens issued at or before it are refused."""
    expires_at: float
    """Unix time after which no token issued before the revocation can still be valid."""

    def to_json(self) -> str:
        return json.dumps(
            {
                "t": self.subject_type.value,
                "i": str(self.subject_id),
                "r": self.revoked_at,
                "e": self.expires_at,
            }
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> RevocationEntry:
        data = json.loads(text)
        return cls(SubjectType(data["t"]), UUID(data["i"]), float(data["r"]), float(data["e"]))

    @classmethod
    def from_row(cls, row: Revocation) -> RevocationEntry:
        return cls(
            SubjectType(row.subject_type),
            row.subject_id,
            row.revoked_at.timestamp(),
            row.expires_at.timestamp(),
        )


class RevocationList:
    """The in-memory view every request consults.

    Keyed by `UUID.int`, not `UUID`: a `UUID` hashes in Python code (`UUID.__hash__`), an int
    in C, and the hot path looks up two of them per request. Callers hold the ints ready
    (see `dependencies`).
    """

    def __init__(self) -> None:
        self._sessions: dict[int, float] = {}
        self._users: dict[int, float] = {}
        self._keys: dict[int, float] = {}

    def apply(self, entry: RevocationEntry) -> None:
        subject = entry.subject_id.int
        if entry.subject_type is SubjectType.API_KEY:
            # The earliest wins: revoking a key during its rotation overlap ends it at once.
            known = self._keys.get(subject, entry.revoked_at)
            self._keys[subject] = min(entry.revoked_at, known)
            return
        table = self._sessions if entry.subject_type is SubjectType.SESSION else self._users
        table[subject] = max(table.get(subject, 0.0), entry.revoked_at)

    def is_revoked(self, session: int | None, user: int, issued_at: float) -> bool:
        """Whether a token of `session` (`UUID.int`; `None` without one) and `user`, issued at
        `issued_at`, is refused."""
        if session is not None and session in self._sessions:
            return True
        revoked_at = self._users.get(user)
        return revoked_at is not None and issued_at <= revoked_at

    def is_key_revoked(self, key: int, now: float) -> bool:
        """Whether the API key `key` (`UUID.int`) is refused at `now`."""
        revoked_at = self._keys.get(key)
        return revoked_at is not None and now >= revoked_at

    def forget_expired(self, entries: Iterable[RevocationEntry], now: float) -> None:
        for entry in entries:
            if entry.expires_at <= now:
                self._table(entry.subject_type).pop(entry.subject_id.int, None)

    def _table(self, subject_type: SubjectType) -> dict[int, float]:
        if subject_type is SubjectType.API_KEY:
            return self._keys
        return self._sessions if subject_type is SubjectType.SESSION else self._users


class RevocationService:
    """Records revocations in the store and spreads them to every instance."""

    def __init__(
        self,
        *,
        clock: Clock,
        token_ttl: int,
        sync_interval: float,
        broadcast: Broadcast,
    ) -> None:
        self.revoked = RevocationList()
        self._clock = clock
        self._token_ttl = token_ttl
        self._sync_interval = sync_interval
        self._broadcast = broadcast
        broadcast.on(TOPIC, self._on_message)
        broadcast.on_resubscribe(self.sync_from_store)
        self._synced_until: datetime | None = None
        self._known: dict[tuple[SubjectType, UUID], RevocationEntry] = {}
        self._poll: asyncio.Task[None] | None = None

    # --- recording (inside the caller's transaction) -----------------------------------

    async def record(self, subject_type: SubjectType, subject_id: UUID) -> RevocationEntry:
        """Write the store row; call inside the transaction of the change being recorded."""
        now = self._clock.now()
        # One second of slack for tokens issued just before, expiring in whole seconds.
        expires = now + timedelta(seconds=self._token_ttl + 1)
        return await self._write(subject_type, subject_id, now, expires)

    async def record_key(
        self, key_id: UUID, *, effective_at: datetime, key_expires_at: datetime
    ) -> RevocationEntry:
        """Refuse an API key from `effective_at` (now, or the end of a rotation's overlap) until
        it expires anyway; call inside the transaction of the change being recorded."""
        expires = max(key_expires_at, effective_at) + timedelta(seconds=1)
        return await self._write(SubjectType.API_KEY, key_id, effective_at, expires)

    async def _write(
        self, subject_type: SubjectType, subject_id: UUID, revoked_at: datetime, expires: datetime
    ) -> RevocationEntry:
        await Revocation.create(
            subject_type=subject_type.value,
            subject_id=subject_id,
            revoked_at=revoked_at,
            expires_at=expires,
        )
        return RevocationEntry(
            subject_type, subject_id, revoked_at.timestamp(), expires.timestamp()
        )

    async def publish(self, entries: Iterable[RevocationEntry]) -> None:
        """Apply locally and tell every other instance; call after the transaction commits."""
        for entry in entries:
            self._remember(entry)
            await self._broadcast.publish(TOPIC, entry.to_json())

    # --- keeping this instance's list current ------------------------------------------

    async def start(self) -> None:
        await self.sync_from_store()
        self._poll = every(self._sync_interval, self.sync_from_store, "revocation-sync")

    async def stop(self) -> None:
        await cancel(self._poll)
        self._poll = None

    async def sync_from_store(self) -> None:
        """Apply revocations recorded by any instance since the last sync (with overlap)."""
        now = self._clock.now()
        query = Revocation.filter(expires_at__gt=now)
        if self._synced_until is not None:
            query = query.filter(revoked_at__gte=self._synced_until - SYNC_OVERLAP)
        for row in await query:
            self._remember(RevocationEntry.from_row(row))
        self._synced_until = now
        self._forget_expired(now.timestamp())

    def _remember(self, entry: RevocationEntry) -> None:
        key = (entry.subject_type, entry.subject_id)
        known = self._known.get(key)
        if known is None or _supersedes(entry, known):
            self._known[key] = entry
            self.revoked.apply(entry)

    def _forget_expired(self, now: float) -> None:
        expired = [entry for entry in self._known.values() if entry.expires_at <= now]
        for entry in expired:
            del self._known[(entry.subject_type, entry.subject_id)]
        self.revoked.forget_expired(expired, now)

    async def purge_expired(self) -> int:
        deleted: int = await Revocation.filter(expires_at__lte=self._clock.now()).delete()
        return deleted

    async def _on_message(self, payload: str) -> None:
        self._remember(RevocationEntry.from_json(payload))


def _supersedes(entry: RevocationEntry, known: RevocationEntry) -> bool:
    """Users and sessions: a later revocation covers more tokens. API keys: an earlier one
    ends the key sooner."""
    if entry.subject_type is SubjectType.API_KEY:
        return entry.revoked_at < known.revoked_at
    return known.revoked_at < entry.revoked_at
