"""One relay at a time: the store lease is held by one holder, renewed by it, taken over
once it expires, and handed over at once on a clean stop."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from fabric_auth.clock import FrozenClock
from fabric_auth.events.catalogue import UserUpdated
from fabric_auth.principal import SubjectRef
from fabric_auth.services.events.leases import StoreLease
from fabric_auth.services.events.relay import LEASE_NAME, outbox_status
from fabric_auth.store.models import Lease, OutboxEvent
from tests.conftest import AppFactory, seconds_until
from tests.events.relaying import relaying_app


async def test_one_holder_at_a_time_until_the_lease_expires(store: str) -> None:
    """Of two holders the first wins; the second takes over only once the lease expired, and
    the first then cannot renew it."""
    clock = FrozenClock()
    first = StoreLease("job", ttl=10, clock=clock)
    second = StoreLease("job", ttl=10, clock=clock)
    assert await first.acquire()
    assert not await second.acquire()
    clock.advance(9)
    assert await first.acquire()  # renewed: ten more seconds
    clock.advance(9)
    assert not await second.acquire()
    row = await Lease.get(name="job")
    assert (row.holder, row.expires_at) == (first.holder, clock.now() + timedelta(seconds=1))
    clock.advance(2)
    assert await second.acquire()
    assert not await first.acquire()
    assert second.held and not first.held
    row = await Lease.get(name="job")
    assert (row.holder, row.acquired_at) == (second.holder, clock.now())


async def test_concurrent_first_acquisitions_elect_one(store: str) -> None:
    """Ten holders asking at once for a lease nobody had: exactly one gets it."""
    clock = FrozenClock()
    holders = [StoreLease("job", ttl=10, clock=clock) for _ in range(10)]
    won = await asyncio.gather(*(holder.acquire() for holder in holders))
    assert sum(won) == 1
    assert (await Lease.get(name="job")).holder == holders[won.index(True)].holder


async def test_release_lets_another_take_it_at_once(store: str) -> None:
    """A released lease is free before its expiry."""
    clock = FrozenClock()
    first = StoreLease("job", ttl=10, clock=clock)
    second = StoreLease("job", ttl=10, clock=clock)
    assert await first.acquire()
    await first.release()
    assert not first.held
    assert await second.acquire()


async def test_two_runtimes_relay_one_at_a_time(make_app: AppFactory) -> None:
    """Of two runtimes on one store only one relays; when it stops, the other takes over and
    relays what is published next."""
    a = await relaying_app(make_app)
    b = await relaying_app(make_app)
    relays = [a.auth.services.relay, b.auth.services.relay]
    assert [relay.relaying for relay in relays].count(True) == 1
    holder, other = relays if relays[0].relaying else relays[::-1]
    status = await outbox_status(a.auth.services.clock)
    assert status.relay_holder == holder.lease.holder
    assert (await Lease.get(name=LEASE_NAME)).holder == holder.lease.holder

    await holder.stop()

    async def taken_over() -> bool:
        return other.relaying

    await seconds_until(taken_over, within=5)
    await b.auth.services.events.publish(
        UserUpdated(changed=["email"]), subject=SubjectRef.user(uuid.uuid4())
    )

    async def dispatched() -> bool:
        return not await OutboxEvent.filter(dispatched_at__isnull=True).exists()

    await seconds_until(dispatched, within=5)
    assert other.counters.events_dispatched == 1
    assert holder.counters.lease_acquisitions == other.counters.lease_acquisitions == 1
