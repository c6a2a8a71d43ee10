"""The relay hands every event to the Redis stream, in order per subject; a consumer group
that read nothing meanwhile finds them all."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections import defaultdict
from typing import TYPE_CHECKING

from fabric_auth.events.catalogue import SessionRevoked
from fabric_auth.principal import SubjectRef
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import OutboxEvent, WebhookDelivery
from tests.conftest import REDIS_URL, AppFactory, RunningApp, seconds_until
from tests.events.relaying import Receiver, add_endpoint, relaying_app

if TYPE_CHECKING:
    from redis.asyncio import Redis

SUBJECTS = 10
PER_SUBJECT = 100


async def publish_per_subject(
    app: RunningApp, subjects: list[uuid.UUID], count: int
) -> dict[str, list[str]]:
    """`count` events about each subject, one transaction each, the subjects concurrently;
    the ids of each subject's events in the order they committed."""
    events = app.auth.services.events
    published: dict[str, list[str]] = defaultdict(list)

    async def about(subject: uuid.UUID) -> None:
        for _ in range(count):
            data = SessionRevoked(
                session_id=uuid.uuid4(), reason="test", tokens_valid_until=app.clock.now()
            )
            async with transaction():
                event_id = await events.publish(data, subject=SubjectRef.user(subject))
            published[str(subject)].append(str(event_id))

    await asyncio.gather(*(about(subject) for subject in subjects))
    return published


async def all_dispatched() -> bool:
    return not await OutboxEvent.filter(dispatched_at__isnull=True).exists()


async def test_a_thousand_events_reach_the_stream_in_order_per_subject(
    make_app: AppFactory, redis: Redis
) -> None:
    """1,000 events about 10 subjects, written concurrently, are all in the stream, each
    subject's in commit order, for a consumer group created before and read after."""
    app = await relaying_app(make_app, redis_url=REDIS_URL)
    stream = app.auth.services.relay.stream
    await redis.xgroup_create(stream, "billing", id="$", mkstream=True)
    subjects = [uuid.uuid4() for _ in range(SUBJECTS)]
    published = await publish_per_subject(app, subjects, PER_SUBJECT)
    await seconds_until(all_dispatched, within=30)

    entries = await redis.xreadgroup("billing", "c1", {stream: ">"}, count=5000)
    [(_, read)] = entries
    received: dict[str, list[str]] = defaultdict(list)
    payloads = dict(await OutboxEvent.all().values_list("id", "payload"))
    for _, fields in read:
        event = json.loads(fields[b"event"])
        kind, _, subject = fields[b"subject"].decode().partition(":")
        assert (kind, fields[b"type"]) == ("user", b"session.revoked")
        assert event["subject"] == {"kind": "user", "id": subject}
        assert fields[b"event"].decode() == payloads[uuid.UUID(event["id"])]  # as stored
        received[subject].append(event["id"])
    assert received == published
    assert len(read) == SUBJECTS * PER_SUBJECT
    counters = app.auth.services.relay.counters
    assert counters.events_dispatched == counters.stream_adds == SUBJECTS * PER_SUBJECT


async def test_without_redis_events_are_dispatched_to_webhooks_only(
    make_app: AppFactory, receiver: Receiver
) -> None:
    """Without Redis there is no stream, and webhooks still get every event."""
    app = await relaying_app(make_app)
    assert app.auth.services.redis is None
    await add_endpoint(app.auth.services, receiver.url)
    published = await publish_per_subject(app, [uuid.uuid4()], 5)
    await seconds_until(all_dispatched, within=10)

    async def delivered() -> bool:
        return await WebhookDelivery.filter(status="succeeded").count() == 5

    await seconds_until(delivered, within=10)
    [ids] = published.values()
    assert [json.loads(request.body)["id"] for request in receiver.requests] == ids
    assert app.auth.services.relay.counters.stream_adds == 0
