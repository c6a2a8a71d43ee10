"""HS256 vs EdDSA vs ES256: the cost of access-token verification inside the authenticated route.

```
PYTHONPATH=. .venv/bin/python bench/bench_signing.py            # writes bench/RESULTS_signing.md
PYTHONPATH=. .venv/bin/python bench/bench_signing.py --requests 2000 --rounds 1   # quicker
```

For each algorithm an app (`--serve`, below) runs under uvicorn (one worker, 127.0.0.1, SQLite)
in its own process; this process is the client: `--connections` keep-alive HTTP/1.1 connections
on a raw asyncio client (cheaper than httpx, so the server, not the client, is measured as far as
two shared cores allow). Two workloads hit `GET /whoami` (`Depends(current_principal)`):

- *fresh*: every request carries a token the server has never seen, so every request pays the
  full signature verification (the worst case: a token is verified once per process);
- *cached*: one token for all requests: verification is memoised per token string, so this is
  what a client re-using its token costs.

Algorithms are interleaved round by round and the median round is reported. A micro-benchmark
of the codec alone (no HTTP) gives the per-verification cost in microseconds.
"""

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ALGORITHMS = ("HS256", "EdDSA", "ES256")
BENCH_DIR = Path(__file__).resolve().parent
EMAIL, PASSWORD = "bench@example.com", "correct horse battery staple"


# --- the server (runs in a subprocess) -------------------------------------------------------


def serve(algorithm: str, port: int, database: str) -> None:
    from typing import Annotated

    import uvicorn
    from fastapi import Depends, FastAPI

    from fabric_auth import FabricAuth, Principal, current_principal
    from fabric_auth.principal import PrincipalKind
    from fabric_auth.routers import create_auth_router
    from fabric_auth.services.users import NewUser
    from fabric_auth.testing import test_settings

    auth = FabricAuth(
        test_settings(
            database_url=f"sqlite://{database}", signing_algorithm=algorithm, cleanup_interval=0
        )
    )
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())

    @app.get("/whoami")
    async def whoami(who: Annotated[Principal, Depends(current_principal)]) -> dict[str, str]:
        return {"id": str(who.id)}

    @app.post("/bench/mint")
    async def mint(n: int) -> list[str]:
        """Bench only: n fresh access tokens for one session (minted outside the timed part)."""
        services = auth.services
        user = await services.users.find_by_login(EMAIL)
        if user is None:
            user = await services.users.create(NewUser(email=EMAIL, password=PASSWORD))
        pair = await services.sessions.start(user)
        issue = services.tokens.issue
        return [issue(user.id, pair.session_id, PrincipalKind.USER).token for _ in range(n)]

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


# --- the client ------------------------------------------------------------------------------


@dataclass
class Server:
    algorithm: str
    process: subprocess.Popen[bytes]
    port: int


@contextlib.contextmanager
def running_server(algorithm: str, directory: str) -> Iterator[Server]:
    # A free port, handed to uvicorn by number: uvicorn treats an inherited fd as a Unix socket
    # and then cannot set TCP_NODELAY, which adds Nagle's 40 ms to every response.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    database = os.path.join(directory, f"{algorithm}.sqlite3")
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve", algorithm, str(port), database]
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if _get(port, "/openapi.json")[0] == 200:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError(f"{algorithm} server did not start")
        yield Server(algorithm, process, port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _get(port: int, path: str, method: str = "GET") -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(
            f"{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Length: 0\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def mint(server: Server, n: int) -> list[str]:
    status, body = _get(server.port, f"/bench/mint?n={n}", method="POST")
    assert status == 200, body
    tokens: list[str] = json.loads(body)
    return tokens


@dataclass(frozen=True)
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


async def _connection(port: int, requests: list[bytes], latencies: list[float]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for request in requests:
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            if not head.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(head.decode(errors="replace"))
            latencies.append(time.perf_counter() - started)
    finally:
        writer.close()


def load(port: int, tokens: list[str], connections: int) -> Result:
    requests = [
        f"GET /whoami HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {t}\r\n\r\n".encode()
        for t in tokens
    ]
    shares = [requests[i::connections] for i in range(connections)]
    latencies: list[float] = []

    async def run() -> float:
        started = time.perf_counter()
        await asyncio.gather(*(_connection(port, share, latencies) for share in shares))
        return time.perf_counter() - started

    seconds = asyncio.run(run())
    latencies.sort()
    return Result(
        len(requests),
        seconds,
        latencies[len(latencies) // 2] * 1000,
        latencies[int(len(latencies) * 0.99)] * 1000,
    )


def micro(algorithm: str, count: int) -> float:
    """Microseconds per verification of a never-seen token by the codec alone."""
    from fabric_auth.principal import PrincipalKind
    from fabric_auth.tokens.access import AccessTokenCodec
    from fabric_auth.tokens.keys import (
        KeyRing,
        Signer,
        VerificationKey,
        generate_key,
        load_private_key,
        public_key_of,
    )

    if algorithm == "HS256":
        ring = KeyRing.symmetric(os.urandom(32))
    else:
        key = generate_key(algorithm)
        ring = KeyRing(
            (Signer(key.kid, algorithm, load_private_key(key.private_pem)),),
            {key.kid: VerificationKey(key.kid, algorithm, public_key_of(key.public_jwk))},
        )
    codec = AccessTokenCodec(ring, issuer="i", audience="a", ttl=900, now=time.time)
    tokens = [
        codec.issue(uuid.uuid4(), uuid.uuid4(), PrincipalKind.USER).token for _ in range(count)
    ]
    started = time.perf_counter()
    for token in tokens:
        codec._decode(token)
    return (time.perf_counter() - started) / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", nargs=3, metavar=("ALGORITHM", "PORT", "DATABASE"))
    parser.add_argument("--requests", type=int, default=4000, help="per workload and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "RESULTS_signing.md")
    args = parser.parse_args()
    if args.serve:
        algorithm, port, database = args.serve
        serve(algorithm, int(port), database)
        return

    micro_us = {alg: statistics.median(micro(alg, 2000) for _ in range(3)) for alg in ALGORITHMS}
    print("codec alone, µs per fresh verification:", micro_us, flush=True)
    fresh: dict[str, list[Result]] = {alg: [] for alg in ALGORITHMS}
    cached: dict[str, list[Result]] = {alg: [] for alg in ALGORITHMS}
    with (
        tempfile.TemporaryDirectory(prefix="fabric-bench-") as directory,
        contextlib.ExitStack() as stack,
    ):
        servers = [stack.enter_context(running_server(a, directory)) for a in ALGORITHMS]
        for server in servers:  # warm-up: imports, first queries, key loading
            load(server.port, mint(server, 500), args.connections)
        for round_number in range(args.rounds):
            for server in servers:
                tokens = mint(server, args.requests)
                fresh[server.algorithm].append(load(server.port, tokens, args.connections))
                one = [tokens[0]] * args.requests
                cached[server.algorithm].append(load(server.port, one, args.connections))
                print(
                    f"round {round_number + 1} {server.algorithm}: "
                    f"fresh {fresh[server.algorithm][-1].rate:,.0f}/s, "
                    f"cached {cached[server.algorithm][-1].rate:,.0f}/s",
                    flush=True,
                )
    report = render(args, micro_us, fresh, cached)
    args.output.write_text(report, encoding="utf-8")
    print(report)


def _median(results: list[Result]) -> Result:
    return sorted(results, key=lambda r: r.rate)[len(results) // 2]


def render(
    args: argparse.Namespace,
    micro_us: dict[str, float],
    fresh: dict[str, list[Result]],
    cached: dict[str, list[Result]],
) -> str:
    base_fresh = _median(fresh["HS256"]).rate
    lines = [
        "## Signing algorithms: HS256 vs EdDSA vs ES256",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores shared with the client and other work, Python "
        f"{platform.python_version()}; `bench/bench_signing.py --requests {args.requests} "
        f"--rounds {args.rounds} --connections {args.connections}`: uvicorn (1 worker, "
        "127.0.0.1, SQLite), `GET /whoami` behind `current_principal`, median of the rounds.",
        "",
        "| algorithm | codec alone, µs/verify | fresh token each request, req/s (p50 / p99 ms) "
        "| vs HS256 | same token, req/s (p50 / p99 ms) |",
        "|---|---:|---:|---:|---:|",
    ]
    for alg in ALGORITHMS:
        f, c = _median(fresh[alg]), _median(cached[alg])
        lines.append(
            f"| {alg} | {micro_us[alg]:.1f} | {f.rate:,.0f} ({f.p50_ms:.1f} / {f.p99_ms:.1f}) "
            f"| {f.rate / base_fresh:.0%} | {c.rate:,.0f} ({c.p50_ms:.1f} / {c.p99_ms:.1f}) |"
        )
    lines += [
        "",
        "*Fresh* is the worst case (every request a token never seen by this process, so a full "
        "signature check); *same token* is the usual case, where verification is memoised per "
        "token string and the algorithm no longer matters. Rounds:",
        "",
    ]
    for alg in ALGORITHMS:
        rates = ", ".join(f"{r.rate:,.0f}" for r in fresh[alg])
        same = ", ".join(f"{r.rate:,.0f}" for r in cached[alg])
        lines.append(f"- {alg}: fresh {rates}; same token {same}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
