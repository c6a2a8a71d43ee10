"""`FabricAuth`: one runtime per app, reached by dependencies through `request.app.state`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request

from fabric_auth.clock import Clock
from fabric_auth.exceptions import ConfigurationError, FabricAuthError
from fabric_auth.http import error_response
from fabric_auth.metrics import Metrics, MetricsMiddleware
from fabric_auth.middleware import InFlightMiddleware, InFlightRequests, RequestIdMiddleware
from fabric_auth.services.container import AuthServices
from fabric_auth.services.health import CheckFunction
from fabric_auth.settings import AuthSettings, load_settings

STATE_ATTRIBUTE = "fabric_auth"
logger = logging.getLogger("fabric_auth")


class FabricAuth:
    """The runtime of fabric-auth inside one FastAPI app.

    ```python
    auth = FabricAuth()            # settings from FABRIC_AUTH_* / .env
    app = FastAPI()
    auth.install(app)              # lifespan, error handler, request ids, draining, metrics
    ```
    """

    def __init__(self, settings: AuthSettings | None = None, *, clock: Clock | None = None):
        self.settings = settings or load_settings()
        self.services = AuthServices(self.settings, clock=clock)
        self.in_flight = InFlightRequests()
        self.metrics: Metrics | None = None
        if self.settings.metrics_enabled:
            self.metrics = Metrics()
            self.services.audit.add_listener(self.metrics.observe_audit_event)

    def install(self, app: FastAPI) -> None:
        """Run this runtime inside `app`'s lifespan and answer fabric-auth errors as JSON; add
        the request-id, in-flight (for draining on shutdown) and, if enabled, metrics middleware.

        The app's own lifespan, if any, runs inside fabric-auth's, so it may use the store.
        """
        app.add_exception_handler(FabricAuthError, _handle_error)
        # Added innermost first: metrics sees every request, request ids cover what runs inside.
        app.add_middleware(InFlightMiddleware, tracker=self.in_flight)
        app.add_middleware(RequestIdMiddleware, header=self.settings.request_id_header)
        if self.metrics is not None:
            app.add_middleware(MetricsMiddleware, metrics=self.metrics)
        inner = app.router.lifespan_context

        @asynccontextmanager
        async def lifespan(app: FastAPI) -> AsyncIterator[Any]:
            async with self.lifespan(app), inner(app) as state:
                yield state

        app.router.lifespan_context = lifespan

    def register_check(
        self, name: str, check: CheckFunction, *, critical: bool = True, timeout: float = 2.0
    ) -> None:
        """Add a readiness check to `/health/ready`: an async callable that raises (or times out)
        when unhealthy. A failing critical check answers 503; a non-critical one is reported
        and the status is `degraded`."""
        self.services.health.register(name, check, critical=critical, timeout=timeout)

    @asynccontextmanager
    async def lifespan(self, app: FastAPI) -> AsyncIterator[None]:
        """Open the store, migrate if configured, seed, and expose the runtime to requests.

        On shutdown, wait (up to `shutdown_drain_timeout`) for in-flight requests before
        closing the store, so requests already accepted finish normally.
        """
        await self.services.start()
        self.in_flight.draining = False
        setattr(app.state, STATE_ATTRIBUTE, self)
        try:
            yield
        finally:
            if not await self.in_flight.drain(self.settings.shutdown_drain_timeout):
                logger.warning(
                    "shutting down with %d requests still in flight", self.in_flight.active
                )
            await self.services.close()

    @staticmethod
    def of(request: Request) -> FabricAuth:
        """The runtime serving this request."""
        runtime = getattr(request.app.state, STATE_ATTRIBUTE, None)
        if runtime is None:
            raise ConfigurationError(
                "fabric-auth is not running in this app: call FabricAuth(...).install(app)"
            )
        return runtime  # type: ignore[no-any-return]


async def _handle_error(request: Request, exc: Exception) -> Any:
    assert isinstance(exc, FabricAuthError)
    return error_response(exc)
