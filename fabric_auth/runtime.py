"""`FabricAuth`: one runtime per app, reached by dependencies through `request.app.state`."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from fabric_auth.clock import Clock
from fabric_auth.context import RUNTIME_SCOPE_KEY, STATE_ATTRIBUTE
from fabric_auth.credentials import Credentials
from fabric_auth.draining import SigtermDrain
from fabric_auth.exceptions import ConfigurationError, FabricAuthError, IdempotentReplay
from fabric_auth.http import (
    error_response,
    http_error_response,
    replay_response,
    validation_error_response,
)
from fabric_auth.mail import Mailer, MailTemplates
from fabric_auth.metrics import Metrics, MetricsMiddleware
from fabric_auth.middleware import InFlightRequests, RequestContextMiddleware, note_raised
from fabric_auth.openapi import add_alternative_schemes, describe_errors, drop_admin_operations
from fabric_auth.services.container import AuthServices
from fabric_auth.services.health import CheckFunction
from fabric_auth.services.plans import PlanCatalogue
from fabric_auth.settings import AuthSettings, load_settings
from fabric_auth.store.errors import domain_error, store_error_types

SENDS_MAIL = "__fabric_auth_sends_mail__"
"""Set on route endpoints that mail links, so startup can insist on `public_base_url`."""

logger = logging.getLogger("fabric_auth")


class FabricAuth:
    """The runtime of fabric-auth inside one FastAPI app.

    ```python
    auth = FabricAuth()            # settings from FABRIC_AUTH_* / .env
    app = FastAPI()
    auth.install(app)              # lifespan, error handler, request ids, draining, metrics
    ```

    `mailer` replaces the sender `FABRIC_AUTH_MAIL_URL` names (tests pass
    `fabric_auth.testing.Outbox()`); `mail_templates` replaces the default messages; `plans`
    declares the app's features and plans (see docs/plans-and-quotas.md).
    """

    def __init__(
        self,
        settings: AuthSettings | None = None,
        *,
        clock: Clock | None = None,
        mailer: Mailer | None = None,
        mail_templates: MailTemplates | None = None,
        plans: PlanCatalogue | None = None,
    ):
        self.settings = settings or load_settings()
        self.services = AuthServices(
            self.settings,
            clock=clock,
            mailer=mailer,
            mail_templates=mail_templates,
            plans=plans,
        )
        self.credentials = Credentials(self.services)
        """How requests prove who sent them, and the HTTP state that needs."""
        self.in_flight = InFlightRequests()
        self.running = False
        """True while the lifespan runs, between start-up and the start of shut-down."""
        self.metrics: Metrics | None = None
        if self.settings.metrics_enabled:
            self.metrics = Metrics()
            self.services.audit.add_listener(self.metrics.observe_audit_event)
            self.services.sessions.add_refresh_listener(self.metrics.observe_refresh)
            self.metrics.watch_propagation(self.services.changes, self.services.broadcast)
            self.metrics.watch_events(self.services.webhooks.status)

    def install(self, app: FastAPI) -> None:
        """Run this runtime inside `app`'s lifespan and answer fabric-auth errors as JSON (and
        idempotent replays with their stored response); add the request-id, in-flight (for
        draining on shutdown), body-limit and idempotent-response middleware and, if enabled,
        the metrics middleware.

        The app's own lifespan, if any, starts first: an app that initialises Tortoise itself
        (with `fabric_auth.store.app_config()` among its apps) is joined, not duplicated.
        """
        app.add_exception_handler(FabricAuthError, handle_error)
        for store_error in store_error_types():
            app.add_exception_handler(store_error, handle_store_error)
        app.add_exception_handler(StarletteHTTPException, handle_http_error)
        app.add_exception_handler(RequestValidationError, handle_validation_error)
        app.add_exception_handler(IdempotentReplay, handle_replay)
        # Added innermost first: metrics sees every request, request ids cover what runs inside.
        app.add_middleware(
            RequestContextMiddleware,
            runtime=self,
            tracker=self.in_flight,
            header=self.settings.request_id_header,
            echo=self.settings.request_id_echo,
            max_body_size=self.settings.max_body_size,
            max_stored_response=self.settings.quota_idempotency_max_response,
        )
        if self.metrics is not None:
            app.add_middleware(MetricsMiddleware, metrics=self.metrics)
        self._document(app)
        outer = app.router.lifespan_context

        @asynccontextmanager
        async def lifespan(app: FastAPI) -> AsyncIterator[Any]:
            async with outer(app) as state, self.lifespan(app):
                yield state

        app.router.lifespan_context = lifespan

    def _document(self, app: FastAPI) -> None:
        """Show the API-key header and access cookie in OpenAPI beside the bearer scheme, and
        every operation's error responses with their codes (`fabric_auth.openapi`)."""
        generate = app.openapi

        def openapi() -> dict[str, Any]:
            if app.openapi_schema is None:
                schema = generate()
                if not self.settings.admin_in_openapi:
                    drop_admin_operations(schema)
                add_alternative_schemes(schema, self.settings)
                describe_errors(schema, app, self.settings)
            return app.openapi_schema  # type: ignore[return-value]

        app.openapi = openapi  # type: ignore[method-assign]

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

        With `drain_seconds` > 0, under a server that handles SIGTERM (uvicorn, gunicorn's
        uvicorn worker), SIGTERM first turns readiness to 503 `draining` for that long while
        requests are still served, then the server's graceful stop begins
        (`fabric_auth.draining`). On shutdown, wait (up to `shutdown_drain_timeout`) for
        in-flight requests before closing the store, so requests already accepted finish
        normally.
        """
        callbacks_need_base = any(p.redirect_uri is None for p in self.settings.oauth.values())
        if _mounts_mail_routes(app) or callbacks_need_base:
            self.services.account.links.base_url()  # ConfigurationError if it cannot be built
        await self.services.start()
        self.in_flight.draining = False
        setattr(app.state, STATE_ATTRIBUTE, self)
        if self.settings.gc_freeze_on_startup:
            gc.collect()
            gc.freeze()
        self.running = True
        sigterm = SigtermDrain(self.in_flight, self.settings.drain_seconds)
        sigterm.install()
        try:
            yield
        finally:
            sigterm.uninstall()
            self.running = False
            if not await self.in_flight.drain(self.settings.shutdown_drain_timeout):
                logger.warning(
                    "shutting down with %d requests still in flight", self.in_flight.active
                )
            await self.services.close()

    @staticmethod
    def of(request: Request) -> FabricAuth:
        """The runtime serving this request."""
        runtime = request.scope.get(RUNTIME_SCOPE_KEY)  # left there by `install()`'s middleware
        if runtime is not None:
            return runtime  # type: ignore[no-any-return]
        runtime = getattr(request.app.state, STATE_ATTRIBUTE, None)
        if runtime is None:
            raise ConfigurationError(
                "fabric-auth is not running in this app: call FabricAuth(...).install(app)"
            )
        return runtime  # type: ignore[no-any-return]


def _mounts_mail_routes(app: FastAPI) -> bool:
    return any(getattr(endpoint, SENDS_MAIL, False) for endpoint in _endpoints(app.routes))


def _endpoints(routes: Iterable[Any]) -> Iterator[Any]:
    for route in routes:
        if hasattr(route, "endpoint"):
            yield route.endpoint
        # FastAPI >= 0.16x includes routers lazily (`original_router`); older ones copy routes.
        included = getattr(route, "original_router", None) or getattr(route, "app", None)
        if included is not None and hasattr(included, "routes"):
            yield from _endpoints(included.routes)


async def handle_error(request: Request, exc: Exception) -> Any:
    """Exception handler answering a `FabricAuthError` as `{"detail", "code"}`."""
    assert isinstance(exc, FabricAuthError)
    note_raised(request.scope)
    return error_response(exc)


async def handle_http_error(request: Request, exc: Exception) -> Any:
    """Exception handler answering a framework `HTTPException` (404 for an unknown path, 405,
    a body that does not parse) as `{"detail", "code"}` too."""
    assert isinstance(exc, StarletteHTTPException)
    note_raised(request.scope)
    return http_error_response(request, exc)


async def handle_validation_error(request: Request, exc: Exception) -> Any:
    """Exception handler answering invalid request data of the app's own routes in the one
    error shape, as our routers do (`http.validation_error_response`)."""
    assert isinstance(exc, RequestValidationError)
    note_raised(request.scope)
    return validation_error_response(exc)


async def handle_replay(request: Request, exc: Exception) -> Any:
    """Exception handler answering a retry with an idempotency key with the stored response
    of the first request (`quota()` raises `IdempotentReplay`)."""
    assert isinstance(exc, IdempotentReplay)
    return replay_response(exc)


async def handle_store_error(request: Request, exc: Exception) -> Any:
    """Exception handler for a store error that reached an app's route unmapped (its own
    queries, or a dependency's; the driver's own errors too, such as a connection refused):
    a duplicate is 409 `already_exists`, contention 503 `store_busy`, an outage 503
    `store_unavailable` (see `store.errors`), as our own routes answer them (`FabricRoute`);
    anything else the generic 500 `internal_error`, logged with its cause, never a stack
    trace to the client. An `OSError` cannot say where it came from: one of the app's own
    (a file it could not open) is answered as the store's outage too."""
    note_raised(request.scope)
    mapped = domain_error(exc)
    if mapped is None:
        logger.error("unexpected store error", exc_info=exc)
        return error_response(FabricAuthError())
    return error_response(mapped)
