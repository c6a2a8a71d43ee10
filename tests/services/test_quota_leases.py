"""Quota leases on the store: blocks served from memory never overdraw, shrink near the limit,
come back on shutdown, on expiry (a dead instance's provably unused part) and on refunds."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from fabric_auth.clock import FrozenClock
from fabric_auth.events import QuotaThresholdCrossed, parse_event
from fabric_auth.exceptions import QuotaExceeded
from fabric_auth.periods import Period
from fabric_auth.services.audit import AuditLog
from fabric_auth.services.broadcast import Broadcast
from fabric_auth.services.changes import ChangeFeed
from fabric_auth.services.events import EventOutbox
from fabric_auth.services.plans import (
    FeatureLimit,
    FeatureSpec,
    PlanCatalogue,
    PlanService,
    PlanSpec,
    Subscriber,
)
from fabric_auth.store.models import IdempotencyKey, OutboxEvent, QuotaLease, UsageCounter

LIMIT = 1000
LEASE_SECONDS = 10.0
CATALOGUE = PlanCatalogue(
    features=[FeatureSpec("calls", "API calls", unit="call")],
    plans=[
        PlanSpec("free", "Free", default=True, limits={"calls": FeatureLimit(LIMIT, Period.MONTH)})
    ],
)

Instances = Callable[..., PlanService]


@pytest.fixture
async def instances(store: str) -> AsyncIterator[Instances]:
    """Plan services on one store and one frozen clock, each its own instance (its own lease
    blocks); every one not left for dead gives its blocks back at the end."""
    clock = FrozenClock(datetime(2026, 3, 10, 12, 0, tzinfo=UTC))
    made: list[PlanService] = []

    def make(lease_seconds: float = LEASE_SECONDS) -> PlanService:
        hints = Broadcast(None, "test")
        service = PlanService(
            clock=clock,
            audit=AuditLog(clock),
            events=EventOutbox(clock=clock, enabled=True, hints=hints),
            catalogue=CATALOGUE,
            idempotency_ttl=3600,
            idempotency_wait=10.0,
            idempotency_lease=300.0,
            feed=ChangeFeed(clock=clock, max_staleness=1.0, hints=hints),
            cache_ttl=5.0,
            lease_seconds=lease_seconds,
        )
        made.append(service)
        return service

    await make().seed()
    yield make
    for service in made:
        await service.return_leases()


def clock_of(plans: PlanService) -> FrozenClock:
    clock = plans._clock
    assert isinstance(clock, FrozenClock)
    return clock


async def attempt(plans: PlanService, who: Subscriber, lease: int = 64, amount: int = 1) -> bool:
    try:
        await plans.consume(who, "calls", amount, lease=lease)
    except QuotaExceeded:
        return False
    return True


async def until_refused(plans: PlanService, who: Subscriber, lease: int = 64) -> int:
    granted = 0
    while await attempt(plans, who, lease):
        granted += 1
    return granted


async def used(who: Subscriber) -> int:
    rows = await UsageCounter.filter(subject_id=who.id).values_list("used", flat=True)
    return int(sum(rows))  # type: ignore[arg-type]


async def test_concurrent_leased_consumptions_grant_exactly_the_limit(
    instances: Instances,
) -> None:
    """2,000 concurrent consumptions with leases on one instance grant exactly the limit, and
    the counter holds exactly that once its blocks are back."""
    plans = instances()
    who = Subscriber.user(uuid4())
    assert await attempt(plans, who)  # the entitlement cached: no stampede on the pool
    results = await asyncio.gather(*(attempt(plans, who) for _ in range(2 * LIMIT)))
    assert sum(results) == LIMIT - 1
    await plans.return_leases()
    assert await used(who) == LIMIT
    assert await QuotaLease.all().count() == 0


async def test_two_instances_never_overdraw_and_shutdown_returns_the_rest(
    instances: Instances,
) -> None:
    """Concurrent consumptions on two instances never pass the limit; after both shut down the
    counter equals the units served."""
    first, second = instances(), instances()
    who = Subscriber.user(uuid4())
    assert await attempt(first, who) and await attempt(second, who)
    results = await asyncio.gather(
        *(attempt(first if i % 2 else second, who) for i in range(2 * LIMIT))
    )
    assert LIMIT - 2 * (LIMIT // 8) <= sum(results) + 2 <= LIMIT
    await first.return_leases()
    await second.return_leases()
    assert await used(who) == sum(results) + 2
    assert await QuotaLease.all().count() == 0


async def test_blocks_shrink_so_a_second_instance_takes_the_last_units(
    instances: Instances,
) -> None:
    """After one instance served 900 of 1,000 from blocks, another still gets all but at most
    an eighth of the last 100, and the first the rest: 1,000 in all."""
    first, second = instances(), instances()
    who = Subscriber.user(uuid4())
    assert all([await attempt(first, who, lease=200) for _ in range(900)])
    from_second = await until_refused(second, who, lease=200)
    assert 100 - 100 // 8 <= from_second <= 100
    from_first = await until_refused(first, who, lease=200)
    assert 900 + from_first + from_second == LIMIT
    await first.return_leases()
    await second.return_leases()
    assert await used(who) == LIMIT


async def test_a_dead_instances_expired_lease_returns_exactly_units_minus_ceiling(
    instances: Instances,
) -> None:
    """An instance that dies holding a block (40 units, ceiling 10, 5 served) leaves them
    counted until the lease expires; then a sweep returns 40 - 10, once."""
    dead, alive = instances(), instances()
    who = Subscriber.user(uuid4())
    for _ in range(5):
        await dead.consume(who, "calls", 1, lease=40)
    lease = await QuotaLease.get()
    assert (lease.units, lease.ceiling) == (40, 10)
    assert await used(who) == 40
    assert await alive.sweep_expired_leases() == 0
    clock_of(alive).advance(LEASE_SECONDS + 1)
    assert await alive.sweep_expired_leases() == 1
    assert await alive.sweep_expired_leases() == 0
    assert await used(who) == 10
    assert await QuotaLease.all().count() == 0


async def test_a_refused_consumption_sweeps_expired_leases_first(instances: Instances) -> None:
    """With a dead instance's block holding the last units, consumptions are refused until its
    lease expires; then the first one sweeps it and is granted, and only its ceiling stays
    counted."""
    dead, alive = instances(), instances()
    who = Subscriber.user(uuid4())
    await dead.consume(who, "calls", 1, lease=200)
    held = await QuotaLease.get()
    granted = await until_refused(alive, who)
    assert granted == LIMIT - held.units
    clock_of(alive).advance(LEASE_SECONDS + 1)
    granted += await until_refused(alive, who)
    assert granted == LIMIT - held.ceiling
    await alive.return_leases()
    assert await used(who) == LIMIT


async def test_an_instance_taken_for_dead_stops_at_its_ceiling(instances: Instances) -> None:
    """An instance whose lease was swept while it lived serves no unit past its ceiling from
    that block: it claims a new one, and the counter ends equal to what it served."""
    slow, sweeper = instances(), instances()
    who = Subscriber.user(uuid4())
    for _ in range(5):
        await slow.consume(who, "calls", 1, lease=40)
    clock_of(sweeper).advance(LEASE_SECONDS + 1)
    assert await sweeper.sweep_expired_leases() == 1
    for _ in range(20):
        await slow.consume(who, "calls", 1, lease=40)
    await slow.return_leases()
    assert await used(who) == 25


async def test_refunds_go_back_into_the_block_or_the_counter(instances: Instances) -> None:
    """A refund while its block is open goes back into the block; after the block was given
    back, into the counter: both end at 0."""
    plans = instances()
    who = Subscriber.user(uuid4())
    first = await plans.consume(who, "calls", 3, lease=64)
    second = await plans.consume(who, "calls", 2, lease=64)
    await plans.refund(first)
    await plans.return_leases()
    assert await used(who) == 2
    await plans.refund(second)
    assert await used(who) == 0


async def test_keyed_consumptions_with_a_lease_are_charged_exactly_once(
    instances: Instances,
) -> None:
    """A consumption with an idempotency key takes the store path even when a lease is asked
    for: retries replay its outcome and consume nothing, no lease is taken."""
    plans = instances()
    who = Subscriber.user(uuid4())
    outcomes = [
        await plans.consume(who, "calls", 1, idempotency_key="order-7", lease=64) for _ in range(5)
    ]
    assert [outcome.replayed for outcome in outcomes] == [False, True, True, True, True]
    assert await used(who) == 1
    assert await QuotaLease.all().count() == 0
    assert await IdempotencyKey.filter(subject_id=who.id).count() == 1


async def test_a_lowered_limit_closes_the_block(instances: Instances) -> None:
    """A block claimed under a limit is given back when the limit drops: the lower limit is
    then enforced exactly."""
    plans = instances()
    who = Subscriber.user(uuid4())
    for _ in range(10):
        await plans.consume(who, "calls", 1, lease=100)
    await plans.set_limit_override(who, "calls", 20)
    assert await until_refused(plans, who, lease=100) == 10
    await plans.return_leases()
    assert await used(who) == 20


async def test_a_new_period_takes_a_new_lease(instances: Instances) -> None:
    """A month's block stays with its month: after the rollover consumptions count in the new
    month's counter, and each counter ends at what was served in it."""
    plans = instances()
    who = Subscriber.user(uuid4())
    for _ in range(7):
        await plans.consume(who, "calls", 1, lease=64)
    clock_of(plans).set(datetime(2026, 4, 1, 0, 0, 1, tzinfo=UTC))
    for _ in range(3):
        await plans.consume(who, "calls", 1, lease=64)
    await plans.return_leases()
    rows = await UsageCounter.filter(subject_id=who.id).order_by("period_start")
    assert [row.used for row in rows] == [7, 3]


async def test_an_idle_block_is_given_back_before_its_lease_expires(
    instances: Instances,
) -> None:
    """An instance gives back a block not served within half its lease time itself, exactly
    (units less served), so nothing waits for the sweep."""
    plans = instances(lease_seconds=0.001)
    who = Subscriber.user(uuid4())
    for _ in range(4):
        await plans.consume(who, "calls", 1, lease=64)
    await asyncio.sleep(0.01)
    assert await plans.give_back_idle_leases() == 1
    assert await used(who) == 4
    assert await QuotaLease.all().count() == 0


async def test_a_reset_ends_outstanding_leases_keeping_their_ceilings_counted(
    instances: Instances,
) -> None:
    """A usage reset deletes the counter's leases and leaves their ceilings counted (what their
    holders may still serve): the holder then serves nothing past it, and nothing is ever
    served uncounted."""
    plans = instances()
    who = Subscriber.user(uuid4())
    for _ in range(5):
        await plans.consume(who, "calls", 1, lease=40)
    await plans.reset_usage(who, "calls")
    assert await used(who) == 10
    assert await QuotaLease.all().count() == 0
    for _ in range(10):
        await plans.consume(who, "calls", 1, lease=40)
    await plans.return_leases()
    assert await used(who) == 15


async def test_a_deleted_counter_row_is_created_again(instances: Instances) -> None:
    """A counter row deleted behind an instance's back (a reset of the store) is created again
    by the next consumption, which counts in it."""
    plans = instances()
    who = Subscriber.user(uuid4())
    await plans.consume(who, "calls", 1, lease=64)
    await plans.return_leases()
    await UsageCounter.filter(subject_id=who.id).delete()
    for _ in range(3):
        await plans.consume(who, "calls", 1, lease=64)
    await plans.return_leases()
    assert await used(who) == 3


async def test_thresholds_are_announced_when_a_claim_crosses_them(instances: Instances) -> None:
    """With leases, 80 % and 100 % are announced once each, by the block claims that reach
    them: at most a block early."""
    plans = instances()
    who = Subscriber.user(uuid4())
    crossed: list[tuple[int, int]] = []
    for _ in range(LIMIT):
        await plans.consume(who, "calls", 1, lease=200)
        rows = await OutboxEvent.filter(type="quota.threshold_crossed").order_by("seq")
        crossed = [
            (event.data.percent, event.data.used)
            for event in (parse_event(str(row.payload)) for row in rows)
            if isinstance(event.data, QuotaThresholdCrossed)
        ]
        if len(crossed) == 2:
            break
    [(eighty, used_at_80), (hundred, used_at_100)] = crossed
    assert (eighty, hundred) == (80, 100)
    assert 800 <= used_at_80 <= 800 + LIMIT // 8
    assert used_at_100 == LIMIT
