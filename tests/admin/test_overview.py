"""The overview: counts, the sign-in chart, locked accounts and security events, each part
only for the visitor allowed it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx

from fabric_auth.context import ClientInfo
from fabric_auth.services.audit import AuditAction, Outcome, Subject
from fabric_auth.store.models import AuditEvent, LoginThrottle
from tests.admin.conftest import admin, grant
from tests.conftest import RunningApp

HOSTILE = '"><script>alert(1)</script>'
IMG = "<img src=x onerror=alert(1)>"


async def _lock(app: RunningApp, email: str, *, minutes: int) -> None:
    user = await app.auth.services.users.find_by_login(email)
    assert user is not None
    await LoginThrottle.create(
        scope="account",
        key=str(user.id),
        attempts=5,
        failures=5,
        lockouts=2,
        locked_until=app.clock.now() + timedelta(minutes=minutes),
        last_attempt_at=app.clock.now(),
    )


async def _sign_ins(app: RunningApp, days_ago: int, outcome: Outcome, count: int) -> None:
    """`count` sign-in entries `days_ago` days before the clock's day, at noon UTC."""
    now = app.clock.now()
    noon = datetime.combine(now.date(), datetime.min.time(), UTC) + timedelta(hours=12)
    app.clock.set(noon - timedelta(days=days_ago))
    for _ in range(count):
        await app.auth.services.audit.record(AuditAction.SIGN_IN, outcome=outcome)
    app.clock.set(now)


def _table(text: str) -> list[tuple[str, int, int]]:
    body = text.split('id="sign-in-table"', 1)[1].split("</table>", 1)[0]
    return [
        (day, int(success), int(failure))
        for day, success, failure in re.findall(
            r"<tr><td>([\d-]+)</td><td>(\d+)</td><td>(\d+)</td></tr>", body
        )
    ]


async def test_counts_and_locked_accounts(dashboard: RunningApp) -> None:
    """Accounts, active, verified and locked-now counts are the store's; the locked account is
    listed with its lock's end; an expired lock counts for nothing."""
    await dashboard.create_user("off@example.com", is_verified=True)
    off = await dashboard.auth.services.users.find_by_login("off@example.com")
    assert off is not None
    off.is_active = False
    await off.save()
    await _lock(dashboard, "plain@example.com", minutes=10)
    await _lock(dashboard, "off@example.com", minutes=-1)
    browser = admin(dashboard)
    await browser.sign_in("root@example.com")
    page = await browser.get("/admin/overview")
    assert page.status_code == 200
    figures = re.findall(
        r'<div class="figure">(\d+)</div><div class="muted">([a-z ]+)</div>', page.text
    )
    assert figures == [("3", "accounts"), ("2", "active"), ("1", "verified"), ("1", "locked now")]
    locked = page.text.split("<h2>Locked accounts</h2>", 1)[1].split("</table>", 1)[0]
    assert "plain@example.com" in locked and "off@example.com" not in locked
    until = (dashboard.clock.now() + timedelta(minutes=10)).strftime("%Y-%m-%d %H:%M:%S UTC")
    assert f"<td>{until}</td>" in locked


async def test_chart_counts_sign_ins_per_day(dashboard: RunningApp) -> None:
    """The chart's table holds successes and failures per UTC day for 14 days, oldest first;
    older entries and other actions are left out; the SVG bars carry the same values."""
    await _sign_ins(dashboard, 0, Outcome.FAILURE, 2)
    await _sign_ins(dashboard, 1, Outcome.SUCCESS, 3)
    await _sign_ins(dashboard, 1, Outcome.FAILURE, 1)
    await _sign_ins(dashboard, 13, Outcome.SUCCESS, 4)
    await _sign_ins(dashboard, 14, Outcome.SUCCESS, 9)
    await dashboard.auth.services.audit.record(AuditAction.LOGOUT)
    browser = admin(dashboard)
    await browser.sign_in("root@example.com")  # one more success, today
    page = await browser.get("/admin/overview")
    today = dashboard.clock.now().date()
    rows = _table(page.text)
    assert len(rows) == 14
    expected = {0: (1, 2), 1: (3, 1), 13: (4, 0)}
    assert rows == [
        (str(today - timedelta(days=ago)), *expected.get(ago, (0, 0))) for ago in range(13, -1, -1)
    ]
    svg = page.text.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert '<title id="chart-title">' in svg and "style=" not in svg
    successes = re.findall(r'<rect class="success"[^>]*height="([\d.]+)"', svg)
    failures = re.findall(r'<rect class="failure"[^>]*height="([\d.]+)"', svg)
    # 156 units between the baseline and the top; the peak is 4.
    assert [float(h) for h in successes][-2:] == [117.0, 39.0]
    assert float(failures[-1]) == 78.0 and float(failures[0]) == 0.0
    assert f"{today}: 2 failed" in svg


async def test_security_events_are_listed_and_escaped(dashboard: RunningApp) -> None:
    """The newest security events are shown, newest first, with hostile text only escaped;
    ordinary events are not among them."""
    audit = dashboard.auth.services.audit
    await audit.record(AuditAction.SIGN_IN, outcome=Outcome.FAILURE)
    await audit.record(
        AuditAction.PERMISSION_DENIED,
        outcome=Outcome.FAILURE,
        actor=Subject("user", HOSTILE),
        target=Subject("user", IMG),
        client=ClientInfo(ip_address="javascript:alert(1)", user_agent=HOSTILE),
    )
    await audit.record(AuditAction.USER_UPDATED)
    browser = admin(dashboard)
    await browser.sign_in("root@example.com")
    page = await browser.get("/admin/overview")
    events = page.text.split("<h2>Recent security events</h2>", 1)[1]
    assert "<script>" not in page.text and "<img" not in page.text
    assert "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in events
    assert "&lt;img src=x onerror=alert(1)&gt;" in events
    assert 'href="javascript:' not in page.text
    actions = re.findall(r"<td><code>([a-z._]+)</code>", events)
    assert actions == ["permission.denied", "auth.sign_in"]
    newest = await AuditEvent.filter(action="permission.denied").first()
    assert newest is not None and f'href="/admin/audit/{newest.seq}"' in events


async def test_users_list_alone_sees_no_audit_parts(dashboard: RunningApp) -> None:
    """`users:list` without `audit:read` shows the counts and locked accounts, not the chart
    nor the events; with `audit:read` too, both."""
    await dashboard.create_user("counter@example.com")
    await grant(dashboard, "counter@example.com", "users:list")
    browser = admin(dashboard)
    await browser.sign_in("counter@example.com")
    page = await browser.get("/admin/overview")
    assert page.status_code == 200
    assert "<svg" not in page.text and "Recent security events" not in page.text
    assert "Locked accounts" in page.text
    await dashboard.create_user("reader@example.com")
    await grant(dashboard, "reader@example.com", "users:list", "audit:read")
    other = admin(dashboard, _client(dashboard))
    await other.sign_in("reader@example.com")
    full = await other.get("/admin/overview")
    assert "<svg" in full.text and "Recent security events" in full.text


async def test_refused_without_users_list_and_audited(dashboard: RunningApp) -> None:
    """A visitor holding only `audit:read` gets the 403 page, audited as permission.denied
    with the visitor as actor."""
    await dashboard.create_user("auditor@example.com")
    await grant(dashboard, "auditor@example.com", "audit:read")
    auditor = await dashboard.auth.services.users.find_by_login("auditor@example.com")
    assert auditor is not None
    browser = admin(dashboard)
    await browser.sign_in("auditor@example.com")
    page = await browser.get("/admin/overview")
    assert page.status_code == 403
    denied = await AuditEvent.filter(action="permission.denied").order_by("-seq").first()
    assert denied is not None
    assert (denied.actor_type, denied.actor_id) == ("user", str(auditor.id))
    assert denied.details["action"] == "users.list"
    assert denied.details["permission"] == "users:list"


def _client(app: RunningApp) -> httpx.AsyncClient:
    """A second browser on the same app (its own cookie jar)."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app.app), base_url="https://testserver"
    )
