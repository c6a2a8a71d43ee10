"""PlanService on the store: exact concurrent consumption, idempotency, periods, subscriptions."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from fabric_auth.clock import FrozenClock
from fabric_auth.exceptions import (
    FeatureNotAvailable,
    IdempotencyInProgress,
    IdempotencyKeyReused,
    IdempotentReplay,
    IdempotentResponseNotStored,
    InvalidInput,
    QuotaExceeded,
)
from fabric_auth.periods import Period
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
    StoredResponse,
    Subscriber,
    subject_filter,
)
from fabric_auth.store.models import (
    AuditEvent,
    IdempotencyKey,
    Plan,
    PlanLimit,
    Subscription,
    UsageCounter,
)

CATALOGUE = PlanCatalogue(
    features=[FeatureSpec("calls", "API calls", unit="call"), FeatureSpec("sso", "SSO")],
    plans=[
        PlanSpec("free", "Free", default=True, limits={"calls": FeatureLimit(100, Period.MONTH)}),
        PlanSpec(
            "pro",
            "Pro",
            limits={
                "calls": FeatureLimit(1000, Period.MONTH),
                "sso": FeatureLimit(1, Period.LIFETIME),
            },
        ),
    ],
)


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


def clock_of(plans: PlanService) -> FrozenClock:
    clock = plans._clock
    assert isinstance(clock, FrozenClock)
    return clock


async def attempt(plans: PlanService, who: Subscriber, key: str | None = None) -> bool:
    try:
        await plans.consume(who, "calls", 1, idempotency_key=key)
    except QuotaExceeded:
        return False
    return True


async def test_seeding_is_idempotent_and_keeps_edits(plans: PlanService) -> None:
    """Seeding again creates nothing new and leaves a changed limit alone."""
    await PlanLimit.filter(feature_id="calls", plan__code="free").update(limit=7)
    await plans.seed()
    assert sorted(await Plan.all().values_list("code", flat=True)) == ["free", "pro"]
    assert await Plan.filter(is_default=True).values_list("code", flat=True) == ["free"]
    assert await PlanLimit.get(feature_id="calls", plan__code="free").values("limit") == {
        "limit": 7
    }


async def test_500_concurrent_consumptions_grant_exactly_the_limit(plans: PlanService) -> None:
    """500 concurrent consumptions against a limit of 100 grant exactly 100."""
    who = Subscriber.user(uuid4())
    results = await asyncio.gather(*(attempt(plans, who) for _ in range(500)))
    assert sum(results) == 100
    assert await UsageCounter.filter(subject_id=who.id).values_list("used", flat=True) == [100]


async def test_refusal_tells_when_the_period_resets(plans: PlanService) -> None:
    """Over the limit: QuotaExceeded with Retry-After until the period's end (the quota headers
    are quota()'s, tested with it)."""
    who = Subscriber.user(uuid4())
    await plans.consume(who, "calls", 100)
    with pytest.raises(QuotaExceeded) as refused:
        await plans.consume(who, "calls", 1)
    # Free plan, no subscription: calendar months; 2026-03-10 12:00 -> 2026-04-01.
    seconds = int((datetime(2026, 4, 1, tzinfo=UTC) - clock_of(plans).now()).total_seconds())
    assert refused.value.headers == {"Retry-After": str(seconds)}
    assert refused.value.code == "quota_exceeded"


async def test_amount_over_the_remainder_is_refused_without_consuming(
    plans: PlanService,
) -> None:
    """An amount larger than what remains is refused and consumes nothing."""
    who = Subscriber.user(uuid4())
    await plans.consume(who, "calls", 95)
    with pytest.raises(QuotaExceeded):
        await plans.consume(who, "calls", 6)
    granted = await plans.consume(who, "calls", 5)
    assert granted.remaining == 0


async def test_absurd_amounts_are_invalid_input(plans: PlanService) -> None:
    """Negative or beyond-64-bit amounts are refused as invalid input, never a store error."""
    who = Subscriber.user(uuid4())
    for amount in (-1, 2**70):
        with pytest.raises(InvalidInput):
            await plans.consume(who, "calls", amount)


async def test_same_key_twenty_times_concurrently_consumes_once(plans: PlanService) -> None:
    """20 concurrent consumptions with one idempotency key consume once and all get the grant."""
    who = Subscriber.user(uuid4())
    outcomes = await asyncio.gather(
        *(plans.consume(who, "calls", 3, idempotency_key="order-1") for _ in range(20))
    )
    assert all(outcome.granted for outcome in outcomes)
    assert sum(not outcome.replayed for outcome in outcomes) == 1
    assert {outcome.remaining for outcome in outcomes} == {97}
    assert await UsageCounter.filter(subject_id=who.id).values_list("used", flat=True) == [3]


async def test_another_subjects_identical_key_is_independent(plans: PlanService) -> None:
    """The same key used by another subject consumes from that subject's quota."""
    ada, bob = Subscriber.user(uuid4()), Subscriber.user(uuid4())
    await plans.consume(ada, "calls", 1, idempotency_key="k")
    second = await plans.consume(bob, "calls", 1, idempotency_key="k")
    assert not second.replayed
    assert await UsageCounter.filter(subject_id=bob.id).values_list("used", flat=True) == [1]


async def test_a_refused_key_is_refused_again_on_retry(plans: PlanService) -> None:
    """A retry of a key whose first attempt was refused gets the same refusal, even with room."""
    who = Subscriber.user(uuid4())
    await plans.consume(who, "calls", 100)
    with pytest.raises(QuotaExceeded):
        await plans.consume(who, "calls", 1, idempotency_key="late")
    await plans.reset_usage(who, "calls")
    with pytest.raises(QuotaExceeded):
        await plans.consume(who, "calls", 1, idempotency_key="late")
    again = await plans.charge(who, "calls", 1, "late")
    assert (again.granted, again.replayed, again.remaining) == (False, True, 0)


async def test_refund_gives_units_and_the_key_back(plans: PlanService) -> None:
    """A refund returns the units and releases the key, so a retry consumes afresh."""
    who = Subscriber.user(uuid4())
    first = await plans.consume(who, "calls", 4, idempotency_key="job-9")
    await plans.refund(first)
    assert await UsageCounter.filter(subject_id=who.id).values_list("used", flat=True) == [0]
    retry = await plans.consume(who, "calls", 4, idempotency_key="job-9")
    assert not retry.replayed and retry.remaining == 96


async def test_a_deleted_counter_row_is_recreated(plans: PlanService) -> None:
    """Consuming after the period's counter row was deleted starts a new row, not an error."""
    who = Subscriber.user(uuid4())
    await plans.consume(who, "calls", 5)
    await UsageCounter.filter(subject_id=who.id).delete()
    again = await plans.consume(who, "calls", 2)
    assert again.remaining == 98
    assert await UsageCounter.filter(subject_id=who.id).values_list("used", flat=True) == [2]


async def test_usage_rolls_over_with_the_period(plans: PlanService) -> None:
    """When the month ends, usage starts again from zero (frozen clock)."""
    who = Subscriber.user(uuid4())
    await plans.consume(who, "calls", 100)
    assert not await attempt(plans, who)
    clock_of(plans).set(datetime(2026, 4, 1, 0, 0, tzinfo=UTC))
    granted = await plans.consume(who, "calls", 1)
    assert granted.remaining == 99
    assert granted.resets_at == datetime(2026, 5, 1, tzinfo=UTC)


async def test_monthly_periods_follow_the_subscription_anchor(plans: PlanService) -> None:
    """A subscription started on the 10th renews on the 10th."""
    who = Subscriber.user(uuid4())
    await plans.assign_plan(who, "pro")
    granted = await plans.consume(who, "calls", 1)
    assert granted.resets_at == datetime(2026, 4, 10, tzinfo=UTC)


async def test_change_plan_keeps_usage_of_the_period(plans: PlanService) -> None:
    """Moving from free to pro keeps what was used this period and applies the new limit."""
    who = Subscriber.user(uuid4())
    await plans.consume(who, "calls", 60)
    await plans.change_plan(who, "pro")
    outcome = await plans.consume(who, "calls", 1)
    assert (outcome.limit, outcome.remaining) == (1000, 939)
    event = await AuditEvent.get(action="plan.changed")
    assert event.details["plan"] == "pro"


async def test_concurrent_assign_plan_leaves_one_active_subscription(plans: PlanService) -> None:
    """20 concurrent assignments end with exactly one active subscription."""
    who = Subscriber.user(uuid4())
    await asyncio.gather(*(plans.assign_plan(who, "pro" if i % 2 else "free") for i in range(20)))
    assert await Subscription.filter(subject_id=who.id, status="active").count() == 1
    assert await Subscription.filter(subject_id=who.id).count() == 20


async def test_service_accounts_subscribe_and_consume(plans: PlanService) -> None:
    """A service account is a subject like a user: its own plan and its own counter."""
    user = Subscriber.user(uuid4())
    robot = Subscriber.service_account(user.id)  # the same id, another kind of subject
    await plans.assign_plan(robot, "pro")
    assert (await plans.consume(robot, "calls", 5)).limit == 1000
    assert (await plans.consume(user, "calls", 5)).limit == 100


async def test_cancel_falls_back_to_the_default_plan(plans: PlanService) -> None:
    """After cancelling pro the subject is on free again."""
    who = Subscriber.user(uuid4())
    await plans.assign_plan(who, "pro")
    assert await plans.has_feature(who, "sso")
    assert await plans.cancel_plan(who)
    assert not await plans.has_feature(who, "sso")
    assert (await plans.entitlement(who, "calls")).plan == "free"


async def test_expired_subscription_stops_counting(plans: PlanService) -> None:
    """A subscription past ends_at no longer applies."""
    who = Subscriber.user(uuid4())
    await plans.assign_plan(who, "pro", ends_at=clock_of(plans).now() + timedelta(days=1))
    clock_of(plans).advance(timedelta(days=2))
    assert (await plans.entitlement(who, "calls")).plan == "free"


async def test_override_wins_over_the_plan(plans: PlanService) -> None:
    """A per-subject override replaces the plan's limit, whatever the plan."""
    who = Subscriber.user(uuid4())
    await plans.set_limit_override(who, "calls", 2)
    await plans.consume(who, "calls", 2)
    assert not await attempt(plans, who)
    await plans.set_limit_override(who, "calls", None)
    unlimited = await plans.consume(who, "calls", 10_000)
    assert unlimited.limit is None and unlimited.remaining is None


async def test_feature_outside_the_plan_is_not_available(plans: PlanService) -> None:
    """Consuming a feature the plan lacks raises FeatureNotAvailable."""
    with pytest.raises(FeatureNotAvailable):
        await plans.consume(Subscriber.user(uuid4()), "sso")


async def test_usage_report_lists_every_feature(plans: PlanService) -> None:
    """get_usage reports used, limit, remaining and period end for every feature."""
    who = Subscriber.user(uuid4())
    await plans.consume(who, "calls", 30)
    report = {line.feature: line for line in await plans.get_usage(who)}
    assert (report["calls"].used, report["calls"].remaining) == (30, 70)
    assert report["calls"].period_end == datetime(2026, 4, 1, tzinfo=UTC)
    assert not report["sso"].available


async def test_a_key_left_pending_by_a_dead_request_is_taken_over(plans: PlanService) -> None:
    """A key claimed long ago and never resolved does not block its retries."""
    who = Subscriber.user(uuid4())
    now = clock_of(plans).now()
    await IdempotencyKey.create(
        **subject_filter(who),
        feature_code="calls",
        key="crashed",
        state="pending",
        created_at=now - timedelta(seconds=60),
        expires_at=now + timedelta(hours=1),
    )
    outcome = await plans.consume(who, "calls", 1, idempotency_key="crashed")
    assert outcome.granted and not outcome.replayed


async def test_a_request_key_replays_its_stored_response(plans: PlanService) -> None:
    """Over HTTP a key is held until its response is stored; then a retry with the same
    fingerprint raises IdempotentReplay with that response, another fingerprint is refused."""
    who = Subscriber.user(uuid4())
    first = await plans.charge_request(who, "calls", 2, "r-1", "f" * 64)
    assert (first.granted, first.remaining, first.idempotency_id is not None) == (True, 98, True)
    with pytest.raises(IdempotencyInProgress) as busy:
        await plans.charge_request(who, "calls", 2, "r-1", "f" * 64)
    assert busy.value.headers == {"Retry-After": "1"}
    stored = StoredResponse(201, (("content-type", "application/json"),), b'{"id":1}')
    await plans.keep_response(first, stored)
    with pytest.raises(IdempotentReplay) as replay:
        await plans.charge_request(who, "calls", 2, "r-1", "f" * 64)
    assert (replay.value.status, replay.value.headers, replay.value.body) == (
        201,
        (("content-type", "application/json"),),
        b'{"id":1}',
    )
    with pytest.raises(IdempotencyKeyReused):
        await plans.charge_request(who, "calls", 2, "r-1", "e" * 64)
    assert await UsageCounter.filter(subject_id=who.id).values_list("used", flat=True) == [2]


async def test_a_request_key_without_a_response_is_taken_over_after_the_lease(
    plans: PlanService,
) -> None:
    """A key held past the lease belongs to a request that died: a retry takes it over."""
    who = Subscriber.user(uuid4())
    await plans.charge_request(who, "calls", 1, "r-2", "f" * 64)
    clock_of(plans).advance(299)
    with pytest.raises(IdempotencyInProgress):
        await plans.charge_request(who, "calls", 1, "r-2", "f" * 64)
    clock_of(plans).advance(1)
    again = await plans.charge_request(who, "calls", 1, "r-2", "f" * 64)
    assert again.granted and again.remaining == 98


async def test_a_response_not_kept_is_not_replayed(plans: PlanService) -> None:
    """A response too large to keep, or a key used through the service API, answers a request's
    retry with IdempotentResponseNotStored."""
    who = Subscriber.user(uuid4())
    first = await plans.charge_request(who, "calls", 1, "big", "f" * 64)
    await plans.keep_response(first, StoredResponse(200, (), None))
    await plans.consume(who, "calls", 1, idempotency_key="job")
    for key in ("big", "job"):
        with pytest.raises(IdempotentResponseNotStored):
            await plans.charge_request(who, "calls", 1, key, "f" * 64)
    assert await UsageCounter.filter(subject_id=who.id).values_list("used", flat=True) == [2]


async def test_expired_idempotency_keys_are_purged(plans: PlanService) -> None:
    """The cleanup step deletes keys past their expiry and keeps the others."""
    who = Subscriber.user(uuid4())
    await plans.consume(who, "calls", 1, idempotency_key="old")
    clock_of(plans).advance(3601)
    await plans.consume(who, "calls", 1, idempotency_key="new")
    assert await plans.purge_expired_idempotency_keys() == 1
    assert await IdempotencyKey.all().values_list("key", flat=True) == ["new"]


async def test_processed_once_runs_an_event_once_under_concurrency(plans: PlanService) -> None:
    """10 concurrent deliveries of one event: exactly one is told to process it."""
    handled: list[bool] = []

    async def deliver() -> None:
        async with plans.processed_once("evt_1", source="stripe") as first:
            handled.append(first)

    await asyncio.gather(*(deliver() for _ in range(10)))
    assert sorted(handled) == [False] * 9 + [True]


async def test_processed_once_forgets_an_event_whose_handler_failed(plans: PlanService) -> None:
    """A handler that raises leaves the event unprocessed, so a redelivery handles it."""

    async def failing_handler() -> None:
        async with plans.processed_once("evt_2") as first:
            assert first
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await failing_handler()
    async with plans.processed_once("evt_2") as again:
        assert again


@pytest.mark.parametrize("move", ["assign_plan", "change_plan"])
async def test_a_days_usage_does_not_carry_into_a_new_monthly_period(
    plans: PlanService, move: str
) -> None:
    """Moved from a daily to a monthly limit on a day the new month starts, the subject starts
    the month at 0; the day's usage stays the day's, and counts again back on the daily plan."""
    clock_of(plans).set(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))  # month anchor and day coincide
    await plans.set_plan_limit("free", "calls", 5, Period.DAY)
    who = Subscriber.user(uuid4())
    await plans.consume(who, "calls", 4)
    await getattr(plans, move)(who, "pro")
    outcome = await plans.consume(who, "calls", 1)
    assert (outcome.limit, outcome.remaining) == (1000, 999)
    assert outcome.resets_at == datetime(2026, 4, 1, tzinfo=UTC)
    rows = UsageCounter.filter(subject_id=who.id).order_by("used")
    assert await rows.values_list("used", flat=True) == [1, 4]
    report = {line.feature: line for line in await plans.get_usage(who)}
    assert (report["calls"].period, report["calls"].used, report["calls"].remaining) == (
        Period.MONTH,
        1,
        999,
    )
    await plans.cancel_plan(who)
    report = {line.feature: line for line in await plans.get_usage(who)}
    assert (report["calls"].period, report["calls"].used, report["calls"].remaining) == (
        Period.DAY,
        4,
        1,
    )
