"""Every database URL scheme the settings accept serves the hot paths: sign-in, a failed
sign-in, refresh (and a duplicate refresh), audit appends whose chain verifies, and quota
consumption, each through the named queries on that scheme's driver.

Each scheme runs in a process of its own on a scratch store (Tortoise's set-up is one per
process, and this one's is held by the suite's store).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import POSTGRES_URL, _fresh_postgres_database, _unavailable

FLOW = textwrap.dedent(
    """
    import asyncio, json, sys
    from typing import Annotated

    from fastapi import Depends, FastAPI

    from fabric_auth import FabricAuth
    from fabric_auth.entitlements import quota
    from fabric_auth.periods import Period
    from fabric_auth.routers import create_auth_router
    from fabric_auth.services.plans import Consumption
    from fabric_auth.services.users import NewUser
    from fabric_auth.store.models import AuditEvent, Session
    from fabric_auth.testing import serve, test_settings

    PASSWORD = "correct horse battery staple"

    async def main(url):
        auth = FabricAuth(test_settings(database_url=url, audit_refreshes=True))
        app = FastAPI()
        auth.install(app)
        app.include_router(create_auth_router())

        @app.post("/generate")
        async def generate(usage: Annotated[Consumption, Depends(quota("calls"))]):
            return {"remaining": usage.remaining}

        report = {}
        async with serve(app) as client:
            await auth.services.users.create(NewUser(email="ada@example.com", password=PASSWORD))
            plans = auth.services.plans
            await plans.create_feature("calls", "API calls", "call")
            await plans.set_plan_limit("free", "calls", 3, Period.MONTH)

            def grant(password):
                return {"grant_type": "password", "username": "ada@example.com",
                        "password": password}

            wrong = await client.post("/auth/token", data=grant("not the password"))
            signed_in = await client.post("/auth/token", data=grant(PASSWORD))
            first = signed_in.json()
            refresh = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
            refreshed = await client.post("/auth/token", data=refresh)
            again = await client.post("/auth/token", data=refresh)
            bearer = {"Authorization": "Bearer " + refreshed.json()["access_token"]}
            quota_calls = [await client.post("/generate", headers=bearer) for _ in range(4)]
            session = await Session.get()
            chain = await auth.services.audit.verify()
            report = {
                "wrong": [wrong.status_code, wrong.json()["code"]],
                "sign_in": signed_in.status_code,
                "refreshed": refreshed.status_code,
                "rotated": refreshed.json()["refresh_token"] != first["refresh_token"],
                "duplicate_gets_same_successor": (
                    again.status_code == 200
                    and again.json()["refresh_token"] == refreshed.json()["refresh_token"]
                ),
                "generation": session.generation,
                "quota": [
                    [r.status_code, r.headers.get("X-Quota-Remaining")] for r in quota_calls
                ],
                "actions": await AuditEvent.all().order_by("seq").values_list(
                    "action", "outcome"
                ),
                "chain": [chain.intact, chain.entries, chain.last_seq],
            }
        print(json.dumps(report))

    asyncio.run(main(sys.argv[1]))
    """
)

SCHEMES = ("sqlite", "postgres", "asyncpg", "psycopg")


def run_flow(url: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", FLOW, url], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


@pytest.fixture(params=SCHEMES)
def scratch_url(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """A new, empty store reached through the scheme in the parameter."""
    scheme = request.param
    if scheme == "sqlite":
        yield f"sqlite://{tmp_path / 'drivers.sqlite3'}"
        return
    if not POSTGRES_URL:
        _unavailable("PostgreSQL", "FABRIC_AUTH_TEST_POSTGRES_URL")
    assert POSTGRES_URL is not None
    url, drop = asyncio.run(_fresh_postgres_database(POSTGRES_URL))
    try:
        yield scheme + url[url.index("://") :]
    finally:
        asyncio.run(drop())


def test_hot_paths_run_on_every_driver(scratch_url: str) -> None:
    """Sign-in, refresh, audit and quota consumption answer the same on SQLite, asyncpg
    (`postgres://`, `asyncpg://`) and psycopg (`psycopg://`): the placeholders follow the
    driver."""
    report = run_flow(scratch_url)
    assert report["wrong"] == [401, "invalid_credentials"]
    assert report["sign_in"] == 200
    assert report["refreshed"] == 200 and report["rotated"]
    assert report["duplicate_gets_same_successor"]
    assert report["generation"] == 1
    assert report["quota"] == [[200, "2"], [200, "1"], [200, "0"], [429, "0"]]
    assert report["actions"] == [
        ["user.created", "success"],
        ["plan.updated", "success"],
        ["plan.limit_set", "success"],
        ["auth.sign_in", "failure"],
        ["auth.sign_in", "success"],
        ["session.refresh", "success"],
    ]
    assert report["chain"] == [True, 6, 6]
