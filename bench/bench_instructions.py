"""CPU instructions per request of each variant's server, counted by callgrind.

```
.venv/bin/python bench/bench_instructions.py     # writes the "instructions" section of RESULTS.md
```

requests/s on a shared two-core machine moves by several percent between runs; instruction
counts do not. Each variant of `apps.py` is served by uvicorn under `valgrind --tool=callgrind`
twice — once answering only the warm-up, once answering `--requests` more `GET /ping` from 32
keep-alive connections — and the difference, divided by the requests, is the server's cost of
one request: HTTP parsing, the app and the response. The ratio bare / variant is what requests/s
would be if nothing but the server's CPU counted; `bench_auth.py` measures the real thing.

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
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from apps import BENCH_EMAIL, BENCH_PASSWORD, Variant
from bench_auth import free_port, machine_description, software_description, source_description
from loadgen import HttpConnection
from results import write_section

BENCH_DIR = Path(__file__).resolve().parent
APPS_SCRIPT = BENCH_DIR / "apps.py"
KEYS_SCRIPT = BENCH_DIR / "bench_api_keys.py"
CONNECTIONS = 32
WARM_UP = 320


KEY_APP = "fabric-api-key"
"""Not an `apps.py` variant: `bench_api_keys.py --serve` (the JWT route's app plus API keys)."""


@dataclass(frozen=True)
class Case:
    label: str
    variant: Variant | str
    env: dict[str, str]
    credential: str = ""
    """`X-API-Key` or `Authorization` (a key as bearer) for the key app."""


CASES = (
    Case("bare", Variant.BARE, {}),
    Case("noop (do-nothing dependency)", Variant.NOOP, {}),
    Case("pyjwt", Variant.PYJWT, {}),
    Case("fabric (`current_principal`)", Variant.FABRIC, {}),
    Case(
        "fabric, `FABRIC_AUTH_REQUEST_ID_ECHO=always`",
        Variant.FABRIC,
        {"FABRIC_AUTH_REQUEST_ID_ECHO": "always"},
    ),
    Case('fabric-require (`require("reports:read")`)', Variant.FABRIC_REQUIRE, {}),
    Case("api key (`X-API-Key`)", KEY_APP, {}, credential="X-API-Key"),
    Case("api key (`Authorization: Bearer`)", KEY_APP, {}, credential="Authorization"),
)


def counted(case: Case, requests: int, secret: str) -> int:
    """Instructions a server of `case` executed from start to exit, having served `WARM_UP`
    and then `requests` requests."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-instructions-"))
    port = free_port()
    out = workdir / "callgrind.out"
    env = dict(
        os.environ,
        BENCH_SECRET=secret,
        FABRIC_AUTH_MAX_STALENESS="60",
        FABRIC_AUTH_REVOCATION_SYNC_INTERVAL="60",
    )
    env.update(case.env)
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable]
    if case.variant == KEY_APP:
        command += [str(KEYS_SCRIPT), "--serve", str(port), f"--workdir={workdir}"]
    else:
        command += [str(APPS_SCRIPT), case.variant, f"--port={port}", f"--workdir={workdir}"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 600
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
        elif case.variant in (Variant.FABRIC, Variant.FABRIC_REQUIRE, Variant.PYJWT):
            headers = [bearer(token_for(case.variant, base_url, secret))]
        asyncio.run(load(port, WARM_UP + requests, headers))
    finally:
        process.send_signal(2)  # SIGINT: uvicorn shuts down, valgrind writes its totals
        output, _ = process.communicate(timeout=600)
        shutil.rmtree(workdir, ignore_errors=True)
    match = re.search(rb"Collected : (\d+)", output)
    if match is None:
        raise RuntimeError(f"{case.label}: no callgrind total:\n{output.decode()[-2000:]}")
    return int(match.group(1))


def bearer(credential: str) -> tuple[str, str]:
    return "Authorization", f"Bearer {credential}"


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


async def load(port: int, requests: int, headers: list[tuple[str, str]]) -> None:
    async def one_connection(count: int) -> None:
        connection = await HttpConnection.open("127.0.0.1", port)
        try:
            for _ in range(count):
                response = await connection.request("GET", "/ping", headers=headers)
                if response.status != 200:
                    raise RuntimeError(f"GET /ping answered {response.status}")
        finally:
            await connection.close()

    await asyncio.gather(*(one_connection(requests // CONNECTIONS) for _ in range(CONNECTIONS)))


def per_request(case: Case, requests: int, secret: str) -> float:
    """Both runs side by side (two cores; instruction counts do not depend on timing)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        idle = pool.submit(counted, case, 0, secret)
        busy = pool.submit(counted, case, requests, secret)
        return (busy.result() - idle.result()) / requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=3200)
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "RESULTS.md")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed (Debian package valgrind)")
    requests = args.requests - args.requests % CONNECTIONS
    secret = os.environ.get("BENCH_SECRET") or secrets.token_urlsafe(48)
    counts: dict[str, float] = {}
    for case in CASES:
        counts[case.label] = per_request(case, requests, secret)
        print(f"{case.label:48s} {counts[case.label] / 1000:8.1f}k instructions/request")
    bare = counts[CASES[0].label]
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
- Software: {software_description()}
- Source: {source_description()}
- Command: `.venv/bin/python bench/bench_instructions.py --requests {args.requests}`
- Method: uvicorn under `valgrind --tool=callgrind`; (instructions after {WARM_UP} + {requests}
  requests - after {WARM_UP}) / {requests}, {CONNECTIONS} keep-alive connections; the revocation
  poll set to 60 s (see the script). Two runs of the same code have differed by up to 2k.

| variant | instructions/request | vs bare | bare / variant |
|---|---:|---:|---:|
{rows}

`bare / variant` is the requests/s ratio the CPU alone would give. The `fabric` rows include
the client's `Authorization` header, which the server parses byte by byte (pyjwt's token is
shorter). The `REQUEST_ID_ECHO=always` row is the cost of echoing the request id on every
response. The API-key rows are served by `bench_api_keys.py`'s app (the same route, with
`create_api_keys_router()` mounted), the key warm.
""",
        args.output,
    )


if __name__ == "__main__":
    main()
