"""Prometheus metrics (the `metrics` extra): requests by route template, security events, and
the events feed's lag read from the store.

Requests are labelled by the route *template* (`/users/{user_id}`), never the raw path, so a
scan of random URLs cannot blow up the number of series; requests no route matched share the
label `<unmatched>`. Security events are counted from the audit log as they are recorded
(so an event whose transaction then rolls back is still counted: these count attempts).

The events feed's figures (`watch_events`) need queries: they are read when scraped, at most
once every `EVENTS_SCRAPE_TTL` seconds however many scrapers ask, concurrent scrapes sharing
one read; a failed read keeps the last figures (logged), so a store outage does not fail the
scrape of every other metric.

Each runtime has its own registry (two apps in one process do not collide); serve it with
`fabric_auth.routers.create_metrics_router()`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from fabric_auth.exceptions import ConfigurationError
from fabric_auth.middleware import ASGIApp, Message, Receive, Scope, Send
from fabric_auth.services.audit import AuditAction, Outcome

if TYPE_CHECKING:
    from collections.abc import Iterator

    from fabric_auth.services.broadcast import Broadcast
    from fabric_auth.services.changes import ChangeFeed
    from fabric_auth.services.events.webhooks import EventsStatus
    from fabric_auth.store.models import AuditEvent

logger = logging.getLogger("fabric_auth.metrics")
T = TypeVar("T")

UNMATCHED = "<unmatched>"
EVENTS_SCRAPE_TTL = 5.0
"""Seconds the events feed's figures are reused between scrapes."""
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_TOKEN_OPERATIONS = {
    AuditAction.REFRESH_REUSE_DETECTED.value: "reuse_detected",
    AuditAction.LOGOUT.value: "revoke",
    AuditAction.SESSION_REVOKED.value: "revoke",
    AuditAction.USER_TOKENS_REVOKED.value: "revoke",
}


class Metrics:
    """The collectors of one runtime, in their own `CollectorRegistry`."""

    def __init__(self) -> None:
        try:
            from prometheus_client import CollectorRegistry, Counter, Histogram
        except ImportError:
            raise ConfigurationError(
                "FABRIC_AUTH_METRICS_ENABLED=true needs prometheus-client: "
                "install fabric-auth[metrics]"
            ) from None
        self.registry = CollectorRegistry()
        self._events: CachedReading[EventsStatus] | None = None
        registry = self.registry
        self.requests = Counter(
            "fabric_auth_http_requests",
            "HTTP requests by method, route template and status",
            ["method", "route", "status"],
            registry=registry,
        )
        self.request_duration = Histogram(
            "fabric_auth_http_request_duration_seconds",
            "HTTP request duration by method and route template",
            ["method", "route"],
            registry=registry,
        )
        self.sign_ins = Counter(
            "fabric_auth_sign_ins", "Sign-ins by outcome", ["outcome"], registry=registry
        )
        self.token_operations = Counter(
            "fabric_auth_token_operations",
            "Token operations: issue, refresh, reuse_detected, revoke",
            ["operation"],
            registry=registry,
        )
        self.permission_denials = Counter(
            "fabric_auth_permission_denials",
            "Requests refused by the authorization decision point, by the permission involved "
            "(empty when the refusal is about the target or the credential, not a permission)",
            ["permission"],
            registry=registry,
        )
        self.quota_decisions = Counter(
            "fabric_auth_quota_decisions",
            "Quota checks by quota and decision (allowed, denied)",
            ["quota", "decision"],
            registry=registry,
        )
        self.rate_limit_hits = Counter(
            "fabric_auth_rate_limit_hits",
            "Requests refused by a rate limit, by route template",
            ["route"],
            registry=registry,
        )
        self.lockouts = Counter("fabric_auth_lockouts", "Accounts locked out", registry=registry)
        self.oauth_sign_ins = Counter(
            "fabric_auth_oauth_sign_ins",
            "OAuth / OpenID Connect sign-ins by provider and result: `success`, or why it was "
            "refused (`jit_disabled`, `id_token_nonce`, `state_other_browser`, ...)",
            ["provider", "result"],
            registry=registry,
        )

    def observe_audit_event(self, event: AuditEvent) -> None:
        """Count a security event; registered as an audit-log listener."""
        action = event.action
        if action == AuditAction.SIGN_IN.value:
            self.sign_ins.labels(event.outcome).inc()
            if event.outcome == Outcome.SUCCESS.value:
                self.token_operations.labels("issue").inc()
        elif action in _TOKEN_OPERATIONS:
            self.token_operations.labels(_TOKEN_OPERATIONS[action]).inc()
        elif action == AuditAction.PERMISSION_DENIED.value:
            self.permission_denials.labels(str(event.details.get("permission", ""))).inc()
        elif action == AuditAction.LOCKOUT:
            self.lockouts.inc()
        elif action in (AuditAction.OAUTH_SIGNED_IN, AuditAction.OAUTH_REFUSED):
            provider = str(event.details.get("provider", ""))
            # `provider_error:<what the provider said>`: the label keeps the kind only.
            result = str(event.details.get("reason", "success")).split(":", 1)[0]
            self.oauth_sign_ins.labels(provider, result).inc()

    def watch_propagation(self, changes: ChangeFeed, broadcast: Broadcast) -> None:
        """Expose, read when scraped, how current this instance's change feed is and how many
        Redis hints were given up."""
        from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

        class Propagation:
            def collect(self) -> Iterator[Any]:
                yield GaugeMetricFamily(
                    "fabric_auth_change_feed_age_seconds",
                    "Seconds since the start of this instance's last successful read of the "
                    "change feed (requests read it first past max_staleness)",
                    value=changes.age,
                )
                yield CounterMetricFamily(
                    "fabric_auth_redis_publish_failures",
                    "Redis hints given up (Redis unreachable or too slow); changes still reach "
                    "other instances through the change feed",
                    value=broadcast.publish_failures,
                )

        self.registry.register(Propagation())

    def watch_events(
        self, read: Callable[[], Awaitable[EventsStatus]], *, ttl: float = EVENTS_SCRAPE_TTL
    ) -> None:
        """Expose the events feed's figures (`read()`, from the store), refreshed by `refresh`
        before a scrape at most every `ttl` seconds."""
        from prometheus_client.core import GaugeMetricFamily

        events = self._events = CachedReading(read, ttl)

        class EventsFeed:
            def collect(self) -> Iterator[Any]:
                figures = events.last
                if figures is None:
                    return
                yield GaugeMetricFamily(
                    "fabric_auth_events_outbox_pending",
                    "Events in the outbox the relay has not handed on yet",
                    value=figures.outbox_pending,
                )
                yield GaugeMetricFamily(
                    "fabric_auth_events_oldest_pending_seconds",
                    "Age of the oldest event the relay has not handed on (0 when none)",
                    value=figures.oldest_pending_seconds,
                )
                deliveries = GaugeMetricFamily(
                    "fabric_auth_webhook_deliveries",
                    "Webhook deliveries in the store by status (pending, succeeded, failed)",
                    labels=["status"],
                )
                for status, count in sorted(figures.deliveries.items()):
                    deliveries.add_metric([status], count)
                yield deliveries

        self.registry.register(EventsFeed())

    async def refresh(self) -> None:
        """Read what is read from the store, if it is older than its time to live; call
        before `render`."""
        if self._events is not None:
            await self._events.refresh()

    def observe_refresh(self) -> None:
        """Count a rotation (audited or not); registered as a refresh listener."""
        self.token_operations.labels("refresh").inc()
        self.token_operations.labels("issue").inc()

    def render(self) -> tuple[bytes, str]:
        """The exposition text and its content type."""
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class CachedReading(Generic[T]):
    """The last value of an async `read`, read again when older than `ttl` seconds; concurrent
    callers wait for one read."""

    def __init__(self, read: Callable[[], Awaitable[T]], ttl: float) -> None:
        self._read = read
        self._ttl = ttl
        self._read_at = -float("inf")
        self._lock = asyncio.Lock()
        self.last: T | None = None

    async def refresh(self) -> None:
        if time.monotonic() - self._read_at < self._ttl:
            return
        async with self._lock:
            if time.monotonic() - self._read_at < self._ttl:
                return  # another scrape read it while this one waited
            try:
                self.last = await self._read()
            except Exception:
                logger.warning("metrics: cannot read the events feed's figures", exc_info=True)
            # A failed read is not retried at once either: a scrape storm during an outage
            # must not turn into a query storm.
            self._read_at = time.monotonic()


def route_template(scope: Scope) -> str:
    route: Any = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_recording_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_recording_status)
        finally:
            method = scope["method"] if scope["method"] in _METHODS else "OTHER"
            route = route_template(scope)
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.request_duration.labels(method, route).observe(
                time.perf_counter() - started
            )
