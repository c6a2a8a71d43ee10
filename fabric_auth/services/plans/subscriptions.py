"""Who is on which plan: subscriptions, and the limits set for one subject alone (overrides).

A subject is on at most one active subscription; without one it is on the default plan. "One
active subscription" is a unique, nullable `active_key` column holding `<kind>:<id>` while the
subscription is active: a concurrent assignment that loses the insert retries, replacing the
winner's, so the last one wins and no subject ever holds two.
"""

from __future__ import annotations

import asyncio
import secrets
from datetime import datetime
from enum import StrEnum
from typing import Any

from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.events.catalogue import (
    SubscriptionCancelled,
    SubscriptionChanged,
    SubscriptionCreated,
)
from fabric_auth.exceptions import Conflict, InvalidInput
from fabric_auth.periods import Period
from fabric_auth.services.audit import AuditAction, AuditLog, Subject
from fabric_auth.services.events import EventOutbox
from fabric_auth.services.plans.catalogue import Catalogue, check_limit
from fabric_auth.services.plans.entitlements import Entitlements, has_ended
from fabric_auth.services.plans.subscriber import Subscriber, subject_filter
from fabric_auth.store.connection import transaction
from fabric_auth.store.errors import StoreFailure, ignoring
from fabric_auth.store.models import LimitOverride, Subscription

_ASSIGN_ATTEMPTS = 50
"""Each round of concurrent assignments to one subject commits at least one of them."""


class SubscriptionStatus(StrEnum):
    ACTIVE = "active"
    CANCELED = "canceled"
    REPLACED = "replaced"


class Subscriptions:
    def __init__(
        self,
        *,
        clock: Clock,
        audit: AuditLog,
        events: EventOutbox,
        catalogue: Catalogue,
        entitlements: Entitlements,
    ) -> None:
        self._clock = clock
        self._audit = audit
        self._events = events
        self._catalogue = catalogue
        self._entitlements = entitlements

    async def subscription_of(self, subscriber: Subscriber) -> Subscription | None:
        """The subject's active subscription (`None`: it is on the default plan)."""
        row = await Subscription.filter(active_key=subscriber.key).select_related("plan").first()
        if row is None or has_ended(row.ends_at, self._clock.now()):
            return None
        return row

    async def overrides_of(self, subscriber: Subscriber) -> list[LimitOverride]:
        """The subject's own limits, by feature (a few at most: one per feature)."""
        return await LimitOverride.filter(**subject_filter(subscriber)).order_by("feature_id")

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
        plan = await self._catalogue.get_plan(plan_code)
        if not plan.is_active:
            raise InvalidInput("This plan takes no new subscriptions")
        for _ in range(_ASSIGN_ATTEMPTS):
            # A duplicate, or a deadlock with a concurrent assignment, rolled it all back.
            with ignoring(StoreFailure.DUPLICATE, StoreFailure.CONTENTION):
                async with transaction():
                    now = self._clock.now()
                    previous = await Subscription.filter(active_key=subscriber.key).values_list(
                        "plan__code", flat=True
                    )
                    await Subscription.filter(active_key=subscriber.key).update(
                        active_key=None, status=SubscriptionStatus.REPLACED.value, ended_at=now
                    )
                    # Losing this insert to a concurrent assignment is a duplicate: try
                    # again, now replacing the winner's subscription.
                    subscription = await Subscription.create(
                        **subject_filter(subscriber),
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
                        target=subscriber,
                        client=client,
                        details={
                            "plan": plan.code,
                            "previous": previous[0] if previous else None,
                            "ends_at": ends_at.isoformat() if ends_at else None,
                        },
                    )
                    await self._events.publish(
                        SubscriptionChanged(
                            plan=plan.code, previous_plan=str(previous[0]), ends_at=ends_at
                        )
                        if previous
                        else SubscriptionCreated(plan=plan.code, ends_at=ends_at),
                        subject=subscriber,
                        actor=actor,
                    )
                    await self._entitlements.invalidate()
                break
            await asyncio.sleep(secrets.randbelow(5) / 1000)
        else:
            raise Conflict("The subscription is being changed concurrently; try again")
        subscription.plan = plan
        return subscription

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
            plans = await Subscription.filter(active_key=subscriber.key).values_list(
                "plan__code", flat=True
            )
            ended = await Subscription.filter(active_key=subscriber.key).update(
                active_key=None, status=SubscriptionStatus.CANCELED.value, ended_at=now
            )
            if ended:
                await self._audit.record(
                    AuditAction.PLAN_CANCELED, actor=actor, target=subscriber, client=client
                )
                await self._events.publish(
                    SubscriptionCancelled(plan=str(plans[0]) if plans else "", ends_at=now),
                    subject=subscriber,
                    actor=actor,
                )
            await self._entitlements.invalidate()
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
        check_limit(limit)
        await self._catalogue.get_feature(feature)
        values: dict[str, Any] = {"limit": limit, "period": period.value if period else None}
        async with transaction():
            row = await LimitOverride.get_or_none(**subject_filter(subscriber), feature_id=feature)
            if row is None:
                row = LimitOverride(**subject_filter(subscriber), feature_id=feature, **values)
            else:
                row.update_from_dict(values)
            await row.save()
            await self._audit.record(
                AuditAction.LIMIT_OVERRIDE_SET,
                actor=actor,
                target=subscriber,
                client=client,
                details={"feature": feature, **values},
            )
            await self._entitlements.invalidate()
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
            removed = await LimitOverride.filter(
                **subject_filter(subscriber), feature_id=feature
            ).delete()
            if removed:
                await self._audit.record(
                    AuditAction.LIMIT_OVERRIDE_REMOVED,
                    actor=actor,
                    target=subscriber,
                    client=client,
                    details={"feature": feature},
                )
            await self._entitlements.invalidate()
        return bool(removed)
