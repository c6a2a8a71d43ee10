"""An app selling plans: a metered feature, a capability, and a payment webhook."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, FastAPI, HTTPException, Request

from fabric_auth import (
    AuthSettings,
    Consumption,
    FabricAuth,
    FeatureLimit,
    FeatureSpec,
    Period,
    PlanCatalogue,
    PlanSpec,
    Subscriber,
    quota,
    require_feature,
)
from fabric_auth.routers import create_auth_router, create_plans_router, create_users_router

PLANS = PlanCatalogue(
    features=[
        FeatureSpec("ai_generations", "AI generations", unit="generation"),
        FeatureSpec("sso", "Single sign-on"),
    ],
    plans=[
        PlanSpec(
            "free",
            "Free",
            default=True,
            limits={"ai_generations": FeatureLimit(3, Period.DAY)},
        ),
        PlanSpec(
            "pro",
            "Pro",
            limits={
                "ai_generations": FeatureLimit(1000, Period.MONTH),
                "sso": FeatureLimit(1, Period.LIFETIME),
            },
        ),
    ],
)


async def images_requested(request: Request) -> int:
    """One generation per image asked for (1 to 10)."""
    try:
        count = int((await request.json()).get("count", 1))
    except (ValueError, TypeError, AttributeError):
        count = 0
    if not 1 <= count <= 10:
        raise HTTPException(422, "count is a whole number from 1 to 10")
    return count


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    auth = FabricAuth(settings, plans=PLANS)
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())
    app.include_router(create_users_router())
    app.include_router(create_plans_router())

    @app.post("/generate")
    async def generate(
        usage: Annotated[Consumption, Depends(quota("ai_generations"))],
    ) -> dict[str, Any]:
        return {"text": "...", "remaining": usage.remaining}

    @app.post("/images")
    async def images(
        usage: Annotated[Consumption, Depends(quota("ai_generations", images_requested))],
    ) -> dict[str, Any]:
        return {"images": usage.amount, "remaining": usage.remaining}

    @app.get("/sso/settings", dependencies=[Depends(require_feature("sso"))])
    async def sso_settings() -> dict[str, bool]:
        return {"enabled": True}

    @app.post("/webhooks/payments")
    async def payment_event(event: dict[str, str]) -> dict[str, bool]:
        # Verify the payment provider's signature here before trusting the event.
        plans = auth.services.plans
        async with plans.processed_once(event["id"], source="payments") as first:
            if first:
                subscriber = Subscriber.user(UUID(event["user_id"]))
                if event["type"] == "subscription.started":
                    await plans.assign_plan(subscriber, "pro")
                elif event["type"] == "subscription.ended":
                    await plans.cancel_plan(subscriber)
        return {"processed": first}

    return app
