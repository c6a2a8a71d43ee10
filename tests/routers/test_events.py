"""`/events`: event types, the outbox, webhook endpoints and deliveries, their permissions."""

from __future__ import annotations

import asyncio
import json
from typing import Any
from uuid import UUID, uuid4

import pytest

from fabric_auth.events import UserUpdated, WebhookVerifier
from fabric_auth.events.webhooks import signed_headers
from fabric_auth.metrics import CachedReading
from fabric_auth.principal import SubjectRef
from fabric_auth.store.models import (
    AuditEvent,
    OutboxEvent,
    Role,
    User,
    UserRole,
    WebhookDelivery,
    WebhookEndpoint,
)
from tests.conftest import AppFactory, RunningApp

Headers = dict[str, str]
HOOK = "https://hooks.example.com/fabric"


def bearer(token: str) -> Headers:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def operator(make_app: AppFactory) -> tuple[RunningApp, Headers]:
    """An app and the headers of a user holding events:read and webhooks:manage."""
    app = await make_app()
    await app.create_user()
    role = await Role.create(name="operator", permissions=["events:read", "webhooks:manage"])
    await UserRole.create(user=await User.get(email_normalized="ada@example.com"), role=role)
    return app, bearer((await app.tokens())["access_token"])


async def published(app: RunningApp, *, dispatched: bool = True, subject: str = "") -> OutboxEvent:
    """One `user.updated` event in the outbox, handed on by the relay when `dispatched`."""
    event_id = await app.auth.services.events.publish(
        UserUpdated(changed=["display_name"]), subject=SubjectRef.user(subject or str(uuid4()))
    )
    event = await OutboxEvent.get(id=event_id)
    if dispatched:
        event.dispatched_at = app.clock.now()
        await event.save()
    return event


async def delivery(
    app: RunningApp, endpoint_id: UUID | str, event: OutboxEvent, status: str = "failed"
) -> WebhookDelivery:
    """A delivery row as the relay leaves it: finished (`failed`: 7 attempts, a 503)."""
    now = app.clock.now()
    finished = status != "pending"
    return await WebhookDelivery.create(
        endpoint_id=endpoint_id,
        event_id=event.seq,
        status=status,
        attempts=7 if finished else 1,
        next_attempt_at=now,
        last_attempt_at=now,
        response_status=503,
        last_error="HTTP 503",
        created_at=now,
        completed_at=now if finished else None,
    )


async def new_endpoint(app: RunningApp, headers: Headers, **body: Any) -> Any:
    response = await app.client.post(
        "/events/webhooks", json={"url": HOOK, **body}, headers=headers
    )
    return response


async def test_an_endpoint_is_created_with_its_secret_shown_once_and_stored_sealed(
    operator: tuple[RunningApp, Headers],
) -> None:
    """POST /events/webhooks answers 201 with a whsec_ secret that no later read shows; the row
    holds it sealed (not in clear) and the service unseals it to what was shown, which signs
    deliveries a verifier accepts; the creation is audited."""
    app, headers = operator
    created = await new_endpoint(
        app, headers, description="billing", event_types=["user.deleted", "session.*"]
    )
    assert created.status_code == 201, created.text
    body = created.json()
    secret = body.pop("secret")
    assert secret.startswith("whsec_")
    assert body["url"] == HOOK and body["description"] == "billing"
    assert body["event_types"] == ["user.deleted", "session.*"] and body["is_active"] is True
    row = await WebhookEndpoint.get(id=body["id"])
    assert secret not in row.secret_sealed
    assert secret.removeprefix("whsec_") not in row.secret_sealed
    assert app.auth.services.webhooks.secret_of(row) == secret
    read = await app.client.get(f"/events/webhooks/{body['id']}", headers=headers)
    assert read.json() == body
    listed = await app.client.get("/events/webhooks", headers=headers)
    assert listed.json() == {"items": [body], "next_cursor": None}
    event = await published(app)
    now = app.clock.timestamp()
    signed = signed_headers(secret, str(event.id), event.payload.encode(), now=now)
    verified = WebhookVerifier(secret).verify(event.payload.encode(), signed, now=now)
    assert verified.id == event.id
    audit = await AuditEvent.get(action="webhook.created")
    assert (audit.target_type, audit.target_id) == ("webhook", body["id"])
    assert audit.details == {"url": HOOK, "event_types": ["user.deleted", "session.*"]}


async def test_update_rotate_and_delete(operator: tuple[RunningApp, Headers]) -> None:
    """PATCH changes only what is given; rotate-secret answers a new secret that replaces the
    stored one; DELETE removes the endpoint with its deliveries (404 after); each is audited."""
    app, headers = operator
    created = (await new_endpoint(app, headers)).json()
    path = f"/events/webhooks/{created['id']}"
    app.clock.advance(5)
    updated = await app.client.patch(
        path, json={"is_active": False, "event_types": ["user.*"]}, headers=headers
    )
    assert updated.status_code == 200, updated.text
    assert updated.json()["is_active"] is False and updated.json()["event_types"] == ["user.*"]
    assert updated.json()["url"] == HOOK
    assert updated.json()["updated_at"] != created["updated_at"]
    rotated = await app.client.post(f"{path}/rotate-secret", headers=headers)
    assert rotated.status_code == 200, rotated.text
    new_secret = rotated.json()["secret"]
    assert new_secret.startswith("whsec_") and new_secret != created["secret"]
    row = await WebhookEndpoint.get(id=created["id"])
    assert app.auth.services.webhooks.secret_of(row) == new_secret
    event = await published(app)
    await delivery(app, created["id"], event)
    assert (await app.client.delete(path, headers=headers)).status_code == 204
    assert (await app.client.get(path, headers=headers)).json()["code"] == "not_found"
    assert await WebhookDelivery.filter(event_id=event.seq).count() == 0
    actions = await AuditEvent.filter(action__startswith="webhook.").order_by("seq")
    assert [entry.action for entry in actions] == [
        "webhook.created",
        "webhook.updated",
        "webhook.secret_rotated",
        "webhook.deleted",
    ]
    assert actions[1].details == {"fields": ["event_types", "is_active"]}


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example.com/x",
        "https://127.0.0.1/x",
        "https://10.1.2.3/x",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/x",
        "https://localhost/x",
        "ftp://hooks.example.com/x",
    ],
)
async def test_a_private_or_plain_http_url_is_refused(
    operator: tuple[RunningApp, Headers], url: str
) -> None:
    """http, loopback, private, link-local and localhost URLs are 422 webhook_url_refused, on
    creation and on update; nothing is stored."""
    app, headers = operator
    refused = await new_endpoint(app, headers, url=url)
    assert (refused.status_code, refused.json()["code"]) == (422, "webhook_url_refused")
    assert await WebhookEndpoint.all().count() == 0
    created = (await new_endpoint(app, headers)).json()
    changed = await app.client.patch(
        f"/events/webhooks/{created['id']}", json={"url": url}, headers=headers
    )
    assert (changed.status_code, changed.json()["code"]) == (422, "webhook_url_refused")
    assert (await WebhookEndpoint.get(id=created["id"])).url == HOOK


async def test_private_targets_are_allowed_by_the_setting(make_app: AppFactory) -> None:
    """With webhook_allow_private_targets, an http loopback URL is registered."""
    app = await make_app(webhook_allow_private_targets=True)
    issued = await app.auth.services.webhooks.create_endpoint(
        None, url="http://127.0.0.1:19000/hook"
    )
    assert issued.endpoint.url == "http://127.0.0.1:19000/hook"


@pytest.mark.parametrize("wanted", [["user.delted"], ["nothing.*"], ["*"], ["user.*.x.*"]])
async def test_an_unknown_event_type_is_refused(
    operator: tuple[RunningApp, Headers], wanted: list[str]
) -> None:
    """A name no registered type has, or a pattern matching none, is 422 unknown_event_type
    naming it."""
    app, headers = operator
    refused = await new_endpoint(app, headers, event_types=wanted)
    assert (refused.status_code, refused.json()["code"]) == (422, "unknown_event_type")
    assert wanted[0] in refused.json()["detail"]
    assert await WebhookEndpoint.all().count() == 0


async def test_replay_moves_a_failed_delivery_back_to_pending(
    operator: tuple[RunningApp, Headers],
) -> None:
    """POST /events/deliveries/{id}/replay: a failed delivery is pending again, 0 attempts, due
    now, not completed, audited with what it was; a pending one is 409 conflict; an unknown id
    404."""
    app, headers = operator
    endpoint = (await new_endpoint(app, headers)).json()
    event = await published(app)
    failed = await delivery(app, endpoint["id"], event)
    app.clock.advance(60)
    replayed = await app.client.post(f"/events/deliveries/{failed.id}/replay", headers=headers)
    assert replayed.status_code == 200, replayed.text
    body = replayed.json()
    assert body["status"] == "pending" and body["attempts"] == 0
    assert body["completed_at"] is None
    assert body["event_id"] == str(event.id) and body["event_type"] == "user.updated"
    stored = await WebhookDelivery.get(id=failed.id)
    assert (stored.status, stored.attempts, stored.completed_at) == ("pending", 0, None)
    assert stored.next_attempt_at == app.clock.now()
    audit = await AuditEvent.get(action="webhook.delivery_replayed")
    assert audit.details == {"delivery_id": failed.id, "event_seq": event.seq, "was": "failed"}
    assert (audit.target_type, audit.target_id) == ("webhook", endpoint["id"])
    again = await app.client.post(f"/events/deliveries/{failed.id}/replay", headers=headers)
    assert (again.status_code, again.json()["code"]) == (409, "conflict")
    unknown = await app.client.post("/events/deliveries/999999/replay", headers=headers)
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")


async def test_replay_of_an_event_to_an_endpoint(operator: tuple[RunningApp, Headers]) -> None:
    """POST /events/{id}/replay queues a delivery to an endpoint that had none, restarts a
    finished one, and refuses (409) an event not yet relayed and an inactive endpoint."""
    app, headers = operator
    endpoint = (await new_endpoint(app, headers)).json()
    event = await published(app)
    first = await app.client.post(
        f"/events/{event.id}/replay", json={"endpoint_id": endpoint["id"]}, headers=headers
    )
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "pending" and first.json()["endpoint_id"] == endpoint["id"]
    row = await WebhookDelivery.get(id=first.json()["id"])
    row.status, row.completed_at = "succeeded", app.clock.now()
    await row.save()
    again = await app.client.post(
        f"/events/{event.id}/replay", json={"endpoint_id": endpoint["id"]}, headers=headers
    )
    assert again.json()["id"] == row.id and again.json()["status"] == "pending"
    assert await WebhookDelivery.filter(event_id=event.seq).count() == 1
    waiting = await published(app, dispatched=False)
    early = await app.client.post(
        f"/events/{waiting.id}/replay", json={"endpoint_id": endpoint["id"]}, headers=headers
    )
    assert (early.status_code, early.json()["code"]) == (409, "conflict")
    await app.client.patch(
        f"/events/webhooks/{endpoint['id']}", json={"is_active": False}, headers=headers
    )
    paused = await app.client.post(
        f"/events/{event.id}/replay", json={"endpoint_id": endpoint["id"]}, headers=headers
    )
    assert (paused.status_code, paused.json()["code"]) == (409, "conflict")


async def test_outbox_deliveries_and_status(operator: tuple[RunningApp, Headers]) -> None:
    """GET /events filters by type and subject, newest first; GET /events/{id} shows the
    payload and its deliveries; GET /events/deliveries filters by status, endpoint and event
    type; GET /events/status counts what the store holds."""
    app, headers = operator
    await OutboxEvent.all().delete()  # the fixture's own events (accounts, roles): not counted
    endpoint = (await new_endpoint(app, headers)).json()
    other = (await new_endpoint(app, headers, url=HOOK + "/2")).json()
    subject = str(uuid4())
    first = await published(app, subject=subject)
    app.clock.advance(30)
    second = await published(app)
    waiting = await published(app, dispatched=False)
    app.clock.advance(12)
    failed = await delivery(app, endpoint["id"], first)
    succeeded = await delivery(app, other["id"], first, "succeeded")
    pending = await delivery(app, endpoint["id"], second, "pending")
    listed = (await app.client.get("/events", headers=headers)).json()
    assert [item["id"] for item in listed["items"]] == [
        str(waiting.id),
        str(second.id),
        str(first.id),
    ]
    by_subject = await app.client.get(
        "/events", params={"subject_kind": "user", "subject_id": subject}, headers=headers
    )
    assert [item["id"] for item in by_subject.json()["items"]] == [str(first.id)]
    none = await app.client.get("/events", params={"type": "user.deleted"}, headers=headers)
    assert none.json() == {"items": [], "next_cursor": None}
    detail = (await app.client.get(f"/events/{first.id}", headers=headers)).json()
    assert detail["payload"] == json.loads(first.payload)
    assert detail["payload"]["data"] == {"changed": ["display_name"]}
    assert detail["subject"] == {"kind": "user", "id": subject}
    assert [(d["id"], d["status"]) for d in detail["deliveries"]] == [
        (failed.id, "failed"),
        (succeeded.id, "succeeded"),
    ]
    missing = await app.client.get(f"/events/{uuid4()}", headers=headers)
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")

    async def delivery_ids(**params: str) -> list[int]:
        response = await app.client.get("/events/deliveries", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert await delivery_ids() == [pending.id, succeeded.id, failed.id]
    assert await delivery_ids(status="failed") == [failed.id]
    assert await delivery_ids(endpoint_id=endpoint["id"]) == [pending.id, failed.id]
    assert await delivery_ids(event_type="user.updated", status="succeeded") == [succeeded.id]
    assert await delivery_ids(event_type="user.deleted") == []
    one = (await app.client.get(f"/events/deliveries/{failed.id}", headers=headers)).json()
    assert (one["attempts"], one["response_status"], one["last_error"]) == (7, 503, "HTTP 503")
    bad = await app.client.get("/events/deliveries", params={"status": "lost"}, headers=headers)
    assert (bad.status_code, bad.json()["code"]) == (422, "validation_error")
    status = (await app.client.get("/events/status", headers=headers)).json()
    assert status == {
        "outbox_pending": 1,
        "oldest_pending_seconds": 12.0,
        "deliveries": {"pending": 1, "succeeded": 1, "failed": 1},
    }


async def test_event_types_list_the_catalogue(operator: tuple[RunningApp, Headers]) -> None:
    """GET /events/types: every registered type by type then version, its docstring as the
    description and its data's JSON Schema."""
    app, headers = operator
    body = (await app.client.get("/events/types", params={"limit": 200}, headers=headers)).json()
    names = [item["type"] for item in body["items"]]
    assert names == sorted(names) and "user.deleted" in names and "session.revoked" in names
    updated = next(item for item in body["items"] if item["type"] == "user.updated")
    assert updated["version"] == 1
    assert updated["description"].startswith("Profile fields changed")
    assert updated["data_schema"]["properties"]["changed"]["type"] == "array"
    assert updated["data_schema"]["required"] == ["changed"]


async def test_permissions_are_decided_and_refusals_audited(
    operator: tuple[RunningApp, Headers],
) -> None:
    """A user without events:read or webhooks:manage is 403 permission_denied on reading and
    managing, each refusal audited with the permission; events:read alone reads deliveries but
    may not replay them or see endpoints."""
    app, headers = operator
    endpoint = (await new_endpoint(app, headers)).json()
    event = await published(app)
    failed = await delivery(app, endpoint["id"], event)
    await app.create_user("bob@example.com")
    plain = bearer((await app.tokens("bob@example.com"))["access_token"])
    for method, path in [
        ("GET", "/events/status"),
        ("GET", "/events/deliveries"),
        ("POST", "/events/webhooks"),
        ("POST", f"/events/deliveries/{failed.id}/replay"),
    ]:
        response = await app.client.request(method, path, headers=plain, json={"url": HOOK})
        assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    denials = await AuditEvent.filter(action="permission.denied").order_by("seq")
    assert [entry.details["permission"] for entry in denials] == [
        "events:read",
        "events:read",
        "webhooks:manage",
        "webhooks:manage",
    ]
    reader_role = await Role.create(name="reader", permissions=["events:read"])
    await app.create_user("cy@example.com")
    await UserRole.create(user=await User.get(email_normalized="cy@example.com"), role=reader_role)
    reader = bearer((await app.tokens("cy@example.com"))["access_token"])
    assert (await app.client.get("/events/deliveries", headers=reader)).status_code == 200
    assert (await app.client.get("/events/webhooks", headers=reader)).status_code == 403
    refused = await app.client.post(f"/events/deliveries/{failed.id}/replay", headers=reader)
    assert refused.status_code == 403
    assert (await WebhookDelivery.get(id=failed.id)).status == "failed"


async def test_metrics_show_the_outbox_lag_and_deliveries_by_status(make_app: AppFactory) -> None:
    """With metrics on, a scrape reports the events not yet relayed, the age of the oldest of
    them and the deliveries by status, as the store holds them."""
    app = await make_app(metrics_enabled=True)
    issued = await app.auth.services.webhooks.create_endpoint(None, url=HOOK)
    relayed = await published(app)
    await published(app, dispatched=False)
    app.clock.advance(20)
    await published(app, dispatched=False)
    app.clock.advance(5)
    for status in ("failed", "failed", "succeeded"):
        await delivery(app, issued.endpoint.id, relayed, status)
    text = (await app.client.get("/metrics")).text
    assert "fabric_auth_events_outbox_pending 2.0\n" in text
    assert "fabric_auth_events_oldest_pending_seconds 25.0\n" in text
    assert 'fabric_auth_webhook_deliveries{status="failed"} 2.0\n' in text
    assert 'fabric_auth_webhook_deliveries{status="succeeded"} 1.0\n' in text
    assert 'fabric_auth_webhook_deliveries{status="pending"} 0.0\n' in text


async def test_the_figures_are_read_once_per_time_to_live() -> None:
    """Scrapes within the time to live, concurrent ones included, share one read; a failed
    read keeps the last figures."""
    reads: list[int] = []

    async def read() -> int:
        reads.append(len(reads))
        if len(reads) == 2:
            raise OSError("store down")
        return len(reads)

    cached = CachedReading(read, ttl=3600)
    await asyncio.gather(*(cached.refresh() for _ in range(20)))
    assert (cached.last, len(reads)) == (1, 1)
    expired = CachedReading(read, ttl=0)
    await expired.refresh()  # the second read fails
    assert (expired.last, len(reads)) == (None, 2)
    await expired.refresh()
    assert (expired.last, len(reads)) == (3, 3)
