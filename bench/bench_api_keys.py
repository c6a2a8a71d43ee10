"""An API-key-authenticated route against the bare route and the bearer-JWT route, in one run.

```
.venv/bin/python bench/bench_api_keys.py        # writes the "api_keys" section of RESULTS.md
```

Three servers (uvicorn, one worker each, 127.0.0.1), every one answering `GET /ping`:

- `bare`: no dependency (`apps.py bare`);
- `fabric` (bearer JWT): `Depends(current_principal)` with an access token (`apps.py fabric`);
- `fabric-api-key`: the same `Depends(current_principal)` route in an app that also mounts
  `create_api_keys_router()`; measured twice, with the key in `X-API-Key` and in
  `Authorization: Bearer`; its unguarded `GET /open` shows what the app's middleware costs
  before any credential is looked at, and `GET /noop` (a do-nothing dependency) FastAPI's own
  floor for any guard in that app.

wrk (1 thread, 32 connections) in interleaved rounds, the order rotated each round, after a
warm-up of each; medians; ratios to `bare` measured in the same run. After the load the key is
revoked and the next request with it must be refused.
"""

# No `from __future__ import annotations`: FastAPI must see the dependency of the route defined
# inside `build_api_key_app`, which string annotations would hide from it.

import argparse
import contextlib
import datetime as dt
import os
import shlex
import shutil
import statistics
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import httpx
from apps import (
    UNREACHABLE_RATE_LIMIT,
    Variant,
    add_server_arguments,
    bench_secret,
    do_nothing,
    serve,
)
from bench_auth import (
    Server,
    free_port,
    machine_description,
    met,
    register,
    running_server,
    sign_in,
    software_description,
    source_description,
    wait_until_serving,
)
from fastapi import Depends, FastAPI
from loadgen import LoadResult, run_wrk, wrk_available
from results import write_section

BENCH_DIR = Path(__file__).resolve().parent
TARGET_RATIO = 0.85
KEY_APP = "fabric-api-key"


# --- the API-key app -------------------------------------------------------------------------


def build_api_key_app(workdir: Path) -> FastAPI:
    """`apps.build_fabric` plus the API-key router; new accounts get `admin` so that the bench
    user may issue itself a scoped key."""
    from fabric_auth import AuthSettings, FabricAuth, Principal, current_principal
    from fabric_auth.routers import create_api_keys_router, create_auth_router

    settings = AuthSettings(
        _env_file=None,
        environment="development",
        secret_key=bench_secret(),
        database_url=f"sqlite://{workdir / 'fabric_api_key.sqlite3'}",
        registration_open=True,
        rate_limit_token=UNREACHABLE_RATE_LIMIT,
        rate_limit_register=UNREACHABLE_RATE_LIMIT,
        default_roles=["admin"],
    )
    auth = FabricAuth(settings)
    app = FastAPI()
    auth.install(app)

    @app.get("/ping")
    async def ping(principal: Annotated[Principal, Depends(current_principal)]) -> dict[str, bool]:
        return {"ok": True}

    @app.get("/open")
    async def open_ping() -> dict[str, bool]:
        return {"ok": True}

    @app.get("/noop", dependencies=[Depends(do_nothing)])
    async def noop_ping() -> dict[str, bool]:
        return {"ok": True}

    app.include_router(create_auth_router())
    app.include_router(create_api_keys_router())
    return app


def serve_api_key_app(port: int, workdir: Path, loop: str, http: str) -> None:
    serve(build_api_key_app(workdir), port, loop, http)


@dataclass
class KeyServer:
    port: int
    process: subprocess.Popen[bytes]
    key: str = ""
    key_id: str = ""
    token: str = ""

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextlib.contextmanager
def running_key_server(workdir: Path, env: dict[str, str]) -> Iterator[KeyServer]:
    port = free_port()
    command = [sys.executable, __file__, "--serve", str(port), f"--workdir={workdir}"]
    process = subprocess.Popen(command, env=env)
    server = KeyServer(port, process)
    try:
        # wait_until_serving wants a Server: it only reads base_url and process.
        wait_until_serving(Server(Variant.FABRIC, port, process))
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def issue_key(server: KeyServer) -> None:
    register(Server(Variant.FABRIC, server.port, server.process))
    server.token = sign_in(Server(Variant.FABRIC, server.port, server.process))["access_token"]
    response = httpx.post(
        server.base_url + "/users/me/api-keys",
        json={"name": "bench", "scopes": ["users:read"], "expires_in_days": 1},
        headers={"Authorization": f"Bearer {server.token}"},
        timeout=30,
    )
    response.raise_for_status()
    server.key, server.key_id = response.json()["key"], response.json()["id"]
    for headers in ({"X-API-Key": server.key}, {"Authorization": f"Bearer {server.key}"}):
        if httpx.get(server.base_url + "/ping", headers=headers).status_code != 200:
            raise RuntimeError(f"the key is refused with {headers}")
    if httpx.get(server.base_url + "/ping", headers={"X-API-Key": "fa_x"}).status_code != 401:
        raise RuntimeError("a malformed key is let through")


# --- measuring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    url: str
    headers: tuple[str, ...]


@dataclass
class Throughput:
    target: Target
    runs: list[LoadResult] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return statistics.median(run.rate for run in self.runs)

    @property
    def best_rate(self) -> float:
        return max(run.rate for run in self.runs)

    @property
    def p50_ms(self) -> float:
        return statistics.median(run.p50_ms for run in self.runs)

    @property
    def p99_ms(self) -> float:
        return statistics.median(run.p99_ms for run in self.runs)

    @property
    def failures(self) -> int:
        return sum(run.failures for run in self.runs)


def measure(
    targets: list[Target], rounds: int, seconds: float, connections: int
) -> list[Throughput]:
    results = {target.name: Throughput(target) for target in targets}
    for target in targets:  # warm-up: caches filled, connections and JIT-free paths hot
        run_wrk(target.url, headers=target.headers, connections=connections, seconds=1)
    for round_index in range(rounds):
        shift = round_index % len(targets)
        for target in [*targets[shift:], *targets[:shift]]:
            result = run_wrk(
                target.url, headers=target.headers, connections=connections, seconds=seconds
            )
            results[target.name].runs.append(result)
            print(
                f"  round {round_index + 1} {target.name:<26} {result.rate:8.0f} req/s  "
                f"p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:6.2f} ms",
                flush=True,
            )
    return [results[target.name] for target in targets]


def revoke_and_check(server: KeyServer) -> tuple[int, int]:
    """Revoke the measured key; the status of the revocation and of the next request."""
    revoked = httpx.delete(
        f"{server.base_url}/users/me/api-keys/{server.key_id}",
        headers={"Authorization": f"Bearer {server.token}"},
    )
    after = httpx.get(server.base_url + "/ping", headers={"X-API-Key": server.key})
    return revoked.status_code, after.status_code


# --- report ----------------------------------------------------------------------------------


def render(
    args: argparse.Namespace,
    command: str,
    started: dt.datetime,
    load_before: float,
    load_after: float,
    results: list[Throughput],
    revocation: tuple[int, int],
) -> str:
    by_name = {entry.target.name: entry for entry in results}
    bare, best_bare = by_name["bare"].rate, by_name["bare"].best_rate
    lines = [
        "## API keys against bare and bearer JWT (`bench_api_keys.py`)",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine_description()}; 1-min load average {load_before:.2f} before and "
        f"{load_after:.2f} after the run (other engineers' test suites and benchmarks compete "
        "for the same two cores, so absolute figures are noisy; the ratios compare runs "
        "interleaved in the same minutes)",
        f"- Software: {software_description()}",
        f"- Source: {source_description()}",
        f"- Command: `{command}`",
        "- Servers: uvicorn, one worker each, 127.0.0.1, access log off, SQLite file store. "
        "`fabric (bearer JWT)` is `apps.py fabric`; the key rows hit one app serving the same "
        "`Depends(current_principal)` route with `create_api_keys_router()` mounted, the key "
        "warm in its cache (its first use loaded it; `last_used_at` written at most once a "
        "minute).",
        "",
        f"wrk, 1 thread, {args.connections} keep-alive connections, {args.seconds:g} s per run, "
        f"{args.rounds} interleaved rounds (order rotated each round), after a 1 s warm-up of "
        "each; req/s, p50 and p99 are medians over the rounds; *best* is each row's fastest "
        "round.",
        "",
        "| variant | req/s | x bare | best req/s | best x bare | p50 ms | p99 ms | failures "
        "| req/s per round |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for entry in results:
        per_round = ", ".join(f"{run.rate:.0f}" for run in entry.runs)
        lines.append(
            f"| {entry.target.name} | {entry.rate:.0f} | {entry.rate / bare:.2f} | "
            f"{entry.best_rate:.0f} | {entry.best_rate / best_bare:.2f} | {entry.p50_ms:.2f} | "
            f"{entry.p99_ms:.2f} | {entry.failures} | {per_round} |"
        )
    header_ratio = by_name["api key (X-API-Key)"].rate / bare
    bearer_ratio = by_name["api key (Bearer)"].rate / bare
    jwt_ratio = by_name["fabric (bearer JWT)"].rate / bare
    revoked, after = revocation
    unguarded = by_name["fabric app, unguarded route"].rate
    floor = by_name["fabric app, do-nothing dependency"].rate
    lines += [
        "",
        f"- Target: API-key route ≥ {TARGET_RATIO}x bare once warm: X-API-Key "
        f"{header_ratio:.2f}x — {met(header_ratio >= TARGET_RATIO)}; Bearer key "
        f"{bearer_ratio:.2f}x — {met(bearer_ratio >= TARGET_RATIO)}. Bearer JWT in the same "
        f"run: {jwt_ratio:.2f}x.",
        f"- The same app's unguarded route (`GET /open`, fabric-auth's middleware only): "
        f"{unguarded / bare:.2f}x bare; the key check itself costs the difference: X-API-Key "
        f"{by_name['api key (X-API-Key)'].rate / unguarded:.2f}x, Bearer key "
        f"{by_name['api key (Bearer)'].rate / unguarded:.2f}x the unguarded route.",
        f"- FastAPI's floor for any dependency in that app (`GET /noop`): {floor / bare:.2f}x "
        f"bare; the key route reaches {by_name['api key (X-API-Key)'].rate / floor:.2f}x "
        f"(X-API-Key) and {by_name['api key (Bearer)'].rate / floor:.2f}x (Bearer) of it.",
        f"- Revocation after the load: `DELETE /users/me/api-keys/{{id}}` answered {revoked}, "
        f"the next request with the key {after} — "
        f"{'honoured' if (revoked, after) == (204, 401) else 'NOT honoured'}.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5, help="length of each run")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "RESULTS.md")
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, default=BENCH_DIR / ".work")
    add_server_arguments(parser)
    args = parser.parse_args()
    if args.serve:
        serve_api_key_app(args.serve, args.workdir, args.loop, args.http)
        return
    if not wrk_available():
        sys.exit("wrk is not installed (apt-get install wrk)")
    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()[0]
    command = shlex.join(
        [os.path.relpath(sys.executable), os.path.relpath(sys.argv[0]), *sys.argv[1:]]
    )
    env = {**os.environ, "BENCH_SECRET": os.environ.get("BENCH_SECRET") or os.urandom(24).hex()}
    workdir = BENCH_DIR / ".work"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir()

    with contextlib.ExitStack() as stack:
        bare = stack.enter_context(running_server(Variant.BARE, workdir, env, args.redis_url))
        jwt = stack.enter_context(running_server(Variant.FABRIC, workdir, env, args.redis_url))
        keys = stack.enter_context(running_key_server(workdir, env))
        register(jwt)
        token = sign_in(jwt)["access_token"]
        issue_key(keys)
        targets = [
            Target("bare", bare.base_url + "/ping", ()),
            Target(
                "fabric (bearer JWT)", jwt.base_url + "/ping", (f"Authorization: Bearer {token}",)
            ),
            Target("fabric app, unguarded route", keys.base_url + "/open", ()),
            Target("fabric app, do-nothing dependency", keys.base_url + "/noop", ()),
            Target("api key (X-API-Key)", keys.base_url + "/ping", (f"X-API-Key: {keys.key}",)),
            Target(
                "api key (Bearer)", keys.base_url + "/ping", (f"Authorization: Bearer {keys.key}",)
            ),
        ]
        print("requests/s of GET /ping", flush=True)
        results = measure(targets, args.rounds, args.seconds, args.connections)
        revocation = revoke_and_check(keys)

    report = render(args, command, started, load_before, os.getloadavg()[0], results, revocation)
    write_section("api_keys", report, args.output)
    print(f"\nwrote {args.output}\n\n{report}")


if __name__ == "__main__":
    main()
