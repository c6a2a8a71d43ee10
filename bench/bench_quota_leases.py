"""Quota leases on two instances and PostgreSQL: requests/s against bare, and a kill -9 run.

```
.venv/bin/python bench/bench_quota_leases.py --database bench_lease --ports 18760 18761
```

Two uvicorn processes (uvloop + httptools, one worker each, 127.0.0.1) on one PostgreSQL
database (created, then dropped) serve four routes that differ only in their dependencies:

- `GET /bare`: none;
- `GET /plain`: `Depends(current_principal)`;
- `GET /exact`: the same and `Depends(quota("bench_calls", lease=0))`, a store `UPDATE` per request;
- `GET /lease`: the same and `Depends(quota("bench_calls", lease=N))` (`--lease`).

`bench_calls` has a limit of 10^15 a month, so nothing is refused. Phase 1, throughput: two wrk
processes (one thread each, one per instance) drive the same route at once, in alternating
rounds (the order of the routes reversed every other round); requests/s is the sum of the two,
the median over rounds, wall clock. Phase 2, kill -9: a new user with a `bench_kill` limit of
`--kill-limit` units sends `--kill-requests` requests to `/kill` (leased) from an asyncio client
(`--kill-connections` keep-alive connections, alternating instances); after half of them
instance B is killed with SIGKILL and the rest go to A. Then A is stopped (SIGTERM, giving its
blocks back) once B's lease has expired and been swept, and the counter is read: overdraft is
200s beyond the limit (must be 0); stranded is what the counter holds beyond the 200s.
"""

# No `from __future__ import annotations`: FastAPI must see the dependencies annotated inside
# `build_app`, which string annotations would hide from it.

import argparse
import asyncio
import datetime as dt
import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from loadgen import HttpConnection, LoadResult, run_wrk, wrk_available
from results import write_section
from servers import stop

BENCH_DIR = Path(__file__).resolve().parent
PASSWORD = "correct horse battery staple"
LIMIT = 10**15
ROUTES = ("bare", "plain", "exact", "lease")


# --- the app under test (run in the server process) -----------------------------------------


def build_app(
    database_url: str, secret: str, lease: int, lease_seconds: float, kill_limit: int
) -> Any:
    from typing import Annotated

    from fastapi import Depends, FastAPI

    from fabric_auth import (
        AuthSettings,
        Consumption,
        FabricAuth,
        FeatureLimit,
        FeatureSpec,
        PlanCatalogue,
        PlanSpec,
        Principal,
        current_principal,
        quota,
    )
    from fabric_auth.routers import create_auth_router, create_plans_router

    plans = PlanCatalogue(
        features=[FeatureSpec("bench_calls"), FeatureSpec("bench_kill")],
        plans=[
            PlanSpec(
                "free",
                default=True,
                limits={
                    "bench_calls": FeatureLimit(LIMIT),
                    "bench_kill": FeatureLimit(kill_limit),
                },
            )
        ],
    )
    unreachable = "1000000/minute"
    settings = AuthSettings(
        _env_file=None,
        environment="development",
        secret_key=secret,
        database_url=database_url,
        registration_open=True,
        rate_limit_token=unreachable,
        rate_limit_register=unreachable,
        quota_lease_seconds=lease_seconds,
    )
    auth = FabricAuth(settings, plans=plans)
    app = FastAPI()
    auth.install(app)

    @app.get("/bare")
    async def bare() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/plain")
    async def plain(who: Annotated[Principal, Depends(current_principal)]) -> dict[str, bool]:
        return {"ok": True}

    @app.get("/exact")
    async def exact(
        who: Annotated[Principal, Depends(current_principal)],
        usage: Annotated[Consumption, Depends(quota("bench_calls", lease=0))],
    ) -> dict[str, bool]:
        return {"ok": True}

    @app.get("/lease")
    async def leased(
        who: Annotated[Principal, Depends(current_principal)],
        usage: Annotated[Consumption, Depends(quota("bench_calls", lease=lease))],
    ) -> dict[str, bool]:
        return {"ok": True}

    @app.get("/kill")
    async def kill(
        who: Annotated[Principal, Depends(current_principal)],
        usage: Annotated[Consumption, Depends(quota("bench_kill", lease=lease))],
    ) -> dict[str, bool]:
        return {"ok": True}

    app.include_router(create_auth_router())
    app.include_router(create_plans_router())
    return app


def serve(options: argparse.Namespace) -> None:
    from apps import serve as serve_app

    app = build_app(
        options.url,
        os.environ["BENCH_SECRET"],
        options.lease,
        options.lease_seconds,
        options.kill_limit,
    )
    serve_app(app, options.port)


# --- the driver -----------------------------------------------------------------------------


def start_server(url: str, port: int, secret: str, options: argparse.Namespace) -> Any:
    command = [
        sys.executable,
        str(Path(__file__)),
        "serve",
        url,
        "--port",
        str(port),
        "--lease",
        str(options.lease),
        "--lease-seconds",
        str(options.lease_seconds),
        "--kill-limit",
        str(options.kill_limit),
    ]
    process = subprocess.Popen(command, env={**os.environ, "BENCH_SECRET": secret})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/bare", timeout=1)
            return process
        except httpx.TransportError:
            if process.poll() is not None:
                raise RuntimeError("a server exited") from None
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("a server did not start")


def sign_in(base: str, email: str) -> str:
    with httpx.Client(base_url=base, timeout=30) as client:
        client.post("/auth/register", json={"email": email, "password": PASSWORD})
        answer = client.post(
            "/auth/token", data={"grant_type": "password", "username": email, "password": PASSWORD}
        )
        answer.raise_for_status()
        return str(answer.json()["access_token"])


def both(ports: list[int], route: str, token: str, connections: int, seconds: float) -> float:
    """requests/s of two wrk processes, one per instance, at once (their sum)."""
    from concurrent.futures import ThreadPoolExecutor

    headers = [f"Authorization: Bearer {token}"]
    with ThreadPoolExecutor(2) as pool:
        results: list[LoadResult] = list(
            pool.map(
                lambda port: run_wrk(
                    f"http://127.0.0.1:{port}/{route}",
                    headers=headers,
                    connections=connections,
                    seconds=seconds,
                ),
                ports,
            )
        )
    failures = sum(result.failures for result in results)
    if failures:
        raise RuntimeError(f"/{route}: {failures} failures")
    return sum(result.rate for result in results)


def throughput(ports: list[int], token: str, options: argparse.Namespace) -> dict[str, list[float]]:
    for route in ROUTES:  # warm-up: counter rows, caches, connection pools, first blocks
        both(ports, route, token, 4, 1)
    rates: dict[str, list[float]] = {route: [] for route in ROUTES}
    for index in range(options.rounds):
        order = ROUTES if index % 2 == 0 else ROUTES[::-1]
        for route in order:
            rate = both(ports, route, token, options.connections, options.seconds)
            rates[route].append(rate)
            print(f"  round {index + 1} /{route}: {rate:.0f} req/s", file=sys.stderr)
    return rates


async def kill_run(
    ports: list[int], servers: list[Any], token: str, options: argparse.Namespace
) -> dict[str, int]:
    """`--kill-requests` requests to `/kill`, instance B killed -9 halfway; the 200s, 429s and
    requests without an answer."""
    counts = {"200": 0, "429": 0, "no answer": 0}
    sent = 0
    halfway = options.kill_requests // 2
    killed = False
    request = (f"Authorization: Bearer {token}",)

    async def worker(index: int) -> None:
        nonlocal sent, killed
        connections: dict[int, HttpConnection] = {}
        while sent < options.kill_requests:
            number = sent
            sent += 1
            if number >= halfway and not killed:
                killed = True
                servers[1].send_signal(signal.SIGKILL)
            port = ports[0] if killed or (number + index) % 2 == 0 else ports[1]
            try:
                connection = connections.get(port)
                if connection is None:
                    connection = connections[port] = await HttpConnection.open("127.0.0.1", port)
                answer = await connection.request(
                    "GET", "/kill", headers=[tuple(h.split(": ", 1)) for h in request]
                )
            except (OSError, asyncio.IncompleteReadError):
                counts["no answer"] += 1
                connections.pop(port, None)
                continue
            key = str(answer.status)
            if key not in counts:
                raise RuntimeError(f"/kill answered {answer.status}: {answer.body!r}")
            counts[key] += 1
        for connection in connections.values():
            await connection.close()

    await asyncio.gather(*(worker(index) for index in range(options.kill_connections)))
    return counts


async def counter_of(url: str, feature: str) -> int:
    import asyncpg

    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        return int(
            await connection.fetchval(
                "SELECT COALESCE(SUM(used), 0) FROM fabric_auth_usage_counters "
                "WHERE feature_code = $1",
                feature,
            )
        )
    finally:
        await connection.close()


async def admin_execute(url: str, statement: str) -> None:
    import asyncpg

    admin = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        await admin.execute(statement)
    finally:
        await admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command")
    serve_parser = sub.add_parser("serve")
    serve_parser.add_argument("url")
    serve_parser.add_argument("--port", type=int, required=True)
    serve_parser.add_argument("--lease", type=int, required=True)
    serve_parser.add_argument("--lease-seconds", type=float, required=True)
    serve_parser.add_argument("--kill-limit", type=int, required=True)
    parser.add_argument("--postgres-url", default=os.environ.get("FABRIC_AUTH_TEST_POSTGRES_URL"))
    parser.add_argument("--database", default="bench_lease")
    parser.add_argument("--ports", type=int, nargs=2, default=[18760, 18761])
    parser.add_argument("--lease", type=int, default=1000)
    parser.add_argument("--lease-seconds", type=float, default=2.0)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16, help="per wrk (per instance)")
    parser.add_argument("--kill-requests", type=int, default=100_000)
    parser.add_argument("--kill-limit", type=int, default=60_000)
    parser.add_argument("--kill-connections", type=int, default=32)
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "RESULTS.md")
    options = parser.parse_args()
    if options.command == "serve":
        serve(options)
        return
    if not options.postgres_url:
        sys.exit("PostgreSQL is needed: --postgres-url or FABRIC_AUTH_TEST_POSTGRES_URL")
    if not wrk_available():
        sys.exit("wrk is needed: apt-get install wrk")
    load = Path("/proc/loadavg").read_text().split()[0]
    server_url = options.postgres_url.partition("?")[0].rpartition("/")[0]
    url = f"{server_url}/{options.database}"
    admin_url = f"{server_url}/postgres"
    asyncio.run(admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{options.database}"'))
    asyncio.run(admin_execute(admin_url, f'CREATE DATABASE "{options.database}"'))
    secret = secrets.token_urlsafe(32)
    servers: list[Any] = []
    try:
        servers.append(start_server(url, options.ports[0], secret, options))
        servers.append(start_server(url, options.ports[1], secret, options))
        base = f"http://127.0.0.1:{options.ports[0]}"
        rates = {}
        if not options.skip_throughput:
            rates = throughput(options.ports, sign_in(base, "bench@example.com"), options)
        token = sign_in(base, "kill@example.com")
        started = time.monotonic()
        counts = asyncio.run(kill_run(options.ports, servers, token, options))
        kill_seconds = time.monotonic() - started
        servers[1].wait()
        time.sleep(options.lease_seconds + 0.5)  # B's lease expires; a refusal on A sweeps it
        extra = 0
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
            while client.get("/kill").status_code == 200:
                extra += 1
        stop(servers[0])
        used = asyncio.run(counter_of(url, "bench_kill"))
    finally:
        for server in servers:
            if server.poll() is None:
                stop(server)
        asyncio.run(admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{options.database}"'))
    granted = counts["200"] + extra
    markdown = report(options, load, rates, counts, extra, granted, used, kill_seconds)
    write_section("quota-leases", markdown, options.output)
    print(markdown)


def report(
    options: argparse.Namespace,
    load: str,
    rates: dict[str, list[float]],
    counts: dict[str, int],
    extra: int,
    granted: int,
    used: int,
    kill_seconds: float,
) -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=BENCH_DIR
    ).stdout.strip()
    lines = [
        "## Quota leases, two instances, PostgreSQL (`bench_quota_leases.py`, issue 21)",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; source: commit {commit}",
        f"- Machine: {os.cpu_count()} cores shared with other work, {platform.platform()}; "
        f"1-min load average {load} before the run",
        f"- Command: `.venv/bin/python bench/bench_quota_leases.py --lease {options.lease} "
        f"--seconds {options.seconds:g} --rounds {options.rounds} --connections "
        f"{options.connections} --kill-requests {options.kill_requests} --kill-limit "
        f"{options.kill_limit}`",
        "- Servers: two uvicorn processes (uvloop + httptools, one worker each) on one "
        "PostgreSQL database; clients and servers share the same 2 cores.",
        "",
    ]
    if rates:
        bare = statistics.median(rates["bare"])
        lines += [
            f"Throughput: two wrk processes at once (1 thread, {options.connections} "
            f"connections each, one per instance), {options.seconds:g} s, {options.rounds} "
            "alternating rounds; wall-clock requests/s summed over both instances, median of "
            "the rounds (every round in brackets).",
            "",
            "| route | req/s | x bare | rounds |",
            "|---|---:|---:|---|",
        ]
        for route in ROUTES:
            rate = statistics.median(rates[route])
            each = ", ".join(f"{value:.0f}" for value in rates[route])
            lines.append(f"| `/{route}` | {rate:.0f} | {rate / bare:.2f} | {each} |")
        lines.append("")
    stranded = used - granted
    lines += [
        f"Kill -9: {options.kill_requests:,} requests to `/kill` (lease {options.lease}, limit "
        f"{options.kill_limit:,}) from {options.kill_connections} asyncio connections, B "
        f"killed halfway, in {kill_seconds:.1f} s; then {extra} more 200s from A once B's lease "
        "expired and was swept, until A refused.",
        "",
        "| 200s | 429s | no answer (B's kill) | counter after the sweep and A's stop | "
        "overdraft (200s - limit) | counted but not answered 200 |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {granted:,} | {counts['429']:,} | {counts['no answer']:,} | {used:,} | "
        f"{max(0, granted - options.kill_limit)} | {stranded} |",
        "",
        "The last column is the dead instance's ceiling left counted (at most one step, "
        f"{max(1, options.lease // 4)} units, per lease it held) plus the units it served to "
        "requests whose answers the kill lost.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
