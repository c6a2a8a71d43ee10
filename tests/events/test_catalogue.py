"""The envelope as written to the stream and webhooks, and read back."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from fabric_auth.events import Event, EventData, EventSubject, UserDeleted, parse_event


def test_an_event_declared_as_the_base_type_serializes_its_own_data() -> None:
    """`Event[EventData]` (what the outbox builds) writes the data's fields, not `{}`, and
    `parse_event` reads back the typed data."""
    data = UserDeleted(erase_after=datetime(2027, 1, 1, tzinfo=UTC), requested_by_user=True)
    published = Event[EventData](
        id=uuid.uuid4(),
        type=data.event_type,
        version=data.event_version,
        occurred_at=datetime.now(UTC),
        subject=EventSubject(kind="user", id="u1"),
        data=data,
    )
    payload = published.model_dump_json()
    assert json.loads(payload)["data"] == {
        "erase_after": "2027-01-01T00:00:00Z",
        "requested_by_user": True,
    }
    assert parse_event(payload).data == data
