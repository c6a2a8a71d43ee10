"""Security events land in the audit log, in the transaction of the change."""

from __future__ import annotations

import pytest

from fabric_auth.clock import Clock
from fabric_auth.services.audit import AuditAction, AuditLog, Outcome
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import AuditEvent
from tests.conftest import AppFactory, RunningApp


@pytest.fixture
async def bare(make_app: AppFactory) -> RunningApp:
    """An app on an empty store: its audit chain starts at seq 1."""
    return await make_app()


async def actions(outcome: str | None = None) -> list[str]:
    """Recorded actions in order, leaving out the creation of the fixture's user."""
    query = AuditEvent.exclude(action="user.created").order_by("id")
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
    events = await AuditEvent.filter(action="auth.sign_in").order_by("id")
    assert [(e.action, e.outcome) for e in events] == [
        ("auth.sign_in", "failure"),
        ("auth.sign_in", "success"),
    ]
    assert events[0].details["login"] == "ada@example.com"
    assert events[0].details["reason"] == "wrong_password"
    assert events[1].user_agent == "pytest-agent"
    assert events[1].target_type == "session"


@pytest.mark.parametrize("audit_refreshes", [False, True])
async def test_refresh_reuse_and_logout_are_audited(
    make_app: AppFactory, audit_refreshes: bool
) -> None:
    """Detected reuse and logout each leave an event; a refresh does when `audit_refreshes`
    says so. Metrics count the refresh either way."""
    running = await make_app(audit_refreshes=audit_refreshes, metrics_enabled=True)
    await running.create_user()
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
        *(["session.refresh"] if audit_refreshes else []),
        "session.refresh_reuse_detected",
        "auth.sign_in",
        "session.logout",
    ]
    assert running.auth.metrics is not None
    refreshes = running.auth.metrics.registry.get_sample_value(
        "fabric_auth_token_operations_total", {"operation": "refresh"}
    )
    assert refreshes == 1
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

    before = await AuditEvent.all().count()
    with pytest.raises(RuntimeError):
        await failing_change()
    assert await AuditEvent.all().count() == before
    assert (await audit.verify()).intact


async def test_chain_verifies_and_an_edited_row_breaks_it_there(bare: RunningApp) -> None:
    """A clean chain verifies; editing one row's details makes verify report exactly that row."""
    audit = bare.auth.services.audit
    for n in range(5):
        await audit.record("app.thing_done", details={"n": n, "ratio": 0.5, "whole": 2.0})
    report = await audit.verify()
    assert report.intact and report.entries == 5 and report.last_seq == 5
    third = await AuditEvent.get(seq=3)
    await AuditEvent.filter(id=third.id).update(details={"n": 99, "ratio": 0.5, "whole": 2.0})
    broken = (await audit.verify()).broken
    assert broken is not None and broken.seq == 3 and "edited" in broken.reason


async def test_rehashed_edit_breaks_the_next_link(bare: RunningApp) -> None:
    """An edit that also recomputes the row's own hash is caught at the following row."""
    from fabric_auth.services.audit import entry_hash

    audit = bare.auth.services.audit
    for _ in range(3):
        await audit.record(AuditAction.LOGOUT)
    second = await AuditEvent.get(seq=2)
    second.outcome = "failure"
    second.hash = entry_hash(second)
    await second.save()
    broken = (await audit.verify()).broken
    assert broken is not None and broken.seq == 3


async def test_deleted_rows_are_reported(bare: RunningApp) -> None:
    """Removing a middle row or the newest row breaks verification."""
    audit = bare.auth.services.audit
    for _ in range(4):
        await audit.record(AuditAction.LOGOUT)
    await AuditEvent.filter(seq=4).delete()
    broken = (await audit.verify()).broken
    assert broken is not None and broken.seq == 4
    await AuditEvent.filter(seq=2).delete()
    broken = (await audit.verify()).broken
    assert broken is not None and broken.seq == 2


async def test_concurrent_appends_keep_one_chain(bare: RunningApp) -> None:
    """Fifty concurrent appends, from two runtimes, give seq 1..50 and a chain that verifies."""
    import asyncio

    other = AuditLog(bare.clock)
    audit = bare.auth.services.audit
    await asyncio.gather(
        *(
            (audit if n % 2 else other).record(AuditAction.REFRESH, details={"n": n})
            for n in range(50)
        )
    )
    seqs = [event.seq for event in await AuditEvent.all().order_by("seq")]
    assert seqs == list(range(1, 51))
    assert (await audit.verify()).intact


async def test_purge_keeps_the_rest_verifiable(bare: RunningApp) -> None:
    """Purging old entries leaves a chain that still verifies, anchored where the purge ended."""
    audit = bare.auth.services.audit
    for _ in range(3):
        await audit.record(AuditAction.LOGOUT)
    bare.clock.advance(3600)
    cutoff = bare.clock.now()
    for _ in range(2):
        await audit.record(AuditAction.REFRESH)
    assert await audit.purge(cutoff) == 3
    report = await audit.verify()
    assert report.intact, report.broken
    assert report.first_seq == 4
    assert await actions() == ["session.refresh", "session.refresh", "audit.purged"]
    await AuditEvent.filter(seq=4).update(action="session.logout")
    broken = (await audit.verify()).broken
    assert broken is not None and broken.seq == 4


async def test_request_id_is_recorded(running: RunningApp) -> None:
    """The request id of the request that caused an event is stored with it."""
    await running.client.post(
        "/auth/token",
        data={"grant_type": "password", "username": "ada@example.com", "password": "nope nope"},
        headers={"X-Request-ID": "req-12345"},
    )
    event = await AuditEvent.get(action="auth.sign_in")
    assert event.request_id == "req-12345"


async def test_user_creation_and_its_entry_roll_back_together(running: RunningApp) -> None:
    """A user created in a transaction that then fails leaves neither the user nor the entry."""
    from fabric_auth.services.users import NewUser
    from fabric_auth.store.models import User

    async def failing_change() -> None:
        async with transaction():
            await running.auth.services.users.create(
                NewUser(email="ghost@example.com", password="correct horse battery staple")
            )
            raise RuntimeError("the surrounding change failed")

    before = await AuditEvent.all().count()
    with pytest.raises(RuntimeError):
        await failing_change()
    assert not await User.filter(email_normalized="ghost@example.com").exists()
    assert await AuditEvent.all().count() == before
    assert (await running.auth.services.audit.verify()).intact


async def test_session_revocations_are_audited(running: RunningApp) -> None:
    """Revoking one of one's sessions and signing out everywhere each leave an entry."""
    await running.tokens()
    second = await running.tokens()
    headers = {"Authorization": f"Bearer {second['access_token']}"}
    sessions = (await running.client.get("/auth/sessions", headers=headers)).json()["items"]
    other = next(s["id"] for s in sessions if not s["current"])
    assert (await running.client.delete(f"/auth/sessions/{other}", headers=headers)).is_success
    await running.client.post("/auth/logout-all", headers=headers)
    revoked = await AuditEvent.filter(action="session.revoked").order_by("seq")
    assert [(e.target_type, e.details["reason"]) for e in revoked] == [
        ("session", "revoked_by_user"),
        ("user", "logout_all"),
    ]


async def test_concurrent_writers_are_each_sequenced_once_in_commit_order(bare: RunningApp) -> None:
    """Sixteen writers, each appending ten entries one after the other in transactions of their
    own: seq runs 1..160 once each, each writer's entries come in the order it committed them,
    every returned event carries its stored place, none waits, and the chain verifies."""
    import asyncio

    audit = bare.auth.services.audit
    returned: list[AuditEvent] = []

    async def writer(w: int) -> None:
        for n in range(10):
            async with transaction():
                event = await audit.record(AuditAction.REFRESH, details={"w": w, "n": n})
            returned.append(event)

    await asyncio.gather(*(writer(w) for w in range(16)))
    stored = await AuditEvent.all().order_by("seq")
    assert [event.seq for event in stored] == list(range(1, 161))
    for w in range(16):
        assert [e.details["n"] for e in stored if e.details["w"] == w] == list(range(10))
    by_id = {event.id: event for event in stored}
    assert sorted((e.seq, e.hash) for e in returned) == [(e.seq, e.hash) for e in stored]
    assert all(by_id[e.id].seq == e.seq for e in returned)
    report = await audit.verify()
    assert (report.intact, report.entries, report.unsequenced) == (True, 160, 0)


async def test_a_rolled_back_append_leaves_nothing_waiting(bare: RunningApp) -> None:
    """An entry whose transaction rolls back is neither kept nor left waiting to be sequenced,
    and the next entry takes seq 1."""
    audit = bare.auth.services.audit

    async def failing_change() -> None:
        async with transaction():
            await audit.record(AuditAction.LOGOUT)
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        await failing_change()
    assert await AuditEvent.all().count() == 0
    event = await audit.record(AuditAction.REFRESH)
    assert event.seq == 1
    report = await audit.verify()
    assert (report.intact, report.entries, report.unsequenced) == (True, 1, 0)


async def left_unsequenced(clock: Clock, action: str) -> AuditEvent:
    """An entry committed without being sequenced, as when its process dies right after the
    commit: inserted outside `transaction()`, so no after-commit sequencing runs."""
    from fabric_auth.store.queries import audit as queries

    event = AuditEvent(occurred_at=clock.now(), action=action, outcome="success", details={"k": 1})
    await queries.insert_event(event)
    return event


async def test_an_entry_left_unsequenced_is_reported_then_placed_by_the_pass(
    bare: RunningApp,
) -> None:
    """verify() reports a committed entry left unsequenced (count and time) without calling the
    chain broken, and leaves it out of listings; the periodic pass places it after the entries
    already there, and the chain verifies with it."""
    from fabric_auth.services.audit import AuditFilter

    audit = bare.auth.services.audit
    await audit.record(AuditAction.LOGOUT)
    waiting = await left_unsequenced(bare.clock, "app.crashed_after_commit")
    report = await audit.verify()
    assert (report.intact, report.entries, report.unsequenced) == (True, 1, 1)
    assert report.oldest_unsequenced == waiting.occurred_at
    assert [e.action for e in (await audit.page(AuditFilter())).items] == ["session.logout"]
    assert await audit.sequence_waiting() == 1
    placed = await AuditEvent.get(id=waiting.id)
    assert (placed.seq, placed.action) == (2, "app.crashed_after_commit")
    report = await audit.verify()
    assert (report.intact, report.entries, report.unsequenced) == (True, 2, 0)
    assert await audit.sequence_waiting() == 0


async def test_start_up_places_entries_an_earlier_process_left(make_app: AppFactory) -> None:
    """An instance starting on a store with entries left unsequenced places them before it
    serves."""
    first = await make_app()
    waiting = await left_unsequenced(first.clock, "app.crashed_after_commit")
    await make_app()
    placed = await AuditEvent.get(id=waiting.id)
    assert placed.seq is not None and placed.hash is not None
    assert (await first.auth.services.audit.verify()).unsequenced == 0


async def test_an_entry_put_back_to_unsequenced_is_missing_from_the_chain(bare: RunningApp) -> None:
    """Clearing a placed entry's `seq` (to slip it out of the chain) is reported as a missing
    entry, not as one waiting."""
    audit = bare.auth.services.audit
    for _ in range(3):
        await audit.record(AuditAction.LOGOUT)
    await AuditEvent.filter(seq=2).update(seq=None)
    report = await audit.verify()
    assert report.broken is not None and report.broken.seq == 2
    assert "missing" in report.broken.reason


async def test_purge_keeps_entries_still_waiting(bare: RunningApp) -> None:
    """A purge deletes old sequenced entries only: an old entry still waiting is kept, and
    placed, by id, before the purge's own entry."""
    audit = bare.auth.services.audit
    for _ in range(2):
        await audit.record(AuditAction.LOGOUT)
    waiting = await left_unsequenced(bare.clock, "app.crashed_after_commit")
    bare.clock.advance(3600)
    assert await audit.purge(bare.clock.now()) == 2
    assert await AuditEvent.filter(id=waiting.id).exists()
    report = await audit.verify()
    assert (report.intact, report.first_seq, report.unsequenced) == (True, 3, 0)
    kept = await AuditEvent.all().order_by("seq")
    assert [(e.seq, e.action) for e in kept] == [
        (3, "app.crashed_after_commit"),
        (4, "audit.purged"),
    ]


OTHER_INSTANCE = """
import asyncio, sys
from fabric_auth.services.container import AuthServices
from fabric_auth.store.connection import transaction
from fabric_auth.testing import test_settings

async def main(url: str, writers: int, appends: int) -> None:
    services = AuthServices(test_settings(database_url=url))
    await services.open_store()
    print("ready", flush=True)
    sys.stdin.readline()

    async def writer(w: int) -> None:
        for n in range(appends):
            async with transaction():
                await services.audit.record("app.other", details={"w": w, "n": n})

    try:
        await asyncio.gather(*(writer(w) for w in range(writers)))
    finally:
        await services.close()

asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
"""


async def test_two_processes_appending_at_once_keep_one_chain(bare: RunningApp, store: str) -> None:
    """This process and another instance's, on one PostgreSQL store, each with eight writers
    appending 25 entries back to back: 400 entries, seq 1..400 once each, every writer's
    entries in its order, and the chain verifies with nothing waiting."""
    import asyncio
    import os
    import sys

    if store.startswith("sqlite"):
        pytest.skip("SQLite is one process's embedded store: instances share PostgreSQL")
    other = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        OTHER_INSTANCE,
        store,
        "8",
        "25",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert other.stdin is not None and other.stdout is not None
    assert await asyncio.wait_for(other.stdout.readline(), 30) == b"ready\n"
    audit = bare.auth.services.audit

    async def writer(w: int) -> None:
        for n in range(25):
            async with transaction():
                await audit.record("app.this", details={"w": w, "n": n})

    other.stdin.write(b"go\n")
    await other.stdin.drain()
    await asyncio.gather(*(writer(w) for w in range(8)))
    assert await asyncio.wait_for(other.wait(), 60) == 0
    stored = await AuditEvent.all().order_by("seq")
    assert [event.seq for event in stored] == list(range(1, 401))
    for action in ("app.this", "app.other"):
        for w in range(8):
            mine = [e.details["n"] for e in stored if e.action == action and e.details["w"] == w]
            assert mine == list(range(25))
    report = await audit.verify()
    assert (report.intact, report.entries, report.unsequenced) == (True, 400, 0)
