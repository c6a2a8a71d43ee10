"""Bounded work per request: bodies over `max_body_size` are 413 `payload_too_large` before the
app reads past the limit, and a profile is bounded in size and depth."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import Request

from fabric_auth.routers.schemas import MAX_JSON_OBJECT_DEPTH, MAX_JSON_OBJECT_SIZE
from fabric_auth.store.models import User
from fabric_auth.testing import test_settings
from tests.conftest import PASSWORD, AppFactory, RunningApp

LIMIT = 2048


def add_recording_route(app: RunningApp) -> list[int]:
    """A route that reads its body as it streams in; returns the list of lengths it read."""
    seen: list[int] = []

    @app.app.post("/record")
    async def record(request: Request) -> dict[str, int]:
        read = 0
        async for chunk in request.stream():
            read += len(chunk)
            seen.append(read)
        return {"read": read}

    return seen


async def chunks(total: int, size: int = 512) -> AsyncIterator[bytes]:
    for start in range(0, total, size):
        yield b"x" * min(size, total - start)


def assert_too_large(response: httpx.Response) -> None:
    assert response.status_code == 413, response.text
    assert response.json()["code"] == "payload_too_large"
    assert str(LIMIT) in response.json()["detail"]
    assert response.headers["connection"] == "close"


def test_default_limit_is_one_mebibyte() -> None:
    """max_body_size defaults to 1 MiB."""
    assert test_settings().max_body_size == 1_048_576


@pytest.mark.parametrize("size", [1023, 1_073_741_825])
def test_limit_out_of_bounds_is_refused(size: int) -> None:
    """max_body_size outside 1 KiB..1 GiB is a configuration error."""
    with pytest.raises(ValueError, match="max_body_size"):
        test_settings(max_body_size=size)


async def test_declared_length_over_limit_is_refused_unread(make_app: AppFactory) -> None:
    """A Content-Length over the limit is 413 payload_too_large and the route reads nothing."""
    app = await make_app(max_body_size=LIMIT)
    seen = add_recording_route(app)
    response = await app.client.post("/record", content=b"x" * (LIMIT + 1))
    assert_too_large(response)
    assert seen == []


async def test_register_over_limit_stores_nothing(make_app: AppFactory) -> None:
    """An anonymous oversized JSON body to /auth/register is 413 and creates no user."""
    app = await make_app(max_body_size=LIMIT, registration_open=True)
    body = {"email": "new@example.com", "password": PASSWORD, "padding": "x" * LIMIT}
    response = await app.client.post("/auth/register", json=body)
    assert_too_large(response)
    assert await User.filter(email="new@example.com").count() == 0


async def test_chunked_body_over_limit_is_cut_at_the_limit(make_app: AppFactory) -> None:
    """A body of undeclared length is 413 as soon as it passes the limit; the route never
    reads past the limit."""
    app = await make_app(max_body_size=LIMIT)
    seen = add_recording_route(app)
    response = await app.client.post("/record", content=chunks(LIMIT * 4))
    assert_too_large(response)
    assert seen and seen[-1] <= LIMIT


async def test_chunked_register_over_limit_stores_nothing(make_app: AppFactory) -> None:
    """A chunked oversized JSON body to /auth/register is 413 and creates no user."""
    app = await make_app(max_body_size=LIMIT, registration_open=True)
    body = json.dumps({"email": "new@example.com", "password": PASSWORD, "pad": "x" * LIMIT})

    async def stream() -> AsyncIterator[bytes]:
        yield body.encode()

    response = await app.client.post(
        "/auth/register", content=stream(), headers={"content-type": "application/json"}
    )
    assert_too_large(response)
    assert await User.filter(email="new@example.com").count() == 0


@pytest.mark.parametrize("chunked", [False, True])
async def test_body_at_the_limit_is_served(make_app: AppFactory, chunked: bool) -> None:
    """A body of exactly the limit, declared or chunked, gets the route's normal answer."""
    app = await make_app(max_body_size=LIMIT)
    add_recording_route(app)
    content: Any = chunks(LIMIT) if chunked else b"x" * LIMIT
    response = await app.client.post("/record", content=content)
    assert response.status_code == 200, response.text
    assert response.json() == {"read": LIMIT}


async def test_requests_without_body_are_untouched(make_app: AppFactory) -> None:
    """A GET under a small limit is answered as usual."""
    app = await make_app(max_body_size=LIMIT)
    response = await app.client.get("/health/live")
    assert response.status_code == 200, response.text


def nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


@pytest.mark.parametrize(
    "profile",
    [
        {"bio": "x" * MAX_JSON_OBJECT_SIZE},
        {f"k{i}": "v" * 100 for i in range(200)},
        nested(MAX_JSON_OBJECT_DEPTH + 1),
        {"list": [[[[[[[[["deep"]]]]]]]]]},
    ],
    ids=["long-string", "many-keys", "deep-objects", "deep-arrays"],
)
async def test_oversized_profile_is_refused(running: RunningApp, profile: dict[str, Any]) -> None:
    """PATCH /users/me with a profile over 16 KiB serialized or nested over 8 levels is 422
    validation_error and the stored profile is unchanged."""
    me = {"Authorization": f"Bearer {(await running.tokens())['access_token']}"}
    response = await running.client.patch("/users/me", json={"profile": profile}, headers=me)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "validation_error"
    assert (await User.get(email="ada@example.com")).profile == {}


async def test_profile_within_bounds_is_stored(running: RunningApp) -> None:
    """A profile just within both bounds is stored as sent."""
    profile = {**nested(MAX_JSON_OBJECT_DEPTH), "bio": "x" * (MAX_JSON_OBJECT_SIZE - 100)}
    me = {"Authorization": f"Bearer {(await running.tokens())['access_token']}"}
    response = await running.client.patch("/users/me", json={"profile": profile}, headers=me)
    assert response.status_code == 200, response.text
    assert (await User.get(email="ada@example.com")).profile == profile


async def test_started_response_is_not_completed_after_overflow() -> None:
    """When the app started its response before the body passed the limit, the middleware
    raises to the server (which closes the connection) and sends nothing more."""
    from fabric_auth.exceptions import PayloadTooLarge
    from fabric_auth.middleware import InFlightRequests, RequestContextMiddleware

    async def streaming_echo(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        while True:
            message = await receive()
            await send({"type": "http.response.body", "body": b"x", "more_body": True})
            if not message.get("more_body"):
                break
        await send({"type": "http.response.body", "body": b""})

    class Running:
        running = False

    middleware = RequestContextMiddleware(
        streaming_echo, runtime=Running(), tracker=InFlightRequests(), max_body_size=LIMIT
    )
    incoming = [{"type": "http.request", "body": b"x" * 1024, "more_body": True}] * 4
    sent: list[Any] = []

    async def receive() -> Any:
        return incoming.pop(0)

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "http_version": "1.1",
        "headers": [(b"transfer-encoding", b"chunked")],
    }
    with pytest.raises(PayloadTooLarge):
        await middleware(scope, receive, send)
    assert [m["type"] for m in sent] == ["http.response.start"] + ["http.response.body"] * 2
