"""Property-based fuzzing of every route (schemathesis, `--checks all`), on each store.

The app (`tests.fuzz.app`) serves every router with uvicorn on loopback; the pinned schemathesis
CLI generates requests from its `/openapi.json` as a system administrator (an API key holding
`*`) and as a plain user (a bearer token), and fails on any failure: a server error, an
undocumented status, code, header or content type, a response that breaks its schema, a valid
request refused or an invalid one accepted. Its summary (cases, time) goes to the test log.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import time
from pathlib import Path

import httpx

from fabric_auth import Period
from fabric_auth.services.users import NewUser
from fabric_auth.testing import TestIdentityProvider
from tests.conftest import uvicorn_on_loopback
from tests.fuzz.app import ADMIN_EMAIL, PASSWORD, USER_EMAIL, create_fuzz_app, oauth_settings

HERE = Path(__file__).parent
SCHEMATHESIS = Path(sys.executable).with_name("st")
MAX_EXAMPLES = int(os.environ.get("FABRIC_AUTH_FUZZ_EXAMPLES", "12"))
"""Cases per operation and caller; CI keeps the default, a deeper run sets more."""
SUMMARIES: list[str] = []
"""One line per run, printed at the end of the session (tests/conftest.py)."""


async def test_every_route_survives_the_fuzzer(store: str) -> None:
    """Schemathesis finds no failure as administrator nor as plain user."""
    with TestIdentityProvider.running() as provider:
        await _fuzz_with(store, provider)


async def _fuzz_with(store: str, provider: TestIdentityProvider) -> None:
    app, auth = create_fuzz_app(store, rate_limits_enabled=False, **oauth_settings(provider))
    async with uvicorn_on_loopback(app) as url, httpx.AsyncClient(base_url=url) as client:
        await auth.services.users.create(NewUser(email=USER_EMAIL, password=PASSWORD))
        plans = auth.services.plans  # so that POST /generate can consume, and replay
        await plans.create_feature("ai_generations", "AI generations", "generation")
        await plans.set_plan_limit("free", "ai_generations", 1000, Period.MONTH)
        admin_key = await _api_key(client, await _token(client, ADMIN_EMAIL))
        callers = {
            "administrator": f"X-API-Key: {admin_key}",
            "user": f"Authorization: Bearer {await _token(client, USER_EMAIL)}",
        }
        for caller, header in callers.items():
            await _fuzz(url, caller, header, store=store.split(":", 1)[0])


async def _token(client: httpx.AsyncClient, email: str) -> str:
    answer = await client.post(
        "/auth/token", data={"grant_type": "password", "username": email, "password": PASSWORD}
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


async def _api_key(client: httpx.AsyncClient, token: str) -> str:
    answer = await client.post(
        "/users/me/api-keys",
        json={"name": "fuzzer", "scopes": ["*"]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["key"])


async def _fuzz(url: str, caller: str, header: str, *, store: str) -> None:
    started = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        str(SCHEMATHESIS),
        "--config-file",
        str(HERE / "schemathesis.toml"),
        "run",
        f"{url}/openapi.json",
        "--checks",
        "all",
        "--header",
        header,
        "--max-examples",
        str(MAX_EXAMPLES),
        "--phases",
        "examples,coverage,fuzzing",
        "--seed",
        "16",
        "--workers",
        "1",
        "--no-color",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.fuzz.hooks", "NO_COLOR": "1"},
        cwd=str(HERE.parents[1]),
    )
    output, _ = await process.communicate()
    text = output.decode(errors="replace")
    cases = re.search(r"(\d+) generated", text)
    SUMMARIES.append(
        f"fuzz {store} as {caller}: {cases.group(1) if cases else '?'} cases, "
        f"{time.monotonic() - started:.0f} s, exit {process.returncode}"
    )
    assert process.returncode == 0, text[-20000:]
