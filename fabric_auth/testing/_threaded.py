"""Serving an ASGI app with uvicorn in a thread of its own (uvicorn is the `server` extra)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def served_in_thread(app: Any, sock: socket.socket, *, timeout: float = 10.0) -> Iterator[None]:
    """Serve `app` on the bound `sock` with uvicorn, in a thread with its own event loop, until
    the block ends; a slow endpoint never blocks the caller's loop, nor the caller's loop it."""
    import uvicorn

    config = uvicorn.Config(app, lifespan="off", log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    try:
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start serving {app!r}")
            time.sleep(0.005)
        yield
    finally:
        server.should_exit = True
        thread.join(timeout)
