"""Helpers for testing apps built on fabric-auth (see docs/testing.md).

- `test_settings(**overrides)`: settings for tests (cheap argon2, random secret, in-memory store);
- `serve(app)`: run the app's lifespan and talk to it in-process with an httpx client;
- `sign_in(client, login, password)`: the password grant, returning the token response;
- `FrozenClock`: pass `FabricAuth(settings, clock=FrozenClock())` to control time.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI

from fabric_auth.clock import FrozenClock
from fabric_auth.settings import AuthSettings

__all__ = ["FrozenClock", "serve", "sign_in", "test_settings"]

CHEAP_ARGON2 = {"argon2_time_cost": 1, "argon2_memory_cost": 8, "argon2_parallelism": 1}


def test_settings(**overrides: Any) -> AuthSettings:
    """Settings for tests: `environment=test`, a random secret, the cheapest argon2 parameters.

    Cheap hashing is refused outside `environment=test`.
    """
    values: dict[str, Any] = {
        "environment": "test",
        "secret_key": secrets.token_urlsafe(32),
        "database_url": "sqlite://:memory:",
        **CHEAP_ARGON2,
    }
    values.update(overrides)
    return AuthSettings(_env_file=None, **values)


test_settings.__test__ = False  # type: ignore[attr-defined]  # not a test for pytest


@asynccontextmanager
async def serve(
    app: FastAPI, base_url: str = "https://testserver"
) -> AsyncIterator[httpx.AsyncClient]:
    """Run the app's lifespan and yield an in-process client talking to it."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
            yield client


async def sign_in(
    client: httpx.AsyncClient, login: str, password: str, *, path: str = "/auth/token"
) -> dict[str, Any]:
    """Password grant; returns the token response body (raises on failure)."""
    response = await client.post(
        path, data={"grant_type": "password", "username": login, "password": password}
    )
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body
