"""Draining on SIGTERM under a real uvicorn process: readiness answers 503 `draining` while
requests are still served for `FABRIC_AUTH_DRAIN_SECONDS`, then the server stops gracefully."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import httpx

from tests.faults import ServedApp, served_app, tracebacks

ADMIN = "admin@example.com"
PASSWORD = "correct horse battery staple"
DRAIN = 2.0


def settings(tmp_path: Path, drain: float) -> dict[str, str]:
    return {
        "database_url": f"sqlite://{tmp_path / 'drain.sqlite3'}",
        "drain_seconds": str(drain),
        "admin_email": ADMIN,
        "admin_password": PASSWORD,
    }


async def token(app: ServedApp) -> str:
    response = await app.client.post(
        "/auth/token", data={"grant_type": "password", "username": ADMIN, "password": PASSWORD}
    )
    access: str = response.json()["access_token"]
    return access


async def until_draining(app: ServedApp) -> httpx.Response:
    """Readiness's first answer other than 200, polled for up to a second."""
    for _ in range(100):
        response = await app.client.get("/health/ready")
        if response.status_code != 200:
            return response
        await asyncio.sleep(0.01)
    raise AssertionError("readiness never turned to draining")


async def exit_code(app: ServedApp, within: float) -> int:
    return await asyncio.wait_for(app.process.wait(), within)


async def test_sigterm_drains_then_stops(tmp_path: Path) -> None:
    """After SIGTERM readiness answers 503 `draining` at once, a guarded route still answers
    200 for the drain period, and the process then stops gracefully within a second or two."""
    async with served_app(tmp_path, **settings(tmp_path, DRAIN)) as app:
        bearer = {"Authorization": f"Bearer {await token(app)}"}
        assert (await app.client.get("/health/ready")).status_code == 200
        app.terminate()
        signalled = time.monotonic()
        ready = await until_draining(app)
        assert (ready.status_code, ready.json()["status"]) == (503, "draining")
        served: list[float] = []
        while True:
            try:
                guarded = await app.client.get("/guarded", headers=bearer)
            except httpx.TransportError:  # the listener closed: the graceful stop began
                break
            assert guarded.status_code == 200
            served.append(time.monotonic() - signalled)
            await asyncio.sleep(0.05)
        assert served[-1] >= DRAIN - 0.3, served[-1]  # served all through the drain
        # uvicorn re-raises the SIGTERM it handled once it has stopped gracefully
        assert await exit_code(app, within=5.0) == -signal.SIGTERM
        assert time.monotonic() - signalled < DRAIN + 3.0
        assert list(tracebacks(app.log_lines())) == []
        messages = [record["message"] for record in app.log_records()]
        assert f"SIGTERM: readiness answers draining; stopping in {DRAIN} s" in messages


async def test_a_second_sigterm_stops_at_once(tmp_path: Path) -> None:
    """A second SIGTERM during a long drain skips the rest of it."""
    async with served_app(tmp_path, **settings(tmp_path, 60.0)) as app:
        app.terminate()
        signalled = time.monotonic()
        assert (await until_draining(app)).json()["status"] == "draining"
        app.terminate()
        assert await exit_code(app, within=5.0) == -signal.SIGTERM
        assert time.monotonic() - signalled < 5.0
        messages = [record["message"] for record in app.log_records()]
        assert "second SIGTERM: stopping now" in messages


async def test_without_a_drain_period_sigterm_stops_at_once(tmp_path: Path) -> None:
    """`drain_seconds=0` (the default) leaves the server's own SIGTERM handling as it is."""
    async with served_app(tmp_path, **settings(tmp_path, 0.0)) as app:
        app.terminate()
        signalled = time.monotonic()
        assert await exit_code(app, within=5.0) == -signal.SIGTERM
        assert time.monotonic() - signalled < 2.0
