"""`quota()` throughput against the same route without it, on SQLite and PostgreSQL.

```
.venv/bin/python bench/bench_quota.py          # writes the "quota" section of bench/RESULTS.md
```

For each store a uvicorn server (one worker, 127.0.0.1, its own process) serves two routes that
differ only in `quota()`: `GET /plain` (`Depends(current_principal)`) and `GET /metered`
(`Depends(current_principal)` and `Depends(quota("bench_calls"))`, a limit of 10^15 a month so
nothing is refused: every request is one consumption in the store). wrk (one thread) drives
each route with 1 and with 32 keep-alive connections, in interleaved rounds. Ratios are against
`/plain` measured in the same run, on the same server.

PostgreSQL comes from `--postgres-url` (default `FABRIC_AUTH_TEST_POSTGRES_URL`); a scratch
database is created and dropped. Without it only SQLite is measured.
"""

# No `from __future__ import annotations`: FastAPI must see the dependencies annotated inside
# `build_app`, which string annotations would hide from it.

import argparse
import asyncio
import datetime as dt
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from loadgen import LoadResult, run_wrk, wrk_available
from results import write_section

BENCH_DIR = Path(__file__).resolve().parent
WORKDIR = BENCH_DIR / ".work"
EMAIL = "quota-bench@example.com"
PASSWORD = "correct horse battery staple"
LIMIT = 10**15
ROUTES = ("plain", "metered")


# --- the app under test (run in the server process) -----------------------------------------


def build_app(database_url: str, secret: str) -> Any:
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
    from fabric_auth.routers import create_auth_router

    plans = PlanCatalogue(
        features=[FeatureSpec("bench_calls")],
        plans=[PlanSpec("free", default=True, limits={"bench_calls": FeatureLimit(LIMIT)})],
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
        cleanup_interval=0,
    )
    auth = FabricAuth(settings, plans=plans)
    app = FastAPI()
    auth.install(app)

    @app.get("/plain")
    async def plain(who: Annotated[Principal, Depends(current_principal)]) -> dict[str, bool]:
        return {"ok": True}

    @app.get("/metered")
    async def metered(
        who: Annotated[Principal, Depends(current_principal)],
        usage: Annotated[Consumption, Depends(quota("bench_calls"))],
    ) -> dict[str, bool]:
        return {"ok": True}

    app.include_router(create_auth_router())
    return app


def serve(database_url: str, port: int) -> None:
    from apps import serve as serve_app

    serve_app(build_app(database_url, os.environ["BENCH_SECRET"]), port)


# --- the driver -----------------------------------------------------------------------------


@dataclass
class Cell:
    rounds: dict[str, list[LoadResult]] = field(default_factory=lambda: {r: [] for r in ROUTES})

    def rps(self, route: str) -> float:
        return statistics.median(r.requests / r.seconds for r in self.rounds[route])

    def p50(self, route: str) -> float:
        return statistics.median(r.p50_ms for r in self.rounds[route])

    def failures(self, route: str) -> int:
        return sum(r.failures for r in self.rounds[route])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(database_url: str, port: int, secret: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BENCH_SECRET": secret}
    command = [sys.executable, str(Path(__file__)), "serve", database_url, "--port", str(port)]
    process = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/plain", timeout=1)
            return process
        except httpx.TransportError:
            if process.poll() is not None:
                raise RuntimeError(f"server for {database_url} exited") from None
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"server for {database_url} did not start")


def access_token(base: str) -> str:
    with httpx.Client(base_url=base, timeout=30) as client:
        client.post("/auth/register", json={"email": EMAIL, "password": PASSWORD})
        response = client.post(
            "/auth/token", data={"grant_type": "password", "username": EMAIL, "password": PASSWORD}
        )
        response.raise_for_status()
        return str(response.json()["access_token"])


def measure(database_url: str, options: argparse.Namespace) -> dict[int, Cell]:
    secret = secrets.token_urlsafe(32)
    port = free_port()
    server = start_server(database_url, port, secret)
    try:
        base = f"http://127.0.0.1:{port}"
        token = access_token(base)
        headers = [f"Authorization: Bearer {token}"]
        for route in ROUTES:
            answer = httpx.get(f"{base}/{route}", headers={"Authorization": f"Bearer {token}"})
            if answer.status_code != 200 or (
                route == "metered" and "X-Quota-Limit" not in answer.headers
            ):
                raise RuntimeError(f"/{route} answered {answer.status_code}: {answer.text}")
        for route in ROUTES:  # warm-up: first counter row, caches, connection pool
            run_wrk(f"{base}/{route}", headers=headers, connections=4, seconds=1)
        cells = {concurrency: Cell() for concurrency in options.concurrency}
        for index in range(options.rounds):
            for concurrency in options.concurrency:
                order = ROUTES if index % 2 == 0 else ROUTES[::-1]
                for route in order:
                    result = run_wrk(
                        f"{base}/{route}",
                        headers=headers,
                        connections=concurrency,
                        seconds=options.seconds,
                    )
                    cells[concurrency].rounds[route].append(result)
                    print(
                        f"  {database_url.split(':')[0]} c={concurrency} {route}: "
                        f"{result.requests / result.seconds:.0f} req/s",
                        file=sys.stderr,
                    )
        return cells
    finally:
        server.terminate()
        server.wait(timeout=30)


async def scratch_postgres(url: str) -> tuple[str, str]:
    import asyncpg

    name = f"fabric_auth_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    return f"{url.rpartition('/')[0]}/{name}", name


async def drop_postgres(url: str, name: str) -> None:
    import asyncpg

    admin = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.close()


def report(results: dict[str, dict[int, Cell]], options: argparse.Namespace, load: str) -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=BENCH_DIR
    ).stdout.strip()
    lines = [
        "## `quota()` throughput (`bench_quota.py`)",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {os.cpu_count()} cores, {platform.platform()}; 1-min load average {load} "
        "before the run (other processes compete for the same cores, so figures are noisy)",
        f"- Software: Python {platform.python_version()}; uvicorn, one worker, 127.0.0.1",
        f"- Source: commit {commit}",
        f"- Command: `.venv/bin/python bench/bench_quota.py --seconds {options.seconds:g} "
        f"--rounds {options.rounds}`",
        "- Routes: `/plain` = `Depends(current_principal)`; `/metered` = the same plus "
        '`Depends(quota("bench_calls"))` (limit 10^15 a month: every request consumes, none is '
        "refused). Server: uvicorn (a real HTTP server, not in-process ASGI), one worker, in "
        f"its own process; client: wrk, 1 thread, {options.seconds:g} s per run, "
        f"{options.rounds} interleaved rounds; req/s and p50 are medians over rounds.",
        "",
        "| store | connections | without quota req/s | with quota req/s | ratio | p50 ms without | "
        "p50 ms with | failures |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for store, cells in results.items():
        for concurrency, cell in cells.items():
            plain, metered = cell.rps("plain"), cell.rps("metered")
            failures = cell.failures("plain") + cell.failures("metered")
            lines.append(
                f"| {store} | {concurrency} | {plain:.0f} | {metered:.0f} | "
                f"{metered / plain:.2f} | {cell.p50('plain'):.2f} | {cell.p50('metered'):.2f} | "
                f"{failures} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command")
    serve_parser = sub.add_parser("serve")
    serve_parser.add_argument("database_url")
    serve_parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 32])
    parser.add_argument("--postgres-url", default=os.environ.get("FABRIC_AUTH_TEST_POSTGRES_URL"))
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "RESULTS.md")
    options = parser.parse_args()
    if options.command == "serve":
        serve(options.database_url, options.port)
        return
    if not wrk_available():
        sys.exit("wrk is needed: apt-get install wrk")
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    WORKDIR.mkdir(exist_ok=True)
    sqlite_file = WORKDIR / f"quota-{secrets.token_hex(4)}.sqlite3"
    results: dict[str, dict[int, Cell]] = {}
    try:
        results["SQLite"] = measure(f"sqlite://{sqlite_file}", options)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    if options.postgres_url:
        url, name = asyncio.run(scratch_postgres(options.postgres_url))
        try:
            results["PostgreSQL"] = measure(url, options)
        finally:
            asyncio.run(drop_postgres(options.postgres_url, name))
    markdown = report(results, options, load)
    write_section("quota", markdown, options.output)
    print(markdown)


if __name__ == "__main__":
    main()
