"""Draining on SIGTERM: readiness answers 503 `draining` while requests are still served.

uvicorn (and gunicorn's uvicorn worker) stop listening as soon as SIGTERM arrives: a load balancer
that polls readiness never sees the instance draining, only a closed port and, for requests
routed there meanwhile, refused connections. With `FABRIC_AUTH_DRAIN_SECONDS` > 0 the lifespan
wraps the server's SIGTERM handler: SIGTERM first turns readiness to 503 `draining` and the
server goes on serving for that long, so the balancer takes the instance out of rotation; then
the server's own handler runs and its graceful stop begins. A second SIGTERM during the drain
skips the rest of it.

Only a server that installed a SIGTERM handler of its own (a Python callable) is wrapped, and
only from the main thread (where signal handlers live): anything else keeps its behaviour.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from types import FrameType
from typing import Any

from fabric_auth.middleware import InFlightRequests

logger = logging.getLogger("fabric_auth")


class SigtermDrain:
    """Defers the server's SIGTERM handler by `seconds`, marking `tracker` draining at once."""

    def __init__(self, tracker: InFlightRequests, seconds: float) -> None:
        self._tracker = tracker
        self._seconds = seconds
        self._server_handler: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._stopping = False

    def install(self) -> bool:
        """Wrap the server's SIGTERM handler; `False` (and nothing changed) when draining is
        off, this is not the main thread, or no Python handler is installed to defer."""
        if self._seconds <= 0 or threading.current_thread() is not threading.main_thread():
            return False
        handler = signal.getsignal(signal.SIGTERM)
        if not callable(handler):  # SIG_DFL, SIG_IGN, or set outside Python
            return False
        self._server_handler = handler
        self._loop = asyncio.get_running_loop()
        signal.signal(signal.SIGTERM, self._on_sigterm)
        return True

    def uninstall(self) -> None:
        """Put the server's handler back (if ours is still the one installed)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._server_handler is None:
            return
        if signal.getsignal(signal.SIGTERM) == self._on_sigterm:
            signal.signal(signal.SIGTERM, self._server_handler)
        self._server_handler = None

    def _on_sigterm(self, signum: int, frame: FrameType | None) -> None:
        # A signal handler runs between any two bytecodes of the main thread, possibly inside
        # the event loop's own code: it only hands over to the loop, which is safe from here.
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self._begin_or_cut_short, signum)

    def _begin_or_cut_short(self, signum: int) -> None:
        if self._stopping:
            return
        if self._tracker.draining:  # a second SIGTERM: no more waiting
            logger.info("second SIGTERM: stopping now")
            self._stop(signum)
            return
        self._tracker.draining = True
        logger.info("SIGTERM: readiness answers draining; stopping in %s s", self._seconds)
        assert self._loop is not None
        self._timer = self._loop.call_later(self._seconds, self._stop, signum)

    def _stop(self, signum: int) -> None:
        """Hand the signal to the server: its graceful stop starts now."""
        self._stopping = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        handler = self._server_handler
        self.uninstall()
        if callable(handler):
            handler(signum, None)
