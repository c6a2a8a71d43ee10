"""The audit section: filters, keyset pages, an entry's detail, export, chain verification."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta

from fabric_auth.context import ClientInfo
from fabric_auth.services.audit import AuditAction, Outcome, Subject
from fabric_auth.store.models import AuditEvent
from tests.admin.conftest import Admin, admin, grant
from tests.conftest import RunningApp

HOSTILE = '"><script>alert(1)</script>'
IMG = "<img src=x onerror=alert(1)>"


async def _root(app: RunningApp) -> Admin:
    browser = admin(app)
    await browser.sign_in("root@example.com")
    return browser


def _seqs(text: str) -> list[int]:
    return [int(seq) for seq in re.findall(r'<td><a href="/admin/audit/(\d+)">', text)]


async def test_list_filters_by_action_actor_target_and_time(dashboard: RunningApp) -> None:
    """Each filter narrows the list to the entries matching it; the form shows it back."""
    audit = dashboard.auth.services.audit
    first = await audit.record(AuditAction.USER_UPDATED, actor=Subject("user", "a1"))
    dashboard.clock.advance(3600)
    second = await audit.record(
        AuditAction.USER_DELETED, actor=Subject("user", "a2"), target=Subject("user", "t2")
    )
    third = await audit.record(AuditAction.USER_UPDATED, outcome=Outcome.FAILURE)
    browser = await _root(dashboard)
    by_action = await browser.get("/admin/audit?action=user.updated")
    assert _seqs(by_action.text) == [third.seq, first.seq]
    assert 'value="user.updated"' in by_action.text
    failed = await browser.get("/admin/audit?action=user.updated&outcome=failure")
    assert _seqs(failed.text) == [third.seq]
    by_actor = await browser.get("/admin/audit?actor_type=user&actor_id=a2")
    assert _seqs(by_actor.text) == [second.seq]
    by_target = await browser.get("/admin/audit?target_type=user&target_id=t2")
    assert _seqs(by_target.text) == [second.seq]
    cut = (first.occurred_at + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    before = await browser.get(f"/admin/audit?until={cut}&action=user.updated")
    assert _seqs(before.text) == [first.seq]
    after = await browser.get(f"/admin/audit?since={cut}&action=user.updated&actor_id=")
    assert _seqs(after.text) == [third.seq]
    none = await browser.get("/admin/audit?action=nothing.here")
    assert "No audit entries match." in none.text


async def test_keyset_pages_keep_the_filter(dashboard: RunningApp) -> None:
    """60 matching entries: 50 on the first page, newest first, then a link to the other 10
    that keeps the filter."""
    audit = dashboard.auth.services.audit
    made = [await audit.record(AuditAction.USER_UPDATED) for _ in range(60)]
    browser = await _root(dashboard)
    first = await browser.get("/admin/audit?action=user.updated")
    assert _seqs(first.text) == [event.seq for event in reversed(made)][:50]
    link = re.search(r'<a href="([^"]+)" rel="next">', first.text)
    assert link is not None
    url = html.unescape(link.group(1))
    assert "action=user.updated" in url and "cursor=" in url
    second = await browser.get(url)
    assert _seqs(second.text) == [event.seq for event in reversed(made)][50:]
    assert 'rel="next"' not in second.text
    bad = await browser.get("/admin/audit?cursor=not-a-cursor")
    assert bad.status_code == 422


async def test_entry_detail_shows_every_field_escaped(dashboard: RunningApp) -> None:
    """The detail page shows every column; hostile details, user agent and ids appear only
    escaped, the details as indented JSON."""
    event = await dashboard.auth.services.audit.record(
        AuditAction.PERMISSION_DENIED,
        outcome=Outcome.FAILURE,
        actor=Subject("user", HOSTILE),
        target=Subject("user", "javascript:alert(1)"),
        client=ClientInfo(ip_address="203.0.113.9", user_agent=IMG, request_id="req-1"),
        details={"reason": HOSTILE, "nested": {"link": "javascript:alert(1)", "n": 2}},
    )
    browser = await _root(dashboard)
    page = await browser.get(f"/admin/audit/{event.seq}")
    assert page.status_code == 200
    assert "<script>" not in page.text and "<img" not in page.text
    assert 'href="javascript:' not in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.text
    pre = re.search(r'<pre class="mono">(.*?)</pre>', page.text, re.S)
    assert pre is not None
    assert json.loads(html.unescape(pre.group(1))) == event.details
    assert "\n  &#34;nested&#34;: {\n    &#34;link&#34;" in pre.group(1)
    for value in ("203.0.113.9", "req-1", event.hash, event.prev_hash, "permission.denied"):
        assert value in page.text
    missing = await browser.get("/admin/audit/999999")
    assert missing.status_code == 404
    huge = await browser.get(f"/admin/audit/{2**64}")
    assert huge.status_code == 422


async def test_export_is_the_api_export(dashboard: RunningApp) -> None:
    """The export link of a filter answers exactly what `GET /audit/events/export` answers
    for it, in JSON lines and CSV (a formula-looking user agent neutralised)."""
    audit = dashboard.auth.services.audit
    await audit.record(AuditAction.USER_UPDATED, client=ClientInfo(user_agent="=cmd|' /C calc'!A0"))
    await audit.record(AuditAction.USER_DELETED)
    await audit.record(AuditAction.USER_UPDATED, details={"x": HOSTILE})
    bearer = (await dashboard.tokens("root@example.com"))["access_token"]
    browser = await _root(dashboard)
    listing = await browser.get("/admin/audit?action=user.updated")
    link = re.search(r'href="([^"]+format=csv)"', listing.text)
    assert link is not None
    for fmt in ("jsonl", "csv"):
        ours = await browser.get(f"/admin/audit/export?action=user.updated&format={fmt}")
        api = await dashboard.client.get(
            f"/audit/events/export?action=user.updated&format={fmt}",
            headers={"Authorization": f"Bearer {bearer}"},
        )
        assert ours.status_code == api.status_code == 200
        assert ours.content == api.content
        assert ours.headers["content-type"] == api.headers["content-type"]
        assert ours.headers["content-disposition"] == f'attachment; filename="audit.{fmt}"'
    lines = (await browser.get("/admin/audit/export?action=user.updated")).text.splitlines()
    assert [json.loads(line)["action"] for line in lines] == ["user.updated", "user.updated"]
    csv_text = (await browser.get(html.unescape(link.group(1)))).text
    assert "'=cmd" in csv_text and len(csv_text.strip().splitlines()) == 3


async def test_chain_verification_shows_ok_then_the_break(dashboard: RunningApp) -> None:
    """The chain page says ok with the count; after an entry is edited, broken at its seq."""
    audit = dashboard.auth.services.audit
    events = [await audit.record(AuditAction.USER_UPDATED) for _ in range(3)]
    browser = await _root(dashboard)
    ok = await browser.get("/admin/audit/chain")
    assert ok.status_code == 200
    total = await AuditEvent.all().count()
    assert f"The chain holds: {total} entries checked" in ok.text
    await AuditEvent.filter(seq=events[1].seq).update(action="user.tampered")
    broken = await browser.get("/admin/audit/chain")
    assert f"The chain is broken at entry {events[1].seq}: content does not match" in broken.text


async def test_refused_without_audit_read_and_audited(dashboard: RunningApp) -> None:
    """Without `audit:read` the list, an entry, the export and the chain are 403 pages, each
    refusal audited with the visitor as actor; the navigation hides the section."""
    await dashboard.create_user("lister@example.com")
    await grant(dashboard, "lister@example.com", "users:list")
    lister = await dashboard.auth.services.users.find_by_login("lister@example.com")
    assert lister is not None
    browser = admin(dashboard)
    await browser.sign_in("lister@example.com")
    overview = await browser.get("/admin/overview")
    assert 'href="/admin/audit"' not in overview.text
    for path in ("/admin/audit", "/admin/audit/1", "/admin/audit/export", "/admin/audit/chain"):
        before = await AuditEvent.filter(action="permission.denied").count()
        page = await browser.get(path)
        assert page.status_code == 403, path
        assert "Missing permission: audit:read" in page.text
        denied = await AuditEvent.filter(action="permission.denied").order_by("-seq").first()
        assert denied is not None
        assert await AuditEvent.filter(action="permission.denied").count() == before + 1
        assert (denied.actor_type, denied.actor_id) == ("user", str(lister.id))
        assert denied.details["action"] == "audit.read"


async def test_bad_time_is_an_error_page(dashboard: RunningApp) -> None:
    """A time the form cannot read is a 422 page, not a server error."""
    browser = await _root(dashboard)
    page = await browser.get("/admin/audit?since=yesterday")
    assert page.status_code == 422
    assert "since: not a date and time" in page.text
