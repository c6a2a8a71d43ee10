"""Plans, features, subscriptions and usage quotas, with the store as the ledger.

A subject (user or service account) is on at most one active subscription; without one it is
on the default plan (`free`). A plan grants each of its features a limit per period (or no
limit); a per-subject override wins over the plan. Usage is counted per subject, feature and
period in `UsageCounter` rows, independent of the plan, so changing plan keeps what the current
period already used.

The hard part is exactness under concurrency, on any number of instances:

- consuming is one conditional `UPDATE ... SET used = used + n WHERE used + n <= limit` on the
  period's counter row, created on first use by an insert that tolerates losing the race to a
  concurrent one (unique subject, feature, period start);
- an idempotency key is claimed by inserting its row (unique subject, feature, key): exactly
  one request wins and consumes; the others wait for its outcome and return that;
- "one active subscription" is a unique, nullable `active_key` column holding `<kind>:<id>`
  while the subscription is active; a concurrent assignment that loses the insert retries,
  replacing the winner's, so the last one wins and no subject ever holds two.

What a subject may use of a feature (plan, limit, period, anchor) is cached per instance;
every change made here clears the cache, on every instance through `services.broadcast` when
Redis is configured (otherwise other instances follow within `quota_cache_ttl`). Usage is never
cached: a warm consumption is the one `UPDATE`, on a counter row whose id is remembered.

Consumptions are not audited (the audit chain serializes writes); administrative changes are.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import secrets
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from fabric_auth.cache import BoundedCache
from fabric_auth.clock import Clock
from fabric_auth.exceptions import (
    Conflict,
    FeatureNotAvailable,
    IdempotencyKeyInUse,
    InvalidInput,
    NotFound,
    QuotaExceeded,
)
from fabric_auth.periods import Period, Window, window
from fabric_auth.principal import Principal
from fabric_auth.services.audit import NO_CLIENT, AuditAction, AuditLog, ClientInfo, Subject
from fabric_auth.services.broadcast import Broadcast
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import (
    Feature,
    IdempotencyKey,
    LimitOverride,
    Plan,
    PlanLimit,
    ProcessedEvent,
    Subscription,
    UsageCounter,
)
from fabric_auth.store.sql import Statement

_CODE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")
_ASSIGN_ATTEMPTS = 50
"""Each round of concurrent assignments to one subject commits at least one of them."""
_POLL_INTERVAL = 0.02
_CACHE_SIZE = 100_000
MAX_UNITS = 2**62
"""The largest amount or limit: counters are 64-bit, and `used + amount` must not overflow."""
TOPIC = "plans"


class SubscriptionStatus(StrEnum):
    ACTIVE = "active"
    CANCELED = "canceled"
    REPLACED = "replaced"


class _KeyState(StrEnum):
    PENDING = "pending"
    GRANTED = "granted"
    REFUSED = "refused"


# --- declarations -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeatureLimit:
    """A plan's allowance of one feature: `units` per `period` (`None`: unlimited)."""

    units: int | None
    period: Period = Period.MONTH


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """A feature an app declares: `code` is what `quota()` and `require_feature()` name."""

    code: str
    name: str = ""
    unit: str = ""


@dataclass(frozen=True, slots=True)
class PlanSpec:
    """A plan an app declares, with its limits by feature code."""

    code: str
    name: str = ""
    default: bool = False
    """The plan of subjects without a subscription (only one plan may say so)."""
    limits: Mapping[str, FeatureLimit] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PlanCatalogue:
    """Features and plans seeded at start-up (`FabricAuth(settings, plans=...)`).

    Seeding creates what is missing and never overwrites what exists, so limits changed by an
    administrator survive restarts. Plans `free` (the default) and `pro` are always seeded.
    """

    features: Sequence[FeatureSpec] = ()
    plans: Sequence[PlanSpec] = ()

    def __post_init__(self) -> None:
        features = {spec.code for spec in self.features}
        for code in [*features, *(plan.code for plan in self.plans)]:
            validate_code(code)
        if sum(plan.default for plan in self.plans) > 1:
            raise ValueError("PlanCatalogue: only one plan may be the default")
        for plan in self.plans:
            for feature, limit in plan.limits.items():
                if feature not in features:
                    raise ValueError(
                        f"PlanCatalogue: plan {plan.code!r} limits unknown {feature!r}"
                    )
                if limit.units is not None and limit.units < 0:
                    raise ValueError(f"PlanCatalogue: negative limit for {feature!r}")

    def all_plans(self) -> list[PlanSpec]:
        """The declared plans, plus `free` (default unless another is) and `pro` if missing."""
        plans = list(self.plans)
        codes = {plan.code for plan in plans}
        has_default = any(plan.default for plan in plans)
        if "free" not in codes:
            plans.insert(0, PlanSpec("free", "Free", default=not has_default))
        if "pro" not in codes:
            plans.append(PlanSpec("pro", "Pro"))
        return plans


def validate_code(code: str) -> str:
    if not _CODE.match(code):
        raise ValueError(f"{code!r} is not a code (1-64 of a-z, 0-9, '_', '.', '-')")
    return code


# --- values -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subscriber:
    """Whom a subscription and usage belong to: a user or a service account."""

    kind: str
    id: UUID

    @classmethod
    def of(cls, principal: Principal) -> Subscriber:
        return cls(principal.kind.value, principal.id)

    @classmethod
    def user(cls, user_id: UUID) -> Subscriber:
        return cls("user", user_id)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def subject(self) -> Subject:
        return Subject(self.kind, str(self.id))

    def filter(self) -> dict[str, Any]:
        return {"subject_kind": self.kind, "subject_id": self.id}


@dataclass(frozen=True, slots=True)
class Entitlement:
    """What a subject may use of one feature, from its plan or an override."""

    feature: str
    plan: str
    limit: int | None
    period: Period
    anchor_day: int
    ends_at: datetime | None = None
    """When the subscription it comes from stops applying."""

    @property
    def enabled(self) -> bool:
        return self.limit is None or self.limit > 0

    def window(self, now: datetime) -> Window:
        return window(self.period, now, self.anchor_day)


@dataclass(frozen=True, slots=True)
class Consumption:
    """The outcome of consuming units of a feature, and what a refund needs."""

    feature: str
    amount: int
    granted: bool
    limit: int | None
    """`None`: unlimited."""
    remaining: int | None
    resets_at: datetime | None
    """End of the period; `None` for lifetime limits."""
    counter_id: int | None = None
    """The counter charged; `None` when nothing was (a replayed idempotency key)."""
    idempotency_id: int | None = None
    replayed: bool = False
    """A retry with an idempotency key already used: the first outcome, nothing consumed."""

    def headers(self, now: datetime) -> dict[str, str]:
        """`X-Quota-Limit`, `X-Quota-Remaining`, `X-Quota-Reset` (seconds until the period
        resets; absent for lifetime limits). Nothing for unlimited features."""
        if self.limit is None:
            return {}
        headers = {"X-Quota-Limit": str(self.limit), "X-Quota-Remaining": str(self.remaining)}
        if self.resets_at is not None:
            headers["X-Quota-Reset"] = str(Window(now, self.resets_at).seconds_left(now))
        return headers

    def refusal(self, now: datetime) -> QuotaExceeded:
        retry_after = Window(now, self.resets_at).seconds_left(now) if self.resets_at else None
        return QuotaExceeded(
            f"Quota exceeded for {self.feature}", retry_after=retry_after, headers=self.headers(now)
        )


@dataclass(frozen=True, slots=True)
class FeatureUsage:
    """One line of a subject's usage report."""

    feature: str
    name: str
    unit: str
    available: bool
    used: int
    limit: int | None
    remaining: int | None
    period: Period | None
    period_end: datetime | None


# --- the service --------------------------------------------------------------------------


class PlanService:
    def __init__(
        self,
        *,
        clock: Clock,
        audit: AuditLog,
        catalogue: PlanCatalogue,
        idempotency_ttl: int,
        idempotency_wait: float,
        broadcast: Broadcast,
        cache_ttl: float,
    ) -> None:
        self._clock = clock
        self._audit = audit
        self.catalogue = catalogue
        self._idempotency_ttl = timedelta(seconds=idempotency_ttl)
        self._idempotency_wait = idempotency_wait
        self._broadcast = broadcast
        self._cache_ttl = cache_ttl
        self._entitlements: BoundedCache[tuple[str, str], tuple[Entitlement | None, float]] = (
            BoundedCache(_CACHE_SIZE)
        )
        """What applies to (subject, feature), `None` when nothing does, with its expiry."""
        self._counters: BoundedCache[tuple[str, str, datetime], int] = BoundedCache(_CACHE_SIZE)
        """Counter row ids by (subject, feature, period start): rows are never re-keyed."""
        self._epoch = 0
        """Bumped by every invalidation: a load that started before one is not cached."""
        broadcast.on(TOPIC, self._on_message)
        broadcast.on_resubscribe(self._clear)

    # --- cache of entitlements -----------------------------------------------------------

    async def invalidate(self) -> None:
        """Forget cached entitlements on every instance (after a plan, limit, subscription or
        override change)."""
        await self._clear()
        await self._broadcast.publish(TOPIC, "*")

    async def _on_message(self, payload: str) -> None:
        await self._clear()

    async def _clear(self) -> None:
        self._epoch += 1
        self._entitlements.clear()

    # --- seeding and catalogue -----------------------------------------------------------

    async def seed(self) -> None:
        """Create the declared features and plans (and `free`, `pro`) that are missing."""
        for spec in self.catalogue.features:
            if not await Feature.exists(code=spec.code):
                with contextlib.suppress(IntegrityError):  # another instance seeding
                    await Feature.create(code=spec.code, name=spec.name, unit=spec.unit)
        has_default = await Plan.exists(is_default=True)
        for plan_spec in self.catalogue.all_plans():
            plan = await Plan.get_or_none(code=plan_spec.code)
            if plan is None:
                with contextlib.suppress(IntegrityError):
                    await Plan.create(
                        code=plan_spec.code,
                        name=plan_spec.name or plan_spec.code,
                        is_default=plan_spec.default and not has_default,
                    )
                plan = await Plan.get(code=plan_spec.code)
            for feature, limit in plan_spec.limits.items():
                if not await PlanLimit.exists(plan_id=plan.id, feature_id=feature):
                    with contextlib.suppress(IntegrityError):
                        await PlanLimit.create(
                            plan_id=plan.id,
                            feature_id=feature,
                            limit=limit.units,
                            period=limit.period.value,
                        )

    async def list_plans(self) -> list[tuple[Plan, list[PlanLimit]]]:
        plans = await Plan.all().order_by("code")
        limits = await PlanLimit.all().order_by("feature_id")
        by_plan: dict[UUID, list[PlanLimit]] = {}
        for row in limits:
            by_plan.setdefault(row.plan_id, []).append(row)  # type: ignore[attr-defined]
        return [(plan, by_plan.get(plan.id, [])) for plan in plans]

    async def list_features(self) -> list[Feature]:
        return await Feature.all().order_by("code")

    async def get_plan(self, code: str) -> Plan:
        plan = await Plan.get_or_none(code=code)
        if plan is None:
            raise NotFound("No such plan")
        return plan

    async def create_feature(
        self,
        code: str,
        name: str = "",
        unit: str = "",
        *,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> Feature:
        _check_code(code)
        try:
            async with transaction():
                feature = await Feature.create(code=code, name=name, unit=unit)
                await self._audit.record(
                    AuditAction.PLAN_UPDATED,
                    actor=actor,
                    target=Subject("feature", code),
                    client=client,
                    details={"created": True, "name": name, "unit": unit},
                )
        except IntegrityError:
            raise Conflict("A feature with this code already exists") from None
        await self.invalidate()
        return feature

    async def create_plan(
        self,
        code: str,
        name: str = "",
        *,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> Plan:
        _check_code(code)
        try:
            async with transaction():
                plan = await Plan.create(code=code, name=name or code)
                await self._audit.record(
                    AuditAction.PLAN_CREATED,
                    actor=actor,
                    target=Subject("plan", code),
                    client=client,
                    details={"name": plan.name},
                )
        except IntegrityError:
            raise Conflict("A plan with this code already exists") from None
        return plan

    async def update_plan(
        self,
        code: str,
        *,
        name: str | None = None,
        is_active: bool | None = None,
        make_default: bool = False,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> Plan:
        """Rename, (de)activate, or make a plan the default (the previous default stops being
        it). Deactivating keeps existing subscribers; it refuses new ones."""
        async with transaction():
            plan = await self.get_plan(code)
            changes: dict[str, Any] = {}
            if name is not None:
                plan.name = changes["name"] = name
            if is_active is not None:
                plan.is_active = changes["is_active"] = is_active
            if make_default:
                await Plan.filter(is_default=True).exclude(id=plan.id).update(is_default=False)
                plan.is_default = changes["is_default"] = True
            await plan.save()
            await self._audit.record(
                AuditAction.PLAN_UPDATED,
                actor=actor,
                target=Subject("plan", code),
                client=client,
                details=changes,
            )
        await self.invalidate()
        return plan

    async def set_plan_limit(
        self,
        code: str,
        feature: str,
        limit: int | None,
        period: Period = Period.MONTH,
        *,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> PlanLimit:
        """Grant a plan `limit` units of `feature` per `period` (`None`: unlimited). Usage
        already counted in the current period stays counted."""
        _check_limit(limit)
        async with transaction():
            plan = await self.get_plan(code)
            await self._feature(feature)
            row = await PlanLimit.get_or_none(plan_id=plan.id, feature_id=feature)
            if row is None:
                row = await PlanLimit.create(
                    plan_id=plan.id, feature_id=feature, limit=limit, period=period.value
                )
            else:
                row.limit, row.period = limit, period.value
                await row.save()
            await self._audit.record(
                AuditAction.PLAN_LIMIT_SET,
                actor=actor,
                target=Subject("plan", code),
                client=client,
                details={"feature": feature, "limit": limit, "period": period.value},
            )
        await self.invalidate()
        return row

    async def remove_plan_limit(
        self,
        code: str,
        feature: str,
        *,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> None:
        """Take a feature out of a plan."""
        async with transaction():
            plan = await self.get_plan(code)
            if not await PlanLimit.filter(plan_id=plan.id, feature_id=feature).delete():
                raise NotFound("The plan has no limit for this feature")
            await self._audit.record(
                AuditAction.PLAN_LIMIT_REMOVED,
                actor=actor,
                target=Subject("plan", code),
                client=client,
                details={"feature": feature},
            )
        await self.invalidate()

    async def _feature(self, code: str) -> Feature:
        feature = await Feature.get_or_none(code=code)
        if feature is None:
            raise NotFound("No such feature")
        return feature

    # --- subscriptions -------------------------------------------------------------------

    async def subscription_of(self, subscriber: Subscriber) -> Subscription | None:
        """The subject's active subscription (`None`: it is on the default plan)."""
        row = await Subscription.filter(active_key=subscriber.key).select_related("plan").first()
        if row is None or (row.ends_at is not None and row.ends_at <= self._clock.now()):
            return None
        return row

    async def assign_plan(
        self,
        subscriber: Subscriber,
        plan_code: str,
        *,
        ends_at: datetime | None = None,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> Subscription:
        """Start a new subscription on `plan_code`, ending the subject's current one. Monthly
        periods are anchored on today's day of the month."""
        anchor = self._clock.now().day
        return await self._subscribe(
            subscriber, plan_code, anchor, ends_at, AuditAction.PLAN_ASSIGNED, actor, client
        )

    async def change_plan(
        self,
        subscriber: Subscriber,
        plan_code: str,
        *,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> Subscription:
        """Move the subject to `plan_code` keeping its period anchor and end, so the usage
        already counted in the current period stays counted against the new limits."""
        current = await self.subscription_of(subscriber)
        anchor = current.anchor_day if current else 1
        ends_at = current.ends_at if current else None
        return await self._subscribe(
            subscriber, plan_code, anchor, ends_at, AuditAction.PLAN_CHANGED, actor, client
        )

    async def _subscribe(
        self,
        subscriber: Subscriber,
        plan_code: str,
        anchor_day: int,
        ends_at: datetime | None,
        action: AuditAction,
        actor: Subject | None,
        client: ClientInfo,
    ) -> Subscription:
        plan = await self.get_plan(plan_code)
        if not plan.is_active:
            raise InvalidInput("This plan takes no new subscriptions")
        for _ in range(_ASSIGN_ATTEMPTS):
            try:
                async with transaction():
                    now = self._clock.now()
                    previous = await Subscription.filter(active_key=subscriber.key).values_list(
                        "plan__code", flat=True
                    )
                    await Subscription.filter(active_key=subscriber.key).update(
                        active_key=None, status=SubscriptionStatus.REPLACED.value, ended_at=now
                    )
                    # Losing this insert to a concurrent assignment raises IntegrityError:
                    # try again, now replacing the winner's subscription.
                    subscription = await Subscription.create(
                        **subscriber.filter(),
                        plan_id=plan.id,
                        status=SubscriptionStatus.ACTIVE.value,
                        active_key=subscriber.key,
                        anchor_day=anchor_day,
                        started_at=now,
                        ends_at=ends_at,
                    )
                    await self._audit.record(
                        action,
                        actor=actor,
                        target=subscriber.subject,
                        client=client,
                        details={
                            "plan": plan.code,
                            "previous": previous[0] if previous else None,
                            "ends_at": ends_at.isoformat() if ends_at else None,
                        },
                    )
            except IntegrityError:
                await asyncio.sleep(secrets.randbelow(5) / 1000)
                continue
            await self.invalidate()
            subscription.plan = plan
            return subscription
        raise Conflict("The subscription is being changed concurrently; try again")

    async def cancel_plan(
        self,
        subscriber: Subscriber,
        *,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> bool:
        """End the subject's subscription now (it falls back to the default plan); `False`
        when it had none."""
        async with transaction():
            now = self._clock.now()
            ended = await Subscription.filter(active_key=subscriber.key).update(
                active_key=None, status=SubscriptionStatus.CANCELED.value, ended_at=now
            )
            if ended:
                await self._audit.record(
                    AuditAction.PLAN_CANCELED, actor=actor, target=subscriber.subject, client=client
                )
        await self.invalidate()
        return bool(ended)

    async def set_limit_override(
        self,
        subscriber: Subscriber,
        feature: str,
        limit: int | None,
        period: Period | None = None,
        *,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> LimitOverride:
        """Give one subject its own limit of a feature, whatever its plan (`None`: unlimited;
        `period` `None`: the plan's)."""
        _check_limit(limit)
        await self._feature(feature)
        values: dict[str, Any] = {"limit": limit, "period": period.value if period else None}
        async with transaction():
            row = await LimitOverride.get_or_none(**subscriber.filter(), feature_id=feature)
            if row is None:
                row = LimitOverride(**subscriber.filter(), feature_id=feature, **values)
            else:
                row.update_from_dict(values)
            await row.save()
            await self._audit.record(
                AuditAction.LIMIT_OVERRIDE_SET,
                actor=actor,
                target=subscriber.subject,
                client=client,
                details={"feature": feature, **values},
            )
        await self.invalidate()
        return row

    async def remove_limit_override(
        self,
        subscriber: Subscriber,
        feature: str,
        *,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> bool:
        async with transaction():
            removed = await LimitOverride.filter(**subscriber.filter(), feature_id=feature).delete()
            if removed:
                await self._audit.record(
                    AuditAction.LIMIT_OVERRIDE_REMOVED,
                    actor=actor,
                    target=subscriber.subject,
                    client=client,
                    details={"feature": feature},
                )
        await self.invalidate()
        return bool(removed)

    # --- entitlements --------------------------------------------------------------------

    async def entitlement(self, subscriber: Subscriber, feature: str) -> Entitlement:
        """The subject's limit and period for `feature`; `FeatureNotAvailable` when neither
        its plan nor an override grants it. Cached for `quota_cache_ttl` seconds (changes made
        through this service clear the cache at once, on every instance with Redis)."""
        key = (subscriber.key, feature)
        cached = self._entitlements.get(key)
        if cached is None or cached[1] < time.monotonic() or _lapsed(cached[0], self._clock):
            epoch = self._epoch
            cached = (await self._load_entitlement(subscriber, feature), 0.0)
            if epoch == self._epoch:
                self._entitlements.put(key, (cached[0], time.monotonic() + self._cache_ttl))
        if cached[0] is None:
            raise FeatureNotAvailable()
        return cached[0]

    async def _load_entitlement(self, subscriber: Subscriber, feature: str) -> Entitlement | None:
        plan_id, plan_code, anchor_day, ends_at = await self._plan_of(subscriber)
        override = await LimitOverride.filter(**subscriber.filter(), feature_id=feature).values(
            "limit", "period"
        )
        granted = await PlanLimit.filter(plan_id=plan_id, feature_id=feature).values(
            "limit", "period"
        )
        if override:
            period = override[0]["period"] or (granted[0]["period"] if granted else "month")
            limit = override[0]["limit"]
        elif granted:
            period, limit = granted[0]["period"], granted[0]["limit"]
        else:
            return None
        return Entitlement(feature, plan_code, limit, Period(period), anchor_day, ends_at)

    async def has_feature(self, subscriber: Subscriber, feature: str) -> bool:
        try:
            return (await self.entitlement(subscriber, feature)).enabled
        except FeatureNotAvailable:
            return False

    async def current_plan(self, subscriber: Subscriber) -> str:
        """The code of the plan that applies to the subject now."""
        return (await self._plan_of(subscriber))[1]

    async def _plan_of(self, subscriber: Subscriber) -> tuple[UUID, str, int, datetime | None]:
        rows = await Subscription.filter(active_key=subscriber.key).values(
            "plan_id", "plan__code", "anchor_day", "ends_at"
        )
        if rows and (rows[0]["ends_at"] is None or rows[0]["ends_at"] > self._clock.now()):
            row = rows[0]
            return row["plan_id"], row["plan__code"], row["anchor_day"], row["ends_at"]
        default = await Plan.filter(is_default=True).values("id", "code")
        if not default:
            raise FeatureNotAvailable("No plan applies: no subscription and no default plan")
        return default[0]["id"], default[0]["code"], 1, None

    # --- consumption ---------------------------------------------------------------------

    async def consume(
        self,
        subscriber: Subscriber,
        feature: str,
        amount: int = 1,
        *,
        idempotency_key: str | None = None,
    ) -> Consumption:
        """Use `amount` units of `feature`; `QuotaExceeded` (429) when the period's limit would
        be passed, `FeatureNotAvailable` (403) when the plan lacks the feature.

        With `idempotency_key`, the first call decides and every retry with the same key (for
        this subject and feature) returns its outcome without consuming, also while the first
        is still running (the retry waits for it).
        """
        if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount <= MAX_UNITS:
            raise InvalidInput(f"The amount to consume is a whole number from 0 to {MAX_UNITS}")
        if idempotency_key is None:
            return await self._consume(subscriber, feature, amount)
        if not _IDEMPOTENCY_KEY.match(idempotency_key):
            raise InvalidInput("Idempotency keys are 1-200 visible ASCII characters")
        return await self._consume_once(subscriber, feature, amount, idempotency_key)

    async def _consume(self, subscriber: Subscriber, feature: str, amount: int) -> Consumption:
        outcome = await self._charge(subscriber, feature, amount)
        if not outcome.granted:
            raise outcome.refusal(self._clock.now())
        return outcome

    async def _charge(self, subscriber: Subscriber, feature: str, amount: int) -> Consumption:
        """Try to consume; the outcome says whether it was granted."""
        entitlement = await self.entitlement(subscriber, feature)
        limit = entitlement.limit
        period = entitlement.window(self._clock.now())
        keys = {**subscriber.filter(), "feature_code": feature, "period_start": period.start}
        cache_key = (subscriber.key, feature, period.start)
        counter_id = self._counters.get(cache_key)
        if counter_id is None:
            counter_id = self._counters.put(cache_key, await _counter_row(keys))
        used = await _add(counter_id, amount, limit)
        granted = used is not None
        if used is None:
            used = await _used(counter_id)
            if used is None:  # the remembered row was deleted (reset of the store)
                counter_id = self._counters.put(cache_key, await _counter_row(keys))
                used = await _add(counter_id, amount, limit)
                granted = used is not None
                used = used if used is not None else (await _used(counter_id) or 0)
        return Consumption(
            feature=feature,
            amount=amount,
            granted=granted,
            limit=limit,
            remaining=None if limit is None else max(0, limit - used),
            resets_at=period.end,
            counter_id=counter_id if granted else None,
        )

    async def _consume_once(
        self, subscriber: Subscriber, feature: str, amount: int, key: str
    ) -> Consumption:
        names = {**subscriber.filter(), "feature_code": feature, "key": key}
        deadline = time.monotonic() + self._idempotency_wait
        while True:
            now = self._clock.now()
            claim = await _claim(names, now, now + self._idempotency_ttl)
            if claim is not None:
                return await self._decide(subscriber, feature, amount, claim)
            first = await IdempotencyKey.get_or_none(**names)
            if first is None:
                continue  # the first request failed and gave its key back
            if first.expires_at <= now:
                await IdempotencyKey.filter(id=first.id, expires_at__lte=now).delete()
                continue
            if first.state == _KeyState.PENDING and _abandoned(first, now, self._idempotency_wait):
                # Its request died between claiming the key and recording the outcome.
                await IdempotencyKey.filter(id=first.id, state=_KeyState.PENDING.value).delete()
                continue
            if first.state != _KeyState.PENDING:
                outcome = _replay(first)
                if not outcome.granted:
                    raise outcome.refusal(now)
                return outcome
            if time.monotonic() >= deadline:
                raise IdempotencyKeyInUse()
            await asyncio.sleep(_POLL_INTERVAL)

    async def _decide(
        self, subscriber: Subscriber, feature: str, amount: int, claim: int
    ) -> Consumption:
        try:
            outcome = await self._charge(subscriber, feature, amount)
        except BaseException:
            await IdempotencyKey.filter(id=claim).delete()
            raise
        await IdempotencyKey.filter(id=claim).update(
            state=(_KeyState.GRANTED if outcome.granted else _KeyState.REFUSED).value,
            counter_id=outcome.counter_id,
            amount=amount,
            limit=outcome.limit,
            remaining=outcome.remaining,
            resets_at=outcome.resets_at,
        )
        if not outcome.granted:
            raise outcome.refusal(self._clock.now())
        return replace(outcome, idempotency_id=claim)

    async def refund(self, consumption: Consumption) -> None:
        """Give back what `consumption` charged (the request it served failed); an idempotency
        key it claimed is released, so a retry with that key runs afresh."""
        if consumption.counter_id is not None and consumption.amount:
            await UsageCounter.filter(
                id=consumption.counter_id, used__gte=consumption.amount
            ).update(used=F("used") - consumption.amount)
        if consumption.idempotency_id is not None:
            await IdempotencyKey.filter(id=consumption.idempotency_id).delete()

    async def purge_expired_idempotency_keys(self) -> int:
        """Delete idempotency keys past their expiry (a cleanup step)."""
        return int(await IdempotencyKey.filter(expires_at__lte=self._clock.now()).delete())

    # --- usage ---------------------------------------------------------------------------

    async def get_usage(self, subscriber: Subscriber) -> list[FeatureUsage]:
        """Every feature: whether the subject has it, used, limit, remaining, period end."""
        now = self._clock.now()
        report = []
        for feature in await Feature.all().order_by("code"):
            try:
                entitlement = await self.entitlement(subscriber, feature.code)
            except FeatureNotAvailable:
                report.append(
                    FeatureUsage(
                        feature.code, feature.name, feature.unit, False, 0, 0, 0, None, None
                    )
                )
                continue
            period = entitlement.window(now)
            used_rows = await UsageCounter.filter(
                **subscriber.filter(), feature_code=feature.code, period_start=period.start
            ).values("used")
            used = int(used_rows[0]["used"]) if used_rows else 0
            limit = entitlement.limit
            report.append(
                FeatureUsage(
                    feature=feature.code,
                    name=feature.name,
                    unit=feature.unit,
                    available=entitlement.enabled,
                    used=used,
                    limit=limit,
                    remaining=None if limit is None else max(0, limit - used),
                    period=entitlement.period,
                    period_end=period.end,
                )
            )
        return report

    async def reset_usage(
        self,
        subscriber: Subscriber,
        feature: str | None = None,
        *,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> int:
        """Set the current period's usage of `feature` (every feature: `None`) back to 0."""
        now = self._clock.now()
        codes = [feature] if feature else [row.code for row in await Feature.all()]
        reset = 0
        async with transaction():
            for code in codes:
                try:
                    entitlement = await self.entitlement(subscriber, code)
                except FeatureNotAvailable:
                    continue
                reset += await UsageCounter.filter(
                    **subscriber.filter(),
                    feature_code=code,
                    period_start=entitlement.window(now).start,
                ).update(used=0)
            await self._audit.record(
                AuditAction.USAGE_RESET,
                actor=actor,
                target=subscriber.subject,
                client=client,
                details={"feature": feature},
            )
        return reset

    # --- webhooks ------------------------------------------------------------------------

    @asynccontextmanager
    async def processed_once(
        self, event_id: str, *, source: str = "webhook"
    ) -> AsyncIterator[bool]:
        """Handle an external event (a payment webhook) at most once:

        ```python
        async with services.plans.processed_once(event["id"], source="stripe") as first:
            if first:
                await services.plans.assign_plan(subscriber, "pro")
        ```

        The block runs in one transaction with the record of the event: if it raises, the event
        is not marked and a redelivery handles it again. A concurrent delivery of the same event
        waits for this one and gets `False`.
        """
        if not event_id or len(event_id) > 255 or len(source) > 64:
            raise InvalidInput("Event ids are 1-255 characters, sources up to 64")
        async with transaction():
            first = True
            try:
                async with transaction():  # a savepoint: a duplicate must not abort the outer one
                    await ProcessedEvent.create(
                        source=source, event_id=event_id, processed_at=self._clock.now()
                    )
            except IntegrityError:
                first = False
            yield first


async def _counter_row(keys: dict[str, Any]) -> int:
    """The id of the counter row of (subject, feature, period start), created on first use;
    a concurrent first use may create it too, and the unique key keeps it single."""
    rows = await UsageCounter.filter(**keys).values("id")
    if not rows:
        with contextlib.suppress(IntegrityError):
            await UsageCounter.create(**keys, used=0)
        rows = await UsageCounter.filter(**keys).values("id")
    return int(rows[0]["id"])


async def _used(counter_id: int) -> int | None:
    rows = await UsageCounter.filter(id=counter_id).values("used")
    return int(rows[0]["used"]) if rows else None


async def _add(counter_id: int, amount: int, limit: int | None) -> int | None:
    """The one conditional `UPDATE ... SET used = used + amount WHERE used + amount <= limit`
    on a counter row; its new `used`, or `None` when it was refused (or the row is gone).

    Written as SQL (`store.sql`) for its `RETURNING` (SQLite 3.35+, PostgreSQL): the headers
    need the new total, and a second query to read it would double the cost of every
    consumption.
    """
    if limit is None:
        rows = await _ADD.rows(amount, counter_id)
    else:
        rows = await _ADD_LIMITED.rows(amount, counter_id, limit - amount)
    return int(rows[0]["used"]) if rows else None


_ADD = Statement(
    UsageCounter,
    'UPDATE "fabric_auth_usage_counters" SET "used" = "used" + ? WHERE "id" = ? RETURNING "used"',
)
_ADD_LIMITED = Statement(
    UsageCounter,
    'UPDATE "fabric_auth_usage_counters" SET "used" = "used" + ? WHERE "id" = ? '
    'AND "used" <= ? RETURNING "used"',
)


def _abandoned(row: IdempotencyKey, now: datetime, wait: float) -> bool:
    """A key still pending long after it was claimed: recording an outcome takes a few
    queries, so its request is gone (a crash after consuming would then count twice)."""
    return row.created_at <= now - timedelta(seconds=max(wait, 1.0))


def _lapsed(entitlement: Entitlement | None, clock: Clock) -> bool:
    """The subscription an entitlement came from has ended since it was cached."""
    return (
        entitlement is not None
        and entitlement.ends_at is not None
        and entitlement.ends_at <= clock.now()
    )


async def _claim(names: dict[str, Any], now: datetime, expires_at: datetime) -> int | None:
    """Insert the key's row, pending; its id when this request won it, `None` when it exists."""
    try:
        row = await IdempotencyKey.create(
            **names, state=_KeyState.PENDING.value, created_at=now, expires_at=expires_at
        )
    except IntegrityError:
        return None
    return int(row.id)


def _replay(first: IdempotencyKey) -> Consumption:
    return Consumption(
        feature=first.feature_code,
        amount=first.amount,
        granted=first.state == _KeyState.GRANTED,
        limit=first.limit,
        remaining=first.remaining,
        resets_at=first.resets_at,
        replayed=True,
    )


def _check_code(code: str) -> None:
    try:
        validate_code(code)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


def _check_limit(limit: int | None) -> None:
    if limit is not None and not 0 <= limit <= MAX_UNITS:
        raise InvalidInput(f"Limits are whole numbers from 0 to {MAX_UNITS} (or unlimited)")
