"""The catalogue: features, plans and the limit each plan grants of each feature.

`PlanCatalogue` is what an app declares; `Catalogue` seeds it into the store (creating what is
missing, never overwriting what exists) and administers what is stored. A change that alters
what subjects may use clears the entitlement cache.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from uuid import UUID

from tortoise.models import Model

from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.exceptions import InvalidInput, NotFound
from fabric_auth.pagination import DEFAULT_PAGE_SIZE, Page, TextKey, checked_limit, page_of
from fabric_auth.periods import Period
from fabric_auth.services.audit import AuditAction, AuditLog, Subject
from fabric_auth.services.plans.entitlements import Entitlements
from fabric_auth.store.connection import transaction
from fabric_auth.store.errors import ignoring_duplicate, mapped_store_errors
from fabric_auth.store.models import Feature, Plan, PlanLimit
from fabric_auth.store.queries.pages import by_unique

M = TypeVar("M", bound=Model)

CODE_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"
"""A plan's or feature's code; also a JSON Schema `pattern`."""
_CODE = re.compile(CODE_PATTERN)
_PLAN_CURSOR = TextKey("plans", 64)
_FEATURE_CURSOR = TextKey("features", 64)
MAX_UNITS = 2**62
"""The largest amount or limit: counters are 64-bit, and `used + amount` must not overflow."""


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
            validate_catalogue_code(code)
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


def validate_catalogue_code(code: str) -> str:
    """A plan's or feature's code (`ai_generations`), or `ValueError`."""
    if not _CODE.fullmatch(code):
        raise ValueError(f"{code!r} is not a code (1-64 of a-z, 0-9, '_', '.', '-')")
    return code


# --- the stored catalogue -----------------------------------------------------------------


class Catalogue:
    def __init__(
        self, declared: PlanCatalogue, *, audit: AuditLog, entitlements: Entitlements
    ) -> None:
        self._declared = declared
        self._audit = audit
        self._entitlements = entitlements

    async def seed(self) -> None:
        """Create the declared features and plans (and `free`, `pro`) that are missing."""
        for spec in self._declared.features:
            if not await Feature.exists(code=spec.code):
                with ignoring_duplicate():  # another instance seeding
                    await Feature.create(code=spec.code, name=spec.name, unit=spec.unit)
        has_default = await Plan.exists(is_default=True)
        for plan_spec in self._declared.all_plans():
            plan = await Plan.get_or_none(code=plan_spec.code)
            if plan is None:
                with ignoring_duplicate():
                    await Plan.create(
                        code=plan_spec.code,
                        name=plan_spec.name or plan_spec.code,
                        is_default=plan_spec.default and not has_default,
                    )
                plan = await Plan.get(code=plan_spec.code)
            for feature, limit in plan_spec.limits.items():
                if not await PlanLimit.exists(plan_id=plan.id, feature_id=feature):
                    with ignoring_duplicate():
                        await PlanLimit.create(
                            plan_id=plan.id,
                            feature_id=feature,
                            limit=limit.units,
                            period=limit.period.value,
                        )

    async def list_plans(
        self, *, cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE
    ) -> Page[tuple[Plan, list[PlanLimit]]]:
        """Plans by code, each with its limits: one page of at most `limit`, after `cursor`."""
        limit = checked_limit(limit)
        after = None if cursor is None else _PLAN_CURSOR.decode(cursor)
        plans = await by_unique(Plan.all(), "code", after, limit)
        rows = await PlanLimit.filter(plan_id__in=[plan.id for plan in plans]).order_by(
            "feature_id"
        )
        by_plan: dict[UUID, list[PlanLimit]] = {}
        for row in rows:
            by_plan.setdefault(row.plan_id, []).append(row)  # type: ignore[attr-defined]
        return page_of(
            [(plan, by_plan.get(plan.id, [])) for plan in plans],
            limit,
            lambda entry: _PLAN_CURSOR.encode(entry[0].code),
        )

    async def plan_with_limits(self, code: str) -> tuple[Plan, list[PlanLimit]]:
        plan = await self.get_plan(code)
        return plan, await PlanLimit.filter(plan_id=plan.id).order_by("feature_id")

    async def list_features(
        self, *, cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE
    ) -> Page[Feature]:
        """Features by code: one page of at most `limit`, after `cursor`."""
        limit = checked_limit(limit)
        after = None if cursor is None else _FEATURE_CURSOR.decode(cursor)
        rows = await by_unique(Feature.all(), "code", after, limit)
        return page_of(rows, limit, lambda feature: _FEATURE_CURSOR.encode(feature.code))

    async def get_plan(self, code: str) -> Plan:
        return await _by_code(Plan, code, "No such plan")

    async def get_feature(self, code: str) -> Feature:
        return await _by_code(Feature, code, "No such feature")

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
        with mapped_store_errors(already_exists="A feature with this code already exists"):
            async with transaction():
                feature = await Feature.create(code=code, name=name, unit=unit)
                await self._audit.record(
                    AuditAction.PLAN_UPDATED,
                    actor=actor,
                    target=Subject("feature", code),
                    client=client,
                    details={"created": True, "name": name, "unit": unit},
                )
                await self._entitlements.invalidate()
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
        with mapped_store_errors(already_exists="A plan with this code already exists"):
            async with transaction():
                plan = await Plan.create(code=code, name=name or code)
                await self._audit.record(
                    AuditAction.PLAN_CREATED,
                    actor=actor,
                    target=Subject("plan", code),
                    client=client,
                    details={"name": plan.name},
                )
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
            await self._entitlements.invalidate()
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
        check_limit(limit)
        async with transaction():
            plan = await self.get_plan(code)
            await self.get_feature(feature)
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
            await self._entitlements.invalidate()
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
            await self._entitlements.invalidate()


async def _by_code(model: type[M], code: str, missing: str) -> M:
    row = await model.get_or_none(code=code)
    if row is None:
        raise NotFound(missing)
    return row


def _check_code(code: str) -> None:
    """`validate_catalogue_code` for a caller's input: `InvalidInput` (422), not `ValueError`."""
    try:
        validate_catalogue_code(code)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


def check_limit(limit: int | None) -> None:
    if limit is not None and not 0 <= limit <= MAX_UNITS:
        raise InvalidInput(f"Limits are whole numbers from 0 to {MAX_UNITS} (or unlimited)")
