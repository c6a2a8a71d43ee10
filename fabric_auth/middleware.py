"""ASGI middleware `FabricAuth.install` adds: request ids and in-flight tracking for draining.

Both are plain ASGI (no `BaseHTTPMiddleware`): they sit on every request's path, so they do a
header scan and a counter update and nothing else.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fabric_auth.context import request_id_var

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_WELL_FORMED_ID = re.compile(rb"^[A-Za-z0-9._:+=/-]{1,128}$")


def new_request_id() -> str:
    return secrets.token_hex(16)


class RequestIdMiddleware:
    """Takes the caller's request id when it is well-formed (else makes one), exposes it to
    services and logs through `fabric_auth.context`, and echoes it in the response."""

    def __init__(self, app: ASGIApp, header: str = "X-Request-ID") -> None:
        self.app = app
        self.header = header.lower().encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = self._incoming(scope) or new_request_id()
        encoded = request_id.encode("latin-1")

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k != self.header]
                message["headers"] = [*headers, (self.header, encoded)]
            await send(message)

        token = request_id_var.set(request_id)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)

    def _incoming(self, scope: Scope) -> str | None:
        for name, value in scope["headers"]:
            if name == self.header:
                return value.decode("latin-1") if _WELL_FORMED_ID.match(value) else None
        return None


class InFlightRequests:
    """How many requests are being served, so shutdown can wait for them to finish."""

    def __init__(self) -> None:
        self.active = 0
        self.draining = False
        self._idle = asyncio.Event()
        self._idle.set()

    def started(self) -> None:
        self.active += 1
        self._idle.clear()

    def finished(self) -> None:
        self.active -= 1
        if self.active == 0:
            self._idle.set()

    async def drain(self, within: float) -> bool:
        """Mark the app draining and wait up to `within` seconds for in-flight requests;
        `False` if some remain."""
        self.draining = True
        try:
            await asyncio.wait_for(self._idle.wait(), within)
        except TimeoutError:
            return False
        return True


class InFlightMiddleware:
    def __init__(self, app: ASGIApp, tracker: InFlightRequests) -> None:
        self.app = app
        self.tracker = tracker

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.tracker.started()
        try:
            await self.app(scope, receive, send)
        finally:
            self.tracker.finished()
