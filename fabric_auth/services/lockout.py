"""Brute-force protection: failed sign-ins lock an account, and a client address, for a while.

Keycloak's model: after `lockout_failures` failures the account is locked for
`lockout_wait_increment` seconds; each further lock in the same streak waits one increment
longer, up to `lockout_max_wait`; `lockout_failure_reset` seconds without an attempt forget the
streak; a success ends it. Locks are temporary unless `lockout_permanent` says otherwise.

The hard part is exactness under concurrency: fifty guesses arriving at once must not all be
checked before the first failure is counted. So an attempt first *reserves* a slot with one
conditional `UPDATE ... SET attempts = attempts + 1 WHERE attempts < threshold AND not locked`
and only a request that won a slot gets its password checked. At most `threshold` attempts per
round are ever checked, on any number of instances; the failure that completes the round sets
the lock, again with a conditional `UPDATE` that exactly one request wins.

Unknown logins are counted and locked like real accounts, so a lock says nothing about which
accounts exist.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from tortoise.expressions import F, Q

from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.exceptions import AccountLocked, InvalidCredentials
from fabric_auth.identifiers import identifier_key
from fabric_auth.services.audit import AuditAction, AuditLog, Subject
from fabric_auth.settings import AuthSettings
from fabric_auth.store.connection import transaction
from fabric_auth.store.errors import ignoring_duplicate
from fabric_auth.store.models import LoginThrottle, User
from fabric_auth.store.queries import lockout as queries

PERMANENT_LOCK = timedelta(days=365 * 100)
_MAX_RETRY_AFTER = 86_400
_KEY_LENGTH = 400


class Scope(StrEnum):
    ACCOUNT = "account"
    IP = "ip"


def account_key(user: User | None, login: str) -> str:
    """What a sign-in is counted against: the account, or the login's key
    (`fabric_auth.identifiers`) when none matches, so no spelling of it counts apart."""
    if user is not None:
        return str(user.id)
    return f"login:{identifier_key(login.strip())}"[:_KEY_LENGTH]


@dataclass(frozen=True, slots=True)
class LockedAccount:
    """An account (or an unknown login) locked now."""

    key: str
    """The user id, or `login:<folded login>` when no account matched."""
    user: User | None
    locked_until: datetime
    lockouts: int


class LockoutService:
    def __init__(self, *, settings: AuthSettings, clock: Clock, audit: AuditLog) -> None:
        self._settings = settings
        self._clock = clock
        self._audit = audit

    @asynccontextmanager
    async def attempt(self, account: str, client: ClientInfo = NO_CLIENT) -> AsyncIterator[None]:
        """Guard one password check against `account` from `client`.

        Raises `AccountLocked` (429, `Retry-After`) before the block runs when the account or
        the address is locked. The block raising `InvalidCredentials` counts as a failure,
        finishing normally as a success; any other exception gives the slot back.
        """
        if not self._settings.lockout_enabled:
            yield
            return
        guarded: list[tuple[Scope, str, int]] = []
        ip_threshold = self._settings.lockout_ip_failures
        if ip_threshold is not None and client.ip_address:
            guarded.append((Scope.IP, client.ip_address[:_KEY_LENGTH], ip_threshold))
        guarded.append((Scope.ACCOUNT, account[:_KEY_LENGTH], self._settings.lockout_failures))
        reserved: list[tuple[Scope, str, int]] = []
        try:
            for scope, key, threshold in guarded:
                await self._reserve(scope, key, threshold)
                reserved.append((scope, key, threshold))
        except AccountLocked:
            for scope, key, _ in reserved:
                await self._release(scope, key)
            raise
        try:
            yield
        except InvalidCredentials:
            for scope, key, threshold in reserved:
                await self._fail(scope, key, threshold, client)
            raise
        except BaseException:
            for scope, key, _ in reserved:
                await self._release(scope, key)
            raise
        for scope, key, _ in reserved:
            if scope is Scope.ACCOUNT:
                await self._succeed(scope, key)
            else:  # one good password must not wipe an address's failures against others
                await self._release(scope, key)

    async def _reserve(self, scope: Scope, key: str, threshold: int) -> None:
        """Claim one of the round's `threshold` slots, or raise `AccountLocked`.

        Sign-in runs this twice (address and account), so the usual case costs one query: a
        counter already in its streak with room left. The other cases follow only when it
        matches nothing.
        """
        now = self._clock.now()
        fresh_since = now - timedelta(seconds=self._settings.lockout_failure_reset)
        if await queries.claim_in_streak(scope.value, key, now, fresh_since, threshold):
            return
        unlocked = LoginThrottle.filter(_unlocked(now), scope=scope, key=key)
        claim = {"attempts": F("attempts") + 1, "last_attempt_at": now}
        # `lockout_failure_reset` seconds without an attempt forget the streak.
        if await unlocked.filter(last_attempt_at__lt=fresh_since).update(
            attempts=1, failures=0, lockouts=0, last_attempt_at=now
        ):
            return
        with ignoring_duplicate():  # it may exist after all (created now, or locked, or full)
            await LoginThrottle.create(scope=scope, key=key, attempts=1, last_attempt_at=now)
            return
        if await unlocked.filter(attempts__lt=threshold).update(**claim):
            return
        row = await LoginThrottle.get_or_none(scope=scope, key=key)
        raise AccountLocked(
            "Too many failed sign-ins: ask an administrator to unlock the account"
            if row is not None and self._is_permanent(row, now)
            else None,
            retry_after=self._retry_after(row, now),
        )

    async def _succeed(self, scope: Scope, key: str) -> None:
        """A right password ends the account's streak. The counter row stays (the next sign-in
        claims its slot in one query); cleanup deletes it once quiet (`purge_stale`)."""
        await queries.reset(scope.value, key)

    async def _release(self, scope: Scope, key: str) -> None:
        await queries.release(scope.value, key)

    async def _fail(self, scope: Scope, key: str, threshold: int, client: ClientInfo) -> None:
        now = self._clock.now()
        await LoginThrottle.filter(scope=scope, key=key).update(
            failures=F("failures") + 1, last_attempt_at=now
        )
        row = await LoginThrottle.get_or_none(scope=scope, key=key)
        if row is None or row.failures < threshold:
            return
        wait = self._lock_duration(row.lockouts + 1)
        async with transaction():
            # Exactly one failure completes the round: only its UPDATE matches.
            locked = await LoginThrottle.filter(
                id=row.id, failures__gte=threshold, lockouts=row.lockouts
            ).update(
                failures=0,
                attempts=0,
                lockouts=F("lockouts") + 1,
                locked_until=now + wait,
            )
            if locked:
                await self._audit.record(
                    AuditAction.LOCKOUT,
                    target=_subject(scope, key),
                    client=client,
                    details={
                        "scope": scope.value,
                        "lockouts": row.lockouts + 1,
                        "seconds": int(wait.total_seconds()),
                    },
                )

    def _lock_duration(self, lockouts: int) -> timedelta:
        if self._settings.lockout_permanent:
            return PERMANENT_LOCK
        seconds = min(
            self._settings.lockout_wait_increment * lockouts, self._settings.lockout_max_wait
        )
        return timedelta(seconds=seconds)

    def _is_permanent(self, row: LoginThrottle, now: datetime) -> bool:
        return row.locked_until is not None and row.locked_until - now > timedelta(
            seconds=_MAX_RETRY_AFTER
        )

    def _retry_after(self, row: LoginThrottle | None, now: datetime) -> int:
        if row is None or row.locked_until is None or row.locked_until <= now:
            return 1  # the round is full of attempts still being checked
        seconds = math.ceil((row.locked_until - now).total_seconds())
        return min(seconds, _MAX_RETRY_AFTER)

    async def purge_stale(self) -> int:
        """Delete counters with no lock in force and no attempt within `lockout_failure_reset`
        (a cleanup step); permanent locks stay."""
        now = self._clock.now()
        quiet_since = now - timedelta(seconds=self._settings.lockout_failure_reset)
        unlocked = Q(locked_until__isnull=True) | Q(locked_until__lte=now)
        query = LoginThrottle.filter(unlocked, last_attempt_at__lte=quiet_since)
        return int(await query.delete())

    # --- administration ----------------------------------------------------------------

    async def unlock_user(
        self, user: User, *, actor: Subject | None = None, client: ClientInfo = NO_CLIENT
    ) -> bool:
        """Lift the lock on an account and forget its failures; `True` if it was locked."""
        now = self._clock.now()
        keys = [str(user.id), account_key(None, user.email)]
        if user.username:
            keys.append(account_key(None, user.username))
        return await self._unlock(
            Scope.ACCOUNT, keys, now, _subject(Scope.ACCOUNT, keys[0]), actor, client
        )

    async def unlock_address(
        self, ip_address: str, *, actor: Subject | None = None, client: ClientInfo = NO_CLIENT
    ) -> bool:
        """Lift the lock on a client address; `True` if it was locked."""
        now = self._clock.now()
        return await self._unlock(
            Scope.IP, [ip_address], now, _subject(Scope.IP, ip_address), actor, client
        )

    async def _unlock(
        self,
        scope: Scope,
        keys: list[str],
        now: datetime,
        target: Subject,
        actor: Subject | None,
        client: ClientInfo,
    ) -> bool:
        async with transaction():
            was_locked = await LoginThrottle.filter(
                scope=scope, key__in=keys, locked_until__gt=now
            ).exists()
            await LoginThrottle.filter(scope=scope, key__in=keys).delete()
            await self._audit.record(
                AuditAction.UNLOCK,
                actor=actor,
                target=target,
                client=client,
                details={"scope": scope.value, "was_locked": was_locked},
            )
        return was_locked

    async def locked_until(self, user: User) -> datetime | None:
        """When the account's lock ends, or `None` if it is not locked."""
        now = self._clock.now()
        row = await LoginThrottle.filter(
            scope=Scope.ACCOUNT, key=str(user.id), locked_until__gt=now
        ).first()
        return row.locked_until if row else None

    def _locked_now(self) -> Q:
        return Q(scope=Scope.ACCOUNT, locked_until__gt=self._clock.now())

    async def count_locked_accounts(self) -> int:
        """How many accounts (and unknown logins) are locked now."""
        return await LoginThrottle.filter(self._locked_now()).count()

    async def locked_accounts(self, limit: int = 20) -> list[LockedAccount]:
        """The accounts locked now, the longest lock first, at most `limit`."""
        rows = await LoginThrottle.filter(self._locked_now()).order_by("-locked_until").limit(limit)
        ids = [UUID(row.key) for row in rows if _is_uuid(row.key)]
        users = {str(user.id): user for user in await User.filter(id__in=ids)}
        return [
            LockedAccount(row.key, users.get(row.key), row.locked_until, row.lockouts)
            for row in rows
            if row.locked_until is not None
        ]


def _is_uuid(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return True


def _unlocked(now: datetime) -> Q:
    return Q(locked_until__isnull=True) | Q(locked_until__lte=now)


def _subject(scope: Scope, key: str) -> Subject:
    return Subject(
        "user" if scope is Scope.ACCOUNT and not key.startswith("login:") else scope.value, key
    )
