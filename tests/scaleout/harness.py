"""Real processes for the scale-out scenarios, and the faults the scenarios inject into them.

- `RedisServer`: a `redis-server` of the suite's own on a free port (never the shared one),
  stopped, started, paused (SIGSTOP) and resumed (SIGCONT).
- `PostgresProxy`: a TCP proxy in front of the shared PostgreSQL, on its own thread and event
  loop (so it forwards while the test's loop is busy or idle), that the test cuts (listener
  closed, connections dropped), hangs (connections accepted, nothing forwarded) and restores.
- `Instance`: one uvicorn process of `tests.scaleout.app`, output captured to a file the test
  reads, paused, resumed, killed (-9) or terminated (SIGTERM).
- `Tally`: every answer a scenario got, and what is wrong with any of them (a 500, a plain-text
  error, a mutation neither 2xx nor a coded 503, a stack trace in a body).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx

ROOT = Path(__file__).resolve().parents[2]
MAX_STALENESS = 1.0
"""Seconds an instance may trust its caches without a successful change-feed poll (the
contract's `FABRIC_AUTH_MAX_STALENESS`, its default)."""
PUBLISH_BOUND = 0.1
"""Seconds the contract allows the post-commit Redis publish."""
STORE_CODES = frozenset({"store_unavailable", "store_busy"})
FIGURES: list[str] = []
"""Measured figures, one line each, printed at the end of the session (tests/conftest.py)."""

T = TypeVar("T")


def record(line: str) -> None:
    FIGURES.append(f"scaleout: {line}")


def free_port() -> int:
    """A port nothing listens on (bound for a moment by the OS, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def median_ms(samples: list[float]) -> str:
    return ms(statistics.median(samples)) if samples else "n/a"


async def poll(
    check: Callable[[], Awaitable[T | None]], *, within: float, interval: float = 0.02
) -> T | None:
    """`check()` until it returns something other than None, for at most `within` seconds."""
    deadline = time.monotonic() + within
    while True:
        value = await check()
        if value is not None:
            return value
        if time.monotonic() >= deadline:
            return None
        await asyncio.sleep(interval)


class RedisServer:
    """A `redis-server` on a free port, no persistence."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen[bytes] | None = None
        self.paused = False

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    async def start(self) -> None:
        self._process = subprocess.Popen(  # noqa: ASYNC220  (returns at once)
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.paused = False

        async def listening() -> bool | None:
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", self.port)
            except OSError:
                return None
            writer.close()
            await writer.wait_closed()
            return True

        if await poll(listening, within=10) is None:
            raise RuntimeError(f"redis-server did not listen on {self.port}")

    async def stop(self) -> None:
        if self._process is None:
            return
        if self.paused:
            self.resume()
        if self._process.poll() is None:
            self._process.terminate()
            await asyncio.to_thread(self._process.wait, 10)
        self._process = None

    def pause(self) -> None:
        assert self._process is not None
        self._process.send_signal(signal.SIGSTOP)
        self.paused = True

    def resume(self) -> None:
        assert self._process is not None
        self._process.send_signal(signal.SIGCONT)
        self.paused = False


class PostgresProxy:
    """TCP forwarding from a free local port to the PostgreSQL server, with faults."""

    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.port = free_port()
        self.mode = "open"
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._flowing: asyncio.Event | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        return await asyncio.wait_for(asyncio.wrap_future(future), timeout=10)

    async def start(self) -> None:
        self._thread.start()
        await self._call(self._listen())

    async def _listen(self) -> None:
        if self._flowing is None:
            self._flowing = asyncio.Event()
            self._flowing.set()
        self._server = await asyncio.start_server(
            self._handle, "127.0.0.1", self.port, reuse_address=True
        )

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        assert self._flowing is not None
        self._writers.add(writer)
        try:
            await self._flowing.wait()  # hung: accepted, nothing forwarded
            up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        except OSError:
            self._writers.discard(writer)
            writer.close()
            return
        self._writers.add(up_writer)
        await asyncio.gather(
            self._pump(reader, up_writer), self._pump(up_reader, writer), return_exceptions=True
        )
        for one in (writer, up_writer):
            self._writers.discard(one)
            one.close()

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        assert self._flowing is not None
        try:
            while data := await reader.read(65536):
                await self._flowing.wait()
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()

    async def cut(self) -> None:
        """Refuse new connections and drop the open ones."""
        await self._call(self._cut())
        self.mode = "cut"

    async def _cut(self) -> None:
        assert self._server is not None and self._flowing is not None
        self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()
        self._flowing.set()

    async def hang(self) -> None:
        """Accept connections and keep the open ones, forwarding nothing either way."""
        await self._call(self._hang())
        self.mode = "hang"

    async def _hang(self) -> None:
        assert self._flowing is not None
        self._flowing.clear()

    async def restore(self) -> None:
        await self._call(self._restore())
        self.mode = "open"

    async def _restore(self) -> None:
        assert self._flowing is not None
        self._flowing.set()
        if self.mode == "cut":
            await self._listen()

    async def stop(self) -> None:
        await self._call(self._cut())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()


@dataclass
class Instance:
    """One uvicorn process of the scale-out app."""

    name: str
    env: dict[str, str]
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    client: httpx.AsyncClient | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def http(self) -> httpx.AsyncClient:
        assert self.client is not None, f"{self.name} is not started"
        return self.client

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    async def start(self, extra_env: dict[str, str] | None = None, within: float = 30) -> None:
        """Start the process and wait until `/health/ready` answers 200."""
        with self.log_path.open("ab") as log:
            log.write(f"--- {self.name} starting on {self.port}\n".encode())
            log.flush()
            self.process = subprocess.Popen(  # noqa: ASYNC220  (returns at once)
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "tests.scaleout.app:app",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--no-proxy-headers",
                    "--no-access-log",
                    "--log-level",
                    "info",
                ],
                cwd=ROOT,
                env={**os.environ, **self.env, **(extra_env or {}), "PYTHONPATH": str(ROOT)},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        if self.client is None:
            self.client = httpx.AsyncClient(
                base_url=self.url,
                timeout=15,
                # Idle connections dropped before uvicorn's 5 s keep-alive timeout closes them,
                # so a request never goes out on a connection the server is closing.
                limits=httpx.Limits(
                    max_connections=200, max_keepalive_connections=50, keepalive_expiry=2.0
                ),
            )
        await self.wait_ready(within)

    async def wait_ready(self, within: float = 30) -> None:
        async def ready() -> bool | None:
            if not self.running:
                raise RuntimeError(f"{self.name} exited:\n{self.log_tail()}")
            try:
                answer = await self.http.get("/health/ready", timeout=2)
            except httpx.HTTPError:
                return None
            return True if answer.status_code == 200 else None

        if await poll(ready, within=within, interval=0.05) is None:
            raise RuntimeError(f"{self.name} not ready within {within} s:\n{self.log_tail()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_since(self, offset: int) -> str:
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return log.read().decode(errors="replace")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log().splitlines()[-lines:])

    def signal(self, number: signal.Signals) -> None:
        assert self.process is not None
        self.process.send_signal(number)

    def pause(self) -> None:
        self.signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.signal(signal.SIGCONT)

    async def kill(self) -> None:
        """kill -9, and reap."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            await asyncio.to_thread(self.process.wait, 10)

    async def stop(self, within: float = 15) -> int | None:
        """SIGTERM; kill -9 if it has not exited within `within` seconds. Its return code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            try:
                await asyncio.to_thread(self.process.wait, within)
            except subprocess.TimeoutExpired:
                self.process.kill()
                await asyncio.to_thread(self.process.wait, 10)
        return self.process.returncode

    async def close(self) -> None:
        await self.stop()
        if self.client is not None:
            await self.client.aclose()
            self.client = None


@dataclass
class Answer:
    """One request a scenario made, and what came back (None: no HTTP answer)."""

    instance: str
    what: str
    mutation: bool
    status: int | None
    code: str | None
    seconds: float
    started: float
    error: str | None = None


class Tally:
    """Every answer of a scenario; `problems()` lists those the issue's "Done when" forbids."""

    def __init__(self) -> None:
        self.answers: list[Answer] = []
        self._problems: list[str] = []

    async def send(
        self,
        instance: Instance,
        what: str,
        method: str,
        path: str,
        *,
        mutation: bool = False,
        **kwargs: Any,
    ) -> httpx.Response | None:
        started = time.monotonic()
        try:
            response = await instance.http.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            seconds = time.monotonic() - started
            self.answers.append(
                Answer(instance.name, what, mutation, None, None, seconds, started, repr(error))
            )
            return None
        seconds = time.monotonic() - started
        code = self._inspect(instance.name, what, mutation, response)
        self.answers.append(
            Answer(instance.name, what, mutation, response.status_code, code, seconds, started)
        )
        return response

    def _inspect(
        self, name: str, what: str, mutation: bool, response: httpx.Response
    ) -> str | None:
        status = response.status_code
        where = f"{what} on {name}: {status}"
        if "Traceback" in response.text:
            self._problems.append(f"{where} carries a stack trace")
        code: str | None = None
        if status >= 400:
            try:
                body = response.json()
            except ValueError:
                self._problems.append(f"{where} is not JSON: {response.text[:120]!r}")
                return None
            code = body.get("code") if isinstance(body, dict) else None
            if not isinstance(code, str):
                self._problems.append(f"{where} has no code: {body!r:.120}")
        if status >= 500 and (status != 503 or code not in STORE_CODES):
            self._problems.append(f"{where} {code}")
        if mutation and not (200 <= status < 300 or (status == 503 and code in STORE_CODES)):
            self._problems.append(f"mutation {where} {code}")
        if status == 503 and "Retry-After" not in response.headers:
            self._problems.append(f"{where} {code} without Retry-After")
        return code

    def problems(self) -> list[str]:
        return list(self._problems)

    def statuses(self, what: str | None = None) -> Counter[int | None]:
        return Counter(a.status for a in self.answers if what is None or a.what == what)

    def seconds(self, what: str, instance: str | None = None) -> list[float]:
        return [
            a.seconds
            for a in self.answers
            if a.what == what and (instance is None or a.instance == instance)
        ]

    def mutations(self) -> Counter[tuple[int | None, str | None]]:
        """(status, code) of every mutation."""
        return Counter((a.status, a.code) for a in self.answers if a.mutation)

    def transport_errors(self) -> list[str]:
        return [f"{a.what} on {a.instance}: {a.error}" for a in self.answers if a.error]
