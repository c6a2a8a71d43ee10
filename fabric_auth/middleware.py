"""The ASGI middleware `FabricAuth.install` adds: request ids and in-flight tracking.

Plain ASGI (no `BaseHTTPMiddleware`), one layer: it sits on every request's path, so it does a
header scan and a counter update and nothing else.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Protocol

from fabric_auth.context import RUNTIME_SCOPE_KEY, request_id_var
from fabric_auth.settings import RequestIdEcho

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_WELL_FORMED_ID = re.compile(rb"^[A-Za-z0-9._:+=/-]{1,128}$")


class Runtime(Protocol):
    running: bool
    """True between the runtime's start-up and shut-down."""


class RequestIds:
    """Request ids unique across processes without a random draw per request: a random prefix
    chosen when the process starts, then a counter (`3f9a1c2b7d4e-1`, `3f9a1c2b7d4e-2`, ...)."""

    def __init__(self) -> None:
        self._prefix = secrets.token_hex(6) + "-"
        self._counter = itertools.count(1)

    def new(self) -> str:
        return f"{self._prefix}{next(self._counter):x}"


class InFlightRequests:
    """How many requests are being served, so shutdown can wait for them to finish.

    Counting costs an integer update per request; the shutdown waiter is created only when
    draining starts, so the hot path never touches an event object.
    """

    def __init__(self) -> None:
        self.active = 0
        self.draining = False
        self._idle: asyncio.Future[None] | None = None

    def started(self) -> None:
        self.active += 1

    def finished(self) -> None:
        self.active -= 1
        if self.active == 0 and self._idle is not None and not self._idle.done():
            self._idle.set_result(None)

    async def drain(self, within: float) -> bool:
        """Mark the app draining and wait up to `within` seconds for in-flight requests;
        `False` if some remain."""
        self.draining = True
        if self.active == 0:
            return True
        self._idle = asyncio.get_running_loop().create_future()
        try:
            await asyncio.wait_for(asyncio.shield(self._idle), within)
        except TimeoutError:
            return False
        finally:
            self._idle = None
        return True


class RequestContextMiddleware:
    """One ASGI layer for what every request needs from `FabricAuth.install`: it counts the
    request as in flight (for draining on shutdown), gives it an id — the caller's when
    well-formed, else a new one — exposed through `fabric_auth.context` and echoed in the
    responses `echo` selects, and puts the runtime in the ASGI scope so dependencies find it
    with one lookup.

    One layer rather than one per concern: each ASGI layer costs a coroutine call on every
    request (see bench/RESULTS.md).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        runtime: Runtime,
        tracker: InFlightRequests,
        header: str = "X-Request-ID",
        echo: RequestIdEcho = RequestIdEcho.ERRORS,
    ) -> None:
        self.app = app
        self.runtime = runtime
        self.tracker = tracker
        self.header = header.lower().encode("latin-1")
        self.echo = echo
        self.ids = RequestIds()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.runtime.running:
            scope[RUNTIME_SCOPE_KEY] = self.runtime
        header = self.header
        request_id = None
        sent = False
        for name, value in scope["headers"]:
            if name == header:
                sent = True
                if _WELL_FORMED_ID.match(value):
                    request_id = value.decode("latin-1")
                break
        if request_id is None:
            request_id = self.ids.new()
        echo = self.echo
        if echo is not RequestIdEcho.NEVER:
            send = _echoing(send, header, request_id, every=sent or echo is RequestIdEcho.ALWAYS)
        self.tracker.started()
        token = request_id_var.set(request_id)
        try:
            await self.app(scope, receive, send)
        finally:
            request_id_var.reset(token)
            self.tracker.finished()


def _echoing(send: Send, header: bytes, request_id: str, *, every: bool) -> Send:
    """`send`, adding the request id to the response's headers: to `every` response, or
    else only to error responses. A header the app set itself is kept.

    A plain function handing back `send`'s awaitable, not a coroutine of its own: a response
    is two messages, and an extra coroutine per message costs more than the check."""

    def send_with_id(message: Message) -> Awaitable[None]:
        if message["type"] == "http.response.start" and (every or message["status"] >= 400):
            headers = list(message.get("headers", ()))
            if not any(name.lower() == header for name, _ in headers):
                headers.append((header, request_id.encode("latin-1")))
                message["headers"] = headers
        return send(message)

    return send_with_id
