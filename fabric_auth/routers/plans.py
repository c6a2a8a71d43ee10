"""`create_plans_router()`: plans and features, the caller's usage, and their administration."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request, status
from pydantic import BaseModel, ConfigDict, Field

from fabric_auth.dependencies import authorized
from fabric_auth.exceptions import (
    AlreadyExists,
)
from fabric_auth.http import FabricRoute, client_info
from fabric_auth.openapi import errors
from fabric_auth.periods import Period
from fabric_auth.principal import Principal, PrincipalKind
from fabric_auth.routers.schemas import DEFAULT_LIMIT, Cursor, Limit, Page, Text
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.audit import Subject
from fabric_auth.services.authorization import Action
from fabric_auth.services.plans import PlanService, Subscriber
from fabric_auth.services.plans.catalogue import CODE_PATTERN
from fabric_auth.store.models import Plan, PlanLimit, Subscription

_Code = Annotated[Text, Field(min_length=1, max_length=64, pattern=CODE_PATTERN)]
"""A plan's or feature's code in a body, checked here: not every service call using one looks
it up (resetting a feature's usage does not)."""


class LimitRead(BaseModel):
    feature: str
    limit: int | None
    """`null`: unlimited."""
    period: Period


class PlanRead(BaseModel):
    code: str
    name: str
    is_default: bool
    is_active: bool
    limits: list[LimitRead]

    @classmethod
    def of(cls, plan: Plan, limits: list[PlanLimit]) -> PlanRead:
        return cls(
            code=plan.code,
            name=plan.name,
            is_default=plan.is_default,
            is_active=plan.is_active,
            limits=[
                LimitRead(feature=row.feature_id, limit=row.limit, period=Period(row.period))  # type: ignore[attr-defined]
                for row in limits
            ],
        )


class FeatureRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    unit: str


class FeatureUsageRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    feature: str
    name: str
    unit: str
    available: bool
    used: int
    limit: int | None
    """`null`: unlimited."""
    remaining: int | None
    period: Period | None
    period_end: datetime | None
    """When usage starts again from 0; `null` for lifetime limits."""


class UsageRead(BaseModel):
    plan: str
    features: list[FeatureUsageRead]


class SubscriptionRead(BaseModel):
    plan: str
    status: str
    anchor_day: int
    started_at: datetime
    ends_at: datetime | None

    @classmethod
    def of(cls, subscription: Subscription) -> SubscriptionRead:
        return cls(
            plan=subscription.plan.code,
            status=subscription.status,
            anchor_day=subscription.anchor_day,
            started_at=subscription.started_at,
            ends_at=subscription.ends_at,
        )


class SubjectPlanRead(BaseModel):
    subscription: SubscriptionRead | None
    """`null`: no subscription, the default plan applies."""
    usage: UsageRead


class PlanCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: _Code
    name: Text = Field(default="", max_length=200)


class PlanUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text | None = Field(default=None, max_length=200)
    is_active: bool | None = None
    make_default: bool = False


class FeatureCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: _Code
    name: Text = Field(default="", max_length=200)
    unit: Text = Field(default="", max_length=64)


class LimitBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int | None = Field(ge=0, le=2**62)
    """`null`: unlimited; `0`: the feature is denied."""
    period: Period = Period.MONTH


class OverrideBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int | None = Field(ge=0, le=2**62)
    period: Period | None = None
    """`null`: the plan's period for the feature."""


class SubscribeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan: _Code
    keep_period: bool = True
    """`true`: change plan keeping the current period and its usage; `false`: start a new
    subscription anchored today."""
    ends_at: datetime | None = None
    """Only with `keep_period=false`: when the new subscription stops applying."""


class ResetBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    feature: _Code | None = None
    """`null`: every feature."""


Reader = Annotated[Principal, Depends(authorized(Action.PLANS_READ))]
Manager = Annotated[Principal, Depends(authorized(Action.PLANS_MANAGE))]
_read_plans = authorized(Action.PLANS_READ)


async def _listing_allowed(request: Request) -> None:
    """`plans_public` off: listing plans and features needs `plans:read`."""
    if not FabricAuth.of(request).settings.plans_public:
        await _read_plans(request)


def create_plans_router(*, prefix: str = "", name_prefix: str = "plans") -> APIRouter:
    """`/plans`, `/features`, `/users/me/usage` and `/subscriptions/{kind}/{id}`. Mount under
    any prefix (e.g. `/api/v1`), before or after `create_users_router()`."""
    router = APIRouter(prefix=prefix, tags=["plans"], route_class=FabricRoute)
    listing = [Depends(_listing_allowed)]

    @router.get(
        "/plans", name=f"{name_prefix}:list", response_model=Page[PlanRead], dependencies=listing
    )
    async def list_plans(
        request: Request, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
    ) -> Page[PlanRead]:
        """Plans by code, each with its limits (public unless `plans_public` is off)."""
        page = await _plans(request).list_plans(cursor=cursor, limit=limit)
        return Page[PlanRead].of(page, lambda entry: PlanRead.of(*entry))

    @router.get(
        "/features",
        name=f"{name_prefix}:features",
        response_model=Page[FeatureRead],
        dependencies=listing,
    )
    async def list_features(
        request: Request, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
    ) -> Page[FeatureRead]:
        """Features by code."""
        page = await _plans(request).list_features(cursor=cursor, limit=limit)
        return Page[FeatureRead].of(page, FeatureRead.model_validate)

    @router.get("/users/me/usage", name=f"{name_prefix}:my_usage", response_model=UsageRead)
    async def my_usage(
        request: Request, who: Annotated[Principal, Depends(authorized(Action.ACCOUNT_READ))]
    ) -> UsageRead:
        """The caller's plan and, for every feature, used, limit, remaining and period end."""
        return await _usage(_plans(request), Subscriber.of(who))

    @router.post(
        "/plans",
        name=f"{name_prefix}:create",
        responses=errors(AlreadyExists),
        response_model=PlanRead,
        status_code=status.HTTP_201_CREATED,
    )
    async def create_plan(request: Request, body: PlanCreate, actor: Manager) -> PlanRead:
        plan = await _plans(request).create_plan(
            body.code, body.name, actor=Subject.of(actor), client=client_info(request)
        )
        return PlanRead.of(plan, [])

    @router.patch("/plans/{code}", name=f"{name_prefix}:update", response_model=PlanRead)
    async def update_plan(
        request: Request, code: Text, body: PlanUpdate, actor: Manager
    ) -> PlanRead:
        """Rename, (de)activate, or make the default plan."""
        plans = _plans(request)
        await plans.update_plan(
            code,
            name=body.name,
            is_active=body.is_active,
            make_default=body.make_default,
            actor=Subject.of(actor),
            client=client_info(request),
        )
        return await _plan_read(plans, code)

    @router.put(
        "/plans/{code}/limits/{feature}", name=f"{name_prefix}:set_limit", response_model=PlanRead
    )
    async def set_limit(
        request: Request, code: Text, feature: Text, body: LimitBody, actor: Manager
    ) -> PlanRead:
        """Set how much of a feature the plan grants per period."""
        plans = _plans(request)
        await plans.set_plan_limit(
            code,
            feature,
            body.limit,
            body.period,
            actor=Subject.of(actor),
            client=client_info(request),
        )
        return await _plan_read(plans, code)

    @router.delete(
        "/plans/{code}/limits/{feature}",
        name=f"{name_prefix}:remove_limit",
        status_code=status.HTTP_204_NO_CONTENT,
    )
    async def remove_limit(request: Request, code: Text, feature: Text, actor: Manager) -> None:
        """Take a feature out of a plan."""
        await _plans(request).remove_plan_limit(
            code, feature, actor=Subject.of(actor), client=client_info(request)
        )

    @router.post(
        "/features",
        name=f"{name_prefix}:create_feature",
        responses=errors(AlreadyExists),
        response_model=FeatureRead,
        status_code=status.HTTP_201_CREATED,
    )
    async def create_feature(request: Request, body: FeatureCreate, actor: Manager) -> FeatureRead:
        feature = await _plans(request).create_feature(
            body.code, body.name, body.unit, actor=Subject.of(actor), client=client_info(request)
        )
        return FeatureRead.model_validate(feature)

    @router.get(
        "/subscriptions/{kind}/{subject_id}",
        name=f"{name_prefix}:subscription",
        response_model=SubjectPlanRead,
    )
    async def subscription(
        request: Request, kind: PrincipalKind, subject_id: UUID, _: Reader
    ) -> SubjectPlanRead:
        """A subject's subscription and usage."""
        return await _subject_plan(_plans(request), Subscriber.principal(kind, subject_id))

    @router.put(
        "/subscriptions/{kind}/{subject_id}",
        name=f"{name_prefix}:subscribe",
        response_model=SubjectPlanRead,
    )
    async def subscribe(
        request: Request, kind: PrincipalKind, subject_id: UUID, body: SubscribeBody, actor: Manager
    ) -> SubjectPlanRead:
        """Put a subject on a plan: change plan keeping the period (default), or start anew."""
        plans, who = _plans(request), Subscriber.principal(kind, subject_id)
        by, client = Subject.of(actor), client_info(request)
        if body.keep_period:
            await plans.change_plan(who, body.plan, actor=by, client=client)
        else:
            await plans.assign_plan(who, body.plan, ends_at=body.ends_at, actor=by, client=client)
        return await _subject_plan(plans, who)

    @router.delete(
        "/subscriptions/{kind}/{subject_id}",
        name=f"{name_prefix}:cancel",
        status_code=status.HTTP_204_NO_CONTENT,
    )
    async def cancel(
        request: Request, kind: PrincipalKind, subject_id: UUID, actor: Manager
    ) -> None:
        """End a subject's subscription now; it falls back to the default plan."""
        await _plans(request).cancel_plan(
            Subscriber.principal(kind, subject_id),
            actor=Subject.of(actor),
            client=client_info(request),
        )

    @router.put(
        "/subscriptions/{kind}/{subject_id}/overrides/{feature}",
        name=f"{name_prefix}:set_override",
        response_model=SubjectPlanRead,
    )
    async def set_override(
        request: Request,
        kind: PrincipalKind,
        subject_id: UUID,
        feature: Text,
        body: OverrideBody,
        actor: Manager,
    ) -> SubjectPlanRead:
        """Give one subject its own limit of a feature, whatever its plan."""
        plans, who = _plans(request), Subscriber.principal(kind, subject_id)
        await plans.set_limit_override(
            who,
            feature,
            body.limit,
            body.period,
            actor=Subject.of(actor),
            client=client_info(request),
        )
        return await _subject_plan(plans, who)

    @router.delete(
        "/subscriptions/{kind}/{subject_id}/overrides/{feature}",
        name=f"{name_prefix}:remove_override",
        status_code=status.HTTP_204_NO_CONTENT,
    )
    async def remove_override(
        request: Request, kind: PrincipalKind, subject_id: UUID, feature: Text, actor: Manager
    ) -> None:
        await _plans(request).remove_limit_override(
            Subscriber.principal(kind, subject_id),
            feature,
            actor=Subject.of(actor),
            client=client_info(request),
        )

    @router.post(
        "/subscriptions/{kind}/{subject_id}/usage/reset",
        name=f"{name_prefix}:reset_usage",
        response_model=SubjectPlanRead,
    )
    async def reset_usage(
        request: Request, kind: PrincipalKind, subject_id: UUID, body: ResetBody, actor: Manager
    ) -> SubjectPlanRead:
        """Set the current period's usage of a feature (or of all) back to 0."""
        plans, who = _plans(request), Subscriber.principal(kind, subject_id)
        await plans.reset_usage(
            who, body.feature, actor=Subject.of(actor), client=client_info(request)
        )
        return await _subject_plan(plans, who)

    return router


def _plans(request: Request) -> PlanService:
    return FabricAuth.of(request).services.plans


async def _plan_read(plans: PlanService, code: str) -> PlanRead:
    return PlanRead.of(*await plans.plan_with_limits(code))


async def _usage(plans: PlanService, who: Subscriber) -> UsageRead:
    return UsageRead(
        plan=await plans.current_plan(who),
        features=[FeatureUsageRead.model_validate(line) for line in await plans.get_usage(who)],
    )


async def _subject_plan(plans: PlanService, who: Subscriber) -> SubjectPlanRead:
    subscription = await plans.subscription_of(who)
    return SubjectPlanRead(
        subscription=SubscriptionRead.of(subscription) if subscription else None,
        usage=await _usage(plans, who),
    )
