"""CPU instructions per request of each variant's server, counted by callgrind.

```
.venv/bin/python bench/bench_instructions.py     # writes the "instructions" section of RESULTS.md
```

Instruction counts are this bench's primary figure: requests/s on a shared two-core machine
moves by several percent between runs; instruction counts do not. Each variant of `apps.py` is
served by uvicorn under `valgrind --tool=callgrind` twice — once answering only the warm-up,
once answering `--requests` more `GET /ping` from 32 keep-alive connections — and the
difference, divided by the requests, is the server's cost of one request: HTTP parsing, the app
and the response. The ratio bare / variant is what requests/s
would be if nothing but the server's CPU counted; `bench_auth.py` measures the real thing
(wall-clock ratios from alternating rounds, the second figure).

Servers run as production runs them: uvicorn with uvloop and httptools (`--loop asyncio --http
h11` counts the pure-Python pair instead). `--cases` picks cases by name (`--list` names them);
`--first-port N` serves on N, N+1, ... instead of ports the system picks.

The *first-seen bearer* case sends a different access token on every request (all of the bench
user's session, signed by the client with the server's HS256 key, which it derives from the
shared `BENCH_SECRET`), so each one is decoded and verified; the other bearer cases repeat one
token, which the server recognises from its cache.

The change-feed poll (every quarter of `max_staleness`, 250 ms by default) runs every 15 s here
(`FABRIC_AUTH_MAX_STALENESS=60`; trees from before the feed take the old
`FABRIC_AUTH_REVOCATION_SYNC_INTERVAL=60`): under valgrind a request takes ~50x longer, so the
default poll would be charged ~50x too often per request.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import itertools
import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import jwt
from apps import BENCH_DATABASE_ENV, BENCH_EMAIL, BENCH_PASSWORD, SERVER_HTTP, SERVER_LOOP, Variant
from bench_auth import free_port, machine_description, software_description, source_description
from loadgen import HttpConnection
from results import write_section

BENCH_DIR = Path(__file__).resolve().parent
APPS_SCRIPT = BENCH_DIR / "apps.py"
KEYS_SCRIPT = BENCH_DIR / "bench_api_keys.py"
CONNECTIONS = 32
START_TIMEOUT = 3600
WARM_UP = 320


KEY_APP = "fabric-api-key"
"""Not an `apps.py` variant: `bench_api_keys.py --serve` (the JWT route's app plus API keys)."""


@dataclass(frozen=True)
class Case:
    name: str
    label: str
    variant: Variant | str
    env: dict[str, str]
    credential: str = ""
    """`X-API-Key` or `Authorization` (a key as bearer) for the key app; `first-seen` for a new
    access token on every request."""
    postgres: bool = False
    """Served on a new PostgreSQL database (`--postgres-url`'s server) instead of SQLite."""


FIRST_SEEN = "first-seen"
CASES = (
    Case("bare", "bare", Variant.BARE, {}),
    Case("noop", "noop (do-nothing dependency)", Variant.NOOP, {}),
    Case("pyjwt", "pyjwt (plain HS256 dependency)", Variant.PYJWT, {}),
    Case("fabric", "fabric (`current_principal`, warm bearer)", Variant.FABRIC, {}),
    Case(
        "fabric-echo",
        "fabric, `FABRIC_AUTH_REQUEST_ID_ECHO=always`",
        Variant.FABRIC,
        {"FABRIC_AUTH_REQUEST_ID_ECHO": "always"},
    ),
    Case("require", 'fabric-require (`require("reports:read")`)', Variant.FABRIC_REQUIRE, {}),
    Case("key-header", "api key (`X-API-Key`, warm)", KEY_APP, {}, credential="X-API-Key"),
    Case(
        "key-bearer",
        "api key (`Authorization: Bearer`, warm)",
        KEY_APP,
        {},
        credential="Authorization",
    ),
    Case(
        "first-seen",
        "fabric, first-seen bearer token",
        Variant.FABRIC,
        {},
        credential=FIRST_SEEN,
    ),
    Case("quota", '`quota("f", 1)`, SQLite', Variant.FABRIC_QUOTA, {}),
    Case("quota-pg", '`quota("f", 1)`, PostgreSQL', Variant.FABRIC_QUOTA, {}, postgres=True),
    Case(
        "quota-lease-pg",
        '`quota("f", 1)`, PostgreSQL, `FABRIC_AUTH_QUOTA_LEASE=1000`',
        Variant.FABRIC_QUOTA,
        {"FABRIC_AUTH_QUOTA_LEASE": "1000"},
        postgres=True,
    ),
)


@dataclass(frozen=True)
class Server:
    loop: str
    http: str
    ports: Iterator[int] | None
    """`None`: ports the system picks."""
    postgres_url: str = "postgres://postgres@127.0.0.1:5432/postgres"
    """A PostgreSQL server's maintenance database: `postgres` cases get a new database there."""

    def port(self) -> int:
        return free_port() if self.ports is None else next(self.ports)


def counted(case: Case, requests: int, secret: str, server: Server) -> int:
    """Instructions a server of `case` executed from start to exit, having served `WARM_UP`
    and then `requests` requests."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-instructions-"))
    port = server.port()
    out = workdir / "callgrind.out"
    env = dict(
        os.environ,
        BENCH_SECRET=secret,
        FABRIC_AUTH_MAX_STALENESS="60",
        FABRIC_AUTH_REVOCATION_SYNC_INTERVAL="60",
        # Under valgrind a PostgreSQL server's pool hands out connections slowly: a request
        # waiting its 5 s default for one would be answered 503 `store_unavailable`.
        FABRIC_AUTH_STORE_TIMEOUT="300",
    )
    env.update(case.env)
    database = f"bench_instructions_{secrets.token_hex(4)}" if case.postgres else None
    if database is not None:
        run_sql(server.postgres_url, f'CREATE DATABASE "{database}"')
        env[BENCH_DATABASE_ENV] = server.postgres_url.rsplit("/", 1)[0] + "/" + database
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable]
    if case.variant == KEY_APP:
        command += [str(KEYS_SCRIPT), "--serve", str(port), f"--workdir={workdir}"]
    else:
        command += [str(APPS_SCRIPT), case.variant, f"--port={port}", f"--workdir={workdir}"]
    command += [f"--loop={server.loop}", f"--http={server.http}"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base_url = f"http://127.0.0.1:{port}"
        # Under valgrind, on a machine other work shares, a fabric-auth server has taken over
        # 10 minutes to start: wait long rather than lose the run.
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            with contextlib.suppress(httpx.TransportError):
                httpx.get(base_url + "/docs", timeout=5)
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{case.label}: the server did not start")
            time.sleep(0.5)
        headers: list[tuple[str, str]] = []
        if case.variant == KEY_APP:
            key = key_for(base_url)
            headers = [("X-API-Key", key) if case.credential == "X-API-Key" else bearer(key)]
        elif case.variant != Variant.BARE and case.variant != Variant.NOOP:
            headers = [bearer(token_for(case.variant, base_url, secret))]
        if case.credential == FIRST_SEEN:
            tokens = fresh_tokens(headers[0][1].removeprefix("Bearer "), secret)
            asyncio.run(load(port, WARM_UP + requests, lambda i: [bearer(next(tokens))]))
        else:
            asyncio.run(load(port, WARM_UP + requests, lambda i: headers))
    finally:
        process.send_signal(2)  # SIGINT: uvicorn shuts down, valgrind writes its totals
        output, _ = process.communicate(timeout=START_TIMEOUT)
        shutil.rmtree(workdir, ignore_errors=True)
        if database is not None:
            run_sql(server.postgres_url, f'DROP DATABASE IF EXISTS "{database}"')
    match = re.search(rb"Collected : (\d+)", output)
    if match is None:
        raise RuntimeError(f"{case.label}: no callgrind total:\n{output.decode()[-2000:]}")
    return int(match.group(1))


def run_sql(url: str, statement: str) -> None:
    subprocess.run(["psql", url, "-q", "-c", statement], check=True)


def bearer(credential: str) -> tuple[str, str]:
    return "Authorization", f"Bearer {credential}"


def fresh_tokens(token: str, secret: str) -> Iterator[str]:
    """Tokens the server has never seen: `token`'s header and claims with a new `jti` each,
    signed with the server's HS256 key."""
    from fabric_auth.tokens.keys import derive_key

    key = derive_key(secret.encode(), "access-token/hs256")
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    for serial in itertools.count():
        claims["jti"] = f"bench-{serial:08d}"
        yield jwt.encode(
            claims, key, algorithm="HS256", headers={"kid": header["kid"], "typ": None}
        )


def key_for(base_url: str) -> str:
    """A scoped key of the bench user, issued by the key app and used once (so it is warm)."""
    token = token_for(Variant.FABRIC, base_url, "")
    response = httpx.post(
        base_url + "/users/me/api-keys",
        json={"name": "bench", "scopes": ["users:read"], "expires_in_days": 1},
        headers={"Authorization": f"Bearer {token}"},
        timeout=120,
    )
    response.raise_for_status()
    return str(response.json()["key"])


def token_for(variant: Variant | str, base_url: str, secret: str) -> str:
    if variant is Variant.PYJWT:
        from apps import mint_pyjwt_token

        return mint_pyjwt_token(secret)
    httpx.post(
        base_url + "/auth/register",
        json={"email": BENCH_EMAIL, "password": BENCH_PASSWORD},
        timeout=120,
    )
    form = {"grant_type": "password", "username": BENCH_EMAIL, "password": BENCH_PASSWORD}
    response = httpx.post(base_url + "/auth/token", data=form, timeout=120)
    response.raise_for_status()
    return str(response.json()["access_token"])


async def load(port: int, requests: int, headers: Callable[[int], list[tuple[str, str]]]) -> None:
    """`requests` requests of `GET /ping` over `CONNECTIONS` connections; `headers(i)` gives
    the i-th request of a connection its headers."""

    async def one_connection(count: int) -> None:
        connection = await HttpConnection.open("127.0.0.1", port)
        try:
            for i in range(count):
                response = await connection.request("GET", "/ping", headers=headers(i))
                if response.status != 200:
                    raise RuntimeError(f"GET /ping answered {response.status}: {response.body!r}")
        finally:
            await connection.close()

    await asyncio.gather(*(one_connection(requests // CONNECTIONS) for _ in range(CONNECTIONS)))


def per_request(case: Case, requests: int, secret: str, server: Server) -> float:
    """Both runs side by side (two cores; instruction counts do not depend on timing)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        idle = pool.submit(counted, case, 0, secret, server)
        busy = pool.submit(counted, case, requests, secret, server)
        return (busy.result() - idle.result()) / requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=3200)
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "RESULTS.md")
    parser.add_argument("--loop", choices=["uvloop", "asyncio"], default=SERVER_LOOP)
    parser.add_argument("--http", choices=["httptools", "h11"], default=SERVER_HTTP)
    parser.add_argument(
        "--cases", help="comma-separated case names (default: all; bare always runs)"
    )
    parser.add_argument("--list", action="store_true", help="name the cases and exit")
    parser.add_argument("--first-port", type=int, help="serve on this port and the next ones")
    parser.add_argument(
        "--postgres-url",
        default=Server.postgres_url,
        help="maintenance database of the PostgreSQL server the postgres cases use",
    )
    args = parser.parse_args()
    if args.list:
        print("\n".join(f"{case.name:12s} {case.label}" for case in CASES))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed (Debian package valgrind)")
    cases = CASES
    if args.cases:
        wanted = {"bare", *args.cases.split(",")}
        unknown = wanted - {case.name for case in CASES}
        if unknown:
            raise SystemExit(f"unknown cases: {', '.join(sorted(unknown))} (see --list)")
        cases = tuple(case for case in CASES if case.name in wanted)
    ports = None if args.first_port is None else itertools.count(args.first_port)
    server = Server(args.loop, args.http, ports, args.postgres_url)
    requests = args.requests - args.requests % CONNECTIONS
    secret = os.environ.get("BENCH_SECRET") or secrets.token_urlsafe(48)
    counts: dict[str, float] = {}
    for case in cases:
        counts[case.label] = per_request(case, requests, secret, server)
        print(f"{case.label:48s} {counts[case.label] / 1000:8.1f}k instructions/request")
    bare = counts[CASES[0].label]
    command = shlex.join([".venv/bin/python", "bench/bench_instructions.py", *sys.argv[1:]])
    rows = "\n".join(
        f"| {label} | {count / 1000:.1f}k | {count - bare:+,.0f} | {bare / count:.3f} |"
        for label, count in counts.items()
    )
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    write_section(
        "instructions",
        f"""## Instructions per request (`bench_instructions.py`)

- Date: {now}
- Machine: {machine_description()}
- Software: {software_description(args.loop, args.http)}
- Source: {source_description()}
- Command: `{command}`
- Method: uvicorn under `valgrind --tool=callgrind`; (instructions after {WARM_UP} + {requests}
  requests - after {WARM_UP}) / {requests}, {CONNECTIONS} keep-alive connections; the revocation
  poll set to 60 s (see the script). Two runs of the same code have differed by up to 2k.

| variant | instructions/request | vs bare | bare / variant |
|---|---:|---:|---:|
{rows}

Instructions are the primary figure; `bare / variant` is the requests/s ratio the CPU alone
would give (wall-clock ratios from alternating rounds come second: `bench_auth.py`,
`bench_api_keys.py`). The `fabric` rows include
the client's `Authorization` header, which the server parses byte by byte (pyjwt's token is
shorter). The `REQUEST_ID_ECHO=always` row is the cost of echoing the request id on every
response. The API-key rows are served by `bench_api_keys.py`'s app (the same route, with
`create_api_keys_router()` mounted), the key warm.
""",
        args.output,
    )


if __name__ == "__main__":
    main()
