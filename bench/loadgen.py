"""Load generators: wrk for saturating throughput, a small asyncio client for the rest.

wrk (C, one thread) is the client for requests/s: with two cores, a Python client would take
the server's CPU. The asyncio client is for loads wrk cannot express: a fixed-rate (open-loop)
stream, and refresh-token chains where each request needs the previous response. It speaks
HTTP/1.1 keep-alive over raw sockets, so it costs little more than wrk per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import shutil
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

WRK_REPORT_SCRIPT = Path(__file__).with_name("wrk_report.lua")


@dataclass(frozen=True, slots=True)
class LoadResult:
    requests: int
    """Completed requests, failures included."""
    failures: int
    """Responses with an unexpected status, and socket errors."""
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return math.nan
    rank = max(math.ceil(fraction * len(sorted_values)), 1)
    return sorted_values[rank - 1]


def summarize(latencies: list[float], failures: int, seconds: float) -> LoadResult:
    """Latencies in seconds; the result reports milliseconds."""
    latencies.sort()
    return LoadResult(
        requests=len(latencies),
        failures=failures,
        seconds=seconds,
        p50_ms=percentile(latencies, 0.50) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
    )


# --- wrk -----------------------------------------------------------------------------------


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(
    url: str, *, headers: Sequence[str] = (), connections: int, seconds: float
) -> LoadResult:
    """Saturate `url` from one wrk thread; every non-2xx/3xx answer counts as a failure."""
    command = [
        "wrk",
        "--threads=1",
        f"--connections={connections}",
        f"--duration={max(round(seconds), 1)}s",
        "--timeout=5s",
        f"--script={WRK_REPORT_SCRIPT}",
    ]
    for header in headers:
        command += ["--header", header]
    completed = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 30
    )
    for line in completed.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            report = json.loads(line.removeprefix("BENCH_JSON "))
            return LoadResult(
                requests=report["requests"],
                failures=report["status_errors"] + report["socket_errors"],
                seconds=report["duration_us"] / 1e6,
                p50_ms=report["p50_us"] / 1000,
                p99_ms=report["p99_us"] / 1000,
            )
    raise RuntimeError(f"wrk printed no summary:\n{completed.stdout}\n{completed.stderr}")


# --- asyncio HTTP/1.1 client ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int
    body: bytes

    def json(self) -> object:
        return json.loads(self.body)


class HttpConnection:
    """One keep-alive HTTP/1.1 connection; requests on it run one at a time."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str):
        self._reader = reader
        self._writer = writer
        self._host = host

    @classmethod
    async def open(cls, host: str, port: int) -> HttpConnection:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer, f"{host}:{port}")

    async def request(
        self,
        method: str,
        path: str,
        *,
        headers: Sequence[tuple[str, str]] = (),
        body: bytes = b"",
    ) -> HttpResponse:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self._host}"]
        lines += [f"{name}: {value}" for name, value in headers]
        if body or method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(body)}")
        self._writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        head = await self._reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        length = 0
        for line in header_lines:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding":
                raise RuntimeError("chunked responses are not supported by this client")
        payload = await self._reader.readexactly(length) if length else b""
        return HttpResponse(status=int(status_line.split(" ", 2)[1]), body=payload)

    async def close(self) -> None:
        self._writer.close()
        with contextlib.suppress(OSError):  # the server may have closed it first
            await self._writer.wait_closed()


class ConnectionPool:
    """Idle keep-alive connections; a new one is opened whenever all are busy.

    Connections idle longer than `max_idle` seconds are closed rather than reused: uvicorn
    closes keep-alive connections after 5 s of silence, and a request on one it closed fails.
    """

    def __init__(self, host: str, port: int, *, max_idle: float = 2.0) -> None:
        self._host = host
        self._port = port
        self._max_idle = max_idle
        self._idle: list[tuple[float, HttpConnection]] = []
        self._all: list[HttpConnection] = []

    async def warm(self, size: int) -> None:
        for _ in range(size):
            self.release(await self._open())

    async def acquire(self) -> HttpConnection:
        while self._idle:
            released, connection = self._idle.pop()
            if time.monotonic() - released <= self._max_idle:
                return connection
            await self._discard(connection)
        return await self._open()

    def release(self, connection: HttpConnection) -> None:
        self._idle.append((time.monotonic(), connection))

    async def close(self) -> None:
        for connection in self._all:
            await connection.close()
        self._idle.clear()
        self._all.clear()

    async def _open(self) -> HttpConnection:
        connection = await HttpConnection.open(self._host, self._port)
        self._all.append(connection)
        return connection

    async def _discard(self, connection: HttpConnection) -> None:
        self._all.remove(connection)
        await connection.close()


Call = Callable[[HttpConnection], Awaitable[bool]]
"""Sends one request on the connection; returns whether the answer was the expected one."""


@dataclass(frozen=True, slots=True)
class Sample:
    """One request of an open loop, timed on the machine-wide monotonic clock (`time.monotonic`
    is `CLOCK_MONOTONIC`), so another process can place it between its own marks."""

    started: float
    latency: float
    """Seconds from sending to the full response; NaN when the request failed on the socket."""
    ok: bool


def summarize_samples(samples: Sequence[Sample], seconds: float) -> LoadResult:
    """Socket failures count as failures without a latency, as in `open_loop`."""
    answered = [sample for sample in samples if not math.isnan(sample.latency)]
    failures = sum(not sample.ok for sample in samples)
    return summarize([sample.latency for sample in answered], failures, seconds)


async def open_loop_until(
    pool: ConnectionPool, call: Call, *, rate: float, stop: asyncio.Event
) -> list[Sample]:
    """Start `call` at a fixed rate, whether or not earlier calls have finished, until `stop`
    is set; every call started is awaited and returned as a `Sample`.

    Latency runs from sending to the full response: a stalled server shows up in it, because
    new calls keep starting on fresh connections instead of waiting for the stalled ones.
    """
    samples: list[Sample] = []

    async def one() -> None:
        connection = await pool.acquire()
        started = time.monotonic()
        try:
            ok = await call(connection)
        except (OSError, asyncio.IncompleteReadError) as exc:
            print(f"  request failed: {exc!r}", file=sys.stderr)
            samples.append(Sample(started, math.nan, ok=False))
            return
        samples.append(Sample(started, time.monotonic() - started, ok))
        pool.release(connection)

    loop = asyncio.get_running_loop()
    begin = loop.time()
    tasks: list[asyncio.Task[None]] = []
    for index in itertools.count():
        delay = begin + index / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        if stop.is_set():
            break
        tasks.append(asyncio.create_task(one()))
    await asyncio.gather(*tasks)
    return samples


async def open_loop(pool: ConnectionPool, call: Call, *, rate: float, seconds: float) -> LoadResult:
    """`open_loop_until` for `seconds`."""
    loop = asyncio.get_running_loop()
    begin = loop.time()
    stop = asyncio.Event()
    loop.call_at(begin + seconds, stop.set)
    samples = await open_loop_until(pool, call, rate=rate, stop=stop)
    return summarize_samples(samples, loop.time() - begin)


async def closed_loop(
    workers: Sequence[tuple[HttpConnection, Call]], *, seconds: float
) -> LoadResult:
    """Each worker sends its next call as soon as the previous one is answered."""
    latencies: list[float] = []
    failures = 0
    loop = asyncio.get_running_loop()
    begin = loop.time()
    deadline = begin + seconds

    async def work(connection: HttpConnection, call: Call) -> None:
        nonlocal failures
        while loop.time() < deadline:
            started = time.perf_counter()
            ok = await call(connection)
            latencies.append(time.perf_counter() - started)
            if not ok:
                failures += 1
                return  # a broken chain cannot continue

    await asyncio.gather(*(work(connection, call) for connection, call in workers))
    return summarize(latencies, failures, loop.time() - begin)
