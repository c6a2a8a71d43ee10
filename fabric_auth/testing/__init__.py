"""Helpers for testing apps built on fabric-auth (see docs/testing.md).

- `test_settings(**overrides)`: settings for tests (cheap argon2, random secret, in-memory store);
- `serve(app)`: run the app's lifespan and talk to it in-process with an httpx client;
- `sign_in(client, login, password)`: the password grant, returning the token response;
- `FrozenClock`: pass `FabricAuth(settings, clock=FrozenClock())` to control time;
- `Outbox`: pass `FabricAuth(settings, mailer=outbox)` to read the mail the app sends
  (`await outbox.wait_for(to=...)`, `outbox.token_of(message)`);
- `TestIdentityProvider`, `TestIdentity`: an OAuth 2 / OpenID Connect (and GitHub-shaped)
  identity provider to sign in against, over real HTTP (`identity_provider.py`).
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from fastapi import FastAPI

from fabric_auth.clock import FrozenClock
from fabric_auth.mail.base import EmailMessage
from fabric_auth.settings import AuthSettings
from fabric_auth.testing.identity_provider import TestIdentity, TestIdentityProvider

__all__ = [
    "FrozenClock",
    "Outbox",
    "TestIdentity",
    "TestIdentityProvider",
    "serve",
    "sign_in",
    "test_settings",
]

_LINK = re.compile(r"https?://\S+")

CHEAP_ARGON2 = {"argon2_time_cost": 1, "argon2_memory_cost": 8, "argon2_parallelism": 1}


def test_settings(**overrides: Any) -> AuthSettings:
    """Settings for tests: `environment=test`, a random secret, the cheapest argon2 parameters,
    no `gc.freeze()` at start-up (a test run starts many apps; freezing each one's objects
    would keep them all alive), and no events relay, whose background reads would mix with the
    statements a test counts (`events_relay=True`, or `FABRIC_AUTH_EVENTS_RELAY=true` in the
    environment, to relay).

    Cheap hashing is refused outside `environment=test`.
    """
    values: dict[str, Any] = {
        "environment": "test",
        "secret_key": secrets.token_urlsafe(32),
        "database_url": "sqlite://:memory:",
        "gc_freeze_on_startup": False,
        **CHEAP_ARGON2,
    }
    if "FABRIC_AUTH_EVENTS_RELAY" not in os.environ:
        values["events_relay"] = False
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


class Outbox:
    """A `Mailer` that keeps messages in memory: `FabricAuth(settings, mailer=Outbox())`.

    Mail from forgot-password and request-verify is sent after the response, so wait for it
    with `wait_for` rather than reading `messages` straight away.
    """

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._arrived = asyncio.Condition()

    async def send(self, message: EmailMessage) -> None:
        async with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()

    async def wait_for(
        self, *, to: str | None = None, kind: str | None = None, within: float = 5.0
    ) -> EmailMessage:
        """The first message matching `to` and `kind`, waiting up to `within` seconds."""

        def match() -> EmailMessage | None:
            for message in self.messages:
                if (to is None or message.to.casefold() == to.casefold()) and (
                    kind is None or message.kind == kind
                ):
                    return message
            return None

        async with asyncio.timeout(within), self._arrived:
            await self._arrived.wait_for(lambda: match() is not None)
        found = match()
        assert found is not None
        return found

    def clear(self) -> None:
        self.messages.clear()

    @staticmethod
    def links_of(message: EmailMessage) -> list[str]:
        """Every URL in the message's text."""
        return _LINK.findall(message.text)

    @classmethod
    def token_of(cls, message: EmailMessage) -> str:
        """The `token` query parameter of the message's link."""
        for link in cls.links_of(message):
            tokens = parse_qs(urlsplit(link).query).get("token")
            if tokens:
                return tokens[0]
        raise AssertionError(f"no link with a token in {message.kind!r} mail to {message.to}")
