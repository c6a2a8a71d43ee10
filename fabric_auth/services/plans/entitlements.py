"""What a subject may use of a feature — plan, limit, period, anchor — and its cache.

An entitlement comes from the subject's override for the feature, else from the limit its plan
grants: the plan of its active subscription, or the default plan without one. Entitlements are
cached per instance; every change made through this package records an invalidation on the
store's change feed in its transaction, which every instance applies (`services.changes`):
this one before the changing call returns, the others within `max_staleness`. Usage is never
cached here: that is the ledger's.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from fabric_auth.cache import BoundedCache
from fabric_auth.clock import Clock
from fabric_auth.exceptions import FeatureNotAvailable
from fabric_auth.periods import Period, Window, window
from fabric_auth.services.changes import ChangeFeed
from fabric_auth.services.plans.subscriber import Subscriber, subject_filter
from fabric_auth.store.models import LimitOverride, Plan, PlanLimit, Subscription

TOPIC = "plans"
_CACHE_SIZE = 100_000


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
class AppliedPlan:
    """The plan that applies to a subject now: its active subscription's, or the default."""

    id: UUID
    code: str
    anchor_day: int
    ends_at: datetime | None


def has_ended(ends_at: datetime | None, now: datetime) -> bool:
    """A subscription ending at `ends_at` (`None`: never) no longer applies at `now`."""
    return ends_at is not None and ends_at <= now


class Entitlements:
    def __init__(self, *, clock: Clock, feed: ChangeFeed, cache_ttl: float) -> None:
        self._clock = clock
        self._feed = feed
        self._cache_ttl = cache_ttl
        self._cache: BoundedCache[tuple[str, str], tuple[Entitlement | None, float]] = BoundedCache(
            _CACHE_SIZE
        )
        """What applies to (subject, feature), `None` when nothing does, with its expiry."""
        self._epoch = 0
        """Bumped by every invalidation: a load that started before one is not cached."""
        feed.on(TOPIC, self._on_change)
        feed.on_resync(self._clear)

    async def invalidate(self) -> None:
        """Forget cached entitlements on every instance; call inside the transaction of a plan,
        limit, subscription or override change."""
        await self._feed.record(TOPIC, "*")

    async def _on_change(self, payload: str) -> None:
        await self._clear()

    async def _clear(self) -> None:
        self._epoch += 1
        self._cache.clear()

    async def entitlement(self, subscriber: Subscriber, feature: str) -> Entitlement:
        """The subject's limit and period for `feature`; `FeatureNotAvailable` when neither
        its plan nor an override grants it. Cached for `quota_cache_ttl` seconds; changes made
        through this package clear the cache (see the module's docstring)."""
        key = (subscriber.key, feature)
        cached = self._cache.get(key)
        if cached is None or cached[1] < time.monotonic() or self._lapsed(cached[0]):
            epoch = self._epoch
            cached = (await self._load(subscriber, feature), 0.0)
            if epoch == self._epoch:
                self._cache.put(key, (cached[0], time.monotonic() + self._cache_ttl))
        if cached[0] is None:
            raise FeatureNotAvailable()
        return cached[0]

    def _lapsed(self, entitlement: Entitlement | None) -> bool:
        """The subscription an entitlement came from has ended since it was cached."""
        ends_at = None if entitlement is None else entitlement.ends_at
        return ends_at is not None and has_ended(ends_at, self._clock.now())

    async def _load(self, subscriber: Subscriber, feature: str) -> Entitlement | None:
        plan = await self.applied_plan(subscriber)
        override = await LimitOverride.filter(
            **subject_filter(subscriber), feature_id=feature
        ).values("limit", "period")
        granted = await PlanLimit.filter(plan_id=plan.id, feature_id=feature).values(
            "limit", "period"
        )
        if override:
            period = override[0]["period"] or (granted[0]["period"] if granted else "month")
            limit = override[0]["limit"]
        elif granted:
            period, limit = granted[0]["period"], granted[0]["limit"]
        else:
            return None
        return Entitlement(feature, plan.code, limit, Period(period), plan.anchor_day, plan.ends_at)

    async def has_feature(self, subscriber: Subscriber, feature: str) -> bool:
        try:
            return (await self.entitlement(subscriber, feature)).enabled
        except FeatureNotAvailable:
            return False

    async def current_plan(self, subscriber: Subscriber) -> str:
        """The code of the plan that applies to the subject now."""
        return (await self.applied_plan(subscriber)).code

    async def applied_plan(self, subscriber: Subscriber) -> AppliedPlan:
        rows = await Subscription.filter(active_key=subscriber.key).values(
            "plan_id", "plan__code", "anchor_day", "ends_at"
        )
        if rows and not has_ended(rows[0]["ends_at"], self._clock.now()):
            row = rows[0]
            return AppliedPlan(row["plan_id"], row["plan__code"], row["anchor_day"], row["ends_at"])
        default = await Plan.filter(is_default=True).values("id", "code")
        if not default:
            raise FeatureNotAvailable("No plan applies: no subscription and no default plan")
        return AppliedPlan(default[0]["id"], default[0]["code"], 1, None)
