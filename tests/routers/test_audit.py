"""The audit router: who may read, filters, cursor pagination, exports; log_action."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi import Depends, Request

from fabric_auth import Principal, current_principal, log_action
from fabric_auth.audit import Subject
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import AuditEvent
from tests.conftest import PASSWORD, AppFactory, RunningApp


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def admin_app(make_app: AppFactory) -> tuple[RunningApp, dict[str, str]]:
    app = await make_app(admin_email="root@example.com", admin_password=PASSWORD)
    await app.create_user()
    return app, bearer((await app.tokens("root@example.com"))["access_token"])


async def test_audit_read_is_required_and_denials_are_audited(make_app: AppFactory) -> None:
    """A user without audit:read gets 403 (and a permission.denied entry); anonymous gets 401."""
    app, _ = await admin_app(make_app)
    user = bearer((await app.tokens())["access_token"])
    response = await app.client.get("/audit/events", headers=user)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    denied = await AuditEvent.get(action="permission.denied")
    assert denied.details["missing"] == ["audit:read"] and denied.actor_type == "user"
    assert (await app.client.get("/audit/events")).status_code == 401


async def test_filters_and_cursor_pagination(make_app: AppFactory) -> None:
    """Filters combine; pages of `limit` go back in time through next_cursor to the end."""
    app, admin = await admin_app(make_app)
    for _ in range(3):
        await app.sign_in(password="wrong password!!")
    seen: list[int] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"action": "auth.sign_in", "outcome": "failure", "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (await app.client.get("/audit/events", params=params, headers=admin)).json()
        seen += [item["seq"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 3 and seen == sorted(seen, reverse=True)
    since = (await AuditEvent.get(seq=seen[1])).occurred_at.isoformat()
    assert (
        await app.client.get(
            "/audit/events", params={"action": "auth.sign_in", "since": since}, headers=admin
        )
    ).status_code == 200
    bad = await app.client.get("/audit/events", params={"cursor": "garbage!"}, headers=admin)
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid_cursor"


async def test_export_json_lines_and_csv(make_app: AppFactory) -> None:
    """Exports stream every matching entry oldest first; CSV cells cannot start a formula."""
    app, admin = await admin_app(make_app)
    await app.client.post(
        "/auth/token",
        data={"grant_type": "password", "username": "ada@example.com", "password": "nope nope"},
        headers={"User-Agent": "=HYPERLINK(evil)"},
    )
    lines = (
        await app.client.get("/audit/events/export", params={"format": "jsonl"}, headers=admin)
    ).text.splitlines()
    entries = [json.loads(line) for line in lines]
    assert [e["seq"] for e in entries] == sorted(e["seq"] for e in entries)
    response = await app.client.get(
        "/audit/events/export", params={"format": "csv", "outcome": "failure"}, headers=admin
    )
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["action"] for row in rows] == ["auth.sign_in"]
    assert rows[0]["user_agent"] == "'=HYPERLINK(evil)"


async def test_registration_and_user_creation_are_audited(make_app: AppFactory) -> None:
    """Self-registration and admin creation/promotion leave entries."""
    app = await make_app(
        registration_open=True, admin_email="root@example.com", admin_password=PASSWORD
    )
    await app.client.post("/auth/register", json={"email": "new@example.com", "password": PASSWORD})
    actions = [e.action for e in await AuditEvent.all().order_by("seq")]
    assert actions == ["user.created", "user.registered"]


async def test_log_action_records_app_events_in_the_changes_transaction(
    running: RunningApp,
) -> None:
    """log_action writes the app's own event with actor, target and request id, and rolls back
    with a failed change."""

    @running.app.post("/invoices/{invoice_id}/refund")
    async def refund(
        invoice_id: str,
        request: Request,
        who: Principal = Depends(current_principal),  # noqa: B008
        fail: bool = False,
    ) -> dict[str, str]:
        try:
            async with transaction():
                await log_action(
                    request,
                    "invoice.refunded",
                    principal=who,
                    target=Subject("invoice", invoice_id),
                    details={"amount": 12},
                )
                if fail:
                    raise ValueError("payment provider said no")
        except ValueError:
            return {"status": "failed"}
        return {"status": "refunded"}

    token = (await running.tokens())["access_token"]
    browser = (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/156.0.0.0 Safari/537.36"
    )
    headers = {**bearer(token), "X-Request-ID": "refund-1", "User-Agent": browser}
    await running.client.post("/invoices/inv-7/refund", headers=headers)
    await running.client.post("/invoices/inv-8/refund?fail=true", headers=headers)
    events = await AuditEvent.filter(action="invoice.refunded")
    assert [(e.target_id, e.request_id, e.actor_type) for e in events] == [
        ("inv-7", "refund-1", "user")
    ]
    # The client's address and its whole user agent, each in its own column.
    assert (events[0].ip_address, events[0].user_agent) == ("127.0.0.1", browser)
    assert (await running.auth.services.audit.verify()).intact
