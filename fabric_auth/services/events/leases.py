"""Leases in the store: a named job that one instance at a time may run (the events relay).

A lease is one row: its holder and when it expires. Taking or renewing it is one conditional
`UPDATE ... WHERE name = ? AND (holder = me OR expires_at < now)`, so of two instances asking at
once exactly one matches; when no row exists yet, each inserts one and the primary key lets one
insert win. The holder renews well before `expires_at` (every third of the time to live); an
instance that dies stops renewing, and another takes the lease once it has expired.

Expiry is judged by the store's rows and the runtime's clock, so instances must keep their
clocks in step (NTP) to well within the time to live. The holder also stops trusting its lease
`ttl` seconds after its last successful renewal began, on its own monotonic clock: an instance
that cannot reach the store stops relaying before another one may take over.
"""

from __future__ import annotations

import os
import secrets
import socket
import time
from datetime import timedelta

from fabric_auth.clock import Clock
from fabric_auth.store.errors import ignoring_duplicate
from fabric_auth.store.models import Lease
from fabric_auth.store.sql import Statement

_TAKE_OR_RENEW = Statement(
    Lease,
    "UPDATE {t} SET {t.expires_at} = ?, "
    "{t.acquired_at} = CASE WHEN {t.holder} = ? THEN {t.acquired_at} ELSE ? END, "
    "{t.holder} = ? "
    "WHERE {t.name} = ? AND ({t.holder} = ? OR {t.expires_at} < ?)",
)
_RELEASE = Statement(Lease, "DELETE FROM {t} WHERE {t.name} = ? AND {t.holder} = ?")


def holder_name() -> str:
    """This process, as a lease holder: host, pid and a random part (two runtimes in one
    process are two holders)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


class StoreLease:
    """One named lease, as seen by one holder."""

    def __init__(self, name: str, *, ttl: float, clock: Clock, holder: str | None = None) -> None:
        self.name = name
        self.holder = holder or holder_name()
        self.ttl = ttl
        self._clock = clock
        self._valid_until = float("-inf")
        """Monotonic time until which this holder may act on the lease."""

    @property
    def held(self) -> bool:
        """Whether this holder holds the lease: its last successful `acquire` began less than
        `ttl` seconds ago."""
        return time.monotonic() < self._valid_until

    async def acquire(self) -> bool:
        """Take the lease, or renew it if this holder has it; `False` when another holder has
        it and it has not expired. Store failures are raised (the lease then lapses by itself)."""
        started = time.monotonic()
        now = self._clock.now()
        expires = now + timedelta(seconds=self.ttl)
        holder = self.holder
        updated = await _TAKE_OR_RENEW.execute(expires, holder, now, holder, self.name, holder, now)
        won = bool(updated)
        if not won and not await Lease.exists(name=self.name):
            with ignoring_duplicate():  # another holder inserted it first: theirs
                await Lease.create(
                    name=self.name, holder=holder, expires_at=expires, acquired_at=now
                )
                won = True
        self._valid_until = started + self.ttl if won else float("-inf")
        return won

    async def release(self) -> None:
        """Give the lease up (on a clean stop), so another holder takes it at once."""
        self._valid_until = float("-inf")
        await _RELEASE.execute(self.name, self.holder)
