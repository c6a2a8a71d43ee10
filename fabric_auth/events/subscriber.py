"""Consume fabric-auth's events from its Redis stream, in a consumer group.

```python
subscriber = EventSubscriber("redis://localhost/0", "billing", "billing-1",
                             stream="fabric_auth:events")

async def forget_user(event: Event[UserDeleted]) -> None:
    await billing.erase_customer(event.subject.id)

subscriber.on(UserDeleted, forget_user)
async with subscriber:          # or: await subscriber.run() ... await subscriber.stop()
    ...
```

Guarantees, and what they ask of handlers:

- **At least once.** An entry is acknowledged (XACK) only after its handler returned; a
  consumer that stops or crashes before that gets it again, and so may a handler that ran
  but whose acknowledgement was lost. Handlers must be idempotent: dedupe by `event.id`
  (the same on every redelivery, and the same as a webhook's `webhook-id`).
- **In order per subject, within one consumer.** Entries arrive in stream order. When a
  handler fails, the later events of the same subject wait behind it (held, unacknowledged)
  until it succeeds or is dead-lettered; other subjects go on.
- **A group splits the work.** Every group sees every event once; two consumers of one group
  (same `group`, different `consumer`) each get a share, entry by entry, so events of one
  subject may then be handled by both, concurrently. Keep one consumer per group where order
  across a subject's events matters; use another group for each service that needs them all.
- **Retries and the dead letter.** A handler that raises is retried after `retry_delay`
  (doubling) until the entry has been delivered `max_attempts` times (Redis's delivery count,
  so restarts count too); then the entry, with `error`, `group`, `consumer`, `attempts` and
  `original_id` added to its fields, goes to the stream `<stream>:dead:<group>` and is
  acknowledged. An entry that is not an event at all (`UnreadableEvent`) goes there at once.
  Events of a type with no handler are acknowledged and skipped.
- **Restarts and dead consumers.** On start a consumer first reads its own pending entries
  (delivered before a stop or crash, never acknowledged), then takes over entries that other
  consumers of the group left pending for `claim_idle` seconds (XAUTOCLAIM; again every
  `claim_interval`), then reads new ones. `claim_idle` must exceed the longest a handler may
  take, or a live consumer's entry may be taken over and handled twice.
- **Redis unavailable.** Logged once when it goes and once when it comes back; the consumer
  retries with a doubling wait and never stops on its own.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar, cast

from redis.asyncio import Redis
from redis.exceptions import RedisError, ResponseError

from fabric_auth.events.catalogue import Event, EventData, UnreadableEvent, parse_event
from fabric_auth.events.streams import (
    RETRY_FIRST_SECONDS,
    RETRY_MAX_SECONDS,
    ConnectionState,
    StreamEntry,
    as_entry,
    client,
    entries_of,
    pause,
    read_block,
    text,
    unless_stopped,
)

logger = logging.getLogger("fabric_auth.events")

DataT = TypeVar("DataT", bound=EventData)
Handler = Callable[[Event[Any]], Awaitable[None]]
"""An event handler: `async def handle(event: Event[UserDeleted]) -> None`."""

MAX_RETRY_DELAY_SECONDS = 30.0


def dead_letter_stream(stream: str, group: str) -> str:
    """Where `group`'s undeliverable entries of `stream` go."""
    return f"{stream}:dead:{group}"


class EventSubscriber:
    """One consumer of a consumer group on fabric-auth's events stream."""

    def __init__(
        self,
        redis: str | Redis,
        group: str,
        consumer: str,
        *,
        stream: str,
        start_id: str = "0",
        max_attempts: int = 5,
        retry_delay: float = 1.0,
        claim_idle: float = 60.0,
        claim_interval: float | None = None,
        batch_size: int = 100,
        block: float = 2.0,
        dead_letter_maxlen: int | None = 100_000,
    ) -> None:
        """
        `redis`: a `redis://` URL (the client is made and closed here) or a `redis.asyncio`
        client (left open).
        `group`: the consumer group, one per consuming service; created (with the stream) if
        missing. `consumer`: this process's name in it, stable across restarts (a restarted
        consumer reads its pending entries again by this name).
        `stream`: the events stream, `f"{namespace}:events"` of the auth service.
        `start_id`: where a new group starts: "0" reads everything the stream still holds,
        "$" only what comes after the group is created.
        `max_attempts`: deliveries of an entry whose handler keeps failing before it goes to
        the dead-letter stream.
        `retry_delay`: seconds before a failed entry is tried again, doubled on each failure
        (at most 30 s).
        `claim_idle`: seconds an entry must have been pending on another consumer before this
        one takes it over. `claim_interval`: seconds between two such checks (default half of
        `claim_idle`).
        `batch_size`: entries read at a time. `block`: seconds one read waits for new entries
        (at most half the client's socket timeout).
        `dead_letter_maxlen`: the dead-letter stream is trimmed to about this many entries
        (`None`: never trimmed).
        """
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._redis, self._owns_client = client(redis)
        self.group = group
        self.consumer = consumer
        self.stream = stream
        self.dead_letter_stream = dead_letter_stream(stream, group)
        self.start_id = start_id
        self.max_attempts = max_attempts
        self.retry_delay = retry_delay
        self.claim_idle = claim_idle
        self.claim_interval = claim_idle / 2 if claim_interval is None else claim_interval
        self.batch_size = batch_size
        self.block = read_block(self._redis, block)
        self.dead_letter_maxlen = dead_letter_maxlen
        self._handlers: dict[type[EventData], Handler] = {}
        self._other: Handler | None = None
        self._held: dict[str, deque[StreamEntry]] = {}
        """Per subject: its entries waiting behind a failed one (the first), in stream order."""
        self._retry_at: dict[str, float] = {}
        self._claim_at = 0.0
        self._stopping = asyncio.Event()
        self._done = asyncio.Event()
        self._done.set()
        self._task: asyncio.Task[None] | None = None
        self._connection = ConnectionState(logger, f"Redis (events consumer {group}/{consumer})")
        self.handled = 0
        """Entries whose handler succeeded (and were acknowledged)."""
        self.skipped = 0
        """Entries acknowledged without a handler (a type nobody handles here)."""
        self.failures = 0
        """Handler calls that raised."""
        self.dead_lettered = 0
        """Entries moved to the dead-letter stream."""

    # --- handlers ---------------------------------------------------------------------

    def on(
        self, event_class: type[DataT], handler: Callable[[Event[DataT]], Awaitable[None]]
    ) -> None:
        """Call `handler` for each event of `event_class` (its type and version)."""
        if event_class in self._handlers:
            raise ValueError(f"{event_class.__name__} has a handler already")
        self._handlers[event_class] = cast(Handler, handler)

    def on_other(self, handler: Handler) -> None:
        """Call `handler` for every event no `on` handler takes: types (or versions) this
        process does not know, whose `data` is then a plain `dict`, and known types without
        a handler. Without it those are acknowledged and skipped."""
        self._other = handler

    def _handler_for(self, event: Event[Any]) -> Handler | None:
        return self._handlers.get(type(event.data), self._other)

    # --- running ----------------------------------------------------------------------

    async def run(self) -> None:
        """Consume until `stop()`. Never raises for Redis or handler failures."""
        self._stopping.clear()
        self._done.clear()
        await self._run()

    async def start(self) -> None:
        """Run in a background task (what `async with` does)."""
        if self._task is None:
            self._stopping.clear()
            self._done.clear()
            self._task = asyncio.create_task(self._run(), name=f"events-{self.consumer}")

    async def stop(self) -> None:
        """Stop gracefully: the entry being handled is finished (and acknowledged), no other
        one is started; entries read but not handled stay pending for the next start."""
        self._stopping.set()
        if self._task is not None:
            task, self._task = self._task, None
            await task
        await self._done.wait()

    async def aclose(self) -> None:
        """Stop, and close the Redis client if it was made from a URL."""
        await self.stop()
        if self._owns_client:
            await self._redis.aclose()

    async def __aenter__(self) -> EventSubscriber:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def _run(self) -> None:
        wait = RETRY_FIRST_SECONDS
        prepared = False
        try:
            while not self._stopping.is_set():
                try:
                    if not prepared:
                        await self._prepare()
                        prepared = True
                    await self._step()
                except Exception as exc:
                    if isinstance(exc, RedisError | OSError):
                        self._connection.failed(exc)
                    else:  # a reply this code did not expect: say so, and carry on
                        logger.exception("events consumer %s/%s failed", self.group, self.consumer)
                    # Start over once Redis answers: the held entries are re-read from this
                    # consumer's pending list, in order.
                    prepared = False
                    self._held.clear()
                    self._retry_at.clear()
                    await pause(wait, self._stopping)
                    wait = min(wait * 2, RETRY_MAX_SECONDS)
                    continue
                self._connection.recovered()
                wait = RETRY_FIRST_SECONDS
        finally:
            self._done.set()

    async def _prepare(self) -> None:
        """Create the group if needed, handle this consumer's own pending entries, then take
        over those of dead consumers."""
        try:
            await self._redis.xgroup_create(
                self.stream, self.group, id=self.start_id, mkstream=True
            )
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise
        after = "0"
        while not self._stopping.is_set():
            reply = await self._redis.xreadgroup(
                self.group, self.consumer, {self.stream: after}, count=self.batch_size
            )
            entries = entries_of(reply)
            if not entries:
                break
            await self._process(entries)
            after = entries[-1].id
        await self._claim()

    async def _step(self) -> None:
        now = time.monotonic()
        await self._retry_due(now)
        if now >= self._claim_at:
            await self._claim()
        if self._stopping.is_set():
            return
        wait = min(self.block, max(0.0, self._claim_at - time.monotonic()))
        if self._retry_at:
            wait = min(wait, max(0.0, min(self._retry_at.values()) - time.monotonic()))
        reply = await unless_stopped(
            self._redis.xreadgroup(
                self.group,
                self.consumer,
                {self.stream: ">"},
                count=self.batch_size,
                block=max(1, int(wait * 1000)),
            ),
            self._stopping,
        )
        await self._process(entries_of(reply))

    async def _claim(self) -> None:
        """Take over entries idle on other consumers for `claim_idle` (and handle them)."""
        self._claim_at = time.monotonic() + self.claim_interval
        cursor = "0-0"
        while not self._stopping.is_set():
            reply = await self._redis.xautoclaim(
                self.stream,
                self.group,
                self.consumer,
                min_idle_time=int(self.claim_idle * 1000),
                start_id=cursor,
                count=self.batch_size,
            )
            cursor = text(reply[0])
            held = {entry.id for entries in self._held.values() for entry in entries}
            await self._process([e for e in map(as_entry, reply[1]) if e.id not in held])
            if cursor == "0-0":
                return

    # --- handling ---------------------------------------------------------------------

    async def _process(self, entries: Iterable[StreamEntry]) -> None:
        for entry in entries:
            if self._stopping.is_set():
                return  # left pending: read again on the next start
            held = self._held.get(entry.subject)
            if held is not None:
                held.append(entry)  # behind a failed event of the same subject
            else:
                await self._attempt(entry)

    async def _attempt(self, entry: StreamEntry) -> None:
        if not entry.fields:  # deleted from the stream while pending: nothing to handle
            await self._redis.xack(self.stream, self.group, entry.id)
            return
        try:
            event = parse_event(entry.payload)
        except UnreadableEvent as exc:
            await self._dead_letter(entry, f"UnreadableEvent: {exc}", await self._deliveries(entry))
            return
        handler = self._handler_for(event)
        if handler is None:
            await self._redis.xack(self.stream, self.group, entry.id)
            self.skipped += 1
            return
        try:
            await handler(event)
        except Exception as exc:
            self.failures += 1
            attempts = await self._deliveries(entry)
            logger.warning(
                "events: handler for %s %s (entry %s) failed, attempt %d of %d",
                event.type,
                event.id,
                entry.id,
                attempts,
                self.max_attempts,
                exc_info=exc,
            )
            if attempts >= self.max_attempts:
                await self._dead_letter(entry, _describe(exc), attempts)
            else:
                self._held[entry.subject] = deque([entry])
                delay = min(self.retry_delay * 2 ** (attempts - 1), MAX_RETRY_DELAY_SECONDS)
                self._retry_at[entry.subject] = time.monotonic() + delay
            return
        await self._redis.xack(self.stream, self.group, entry.id)
        self.handled += 1

    async def _retry_due(self, now: float) -> None:
        """Redeliver each failed entry whose delay has passed (XCLAIM to this consumer: its
        delivery count goes up and it stays this consumer's), then its subject's held ones."""
        for subject, at in list(self._retry_at.items()):
            if at > now or self._stopping.is_set():
                continue
            del self._retry_at[subject]
            entries = self._held.pop(subject)
            failed = entries.popleft()
            claimed = await self._redis.xclaim(
                self.stream, self.group, self.consumer, 0, [failed.id]
            )
            if entries:  # keep the waiting ones this consumer's (no other takes them over)
                await self._redis.xclaim(
                    self.stream, self.group, self.consumer, 0, [e.id for e in entries], justid=True
                )
            if claimed:  # else it left the stream meanwhile (trimmed): nothing to retry
                entries.appendleft(as_entry(claimed[0]))
            await self._process(entries)

    async def _deliveries(self, entry: StreamEntry) -> int:
        """How many times the group delivered `entry` (Redis's count, across restarts)."""
        pending = await self._redis.xpending_range(
            self.stream, self.group, min=entry.id, max=entry.id, count=1
        )
        return int(pending[0]["times_delivered"]) if pending else 1

    async def _dead_letter(self, entry: StreamEntry, error: str, attempts: int) -> None:
        fields: dict[Any, Any] = {
            **{text(name): value for name, value in entry.fields.items()},
            "error": error,
            "group": self.group,
            "consumer": self.consumer,
            "attempts": str(attempts),
            "original_id": entry.id,
        }
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.xadd(
                self.dead_letter_stream,
                fields,
                maxlen=self.dead_letter_maxlen,
                approximate=True,
            )
            pipe.xack(self.stream, self.group, entry.id)
            await pipe.execute()
        self.dead_lettered += 1
        logger.warning(
            "events: entry %s moved to %s after %d attempt(s): %s",
            entry.id,
            self.dead_letter_stream,
            attempts,
            error,
        )


def _describe(error: BaseException) -> str:
    message = str(error)
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
