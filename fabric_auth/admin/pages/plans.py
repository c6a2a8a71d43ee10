"""Plans: the catalogue (plans, features, limits), a subject's subscription and usage per
feature (found by a user's email or a service account's slug), its overrides, and resetting its
usage. Changes go through `services.plans`, audited with the administrator as actor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from starlette.responses import Response

from fabric_auth.admin.access import NOTICES, Acting, Allowed, NavEntry, Page
from fabric_auth.admin.rendering import redirect
from fabric_auth.exceptions import InvalidInput, NotFound
from fabric_auth.http import client_info
from fabric_auth.periods import Period
from fabric_auth.principal import PrincipalKind
from fabric_auth.services.audit import Subject
from fabric_auth.services.authorization import Action
from fabric_auth.services.plans import MAX_UNITS, Subscriber

NAV = NavEntry("Plans", "/plans", Action.PLANS_READ)
Viewing = Annotated[Page, Depends(Allowed(Action.PLANS_READ))]
Asking = Annotated[Page, Depends(Allowed(Action.PLANS_MANAGE))]
Managing = Annotated[Page, Depends(Acting(Action.PLANS_MANAGE))]

NOTICES.update(
    {
        "override_set": "Override saved.",
        "override_removed": "Override removed.",
        "usage_reset": "Usage of the current period reset.",
        "plan_changed": "Plan changed.",
        "subscription_canceled": "Subscription ended: the default plan applies.",
    }
)


@dataclass(frozen=True, slots=True)
class Holder:
    """A subject of the plans pages: whom, and how to call it on a page."""

    subscriber: Subscriber
    label: str
    """The user's email or the service account's slug."""

    @property
    def path(self) -> str:
        return f"/plans/subjects/{self.subscriber.kind}/{self.subscriber.id}"


async def _holder(page: Page, kind: PrincipalKind, subject_id: UUID) -> Holder:
    services = page.runtime.services
    if kind is PrincipalKind.USER:
        user = await services.user_admin.get(subject_id)
        return Holder(Subscriber.user(user.id), user.email)
    account = await services.service_accounts.get(subject_id)
    return Holder(Subscriber.service_account(account.id), account.slug)


def _limit(text: str) -> int | None:
    """A limit typed in a form: empty is unlimited."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > MAX_UNITS:
        raise InvalidInput(f"A limit is a whole number from 0 to {MAX_UNITS}, or empty (unlimited)")
    return int(text)


def _period(text: str) -> Period | None:
    """A period chosen in a form: empty is the plan's."""
    if not text:
        return None
    try:
        return Period(text)
    except ValueError:
        raise InvalidInput("No such period") from None


def add_routes(router: APIRouter) -> None:
    @router.get("/plans", name="admin:plans_catalogue")
    async def catalogue(
        page: Viewing, after: str | None = None, features_after: str | None = None
    ) -> Response:
        """Plans with their limits, features, and the form finding a subject."""
        plans = page.runtime.services.plans
        shown = await plans.list_plans(cursor=after)
        features = await plans.list_features(cursor=features_after)
        return page.render(
            "plans_catalogue.html",
            plans=shown.items,
            next_cursor=shown.next_cursor,
            features=features.items,
            next_features=features.next_cursor,
        )

    @router.get("/plans/lookup", name="admin:plans_lookup")
    async def lookup(page: Viewing, email: str = "", slug: str = "") -> Response:
        """Find a subject by a user's email or a service account's slug."""
        services = page.runtime.services
        if email.strip():
            await page.require(Action.USERS_LIST)  # else plans:read would tell who has an account
            found = await services.users.find_by_login(email[:320])
            if found is None:
                raise NotFound("No user with this email")
            user = await services.user_admin.get(found.id)  # not a deleted one
            holder = Holder(Subscriber.user(user.id), user.email)
        elif slug.strip():
            account = await services.service_accounts.get_by_slug(slug.strip()[:64])
            holder = Holder(Subscriber.service_account(account.id), account.slug)
        else:
            raise InvalidInput("Give a user's email or a service account's slug")
        return redirect(page.url(holder.path))

    @router.get("/plans/subjects/{kind}/{subject_id}", name="admin:plans_subject")
    async def subject(page: Viewing, kind: PrincipalKind, subject_id: UUID) -> Response:
        """A subject's subscription, usage per feature and overrides."""
        holder = await _holder(page, kind, subject_id)
        plans = page.runtime.services.plans
        features = await plans.list_features(limit=200)
        catalogue = await plans.list_plans(limit=200)
        return page.render(
            "plans_subject.html",
            holder=holder,
            subscription=await plans.subscription_of(holder.subscriber),
            plan=await plans.current_plan(holder.subscriber),
            usage=await plans.get_usage(holder.subscriber),
            overrides=await plans.overrides_of(holder.subscriber),
            features=features.items,
            open_plans=[plan for plan, _ in catalogue.items if plan.is_active],
            periods=list(Period),
            can_manage=page.can(Action.PLANS_MANAGE),
        )

    @router.post("/plans/subjects/{kind}/{subject_id}/plan", name="admin:plans_change")
    async def change_plan(page: Managing, kind: PrincipalKind, subject_id: UUID) -> Response:
        """Put the subject on a plan: keeping its period and the usage counted in it, or
        starting a new subscription anchored today."""
        holder = await _holder(page, kind, subject_id)
        plans = page.runtime.services.plans
        code = page.fields.get("plan", "")[:64]
        actor, client = Subject.of(page.visitor.principal), client_info(page.request)
        if page.fields.get("keep_period"):
            await plans.change_plan(holder.subscriber, code, actor=actor, client=client)
        else:
            await plans.assign_plan(holder.subscriber, code, actor=actor, client=client)
        return redirect(page.url(f"{holder.path}?done=plan_changed"))

    @router.get("/plans/subjects/{kind}/{subject_id}/cancel", name="admin:plans_cancel_form")
    async def cancel_form(page: Asking, kind: PrincipalKind, subject_id: UUID) -> Response:
        """Ask before ending the subject's subscription."""
        holder = await _holder(page, kind, subject_id)
        subscription = await page.runtime.services.plans.subscription_of(holder.subscriber)
        if subscription is None:
            raise NotFound("The subject has no subscription")
        return page.render("plans_cancel.html", holder=holder, subscription=subscription)

    @router.post("/plans/subjects/{kind}/{subject_id}/cancel", name="admin:plans_cancel")
    async def cancel(page: Managing, kind: PrincipalKind, subject_id: UUID) -> Response:
        """End the subject's subscription now: the default plan applies again."""
        holder = await _holder(page, kind, subject_id)
        ended = await page.runtime.services.plans.cancel_plan(
            holder.subscriber,
            actor=Subject.of(page.visitor.principal),
            client=client_info(page.request),
        )
        if not ended:
            raise NotFound("The subject has no subscription")
        return redirect(page.url(f"{holder.path}?done=subscription_canceled"))

    @router.post("/plans/subjects/{kind}/{subject_id}/overrides", name="admin:plans_set_override")
    async def set_override(page: Managing, kind: PrincipalKind, subject_id: UUID) -> Response:
        """Give the subject its own limit of a feature, whatever its plan."""
        holder = await _holder(page, kind, subject_id)
        await page.runtime.services.plans.set_limit_override(
            holder.subscriber,
            page.fields.get("feature", "")[:64],
            _limit(page.fields.get("limit", "")),
            _period(page.fields.get("period", "")),
            actor=Subject.of(page.visitor.principal),
            client=client_info(page.request),
        )
        return redirect(page.url(f"{holder.path}?done=override_set"))

    @router.post(
        "/plans/subjects/{kind}/{subject_id}/overrides/{feature}/remove",
        name="admin:plans_remove_override",
    )
    async def remove_override(
        page: Managing, kind: PrincipalKind, subject_id: UUID, feature: str
    ) -> Response:
        """Take the subject's own limit of a feature away: its plan's applies again."""
        holder = await _holder(page, kind, subject_id)
        removed = await page.runtime.services.plans.remove_limit_override(
            holder.subscriber,
            feature[:64],
            actor=Subject.of(page.visitor.principal),
            client=client_info(page.request),
        )
        if not removed:
            raise NotFound("The subject has no override of this feature")
        return redirect(page.url(f"{holder.path}?done=override_removed"))

    @router.get("/plans/subjects/{kind}/{subject_id}/reset", name="admin:plans_reset_form")
    async def reset_form(
        page: Asking, kind: PrincipalKind, subject_id: UUID, feature: str = ""
    ) -> Response:
        """Ask before resetting the usage of a feature (or of every feature)."""
        holder = await _holder(page, kind, subject_id)
        if feature:
            await page.runtime.services.plans.get_feature(feature[:64])
        return page.render("plans_reset.html", holder=holder, feature=feature[:64])

    @router.post("/plans/subjects/{kind}/{subject_id}/reset", name="admin:plans_reset")
    async def reset(page: Managing, kind: PrincipalKind, subject_id: UUID) -> Response:
        """Set the current period's usage of a feature (empty: every feature) back to 0."""
        holder = await _holder(page, kind, subject_id)
        feature = page.fields.get("feature", "")[:64] or None
        if feature is not None:
            await page.runtime.services.plans.get_feature(feature)
        await page.runtime.services.plans.reset_usage(
            holder.subscriber,
            feature,
            actor=Subject.of(page.visitor.principal),
            client=client_info(page.request),
        )
        return redirect(page.url(f"{holder.path}?done=usage_reset"))
