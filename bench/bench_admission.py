"""Sign-in admission: the guarded endpoint's p99 while password sign-ins saturate the hashing
pool, with the pool as it was (one thread per core, no queue bound) and as it is now (one fewer
than the cores, a bounded queue answering 503 `busy` past it).

```
.venv/bin/python bench/bench_admission.py            # writes bench/RESULTS.md (admission)
```

Two `fabric-require` servers (apps.py) run side by side, differing only in their hashing pool
settings; rounds alternate between them. Each round measures the guarded `GET /ping` at a fixed
rate (open loop, `loadgen.py`) alone, then again while password grants arrive faster than the
pool can hash (`--sign-in-rate`, far above one core's argon2id rate), rotating over 64
accounts (lockout would keep more than a few attempts on one account from being in flight).
The figure is the loaded p99 over the idle p99 of the same round (target: <= 2). Sign-ins
answered 503 `busy` are counted apart from other failures: they are admission doing its job.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import itertools
import os
import secrets
import shlex
import shutil
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx
from apps import BENCH_PASSWORD, Variant
from bench_auth import (
    FORM,
    Server,
    authorize,
    expect_ok,
    machine_description,
    running_server,
    software_description,
    source_description,
)
from loadgen import ConnectionPool, HttpConnection, LoadResult, open_loop
from results import write_section

BENCH_DIR = Path(__file__).resolve().parent
TARGET_P99_RATIO = 2.0

POOLS = {
    "before: one thread per core, no queue bound": {
        "FABRIC_AUTH_PASSWORD_HASHING_THREADS": str(os.cpu_count() or 1),
        "FABRIC_AUTH_PASSWORD_HASHING_QUEUE": "1000000",
    },
    "now: the defaults (cores - 1 threads, 32 waiting per thread)": {},
}


@dataclass(frozen=True)
class Round:
    idle: LoadResult
    loaded: LoadResult
    granted: int
    busy: int
    """Sign-ins answered 503 `busy`."""
    other_failures: int

    @property
    def p99_ratio(self) -> float:
        return self.loaded.p99_ms / self.idle.p99_ms


SIGN_IN_FROM_ANYWHERE = {"FABRIC_AUTH_LOCKOUT_IP_FAILURES": "1000000"}
"""Every sign-in comes from 127.0.0.1 here; per-address lockout would keep more than 100 from
being in flight at once, which a load from many addresses does not meet."""
SIGNING_ACCOUNTS = 64
"""Accounts the sign-ins rotate over: lockout lets only a few attempts on one account be in
flight at once (`lockout_failures`), which would cap the load on the hashing pool."""


def signing_email(index: int) -> str:
    return f"signer{index}@example.com"


def register_signing_accounts(server: Server) -> None:
    for index in range(SIGNING_ACCOUNTS):
        response = httpx.post(
            server.base_url + "/auth/register",
            json={"email": signing_email(index), "password": BENCH_PASSWORD},
            timeout=60,
        )
        response.raise_for_status()


async def measure_round(server: Server, options: argparse.Namespace) -> Round:
    authorization = ("Authorization", f"Bearer {server.token}")
    sign_in_bodies = itertools.cycle(
        urlencode(
            {"grant_type": "password", "username": signing_email(index), "password": BENCH_PASSWORD}
        ).encode()
        for index in range(SIGNING_ACCOUNTS)
    )
    outcomes = {"granted": 0, "busy": 0, "other": 0}

    async def ping(connection: HttpConnection) -> bool:
        response = await connection.request("GET", "/ping", headers=[authorization])
        return expect_ok("ping", response)

    async def password_grant(connection: HttpConnection) -> bool:
        response = await connection.request(
            "POST", "/auth/token", headers=[FORM], body=next(sign_in_bodies)
        )
        if response.status == 200:
            outcomes["granted"] += 1
        elif response.status == 503 and b'"busy"' in response.body:
            outcomes["busy"] += 1
        else:
            outcomes["other"] += 1
            expect_ok("sign-in", response)
        return True

    steady = ConnectionPool("127.0.0.1", server.port)
    signing = ConnectionPool("127.0.0.1", server.port)
    await steady.warm(16)
    await signing.warm(16)
    try:
        await open_loop(steady, ping, rate=options.steady_rate, seconds=1)  # warm-up
        idle = await open_loop(steady, ping, rate=options.steady_rate, seconds=options.seconds)
        loaded, _ = await asyncio.gather(
            open_loop(steady, ping, rate=options.steady_rate, seconds=options.seconds),
            open_loop(signing, password_grant, rate=options.sign_in_rate, seconds=options.seconds),
        )
        await asyncio.sleep(options.settle)  # queued hashes finish before the next round
    finally:
        await steady.close()
        await signing.close()
    return Round(idle, loaded, outcomes["granted"], outcomes["busy"], outcomes["other"])


def report(rounds: dict[str, list[Round]], options: argparse.Namespace, header: list[str]) -> str:
    lines = [
        "## Sign-in admission: guarded p99 while sign-ins saturate (`bench_admission.py`)",
        "",
        *header,
        "",
        f'Each round: `GET /ping` guarded by `require("reports:read")` at '
        f"{options.steady_rate:.0f} req/s for {options.seconds:.0f} s alone (idle), then again "
        f"while password grants arrive at {options.sign_in_rate:.0f}/s (loaded); open loop, "
        "latency from sending to the full response. The two pools alternate round by round. "
        "Ratio: loaded p99 / idle p99 of the same round; the figure is the median over rounds.",
        "",
        "| pool | p99 ratio (median) | idle p99 ms | loaded p99 ms | ratios per round | "
        "sign-ins granted | answered 503 `busy` | other sign-in failures | ping failures |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for name, measured in rounds.items():
        ratio = statistics.median(r.p99_ratio for r in measured)
        lines.append(
            f"| {name} | **{ratio:.2f}** | "
            f"{statistics.median(r.idle.p99_ms for r in measured):.2f} | "
            f"{statistics.median(r.loaded.p99_ms for r in measured):.2f} | "
            f"{', '.join(f'{r.p99_ratio:.2f}' for r in measured)} | "
            f"{sum(r.granted for r in measured)} | {sum(r.busy for r in measured)} | "
            f"{sum(r.other_failures for r in measured)} | "
            f"{sum(r.idle.failures + r.loaded.failures for r in measured)} |"
        )
    now = list(rounds.values())[-1]
    met = statistics.median(r.p99_ratio for r in now) <= TARGET_P99_RATIO
    lines += [
        "",
        f"Target (issue 21): loaded p99 <= {TARGET_P99_RATIO:.0f}x idle with the defaults: "
        f"**{'met' if met else 'not met'}**.",
    ]
    return "\n".join(lines) + "\n"


async def run(options: argparse.Namespace) -> None:
    secret = secrets.token_urlsafe(32)
    workdir = BENCH_DIR / ".work-admission"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir()
    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()[0]
    rounds: dict[str, list[Round]] = {name: [] for name in POOLS}
    with contextlib.ExitStack() as stack:
        servers = {}
        for index, (name, pool_env) in enumerate(POOLS.items()):
            env = {**os.environ, "BENCH_SECRET": secret, **SIGN_IN_FROM_ANYWHERE, **pool_env}
            server_dir = workdir / str(index)
            server_dir.mkdir()
            servers[name] = stack.enter_context(
                running_server(Variant.FABRIC_REQUIRE, server_dir, env, options.redis_url)
            )
            authorize(servers[name], secret)
            register_signing_accounts(servers[name])
        for number in range(options.rounds):
            for name, server in servers.items():
                measured = await measure_round(server, options)
                rounds[name].append(measured)
                print(
                    f"round {number + 1} {name}: p99 idle {measured.idle.p99_ms:.2f} ms, "
                    f"loaded {measured.loaded.p99_ms:.2f} ms ({measured.p99_ratio:.2f}x); "
                    f"sign-ins {measured.granted} granted, {measured.busy} busy",
                    flush=True,
                )
    command = options.command
    header = [
        f"- Date: {started:%Y-%m-%d %H:%M} UTC; load average before {load_before:.2f}, "
        f"after {os.getloadavg()[0]:.2f}",
        f"- Machine: {machine_description()}",
        f"- Software: {software_description()}",
        f"- Source: {source_description()}",
        f"- Command: `{command}`",
    ]
    markdown = report(rounds, options, header)
    print(markdown)
    write_section("admission", markdown, options.output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--steady-rate", type=float, default=200)
    parser.add_argument("--sign-in-rate", type=float, default=100)
    parser.add_argument("--settle", type=float, default=3, help="pause after each loaded run")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "RESULTS.md")
    options = parser.parse_args()
    options.command = shlex.join(
        [os.path.relpath(sys.executable), os.path.relpath(sys.argv[0]), *sys.argv[1:]]
    )
    asyncio.run(run(options))


if __name__ == "__main__":
    main()
