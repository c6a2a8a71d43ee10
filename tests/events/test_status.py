"""What any instance reads about the outbox (lag, deliveries by status), and the cleanup of
what was relayed long ago."""

from __future__ import annotations

import uuid
from datetime import timedelta

from fabric_auth.events.catalogue import UserUpdated
from fabric_auth.principal import SubjectRef
from fabric_auth.services.events.relay import OutboxStatus, outbox_status
from fabric_auth.store.models import OutboxEvent, WebhookDelivery
from tests.conftest import AppFactory, RunningApp
from tests.events.relaying import add_endpoint

RETENTION = 3600.0


async def publish(app: RunningApp) -> OutboxEvent:
    event_id = await app.auth.services.events.publish(
        UserUpdated(changed=["email"]), subject=SubjectRef.user(uuid.uuid4())
    )
    return await OutboxEvent.get(id=event_id)


async def deliver(app: RunningApp, event: OutboxEvent, status: str) -> WebhookDelivery:
    endpoint, _ = await add_endpoint(app.auth.services, "https://hooks.example.com/")
    now = app.clock.now()
    return await WebhookDelivery.create(
        endpoint=endpoint,
        event=event,
        status=status,
        next_attempt_at=now,
        created_at=now,
        completed_at=None if status == "pending" else now,
    )


async def test_status_shows_the_lag_and_the_deliveries(make_app: AppFactory) -> None:
    """Undispatched events with the age of the oldest, deliveries counted by status."""
    app = await make_app(events_relay=False)
    assert await outbox_status(app.clock) == OutboxStatus(0, None, 0, 0, 0, None)
    first = await publish(app)
    app.clock.advance(30)
    await publish(app)
    for status in ("pending", "failed", "failed", "succeeded"):
        await deliver(app, first, status)
    assert await outbox_status(app.clock) == OutboxStatus(
        pending_events=2,
        oldest_pending_seconds=30.0,
        deliveries_pending=1,
        deliveries_succeeded=1,
        deliveries_failed=2,
        relay_holder=None,
    )


async def test_cleanup_keeps_what_may_still_be_delivered_or_replayed(
    make_app: AppFactory,
) -> None:
    """After the retention period, finished deliveries go, then the relayed events nothing
    refers to; undispatched events, pending deliveries and their events stay."""
    app = await make_app(events_relay=False, events_retention=RETENTION)
    await publish(app)  # relayed long ago, no deliveries: goes
    old_pending = await publish(app)
    old_finished = await publish(app)
    old_undispatched = await publish(app)
    await OutboxEvent.exclude(seq=old_undispatched.seq).update(dispatched_at=app.clock.now())
    pending = await deliver(app, old_pending, "pending")
    await deliver(app, old_finished, "succeeded")
    app.clock.advance(timedelta(seconds=RETENTION + 1))
    recent = await publish(app)
    await OutboxEvent.filter(seq=recent.seq).update(dispatched_at=app.clock.now())
    await deliver(app, recent, "failed")

    removed = await app.auth.services.cleanup.run_once()

    assert removed["events"] == 3  # one delivery, two events
    assert sorted(await OutboxEvent.all().values_list("seq", flat=True)) == sorted(
        [old_pending.seq, old_undispatched.seq, recent.seq]
    )
    assert sorted(await WebhookDelivery.all().values_list("status", flat=True)) == [
        "failed",
        "pending",
    ]
    assert await WebhookDelivery.exists(id=pending.id)
