"""Webhooks: signed, retried with backoff until the window ends, replayable, in order per
endpoint, and never sent to an address the server must not reach."""

from __future__ import annotations

import json
import socket
import uuid

import httpx
import pytest

from fabric_auth.events.catalogue import SessionRevoked, UserUpdated
from fabric_auth.events.webhooks import WebhookVerifier
from fabric_auth.exceptions import Conflict
from fabric_auth.principal import SubjectRef
from fabric_auth.services.events.delivery import webhook_client
from fabric_auth.services.events.relay import matches
from fabric_auth.store.models import OutboxEvent, WebhookDelivery
from tests.conftest import AppFactory, RunningApp, seconds_until
from tests.events.relaying import Receiver, add_endpoint, relaying_app


async def publish_one(app: RunningApp, subject: uuid.UUID | None = None) -> uuid.UUID:
    data = SessionRevoked(
        session_id=uuid.uuid4(), reason="test", tokens_valid_until=app.clock.now()
    )
    event_id = await app.auth.services.events.publish(
        data, subject=SubjectRef.user(subject or uuid.uuid4())
    )
    assert event_id is not None
    return event_id


async def finished(count: int = 1) -> bool:
    return await WebhookDelivery.exclude(status="pending").count() == count


async def test_a_receiver_failing_twice_gets_the_event_on_the_third_attempt(
    make_app: AppFactory, receiver: Receiver, redis_url: str | None
) -> None:
    """Two 503s, then 200: three attempts of the same signed body, the delivery succeeded."""
    app = await relaying_app(make_app, redis_url=redis_url)
    _, secret = await add_endpoint(app.auth.services, receiver.url)
    receiver.answers = [503, 503]
    event_id = await publish_one(app)
    await seconds_until(finished, within=10)

    delivery = await WebhookDelivery.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("succeeded", 3, 200)
    assert delivery.last_error == ""
    assert delivery.completed_at is not None
    stored = await OutboxEvent.get(id=event_id)
    assert [request.body for request in receiver.requests] == [stored.payload.encode()] * 3
    for request in receiver.requests:
        assert request.path == "/hooks"
        assert request.headers["content-type"] == "application/json"
        assert request.headers["webhook-id"] == str(event_id)
        event = WebhookVerifier(secret).verify(request.body, request.headers)
        assert event.id == event_id
        assert event.type == "session.revoked"
    counters = app.auth.services.relay.counters
    assert (counters.deliveries_retried, counters.deliveries_succeeded) == (2, 1)


async def test_a_receiver_down_past_the_window_fails_and_can_be_replayed(
    make_app: AppFactory, receiver: Receiver
) -> None:
    """Failing for the whole retry window ends `failed` with the last answer recorded; a
    replay delivers it once the receiver is back."""
    app = await relaying_app(make_app, webhook_retry_window=1)
    await add_endpoint(app.auth.services, receiver.url)
    receiver.answers = [500] * 10_000
    await publish_one(app)
    await seconds_until(finished, within=10)

    delivery = await WebhookDelivery.get()
    assert delivery.status == "failed"
    assert delivery.attempts == len(receiver.requests) >= 2
    assert (delivery.response_status, delivery.last_error) == (500, "HTTP 500 X")
    assert delivery.completed_at is not None
    assert delivery.completed_at >= delivery.created_at
    assert app.auth.services.relay.counters.deliveries_failed == 1

    receiver.answers = []
    sent_before = len(receiver.requests)
    webhooks = app.auth.services.webhooks
    replayed = await webhooks.replay_delivery(None, delivery.id)
    assert (replayed.status, replayed.attempts) == ("pending", 0)
    assert replayed.created_at > delivery.created_at  # a retry window of its own
    with pytest.raises(Conflict):  # pending already
        await webhooks.replay_delivery(None, delivery.id)
    await seconds_until(finished, within=10)
    await delivery.refresh_from_db()
    assert (delivery.status, delivery.response_status) == ("succeeded", 200)
    assert delivery.attempts == 1 == len(receiver.requests) - sent_before


async def test_a_failing_delivery_holds_back_the_endpoints_later_events(
    make_app: AppFactory, receiver: Receiver
) -> None:
    """While an endpoint's first event waits for a retry, its later events wait too: the
    receiver gets them in order."""
    app = await relaying_app(make_app)
    await add_endpoint(app.auth.services, receiver.url)
    receiver.answers = [503, 503, 503]
    subject = uuid.uuid4()
    first = await publish_one(app, subject)
    second = await publish_one(app, subject)
    await seconds_until(lambda: finished(2), within=10)
    ids = [json.loads(request.body)["id"] for request in receiver.requests]
    assert ids == [str(first)] * 4 + [str(second)]


async def test_endpoints_get_the_event_types_they_asked_for(
    make_app: AppFactory, receiver: Receiver
) -> None:
    """`user.*` gets user events only, an exact type that type only, no types every type."""
    app = await relaying_app(make_app)
    users, _ = await add_endpoint(app.auth.services, receiver.url, ["user.*"])
    sessions, _ = await add_endpoint(app.auth.services, receiver.url, ["session.revoked"])
    everything, _ = await add_endpoint(app.auth.services, receiver.url)
    await publish_one(app)
    await app.auth.services.events.publish(
        UserUpdated(changed=["email"]), subject=SubjectRef.user(uuid.uuid4())
    )
    await seconds_until(lambda: finished(4), within=10)
    rows = await WebhookDelivery.all().values_list("endpoint_id", "event__type")
    assert sorted((str(endpoint), kind) for endpoint, kind in rows) == sorted(
        [
            (str(users.id), "user.updated"),
            (str(sessions.id), "session.revoked"),
            (str(everything.id), "user.updated"),
            (str(everything.id), "session.revoked"),
        ]
    )
    assert matches(["user.*"], "user.deleted")
    assert not matches(["user.*"], "users.deleted")
    assert not matches(["user.deleted"], "user.deleted_later")


async def test_a_redirect_is_a_failed_attempt(make_app: AppFactory, receiver: Receiver) -> None:
    """A 3xx is not followed: the attempt fails with the status recorded."""
    app = await relaying_app(make_app, webhook_retry_window=1)
    await add_endpoint(app.auth.services, receiver.url)
    receiver.answers = [307] * 10_000
    await publish_one(app)
    await seconds_until(finished, within=10)
    delivery = await WebhookDelivery.get()
    assert (delivery.status, delivery.response_status) == ("failed", 307)
    assert "redirects are not followed" in delivery.last_error
    assert {request.path for request in receiver.requests} == {"/hooks"}


async def test_a_private_address_is_refused_when_connecting(
    make_app: AppFactory, receiver: Receiver
) -> None:
    """With private targets off, a host name that resolves to a private or loopback address
    is refused when the relay connects: no request reaches the receiver."""
    app = await relaying_app(make_app, webhook_allow_private_targets=False, webhook_retry_window=1)
    port = receiver.url.split(":")[2].split("/")[0]
    # A name (so the URL passes the registration check) that resolves to this machine.
    host = socket.gethostname()
    await add_endpoint(app.auth.services, f"https://{host}:{port}/hooks")
    await publish_one(app)
    await seconds_until(finished, within=10)
    delivery = await WebhookDelivery.get()
    assert (delivery.status, delivery.response_status) == ("failed", None)
    assert delivery.last_error.startswith("ConnectError: refused: ")
    assert "non-public address" in delivery.last_error
    assert receiver.connections == 0
    assert receiver.requests == []


async def test_the_guard_refuses_what_resolves_to_loopback(receiver: Receiver) -> None:
    """The webhook client itself refuses `localhost` and loopback literals at connection time
    (nothing connects), and reaches them when private targets are allowed."""
    port = receiver.url.split(":")[2].split("/")[0]
    async with webhook_client(allow_private=False, timeout=2) as client:
        for host in ("localhost", "127.0.0.1", "[::ffff:127.0.0.1]"):
            with pytest.raises(httpx.ConnectError, match="non-public address"):
                await client.post(f"http://{host}:{port}/hooks", content=b"{}")
    assert receiver.connections == 0
    async with webhook_client(allow_private=True, timeout=2) as client:
        answer = await client.post(f"http://localhost:{port}/hooks", content=b"{}")
    assert answer.status_code == 200
    assert [request.body for request in receiver.requests] == [b"{}"]
