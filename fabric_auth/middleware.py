"""The ASGI middleware `FabricAuth.install` adds: request ids, in-flight tracking, the
request body limit, and recording the responses of requests holding an idempotency key.

Plain ASGI (no `BaseHTTPMiddleware`), one layer: it sits on every request's path, so it does a
header scan and a counter update and nothing else; only a request whose body length is not
declared pays for counting its body.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Protocol

from fabric_auth.context import RUNTIME_SCOPE_KEY, request_id_var
from fabric_auth.exceptions import PayloadTooLarge
from fabric_auth.settings import RequestIdEcho

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_WELL_FORMED_ID = re.compile(rb"^[A-Za-z0-9._:+=/-]{1,128}$")
_HTTP_1 = frozenset({"1.0", "1.1"})
"""Versions where a request without `Content-Length` or `Transfer-Encoding` has no body; in
HTTP/2 and 3 a body may come without either."""
DEFAULT_MAX_BODY_SIZE = 1_048_576
DEFAULT_MAX_STORED_RESPONSE = 65_536

IDEMPOTENCY_SCOPE_KEY = "fabric_auth.idempotency_keys"
"""Where `quota()` leaves the idempotency keys a request holds (a list of `HeldKey`), for this
middleware to store the response they get, or give them back."""
CHARGES_SCOPE_KEY = "fabric_auth.charges"
"""Where `quota()` leaves the units a request consumed without an idempotency key (a list of
`HeldCharge`), for this middleware to give back if the request fails."""
RAISED_SCOPE_KEY = "fabric_auth.raised"
"""Set by the error handlers `FabricAuth.install` registers (and `FabricRoute`) when they answer
an exception: the route, or a dependency, raised (`note_raised`)."""

_NOT_REPLAYED = frozenset(
    {
        b"set-cookie",
        b"date",
        b"server",
        b"content-length",
        b"transfer-encoding",
        b"connection",
        b"keep-alive",
        b"trailer",
        b"upgrade",
        b"idempotent-replayed",
    }
)
"""Response headers a replay does not repeat: cookies (they may carry a session, and belong to
the first client's exchange), what the server or the transport adds, and the replay mark. Rate
limit headers (`RateLimit-*`, `X-RateLimit-*`) and the request id are left out too: they
describe the first request, not the retry."""
_RATE_LIMIT_PREFIXES = (b"ratelimit", b"x-ratelimit")


class HeldKey(Protocol):
    """An idempotency key held by the request being served (`quota()` makes them)."""

    @property
    def granted(self) -> bool:
        """Whether the consumption the key decided was granted (else the key's answer is
        the refusal)."""

    async def answered(
        self, status: int, headers: tuple[tuple[str, str], ...], body: bytes | None
    ) -> None:
        """Store the response the request got (`body` `None`: too large to keep)."""

    async def failed(self) -> None:
        """Give the key back, and what it consumed: the request failed, a retry runs afresh."""


class HeldCharge(Protocol):
    """Units consumed by the request being served, without an idempotency key."""

    async def failed(self) -> None:
        """Give the units back: the request failed."""


def note_raised(scope: Scope) -> None:
    """Record that an exception, not the route, answered this request: what a request holding
    units or idempotency keys counts as failed (`ResponseRecorder.settle`)."""
    scope[RAISED_SCOPE_KEY] = True


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
    responses `echo` selects, puts the runtime in the ASGI scope so dependencies find it
    with one lookup, and keeps request bodies within `max_body_size` bytes (413
    `payload_too_large`): a declared `Content-Length` over it is refused before any of the body
    is read, and a body of undeclared length (chunked) is counted as the app reads it and
    refused as soon as it passes the limit.

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
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
        max_stored_response: int = DEFAULT_MAX_STORED_RESPONSE,
    ) -> None:
        self.app = app
        self.runtime = runtime
        self.tracker = tracker
        self.header = header.lower().encode("latin-1")
        self.echo = echo
        self.ids = RequestIds()
        self.max_body_size = max_body_size
        self.max_stored_response = max_stored_response
        self.too_large = json.dumps(
            {
                "detail": f"{PayloadTooLarge.default_detail} ({max_body_size} bytes at most)",
                "code": PayloadTooLarge.code.value,
            }
        ).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.runtime.running:
            scope[RUNTIME_SCOPE_KEY] = self.runtime
        header = self.header
        request_id = None
        sent = False
        declared_length = None
        chunked = False
        # The one pass over the headers every request pays for: the body's framing is read in it
        # too, so a request without a body costs two more comparisons per header and no more.
        for name, value in scope["headers"]:
            if name == header:
                sent = True
                if _WELL_FORMED_ID.match(value):
                    request_id = value.decode("latin-1")
            elif name == b"content-length":
                declared_length = value
            elif name == b"transfer-encoding":
                chunked = True
        if request_id is None:
            request_id = self.ids.new()
        echo = self.echo
        if echo is not RequestIdEcho.NEVER:
            send = _echoing(send, header, request_id, every=sent or echo is RequestIdEcho.ALWAYS)
        recorder = ResponseRecorder(scope, send, self.max_stored_response)
        send = recorder.send
        self.tracker.started()
        token = request_id_var.set(request_id)
        try:
            if declared_length is None and not chunked and scope["http_version"] in _HTTP_1:
                await self.app(scope, receive, send)  # no body
            elif chunked or declared_length is None or not declared_length.isdigit():
                await self._serve_counting_body(scope, receive, send)
            elif int(declared_length) <= self.max_body_size:
                # A declared length the server holds the client to: nothing to count.
                await self.app(scope, receive, send)
            else:
                await self._refuse(send)
            if IDEMPOTENCY_SCOPE_KEY in scope or CHARGES_SCOPE_KEY in scope:
                await recorder.settle(
                    scope.pop(IDEMPOTENCY_SCOPE_KEY, ()),
                    scope.pop(CHARGES_SCOPE_KEY, ()),
                    header,
                    raised=scope.pop(RAISED_SCOPE_KEY, False),
                )
        except BaseException:
            for held in (*scope.pop(IDEMPOTENCY_SCOPE_KEY, ()), *scope.pop(CHARGES_SCOPE_KEY, ())):
                await held.failed()
            raise
        finally:
            request_id_var.reset(token)
            self.tracker.finished()

    async def _serve_counting_body(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app on a body of undeclared length, counting it as the app reads it.

        The chunk that passes the limit is never handed over: `receive` raises
        `PayloadTooLarge` instead (and again on every later call). Whatever the app answers to
        that is dropped and replaced by the 413; if the app had already started its response,
        the exception goes on to the server, which closes the connection rather than let a
        response end that was cut short.
        """
        limit = self.max_body_size
        received = 0
        refused = False
        started = False

        async def receive_within_limit() -> Message:
            nonlocal received, refused
            if refused:
                raise PayloadTooLarge()
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    raise PayloadTooLarge()
            return message

        async def send_unless_refused(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive_within_limit, send_unless_refused)
        except Exception:
            if not refused or started:
                raise
        if refused:
            if started:
                raise PayloadTooLarge()
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        """Answer 413 without reading the body; `connection: close` spares the server from
        reading (and discarding) the rest of it to keep the connection."""
        await send(
            {
                "type": "http.response.start",
                "status": PayloadTooLarge.status_code,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(self.too_large)).encode("latin-1")),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": self.too_large})


class ResponseRecorder:
    """Watches the response of one request and, if the request holds idempotency keys (left by
    `quota()` in the scope under `IDEMPOTENCY_SCOPE_KEY` before its response starts), keeps its
    status, headers and up to `limit` bytes of body for them; if it holds units consumed
    without a key (`CHARGES_SCOPE_KEY`), its status.

    A request holding neither pays two dict lookups per response message.
    """

    __slots__ = ("_forward", "_limit", "_scope", "body", "headers", "overflow", "status")

    def __init__(self, scope: Scope, send: Send, limit: int) -> None:
        self._scope = scope
        self._forward = send
        self._limit = limit
        self.status: int | None = None
        self.headers: list[tuple[bytes, bytes]] = []
        self.body = bytearray()
        self.overflow = False

    def send(self, message: Message) -> Awaitable[None]:
        if IDEMPOTENCY_SCOPE_KEY in self._scope:
            if message["type"] == "http.response.start":
                self.status = message["status"]
                self.headers = list(message.get("headers", ()))
            elif message["type"] == "http.response.body" and not self.overflow:
                self.body += message.get("body", b"")
                if len(self.body) > self._limit:
                    self.overflow = True
                    self.body = bytearray()
        elif CHARGES_SCOPE_KEY in self._scope and message["type"] == "http.response.start":
            self.status = message["status"]
        return self._forward(message)

    async def settle(
        self,
        held: list[HeldKey],
        charges: list[HeldCharge],
        request_id_header: bytes,
        *,
        raised: bool,
    ) -> None:
        """Store the response for every key `held`, or give keys and `charges` back when the
        request failed: it got no response, or a 5xx one, or an exception answered it
        (`raised`). A 4xx response the route returned is its answer: kept (and the units with
        it). So is a refusal (429) raised for a key whose consumption was refused: that
        exception is the key's answer, not a failure after it."""
        status = self.status
        if status is None or status >= 500:
            for failed in (*held, *charges):
                await failed.failed()
            return
        if raised:
            for charge in charges:
                await charge.failed()
            for key in [key for key in held if key.granted]:
                await key.failed()
            held = [key for key in held if not key.granted]
        headers = replayable_headers(self.headers, request_id_header)
        body = None if self.overflow else bytes(self.body)
        for key in held:
            await key.answered(status, headers, body)


def replayable_headers(
    headers: list[tuple[bytes, bytes]], request_id_header: bytes
) -> tuple[tuple[str, str], ...]:
    """The response headers a replay repeats (all but `_NOT_REPLAYED`, rate-limit headers and
    the request id), in order."""
    kept = []
    for name, value in headers:
        lowered = name.lower()
        if (
            lowered in _NOT_REPLAYED
            or lowered == request_id_header
            or lowered.startswith(_RATE_LIMIT_PREFIXES)
        ):
            continue
        kept.append((lowered.decode("latin-1"), value.decode("latin-1")))
    return tuple(kept)


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
