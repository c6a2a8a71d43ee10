"""Work a request starts but does not wait for (sending mail), finished before shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from fabric_auth.store.errors import reported_outage

logger = logging.getLogger("fabric_auth.background")


class BackgroundWork:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        """Run `work` after the response; failures are logged, never raised to the caller."""
        task = asyncio.create_task(self._run(work, name), name=f"fabric-auth-{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, work: Coroutine[Any, Any, None], name: str) -> None:
        try:
            await work
        except Exception:
            logger.exception("background work %s failed", name)

    async def drain(self, within: float | None = None) -> None:
        """Wait until everything spawned so far (and anything it spawns) has finished."""
        loop = asyncio.get_running_loop()
        deadline = None if within is None else loop.time() + within
        while self._tasks:
            remaining = None if deadline is None else deadline - loop.time()
            if remaining is not None and remaining <= 0:
                logger.warning("%d background tasks still running at shutdown", len(self._tasks))
                for task in list(self._tasks):
                    task.cancel()
                return
            await asyncio.wait(list(self._tasks), timeout=remaining)


def every(seconds: float, work: Callable[[], Awaitable[object]], name: str) -> asyncio.Task[None]:
    """Run `work` every `seconds` until cancelled. A failure is retried next time and logged
    once, with its traceback, until a round succeeds again (said once too); the store being
    unavailable is logged only through `STORE_STATE` (once per outage, no traceback)."""

    async def repeat() -> None:
        failing = logged = False
        while True:
            await asyncio.sleep(seconds)
            try:
                await work()
            except Exception as exc:
                outage = reported_outage(exc)
                if not failing and not outage:
                    logger.exception("%s failed; trying again every %s s", name, seconds)
                    logged = True
                failing = True
                continue
            if logged:
                logger.info("%s works again", name)
            failing = logged = False

    return asyncio.create_task(repeat(), name=f"fabric-auth-{name}")


async def cancel(task: asyncio.Task[Any] | None) -> None:
    """Stop a background task and wait until it has stopped; its errors stay its own."""
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task
