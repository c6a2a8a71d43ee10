"""Security events land in the audit log, in the transaction of the change."""

from __future__ import annotations

import pytest

from fabric_auth.services.audit import AuditAction, AuditLog, Outcome
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import AuditEvent
from tests.conftest import RunningApp


async def actions(outcome: str | None = None) -> list[str]:
    query = AuditEvent.all().order_by("id")
    if outcome:
        query = query.filter(outcome=outcome)
    return [event.action for event in await query]


async def test_sign_in_success_and_failure_are_audited(running: RunningApp) -> None:
    """Both outcomes of a password sign-in are recorded, with client details."""
    await running.sign_in(password="wrong password!")
    await running.client.post(
        "/auth/token",
        data={
            "grant_type": "password",
            "username": "ada@example.com",
            "password": "correct horse battery staple",
        },
        headers={"User-Agent": "pytest-agent"},
    )
    events = await AuditEvent.all().order_by("id")
    assert [(e.action, e.outcome) for e in events] == [
        ("auth.sign_in", "failure"),
        ("auth.sign_in", "success"),
    ]
    assert events[0].details["login"] == "ada@example.com"
    assert events[1].user_agent == "pytest-agent"
    assert events[1].target_type == "session"


async def test_refresh_reuse_and_logout_are_audited(running: RunningApp) -> None:
    """Refresh, detected reuse and logout each leave an event."""
    tokens = await running.tokens()
    fresh = await running.client.post(
        "/auth/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
    )
    running.clock.advance(60)
    await running.client.post(
        "/auth/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
    )
    again = await running.tokens()
    await running.client.post(
        "/auth/logout", headers={"Authorization": f"Bearer {again['access_token']}"}
    )
    assert fresh.status_code == 200
    assert await actions() == [
        "auth.sign_in",
        "session.refresh",
        "session.refresh_reuse_detected",
        "auth.sign_in",
        "session.logout",
    ]
    reuse = await AuditEvent.get(action="session.refresh_reuse_detected")
    assert reuse.outcome == "failure"
    assert reuse.details == {
        "presented_generation": 0,
        "current_generation": 1,
        "sessions_revoked": 1,
    }


async def test_audit_rolls_back_with_its_change(running: RunningApp) -> None:
    """An event written in a transaction that fails is not kept."""
    audit = AuditLog(running.clock)

    async def failing_change() -> None:
        async with transaction():
            await audit.record(AuditAction.LOGOUT, outcome=Outcome.SUCCESS)
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        await failing_change()
    assert await AuditEvent.all().count() == 0
