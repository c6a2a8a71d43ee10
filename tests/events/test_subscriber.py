"""EventSubscriber against a real Redis: restarts, groups, retries, the dead letter, takeover."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from redis.asyncio import Redis

from fabric_auth.events import (
    Event,
    EventSubject,
    EventSubscriber,
    UserDeleted,
    UserUpdated,
    dead_letter_stream,
)
from tests.events.conftest import STREAM, event, eventually, xadd
from tests.scaleout.harness import RedisServer

GROUP = "billing"
DEAD = dead_letter_stream(STREAM, GROUP)
OWN_REDIS_PORT = 18897


def update(number: int, subject: str) -> Event[Any]:
    """A `user.updated` carrying its position among its subject's events."""
    return event(UserUpdated(changed=[str(number)]), subject)


def subscriber(redis_url: str, consumer: str = "c1", **options: Any) -> EventSubscriber:
    return EventSubscriber(redis_url, GROUP, consumer, stream=STREAM, **options)


async def pending(redis: Redis) -> int:
    summary = await redis.xpending(STREAM, GROUP)
    return int(summary["pending"])


async def dead_letters(redis: Redis) -> list[dict[str, str]]:
    entries = await redis.xrange(DEAD)
    return [{k.decode(): v.decode() for k, v in fields.items()} for _, fields in entries]


async def test_a_consumer_stopped_mid_batch_gets_every_event_once_in_order_after_restart(
    redis_url: str, redis: Redis
) -> None:
    """1,000 events over 10 subjects; the consumer stops mid-batch after 350 and restarts:
    every event is handled once, each subject's in order, the read-but-unhandled ones too."""
    published = [update(n, f"u{n % 10}") for n in range(1000)]
    for item in published[:500]:
        await xadd(redis, item)
    seen: list[Event[UserUpdated]] = []
    first = subscriber(redis_url, batch_size=100)
    stopping: list[asyncio.Future[None]] = []

    async def record(received: Event[UserUpdated]) -> None:
        seen.append(received)
        if len(seen) == 350:
            stopping.append(asyncio.ensure_future(first.stop()))

    first.on(UserUpdated, record)
    async with first:
        await eventually(lambda: len(seen) >= 350)
        await first.stop()
        unhandled_but_read = await pending(redis)
        for item in published[500:]:
            await xadd(redis, item)  # while the consumer is down
    assert len(seen) == 350
    assert unhandled_but_read == 50  # the rest of the batch it was handling

    second = subscriber(redis_url, batch_size=100)
    second.on(UserUpdated, record)
    async with second:
        await eventually(lambda: len(seen) == 1000)
        assert await pending(redis) == 0
    assert Counter(item.id for item in seen) == Counter(item.id for item in published)
    per_subject: dict[str, list[int]] = defaultdict(list)
    for item in seen:
        per_subject[item.subject.id].append(int(item.data.changed[0]))
    assert per_subject == {f"u{s}": [n for n in range(1000) if n % 10 == s] for s in range(10)}


async def test_two_consumers_of_a_group_split_the_work(redis_url: str, redis: Redis) -> None:
    """Both consumers get some events, together all of them, none twice."""
    seen: dict[str, list[Event[UserUpdated]]] = {"a": [], "b": []}

    def recorder(name: str) -> Callable[[Event[UserUpdated]], Any]:
        async def record(received: Event[UserUpdated]) -> None:
            seen[name].append(received)
            await asyncio.sleep(0.001)

        return record

    a, b = subscriber(redis_url, "a", batch_size=5), subscriber(redis_url, "b", batch_size=5)
    a.on(UserUpdated, recorder("a"))
    b.on(UserUpdated, recorder("b"))
    published = [update(n, f"u{n}") for n in range(200)]
    async with a, b:
        for item in published:
            await xadd(redis, item)
        await eventually(lambda: len(seen["a"]) + len(seen["b"]) >= 200)
    assert seen["a"] and seen["b"]
    ids = [item.id for item in seen["a"] + seen["b"]]
    assert sorted(ids) == sorted(item.id for item in published)
    assert await pending(redis) == 0


async def test_an_always_failing_handler_sends_the_entry_to_the_dead_letter_stream(
    redis_url: str, redis: Redis
) -> None:
    """After max_attempts deliveries the entry is dead-lettered with its fields and acked; the
    subject's next event waits for it, other subjects do not."""
    calls: list[str] = []
    failing = event(UserDeleted(erase_after=datetime.now(UTC), requested_by_user=True), "u1")

    async def delete(received: Event[UserDeleted]) -> None:
        calls.append(f"delete {received.subject.id}")
        raise RuntimeError("the billing store is down")

    async def updated(received: Event[UserUpdated]) -> None:
        calls.append(f"update {received.subject.id}")

    consumer = subscriber(redis_url, max_attempts=3, retry_delay=0.01)
    consumer.on(UserDeleted, delete)
    consumer.on(UserUpdated, updated)
    original_id = await xadd(redis, failing)
    await xadd(redis, update(1, "u1"))
    await xadd(redis, update(2, "u2"))
    async with consumer:
        await eventually(lambda: "update u1" in calls)
    assert calls == ["delete u1", "update u2", "delete u1", "delete u1", "update u1"]
    [dead] = await dead_letters(redis)
    assert dead == {
        "type": "user.deleted",
        "subject": "user:u1",
        "event": failing.model_dump_json(),
        "error": "RuntimeError: the billing store is down",
        "group": GROUP,
        "consumer": "c1",
        "attempts": "3",
        "original_id": original_id,
    }
    assert (consumer.failures, consumer.dead_lettered, consumer.handled) == (3, 1, 2)
    assert await pending(redis) == 0


async def test_an_entry_that_is_not_an_event_is_dead_lettered_at_once(
    redis_url: str, redis: Redis
) -> None:
    """Poison (not JSON; no `event` field): dead-lettered on first sight, the stream goes on."""
    handled: list[Event[UserUpdated]] = []

    async def record(received: Event[UserUpdated]) -> None:
        handled.append(received)

    consumer = subscriber(redis_url, max_attempts=5)
    consumer.on(UserUpdated, record)
    poison = await redis.xadd(STREAM, {"type": "user.updated", "event": "{not json"})
    headless = await redis.xadd(STREAM, {"type": "user.updated"})
    after = update(1, "u1")
    await xadd(redis, after)
    async with consumer:
        await eventually(lambda: len(handled) == 1)
    assert handled[0].id == after.id
    dead = await dead_letters(redis)
    assert [(d["original_id"], d["attempts"]) for d in dead] == [
        (poison.decode(), "1"),
        (headless.decode(), "1"),
    ]
    assert all(d["error"].startswith("UnreadableEvent: ") for d in dead)
    assert dead[0]["event"] == "{not json"
    assert consumer.failures == 0
    assert await pending(redis) == 0


async def test_a_handler_failing_once_is_retried_and_the_entry_acked(
    redis_url: str, redis: Redis
) -> None:
    """The second delivery succeeds: handled once successfully, acked, nothing dead-lettered."""
    calls: list[int] = []

    async def flaky(received: Event[UserUpdated]) -> None:
        calls.append(len(calls))
        if len(calls) == 1:
            raise ConnectionError("for a moment")

    consumer = subscriber(redis_url, retry_delay=0.01)
    consumer.on(UserUpdated, flaky)
    await xadd(redis, update(1, "u1"))
    async with consumer:
        await eventually(lambda: consumer.handled == 1)
    assert calls == [0, 1]
    assert (consumer.failures, consumer.dead_lettered) == (1, 0)
    assert await dead_letters(redis) == []
    assert await pending(redis) == 0


async def test_entries_pending_on_a_dead_consumer_are_taken_over(
    redis_url: str, redis: Redis
) -> None:
    """Entries read by a consumer that died are claimed (XAUTOCLAIM) by a live one once idle
    for claim_idle, and not before."""
    await redis.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
    published = [update(n, f"u{n}") for n in range(5)]
    for item in published:
        await xadd(redis, item)
    await redis.xreadgroup(GROUP, "dead", {STREAM: ">"}, count=10)
    handled: list[Event[UserUpdated]] = []

    async def record(received: Event[UserUpdated]) -> None:
        handled.append(received)

    patient = subscriber(redis_url, "patient", claim_idle=3600)
    patient.on(UserUpdated, record)
    async with patient:
        await asyncio.sleep(0.3)
    assert handled == []
    assert (await redis.xpending(STREAM, GROUP))["consumers"] == [{"name": b"dead", "pending": 5}]

    live = subscriber(redis_url, "live", claim_idle=0.2, claim_interval=0.05)
    live.on(UserUpdated, record)
    async with live:
        await eventually(lambda: len(handled) == 5)
    assert [item.id for item in handled] == [item.id for item in published]
    assert await pending(redis) == 0


async def test_events_without_a_handler_are_acked_or_go_to_the_catch_all(
    redis_url: str, redis: Redis
) -> None:
    """A known type without a handler and an unknown type are skipped and acked; with
    `on_other`, both reach it (the unknown one's data as a dict)."""
    unknown = Event[dict[str, Any]](
        id=uuid.uuid4(),
        type="nobody.registers_this",
        version=1,
        occurred_at=datetime.now(UTC),
        subject=EventSubject(kind="invoice", id="i1"),
        data={"amount_cents": 5},
    )
    await xadd(redis, update(1, "u1"))
    await xadd(redis, unknown)
    skipping = subscriber(redis_url, "skipping")
    async with skipping:
        await eventually(lambda: skipping.skipped == 2)
    assert await pending(redis) == 0

    others: list[Event[Any]] = []

    async def other(received: Event[Any]) -> None:
        others.append(received)

    catching = EventSubscriber(redis_url, "audit", "a1", stream=STREAM)
    catching.on_other(other)
    async with catching:
        await eventually(lambda: len(others) == 2)
    assert [(item.type, item.data) for item in others] == [
        ("user.updated", UserUpdated(changed=["1"])),
        ("nobody.registers_this", {"amount_cents": 5}),
    ]


async def test_unreachable_redis_is_logged_once_and_never_stops_the_consumer(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Against a closed port: one WARNING, retries at DEBUG, `stop()` still ends it."""
    caplog.set_level(logging.DEBUG, logger="fabric_auth.events")
    consumer = EventSubscriber("redis://127.0.0.1:18899/0", GROUP, "c1", stream=STREAM)
    async with consumer:
        await eventually(lambda: any("still unavailable" in r.getMessage() for r in caplog.records))
    warnings = [
        r.getMessage()
        for r in caplog.records
        if r.name == "fabric_auth.events" and r.levelno == logging.WARNING
    ]
    assert len(warnings) == 1
    assert warnings[0].startswith("Redis (events consumer billing/c1) unavailable: ConnectionError")


async def test_idle_reads_outlasting_the_socket_timeout_are_not_an_outage(
    redis_url: str, redis: Redis, caplog: pytest.LogCaptureFixture
) -> None:
    """With a client whose socket timeout is shorter than `block`, an idle stream logs
    nothing (each read blocks for at most half the timeout) and events still arrive."""
    caplog.set_level(logging.DEBUG, logger="fabric_auth.events")
    handled: list[Event[UserUpdated]] = []

    async def record(received: Event[UserUpdated]) -> None:
        handled.append(received)

    impatient = Redis.from_url(redis_url, socket_timeout=0.3)
    consumer = EventSubscriber(impatient, GROUP, "c1", stream=STREAM, block=5.0)
    consumer.on(UserUpdated, record)
    async with consumer:
        await asyncio.sleep(1.0)  # idle: several reads end empty meanwhile
        await xadd(redis, update(1, "u1"))
        await eventually(lambda: len(handled) == 1)
    await impatient.aclose()
    assert consumer.block == 0.15
    assert [r.getMessage() for r in caplog.records if r.name == "fabric_auth.events"] == []


async def test_a_consumer_carries_on_after_redis_restarts(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Its own redis-server stops and starts again (empty: no persistence): one WARNING, one
    INFO, the group is created again and new events are handled."""
    caplog.set_level(logging.INFO, logger="fabric_auth.events")
    server = RedisServer()
    server.port, server.url = OWN_REDIS_PORT, f"redis://127.0.0.1:{OWN_REDIS_PORT}/0"
    handled: list[Event[UserUpdated]] = []

    async def record(received: Event[UserUpdated]) -> None:
        handled.append(received)

    async def publish(published: Event[Any]) -> None:
        writer = Redis.from_url(server.url)  # a new connection: the server may have restarted
        await xadd(writer, published)
        await writer.aclose()

    def logged(level: int) -> bool:
        return any(record.levelno == level for record in caplog.records)

    await server.start()
    consumer = EventSubscriber(server.url, GROUP, "c1", stream=STREAM, block=0.1)
    consumer.on(UserUpdated, record)
    try:
        async with consumer:
            await publish(update(1, "u1"))
            await eventually(lambda: len(handled) == 1)
            await server.stop()
            await eventually(lambda: logged(logging.WARNING))
            await server.start()
            await eventually(lambda: logged(logging.INFO), within=40)
            await publish(update(2, "u1"))
            await eventually(lambda: len(handled) == 2)
    finally:
        await server.stop()
    assert [item.data.changed for item in handled] == [["1"], ["2"]]
    assert [(r.levelname, r.getMessage().split(":")[0]) for r in caplog.records] == [
        ("WARNING", "Redis (events consumer billing/c1) unavailable"),
        ("INFO", "Redis (events consumer billing/c1) available again"),
    ]


@pytest.mark.parametrize(
    "options", [{"decode_responses": True}, {"protocol": 3}], ids=["decoding", "resp3"]
)
async def test_a_client_of_other_options_works_the_same(
    redis_url: str, redis: Redis, options: dict[str, Any]
) -> None:
    """An existing client answering str instead of bytes, or speaking RESP3: events are
    handled, retried and dead-lettered alike, and the client is left open."""
    calls: list[str] = []

    async def fail_once_per_subject(received: Event[UserUpdated]) -> None:
        calls.append(received.subject.id)
        if received.subject.id == "u2" or calls.count(received.subject.id) == 1:
            raise RuntimeError("no")

    decoding = Redis.from_url(redis_url, **options)
    consumer = EventSubscriber(
        decoding, GROUP, "c1", stream=STREAM, max_attempts=2, retry_delay=0.01
    )
    consumer.on(UserUpdated, fail_once_per_subject)
    await xadd(redis, update(1, "u1"))
    failing_id = await xadd(redis, update(1, "u2"))
    async with consumer:
        await eventually(lambda: consumer.handled + consumer.dead_lettered == 2)
    assert await decoding.ping()
    await decoding.aclose()
    assert (consumer.handled, consumer.dead_lettered) == (1, 1)
    [dead] = await dead_letters(redis)
    assert (dead["original_id"], dead["attempts"], dead["error"]) == (
        failing_id,
        "2",
        "RuntimeError: no",
    )
