"""Prometheus metrics (the `metrics` extra): requests by route template, security events.

Requests are labelled by the route *template* (`/users/{user_id}`), never the raw path, so a
scan of random URLs cannot blow up the number of series; requests no route matched share the
label `<unmatched>`. Security events are counted from the audit log as they are recorded
(so an event whose transaction then rolls back is still counted: these count attempts).

Each runtime has its own registry (two apps in one process do not collide); serve it with
`fabric_auth.routers.create_metrics_router()`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from fabric_auth.exceptions import ConfigurationError
from fabric_auth.middleware import ASGIApp, Message, Receive, Scope, Send
from fabric_auth.services.audit import AuditAction, Outcome

if TYPE_CHECKING:
    from collections.abc import Iterator

    from fabric_auth.services.broadcast import Broadcast
    from fabric_auth.services.changes import ChangeFeed
    from fabric_auth.store.models import AuditEvent

UNMATCHED = "<unmatched>"
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

    def observe_refresh(self) -> None:
        """Count a rotation (audited or not); registered as a refresh listener."""
        self.token_operations.labels("refresh").inc()
        self.token_operations.labels("issue").inc()

    def render(self) -> tuple[bytes, str]:
        """The exposition text and its content type."""
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        return generate_latest(self.registry), CONTENT_TYPE_LATEST


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
