"""Revocations across two instances, a baseline tree against a candidate tree in one run.

```
.venv/bin/python bench/bench_propagation.py --baseline ../base-checkout --candidate .
```

Two uvicorn processes, A and B, serve one app (`create_app` below: `GET /guarded` behind
`require("reports:read")`, and the auth router) on one store, with and without Redis, as
production runs them: `environment=production`, settings defaults, uvicorn `--loop uvloop --http
httptools` when both are installed. Each tree is a source checkout put first on the servers'
`PYTHONPATH`; the two trees take turns, on a fresh database each time. Two measurements:

1. **Revocation burst**: a fixed-rate load (open loop) on B's guarded route from a separate
   load-generator process, idle, then while 100 users end all of their 100 sessions each on A
   (`POST /auth/logout-all`, 10,000 revocations, as fast as A answers), then for 60 s after;
   p50/p99 of each window.
2. **Propagation A -> B**: `POST /auth/logout` on A, then `GET /guarded` on B with the same
   token as fast as B answers until it is refused: the time from A's answer to B's refusal.

The sessions are made beforehand by a short-lived process of the tree under test (the session
service, no HTTP), before A and B start. The load generator, the driver, A, B, PostgreSQL and
Redis share the machine's cores.
"""

# No `from __future__ import annotations`: FastAPI must see the dependency of the route defined
# inside `build_runtime`, which string annotations would hide from it.

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import itertools
import json
import math
import os
import platform
import random
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Coroutine, Iterator, Sequence
from importlib import metadata, util
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import urlsplit, urlunsplit
from uuid import uuid4

from loadgen import (
    ConnectionPool,
    HttpConnection,
    Sample,
    open_loop_until,
    percentile,
)
from results import write_section
from servers import stop, wait_until_serving

BENCH_DIR = Path(__file__).resolve().parent
WORKDIR = BENCH_DIR / ".work" / "propagation"
GUARDED = "/guarded"
PERMISSION = "reports:read"
TARGET_P99_RATIO = 2.0
REFUSAL_TIMEOUT = 10.0
"""Seconds B may take to refuse a logged-out token before the trial counts as failed."""
STALL_TIMEOUT = 300.0
"""Seconds a server may take over a whole step (the burst, the trials) before the run fails:
a server that stops answering must end the run, not hang it."""
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/fa_bench"
T = TypeVar("T")


# --- the app under test (in each uvicorn process, and in the set-up process) ----------------


def build_runtime() -> tuple[Any, Any]:
    """The runtime and the app, from `FABRIC_AUTH_*` in the environment."""
    from fastapi import Depends, FastAPI

    from fabric_auth import AuthSettings, FabricAuth, Principal, register_permissions, require
    from fabric_auth.routers import create_auth_router

    register_permissions(PERMISSION)
    auth = FabricAuth(AuthSettings(_env_file=None))
    app = FastAPI()
    auth.install(app)

    @app.get(GUARDED)
    async def guarded(
        principal: Annotated[Principal, Depends(require(PERMISSION))],
    ) -> dict[str, bool]:
        return {"ok": True}

    app.include_router(create_auth_router())
    return auth, app


def create_app() -> Any:
    """The uvicorn factory (`--factory bench_propagation:create_app`)."""
    return build_runtime()[1]


# --- set-up: users and sessions, made through the session service ----------------------------


@dataclasses.dataclass(frozen=True)
class Plan:
    burst_users: int
    sessions_per_user: int
    trials: int
    trial_sessions_per_user: int
    """Kept under `max_sessions_per_user`, so that no session is ended by the cap."""


async def prepare(plan: Plan) -> dict[str, Any]:
    """Migrate the empty store, create the users (default role `admin`, no password: nothing
    here signs in with one) and their sessions; return the access tokens."""
    from fabric_auth.services.users import NewUser
    from fabric_auth.store.models import Session

    auth, app = build_runtime()
    services = auth.services
    gate = asyncio.Semaphore(8)

    async def new_user(name: str) -> Any:
        return await services.users.create(
            NewUser(email=f"{name}@example.com", password=None, is_verified=True)
        )

    async def tokens_of(name: str, sessions: int) -> list[str]:
        async with gate:
            user = await new_user(name)
            return [(await services.sessions.start(user)).access.token for _ in range(sessions)]

    async def burst_user(name: str) -> str:
        """A user with one session started by the service (its token ends them all) and the
        others written in one statement, as the service writes them (10,000 starts through
        the service take ~25 s)."""
        async with gate:
            pair = await services.sessions.start(await new_user(name))
            first = await Session.get(id=pair.session_id)
            await Session.bulk_create(
                [
                    Session(
                        id=uuid4(),
                        user_id=first.user_id,  # type: ignore[attr-defined]
                        salt=first.salt,
                        created_at=first.created_at,
                        last_used_at=first.last_used_at,
                        expires_at=first.expires_at,
                    )
                    for _ in range(plan.sessions_per_user - 1)
                ]
            )
            return str(pair.access.token)

    async with app.router.lifespan_context(app):
        probe = await tokens_of("probe", 1)
        burst = await asyncio.gather(*(burst_user(f"burst{n}") for n in range(plan.burst_users)))
        per_user = plan.trial_sessions_per_user
        trial_users = math.ceil(plan.trials / per_user)
        trials = await asyncio.gather(
            *(tokens_of(f"trial{n}", per_user) for n in range(trial_users))
        )
    return {
        "probe": probe[0],
        "burst": burst,
        "trials": [token for tokens in trials for token in tokens][: plan.trials],
    }


# --- the load generator (its own process, so the driver's work does not delay it) -----------


async def generate_load(port: int, token: str, rate: float) -> list[Sample]:
    """`GET /guarded` at `rate` per second until SIGTERM."""
    authorization = ("Authorization", f"Bearer {token}")

    async def guarded(connection: HttpConnection) -> bool:
        response = await connection.request("GET", GUARDED, headers=[authorization])
        return response.status == 200

    pool = ConnectionPool("127.0.0.1", port)
    await pool.warm(16)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    samples = await open_loop_until(pool, guarded, rate=rate, stop=stop)
    await pool.close()
    return samples


# --- the deployments -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Tree:
    label: str
    path: Path

    def describe(self) -> str:
        def git(*args: str) -> str:
            return subprocess.run(
                ["git", "-C", str(self.path), *args], capture_output=True, text=True
            ).stdout.strip()

        commit = git("rev-parse", "--short", "HEAD") or "unknown"
        dirty = git("status", "--porcelain", "--", "fabric_auth")
        # The package's own last commit: HEAD may be a later bench or docs commit.
        package = git("log", "-1", "--format=%h %s", "--", "fabric_auth")[:90]
        return (
            f"{commit}{' with uncommitted changes in fabric_auth/' if dirty else ''}; "
            f"fabric_auth/ last changed in {package}"
        )


PINNED: dict[str, set[int]] = {}
"""With `--pin`, the CPUs of each side: B and its load generator on one core, A and this driver
on the other, so that B's latency shows B's own work rather than A's burst competing for its
core (PostgreSQL and Redis, shared services, stay where the kernel puts them)."""


def pin(pid: int, side: str) -> None:
    if PINNED:
        os.sched_setaffinity(pid, PINNED[side])


@dataclasses.dataclass(frozen=True)
class Options:
    baseline: Tree
    candidate: Tree
    store: str
    postgres_url: str
    plan: Plan
    rate: float
    idle: float
    after: float
    burst_connections: int
    rounds: int
    trials_with_redis: int
    trials_without_redis: int
    trial_pause: float
    output: Path

    def trials_per_round(self, deployment: "Deployment") -> int:
        trials = self.trials_with_redis if deployment.redis_url else self.trials_without_redis
        return math.ceil(trials / self.rounds)


@dataclasses.dataclass(frozen=True)
class Deployment:
    tree: Tree
    redis_url: str | None

    @property
    def name(self) -> str:
        return f"{self.tree.label}, {'Redis' if self.redis_url else 'no Redis'}"


def server_options() -> list[str]:
    """Production's uvicorn options: uvloop and httptools when both are importable."""
    if util.find_spec("uvloop") and util.find_spec("httptools"):
        return ["--loop", "uvloop", "--http", "httptools"]
    return ["--loop", "asyncio", "--http", "h11"]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A redis-server of this bench's own, on a free port, nothing saved."""
    port = free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--loglevel",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        from redis import Redis

        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(Exception):
                if Redis.from_url(url, socket_timeout=1).ping():
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def fresh_store(options: Options) -> str:
    """An empty store: the PostgreSQL database dropped and created again, or a new SQLite
    file; returns its URL."""
    if options.store == "sqlite":
        for stale in WORKDIR.glob("bench.sqlite3*"):
            stale.unlink()
        return f"sqlite://{WORKDIR / 'bench.sqlite3'}"
    url = urlsplit(options.postgres_url)
    name = url.path.lstrip("/")
    admin = urlunsplit(url._replace(path="/postgres"))

    async def recreate() -> None:
        import asyncpg

        connection = await asyncpg.connect(admin)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    asyncio.run(recreate())
    return options.postgres_url


def server_environment(
    tree: Tree, store_url: str, redis_url: str | None, secret: str
) -> dict[str, str]:
    """The servers' environment: the tree first on `PYTHONPATH`, settings defaults but for
    the store, Redis, the secret and the role new accounts get."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("FABRIC_AUTH_")}
    inherited = [entry for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry]
    env.update(
        PYTHONPATH=os.pathsep.join([str(tree.path), *inherited]),
        FABRIC_AUTH_ENVIRONMENT="production",
        FABRIC_AUTH_SECRET_KEY=secret,
        FABRIC_AUTH_DATABASE_URL=store_url,
        FABRIC_AUTH_DEFAULT_ROLES='["admin"]',
    )
    if redis_url:
        env["FABRIC_AUTH_REDIS_URL"] = redis_url
    return env


@dataclasses.dataclass
class Running:
    a_port: int
    b_port: int
    tokens: dict[str, Any]
    a_pid: int
    b_pid: int


@contextlib.contextmanager
def deployed(deployment: Deployment, options: Options, secret: str) -> Iterator[Running]:
    """A fresh store prepared by the tree, then A and B serving it."""
    store_url = fresh_store(options)
    if deployment.redis_url:
        from redis import Redis

        Redis.from_url(deployment.redis_url).flushall()  # this bench's own server
    env = server_environment(deployment.tree, store_url, deployment.redis_url, secret)
    prepared = WORKDIR / "tokens.json"
    plan = options.plan
    command = [sys.executable, __file__, "--prepare", str(prepared)]
    command += ["--plan", json.dumps(dataclasses.asdict(plan))]
    subprocess.run(
        command,
        # The set-up process needs no Redis: it only creates rows, before A and B start.
        env={
            **server_environment(deployment.tree, store_url, None, secret),
            "FABRIC_AUTH_AUTO_MIGRATE": "true",
        },
        cwd=WORKDIR,
        check=True,
    )
    tokens = json.loads(prepared.read_text())
    if Path(tokens["fabric_auth"]) != (deployment.tree.path / "fabric_auth").resolve():
        raise RuntimeError(f"fabric_auth came from {tokens['fabric_auth']}, not the tree")
    ports = free_port(), free_port()
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for port in ports:
            command = [sys.executable, "-m", "uvicorn", "--factory", "bench_propagation:create_app"]
            command += ["--app-dir", str(BENCH_DIR), "--host", "127.0.0.1", "--port", str(port)]
            command += [*server_options(), "--no-access-log", "--log-level", "warning"]
            processes.append(subprocess.Popen(command, env=env, cwd=WORKDIR))
        pin(processes[0].pid, "a")
        pin(processes[1].pid, "b")
        for port, process in zip(ports, processes, strict=True):
            wait_until_serving(port, process, GUARDED)
        yield Running(ports[0], ports[1], tokens, processes[0].pid, processes[1].pid)
    finally:
        for process in processes:
            stop(process)


# --- 1. revocation burst ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Window:
    requests: int
    failures: int
    p50_ms: float
    p99_ms: float

    @classmethod
    def of(cls, samples: Sequence[Sample]) -> "Window":
        latencies = sorted(s.latency for s in samples if not math.isnan(s.latency))
        return cls(
            requests=len(samples),
            failures=sum(not s.ok for s in samples),
            p50_ms=percentile(latencies, 0.50) * 1000,
            p99_ms=percentile(latencies, 0.99) * 1000,
        )


@dataclasses.dataclass(frozen=True)
class Burst:
    deployment: Deployment
    round: int
    idle: Window
    during: Window
    after: Window
    worst_after: Window
    """The 5 s window after the burst with the highest p99."""
    seconds: float
    revocations: int
    logout_failures: int
    still_accepted: int
    """Burst users' tokens B still accepted after the run (must be 0)."""
    b_cpu: tuple[float, float, float]
    """B's CPU use idle, during and after, in % of one core."""
    a_cpu: float
    """A's CPU use during the burst, in % of one core."""

    @property
    def windows(self) -> tuple[Window, Window, Window]:
        return self.idle, self.during, self.after

    @property
    def failures(self) -> int:
        """Guarded requests answered otherwise than 200, and logouts otherwise than 204."""
        return sum(window.failures for window in self.windows) + self.logout_failures


async def revoke_all(port: int, tokens: Sequence[str], connections: int) -> int:
    """`POST /auth/logout-all` for every token on `connections` connections; the failures."""
    queue = list(tokens)
    failures = 0

    async def work() -> None:
        nonlocal failures
        connection = await HttpConnection.open("127.0.0.1", port)
        try:
            while queue:
                token = queue.pop()
                headers = [("Authorization", f"Bearer {token}")]
                response = await connection.request("POST", "/auth/logout-all", headers=headers)
                if response.status != 204:
                    print(f"  logout-all: {response.status} {response.body[:200]!r}")
                    failures += 1
        finally:
            await connection.close()

    await asyncio.gather(*(work() for _ in range(connections)))
    return failures


async def count_accepted(port: int, tokens: Sequence[str]) -> int:
    connection = await HttpConnection.open("127.0.0.1", port)
    try:
        accepted = 0
        for token in tokens:
            headers = [("Authorization", f"Bearer {token}")]
            response = await connection.request("GET", GUARDED, headers=headers)
            accepted += response.status != 401
        return accepted
    finally:
        await connection.close()


def measure_burst(
    deployment: Deployment, running: Running, options: Options, round_number: int
) -> Burst:
    samples_file = WORKDIR / "samples.json"
    command = [sys.executable, __file__, "--loadgen", str(samples_file)]
    command += [f"--port={running.b_port}", f"--rate={options.rate}"]
    command += [f"--token={running.tokens['probe']}"]
    loadgen = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    pin(loadgen.pid, "b")
    try:
        assert loadgen.stdout is not None
        if loadgen.stdout.readline().strip() != "ready":
            raise RuntimeError("the load generator did not start")
        time.sleep(2)  # warm-up, not measured
        marks = [Mark.now(running)]
        time.sleep(options.idle)
        marks.append(Mark.now(running))
        burst_tokens = running.tokens["burst"]
        failures = run_bounded(
            revoke_all(running.a_port, burst_tokens, options.burst_connections), "the burst on A"
        )
        marks.append(Mark.now(running))
        time.sleep(options.after)
        marks.append(Mark.now(running))
    finally:
        loadgen.send_signal(signal.SIGTERM)
        loadgen.wait(timeout=60)
    samples = [Sample(*row) for row in json.loads(samples_file.read_text())]
    idle_from, burst_from, burst_until, after_until = (mark.at for mark in marks)
    idle, during, after = itertools.pairwise(marks)

    def between(start: float, end: float) -> list[Sample]:
        return [s for s in samples if start <= s.started < end]

    slices = [
        Window.of(between(start, min(start + 5, after_until)))
        for start in _steps(burst_until, after_until, 5)
    ]
    burst = Burst(
        deployment=deployment,
        round=round_number,
        idle=Window.of(between(idle_from, burst_from)),
        during=Window.of(between(burst_from, burst_until)),
        after=Window.of(between(burst_until, after_until)),
        worst_after=max(slices, key=lambda window: window.p99_ms),
        seconds=burst_until - burst_from,
        revocations=len(burst_tokens) * options.plan.sessions_per_user,
        logout_failures=failures,
        still_accepted=run_bounded(count_accepted(running.b_port, burst_tokens), "B's check"),
        b_cpu=(Mark.b_share(*idle), Mark.b_share(*during), Mark.b_share(*after)),
        a_cpu=Mark.a_share(*during),
    )
    print(
        f"  burst: {burst.seconds:.1f} s; p99 idle {burst.idle.p99_ms:.2f} ms, during "
        f"{burst.during.p99_ms:.2f} ms, after {burst.after.p99_ms:.2f} ms (worst 5 s "
        f"{burst.worst_after.p99_ms:.2f} ms); failures {burst.failures}; B CPU "
        f"{'/'.join(f'{share:.0f}' for share in burst.b_cpu)} %, A CPU during {burst.a_cpu:.0f} %",
        flush=True,
    )
    return burst


@dataclasses.dataclass(frozen=True)
class Mark:
    """A moment of the burst measurement, with A's and B's CPU time used so far."""

    at: float
    a_cpu: float
    b_cpu: float

    @classmethod
    def now(cls, running: Running) -> "Mark":
        return cls(time.monotonic(), cpu_seconds(running.a_pid), cpu_seconds(running.b_pid))

    @staticmethod
    def a_share(start: "Mark", end: "Mark") -> float:
        """A's CPU use between the marks, in % of one core."""
        return 100 * (end.a_cpu - start.a_cpu) / (end.at - start.at)

    @staticmethod
    def b_share(start: "Mark", end: "Mark") -> float:
        """B's CPU use between the marks, in % of one core."""
        return 100 * (end.b_cpu - start.b_cpu) / (end.at - start.at)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux `/proc/PID/stat`, fields 14
    and 15, counted after the parenthesised command name)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _steps(start: float, end: float, step: float) -> Iterator[float]:
    while start < end - step / 2:
        yield start
        start += step


# --- 2. propagation A -> B --------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Trial:
    logout_ms: float
    """Sending the logout to A until its answer."""
    propagation_ms: float
    """A's answer until B's first refusal arrived (one request to B included)."""
    requests_to_b: int
    """Requests B answered after A's answer, the refused one included (1: the very next)."""


async def propagation_trials(running: Running, tokens: Sequence[str], pause: float) -> list[Trial]:
    """One trial per token, one after another, each after a random pause of up to `pause`
    seconds: a trial ends just after the B poll that refused its token, so without the pause
    every logout would land at the same point of B's poll period (right after a poll), not
    at a random one."""
    a = await HttpConnection.open("127.0.0.1", running.a_port)
    b = await HttpConnection.open("127.0.0.1", running.b_port)
    trials: list[Trial] = []
    try:
        for token in tokens:
            await asyncio.sleep(random.uniform(0, pause))
            headers = [("Authorization", f"Bearer {token}")]
            before = await b.request("GET", GUARDED, headers=headers)
            if before.status != 200:
                raise RuntimeError(f"B refused a live token: {before.status} {before.body!r}")
            sent = time.monotonic()
            logout = await a.request("POST", "/auth/logout", headers=headers)
            answered = time.monotonic()
            if logout.status != 204:
                raise RuntimeError(f"logout on A: {logout.status} {logout.body!r}")
            requests = 0
            while True:
                response = await b.request("GET", GUARDED, headers=headers)
                requests += 1
                if response.status == 401:
                    break
                if response.status != 200 or time.monotonic() - answered > REFUSAL_TIMEOUT:
                    raise RuntimeError(f"B still answers {response.status} {response.body!r}")
            refused = time.monotonic()
            trials.append(Trial((answered - sent) * 1000, (refused - answered) * 1000, requests))
    finally:
        await a.close()
        await b.close()
    return trials


# --- the run ---------------------------------------------------------------------------------


def run_bounded(step: Coroutine[Any, Any, T], what: str, extra: float = 0) -> T:
    """`asyncio.run(step)`, failing the run if it takes longer than `STALL_TIMEOUT` + `extra`
    seconds."""
    bound = STALL_TIMEOUT + extra
    try:
        return asyncio.run(asyncio.wait_for(step, bound))
    except TimeoutError:
        raise RuntimeError(f"{what} did not finish within {bound:g} s") from None


def schedule(options: Options, redis_url: str) -> list[tuple[int, Deployment]]:
    """Every round runs each tree without and with Redis; the trees take turns (ABBA), and
    every other round reverses the order, so slow drift of the machine hits both alike."""
    base, cand = options.baseline, options.candidate
    one_round = [
        Deployment(base, None),
        Deployment(cand, None),
        Deployment(cand, redis_url),
        Deployment(base, redis_url),
    ]
    return [
        (number, deployment)
        for number in range(1, options.rounds + 1)
        for deployment in (one_round if number % 2 else one_round[::-1])
    ]


def run(options: Options) -> tuple[list[Burst], dict[str, list[Trial]]]:
    bursts: list[Burst] = []
    trials: dict[str, list[Trial]] = {}
    secret = secrets.token_urlsafe(32)
    with redis_server() as redis_url:
        for number, deployment in schedule(options, redis_url):
            print(f"round {number}: {deployment.name}", flush=True)
            with deployed(deployment, options, secret) as running:
                count = options.trials_per_round(deployment)
                pause = 0.0 if deployment.redis_url else options.trial_pause
                tokens = running.tokens["trials"][:count]
                measured = run_bounded(
                    propagation_trials(running, tokens, pause), "the trials", count * (pause + 1)
                )
                median, _, worst = quantiles([trial.propagation_ms for trial in measured])
                print(f"  propagation: median {median:.1f} ms, max {worst:.1f} ms", flush=True)
                trials.setdefault(deployment.name, []).extend(measured)
                bursts.append(measure_burst(deployment, running, options, number))
    return bursts, trials


# --- report ----------------------------------------------------------------------------------


def software_description(options: Options) -> str:
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("fastapi", "uvicorn", "tortoise-orm")
    )
    loop = " ".join(server_options())
    redis = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout
    redis_version = next((p for p in redis.split() if p.startswith("v=")), "v=?")[2:]
    store = "SQLite file" if options.store == "sqlite" else postgres_version(options.postgres_url)
    return (
        f"Python {platform.python_version()}; {versions}; uvicorn {loop}; {store}; "
        f"redis-server {redis_version} (its own, on a free port)"
    )


def postgres_version(url: str) -> str:
    async def ask() -> str:
        import asyncpg

        connection = await asyncpg.connect(url)
        try:
            return str(await connection.fetchval("SHOW server_version"))
        finally:
            await connection.close()

    return f"PostgreSQL {asyncio.run(ask()).split()[0]} on 127.0.0.1 (asyncpg)"


def quantiles(values: Sequence[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    return percentile(ordered, 0.5), percentile(ordered, 0.99), ordered[-1]


def render(
    options: Options,
    command: str,
    started: dt.datetime,
    load: tuple[float, float],
    bursts: list[Burst],
    trials: dict[str, list[Trial]],
) -> str:
    from bench_auth import machine_description

    store = "SQLite file" if options.store == "sqlite" else "PostgreSQL"
    plan = options.plan
    minutes = (dt.datetime.now(dt.UTC) - started).total_seconds() / 60
    lines = [
        f"## Revocations across two instances, {store} (`bench_propagation.py`, issue 17)",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC; the run took {minutes:.1f} min",
        f"- Machine: {machine_description()}; 1-min load average {load[0]:.2f} before and "
        f"{load[1]:.2f} after the run. A, B, the load generator, the driver, {store} and Redis "
        "all share these two cores: figures include that contention.",
        f"- Software: {software_description(options)}",
        f"- Baseline: {options.baseline.path} at {options.baseline.describe()}",
        f"- Candidate: {options.candidate.path} at {options.candidate.describe()}",
        f"- Command: `{command}`",
        "- Servers: A and B, `uvicorn --factory bench_propagation:create_app "
        f"{' '.join(server_options())} --no-access-log`, one worker each, 127.0.0.1, "
        "`FABRIC_AUTH_ENVIRONMENT=production`, every setting at its default (store, Redis, "
        'secret and `DEFAULT_ROLES=["admin"]` aside); the baseline\'s '
        "`REVOCATION_SYNC_INTERVAL` and the candidate's `MAX_STALENESS` at their defaults. "
        "A fresh database for every deployment; the two trees take turns "
        f"({options.rounds} round{'s' if options.rounds > 1 else ''}, each tree without then "
        "with Redis, in ABBA order).",
        "",
        "### 1. Guarded route on B during and after 10,000 revocations on A",
        "",
        f'Open loop, {options.rate:g} req/s of `GET /guarded` (`require("{PERMISSION}")`, '
        "bearer) on B from a separate load-generator process (asyncio, keep-alive "
        f"connections); latency from sending to the full response. *Idle*: {options.idle:g} s "
        f"before; *during*: while {plan.burst_users} users, each with {plan.sessions_per_user} "
        f"sessions, call `POST /auth/logout-all` on A over {options.burst_connections} "
        f"connections ({plan.burst_users * plan.sessions_per_user:,} revocations, as fast as A "
        f"answers); *after*: the {options.after:g} s that follow; *worst 5 s*: the 5-second "
        "slice of *after* with the highest p99. Sessions were made beforehand by the session "
        "service (no HTTP). *Accepted after*: burst users' tokens B still let through at the "
        "end (must be 0). *CPU*: user + system time the process used over the window, in % "
        "of one core (`/proc`): what B itself spends on the revocations, apart from the "
        "contention for the two cores.",
        "",
        "| deployment | round | burst s | idle p50 | idle p99 | during p50 | during p99 | "
        "after p50 | after p99 | worst 5 s p99 | during / idle p99 | after / idle p99 | "
        "B CPU % idle / during / after | A CPU % during | requests | failures | "
        "accepted after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for burst in bursts:
        lines.append(
            f"| {burst.deployment.name} | {burst.round} | {burst.seconds:.1f} | "
            f"{burst.idle.p50_ms:.2f} | {burst.idle.p99_ms:.2f} | {burst.during.p50_ms:.2f} | "
            f"{burst.during.p99_ms:.2f} | {burst.after.p50_ms:.2f} | {burst.after.p99_ms:.2f} | "
            f"{burst.worst_after.p99_ms:.2f} | {burst.during.p99_ms / burst.idle.p99_ms:.2f} | "
            f"{burst.after.p99_ms / burst.idle.p99_ms:.2f} | "
            f"{' / '.join(f'{share:.0f}' for share in burst.b_cpu)} | {burst.a_cpu:.0f} | "
            f"{sum(w.requests for w in burst.windows)} | {burst.failures} | "
            f"{burst.still_accepted} |"
        )
    lines += ["", "Latencies in ms.", ""]
    for name in dict.fromkeys(burst.deployment.name for burst in bursts):
        mine = [burst for burst in bursts if burst.deployment.name == name]
        during = max(burst.during.p99_ms / burst.idle.p99_ms for burst in mine)
        after = max(burst.after.p99_ms / burst.idle.p99_ms for burst in mine)
        lines.append(
            f"- {name}: p99 during {during:.2f}x idle, after {after:.2f}x idle (worst round). "
            f"Target ≤ {TARGET_P99_RATIO:g}x: during {met(during <= TARGET_P99_RATIO)}, "
            f"after {met(after <= TARGET_P99_RATIO)}."
        )
    lines += [
        "",
        "### 2. Propagation A -> B",
        "",
        "Per trial: B accepts the token; `POST /auth/logout` on A; then `GET /guarded` on B "
        "with the same token, back to back on one keep-alive connection, until B answers 401. "
        "*Propagation* runs from A's answer to the arrival of B's 401 (so it includes one "
        "request to B, about a millisecond); *next request refused*: B's first answer after "
        "A's was already the 401. Trials run one after another, before the burst, on the same "
        "deployments; without Redis each starts after a random pause of 0 to "
        f"{options.trial_pause:g} s (uniform), so that logouts fall at random points of B's "
        "poll period rather than just after the poll that ended the previous trial.",
        "",
        "| deployment | trials | propagation median ms | p99 ms | max ms | next request "
        "refused | logout on A median ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, measured in trials.items():
        median, p99, worst = quantiles([t.propagation_ms for t in measured])
        logout_median, logout_p99, _ = quantiles([t.logout_ms for t in measured])
        next_refused = sum(t.requests_to_b == 1 for t in measured) / len(measured)
        lines.append(
            f"| {name} | {len(measured)} | {median:.1f} | {p99:.1f} | {worst:.1f} | "
            f"{next_refused:.0%} | {logout_median:.1f} | {logout_p99:.1f} |"
        )
    lines.append("")
    return "\n".join(lines)


def met(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


# --- main ------------------------------------------------------------------------------------


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, help="source tree measured as the baseline")
    parser.add_argument(
        "--candidate", type=Path, default=BENCH_DIR.parent, help="default: this checkout"
    )
    parser.add_argument("--store", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument(
        "--postgres-url",
        default=DEFAULT_POSTGRES_URL,
        help="a database of the bench's own: it is dropped and created again for every "
        f"deployment (default {DEFAULT_POSTGRES_URL})",
    )
    parser.add_argument("--burst-users", type=int, default=100)
    parser.add_argument(
        "--sessions-per-user", type=int, default=100, help="≤ max_sessions_per_user (100)"
    )
    parser.add_argument(
        "--trials", type=int, default=200, help="propagation trials of each tree with Redis"
    )
    parser.add_argument(
        "--trials-without-redis",
        type=int,
        default=100,
        help="propagation trials of each tree without Redis (each takes about a second)",
    )
    parser.add_argument(
        "--trial-pause",
        type=float,
        default=1.0,
        help="without Redis, each trial starts after a random pause of up to this many seconds "
        "(a whole number of poll periods: the baseline polls every 1 s, the candidate every "
        "max_staleness / 4)",
    )
    parser.add_argument("--rate", type=float, default=200, help="guarded requests/s on B")
    parser.add_argument("--idle", type=float, default=10, help="seconds measured before the burst")
    parser.add_argument("--after", type=float, default=60, help="seconds measured after it")
    parser.add_argument("--burst-connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--pin",
        action="store_true",
        help="B and the load generator on CPU 0, A and this driver on CPU 1 (PostgreSQL and "
        "Redis unpinned); reported in a section of its own",
    )
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "RESULTS.md")
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--loadgen", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--token", help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse()
    if args.prepare:
        import fabric_auth

        origin = str(Path(fabric_auth.__file__).resolve().parent)
        tokens = asyncio.run(prepare(Plan(**json.loads(args.plan))))
        args.prepare.write_text(json.dumps({"fabric_auth": origin, **tokens}))
        return
    if args.loadgen:
        samples = asyncio.run(generate_load(args.port, args.token, args.rate))
        args.loadgen.write_text(json.dumps([[s.started, s.latency, s.ok] for s in samples]))
        return
    if args.baseline is None:
        sys.exit("--baseline is required (a source tree, e.g. a git worktree of the base commit)")
    trials = math.ceil(max(args.trials, args.trials_without_redis) / args.rounds)
    plan = Plan(args.burst_users, args.sessions_per_user, trials, trial_sessions_per_user=50)
    options = Options(
        baseline=Tree("baseline", args.baseline.resolve()),
        candidate=Tree("candidate", args.candidate.resolve()),
        store=args.store,
        postgres_url=args.postgres_url,
        plan=plan,
        rate=args.rate,
        idle=args.idle,
        after=args.after,
        burst_connections=args.burst_connections,
        rounds=args.rounds,
        trials_with_redis=args.trials,
        trials_without_redis=args.trials_without_redis,
        trial_pause=args.trial_pause,
        output=args.output,
    )
    if args.pin:
        PINNED.update(a={1}, b={0})
        pin(os.getpid(), "a")
    # SIGTERM (from `timeout`, say) unwinds like Ctrl-C, so that the servers are stopped.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()[0]
    command = shlex.join(
        [os.path.relpath(sys.executable), os.path.relpath(sys.argv[0]), *sys.argv[1:]]
    )
    if os.environ.get("PYTHONPATH"):  # where uvloop and httptools may come from
        command = f"PYTHONPATH={shlex.quote(os.environ['PYTHONPATH'])} {command}"
    shutil.rmtree(WORKDIR, ignore_errors=True)
    WORKDIR.mkdir(parents=True)
    bursts, trials = run(options)
    report = render(options, command, started, (load_before, os.getloadavg()[0]), bursts, trials)
    section = "propagation" if options.store == "postgres" else f"propagation_{options.store}"
    section += "_pinned" if args.pin else ""
    write_section(section, report, options.output)
    print(f"\nwrote {options.output}\n\n{report}")


if __name__ == "__main__":
    main()
