"""quota(lease=...) and FABRIC_AUTH_QUOTA_LEASE in running apps, on both stores: two instances
never pass the limit, refunds and idempotency keys keep their guarantees."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import Depends, HTTPException

from fabric_auth.entitlements import quota
from fabric_auth.services.plans import Consumption
from fabric_auth.store.models import QuotaLease
from tests.conftest import AppFactory, RunningApp
from tests.routers.test_plans import bearer, declare, used

LEASE = 40


def add_routes(app: RunningApp) -> None:
    @app.app.post("/leased")
    async def leased(
        usage: Annotated[Consumption, Depends(quota("calls", lease=LEASE))],
    ) -> dict[str, Any]:
        return {"remaining": usage.remaining}

    @app.app.post("/exact")
    async def exact(usage: Annotated[Consumption, Depends(quota("calls", lease=0))]) -> None:
        return None

    @app.app.post("/default")
    async def default(usage: Annotated[Consumption, Depends(quota("calls"))]) -> None:
        return None

    @app.app.post("/fails")
    async def fails(_: Annotated[Consumption, Depends(quota("calls", 3, lease=LEASE))]) -> None:
        raise HTTPException(409, "downstream refused")


async def two_instances(make_app: AppFactory, **settings: Any) -> tuple[RunningApp, ...]:
    apps = (await make_app(**settings), await make_app(**settings))
    for app in apps:
        add_routes(app)
    await apps[0].create_user()
    await declare(apps[0], limit=300)
    return apps


async def test_leased_requests_on_two_instances_never_pass_the_limit(
    make_app: AppFactory,
) -> None:
    """900 concurrent leased requests on two instances against a limit of 300: at most 300 are
    granted, all but what the blocks still hold, and once both give their blocks back the
    counter equals the 200s."""
    first, second = await two_instances(make_app)
    token = (await first.tokens())["access_token"]
    responses = await asyncio.gather(
        *(
            (first if i % 2 else second).client.post("/leased", headers=bearer(token))
            for i in range(900)
        )
    )
    statuses = [response.status_code for response in responses]
    assert set(statuses) == {200, 429}
    assert 300 - 2 * (300 // 8) <= statuses.count(200) <= 300
    for app in (first, second):
        await app.auth.services.plans.return_leases()
    assert await used() == statuses.count(200)
    assert await QuotaLease.all().count() == 0


async def test_a_leased_route_that_raises_gives_its_units_back(make_app: AppFactory) -> None:
    """A leased route that raises gets its units back into its block: nothing stays counted."""
    first, _ = await two_instances(make_app)
    token = (await first.tokens())["access_token"]
    for _ in range(3):
        assert (await first.client.post("/fails", headers=bearer(token))).status_code == 409
    await first.auth.services.plans.return_leases()
    assert await used() == 0


async def test_keyed_requests_on_a_leased_route_replay_and_consume_once(
    make_app: AppFactory,
) -> None:
    """Requests with one idempotency key on a leased route, on two instances: one consumption,
    charged in the store (no lease), the retries replayed."""
    first, second = await two_instances(make_app)
    token = (await first.tokens())["access_token"]
    headers = {**bearer(token), "Idempotency-Key": "order-9"}
    answers = [
        await instance.client.post("/leased", headers=headers) for instance in (first, second) * 3
    ]
    assert [answer.status_code for answer in answers] == [200] * 6
    replayed = [answer.headers.get("Idempotent-Replayed") for answer in answers]
    assert replayed == [None, "true", "true", "true", "true", "true"]
    assert {answer.json()["remaining"] for answer in answers} == {299}
    assert await used() == 1
    assert await QuotaLease.all().count() == 0


async def test_the_setting_leases_every_quota_without_its_own(make_app: AppFactory) -> None:
    """With FABRIC_AUTH_QUOTA_LEASE, `quota()` without `lease=` claims a block; `lease=0`
    charges the store."""
    first, _ = await two_instances(make_app, quota_lease=LEASE)
    token = (await first.tokens())["access_token"]
    assert (await first.client.post("/exact", headers=bearer(token))).status_code == 200
    assert await used() == 1 and await QuotaLease.all().count() == 0
    assert (await first.client.post("/default", headers=bearer(token))).status_code == 200
    lease = await QuotaLease.get()
    assert await used() == 1 + lease.units
    await first.auth.services.plans.return_leases()
    assert await used() == 2
