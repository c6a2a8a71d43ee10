"""quota(), require_feature() and create_plans_router() in running apps, on both stores."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Annotated, Any

import httpx
import pytest
from fastapi import Depends, HTTPException, Request
from fastapi.responses import JSONResponse

from fabric_auth.clock import FrozenClock
from fabric_auth.dependencies import require
from fabric_auth.entitlements import quota, quota_headers, require_feature
from fabric_auth.periods import Period
from fabric_auth.services.plans import Consumption, Subscriber
from fabric_auth.store.models import AuditEvent, Role, Subscription, UsageCounter, User, UserRole
from tests.conftest import PASSWORD, AppFactory, RunningApp, seconds_until

QUOTA_HEADERS = ("Retry-After", "X-Quota-Limit", "X-Quota-Remaining", "X-Quota-Reset")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def n_from_query(request: Request) -> int:
    return int(request.query_params.get("n", "1"))


def add_routes(app: RunningApp) -> None:
    @app.app.post("/generate")
    async def generate(usage: Annotated[Consumption, Depends(quota("calls"))]) -> dict[str, Any]:
        return {"remaining": usage.remaining, "replayed": usage.replayed}

    @app.app.post("/batch")
    async def batch(
        usage: Annotated[Consumption, Depends(quota("calls", n_from_query))],
    ) -> dict[str, Any]:
        return {"amount": usage.amount}

    @app.app.post("/fails")
    async def fails(_: Annotated[Consumption, Depends(quota("calls", 5))]) -> None:
        raise HTTPException(409, "downstream refused")

    @app.app.post("/declines")
    async def declines(_: Annotated[Consumption, Depends(quota("calls", 3))]) -> JSONResponse:
        return JSONResponse({"detail": "unsafe prompt"}, status_code=400)

    @app.app.post("/unavailable")
    async def unavailable(_: Annotated[Consumption, Depends(quota("calls", 4))]) -> JSONResponse:
        return JSONResponse({"detail": "downstream down"}, status_code=503)

    @app.app.post("/crashes")
    async def crashes(_: Annotated[Consumption, Depends(quota("calls", 6))]) -> None:
        raise RuntimeError("a bug in the route")

    @app.app.post("/then-forbidden")
    async def then_forbidden(
        _: Annotated[Consumption, Depends(quota("calls", 7))],
        __: Annotated[object, Depends(require("reports:delete"))],
    ) -> None:
        return None

    @app.app.get("/sso", dependencies=[Depends(require_feature("sso"))])
    async def sso() -> str:
        return "ok"


async def start(make_app: AppFactory, **settings: Any) -> RunningApp:
    app = await make_app(**settings)
    add_routes(app)
    return app


async def declare(app: RunningApp, limit: int = 100) -> None:
    plans = app.auth.services.plans
    await plans.create_feature("calls", "API calls", "call")
    await plans.create_feature("sso", "Single sign-on")
    await plans.set_plan_limit("free", "calls", limit, Period.MONTH)
    await plans.set_plan_limit("pro", "calls", None, Period.MONTH)
    await plans.set_plan_limit("pro", "sso", 1, Period.LIFETIME)


async def used(email: str = "ada@example.com") -> int:
    user = await User.get(email_normalized=email)
    rows = await UsageCounter.filter(subject_id=user.id).values_list("used", flat=True)
    return int(sum(rows))  # type: ignore[arg-type]


@pytest.fixture
async def two(make_app: AppFactory) -> tuple[RunningApp, RunningApp, str]:
    """Two instances on one store, quota routes on both, ada signed in."""
    first, second = await start(make_app), await start(make_app)
    await first.create_user()
    await declare(first)
    token = (await first.tokens())["access_token"]
    return first, second, token


async def test_500_requests_on_two_instances_grant_exactly_100(
    two: tuple[RunningApp, RunningApp, str],
) -> None:
    """500 concurrent requests split across two instances against a limit of 100: 100 pass."""
    first, second, token = two
    responses = await asyncio.gather(
        *(
            (first if i % 2 else second).client.post("/generate", headers=bearer(token))
            for i in range(500)
        )
    )
    statuses = [response.status_code for response in responses]
    assert statuses.count(200) == 100 and statuses.count(429) == 400
    refused = next(response for response in responses if response.status_code == 429)
    assert refused.json()["code"] == "quota_exceeded"
    assert refused.headers["X-Quota-Limit"] == "100"
    assert refused.headers["X-Quota-Remaining"] == "0"
    assert int(refused.headers["Retry-After"]) == int(refused.headers["X-Quota-Reset"]) > 0
    assert await used() == 100


async def test_same_key_20_times_on_two_instances_consumes_once(
    two: tuple[RunningApp, RunningApp, str],
) -> None:
    """20 concurrent requests with one Idempotency-Key across two instances consume once: each
    gets the first response or 409 idempotency_in_progress."""
    first, second, token = two
    headers = {**bearer(token), "Idempotency-Key": "order-42"}
    responses = await asyncio.gather(
        *(
            (first if i % 2 else second).client.post("/batch?n=7", headers=headers)
            for i in range(20)
        )
    )
    served = [response for response in responses if response.status_code == 200]
    busy = [response for response in responses if response.status_code == 409]
    assert len(served) + len(busy) == 20 and served
    assert {response.headers["X-Quota-Remaining"] for response in served} == {"93"}
    assert {response.json()["code"] for response in busy} <= {"idempotency_in_progress"}
    assert await used() == 7


async def test_another_users_identical_key_is_independent(
    two: tuple[RunningApp, RunningApp, str],
) -> None:
    """Bob sending ada's idempotency key consumes from his own quota."""
    first, _, token = two
    await first.create_user("bob@example.com")
    bob = (await first.tokens("bob@example.com"))["access_token"]
    for who in (token, bob):
        response = await first.client.post(
            "/generate", headers={**bearer(who), "Idempotency-Key": "same"}
        )
        assert response.json() == {"remaining": 99, "replayed": False}
    assert await used("bob@example.com") == 1


async def test_failed_route_gives_units_back(two: tuple[RunningApp, RunningApp, str]) -> None:
    """A route that raises after consuming gets its units refunded."""
    first, _, token = two
    response = await first.client.post("/fails", headers=bearer(token))
    assert response.status_code == 409
    assert await used() == 0


async def test_a_failed_request_gives_units_back_however_it_failed(
    two: tuple[RunningApp, RunningApp, str],
) -> None:
    """Units come back when the route answers 5xx, raises an unhandled exception (500) or a
    later dependency refuses the caller (403); the counter ends where it started."""
    first, _, token = two
    transport = httpx.ASGITransport(app=first.app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
        for path, status in (("/unavailable", 503), ("/crashes", 500), ("/then-forbidden", 403)):
            response = await client.post(path, headers=bearer(token))
            assert response.status_code == status
    assert await used() == 0


async def test_a_4xx_the_route_returns_keeps_its_units(
    two: tuple[RunningApp, RunningApp, str],
) -> None:
    """A 4xx response the route returns without raising is its answer: the units stay used."""
    first, _, token = two
    response = await first.client.post("/declines", headers=bearer(token))
    assert (response.status_code, response.json()) == (400, {"detail": "unsafe prompt"})
    assert await used() == 3


async def test_amount_computed_from_the_request(two: tuple[RunningApp, RunningApp, str]) -> None:
    """An async amount function decides how many units a request consumes."""
    first, _, token = two
    response = await first.client.post("/batch?n=30", headers=bearer(token))
    assert response.json() == {"amount": 30}
    assert response.headers["X-Quota-Remaining"] == "70"
    assert await used() == 30


async def test_daily_limit_rolls_over_at_midnight_utc(make_app: AppFactory) -> None:
    """A day limit refuses until midnight UTC (Retry-After says so) and grants again after it."""
    clock = FrozenClock(datetime(2026, 3, 10, 23, 0, tzinfo=UTC))
    app = await start(make_app, clock=clock)
    await app.create_user()
    await declare(app)
    await app.auth.services.plans.set_plan_limit("free", "calls", 2, Period.DAY)
    token = (await app.tokens())["access_token"]
    for _ in range(2):
        assert (await app.client.post("/generate", headers=bearer(token))).status_code == 200
    refused = await app.client.post("/generate", headers=bearer(token))
    assert (refused.status_code, refused.headers["Retry-After"]) == (429, "3600")
    clock.set(datetime(2026, 3, 11, 0, 0, 1, tzinfo=UTC))
    token = (await app.tokens())["access_token"]
    granted = await app.client.post("/generate", headers=bearer(token))
    assert granted.status_code == 200
    assert granted.headers["X-Quota-Remaining"] == "1"


async def test_refusal_carries_the_quota_headers(make_app: AppFactory) -> None:
    """A 429 carries X-Quota-Limit, X-Quota-Remaining 0 and X-Quota-Reset equal to Retry-After,
    the seconds until the period resets."""
    clock = FrozenClock(datetime(2026, 3, 10, 23, 0, tzinfo=UTC))
    app = await start(make_app, clock=clock)
    await app.create_user()
    await declare(app, limit=1)
    token = (await app.tokens())["access_token"]
    assert (await app.client.post("/generate", headers=bearer(token))).status_code == 200
    refused = await app.client.post("/generate", headers=bearer(token))
    assert refused.status_code == 429
    seconds = str(int((datetime(2026, 4, 1, tzinfo=UTC) - clock.now()).total_seconds()))
    assert {name: refused.headers.get(name) for name in QUOTA_HEADERS} == {
        "Retry-After": seconds,
        "X-Quota-Limit": "1",
        "X-Quota-Remaining": "0",
        "X-Quota-Reset": seconds,
    }


def test_consumption_headers_omit_reset_for_lifetime() -> None:
    """A lifetime limit sends limit and remaining but no reset."""
    outcome = Consumption("sso", 1, True, 1, 0, None)
    assert quota_headers(outcome, datetime.now(UTC)) == {
        "X-Quota-Limit": "1",
        "X-Quota-Remaining": "0",
    }


def test_unlimited_consumption_sends_no_quota_headers() -> None:
    """An unlimited feature sends no quota header."""
    outcome = Consumption("calls", 10_000, True, None, None, datetime(2026, 4, 1, tzinfo=UTC))
    assert quota_headers(outcome, datetime(2026, 3, 10, tzinfo=UTC)) == {}


async def test_quota_needs_a_caller_and_a_sane_key(
    two: tuple[RunningApp, RunningApp, str],
) -> None:
    """No credentials: 401; an unusable idempotency key: 422 validation_error."""
    first, _, token = two
    assert (await first.client.post("/generate")).status_code == 401
    response = await first.client.post(
        "/generate", headers={**bearer(token), "Idempotency-Key": "x" * 201}
    )
    assert (response.status_code, response.json()["code"]) == (422, "validation_error")


async def test_require_feature_follows_the_plan(two: tuple[RunningApp, RunningApp, str]) -> None:
    """SSO is refused on free (403 feature_not_available) and allowed once on pro."""
    first, _, token = two
    response = await first.client.get("/sso", headers=bearer(token))
    assert (response.status_code, response.json()["code"]) == (403, "feature_not_available")
    user = await User.get(email_normalized="ada@example.com")
    await first.auth.services.plans.change_plan(Subscriber.user(user.id), "pro")
    assert (await first.client.get("/sso", headers=bearer(token))).status_code == 200


async def test_my_usage_with_the_users_router_mounted(
    two: tuple[RunningApp, RunningApp, str],
) -> None:
    """GET /users/me/usage is not captured by /users/{id} and reports every feature."""
    first, _, token = two
    await first.client.post("/batch?n=12", headers=bearer(token))
    response = await first.client.get("/users/me/usage", headers=bearer(token))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["plan"] == "free"
    calls = next(line for line in body["features"] if line["feature"] == "calls")
    assert (calls["used"], calls["limit"], calls["remaining"]) == (12, 100, 88)
    assert calls["period_end"] is not None


async def test_my_usage_when_the_plans_router_comes_first(make_app: AppFactory, store: str) -> None:
    """Mounted before create_users_router(), /users/me/usage still answers and /users/me too;
    the OpenAPI document builds with quota() routes."""
    from fastapi import FastAPI

    from fabric_auth import FabricAuth
    from fabric_auth.routers import create_auth_router, create_plans_router, create_users_router
    from fabric_auth.services.users import NewUser
    from fabric_auth.testing import serve, sign_in, test_settings

    auth = FabricAuth(test_settings(database_url=store))
    app = FastAPI()
    auth.install(app)
    app.include_router(create_plans_router())
    app.include_router(create_users_router())
    app.include_router(create_auth_router())
    async with serve(app) as client:
        await auth.services.users.create(NewUser(email="ada@example.com", password=PASSWORD))
        token = (await sign_in(client, "ada@example.com", PASSWORD))["access_token"]
        usage = await client.get("/users/me/usage", headers=bearer(token))
        me = await client.get("/users/me", headers=bearer(token))
    assert usage.status_code == 200 and usage.json()["plan"] == "free"
    assert me.json()["email"] == "ada@example.com"
    running = await start(make_app)
    schema = (await running.client.get("/openapi.json")).json()
    assert "/users/me/usage" in schema["paths"] and "/generate" in schema["paths"]


async def test_plans_are_listed_publicly_or_not(make_app: AppFactory) -> None:
    """GET /plans is public by default; with plans_public off it needs plans:read."""
    open_app = await start(make_app)
    await declare(open_app)
    response = await open_app.client.get("/plans")
    assert [plan["code"] for plan in response.json()["items"]] == ["free", "pro"]
    closed = await start(make_app, plans_public=False)
    assert (await closed.client.get("/features")).status_code == 401


async def grant(email: str, *permissions: str) -> None:
    role, _ = await Role.get_or_create(name="billing", defaults={"permissions": list(permissions)})
    await UserRole.create(user=await User.get(email_normalized=email), role=role)


async def test_admin_routes_need_plans_permissions(
    two: tuple[RunningApp, RunningApp, str],
) -> None:
    """Subscribing someone needs plans:manage."""
    first, _, token = two
    user = await User.get(email_normalized="ada@example.com")
    response = await first.client.put(
        f"/subscriptions/user/{user.id}", json={"plan": "pro"}, headers=bearer(token)
    )
    assert response.status_code == 403


async def test_admin_manages_subscriptions_limits_and_overrides(
    two: tuple[RunningApp, RunningApp, str],
) -> None:
    """An admin subscribes, overrides, resets and cancels; each change is audited."""
    first, _, token = two
    await first.create_user("admin@example.com")
    await grant("admin@example.com", "plans:*")
    admin = bearer((await first.tokens("admin@example.com"))["access_token"])
    ada = await User.get(email_normalized="ada@example.com")
    base = f"/subscriptions/user/{ada.id}"
    await first.client.post("/batch?n=40", headers=bearer(token))

    response = await first.client.put(base, json={"plan": "pro"}, headers=admin)
    assert response.status_code == 200, response.text
    assert response.json()["subscription"]["plan"] == "pro"
    response = await first.client.put(f"{base}/overrides/calls", json={"limit": 50}, headers=admin)
    calls = next(f for f in response.json()["usage"]["features"] if f["feature"] == "calls")
    assert (calls["used"], calls["limit"]) == (40, 50)
    response = await first.client.post(f"{base}/usage/reset", json={}, headers=admin)
    calls = next(f for f in response.json()["usage"]["features"] if f["feature"] == "calls")
    assert calls["used"] == 0
    assert (await first.client.delete(base, headers=admin)).status_code == 204
    assert await Subscription.filter(subject_id=ada.id, status="active").count() == 0
    response = await first.client.put(
        "/plans/free/limits/calls", json={"limit": 5, "period": "day"}, headers=admin
    )
    assert {"feature": "calls", "limit": 5, "period": "day"} in response.json()["limits"]
    actions = set(await AuditEvent.all().values_list("action", flat=True))
    assert {
        "plan.changed",
        "quota.override_set",
        "quota.usage_reset",
        "plan.canceled",
        "plan.limit_set",
    } <= actions


async def test_unknown_plan_and_bad_limit_are_clear_errors(
    two: tuple[RunningApp, RunningApp, str],
) -> None:
    """A missing plan is 404 not_found; a negative limit is 422 validation_error."""
    first, _, _ = two
    await first.create_user("admin@example.com")
    await grant("admin@example.com", "plans:manage", "plans:read")
    admin = bearer((await first.tokens("admin@example.com"))["access_token"])
    ada = await User.get(email_normalized="ada@example.com")
    response = await first.client.put(
        f"/subscriptions/user/{ada.id}", json={"plan": "gold"}, headers=admin
    )
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    response = await first.client.put("/plans/free/limits/calls", json={"limit": -1}, headers=admin)
    assert (response.status_code, response.json()["code"]) == (422, "validation_error")


async def test_plan_change_reaches_the_other_instance(
    make_app: AppFactory, redis_url: str | None
) -> None:
    """A plan change made on one instance applies on the other within max_staleness, with or
    without Redis, although entitlements would stay cached an hour (the change feed clears
    them)."""
    first = await start(make_app, redis_url=redis_url, quota_cache_ttl=3600, max_staleness=0.2)
    second = await start(make_app, redis_url=redis_url, quota_cache_ttl=3600, max_staleness=0.2)
    await first.create_user()
    await declare(first)
    token = (await first.tokens())["access_token"]
    assert (await second.client.get("/sso", headers=bearer(token))).status_code == 403
    user = await User.get(email_normalized="ada@example.com")
    await first.auth.services.plans.change_plan(Subscriber.user(user.id), "pro")

    async def allowed_on_second() -> bool:
        return (await second.client.get("/sso", headers=bearer(token))).status_code == 200

    await seconds_until(allowed_on_second, within=0.2)


async def test_cleanup_purges_expired_idempotency_keys(
    two: tuple[RunningApp, RunningApp, str],
) -> None:
    """The runtime's cleanup has an idempotency_keys step that deletes expired keys."""
    first, _, token = two
    await first.client.post("/generate", headers={**bearer(token), "Idempotency-Key": "a"})
    first.clock.advance(first.auth.settings.quota_idempotency_ttl + 1)
    removed = await first.auth.services.cleanup.run_once()
    assert removed["idempotency_keys"] == 1


async def test_api_key_callers_consume_their_owners_quota(make_app: AppFactory) -> None:
    """quota() and require_feature() accept API keys (bearer or X-API-Key) and count against
    the key's owner, the same counter as the owner's access token."""
    from tests.routers.test_api_keys import grant

    app = await start(make_app)
    await app.create_user()
    await declare(app, limit=3)
    await grant("ada@example.com", ["roles:read"])
    token = (await app.tokens())["access_token"]
    created = await app.client.post(
        "/users/me/api-keys", json={"name": "job", "scopes": ["roles:read"]}, headers=bearer(token)
    )
    key = created.json()["key"]
    by_header = await app.client.post("/generate", headers={"X-API-Key": key})
    by_bearer = await app.client.post("/generate", headers=bearer(key))
    by_token = await app.client.post("/generate", headers=bearer(token))
    assert [r.status_code for r in (by_header, by_bearer, by_token)] == [200, 200, 200]
    assert [r.json()["remaining"] for r in (by_header, by_bearer, by_token)] == [2, 1, 0]
    assert (await app.client.post("/generate", headers={"X-API-Key": key})).status_code == 429
    assert (await app.client.get("/sso", headers={"X-API-Key": key})).status_code == 403


async def test_quota_decisions_are_counted_in_metrics(make_app: AppFactory) -> None:
    """Each quota() decision is counted by feature and outcome."""
    app = await start(make_app, metrics_enabled=True)
    await declare(app, limit=1)
    await app.create_user()
    headers = bearer((await app.tokens())["access_token"])
    assert (await app.client.post("/generate", headers=headers)).status_code == 200
    assert (await app.client.post("/generate", headers=headers)).status_code == 429
    text = (await app.client.get("/metrics")).text
    assert 'fabric_auth_quota_decisions_total{decision="allowed",quota="calls"} 1.0' in text
    assert 'fabric_auth_quota_decisions_total{decision="denied",quota="calls"} 1.0' in text
