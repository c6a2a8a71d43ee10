"""Quota leases (opt-in): an instance claims a block of a counter's units from the store and
serves consumptions from its memory until the block is spent or expires.

A claim is the ledger's conditional `UPDATE ... SET used = used + block WHERE used + block <=
limit`, in one transaction with the insert of a lease row (`QuotaLease`) holding the block's
`units` and a `ceiling`: the most of them this instance may have served. Serving past the
ceiling first raises it, by a step (a quarter of the block), in one small `UPDATE` of the lease
row that also renews its `expires_at`. So a consumption from memory costs no statement; a block
costs one transaction and about four `UPDATE`s.

The hard part is an instance killed while holding blocks: what it served after its last write
is unknowable, so only what it provably never served is given back. Every served unit is below
a ceiling the store holds, so once a lease has expired any instance's sweep deletes the row
(`DELETE ... RETURNING`: exactly one sweep gets it) and returns `units - ceiling`; the units
served stay counted, and at most one step per lease stays counted without having been served.
Safety needs no clock: a live instance whose row was swept finds its next ceiling raise
changes nothing, and stops serving from that block (the units it served below its ceiling were
never returned). Expiry only decides when a dead instance's units come back. A live instance
renews its leases while it serves, and gives an idle block back itself, exactly (`units -
served`), before half its lease time has passed by its monotonic clock; on shutdown it gives
all of them back (`close`).

Blocks shrink as the limit nears: a block is at most an eighth of what the counter had left
when it was last seen, so instances never strand the last units on one of them; when a block
would not exceed the amount asked for, the consumption is charged exactly (the ledger). A
claim refused for lack of units first sweeps the counter's expired leases and tries again.

Refunds go back into the block the units came from while it is open, into the counter after.
Consumptions with an idempotency key never take this path (the ledger charges them exactly).
A block remembers the limit it was claimed under: when the entitlement's limit changes, the
block is closed and its unused units given back, so a lowered limit is exceeded by no more
than what was claimed under the old one and served before this instance learned of the change.
A new period is a new counter, so a new block; the old one goes back when idle.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import time
from dataclasses import dataclass, field
from datetime import timedelta

from fabric_auth.cache import BoundedCache
from fabric_auth.clock import Clock
from fabric_auth.periods import Window
from fabric_auth.services.plans.entitlements import Entitlements
from fabric_auth.services.plans.ledger import Consumption, Ledger
from fabric_auth.services.plans.subscriber import Subscriber
from fabric_auth.store.connection import transaction
from fabric_auth.store.queries import plans as queries

logger = logging.getLogger("fabric_auth")

_CACHE_SIZE = 100_000
_STEPS_PER_BLOCK = 4
"""A ceiling is raised by a quarter of the block: what a killed instance may leave counted."""
_SHARE_OF_REMAINING = 8
"""A block is at most this fraction of what the counter had left."""
_RENEW_WITHIN = 0.5
"""A live instance serves from a lease for this fraction of its lease time after its last
write (by the monotonic clock), then writes again or gives the block back."""


@dataclass(slots=True, eq=False)
class Block:
    """A block of units this instance claimed and serves from memory."""

    lease_id: int
    counter_id: int
    limit: int
    """The limit it was claimed under."""
    units: int
    ceiling: int
    """The ceiling the lease row holds: `served` never passes it."""
    step: int
    seen_used: int
    """The counter's `used` right after the claim (this block included)."""
    deadline: float
    """Monotonic time after which it is not served before a write renews it."""
    served: int = 0
    open: bool = True

    def take(self, amount: int, now: float) -> bool:
        """Serve `amount` from memory if the ceiling and the deadline allow it."""
        if self.open and now < self.deadline and self.served + amount <= self.ceiling:
            self.served += amount
            return True
        return False

    def remaining(self) -> int:
        """Units left for the subject as this instance sees them (others may have used some)."""
        return max(0, self.limit - self.seen_used + self.units - self.served)


@dataclass(frozen=True, slots=True)
class LeasedConsumption(Consumption):
    """A consumption served from a lease block (`counter_id` is the block's counter); a refund
    goes back into the block (`LeasedLedger.refund`), not straight into the counter."""

    block: Block | None = field(default=None, compare=False, repr=False)


class LeasedLedger:
    """The ledger's consumptions served from lease blocks (`charge(..., lease=n)`)."""

    def __init__(
        self,
        *,
        clock: Clock,
        ledger: Ledger,
        entitlements: Entitlements,
        lease_seconds: float,
        holder: str | None = None,
    ) -> None:
        self._clock = clock
        self._ledger = ledger
        self._entitlements = entitlements
        self._lease = timedelta(seconds=lease_seconds)
        self._renew_within = lease_seconds * _RENEW_WITHIN
        self.holder = holder or f"{os.getpid()}-{secrets.token_hex(6)}"
        """This instance, as its lease rows name it."""
        self._blocks: dict[int, Block] = {}
        """The open block of each counter, by counter id."""
        self._locks: dict[int, asyncio.Lock] = {}
        self._seen_used: BoundedCache[int, int] = BoundedCache(_CACHE_SIZE)
        """Each counter's `used` as last read, to size the next block."""
        self._keeper: asyncio.Task[None] | None = None

    async def charge(
        self, subscriber: Subscriber, feature: str, amount: int, lease: int
    ) -> Consumption:
        """Consume `amount` from a block of up to `lease` units (claimed when needed), or
        exactly when the block would be too small; the outcome says whether it was granted."""
        entitlement = await self._entitlements.entitlement(subscriber, feature)
        limit = entitlement.limit
        if limit is None or amount == 0:
            return await self._ledger.charge(subscriber, feature, amount)
        current = await self._ledger.counter(subscriber, entitlement)
        period, counter_id = current.period, current.counter_id
        block = self._blocks.get(counter_id)
        if block is not None and block.limit == limit and block.take(amount, time.monotonic()):
            return _served(block, feature, amount, period)
        async with self._lock(counter_id):
            block = await self._block_for(
                subscriber, feature, amount, lease, limit, counter_id, period
            )
        if block is not None:
            return _served(block, feature, amount, period)
        # Charged exactly, outside the lock: near the limit requests do not queue behind it.
        outcome = await self._ledger.charge(subscriber, feature, amount)
        if not outcome.granted and await self.sweep(counter_id):
            outcome = await self._ledger.charge(subscriber, feature, amount)
        return outcome

    async def _block_for(
        self,
        subscriber: Subscriber,
        feature: str,
        amount: int,
        lease: int,
        limit: int,
        counter_id: int,
        period: Window,
    ) -> Block | None:
        """The counter's block, `amount` already taken from it (its ceiling raised, or a new
        block claimed, if need be); `None` when the block would be too small (charge
        exactly). Called holding the counter's lock."""
        while True:
            block = self._blocks.get(counter_id)
            if block is not None:
                if block.limit == limit and block.take(amount, time.monotonic()):
                    return block
                if block.limit == limit and block.served + amount <= block.units:
                    await self._raise_ceiling(block, amount)
                    continue
                await self._give_back(block)  # spent, or claimed under another limit
            size = self._block_size(counter_id, lease, limit)
            if size <= amount:
                return None
            block = await self._claim(counter_id, size, limit)
            if block is None:
                await self.sweep(counter_id)
                used = await queries.used(counter_id)
                if used is None:  # the row was deleted: the ledger creates it again
                    return None
                self._seen_used.put(counter_id, used)
                continue
            await self._ledger._announce_thresholds(
                subscriber, feature, limit, block.seen_used - size, block.seen_used, period
            )

    async def refund(self, consumption: LeasedConsumption) -> None:
        """Give back what a leased consumption took: into its block while that is open,
        into the counter after."""
        block = consumption.block
        if block is None:
            return
        if block.open:
            block.served = max(0, block.served - consumption.amount)
        elif consumption.amount:
            await queries.take_back(block.counter_id, consumption.amount)

    async def sweep(self, counter_id: int | None = None) -> int:
        """Give back what expired leases (of one counter, or all) provably did not serve,
        `units - ceiling`, deleting them; the number of leases swept."""
        swept = 0
        for lease_id in await queries.expired_leases(self._clock.now(), counter_id):
            async with transaction():
                closed = await queries.close_lease(lease_id)
                if closed is not None and closed.units > closed.ceiling:
                    await queries.take_back(closed.counter_id, closed.units - closed.ceiling)
            swept += closed is not None
        return swept

    def start(self) -> None:
        """Give idle blocks back, in the background, before their leases expire."""
        if self._keeper is None:
            self._keeper = asyncio.get_running_loop().create_task(self._keep())

    async def close(self) -> None:
        """Stop the background work and give every open block's unused units back (shutdown,
        after the requests in flight finished)."""
        if self._keeper is not None:
            self._keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._keeper
            self._keeper = None
        for block in list(self._blocks.values()):
            async with self._lock(block.counter_id):
                if not block.open:
                    continue
                try:
                    await self._give_back(block)
                except Exception:  # the store is gone: the lease expires, and is swept
                    logger.warning("could not give back quota lease %d at shutdown", block.lease_id)

    async def give_back_idle(self) -> int:
        """Give back the blocks past their deadline (not served since their last write); how
        many."""
        now = time.monotonic()
        given = 0
        for block in list(self._blocks.values()):
            if block.deadline <= now:
                async with self._lock(block.counter_id):
                    if block.open and block.deadline <= time.monotonic():
                        await self._give_back(block)
                        given += 1
        for counter_id, lock in list(self._locks.items()):
            if not lock.locked() and counter_id not in self._blocks:
                del self._locks[counter_id]
        return given

    async def _keep(self) -> None:
        while True:
            await asyncio.sleep(self._renew_within / 2)
            try:
                await self.give_back_idle()
            except Exception:
                logger.exception("giving back idle quota leases failed")

    def _lock(self, counter_id: int) -> asyncio.Lock:
        lock = self._locks.get(counter_id)
        if lock is None:
            lock = self._locks[counter_id] = asyncio.Lock()
        return lock

    def _block_size(self, counter_id: int, lease: int, limit: int) -> int:
        left = limit - (self._seen_used.get(counter_id) or 0)
        return min(lease, left // _SHARE_OF_REMAINING)

    async def _claim(self, counter_id: int, size: int, limit: int) -> Block | None:
        """Take `size` units from the counter into a new lease, atomically; `None` when the
        counter has not that many left."""
        step = max(1, size // _STEPS_PER_BLOCK)
        async with transaction():
            used = await queries.add_usage_within(counter_id, size, limit)
            if used is None:
                return None
            lease_id = await queries.open_lease(
                counter_id, self.holder, size, step, self._clock.now() + self._lease
            )
        self._seen_used.put(counter_id, used)
        block = Block(
            lease_id=lease_id,
            counter_id=counter_id,
            limit=limit,
            units=size,
            ceiling=step,
            step=step,
            seen_used=used,
            deadline=time.monotonic() + self._renew_within,
        )
        self._blocks[counter_id] = block
        return block

    async def _raise_ceiling(self, block: Block, amount: int) -> None:
        """Let the block serve `amount` more (a step at least), renewing its lease; a lease
        swept meanwhile (this instance was taken for dead) is closed, its units kept counted."""
        ceiling = min(block.units, max(block.served + amount, block.ceiling + block.step))
        deadline = time.monotonic() + self._renew_within
        if await queries.raise_ceiling(block.lease_id, ceiling, self._clock.now() + self._lease):
            block.ceiling = ceiling
            block.deadline = deadline
        else:
            self._forget(block)

    async def _give_back(self, block: Block) -> None:
        """Close the block and return its unused units to the counter, unless its lease was
        swept (then the sweep returned what the ceiling allowed)."""
        self._forget(block)
        served = block.served
        async with transaction():
            closed = await queries.close_lease(block.lease_id)
            if closed is not None and closed.units > served:
                await queries.take_back(block.counter_id, closed.units - served)

    def _forget(self, block: Block) -> None:
        block.open = False
        if self._blocks.get(block.counter_id) is block:
            del self._blocks[block.counter_id]


def _served(block: Block, feature: str, amount: int, period: Window) -> LeasedConsumption:
    return LeasedConsumption(
        feature=feature,
        amount=amount,
        granted=True,
        limit=block.limit,
        remaining=block.remaining(),
        resets_at=period.end,
        counter_id=block.counter_id,
        block=block,
    )
