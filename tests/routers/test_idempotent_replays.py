"""Idempotency keys over HTTP: a retry gets the first response without the route running again,
on an app's own plain APIRouter and on FabricRoute, on both stores and across two instances."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import pytest
from fastapi import APIRouter, Depends, HTTPException, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel

from fabric_auth.entitlements import quota
from fabric_auth.http import FabricRoute
from fabric_auth.periods import Period
from fabric_auth.services.plans import Consumption, Subscriber
from fabric_auth.store.models import IdempotencyKey, UsageCounter, User
from tests.conftest import AppFactory, RunningApp

REPLAYED = "Idempotent-Replayed"


class Prompt(BaseModel):
    prompt: str


def bearer(token: str, key: str | None = "order-1") -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return headers


def app_routes(runs: list[str]) -> APIRouter:
    """An app's own routes: a plain APIRouter (FastAPI's default route class)."""
    router = APIRouter()

    @router.post("/generate", status_code=201)
    async def generate(
        payload: Prompt,
        usage: Annotated[Consumption, Depends(quota("ai_generations"))],
        response: Response,
    ) -> dict[str, Any]:
        runs.append(payload.prompt)
        await asyncio.sleep(0.02)  # long enough for concurrent retries to find it in flight
        response.headers["X-Job-Id"] = f"job-{len(runs)}"
        response.set_cookie("last_job", str(len(runs)))
        return {"job": len(runs), "prompt": payload.prompt, "remaining": usage.remaining}

    @router.post("/summarize")
    async def summarize(
        payload: Prompt, _: Annotated[Consumption, Depends(quota("summaries"))]
    ) -> dict[str, Any]:
        runs.append(f"summary:{payload.prompt}")
        return {"summary": payload.prompt[:3]}

    @router.post("/large")
    async def large(
        _: Annotated[Consumption, Depends(quota("ai_generations"))],
    ) -> PlainTextResponse:
        runs.append("large")
        return PlainTextResponse("x" * 70_000)

    @router.post("/refuses")
    async def refuses(_: Annotated[Consumption, Depends(quota("ai_generations"))]) -> None:
        runs.append("refuses")
        raise HTTPException(409, "downstream refused")

    @router.post("/declines")
    async def declines(
        _: Annotated[Consumption, Depends(quota("ai_generations"))],
    ) -> JSONResponse:
        runs.append("declines")
        return JSONResponse({"detail": "unsafe prompt"}, status_code=400)

    @router.post("/unavailable")
    async def unavailable(
        _: Annotated[Consumption, Depends(quota("ai_generations"))],
    ) -> JSONResponse:
        runs.append("unavailable")
        return JSONResponse({"detail": "try later"}, status_code=503)

    return router


def fabric_routes(runs: list[str]) -> APIRouter:
    """The same kind of route on our own route class."""
    router = APIRouter(route_class=FabricRoute)

    @router.post("/fabric/generate")
    async def generate(
        payload: Prompt, usage: Annotated[Consumption, Depends(quota("ai_generations"))]
    ) -> dict[str, Any]:
        runs.append(payload.prompt)
        return {"job": len(runs), "remaining": usage.remaining}

    return router


async def start(make_app: AppFactory, runs: list[str]) -> RunningApp:
    app = await make_app()
    app.app.include_router(app_routes(runs))
    app.app.include_router(fabric_routes(runs))
    return app


async def declare(app: RunningApp, limit: int) -> None:
    plans = app.auth.services.plans
    await plans.create_feature("ai_generations", "AI generations", "generation")
    await plans.create_feature("summaries", "Summaries", "summary")
    await plans.set_plan_limit("free", "ai_generations", limit, Period.MONTH)
    await plans.set_plan_limit("free", "summaries", limit, Period.MONTH)


async def used(feature: str = "ai_generations", email: str = "ada@example.com") -> int:
    user = await User.get(email_normalized=email)
    rows = await UsageCounter.filter(subject_id=user.id, feature_code=feature).values_list(
        "used", flat=True
    )
    return int(sum(rows))  # type: ignore[arg-type]


def replayed_view(response: Any) -> tuple[int, bytes, dict[str, str]]:
    """What a replay must repeat: status, body and the kept headers."""
    kept = ("content-type", "x-job-id", "x-quota-limit", "x-quota-remaining", "x-quota-reset")
    return (
        response.status_code,
        response.content,
        {name: response.headers.get(name, "") for name in kept},
    )


@pytest.fixture
async def ada(make_app: AppFactory) -> tuple[RunningApp, RunningApp, str, list[str]]:
    """Two instances on one store, the app's routes on both, ada signed in, a limit of 2."""
    runs: list[str] = []
    first, second = await start(make_app, runs), await start(make_app, runs)
    await first.create_user()
    await declare(first, limit=2)
    token = (await first.tokens())["access_token"]
    return first, second, token, runs


async def test_five_retries_get_the_first_response_and_consume_once(
    ada: tuple[RunningApp, RunningApp, str, list[str]],
) -> None:
    """Five sequential requests with one key on a limit of 2: the route runs once, one unit is
    consumed, and all five get its status, body and headers; the retries are marked replayed."""
    first, _, token, runs = ada
    responses = [
        await first.client.post("/generate", json={"prompt": "a cat"}, headers=bearer(token))
        for _ in range(5)
    ]
    assert runs == ["a cat"]
    assert await used() == 1
    original = responses[0]
    assert replayed_view(original) == (
        201,
        b'{"job":1,"prompt":"a cat","remaining":1}',
        {
            "content-type": "application/json",
            "x-job-id": "job-1",
            "x-quota-limit": "2",
            "x-quota-remaining": "1",
            "x-quota-reset": original.headers["X-Quota-Reset"],
        },
    )
    assert REPLAYED not in original.headers
    assert "last_job=1" in original.headers["set-cookie"]
    for retry in responses[1:]:
        assert replayed_view(retry) == replayed_view(original)
        assert retry.headers[REPLAYED] == "true"
        assert "set-cookie" not in retry.headers


async def test_twenty_concurrent_retries_on_two_instances_run_the_route_once(
    ada: tuple[RunningApp, RunningApp, str, list[str]],
) -> None:
    """20 concurrent requests with one key, split over two instances: the route runs once, one
    unit is consumed, every other request gets the stored response or 409
    idempotency_in_progress with Retry-After."""
    first, second, token, runs = ada
    responses = await asyncio.gather(
        *(
            (first if i % 2 else second).client.post(
                "/generate", json={"prompt": "a dog"}, headers=bearer(token)
            )
            for i in range(20)
        )
    )
    assert runs == ["a dog"]
    assert await used() == 1
    served = [response for response in responses if response.status_code == 201]
    busy = [response for response in responses if response.status_code == 409]
    assert len(served) + len(busy) == 20
    assert sum(REPLAYED not in response.headers for response in served) == 1
    assert {response.content for response in served} == {
        b'{"job":1,"prompt":"a dog","remaining":1}'
    }
    for response in busy:
        assert response.json()["code"] == "idempotency_in_progress"
        assert response.headers["Retry-After"] == "1"
    retry = await second.client.post("/generate", json={"prompt": "a dog"}, headers=bearer(token))
    assert (retry.status_code, retry.headers[REPLAYED]) == (201, "true")
    assert runs == ["a dog"]


async def test_a_replay_is_served_by_the_other_instance(
    ada: tuple[RunningApp, RunningApp, str, list[str]],
) -> None:
    """The stored response is in the store: the second instance replays what the first
    answered."""
    first, second, token, runs = ada
    original = await first.client.post("/generate", json={"prompt": "p"}, headers=bearer(token))
    retry = await second.client.post("/generate", json={"prompt": "p"}, headers=bearer(token))
    assert replayed_view(retry) == replayed_view(original)
    assert retry.headers[REPLAYED] == "true"
    assert runs == ["p"]


async def test_the_same_key_for_another_request_is_refused(
    ada: tuple[RunningApp, RunningApp, str, list[str]],
) -> None:
    """The same key with another body or query: 422 idempotency_key_reused, nothing consumed,
    the route not run."""
    first, _, token, runs = ada
    await first.client.post("/generate", json={"prompt": "one"}, headers=bearer(token))
    for url, body in (("/generate", {"prompt": "two"}), ("/generate?v=2", {"prompt": "one"})):
        response = await first.client.post(url, json=body, headers=bearer(token))
        assert response.status_code == 422
        assert response.json()["code"] == "idempotency_key_reused"
        assert REPLAYED not in response.headers
    assert runs == ["one"]
    assert await used() == 1


async def test_keys_are_namespaced_by_subject_and_feature(
    ada: tuple[RunningApp, RunningApp, str, list[str]],
) -> None:
    """The same key sent by another user, or to another feature's route, is independent."""
    first, _, token, runs = ada
    await first.create_user("bob@example.com")
    bob = (await first.tokens("bob@example.com"))["access_token"]
    for who in (token, bob):
        response = await first.client.post("/generate", json={"prompt": "x"}, headers=bearer(who))
        assert (response.status_code, REPLAYED in response.headers) == (201, False)
    summary = await first.client.post("/summarize", json={"prompt": "x"}, headers=bearer(token))
    assert (summary.status_code, REPLAYED in summary.headers) == (200, False)
    assert runs == ["x", "x", "summary:x"]
    assert await used() == await used("ai_generations", "bob@example.com") == 1
    assert await used("summaries") == 1


async def test_an_expired_key_runs_afresh(
    ada: tuple[RunningApp, RunningApp, str, list[str]],
) -> None:
    """After the key's time to live, a request with it runs and consumes again."""
    first, _, token, runs = ada
    await first.client.post("/generate", json={"prompt": "a"}, headers=bearer(token))
    first.clock.advance(first.auth.settings.quota_idempotency_ttl + 1)
    token = (await first.tokens())["access_token"]
    again = await first.client.post("/generate", json={"prompt": "a"}, headers=bearer(token))
    assert (again.status_code, REPLAYED in again.headers) == (201, False)
    assert again.json()["job"] == 2
    assert runs == ["a", "a"]
    assert await used() == 2


async def test_a_refused_first_request_is_replayed_as_its_429(
    ada: tuple[RunningApp, RunningApp, str, list[str]],
) -> None:
    """A key whose first request was refused (429 quota_exceeded) gets that 429 again, even
    once there is room, and the route never runs."""
    first, _, token, runs = ada
    for prompt in ("a", "b"):
        await first.client.post("/generate", json={"prompt": prompt}, headers=bearer(token, None))
    refused = await first.client.post("/generate", json={"prompt": "c"}, headers=bearer(token))
    assert (refused.status_code, refused.json()["code"]) == (429, "quota_exceeded")
    user = await User.get(email_normalized="ada@example.com")
    await first.auth.services.plans.reset_usage(Subscriber.user(user.id))
    retry = await first.client.post("/generate", json={"prompt": "c"}, headers=bearer(token))
    assert retry.headers[REPLAYED] == "true"
    assert (retry.status_code, retry.content) == (429, refused.content)
    for name in ("Retry-After", "X-Quota-Limit", "X-Quota-Remaining", "X-Quota-Reset"):
        assert retry.headers[name] == refused.headers[name]
    assert runs == ["a", "b"]
    assert await used() == 0


async def test_a_response_too_large_to_keep_is_not_run_again(
    ada: tuple[RunningApp, RunningApp, str, list[str]],
) -> None:
    """A response over quota_idempotency_max_response is not stored: a retry gets 409
    idempotent_response_not_stored, and neither runs the route nor consumes."""
    first, _, token, runs = ada
    original = await first.client.post("/large", headers=bearer(token))
    assert (original.status_code, len(original.content)) == (200, 70_000), original.text
    retry = await first.client.post("/large", headers=bearer(token))
    assert (retry.status_code, retry.json()["code"]) == (409, "idempotent_response_not_stored")
    assert runs == ["large"]
    assert await used() == 1


async def test_a_failed_route_gives_the_key_back(
    ada: tuple[RunningApp, RunningApp, str, list[str]],
) -> None:
    """A route raising (a 4xx here) or answering 5xx gets its units back and its key released:
    the retry runs the route afresh."""
    first, _, token, runs = ada
    for path, status in (("/refuses", 409), ("/unavailable", 503)):
        for _ in range(2):
            response = await first.client.post(path, headers=bearer(token, path))
            assert response.status_code == status
            assert REPLAYED not in response.headers
    assert runs == ["refuses", "refuses", "unavailable", "unavailable"]
    assert await used() == 0
    assert await IdempotencyKey.all().count() == 0


async def test_a_4xx_the_route_returns_is_kept_and_replayed(
    ada: tuple[RunningApp, RunningApp, str, list[str]],
) -> None:
    """A 4xx response the route returns without raising is its answer: stored and replayed, the
    unit kept."""
    first, _, token, runs = ada
    original = await first.client.post("/declines", headers=bearer(token))
    retry = await first.client.post("/declines", headers=bearer(token))
    assert replayed_view(retry) == replayed_view(original)
    assert (retry.status_code, retry.headers[REPLAYED]) == (400, "true")
    assert runs == ["declines"]
    assert await used() == 1


async def test_fabric_routes_replay_too(
    ada: tuple[RunningApp, RunningApp, str, list[str]],
) -> None:
    """A route of our own route class answers retries with the stored response as well."""
    first, second, token, runs = ada
    original = await first.client.post(
        "/fabric/generate", json={"prompt": "f"}, headers=bearer(token)
    )
    retry = await second.client.post(
        "/fabric/generate", json={"prompt": "f"}, headers=bearer(token)
    )
    assert (
        (retry.status_code, retry.content)
        == (original.status_code, original.content)
        == (
            200,
            b'{"job":1,"remaining":1}',
        )
    )
    assert retry.headers[REPLAYED] == "true"
    assert runs == ["f"]
