"""Redis plumbing shared by the subscriber and the revocation helper: a client from a URL or
an existing one, stream entries as values, a read that `stop()` interrupts, and a connection
state logged once per change.

fabric-auth's relay writes one stream entry per event:

    XADD <namespace>:events MAXLEN ~ <n> * type <type> subject <kind>:<id> event <JSON>

`event` is the event exactly as a webhook delivers it (`parse_event` reads it); `type` and
`subject` repeat envelope fields so tools can read them without parsing JSON.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from redis.asyncio import Redis

T = TypeVar("T")

RETRY_FIRST_SECONDS = 0.5
RETRY_MAX_SECONDS = 30.0
"""Waits between attempts while Redis is unreachable: doubling, capped."""
CLIENT_SOCKET_TIMEOUT = 5.0
"""redis-py's socket timeout when the client sets none (since redis-py 6)."""


def client(redis: str | Redis) -> tuple[Redis, bool]:
    """The client for `redis` (a `redis://` URL or a client), and whether it was made here
    (and so is closed here)."""
    if isinstance(redis, str):
        return Redis.from_url(redis), True
    return redis, False


def read_block(redis: Redis, seconds: float) -> float:
    """`seconds`, shortened to half the client's socket timeout: a blocking read (XREAD
    BLOCK) waiting longer than that timeout would end in a `TimeoutError`, and look like an
    outage."""
    timeout = redis.connection_pool.connection_kwargs.get("socket_timeout", CLIENT_SOCKET_TIMEOUT)
    return seconds if timeout is None else min(seconds, float(timeout) / 2)


def text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


@dataclass(frozen=True, slots=True)
class StreamEntry:
    """One entry of the events stream, as read."""

    id: str
    fields: Mapping[Any, Any]
    """The entry's fields as Redis returned them (bytes, or str with `decode_responses`);
    empty for an entry deleted from the stream while it was pending."""

    def field(self, name: str) -> str | None:
        value = self.fields.get(name.encode(), self.fields.get(name))
        return None if value is None else text(value)

    @property
    def payload(self) -> bytes | str:
        """The `event` field ("" when there is none: not an event)."""
        value = self.fields.get(b"event", self.fields.get("event"))
        return value if isinstance(value, bytes | str) else ""

    @property
    def subject(self) -> str:
        """The `subject` field (`kind:id`), or the entry's id when it has none."""
        return self.field("subject") or self.id


def entries_of(reply: Any) -> list[StreamEntry]:
    """The entries of an XREAD / XREADGROUP reply for one stream (RESP2 or RESP3 shape)."""
    if not reply:
        return []
    streams = reply.values() if isinstance(reply, dict) else (pair[1] for pair in reply)
    return [as_entry(entry) for found in streams for entry in _flatten(found)]


def _flatten(found: Any) -> list[Any]:
    entries = []
    for item in found:
        if item and isinstance(item[0], bytes | str):
            entries.append(item)  # an entry: (id, fields)
        else:
            entries.extend(item)  # RESP3 wraps a stream's entries in one more list
    return entries


def as_entry(raw: Any) -> StreamEntry:
    entry_id, fields = raw[0], raw[1]
    return StreamEntry(text(entry_id), fields or {})


class ConnectionState:
    """Logs Redis going away and coming back, once each: one WARNING when it fails after
    working, one INFO when it works again; failures in between only at DEBUG."""

    def __init__(self, logger: logging.Logger, subject: str) -> None:
        self._logger = logger
        self._subject = subject
        self.down = False

    def failed(self, error: BaseException) -> None:
        message = str(error)
        cause = f"{type(error).__name__}: {message}" if message else type(error).__name__
        if self.down:
            self._logger.debug("%s still unavailable: %s", self._subject, cause)
            return
        self.down = True
        self._logger.warning("%s unavailable: %s", self._subject, cause)

    def recovered(self) -> None:
        if self.down:
            self.down = False
            self._logger.info("%s available again", self._subject)


async def unless_stopped(call: Awaitable[T], stopping: asyncio.Event) -> T | None:
    """`await call`, unless `stopping` is set first: then the call is cancelled and the result
    is None. (A blocking read cancelled this way may have handed entries to its consumer; they
    stay pending and are read again, so nothing is lost.)"""
    running = asyncio.ensure_future(call)
    stop = asyncio.ensure_future(stopping.wait())
    try:
        done, _ = await asyncio.wait({running, stop}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stop.cancel()
        if not running.done():
            running.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await running
    return running.result() if running in done else None


async def pause(seconds: float, stopping: asyncio.Event) -> None:
    """Sleep `seconds`, or less if `stopping` is set meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stopping.wait(), timeout=seconds)
