"""Faults injected from outside the app: a TCP proxy the test cuts or hangs, and an app served
by a real uvicorn process.

Real servers only: the proxy stands in front of the shared PostgreSQL (which is never stopped
or reconfigured), and the app runs in its own process, so its Tortoise set-up, signal handlers
and log output are its own, as in production.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import httpx

from tests.scaleout.harness import free_port

REPO = Path(__file__).resolve().parents[1]


class TcpProxy:
    """Forwards a free loopback port to `host:port` until the test cuts or hangs it.

    `cut()` closes the listener and aborts every open connection (the server went away);
    `hang()` accepts connections again but forwards nothing either way (the server stopped
    answering); `restore()` forwards again, on the same port.
    """

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._forward, "127.0.0.1", self.port)

    async def cut(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._open):
            writer.transport.abort()
        self._open.clear()

    async def hang(self) -> None:
        await self.cut()
        self._server = await asyncio.start_server(self._swallow, "127.0.0.1", self.port)

    async def restore(self) -> None:
        await self.cut()
        await self.start()

    async def _forward(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._open.update((writer, upstream_writer))
        pipes = [
            asyncio.create_task(_pipe(reader, upstream_writer)),
            asyncio.create_task(_pipe(upstream_reader, writer)),
        ]
        await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        for side in (writer, upstream_writer):  # one side closed: close the other
            side.transport.abort()
            self._open.discard(side)
        for pipe in pipes:
            pipe.cancel()
        await asyncio.gather(*pipes, return_exceptions=True)

    async def _swallow(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._open.add(writer)
        with suppress(OSError):
            while await reader.read(65536):
                pass
        writer.transport.abort()
        self._open.discard(writer)


async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    with suppress(OSError):
        while data := await source.read(65536):
            sink.write(data)
            await sink.drain()


class ServedApp:
    """`tests.served_app:app` in a `python -m uvicorn` process on a free port."""

    def __init__(self, process: asyncio.subprocess.Process, port: int, log: Path) -> None:
        self.process = process
        self.url = f"http://127.0.0.1:{port}"
        self.client = httpx.AsyncClient(base_url=self.url, timeout=30)
        self._log = log

    def log_lines(self) -> list[str]:
        """Everything the process wrote to stderr so far."""
        return self._log.read_text().splitlines()

    def log_records(self) -> list[dict[str, Any]]:
        """fabric-auth's JSON log lines so far."""
        return [json.loads(line) for line in self.log_lines() if line.startswith("{")]

    def terminate(self) -> None:
        self.process.send_signal(signal.SIGTERM)


@asynccontextmanager
async def served_app(tmp_path: Path, **settings: str) -> AsyncIterator[ServedApp]:
    """Start the app with `FABRIC_AUTH_<NAME>` set from `settings`; wait until it is live;
    stop it (SIGKILL if it has not exited yet) when the block ends."""
    port = free_port()
    log = tmp_path / f"uvicorn-{port}.log"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.update({f"FABRIC_AUTH_{name.upper()}": value for name, value in settings.items()})
    with log.open("wb") as stderr:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *("-m", "uvicorn", "tests.served_app:app", "--port", str(port)),
            *("--log-level", "warning", "--no-access-log", "--timeout-graceful-shutdown", "30"),
            cwd=REPO,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=stderr,
        )
    served = ServedApp(process, port, log)
    try:
        await _until_live(served)
        yield served
    finally:
        await served.client.aclose()
        if process.returncode is None:
            process.kill()
            await process.wait()


async def _until_live(served: ServedApp) -> None:
    for _ in range(600):
        if served.process.returncode is not None:
            raise RuntimeError("the app exited:\n" + "\n".join(served.log_lines()))
        with suppress(httpx.TransportError):
            if (await served.client.get("/health/live")).status_code == 200:
                return
        await asyncio.sleep(0.05)
    raise RuntimeError("the app did not start within 30 s:\n" + "\n".join(served.log_lines()))


def tracebacks(lines: list[str]) -> Iterator[str]:
    """Lines of `lines` that start or carry a Python traceback."""
    for line in lines:
        if "Traceback (most recent call last)" in line:
            yield line
