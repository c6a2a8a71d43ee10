"""What subjects used: the usage report of every feature, and resetting a period's usage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.exceptions import FeatureNotAvailable
from fabric_auth.periods import Period
from fabric_auth.services.audit import AuditAction, AuditLog, Subject
from fabric_auth.services.plans.entitlements import Entitlements
from fabric_auth.services.plans.ledger import counter_keys
from fabric_auth.services.plans.subscriber import Subscriber
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import Feature, UsageCounter
from fabric_auth.store.queries import plans as queries


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


class Usage:
    def __init__(self, *, clock: Clock, audit: AuditLog, entitlements: Entitlements) -> None:
        self._clock = clock
        self._audit = audit
        self._entitlements = entitlements

    async def get_usage(self, subscriber: Subscriber) -> list[FeatureUsage]:
        """Every feature: whether the subject has it, used, limit, remaining, period end."""
        now = self._clock.now()
        report = []
        for feature in await Feature.all().order_by("code"):
            try:
                entitlement = await self._entitlements.entitlement(subscriber, feature.code)
            except FeatureNotAvailable:
                report.append(
                    FeatureUsage(
                        feature.code, feature.name, feature.unit, False, 0, 0, 0, None, None
                    )
                )
                continue
            period = entitlement.window(now)
            used_rows = await UsageCounter.filter(
                **counter_keys(subscriber, entitlement, period)
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
                    entitlement = await self._entitlements.entitlement(subscriber, code)
                except FeatureNotAvailable:
                    continue
                counters = await UsageCounter.filter(
                    **counter_keys(subscriber, entitlement, entitlement.window(now))
                ).values("id")
                for counter in counters:
                    # Units of outstanding quota leases may be served still, up to each one's
                    # ceiling: those stay counted, and the leases end (`leases`).
                    held = await queries.drop_leases(int(counter["id"]))
                    reset += await UsageCounter.filter(id=counter["id"]).update(used=held)
            await self._audit.record(
                AuditAction.USAGE_RESET,
                actor=actor,
                target=subscriber,
                client=client,
                details={"feature": feature},
            )
        return reset
