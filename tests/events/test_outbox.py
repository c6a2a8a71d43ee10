"""The outbox is written in the change's transaction: one row when it commits, none when it
rolls back."""

from __future__ import annotations

import json
import uuid

import pytest

from fabric_auth.events.catalogue import SessionRevoked
from fabric_auth.principal import SubjectRef
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import OutboxEvent, Session
from tests.conftest import RunningApp


async def test_a_logout_writes_exactly_one_event(running: RunningApp) -> None:
    """Signing out writes one `session.revoked` row about the user, naming the session."""
    tokens = await running.tokens()
    await OutboxEvent.all().delete()  # whatever signing in published
    answer = await running.client.post(
        "/auth/logout", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert answer.status_code == 204
    rows = await OutboxEvent.all()
    assert [row.type for row in rows] == ["session.revoked"]
    session = await Session.get()
    assert (rows[0].subject_kind, rows[0].subject_id) == ("user", str(session.user_id))
    payload = json.loads(rows[0].payload)
    assert payload["data"]["session_id"] == str(session.id)
    assert payload["id"] == str(rows[0].id)


async def test_an_event_rolls_back_with_its_transaction(running: RunningApp) -> None:
    """A transaction that raises after publishing leaves no event behind."""
    await OutboxEvent.all().delete()
    events = running.auth.services.events
    data = SessionRevoked(
        session_id=uuid.uuid4(), reason="test", tokens_valid_until=running.clock.now()
    )

    async def change_that_fails() -> None:
        async with transaction():
            assert await events.publish(data, subject=SubjectRef.user(uuid.uuid4())) is not None
            assert await OutboxEvent.all().count() == 1  # inside, it is there
            raise RuntimeError("the change fails after its event was written")

    with pytest.raises(RuntimeError):
        await change_that_fails()
    assert await OutboxEvent.all().count() == 0
