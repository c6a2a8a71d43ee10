"""Telling every instance something, and knowing they heard it (Redis pub/sub).

`publish` returns only once every subscribed instance has run its handler for the message (each
acknowledges on a per-message list that the publisher waits on, bounded by a timeout). That is
what lets a revocation or a role change hold on *every* instance's very next request. Without
Redis, `publish` does nothing: each service falls back on its own store polling or TTL.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from fabric_auth.services.background import cancel

if TYPE_CHECKING:
    from redis.asyncio import Redis

logger = logging.getLogger("fabric_auth.broadcast")

CHANNEL = "fabric_auth:events"
ACK_KEY = "fabric_auth:ack:"
ACK_TIMEOUT_SECONDS = 1.0
RETRY_FIRST_SECONDS = 0.5
RETRY_MAX_SECONDS = 30.0
"""Waits between attempts to subscribe while Redis is unreachable: doubling, capped."""
SUBSCRIBE_WAIT_SECONDS = 5.0
"""How long `start` waits for the first attempt to subscribe to succeed or fail."""

Handler = Callable[[str], Awaitable[None]]
Resync = Callable[[], Awaitable[None]]


class Broadcast:
    def __init__(self, redis: Redis | None) -> None:
        self._redis = redis
        self._handlers: dict[str, Handler] = {}
        self._resyncs: list[Resync] = []
        self._task: asyncio.Task[None] | None = None
        self._first_attempt = asyncio.Event()

    @property
    def enabled(self) -> bool:
        return self._redis is not None

    def on(self, topic: str, handler: Handler) -> None:
        """Run `handler(payload)` for every message on `topic`, from any instance."""
        self._handlers[topic] = handler

    def on_resubscribe(self, resync: Resync) -> None:
        """Run `resync()` after each (re)subscription: messages may have been missed."""
        self._resyncs.append(resync)

    async def publish(self, topic: str, payload: str) -> None:
        if self._redis is None:
            return
        nonce = secrets.token_hex(8)
        message = json.dumps({"t": topic, "p": payload, "n": nonce})
        receivers = int(await self._redis.publish(CHANNEL, message))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + ACK_TIMEOUT_SECONDS
        acknowledged = 0
        while acknowledged < receivers:
            remaining = deadline - loop.time()
            if remaining <= 0:
                logger.warning(
                    "%s acknowledged by %d of %d instances", topic, acknowledged, receivers
                )
                return
            if await self._redis.blpop([ACK_KEY + nonce], timeout=remaining) is not None:
                acknowledged += 1

    async def start(self) -> None:
        if self._redis is None:
            return
        self._task = asyncio.create_task(self._listen(), name="fabric-auth-broadcast")
        # Subscribed before the first request, unless Redis is down: then start without it
        # (revocations still arrive by polling the store) while the listener keeps trying.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._first_attempt.wait(), timeout=SUBSCRIBE_WAIT_SECONDS)

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None

    async def _listen(self) -> None:
        """Stay subscribed. While Redis is unreachable, retry with a doubling wait and say so
        once, when it goes and when it comes back: an outage is not a stream of tracebacks."""
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        assert self._redis is not None
        wait = RETRY_FIRST_SECONDS
        unreachable = False
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    if unreachable:
                        logger.info("Redis reachable again")
                        unreachable = False
                    wait = RETRY_FIRST_SECONDS
                    for resync in self._resyncs:
                        await resync()
                    self._first_attempt.set()
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            await self._dispatch(message["data"])
            except asyncio.CancelledError:
                raise
            except (RedisConnectionError, RedisTimeoutError) as exc:
                if not unreachable:
                    logger.warning("Redis unreachable (%s), retrying", exc)
                    unreachable = True
            except Exception:
                logger.exception("broadcast subscription failed; resubscribing")
            self._first_attempt.set()
            await asyncio.sleep(wait)
            wait = min(wait * 2, RETRY_MAX_SECONDS)

    async def _dispatch(self, data: Any) -> None:
        assert self._redis is not None
        message = json.loads(data)
        handler = self._handlers.get(message["t"])
        if handler is not None:
            await handler(message["p"])
        key = ACK_KEY + message["n"]
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.rpush(key, 1)
            pipe.expire(key, 10)
            await pipe.execute()
