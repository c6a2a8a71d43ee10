"""What writing events to the outbox costs the sign-in, refresh, logout and password paths.

```
.venv/bin/python bench/bench_outbox.py      # writes the "outbox" section of bench/RESULTS.md
```

Two uvicorn servers (one worker each, 127.0.0.1, `--loop uvloop --http httptools`, each in its
own process) serve the same app (`create_app` below: the auth router) with the settings
defaults of production, real argon2 parameters included, and differ in one setting only:
`FABRIC_AUTH_EVENTS_ENABLED` true or false. The relay is off on both
(`FABRIC_AUTH_EVENTS_RELAY=false`): this measures writing events, not relaying them. Each server
has a store of its own, prepared beforehand by a short-lived process (users and sessions made
through the services, no HTTP), on a SQLite file and then on PostgreSQL (`--postgres-url`,
default `FABRIC_AUTH_TEST_POSTGRES_URL`; a scratch database per server, dropped after).

Phases, each a fixed number of requests from the asyncio client of `loadgen.py` (in this
process, keep-alive connections, closed loop):

- **sign-in**: password grants (`POST /auth/token`), spread over users so that no one reaches
  `max_sessions_per_user` (a sign-in beyond it ends a session, which is an event);
- **refresh**: refresh grants, each client chaining its own session's rotating tokens;
- **logout**: `POST /auth/logout`, one prepared session each (one `session.revoked`);
- **password change**: `POST /auth/change-password` by users with one other session each
  (one `session.revoked` and one `user.password_changed`).

The figure is the **server's CPU time per request**: user + system time of the server process
(its argon2 threads included) from `/proc/PID/stat` before and after the phase, divided by its
requests. Unlike requests/s it barely moves with the machine's other load. On PostgreSQL the
database's own CPU (its backends serving the server's connections) is read the same way and
shown apart. Events on and off take turns, `--rounds` rounds, the order swapped each round;
medians per variant. Outbox rows written per request are counted in the store after each phase.

`--instructions` counts instead the instructions of one refresh and of one logout on the same
two servers (SQLite) under `valgrind --tool=callgrind`, the counters zeroed before and dumped
after each path (`callgrind_control`): figures that do not move with the machine's load.
"""

# No `from __future__ import annotations`: FastAPI must see the route annotations of the app.

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
import os
import platform
import secrets
import shlex
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from importlib import metadata, util
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from loadgen import HttpConnection
from results import write_section
from servers import stop, wait_until_serving

BENCH_DIR = Path(__file__).resolve().parent
WORKDIR = BENCH_DIR / ".work" / "outbox"
PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a different horse, battery and staple"
UNREACHABLE_RATE_LIMIT = "1000000/minute"
FORM = ("Content-Type", "application/x-www-form-urlencoded")
JSON = ("Content-Type", "application/json")
OUTBOX_TABLE = "fabric_auth_events"
TARGET_SHARE = 5.0
"""The issue's target: the outbox costs at most 5 % of the sign-in and refresh paths' CPU."""
VARIANTS = ("events on", "events off")
PHASES = ("sign-in", "refresh", "logout", "password change")
TARGETED = ("sign-in", "refresh")
SIGN_IN_USERS = 20
ACCESS_TOKEN_TTL = 4 * 3600


# --- the app under test (in each uvicorn process, and in the preparing process) ------------------


def build_runtime() -> tuple[Any, Any]:
    """The runtime and the app, from `FABRIC_AUTH_*` in the environment."""
    from fastapi import FastAPI

    from fabric_auth import AuthSettings, FabricAuth
    from fabric_auth.routers import create_auth_router

    auth = FabricAuth(AuthSettings(_env_file=None))
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())
    return auth, app


def create_app() -> Any:
    """The uvicorn factory (`--factory bench_outbox:create_app`)."""
    return build_runtime()[1]


# --- preparation: users and sessions, through the services ---------------------------------------


@dataclasses.dataclass(frozen=True)
class Plan:
    """Requests per round and phase (the same for both variants)."""

    rounds: int
    sign_ins: int
    refreshes: int
    refresh_chains: int
    logouts: int
    password_changes: int

    @property
    def runs(self) -> int:
        """Measured runs of each phase on one server, the warm-up run included."""
        return self.rounds + 1

    def requests(self, phase: str) -> int:
        return {
            "sign-in": self.sign_ins,
            "refresh": self.refreshes,
            "logout": self.logouts,
            "password change": self.password_changes,
        }[phase]


async def prepare(plan: Plan) -> dict[str, Any]:
    """Migrate the empty store and make what the phases use up: sign-in users, refresh chains,
    sessions to log out, and users (with one other session each) to change their password.

    Every user gets one argon2 hash computed once (hashing each would take minutes)."""
    from fabric_auth.services.users import NewUser
    from fabric_auth.store.models import User

    auth, app = build_runtime()
    services = auth.services
    gate = asyncio.Semaphore(8)

    async def new_user(name: str) -> Any:
        return await services.users.create(
            NewUser(email=f"{name}@example.com", password=None, is_verified=True)
        )

    async def access_tokens(name: str, sessions: int) -> list[str]:
        async with gate:
            user = await new_user(name)
            return [
                str((await services.sessions.start(user)).access.token) for _ in range(sessions)
            ]

    async def refresh_token(name: str) -> str:
        async with gate:
            return (await services.sessions.start(await new_user(name))).refresh_token

    # Sessions per logout user stay under the cap, so preparing ends no session.
    per_user = min(50, services.settings.max_sessions_per_user - 1)
    logouts = plan.logouts * plan.runs
    async with app.router.lifespan_context(app):
        for n in range(SIGN_IN_USERS):
            await new_user(f"signin{n}")
        chains = await asyncio.gather(
            *(refresh_token(f"chain{n}") for n in range(plan.refresh_chains))
        )
        logout_tokens = await asyncio.gather(
            *(
                access_tokens(f"logout{n}", min(per_user, logouts - n * per_user))
                for n in range(-(-logouts // per_user))
            )
        )
        # Two sessions each: the change is made in one and ends the other.
        changes = await asyncio.gather(
            *(access_tokens(f"change{n}", 2) for n in range(plan.password_changes * plan.runs))
        )
        password_hash = await services.users.hasher.hash(PASSWORD)
        await User.all().update(password_hash=password_hash)
    return {
        "sign_in": [f"signin{n}@example.com" for n in range(SIGN_IN_USERS)],
        "refresh": chains,
        "logout": [token for tokens in logout_tokens for token in tokens],
        "password change": [tokens[0] for tokens in changes],
    }


# --- servers and stores --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far, all its threads (`/proc/PID/stat` fields 14
    and 15, counted after the parenthesised command name)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclasses.dataclass(frozen=True)
class Store:
    kind: str
    """`SQLite` or `PostgreSQL`."""
    url: str

    def outbox_rows(self) -> int:
        query = f"SELECT count(*) FROM {OUTBOX_TABLE}"
        if self.kind == "SQLite":
            with contextlib.closing(sqlite3.connect(self.url.removeprefix("sqlite://"))) as db:
                return int(db.execute(query).fetchone()[0])
        return int(asyncio.run(_postgres_value(self.url, query)))

    def backend_pids(self) -> set[int]:
        """PostgreSQL backends connected to this database (none for SQLite)."""
        if self.kind == "SQLite":
            return set()
        name = urlsplit(self.url).path.lstrip("/")
        query = "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()"
        return set(asyncio.run(_postgres_column(self.url, query, name)))


async def _postgres_value(url: str, query: str) -> Any:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        return await connection.fetchval(query)
    finally:
        await connection.close()


async def _postgres_column(url: str, query: str, *args: Any) -> list[Any]:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        return [row[0] for row in await connection.fetch(query, *args)]
    finally:
        await connection.close()


async def _postgres_admin(url: str, *statements: str) -> None:
    import asyncpg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    connection = await asyncpg.connect(admin)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


@contextlib.contextmanager
def scratch_store(kind: str, label: str, postgres_url: str | None) -> Iterator[Store]:
    tag = f"{label.replace(' ', '_')}_{secrets.token_hex(3)}"
    if kind == "SQLite":
        path = WORKDIR / f"{tag}.sqlite3"
        try:
            yield Store(kind, f"sqlite://{path}")
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    assert postgres_url is not None
    name = f"fabric_auth_bench_outbox_{tag}"
    asyncio.run(_postgres_admin(postgres_url, f'CREATE DATABASE "{name}"'))
    try:
        yield Store(kind, urlunsplit(urlsplit(postgres_url)._replace(path=f"/{name}")))
    finally:
        asyncio.run(_postgres_admin(postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def server_environment(store: Store, events: bool, secret: str) -> dict[str, str]:
    """Production's settings defaults but for the store, the secret, events on or off, the
    relay off, the per-address limits (every client shares one address) out of reach, and
    access tokens that last as long as the run."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("FABRIC_AUTH_")}
    env.update(
        FABRIC_AUTH_ENVIRONMENT="production",
        FABRIC_AUTH_SECRET_KEY=secret,
        FABRIC_AUTH_DATABASE_URL=store.url,
        FABRIC_AUTH_EVENTS_ENABLED="true" if events else "false",
        FABRIC_AUTH_EVENTS_RELAY="false",
        FABRIC_AUTH_RATE_LIMIT_TOKEN=UNREACHABLE_RATE_LIMIT,
        FABRIC_AUTH_RATE_LIMIT_CHANGE_PASSWORD=UNREACHABLE_RATE_LIMIT,
        # The access tokens prepared for logouts and password changes must outlive the run
        # (15 minutes by default; a long run, or one under valgrind, takes more).
        FABRIC_AUTH_ACCESS_TOKEN_TTL=str(ACCESS_TOKEN_TTL),
    )
    return env


def server_options() -> list[str]:
    """Production's event loop and HTTP parser; the bench refuses to run without them."""
    return ["--loop", "uvloop", "--http", "httptools"]


@dataclasses.dataclass
class Server:
    variant: str
    store: Store
    port: int
    process: subprocess.Popen[bytes]
    work: dict[str, Any]
    """What `prepare` made, used up run by run."""

    @property
    def pid(self) -> int:
        return self.process.pid


@contextlib.contextmanager
def running_server(
    variant: str,
    store: Store,
    plan: Plan,
    secret: str,
    *,
    wrapper: Sequence[str] = (),
    extra_env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """A prepared store served by uvicorn (under `wrapper`, valgrind say, when given)."""
    env = {**server_environment(store, variant == "events on", secret), **(extra_env or {})}
    prepared = WORKDIR / f"{secrets.token_hex(4)}.json"
    command = [sys.executable, __file__, "--prepare", str(prepared)]
    command += ["--plan", json.dumps(dataclasses.asdict(plan))]
    subprocess.run(command, env={**env, "FABRIC_AUTH_AUTO_MIGRATE": "true"}, check=True)
    work = json.loads(prepared.read_text())
    prepared.unlink()
    port = free_port()
    command = [*wrapper, sys.executable, "-m", "uvicorn", "--factory", "bench_outbox:create_app"]
    command += ["--app-dir", str(BENCH_DIR), "--host", "127.0.0.1", "--port", str(port)]
    command += [*server_options(), "--no-access-log", "--log-level", "warning"]
    process = subprocess.Popen(command, env=env, cwd=WORKDIR)
    try:
        wait_until_serving(port, process, "/auth/me", timeout=600 if wrapper else 60)
        yield Server(variant, store, port, process, work)
    finally:
        stop(process)


# --- the phases ----------------------------------------------------------------------------------


Call = Callable[[HttpConnection, Any], Awaitable[bool]]


def answered(what: str, status: int, expected: int, body: bytes) -> bool:
    if status == expected:
        return True
    print(f"  {what} failed: {status} {body[:200]!r}", file=sys.stderr)
    return False


async def sign_in(connection: HttpConnection, email: str) -> bool:
    body = urlencode({"grant_type": "password", "username": email, "password": PASSWORD})
    response = await connection.request("POST", "/auth/token", headers=[FORM], body=body.encode())
    return answered("sign-in", response.status, 200, response.body)


class RefreshChain:
    """One session's rotating refresh tokens: the token returned is the one sent next."""

    def __init__(self, refresh_token: str) -> None:
        self.refresh_token = refresh_token

    async def __call__(self, connection: HttpConnection, _: object) -> bool:
        body = urlencode({"grant_type": "refresh_token", "refresh_token": self.refresh_token})
        response = await connection.request(
            "POST", "/auth/token", headers=[FORM], body=body.encode()
        )
        if not answered("refresh", response.status, 200, response.body):
            return False
        self.refresh_token = json.loads(response.body)["refresh_token"]
        return True


async def logout(connection: HttpConnection, token: str) -> bool:
    response = await connection.request(
        "POST", "/auth/logout", headers=[("Authorization", f"Bearer {token}")]
    )
    return answered("logout", response.status, 204, response.body)


async def change_password(connection: HttpConnection, token: str) -> bool:
    body = json.dumps({"current_password": PASSWORD, "new_password": NEW_PASSWORD}).encode()
    response = await connection.request(
        "POST",
        "/auth/change-password",
        headers=[JSON, ("Authorization", f"Bearer {token}")],
        body=body,
    )
    return answered("password change", response.status, 204, response.body)


async def drive(port: int, lanes: Sequence[Sequence[tuple[Call, Any]]]) -> int:
    """One keep-alive connection per lane, each sending its lane's requests one after another
    (closed loop), all lanes at once; returns the failures."""
    failures = 0

    async def send(lane: Sequence[tuple[Call, Any]]) -> None:
        nonlocal failures
        connection = await HttpConnection.open("127.0.0.1", port)
        try:
            for call, argument in lane:
                failures += not await call(connection, argument)
        finally:
            await connection.close()

    await asyncio.gather(*(send(lane) for lane in lanes if lane))
    return failures


@dataclasses.dataclass(frozen=True)
class Run:
    variant: str
    phase: str
    requests: int
    failures: int
    seconds: float
    server_cpu: float
    database_cpu: float
    """Seconds of the PostgreSQL backends' CPU (0 on SQLite)."""
    rows: int
    """Outbox rows the phase wrote."""

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.server_cpu / self.requests

    @property
    def database_cpu_ms(self) -> float:
        return 1000 * self.database_cpu / self.requests

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


def lanes_of(server: Server, phase: str, plan: Plan, run: int) -> list[list[tuple[Call, Any]]]:
    """The run's requests of `phase`, split over the connections that send them."""
    work = server.work
    count = plan.requests(phase)
    if phase == "refresh":
        # A chain's next token comes with the answer to its last one: one connection a chain.
        chains = work.setdefault("chains", [RefreshChain(token) for token in work["refresh"]])
        return [
            [(chain, None)] * (count // len(chains) + (n < count % len(chains)))
            for n, chain in enumerate(chains)
        ]
    if phase == "sign-in":
        users = work["sign_in"]
        jobs: list[tuple[Call, Any]] = [
            (sign_in, users[(run * count + n) % len(users)]) for n in range(count)
        ]
        connections = 4  # argon2 runs in the server's thread pool: a few keep both cores busy
    else:
        call = logout if phase == "logout" else change_password
        jobs = [(call, token) for token in work[phase][run * count : (run + 1) * count]]
        connections = 16 if phase == "logout" else 4
    return [jobs[n::connections] for n in range(connections)]


def measure(server: Server, phase: str, plan: Plan, run: int) -> Run:
    lanes = lanes_of(server, phase, plan, run)
    rows_before = server.store.outbox_rows()
    backends = server.store.backend_pids()
    database_before = {pid: cpu_seconds(pid) for pid in backends}
    server_before = cpu_seconds(server.pid)
    started = time.monotonic()
    failures = asyncio.run(drive(server.port, lanes))
    seconds = time.monotonic() - started
    server_cpu = cpu_seconds(server.pid) - server_before
    database_cpu = 0.0
    for pid in backends | server.store.backend_pids():
        with contextlib.suppress(FileNotFoundError):  # a backend that ended meanwhile
            database_cpu += cpu_seconds(pid) - database_before.get(pid, 0.0)
    rows = server.store.outbox_rows() - rows_before
    requests = sum(len(lane) for lane in lanes)
    return Run(server.variant, phase, requests, failures, seconds, server_cpu, database_cpu, rows)


def idle_cpu_share(server: Server, seconds: float = 3.0) -> float:
    """The server's CPU use while nobody calls it, in % of one core (its background tasks)."""
    before = cpu_seconds(server.pid)
    time.sleep(seconds)
    return 100 * (cpu_seconds(server.pid) - before) / seconds


@dataclasses.dataclass
class StoreResult:
    store: Store
    runs: list[Run]
    idle: dict[str, float]
    database_version: str

    def of(self, variant: str, phase: str) -> list[Run]:
        return [r for r in self.runs if r.variant == variant and r.phase == phase]

    def median(self, variant: str, phase: str, value: Callable[[Run], float]) -> float:
        return statistics.median(value(r) for r in self.of(variant, phase))

    def rows_per_request(self, variant: str, phase: str) -> float:
        runs = self.of(variant, phase)
        return sum(r.rows for r in runs) / sum(r.requests for r in runs)


def measure_store(kind: str, options: argparse.Namespace, plan: Plan) -> StoreResult:
    secret = secrets.token_urlsafe(32)
    with contextlib.ExitStack() as stack:
        servers = {}
        for variant in VARIANTS:
            store = stack.enter_context(scratch_store(kind, variant, options.postgres_url))
            print(f"{kind}, {variant}: preparing the store", flush=True)
            servers[variant] = stack.enter_context(running_server(variant, store, plan, secret))
        idle = {variant: idle_cpu_share(server) for variant, server in servers.items()}
        runs: list[Run] = []
        for run in range(plan.runs):
            order = VARIANTS if run % 2 else VARIANTS[::-1]
            for variant in order:
                for phase in options.phases:
                    measured = measure(servers[variant], phase, plan, run)
                    label = "warm-up" if run == 0 else f"round {run}"
                    print(
                        f"  {kind} {label} {variant:<10} {phase:<15} "
                        f"{measured.cpu_ms:7.2f} ms CPU/request  {measured.rate:7.1f} req/s  "
                        f"{measured.rows / measured.requests:.2f} rows/request  "
                        f"{measured.failures} failures",
                        flush=True,
                    )
                    if run:  # the first run of each phase warms caches and pools up
                        runs.append(measured)
        version = (
            "SQLite " + sqlite3.sqlite_version
            if kind == "SQLite"
            else "PostgreSQL "
            + str(
                asyncio.run(_postgres_value(servers[VARIANTS[0]].store.url, "SHOW server_version"))
            )
        )
        return StoreResult(servers[VARIANTS[0]].store, runs, idle, version.split(" (")[0])


# --- instructions under callgrind ---------------------------------------------------------------

CALLGRIND_PHASES = ("refresh", "logout")


def callgrind_totals(dumps: Path, before: set[Path]) -> int:
    """The instruction total of the dump that appeared since `before`."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        new = set(dumps.parent.glob(f"{dumps.name}*")) - before
        for dump in new:
            text = dump.read_text()
            for line in text.splitlines():
                if line.startswith(("totals:", "summary:")):
                    return int(line.split()[1])
        time.sleep(0.5)
    raise RuntimeError(f"no callgrind dump appeared next to {dumps}")


def count_instructions(variant: str, plan: Plan, secret: str) -> dict[str, Run | int]:
    """Instructions per request of each of `CALLGRIND_PHASES` on a server under callgrind
    (SQLite): a warm-up run, then the counters zeroed, the measured run, and a dump."""
    counts: dict[str, Run | int] = {}
    with scratch_store("SQLite", variant, None) as store:
        dumps = WORKDIR / f"callgrind-{variant.replace(' ', '-')}-{secrets.token_hex(3)}.out"
        wrapper = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={dumps}"]
        # The change-feed poll runs on a timer; under valgrind a request takes ~50x longer, so
        # the default poll would be charged ~50x too often per request (as in
        # bench_instructions.py).
        slow_poll = {"FABRIC_AUTH_MAX_STALENESS": "60"}
        with running_server(
            variant, store, plan, secret, wrapper=wrapper, extra_env=slow_poll
        ) as server:
            for phase in CALLGRIND_PHASES:
                measure(server, phase, plan, 0)
                subprocess.run(["callgrind_control", "--zero", str(server.pid)], check=True)
                before = set(dumps.parent.glob(f"{dumps.name}*"))
                run = measure(server, phase, plan, 1)
                subprocess.run(["callgrind_control", "--dump", str(server.pid)], check=True)
                counts[phase] = run
                counts[f"{phase} instructions"] = callgrind_totals(dumps, before)
                print(
                    f"  callgrind {variant:<10} {phase:<8} "
                    f"{int(counts[f'{phase} instructions']) / run.requests / 1000:8.1f}k "
                    f"instructions/request, {run.rows / run.requests:.2f} rows/request, "
                    f"{run.failures} failures",
                    flush=True,
                )
        for dump in dumps.parent.glob(f"{dumps.name}*"):
            dump.unlink()
    return counts


def render_instructions(
    counts: dict[str, dict[str, Run | int]], plan: Plan, command: str, started: dt.datetime
) -> str:
    lines = [
        "## Outbox write cost in instructions (`bench_outbox.py --instructions`)",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC",
        f"- Software: {software_description()}; SQLite {sqlite3.sqlite_version}; "
        "valgrind --tool=callgrind",
        f"- Source: {source_description()}",
        f"- Command: `{command}`",
        "- Method: the servers of the `outbox` section (events on / off, relay off, SQLite, "
        "production settings) under `valgrind --tool=callgrind`, the change-feed poll slowed "
        "to 15 s (`FABRIC_AUTH_MAX_STALENESS=60`); per path a warm-up run, then the counters "
        f"zeroed (`callgrind_control --zero`), {plan.refreshes} refresh grants "
        f"({plan.refresh_chains} chains) or {plan.logouts} logouts (16 connections), and a "
        "dump. Instruction counts do not move with the machine's load.",
        "",
        "| path | instructions/request on | off | on - off | outbox cost | rows/request on / off "
        "| failures |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for phase in CALLGRIND_PHASES:
        per_request = {}
        rows = []
        failures = 0
        for variant in VARIANTS:
            run = counts[variant][phase]
            assert isinstance(run, Run)
            per_request[variant] = int(counts[variant][f"{phase} instructions"]) / run.requests
            rows.append(f"{run.rows / run.requests:.2f}")
            failures += run.failures
        on, off = per_request["events on"], per_request["events off"]
        lines.append(
            f"| {phase} | {on / 1000:.1f}k | {off / 1000:.1f}k | {(on - off) / 1000:+.1f}k | "
            f"{share(on, off)} | {' / '.join(rows)} | {failures} |"
        )
    return "\n".join(lines) + "\n"


# --- report --------------------------------------------------------------------------------------


def software_description() -> str:
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("fastapi", "uvicorn", "uvloop", "httptools", "tortoise-orm", "argon2-cffi")
    )
    return f"Python {platform.python_version()}; {versions}; uvicorn {' '.join(server_options())}"


def source_description() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=BENCH_DIR, capture_output=True, text=True
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "../fabric_auth")
    return f"commit {commit}" + (" with uncommitted changes in fabric_auth/" if dirty else "")


def share(on: float, off: float) -> str:
    return f"{100 * (on / off - 1):+.1f} %"


def render(
    results: list[StoreResult],
    options: argparse.Namespace,
    plan: Plan,
    command: str,
    started: dt.datetime,
    load: tuple[float, float],
) -> str:
    lines = [
        "## Outbox write cost on the sign-in, refresh, logout and password paths "
        "(`bench_outbox.py`)",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC",
        f"- Machine: {os.cpu_count()} cores, {platform.platform()}; 1-min load average "
        f"{load[0]:.2f} before the run, {load[1]:.2f} after (other work shares the cores: "
        "requests/s move with it, CPU time per request much less)",
        f"- Software: {software_description()}; "
        + "; ".join(f"{r.store.kind}: {r.database_version}" for r in results),
        f"- Source: {source_description()}",
        f"- Command: `{command}`",
        "- Servers: two uvicorn processes, one worker each, 127.0.0.1, access log off, "
        "`environment=production` settings defaults (argon2id m=19 MiB t=2) but for "
        "`FABRIC_AUTH_EVENTS_ENABLED` (true / false), `FABRIC_AUTH_EVENTS_RELAY=false` on both, "
        "no Redis, per-address rate limits out of reach, access tokens lasting 4 h (the "
        "prepared ones must outlive the run); each with its own store, prepared "
        "beforehand (users and sessions through the services, not counted).",
        f"- Load: per round and variant {plan.sign_ins} password sign-ins (4 connections, over "
        f"{SIGN_IN_USERS} users), {plan.refreshes} refresh grants ({plan.refresh_chains} "
        f"chains, one connection each), {plan.logouts} logouts (16 connections), "
        f"{plan.password_changes} password changes (4 connections); asyncio client in the "
        f"driver process; one warm-up run of every phase, then {plan.rounds} rounds, events "
        "on and off taking turns, the order swapped each round.",
        "- *CPU ms/request*: the server process's user + system time (`/proc/PID/stat`, its "
        "argon2 threads included) over the phase, divided by its requests; median over rounds. "
        "*outbox cost* = on / off - 1. *DB CPU*: PostgreSQL's backends serving the server, "
        "the same way (inside the server process on SQLite). *rows/request*: outbox rows "
        "the phase wrote (counted in the store), events on / off.",
        "",
        "| store | path | CPU ms/request on | off | outbox cost | DB CPU ms/request on | off "
        "| req/s on | off | rows/request on / off | CPU ms per round, on; off | failures |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|",
    ]
    costs: dict[str, float] = {}
    spreads: list[float] = []
    silent = True
    for result in results:
        for phase in options.phases:
            on_cpu = result.median("events on", phase, lambda r: r.cpu_ms)
            off_cpu = result.median("events off", phase, lambda r: r.cpu_ms)
            on_db = result.median("events on", phase, lambda r: r.database_cpu_ms)
            off_db = result.median("events off", phase, lambda r: r.database_cpu_ms)
            on_rate = result.median("events on", phase, lambda r: r.rate)
            off_rate = result.median("events off", phase, lambda r: r.rate)
            rows = " / ".join(f"{result.rows_per_request(v, phase):.2f}" for v in VARIANTS)
            per_round = "; ".join(
                ", ".join(f"{r.cpu_ms:.2f}" for r in result.of(v, phase)) for v in VARIANTS
            )
            failures = sum(r.failures for v in VARIANTS for r in result.of(v, phase))
            db = (
                (f"{on_db:.2f}", f"{off_db:.2f}")
                if result.store.kind == "PostgreSQL"
                else ("n/a", "n/a")
            )
            lines.append(
                f"| {result.store.kind} | {phase} | {on_cpu:.2f} | {off_cpu:.2f} | "
                f"{share(on_cpu, off_cpu)} | {db[0]} | {db[1]} | {on_rate:.0f} | {off_rate:.0f} | "
                f"{rows} | {per_round} | {failures} |"
            )
            if phase in TARGETED:
                costs[f"{result.store.kind} {phase}"] = 100 * (on_cpu / off_cpu - 1)
                silent = silent and result.rows_per_request("events on", phase) == 0
                for variant in VARIANTS:
                    cpu = [r.cpu_ms for r in result.of(variant, phase)]
                    spreads.append(100 * (max(cpu) / min(cpu) - 1))
    measured = ", ".join(f"{k} {v:+.1f} %" for k, v in costs.items())
    noise = (
        f"the rounds of one variant on these paths differ by up to {max(spreads, default=0):.0f} "
        "% (fastest to slowest round)"
    )
    if silent:
        # Nothing differs between the variants on these paths but a flag read by
        # `EventOutbox.publish`, which they never call: the medians' differences are noise.
        verdict = (
            "**met**: neither path wrote an outbox row (no event type announces a sign-in or a "
            "refresh, and the setting only gates `EventOutbox.publish`), so the outbox costs "
            f"them nothing; the medians differ by {measured}, which is noise: {noise}"
        )
    else:
        met = bool(costs) and max(costs.values()) <= TARGET_SHARE
        verdict = (
            f"{measured} — {'**met**' if met else '**not met**'} (these paths wrote outbox "
            f"rows, see rows/request; {noise})"
        )
    lines += [
        "",
        f"- Target (issue 20): the outbox costs ≤ {TARGET_SHARE:g} % of the sign-in and "
        f"refresh paths' CPU: {verdict}.",
    ]
    idle = "; ".join(
        f"{r.store.kind}: " + ", ".join(f"{v} {r.idle[v]:.1f} %" for v in VARIANTS) for r in results
    )
    lines += [
        f"- Idle servers' CPU (background tasks, in % of one core, measured for 3 s before the "
        f"rounds): {idle}.",
        "",
    ]
    return "\n".join(lines)


# --- main ----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sign-ins", type=int, default=100, help="per round and variant")
    parser.add_argument("--refreshes", type=int, default=2000, help="per round and variant")
    parser.add_argument("--refresh-chains", type=int, default=16)
    parser.add_argument("--logouts", type=int, default=500, help="per round and variant")
    parser.add_argument("--password-changes", type=int, default=20, help="per round and variant")
    parser.add_argument("--phases", nargs="+", choices=PHASES, default=list(PHASES))
    parser.add_argument("--stores", nargs="+", choices=("sqlite", "postgres"))
    parser.add_argument("--postgres-url", default=os.environ.get("FABRIC_AUTH_TEST_POSTGRES_URL"))
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions per refresh and logout under callgrind instead (SQLite; "
        "writes section outbox_instructions; use a few hundred --refreshes and --logouts)",
    )
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "RESULTS.md")
    options = parser.parse_args()
    if options.prepare:
        plan = Plan(**json.loads(options.plan))
        options.prepare.write_text(json.dumps(asyncio.run(prepare(plan))))
        return
    if not (util.find_spec("uvloop") and util.find_spec("httptools")):
        sys.exit("uvloop and httptools are needed (pip install -e '.[bench]')")
    plan = Plan(
        rounds=options.rounds,
        sign_ins=options.sign_ins,
        refreshes=options.refreshes,
        refresh_chains=options.refresh_chains,
        logouts=options.logouts,
        password_changes=options.password_changes,
    )
    stores = options.stores or (["sqlite", "postgres"] if options.postgres_url else ["sqlite"])
    if "postgres" in stores and not options.postgres_url:
        sys.exit("--postgres-url (or FABRIC_AUTH_TEST_POSTGRES_URL) is needed for PostgreSQL")
    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()[0]
    command = shlex.join(
        [os.path.relpath(sys.executable), os.path.relpath(sys.argv[0]), *sys.argv[1:]]
    )
    if os.environ.get("PYTHONPATH"):  # where uvloop and httptools may come from
        command = f"PYTHONPATH={shlex.quote(os.environ['PYTHONPATH'])} {command}"
    WORKDIR.mkdir(parents=True, exist_ok=True)
    if options.instructions:
        from concurrent.futures import ThreadPoolExecutor

        if shutil.which("valgrind") is None:
            sys.exit("valgrind is needed (apt-get install valgrind)")
        secret = secrets.token_urlsafe(32)
        # Both servers at once: instruction counts do not depend on timing.
        with ThreadPoolExecutor(len(VARIANTS)) as pool:
            futures = {v: pool.submit(count_instructions, v, plan, secret) for v in VARIANTS}
            counts = {variant: future.result() for variant, future in futures.items()}
        report = render_instructions(counts, plan, command, started)
        write_section("outbox_instructions", report, options.output)
        print(f"\nwrote {options.output}\n\n{report}")
        return
    kinds = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    results = [measure_store(kinds[store], options, plan) for store in stores]
    report = render(results, options, plan, command, started, (load_before, os.getloadavg()[0]))
    write_section("outbox", report, options.output)
    print(f"\nwrote {options.output}\n\n{report}")


if __name__ == "__main__":
    main()
