"""The change feed: how every instance learns what other instances changed, from the store.

Each instance keeps things in memory that a change elsewhere can make wrong: the revocation
list, cached effective permissions, cached entitlements, signing keys. Every such change writes a
`Change` row in the same transaction as the change itself (`record`), so the store holds an
ordered, durable list of them, and every instance applies the rows it has not seen yet:

- **incrementally**: each poll asks for `seq > last` on the primary key, so its cost follows the
  number of new changes, never the history;
- **every `max_staleness / 4` seconds**, and at once when Redis delivers a hint that another
  instance committed one (`services.broadcast`): Redis only makes propagation faster; losing it
  costs at most the poll interval, never correctness;
- **fail closed**: the request path trusts this instance's memory only while its last
  successful poll *started* less than `max_staleness` ago (`fresh`). Otherwise the request first
  catches up from the store (`catch_up`, one query shared by every request waiting), and when the
  store cannot answer the request fails with `StoreUnavailable` instead of being decided on an
  old view. A paused or partitioned instance therefore never acts on a change older than the
  bound.

The hard part is PostgreSQL's sequence: numbers are handed out at insert, in one order, and
become visible at commit, in another. A poll can see seq 7 before seq 6 commits. So the numbers a
poll skips over are remembered as *gaps* and asked for again by every later poll (in the same
query) until they appear or `GAP_WINDOW` has passed (a rolled-back transaction leaves a gap that
never fills).

The instance that makes a change applies it before the changing call returns: `record` arranges
(`store.connection.after_commit`) for a hint to the others, then a poll of its own that starts
after the commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from tortoise.expressions import Q

from fabric_auth.clock import Clock
from fabric_auth.exceptions import StoreUnavailable
from fabric_auth.services.background import cancel
from fabric_auth.services.broadcast import Broadcast
from fabric_auth.store.connection import after_commit, within_transaction
from fabric_auth.store.errors import STORE_STATE, raise_mapped, reported_outage
from fabric_auth.store.models import Change
from fabric_auth.store.queries import changes as queries

logger = logging.getLogger("fabric_auth.changes")

Apply = Callable[[str], Awaitable[None]]
Resync = Callable[[], Awaitable[None]]

BATCH = 1000
"""Rows read per query; a poll reads batches until it has them all."""
SLICE = 100
"""Rows applied between two chances for requests to run: applying one costs some 8 µs, so a
burst of revocations stalls the event loop for under a millisecond at a time."""
GAP_WINDOW = 60.0
"""Seconds a skipped sequence number is asked for again: longer than any transaction that
records a change stays open."""
MAX_GAPS = 10_000
"""More skipped numbers than this and the instance reloads everything instead."""
RESYNC_AFTER = 600.0
"""Seconds without a successful poll after which the instance reloads everything: rows may
have been purged meanwhile."""
RETENTION = timedelta(hours=1)
"""How long rows are kept: far longer than `RESYNC_AFTER`, so an instance that polls at all
never misses one."""


class ChangeFeed:
    def __init__(
        self, *, clock: Clock, max_staleness: float, hints: Broadcast, timeout: float = 5.0
    ) -> None:
        """`timeout`: seconds a read of the feed may take (ten times that for a reload), and a
        request may wait for one, before the store counts as unavailable."""
        self._clock = clock
        self.max_staleness = max_staleness
        self._timeout = timeout
        self._interval = max_staleness / 4
        self._hints = hints
        self._appliers: dict[str, Apply] = {}
        self._resyncs: list[Resync] = []
        self._last = 0
        """The highest sequence number applied."""
        self._gaps: dict[int, float] = {}
        """Numbers below `_last` not seen yet, with when (monotonic) they were first skipped."""
        self._reload = False
        """Too many gaps to track: the next poll reloads everything."""
        self._current_since = float("-inf")
        """When (monotonic) the last successful poll started: every change committed before it
        has been applied."""
        self._poll: asyncio.Future[None] | None = None
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        hints.on_hint(self._wake.set)

    def on(self, topic: str, apply: Apply) -> None:
        """Run `apply(payload)` for every change on `topic`, made by any instance."""
        self._appliers[topic] = apply

    def on_resync(self, resync: Resync) -> None:
        """Run `resync()` when this instance reloads everything (at start, after a long gap)."""
        self._resyncs.append(resync)

    # --- writing ------------------------------------------------------------------------

    async def record(self, topic: str, payload: str) -> None:
        """Write a change; call inside the transaction of the change it announces. Once that
        commits, this instance applies it and tells the others."""
        await Change.create(topic=topic, payload=payload, created_at=self._clock.now())
        if within_transaction():
            # One hint per transaction, however many changes and events it holds: the outbox
            # registers this same callback (`after_commit` runs it once).
            after_commit(self._hints.publish)
            after_commit(self._apply_committed)
        else:
            await self._hints.publish()
            await self._apply_committed()

    async def _apply_committed(self) -> None:
        committed = time.monotonic()
        try:
            await self.sync_since(committed)
        except Exception:  # the change is committed: the caller's answer is its success
            logger.debug("applying a committed change locally failed", exc_info=True)

    # --- reading ------------------------------------------------------------------------

    @property
    def fresh(self) -> bool:
        """Whether this instance's memory may decide a request: no change committed more than
        `max_staleness` ago can be missing from it."""
        return time.monotonic() - self._current_since < self.max_staleness

    @property
    def age(self) -> float:
        """Seconds since the start of the last successful read (infinite before the first)."""
        return time.monotonic() - self._current_since

    async def catch_up(self) -> None:
        """Make this instance fresh again, from the store; `StoreUnavailable` if it cannot
        within the timeout (the read goes on for the requests after)."""
        try:
            async with asyncio.timeout(self._timeout):
                await self.sync_since(time.monotonic() - self.max_staleness)
        except TimeoutError:
            STORE_STATE.failed(TimeoutError(f"no answer in {self._timeout} s"))
            raise StoreUnavailable() from None
        except Exception as exc:
            raise_mapped(exc)

    async def sync_since(self, moment: float) -> None:
        """Return once a poll that started at or after `moment` (monotonic) has succeeded.
        Concurrent callers share polls."""
        if within_transaction():
            return  # a poll from here would run in the caller's transaction; the poller will do
        while self._current_since < moment:
            # A poll already done whose callback has not run yet would be awaited without
            # yielding, again and again: the loop would spin and never run that callback.
            if self._poll is None or self._poll.done():
                self._poll = asyncio.ensure_future(self._poll_once())
                self._poll.add_done_callback(self._poll_done)
            await asyncio.shield(self._poll)

    def _poll_done(self, poll: asyncio.Future[None]) -> None:
        if self._poll is poll:
            self._poll = None
        if not poll.cancelled():
            poll.exception()  # retrieved: each waiter gets it raised

    async def _poll_once(self) -> None:
        started = time.monotonic()
        try:
            if self._reload or started - self._current_since > RESYNC_AFTER:
                async with asyncio.timeout(10 * self._timeout):
                    await self._resync()
            else:
                async with asyncio.timeout(self._timeout):
                    await self._read_new(started)
        except TimeoutError:
            STORE_STATE.failed(TimeoutError(f"the change feed took over {self._timeout} s"))
            raise
        except Exception as exc:
            if not reported_outage(exc):
                logger.exception("reading the change feed failed")
            raise
        STORE_STATE.recovered()
        self._current_since = max(self._current_since, started)

    async def _read_new(self, started: float) -> None:
        while True:
            condition = Q(seq__gt=self._last)
            if self._gaps:
                condition |= Q(seq__in=list(self._gaps))
            rows = (
                await Change.filter(condition)
                .order_by("seq")
                .limit(BATCH)
                .values_list("seq", "topic", "payload")
            )
            for index, (seq, topic, payload) in enumerate(rows):
                if index and index % SLICE == 0:
                    await asyncio.sleep(0)  # requests run between slices of a burst
                await self._apply(topic, payload)  # raises: the next poll reads it again
                if self._gaps.pop(seq, None) is None:
                    self._skipped(range(self._last + 1, seq), started)
                    self._last = max(self._last, seq)
            if len(rows) < BATCH:
                break
        expired = [seq for seq, seen in self._gaps.items() if started - seen > GAP_WINDOW]
        for seq in expired:
            del self._gaps[seq]

    def _skipped(self, numbers: range, started: float) -> None:
        if len(numbers) + len(self._gaps) > MAX_GAPS:
            self._reload = True
            return
        for seq in numbers:
            self._gaps[seq] = started

    async def _apply(self, topic: str, payload: str) -> None:
        apply = self._appliers.get(topic)
        if apply is not None:
            await apply(payload)

    async def _resync(self) -> None:
        """Reload everything, and start reading after the last number handed out. The numbers
        missing among the newest rows may belong to transactions still open: they are gaps, as
        in a poll (the resyncs read the state those would change, but may have read it before
        they commit)."""
        started = time.monotonic()
        last = await queries.last_number()
        rows = await Change.filter(seq__gt=last - BATCH).values_list("seq", flat=True)
        present = {int(seq) for seq in rows}  # type: ignore[call-overload]
        for resync in self._resyncs:
            await resync()  # raises: the next poll reloads again
        # Below the oldest row still there, numbers were purged, not left open.
        floor = min(present) if present else max(last - BATCH, 0) + 1
        self._gaps = {seq: started for seq in range(floor, last + 1) if seq not in present}
        self._last = last
        self._reload = False

    # --- lifecycle ----------------------------------------------------------------------

    async def start(self) -> None:
        """Load everything, then keep applying changes in the background."""
        await self.sync_since(time.monotonic())
        self._task = asyncio.create_task(self._keep_current(), name="fabric-auth-changes")

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None

    async def _keep_current(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._interval)
            self._wake.clear()
            try:
                await self.sync_since(time.monotonic())
            except asyncio.CancelledError:
                raise
            except Exception:  # logged once per state change by the poll; retried next round
                await asyncio.sleep(self._interval)

    async def purge_expired(self) -> int:
        """Delete rows older than `RETENTION` (a cleanup job), but the newest: an instance
        starting later begins after it, and so knows where the numbers stand."""
        newest = await Change.all().order_by("-seq").first().values_list("seq", flat=True)
        if newest is None:
            return 0
        old = Change.filter(created_at__lt=self._clock.now() - RETENTION, seq__lt=newest)
        deleted: int = await old.delete()
        return deleted
