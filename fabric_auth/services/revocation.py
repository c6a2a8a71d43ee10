"""Which sessions, users and API keys must be refused before their credentials expire.

The hot path (every authenticated request) asks `RevocationList.is_revoked`, a pair of dict
look-ups with no I/O. Keeping every instance's list current:

- a revocation is a `Revocation` row (so that an instance starting later loads it) and a change
  on the store's change feed, both written in the transaction of the change that revokes;
- every instance applies the feed (`services.changes`): the revoking one before its call
  returns, the others at once on a Redis hint or at their next poll, and a request never
  trusts a list older than `max_staleness` (it catches up from the store first).

Other services learn of session and user revocations through events (`session.revoked`,
`user.tokens_revoked`), written here in the same transaction.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from uuid import UUID

from fabric_auth.clock import Clock
from fabric_auth.events.catalogue import SessionRevoked, UserTokensRevoked
from fabric_auth.principal import SubjectRef
from fabric_auth.services.background import cancel, every
from fabric_auth.services.changes import ChangeFeed
from fabric_auth.services.events import EventOutbox
from fabric_auth.store.models import Revocation

logger = logging.getLogger("fabric_auth.revocation")

TOPIC = "revocation"
FORGET_INTERVAL = 30.0
"""Seconds between sweeps of entries whose credentials have all expired."""


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
    """Records revocations in the store and keeps this instance's list current."""

    def __init__(
        self, *, clock: Clock, token_ttl: int, feed: ChangeFeed, events: EventOutbox
    ) -> None:
        self.revoked = RevocationList()
        self._clock = clock
        self._token_ttl = token_ttl
        self._feed = feed
        self._events = events
        feed.on(TOPIC, self._on_change)
        feed.on_resync(self.load)
        self._known: dict[tuple[SubjectType, UUID], RevocationEntry] = {}
        self._sweep: asyncio.Task[None] | None = None

    # --- recording (inside the caller's transaction) -----------------------------------

    async def record_session(
        self, session_id: UUID, *, user_id: UUID, reason: str
    ) -> RevocationEntry:
        """Refuse the access tokens of one session of `user_id` (and announce it to other
        services, `session.revoked`); call inside the transaction of the change being
        recorded. Every instance applies it once that commits."""
        entry = await self._record_now(SubjectType.SESSION, session_id)
        await self._events.publish(
            SessionRevoked(
                session_id=session_id,
                reason=reason,
                tokens_valid_until=_moment(entry.expires_at),
            ),
            subject=SubjectRef.user(user_id),
        )
        return entry

    async def record_user(self, user_id: UUID) -> RevocationEntry:
        """Refuse every access token issued to `user_id` so far (`user.tokens_revoked`); call
        inside the transaction of the change being recorded."""
        entry = await self._record_now(SubjectType.USER, user_id)
        await self._events.publish(
            UserTokensRevoked(
                revoked_before=_moment(entry.revoked_at),
                tokens_valid_until=_moment(entry.expires_at),
            ),
            subject=SubjectRef.user(user_id),
        )
        return entry

    async def _record_now(self, subject_type: SubjectType, subject_id: UUID) -> RevocationEntry:
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
        entry = RevocationEntry(
            subject_type, subject_id, revoked_at.timestamp(), expires.timestamp()
        )
        await self._feed.record(TOPIC, entry.to_json())
        return entry

    # --- keeping this instance's list current ------------------------------------------

    async def start(self) -> None:
        self._sweep = every(FORGET_INTERVAL, self._forget_expired_now, "revocation-sweep")

    async def stop(self) -> None:
        await cancel(self._sweep)
        self._sweep = None

    async def load(self) -> None:
        """Apply every revocation still in force (at start, and when the feed reloads)."""
        for row in await Revocation.filter(expires_at__gt=self._clock.now()):
            self._remember(RevocationEntry.from_row(row))

    async def _on_change(self, payload: str) -> None:
        self._remember(RevocationEntry.from_json(payload))

    def _remember(self, entry: RevocationEntry) -> None:
        key = (entry.subject_type, entry.subject_id)
        known = self._known.get(key)
        if known is None or _supersedes(entry, known):
            self._known[key] = entry
            self.revoked.apply(entry)

    async def _forget_expired_now(self) -> None:
        now = self._clock.timestamp()
        expired = [entry for entry in self._known.values() if entry.expires_at <= now]
        for entry in expired:
            del self._known[(entry.subject_type, entry.subject_id)]
        self.revoked.forget_expired(expired, now)

    async def purge_expired(self) -> int:
        deleted: int = await Revocation.filter(expires_at__lte=self._clock.now()).delete()
        return deleted


def _supersedes(entry: RevocationEntry, known: RevocationEntry) -> bool:
    """Users and sessions: a later revocation covers more tokens. API keys: an earlier one
    ends the key sooner."""
    if entry.subject_type is SubjectType.API_KEY:
        return entry.revoked_at < known.revoked_at
    return known.revoked_at < entry.revoked_at


def _moment(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)
