"""Relay throughput: events/s from the outbox to Redis Streams and to a loopback webhook receiver.

```
.venv/bin/python bench/bench_events.py [--postgres-url URL] [--redis-url URL]
```

For each store (a SQLite file, then PostgreSQL) and each target, a backlog of events is written
to the outbox with the relay off (`EventOutbox.publish`, 500 per transaction, each about one of
200 users), then the relay starts and the time until the backlog is handed on is measured:

- **stream**: every event added to `<namespace>:events` and marked dispatched (batches of 500:
  one `XADD` pipeline, one transaction); no webhook endpoint.
- **webhook**: one endpoint, every event POSTed (signed) to a receiver in another process on
  127.0.0.1 (asyncio + uvloop, answering `200` at once, keep-alive) and its delivery marked
  `succeeded`; no Redis. One endpoint is sent to in order, one request at a time (head of line),
  so this is the rate of one endpoint; endpoints are served in parallel.

The relay runs in this process on uvloop when installed (the `bench` extra), as in a uvicorn
worker; the store, Redis and the
receiver share the machine's cores. Writes the `events` section of RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
import uuid
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from results import write_section

from fabric_auth.events.catalogue import UserUpdated
from fabric_auth.events.webhooks import new_secret
from fabric_auth.principal import SubjectRef
from fabric_auth.services.container import AuthServices
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import OutboxEvent, WebhookDelivery, WebhookEndpoint
from fabric_auth.testing import test_settings
from fabric_auth.tokens.keys import seal

try:
    from uvloop import run

    LOOP = "uvloop"
except ImportError:  # the `bench` extra installs it
    from asyncio import run

    LOOP = "asyncio (uvloop not installed)"

RECEIVER_PORT = 18750
STREAM_EVENTS = 20_000
WEBHOOK_EVENTS = 3_000
USERS = 200
RECEIVER = """
import asyncio
try:
    from uvloop import run
except ImportError:
    from asyncio import run
async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\\r\\n\\r\\n")
            length = 0
            for line in head.split(b"\\r\\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            writer.write(b"HTTP/1.1 200 OK\\r\\ncontent-length: 0\\r\\n\\r\\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    writer.close()
async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", PORT)
    await server.serve_forever()
run(main())
"""


async def fill(services: AuthServices, count: int) -> None:
    users = [SubjectRef.user(uuid.uuid4()) for _ in range(USERS)]
    for start in range(0, count, 500):
        async with transaction():
            for n in range(start, min(start + 500, count)):
                await services.events.publish(
                    UserUpdated(changed=["display_name"]), subject=users[n % USERS]
                )


async def run_once(
    database_url: str, target: str, count: int, redis_url: str | None
) -> dict[str, Any]:
    settings = test_settings(
        database_url=database_url,
        redis_url=redis_url if target == "stream" else None,
        redis_namespace=f"bench-events-{uuid.uuid4().hex[:8]}",
        events_relay=False,
        auto_migrate=True,
        webhook_allow_private_targets=True,
        cleanup_interval=0,
    )
    services = AuthServices(settings)
    await services.start()
    try:
        if target == "webhook":
            endpoint_id = uuid.uuid4()
            now = services.clock.now()
            await WebhookEndpoint.create(
                id=endpoint_id,
                url=f"http://127.0.0.1:{RECEIVER_PORT}/hooks",
                secret_sealed=seal(
                    services.derive_key("webhook-secret"), str(endpoint_id), new_secret().encode()
                ),
                created_at=now,
                updated_at=now,
            )
        await fill(services, count)
        started = time.perf_counter()
        await services.relay.start()
        while True:
            if target == "stream":
                done = not await OutboxEvent.filter(dispatched_at__isnull=True).exists()
            else:
                done = await WebhookDelivery.filter(status="succeeded").count() == count
            if done:
                break
            await asyncio.sleep(0.02)
        seconds = time.perf_counter() - started
        counters = services.relay.counters
        if target == "stream":
            assert services.redis is not None
            length = await services.redis.xlen(services.relay.stream)
            await services.redis.delete(services.relay.stream)
            assert length == count == counters.stream_adds, (length, counters)
        else:
            assert counters.deliveries_succeeded == count, counters
        return {"events": count, "seconds": seconds, "rate": count / seconds}
    finally:
        await services.close()


async def fresh_postgres(url: str) -> tuple[str, Any]:
    import asyncpg

    parts = urlsplit(url)
    name = f"fa_bench_events_{uuid.uuid4().hex[:6]}"
    admin_dsn = f"postgresql://{parts.netloc}{parts.path or '/postgres'}"
    admin = await asyncpg.connect(admin_dsn)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()

    async def drop() -> None:
        admin = await asyncpg.connect(admin_dsn)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()

    return f"postgres://{parts.netloc}/{name}", drop


async def one(args: argparse.Namespace) -> dict[str, Any]:
    """One measurement (`--one STORE TARGET`), in a process of its own: each opens the store
    afresh."""
    store, target = args.one
    count = STREAM_EVENTS if target == "stream" else WEBHOOK_EVENTS
    drop = None
    if store == "sqlite":
        url = f"sqlite://{tempfile.mkdtemp(prefix='bench-events-')}/db.sqlite3"
    else:
        url, drop = await fresh_postgres(args.postgres_url)
    try:
        return await run_once(url, target, count, args.redis_url)
    finally:
        if drop is not None:
            await drop()


def main(args: argparse.Namespace) -> list[tuple[str, str, dict[str, Any]]]:
    results: list[tuple[str, str, dict[str, Any]]] = []
    receiver = subprocess.Popen(
        [sys.executable, "-c", RECEIVER.replace("PORT", str(RECEIVER_PORT))]
    )
    try:
        time.sleep(1.0)
        for store in ("sqlite", "postgres"):
            for target in ("stream", "webhook"):
                answer = subprocess.run(
                    [sys.executable, __file__, *sys.argv[1:], "--one", store, target],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                result = json.loads(answer.stdout.strip().splitlines()[-1])
                print(f"{store:8} {target:8} {result['rate']:8.0f} events/s", flush=True)
                results.append((store, target, result))
    finally:
        receiver.terminate()
        receiver.wait(5)
    return results


def report(results: list[tuple[str, str, dict[str, Any]]], command: str) -> str:
    load = os.getloadavg()[0]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("tortoise-orm", "asyncpg", "redis", "httpx", "httpcore")
    )
    lines = [
        "## Events relay throughput (`bench_events.py`)",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}; 1-min "
        f"load average {load:.2f} at the end of the run (other processes compete for the cores)",
        f"- Software: Python {platform.python_version()}; {versions}; relay and receiver on {LOOP}",
        f"- Source: commit {commit}",
        f"- Command: `{command}`",
        "- What: a backlog written with the relay off, then the time from the relay's start "
        "until every event is in the Redis stream (`stream`: XADD pipeline + one transaction per "
        "500 events) or POSTed to one loopback endpoint and marked succeeded (`webhook`: one "
        "endpoint, one request at a time in event order, a receiver in another process answering "
        "200 at once). PostgreSQL and Redis on the same machine.",
        "",
        "| store | target | events | seconds | events/s |",
        "|---|---|---:|---:|---:|",
    ]
    for store, target, result in results:
        lines.append(
            f"| {store} | {target} | {result['events']} | {result['seconds']:.2f} | "
            f"{result['rate']:.0f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "FABRIC_AUTH_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--one", nargs=2, metavar=("STORE", "TARGET"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(run(one(arguments))))
        sys.exit(0)
    results = main(arguments)
    command = shlex.join([".venv/bin/python", "bench/bench_events.py", *sys.argv[1:]])
    write_section("events", report(results, command))
