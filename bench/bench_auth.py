"""The authenticated hot path, refresh and sign-in, measured against FastAPI's floor.

```
.venv/bin/python bench/bench_auth.py            # writes bench/RESULTS.md
```

Each variant of `apps.py` runs under uvicorn (one worker, 127.0.0.1) in its own process; the
clients (wrk, or the asyncio client of `loadgen.py`) run in other processes. Four phases:

1. requests/s, p50 and p99 of `GET /ping` for every variant, in interleaved rounds (wrk);
2. revocation: after that load, `POST /auth/logout` and the very next request with the token;
3. refresh grant requests/s, each client chaining its own session's rotating refresh tokens;
4. p99 of a fixed 200 req/s on the guarded endpoint, idle and with 10 password sign-ins/s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import secrets
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata, util
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from apps import BENCH_EMAIL, BENCH_PASSWORD, SERVER_HTTP, SERVER_LOOP, Variant, mint_pyjwt_token
from loadgen import (
    ConnectionPool,
    HttpConnection,
    HttpResponse,
    LoadResult,
    closed_loop,
    open_loop,
    run_wrk,
    wrk_available,
)
from results import write_section

BENCH_DIR = Path(__file__).resolve().parent
APPS_SCRIPT = BENCH_DIR / "apps.py"
FORM = ("Content-Type", "application/x-www-form-urlencoded")
FABRIC_VARIANTS = (Variant.FABRIC, Variant.FABRIC_REDIS, Variant.FABRIC_REQUIRE)

# Targets from the foundation issue.
TARGET_GUARDED_RATIO = 0.85
TARGET_REQUIRE_RATIO = 0.95
TARGET_REFRESH_RATE = 240.0
TARGET_P99_RATIO = 2.0


@dataclass(frozen=True)
class Options:
    seconds: float
    rounds: int
    impact_rounds: int
    connections: int
    refresh_sessions: int
    steady_rate: float
    sign_in_rate: float
    redis_url: str
    output: Path


# --- servers -------------------------------------------------------------------------------


@dataclass
class Server:
    variant: Variant
    port: int
    process: subprocess.Popen[bytes]
    token: str | None = None
    """The bearer token the guarded endpoint is measured with (`None` for unguarded variants)."""

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def auth_headers(self) -> list[str]:
        return [f"Authorization: Bearer {self.token}"] if self.token else []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def running_server(
    variant: Variant, workdir: Path, env: dict[str, str], redis_url: str
) -> Iterator[Server]:
    port = free_port()
    command = [sys.executable, str(APPS_SCRIPT), variant.value, f"--port={port}"]
    command += [f"--workdir={workdir}", f"--redis-url={redis_url}"]
    process = subprocess.Popen(command, env=env)
    server = Server(variant, port, process)
    try:
        wait_until_serving(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_serving(server: Server, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.variant} exited with {server.process.returncode}")
        with contextlib.suppress(httpx.TransportError):
            httpx.get(server.base_url + "/ping", timeout=1)
            return
        time.sleep(0.1)
    raise RuntimeError(f"{server.variant} did not start within {timeout} s")


def register(server: Server) -> None:
    """Create the bench user on a fabric-auth server (fastapi-users' app seeds its own)."""
    response = httpx.post(
        server.base_url + "/auth/register",
        json={"email": BENCH_EMAIL, "password": BENCH_PASSWORD},
        timeout=30,
    )
    response.raise_for_status()


def sign_in(server: Server) -> dict[str, Any]:
    """A password grant on the server's own sign-in route; returns the token response."""
    path = "/auth/jwt/login" if server.variant is Variant.FASTAPI_USERS else "/auth/token"
    form = {"username": BENCH_EMAIL, "password": BENCH_PASSWORD}
    if server.variant is not Variant.FASTAPI_USERS:
        form["grant_type"] = "password"
    response = httpx.post(server.base_url + path, data=form, timeout=30)
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


def authorize(server: Server, secret: str) -> None:
    """Give the server its bearer token, then check the guard lets it through and no one else."""
    if server.variant is Variant.PYJWT:
        server.token = mint_pyjwt_token(secret)
    elif server.variant not in (Variant.BARE, Variant.NOOP):
        if server.variant in FABRIC_VARIANTS:
            register(server)
        server.token = sign_in(server)["access_token"]
    headers = {"Authorization": f"Bearer {server.token}"} if server.token else {}
    allowed = httpx.get(server.base_url + "/ping", headers=headers)
    refused = httpx.get(server.base_url + "/ping").status_code if server.token else 401
    if allowed.status_code != 200 or refused not in (401, 403):
        raise RuntimeError(
            f"{server.variant}: /ping answered {allowed.status_code} {allowed.text!r} with the "
            f"token and {refused} without it"
        )


def redis_reachable(url: str) -> bool:
    try:
        from redis import Redis
    except ImportError:
        return False
    try:
        return bool(Redis.from_url(url, socket_timeout=1).ping())
    except Exception:
        return False


# --- phase 1: requests/s of the guarded endpoint ---------------------------------------------


@dataclass
class Throughput:
    variant: Variant
    runs: list[LoadResult] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return statistics.median(run.rate for run in self.runs)

    @property
    def p50_ms(self) -> float:
        return statistics.median(run.p50_ms for run in self.runs)

    @property
    def p99_ms(self) -> float:
        return statistics.median(run.p99_ms for run in self.runs)

    @property
    def best_rate(self) -> float:
        """Noise on a shared machine only slows runs down, so the best round is also telling."""
        return max(run.rate for run in self.runs)

    @property
    def failures(self) -> int:
        return sum(run.failures for run in self.runs)


def measure_throughput(servers: Sequence[Server], options: Options) -> list[Throughput]:
    """Interleaved rounds, the order rotated each round, after a short warm-up of each."""
    results = {server.variant: Throughput(server.variant) for server in servers}
    for server in servers:
        run_wrk(
            server.base_url + "/ping",
            headers=server.auth_headers,
            connections=options.connections,
            seconds=1,
        )
    for round_index in range(options.rounds):
        shift = round_index % len(servers)
        for server in [*servers[shift:], *servers[:shift]]:
            result = run_wrk(
                server.base_url + "/ping",
                headers=server.auth_headers,
                connections=options.connections,
                seconds=options.seconds,
            )
            results[server.variant].runs.append(result)
            print(
                f"  round {round_index + 1} {server.variant:<18} {result.rate:8.0f} req/s  "
                f"p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:6.2f} ms",
                flush=True,
            )
    return [results[server.variant] for server in servers]


# --- phase 2: revocation still honoured ------------------------------------------------------


@dataclass(frozen=True)
class RevocationCheck:
    variant: Variant
    logout_status: int
    next_status: int

    @property
    def honoured(self) -> bool:
        return self.logout_status == 204 and self.next_status == 401


def check_revocation(server: Server) -> RevocationCheck:
    headers = {"Authorization": f"Bearer {server.token}"}
    with httpx.Client(base_url=server.base_url, headers=headers) as client:
        logout = client.post("/auth/logout")
        after = client.get("/ping")
    return RevocationCheck(server.variant, logout.status_code, after.status_code)


# --- phase 3: refresh grant requests/s -------------------------------------------------------


def expect_ok(what: str, response: HttpResponse) -> bool:
    """Whether the answer is a 200; anything else is shown, since it is a failed request."""
    if response.status == 200:
        return True
    print(f"  {what} failed: {response.status} {response.body[:200]!r}", file=sys.stderr)
    return False


class RefreshChain:
    """One client's session: each refresh rotates, and the new refresh token is used next."""

    def __init__(self, refresh_token: str) -> None:
        self.refresh_token = refresh_token

    async def __call__(self, connection: HttpConnection) -> bool:
        body = urlencode({"grant_type": "refresh_token", "refresh_token": self.refresh_token})
        response = await connection.request(
            "POST", "/auth/token", headers=[FORM], body=body.encode()
        )
        if not expect_ok("refresh", response):
            return False
        self.refresh_token = json.loads(response.body)["refresh_token"]
        return True


async def measure_refresh(server: Server, options: Options) -> LoadResult:
    chains = [
        RefreshChain(sign_in(server)["refresh_token"]) for _ in range(options.refresh_sessions)
    ]
    connections = [await HttpConnection.open("127.0.0.1", server.port) for _ in chains]
    try:
        return await closed_loop(
            list(zip(connections, chains, strict=True)), seconds=options.seconds
        )
    finally:
        for connection in connections:
            await connection.close()


def measure_refresh_rounds(servers: Sequence[Server], options: Options) -> list[Throughput]:
    """`options.rounds` runs of each server, alternating, each on fresh sessions."""
    results = [Throughput(server.variant) for server in servers]
    for round_index in range(options.rounds):
        for server, result in zip(servers, results, strict=True):
            run = asyncio.run(measure_refresh(server, options))
            result.runs.append(run)
            print(
                f"  round {round_index + 1} {server.variant:<18} {run.rate:6.0f} req/s, "
                f"{run.failures} failures",
                flush=True,
            )
    return results


# --- phase 4: p99 of the guarded endpoint while password sign-ins run -----------------------


@dataclass(frozen=True)
class SignInImpact:
    idle: LoadResult
    loaded: LoadResult
    sign_ins: LoadResult

    @property
    def p99_ratio(self) -> float:
        return self.loaded.p99_ms / self.idle.p99_ms


async def measure_sign_in_impact(server: Server, options: Options) -> list[SignInImpact]:
    token = sign_in(server)["access_token"]
    authorization = ("Authorization", f"Bearer {token}")
    sign_in_body = urlencode(
        {"grant_type": "password", "username": BENCH_EMAIL, "password": BENCH_PASSWORD}
    ).encode()

    async def ping(connection: HttpConnection) -> bool:
        response = await connection.request("GET", "/ping", headers=[authorization])
        return expect_ok("ping", response)

    async def password_grant(connection: HttpConnection) -> bool:
        response = await connection.request(
            "POST", "/auth/token", headers=[FORM], body=sign_in_body
        )
        return expect_ok("sign-in", response)

    steady = ConnectionPool("127.0.0.1", server.port)
    signing = ConnectionPool("127.0.0.1", server.port)
    await steady.warm(16)
    await signing.warm(4)
    rounds: list[SignInImpact] = []
    try:
        await open_loop(steady, ping, rate=options.steady_rate, seconds=1)  # warm-up
        for _ in range(options.impact_rounds):
            idle = await open_loop(steady, ping, rate=options.steady_rate, seconds=options.seconds)
            loaded, sign_ins = await asyncio.gather(
                open_loop(steady, ping, rate=options.steady_rate, seconds=options.seconds),
                open_loop(
                    signing, password_grant, rate=options.sign_in_rate, seconds=options.seconds
                ),
            )
            rounds.append(SignInImpact(idle, loaded, sign_ins))
            print(
                f"  p99 idle {idle.p99_ms:.2f} ms, with sign-ins {loaded.p99_ms:.2f} ms "
                f"(sign-in p50 {sign_ins.p50_ms:.0f} ms)",
                flush=True,
            )
    finally:
        await steady.close()
        await signing.close()
    return rounds


# --- report ----------------------------------------------------------------------------------


def machine_description() -> str:
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}"


def software_description(loop: str = SERVER_LOOP, http: str = SERVER_HTTP) -> str:
    """The versions that matter, and the event loop and HTTP parser the servers were given."""
    names = ["fastapi", "starlette", "uvicorn", "pyjwt", "fastapi-users", "tortoise-orm", http]
    if loop != "asyncio":
        names.append(loop)
    versions = ", ".join(f"{name} {installed_version(name)}" for name in names)
    wrk = "wrk (not installed)"
    if shutil.which("wrk"):
        banner = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
        wrk = banner.split(" [")[0].strip() or "wrk"
    return f"Python {platform.python_version()}; {versions}; uvicorn loop={loop} http={http}; {wrk}"


def installed_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "(not installed)"


def source_description() -> str:
    """Where `fabric_auth` was imported from: this checkout (its commit, and whether the
    package had uncommitted changes) or another tree put first on `PYTHONPATH`."""
    spec = util.find_spec("fabric_auth")
    origin = Path(spec.origin).resolve().parent if spec and spec.origin else None
    checkout = BENCH_DIR.parent
    if origin != checkout / "fabric_auth":
        return f"fabric_auth imported from {origin}"

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=checkout, capture_output=True, text=True
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "fabric_auth")
    return f"commit {commit}" + (" with uncommitted changes in fabric_auth/" if dirty else "")


def met(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def render(
    options: Options,
    command: str,
    started: dt.datetime,
    throughput: list[Throughput],
    revocations: list[RevocationCheck],
    refresh: list[Throughput],
    impact: list[SignInImpact],
    skipped: list[str],
    load_before: float,
) -> str:
    by_variant = {entry.variant: entry for entry in throughput}
    bare = by_variant[Variant.BARE].rate

    lines = [
        "## Sign-in, refresh and the guarded endpoint (`bench_auth.py`)",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine_description()}; 1-min load average {load_before:.2f} before "
        f"the run (other processes compete for the same two cores)",
        f"- Software: {software_description()}",
        f"- Source: {source_description()}",
        f"- Command: `{command}`",
        "- Server: uvicorn, one worker, 127.0.0.1, access log off; SQLite file store; "
        "fabric-auth with real argon2 parameters (settings defaults, m=19 MiB t=2) and its "
        "per-address rate limits raised out of reach (all clients share one address).",
        "",
        "### 1. Guarded endpoint, requests/s",
        "",
        f"wrk, 1 thread, {options.connections} keep-alive connections, {options.seconds:g} s "
        f"per run, {options.rounds} interleaved rounds (order rotated each round); req/s, p50 "
        "and p99 are medians over the rounds, *best* is the fastest round of each variant. "
        "Latencies are wrk's, under saturation (closed loop), so they mostly show queueing.",
        "",
        "| variant | req/s | x bare | best req/s | best x bare | p50 ms | p99 ms | failures "
        "| req/s per round |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    best_bare = by_variant[Variant.BARE].best_rate
    for entry in throughput:
        per_round = ", ".join(f"{run.rate:.0f}" for run in entry.runs)
        lines.append(
            f"| {entry.variant} | {entry.rate:.0f} | {entry.rate / bare:.2f} | "
            f"{entry.best_rate:.0f} | {entry.best_rate / best_bare:.2f} | "
            f"{entry.p50_ms:.2f} | {entry.p99_ms:.2f} | {entry.failures} | {per_round} |"
        )
    for note in skipped:
        lines.append(f"\n{note}")

    fabric = by_variant[Variant.FABRIC].rate
    lines += [
        "",
        f"- Target: `Depends(current_principal)` ≥ {TARGET_GUARDED_RATIO}x bare: "
        f"{fabric / bare:.2f}x — {met(fabric / bare >= TARGET_GUARDED_RATIO)}.",
        f"- FastAPI's floor (do-nothing dependency): {by_variant[Variant.NOOP].rate / bare:.2f}x "
        f"bare. Plain pyjwt HS256: {by_variant[Variant.PYJWT].rate / bare:.2f}x (reference "
        f"elsewhere ~0.5x). fastapi-users: {by_variant[Variant.FASTAPI_USERS].rate / bare:.2f}x "
        "(reference elsewhere ~0.08x).",
    ]
    if Variant.FABRIC_REQUIRE in by_variant:
        guarded = by_variant[Variant.FABRIC_REQUIRE]
        ratio = guarded.rate / fabric
        lines.append(
            f'- Target: `require("reports:read")` ≥ {TARGET_REQUIRE_RATIO}x '
            f"`current_principal` alone: {guarded.rate:.0f} vs {fabric:.0f} req/s = "
            f"{ratio:.2f}x — {met(ratio >= TARGET_REQUIRE_RATIO)} "
            f"({guarded.rate / bare:.2f}x bare; a warm permission check costs no query)."
        )

    lines += [
        "",
        "### 2. Revocation under load",
        "",
        "After the last measurement of each fabric-auth variant: `POST /auth/logout` with the "
        "measured token, then the very next `GET /ping` with it.",
        "",
        "| variant | logout | next request | honoured |",
        "|---|---:|---:|---|",
    ]
    for check in revocations:
        lines.append(
            f"| {check.variant} | {check.logout_status} | {check.next_status} | "
            f"{'yes' if check.honoured else 'NO'} |"
        )

    lines += [
        "",
        "### 3. Refresh grant requests/s (one uvicorn worker)",
        "",
        f"{options.refresh_sessions} concurrent clients, each chaining its own session's refresh "
        f"tokens (every call rotates; the new token is used next), {options.seconds:g} s per "
        f"run, {options.rounds} runs of each variant alternating, each on fresh sessions; "
        "asyncio client; SQLite, no Redis. `fabric` has the default settings; `fabric-audited` "
        "turns on `audit_refreshes`, which writes every rotation to the audit chain.",
        "",
        "| variant | req/s (median) | failures | req/s per run | p50 ms | p99 ms |",
        "|---|---:|---:|---|---:|---:|",
    ]
    for rotations in refresh:
        per_run = ", ".join(f"{run.rate:.0f}" for run in rotations.runs)
        lines.append(
            f"| {rotations.variant} | {rotations.rate:.0f} | {rotations.failures} | {per_run} | "
            f"{rotations.p50_ms:.1f} | {rotations.p99_ms:.1f} |"
        )
    default = refresh[0]
    refresh_met = default.rate >= TARGET_REFRESH_RATE and default.failures == 0
    lines += [
        "",
        f"- Target ≥ {TARGET_REFRESH_RATE:.0f}/s with the default settings (`fabric`): "
        f"{default.rate:.0f}/s — {met(refresh_met)}.",
        "",
        "### 4. Guarded endpoint p99 while password sign-ins run",
        "",
        f"Open loop: {options.steady_rate:g} req/s of `GET /ping` (bearer) for "
        f"{options.seconds:g} s idle, then the same with {options.sign_in_rate:g} password "
        "sign-ins/s alongside (real argon2id, m=19 MiB t=2); `fabric` variant; "
        f"{options.impact_rounds} rounds, each an idle window then a loaded one. Latency is "
        "send to full response.",
        "",
        "| round | idle p50 ms | idle p99 ms | loaded p50 ms | loaded p99 ms | p99 ratio | "
        "sign-ins done | sign-in p50 ms | sign-in p99 ms | failures |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for number, measured in enumerate(impact, start=1):
        failures = measured.idle.failures + measured.loaded.failures + measured.sign_ins.failures
        lines.append(
            f"| {number} | {measured.idle.p50_ms:.2f} | {measured.idle.p99_ms:.2f} | "
            f"{measured.loaded.p50_ms:.2f} | {measured.loaded.p99_ms:.2f} | "
            f"{measured.p99_ratio:.2f} | "
            f"{measured.sign_ins.requests} | {measured.sign_ins.p50_ms:.0f} | "
            f"{measured.sign_ins.p99_ms:.0f} | {failures} |"
        )
    idle_p99 = statistics.median(measured.idle.p99_ms for measured in impact)
    loaded_p99 = statistics.median(measured.loaded.p99_ms for measured in impact)
    lines += [
        "",
        f"- Medians: idle p99 {idle_p99:.2f} ms, with sign-ins {loaded_p99:.2f} ms, ratio "
        f"{loaded_p99 / idle_p99:.2f}. Target ≤ {TARGET_P99_RATIO:g}x: "
        f"{met(loaded_p99 / idle_p99 <= TARGET_P99_RATIO)}.",
        "",
    ]
    return "\n".join(lines)


# --- main ------------------------------------------------------------------------------------


def parse_options() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5, help="length of each run")
    parser.add_argument("--rounds", type=int, default=4, help="phase 1 interleaved rounds")
    parser.add_argument("--impact-rounds", type=int, default=6, help="phase 4 idle/loaded pairs")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--refresh-sessions", type=int, default=32)
    parser.add_argument("--steady-rate", type=float, default=200, help="phase 4 req/s")
    parser.add_argument("--sign-in-rate", type=float, default=10, help="phase 4 sign-ins/s")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "RESULTS.md")
    args = parser.parse_args()
    return Options(**vars(args))


def main() -> None:
    options = parse_options()
    if not wrk_available():
        sys.exit("wrk is not installed (apt-get install wrk)")
    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()[0]
    command = shlex.join(
        [os.path.relpath(sys.executable), os.path.relpath(sys.argv[0]), *sys.argv[1:]]
    )
    secret = secrets.token_urlsafe(32)
    env = {**os.environ, "BENCH_SECRET": secret}
    workdir = BENCH_DIR / ".work"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir()

    variants = [
        Variant.BARE,
        Variant.NOOP,
        Variant.PYJWT,
        Variant.FABRIC,
        Variant.FABRIC_REDIS,
        Variant.FABRIC_REQUIRE,
        Variant.FASTAPI_USERS,
    ]
    skipped: list[str] = []
    if not redis_reachable(options.redis_url):
        variants.remove(Variant.FABRIC_REDIS)
        skipped.append(f"`fabric-redis` skipped: no Redis answering at {options.redis_url}.")

    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(running_server(variant, workdir, env, options.redis_url))
            for variant in variants
        ]
        for server in servers:
            authorize(server, secret)
        fabric = next(server for server in servers if server.variant is Variant.FABRIC)

        print("1. guarded endpoint, requests/s", flush=True)
        throughput = measure_throughput(servers, options)
        print("2. revocation", flush=True)
        revocations = [check_revocation(s) for s in servers if s.variant in FABRIC_VARIANTS]
        print("3. refresh grant", flush=True)
        audited = stack.enter_context(
            running_server(Variant.FABRIC_AUDITED, workdir, env, options.redis_url)
        )
        register(audited)
        refresh = measure_refresh_rounds([fabric, audited], options)
        print("4. p99 with sign-ins", flush=True)
        impact = asyncio.run(measure_sign_in_impact(fabric, options))

    report = render(
        options, command, started, throughput, revocations, refresh, impact, skipped, load_before
    )
    write_section("auth", report, options.output)
    print(f"\nwrote {options.output}\n\n{report}")


if __name__ == "__main__":
    main()
