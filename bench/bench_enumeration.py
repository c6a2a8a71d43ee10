"""Do sign-in and forgot-password take as long for unknown addresses as for known ones?

Runs the app in-process with production argon2 parameters (OWASP minimum), interleaves requests
for a known and an unknown address, and prints median / p90 / mean per case. Tests assert only
status and body; timing is measured here, not asserted.

    python bench/bench_enumeration.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from fastapi import FastAPI

from fabric_auth import AuthSettings, FabricAuth
from fabric_auth.routers import create_account_router, create_auth_router
from fabric_auth.services.users import NewUser
from fabric_auth.testing import Outbox, serve

KNOWN, UNKNOWN = "ada@example.com", "nobody@example.com"
PASSWORD = "correct horse battery staple"


async def timed(client: httpx.AsyncClient, method: str, path: str, **kwargs: object) -> float:
    start = time.perf_counter()
    response = await client.request(method, path, **kwargs)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    assert response.status_code in (202, 401), response.text
    return elapsed * 1000


def summary(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[int(len(ordered) * 0.9) - 1]
    return (
        f"  {name:<32} median {statistics.median(ordered):7.2f} ms   p90 {p90:7.2f} ms   "
        f"mean {statistics.fmean(ordered):7.2f} ms   (n={len(ordered)})"
    )


async def main(rounds: int) -> None:
    directory = Path(tempfile.mkdtemp(prefix="fabric-auth-bench-"))
    settings = AuthSettings(
        _env_file=None,
        environment="development",
        secret_key=secrets.token_urlsafe(32),
        database_url=f"sqlite://{directory / 'bench.sqlite3'}",
        public_base_url="https://app.example",
        rate_limits_enabled=False,
        lockout_failures=1000,
        lockout_ip_failures=None,
        mail_resend_interval=0,
    )
    auth = FabricAuth(settings, mailer=Outbox())
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())
    app.include_router(create_account_router())
    async with serve(app) as client:
        await auth.services.users.create(NewUser(email=KNOWN, password=PASSWORD))
        results: dict[str, list[float]] = {}
        cases = {
            "sign-in, known, wrong password": ("/auth/token", KNOWN, "sign-in"),
            "sign-in, unknown email": ("/auth/token", UNKNOWN, "sign-in"),
            "forgot-password, known": ("/auth/forgot-password", KNOWN, "forgot"),
            "forgot-password, unknown": ("/auth/forgot-password", UNKNOWN, "forgot"),
        }
        for _ in range(3):  # warm-up
            for path, email, kind in cases.values():
                await request(client, path, email, kind)
        for n in range(rounds * 5):
            for name, (path, email, kind) in cases.items():
                if kind == "sign-in" and n >= rounds:
                    continue  # argon2 is slow: fewer sign-in rounds
                results.setdefault(name, []).append(await request(client, path, email, kind))
        await auth.services.background.drain()
    print(
        f"fabric-auth enumeration timing (argon2 m={settings.argon2_memory_cost} KiB, "
        f"t={settings.argon2_time_cost}; SQLite; in-process)"
    )
    for name, samples in results.items():
        print(summary(name, samples))


async def request(client: httpx.AsyncClient, path: str, email: str, kind: str) -> float:
    if kind == "sign-in":
        return await timed(
            client,
            "POST",
            path,
            data={"grant_type": "password", "username": email, "password": "wrong password"},
        )
    return await timed(client, "POST", path, json={"email": email})


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    asyncio.run(main(parser.parse_args().rounds))
