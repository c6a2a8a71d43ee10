"""Readiness checks: the built-in store and Redis checks plus any the app registers.

A check is an async callable that returns (anything) when healthy and raises when not, within
its timeout. A failing *critical* check makes the app not ready (503); a failing non-critical one
is reported, and the app stays ready (`degraded`).

A check's failures are logged once per state change (`logs.StateLog`): orchestrators probe every
few seconds, and an outage is one line when it starts and one when it ends. A check that shares
a state with other code (the store's `STORE_STATE`) reports to that state instead, so the store
going away is one line whether a request or a probe noticed first.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fabric_auth.logs import StateLog

logger = logging.getLogger("fabric_auth.health")

CheckFunction = Callable[[], Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class HealthCheck:
    name: str
    run: CheckFunction
    state: StateLog
    """Where failures and recoveries are reported (once per change)."""
    critical: bool = True
    """A failure makes the app not ready (503). Otherwise it is only reported."""
    timeout: float = 2.0
    """Seconds before the check counts as failed."""


@dataclass(frozen=True, slots=True)
class HealthReport:
    checks: dict[str, str]
    """Name to `ok` or `unavailable`."""
    ready: bool
    degraded: bool

    @property
    def status(self) -> str:
        if not self.ready:
            return "unavailable"
        return "degraded" if self.degraded else "ok"


class HealthChecks:
    def __init__(self) -> None:
        self._checks: dict[str, HealthCheck] = {}

    def register(
        self,
        name: str,
        run: CheckFunction,
        *,
        critical: bool = True,
        timeout: float = 2.0,
        state: StateLog | None = None,
    ) -> None:
        """Add (or replace) a readiness check; `state`: the `StateLog` its failures and
        recoveries are reported to (default: one of its own, `health check <name>`)."""
        state = state or StateLog(logger, f"health check {name}")
        self._checks[name] = HealthCheck(name, run, state, critical, timeout)

    async def run(self) -> HealthReport:
        """Run every check concurrently."""
        checks = list(self._checks.values())
        results = await asyncio.gather(*(_passes(check) for check in checks))
        failed = [check for check, ok in zip(checks, results, strict=True) if not ok]
        return HealthReport(
            checks={
                c.name: "ok" if ok else "unavailable" for c, ok in zip(checks, results, strict=True)
            },
            ready=not any(check.critical for check in failed),
            degraded=bool(failed),
        )


async def _passes(check: HealthCheck) -> bool:
    try:
        await asyncio.wait_for(check.run(), check.timeout)
    except Exception as exc:
        check.state.failed(exc)
        return False
    check.state.recovered()
    return True
