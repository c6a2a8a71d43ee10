"""Hints between instances over Redis pub/sub: "a change was committed, read the feed now".

Redis carries no data here and decides nothing. The store's change feed (`services.changes`) is
what every instance applies; a hint only makes the other instances poll it at once instead of at
their next interval. So:

- `publish` never fails its caller and never waits long: it is bounded (`PUBLISH_TIMEOUT`),
  skipped while Redis is known to be unreachable, and a failure is logged once per state change
  and counted (`publish_failures`);
- nobody waits for acknowledgements: an instance that is paused, partitioned or slow costs the
  others nothing (it catches up from the store, see `ChangeFeed.fresh`);
- the channel is namespaced (`AuthSettings.redis_namespace`), so deployments sharing a Redis
  server never wake each other.

Without Redis nothing is published and instances rely on their poll interval.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from fabric_auth.logs import StateLog
from fabric_auth.services.background import cancel

if TYPE_CHECKING:
    from redis.asyncio import Redis

logger = logging.getLogger("fabric_auth.broadcast")

PUBLISH_TIMEOUT = 0.1
"""Seconds a hint may take before it is given up (the change is committed either way)."""
RETRY_FIRST_SECONDS = 0.5
RETRY_MAX_SECONDS = 30.0
"""Waits between attempts to subscribe while Redis is unreachable: doubling, capped."""
PUBLISH_RETRY_MAX_SECONDS = 2.0
"""The cap of the same doubling wait before publishing is tried again after a failure: a
hung Redis that recovers without dropping the subscription is noticed by a publish."""
SUBSCRIBE_WAIT_SECONDS = 5.0
"""How long `start` waits for the first attempt to subscribe to succeed or fail."""

Hint = Callable[[], None]


class Broadcast:
    def __init__(self, redis: Redis | None, namespace: str) -> None:
        self._redis = redis
        self.channel = f"{namespace}:changes"
        self._hints: list[Hint] = []
        self._task: asyncio.Task[None] | None = None
        self._first_attempt = asyncio.Event()
        self._subscription = StateLog(logger, "Redis (subscription)")
        self._publishing = StateLog(logger, "Redis (publish)")
        self._publish_after = 0.0
        """Monotonic time before which publishing is not tried again (after a failure)."""
        self._publish_wait = RETRY_FIRST_SECONDS
        self.publish_failures = 0
        """Hints given up since start: Redis unreachable, too slow, or skipped meanwhile."""

    @property
    def enabled(self) -> bool:
        return self._redis is not None

    def on_hint(self, hint: Hint) -> None:
        """Call `hint()` whenever any instance says it committed a change (and after each
        (re)subscription, since hints may have been missed meanwhile)."""
        self._hints.append(hint)

    async def publish(self) -> None:
        """Tell the other instances to read the change feed now; bounded, never raises."""
        if self._redis is None:
            return
        now = time.monotonic()
        if now < self._publish_after:
            self.publish_failures += 1
            return
        try:
            async with asyncio.timeout(PUBLISH_TIMEOUT):
                await self._redis.publish(self.channel, b"")
        except Exception as exc:  # the change is committed: its hint is only a speed-up
            self.publish_failures += 1
            self._publishing.failed(exc if str(exc) else TimeoutError("no answer in time"))
            self._publish_after = now + self._publish_wait
            self._publish_wait = min(self._publish_wait * 2, PUBLISH_RETRY_MAX_SECONDS)
            return
        self._publishing.recovered()
        self._publish_wait = RETRY_FIRST_SECONDS

    async def start(self) -> None:
        if self._redis is None:
            return
        self._task = asyncio.create_task(self._listen(), name="fabric-auth-broadcast")
        # Subscribed before the first request, unless Redis is down: then start without it
        # (changes still arrive by polling the store) while the listener keeps trying.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._first_attempt.wait(), timeout=SUBSCRIBE_WAIT_SECONDS)

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None

    async def _listen(self) -> None:
        """Stay subscribed. While Redis is unreachable, retry with a doubling wait and say so
        once, when it goes and when it comes back."""
        assert self._redis is not None
        wait = RETRY_FIRST_SECONDS
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(self.channel)
                    self._subscription.recovered()
                    self._publish_after = 0.0  # Redis answers: publishing may try again
                    wait = RETRY_FIRST_SECONDS
                    self._first_attempt.set()
                    self._wake()
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            self._wake()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self._subscription.failed(exc)
            self._first_attempt.set()
            await asyncio.sleep(wait)
            wait = min(wait * 2, RETRY_MAX_SECONDS)

    def _wake(self) -> None:
        for hint in self._hints:
            hint()
