"""Every change announces itself: one outbox event per fact, with its values, in the change's
transaction."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest

from fabric_auth.clock import FrozenClock
from fabric_auth.events import (
    ApiKeyCreated,
    ApiKeyRevoked,
    EmailVerified,
    Event,
    PasswordChanged,
    QuotaThresholdCrossed,
    RoleGranted,
    RoleRevoked,
    ServiceAccountChanged,
    SessionRevoked,
    SubscriptionCancelled,
    SubscriptionChanged,
    SubscriptionCreated,
    UserCreated,
    UserDeactivated,
    UserReactivated,
    UserTokensRevoked,
    UserUpdated,
    parse_event,
)
from fabric_auth.periods import Period
from fabric_auth.principal import SubjectRef
from fabric_auth.services.audit import AuditLog
from fabric_auth.services.broadcast import Broadcast
from fabric_auth.services.changes import ChangeFeed
from fabric_auth.services.events import EventOutbox
from fabric_auth.services.plans import (
    FeatureLimit,
    FeatureSpec,
    PlanCatalogue,
    PlanService,
    PlanSpec,
)
from fabric_auth.services.users import NewUser
from fabric_auth.store.connection import dialect, transaction
from fabric_auth.store.models import OutboxEvent, User
from tests.conftest import PASSWORD, AppFactory, RunningApp

CATALOGUE = PlanCatalogue(
    features=[FeatureSpec("calls", "API calls")],
    plans=[
        PlanSpec("free", "Free", default=True, limits={"calls": FeatureLimit(10, Period.MONTH)}),
        PlanSpec("pro", "Pro", limits={"calls": FeatureLimit(100, Period.MONTH)}),
    ],
)


async def events() -> list[Event[Any]]:
    """The outbox, oldest first."""
    rows = await OutboxEvent.all().order_by("seq").values_list("payload", flat=True)
    return [parse_event(str(row)) for row in rows]


async def events_since(mark: int) -> list[Event[Any]]:
    return (await events())[mark:]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_user_created_names_its_source(running: RunningApp) -> None:
    """An account made by an administrator, by sign-up and by invitation: one `user.created`
    each, with its email and source; the row's columns match the payload."""
    await running.auth.services.account.register(
        NewUser(email="bob@example.com", password=PASSWORD)
    )
    await running.auth.services.account.invite("cy@example.com")
    created = [event for event in await events() if event.type == "user.created"]
    assert [(e.data.email, e.data.source, e.data.is_verified) for e in created] == [
        ("ada@example.com", "admin", False),
        ("bob@example.com", "registration", False),
        ("cy@example.com", "invitation", False),
    ]
    ada = await User.get(email="ada@example.com")
    first = created[0]
    assert isinstance(first.data, UserCreated)
    assert (first.subject.kind, first.subject.id, first.version) == ("user", str(ada.id), 1)
    row = await OutboxEvent.get(id=first.id)
    assert (row.type, row.subject_kind, row.subject_id, row.dispatched_at) == (
        "user.created",
        "user",
        str(ada.id),
        None,
    )


async def test_sign_out_announces_the_session_with_its_token_bound(running: RunningApp) -> None:
    """Sign-out: one `session.revoked` naming the token's session, for its user, valid until
    the access-token lifetime (plus a second) after now; signing in announces nothing."""
    mark = len(await events())
    tokens = await running.tokens()
    assert await events_since(mark) == []
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    response = await running.client.post(
        "/auth/logout",
        json={"refresh_token": tokens["refresh_token"]},
        headers=bearer(tokens["access_token"]),
    )
    assert response.status_code in (200, 204), response.text
    [event] = await events_since(mark)
    assert isinstance(event.data, SessionRevoked)
    assert str(event.data.session_id) == claims["sid"]
    assert event.subject.id == claims["sub"]
    ttl = running.auth.settings.access_token_ttl
    assert event.data.tokens_valid_until == running.clock.now() + timedelta(seconds=ttl + 1)
    assert event.data.reason == "logout"


async def test_deactivation_revokes_tokens_and_keys_in_events(running: RunningApp) -> None:
    """Deactivating a user with an API key: `api_key.revoked`, `user.tokens_revoked` and
    `user.deactivated`, all about the user, in one transaction; reactivation announces
    itself."""
    services = running.auth.services
    ada = await User.get(email="ada@example.com")
    issued = await services.api_keys.create(
        None, SubjectRef.user(ada.id), name="ci", scopes=["roles:read"]
    )
    mark = len(await events())
    await services.user_admin.deactivate(None, ada.id, "left the company")
    found = await events_since(mark)
    assert {type(event.data) for event in found} == {
        ApiKeyRevoked,
        UserTokensRevoked,
        UserDeactivated,
    }
    assert {event.subject.id for event in found} == {str(ada.id)}
    by_type = {type(event.data): event.data for event in found}
    assert by_type[ApiKeyRevoked].key_id == issued.key.id
    assert by_type[ApiKeyRevoked].reason == "owner_deactivated"
    assert by_type[UserDeactivated].reason == "left the company"
    assert by_type[UserTokensRevoked].revoked_before == running.clock.now()
    mark += len(found)
    await services.user_admin.reactivate(None, ada.id, "back")
    [back] = await events_since(mark)
    assert back.data == UserReactivated(reason="back")


async def test_api_keys_announce_creation_rotation_and_revocation(running: RunningApp) -> None:
    """Issue, rotate (the old key revoked at the end of the overlap), revoke."""
    services = running.auth.services
    ada = await User.get(email="ada@example.com")
    owner = SubjectRef.user(ada.id)
    mark = len(await events())
    issued = await services.api_keys.create(None, owner, name="ci", scopes=["roles:read"])
    rotated = await services.api_keys.rotate(None, owner, issued.key.id, overlap_seconds=60)
    await services.api_keys.revoke(None, owner, rotated.key.id)
    found = await events_since(mark)
    assert [type(event.data) for event in found] == [
        ApiKeyCreated,
        ApiKeyCreated,
        ApiKeyRevoked,
        ApiKeyRevoked,
    ]
    created, successor, old, new = (event.data for event in found)
    assert (created.key_id, created.name, created.scopes) == (
        issued.key.id,
        "ci",
        ["roles:read"],
    )
    assert created.prefix == issued.key.display_prefix
    assert successor.key_id == rotated.key.id
    assert (old.key_id, old.reason) == (issued.key.id, "rotated")
    assert old.effective_at == running.clock.now() + timedelta(seconds=60)
    assert (new.key_id, new.effective_at) == (rotated.key.id, running.clock.now())


async def test_roles_announce_what_changed(running: RunningApp) -> None:
    """Setting roles announces each role gained and lost, not the ones kept; deleting a role
    announces its loss to every holder."""
    services = running.auth.services
    ada = await User.get(email="ada@example.com")
    await services.rbac.create_role(None, "auditor", ["audit:read"])
    mark = len(await events())
    await services.rbac.set_user_roles(None, ada, ["user", "auditor"])
    await services.rbac.set_user_roles(None, ada, ["auditor"])
    await services.rbac.delete_role(None, "auditor")
    found = await events_since(mark)
    assert [event.data for event in found] == [
        RoleGranted(role="auditor"),
        RoleRevoked(role="user"),
        RoleRevoked(role="auditor"),
    ]
    assert {event.subject.id for event in found} == {str(ada.id)}


async def test_account_changes_announce_themselves(running: RunningApp) -> None:
    """Password change (other sessions end), email verification, profile update."""
    services = running.auth.services
    ada = await User.get(email="ada@example.com")
    other = await running.tokens()
    tokens = await running.tokens()
    mark = len(await events())
    response = await running.client.post(
        "/auth/change-password",
        json={"current_password": PASSWORD, "new_password": "an entirely new passphrase"},
        headers=bearer(tokens["access_token"]),
    )
    assert response.status_code == 204, response.text
    found = await events_since(mark)
    assert [type(event.data) for event in found] == [SessionRevoked, PasswordChanged]
    other_sid = jwt.decode(other["access_token"], options={"verify_signature": False})["sid"]
    assert str(found[0].data.session_id) == other_sid
    assert found[1].data == PasswordChanged(method="change")
    assert found[1].actor is not None and found[1].actor.id == str(ada.id)
    mark += len(found)
    await services.account.send_verification(await User.get(id=ada.id))
    message = await running.outbox.wait_for(to="ada@example.com", kind="verify_email")
    await services.account.verify_email(running.outbox.token_of(message))
    response = await running.client.patch(
        "/users/me", json={"display_name": "Ada L."}, headers=bearer(tokens["access_token"])
    )
    assert response.status_code == 200, response.text
    assert [event.data for event in await events_since(mark)] == [
        EmailVerified(email="ada@example.com"),
        UserUpdated(changed=["display_name"]),
    ]


async def test_service_accounts_announce_changes(running: RunningApp) -> None:
    """Create, give roles, deactivate: `service_account.changed` each, with role events."""
    services = running.auth.services
    mark = len(await events())
    account = await services.service_accounts.create(None, slug="billing", name="Billing")
    await services.service_accounts.set_roles(None, account.id, ["user"])
    await services.service_accounts.deactivate(None, account.id)
    found = await events_since(mark)
    assert [event.data for event in found] == [
        ServiceAccountChanged(change="created", slug="billing"),
        ServiceAccountChanged(change="roles", slug="billing"),
        RoleGranted(role="user"),
        ServiceAccountChanged(change="deactivated", slug="billing"),
    ]
    assert {(event.subject.kind, event.subject.id) for event in found} == {
        ("service_account", str(account.id))
    }


@pytest.fixture
async def plans(store: str) -> PlanService:
    clock = FrozenClock(datetime(2026, 3, 10, 12, 0, tzinfo=UTC))
    hints = Broadcast(None, "test")
    service = PlanService(
        clock=clock,
        audit=AuditLog(clock),
        events=EventOutbox(clock=clock, enabled=True, hints=hints),
        catalogue=CATALOGUE,
        idempotency_ttl=3600,
        idempotency_wait=10.0,
        idempotency_lease=300.0,
        feed=ChangeFeed(clock=clock, max_staleness=1.0, hints=hints),
        cache_ttl=5.0,
    )
    await service.seed()
    return service


async def test_subscriptions_announce_their_plan(plans: PlanService) -> None:
    """Assign, change, cancel: created, changed (with the previous plan), cancelled."""
    subject = SubjectRef.user(uuid.uuid4())
    mark = len(await events())
    await plans.assign_plan(subject, "free")
    await plans.change_plan(subject, "pro")
    await plans.cancel_plan(subject)
    found = await events_since(mark)
    assert [event.data for event in found] == [
        SubscriptionCreated(plan="free"),
        SubscriptionChanged(plan="pro", previous_plan="free"),
        SubscriptionCancelled(plan="pro", ends_at=plans._clock.now()),
    ]
    assert {(event.subject.kind, event.subject.id) for event in found} == {("user", subject.id)}


async def test_quota_thresholds_are_announced_once_per_period(plans: PlanService) -> None:
    """With a limit of 10: the 8th unit crosses 80 %, the 10th 100 %; a refund and the same
    units again announce nothing more; the next month announces afresh."""
    subject = SubjectRef.user(uuid.uuid4())
    mark = len(await events())
    for _ in range(7):
        await plans.consume(subject, "calls")
    assert await events_since(mark) == []
    await plans.consume(subject, "calls")
    [eighty] = await events_since(mark)
    assert isinstance(eighty.data, QuotaThresholdCrossed)
    assert (eighty.data.percent, eighty.data.used, eighty.data.limit) == (80, 8, 10)
    consumed = await plans.consume(subject, "calls", 2)
    await plans.refund(consumed)
    await plans.consume(subject, "calls", 2)
    crossed = await events_since(mark)
    assert [(e.data.percent, e.data.used) for e in crossed] == [(80, 8), (100, 10)]
    assert crossed[1].data.period_start == eighty.data.period_start
    clock = plans._clock
    assert isinstance(clock, FrozenClock)
    clock.advance(timedelta(days=40))
    await plans.consume(subject, "calls", 9)
    later = (await events_since(mark))[2:]
    assert [(e.data.percent, e.data.used) for e in later] == [(80, 9)]
    assert later[0].data.period_start > eighty.data.period_start


async def test_an_event_is_rolled_back_with_its_change(running: RunningApp) -> None:
    """A transaction that publishes and then fails leaves no event; one that commits leaves
    exactly one."""
    services = running.auth.services
    ada = await User.get(email="ada@example.com")
    mark = len(await events())

    async def failing_change() -> None:
        async with transaction():
            await services.events.publish(
                UserUpdated(changed=["display_name"]), subject=SubjectRef.user(ada.id)
            )
            raise RuntimeError("the change fails after its event")

    with pytest.raises(RuntimeError):
        await failing_change()
    assert await events_since(mark) == []
    async with transaction():
        await services.events.publish(
            UserUpdated(changed=["display_name"]), subject=SubjectRef.user(ada.id)
        )
    assert [event.type for event in await events_since(mark)] == ["user.updated"]


async def test_events_off_writes_nothing(make_app: AppFactory) -> None:
    """`events_enabled=false`: changes happen, the outbox stays empty."""
    app = await make_app(events_enabled=False)
    await app.create_user()
    await app.tokens()
    assert await OutboxEvent.all().count() == 0


async def test_one_subject_is_numbered_in_commit_order(running: RunningApp) -> None:
    """On PostgreSQL a second transaction about the same subject waits for the first to commit
    before it draws its number, so the relay's order (by number) is the commit order; a
    transaction about another subject does not wait."""
    if dialect() != "postgres":
        pytest.skip("SQLite runs one write transaction at a time: commit order is number order")
    outbox = running.auth.services.events
    ada = SubjectRef("user", "ada")
    first_published = asyncio.Event()
    release = asyncio.Event()
    committed: list[str] = []

    async def first() -> None:
        async with transaction():
            await outbox.publish(UserUpdated(changed=["first"]), subject=ada)
            first_published.set()
            await release.wait()
        committed.append("first")

    async def second(subject: SubjectRef, name: str) -> None:
        await first_published.wait()
        async with transaction():
            await outbox.publish(UserUpdated(changed=[name]), subject=subject)
        committed.append(name)

    holding = asyncio.create_task(first())
    same = asyncio.create_task(second(ada, "second"))
    other = asyncio.create_task(second(SubjectRef("user", "bob"), "other"))
    await asyncio.wait_for(other, timeout=10)
    await asyncio.sleep(0.2)
    assert not same.done()  # waiting for the first transaction's lock on the subject
    release.set()
    await asyncio.wait_for(asyncio.gather(holding, same), timeout=10)
    assert committed == ["other", "first", "second"]
    order = [event.data.changed[0] for event in await events() if event.subject.id == "ada"]
    assert order == ["first", "second"]


async def test_admin_created_user_names_the_source_of_code(running: RunningApp) -> None:
    """`NewUser.source` reaches the event: the seeded administrator is `system`."""
    await running.auth.services.users.create(
        NewUser(email="root@example.com", password=PASSWORD, source="system")
    )
    [event] = [e for e in await events() if e.data.email == "root@example.com"]
    assert event.data.source == "system"


async def test_the_docs_example_publishes_its_own_event_type(store: str) -> None:
    """docs/examples/events_app.py: the app's `invoice.paid` lands in the outbox, typed, with
    the payer as subject and actor."""
    from fabric_auth.testing import serve, sign_in, test_settings
    from tests.examples.test_audit_keys_operations_examples import example

    module = example("events_app")
    app = module.create_app(
        test_settings(database_url=store, admin_email="root@example.com", admin_password=PASSWORD)
    )
    async with serve(app) as client:
        token = (await sign_in(client, "root@example.com", PASSWORD))["access_token"]
        response = await client.post("/invoices/inv-7/pay", headers=bearer(token))
    assert response.json() == {"status": "paid"}
    root = await User.get(email="root@example.com")
    [event] = [e for e in await events() if e.type == "invoice.paid"]
    assert isinstance(event.data, module.InvoicePaid)
    assert (event.data.invoice_id, event.data.amount_cents) == ("inv-7", 4200)
    assert event.subject.id == event.actor.id == str(root.id)  # type: ignore[union-attr]
