"""What a refused request must leave as it was: every table but the audit log's."""

from __future__ import annotations

from typing import Any

from fabric_auth.store import models

GUARDED = tuple(
    getattr(models, name)
    for name in (
        "ApiKey",
        "Feature",
        "LimitOverride",
        "LinkToken",
        "OAuthAccount",
        "OAuthFlow",
        "OutboxEvent",
        "Plan",
        "PlanLimit",
        "RefreshToken",
        "Role",
        "ServiceAccount",
        "ServiceAccountRole",
        "Session",
        "Subscription",
        "UsageCounter",
        "User",
        "UserRole",
        "WebhookDelivery",
        "WebhookEndpoint",
    )
)
"""Audit events (a refusal is recorded) and login throttles (counted per attempt) may change."""
NOTED_ON_USE = frozenset({"last_used_at", "last_used_ip"})
"""An API key's last use is written off the request path whatever the answer."""
RELAYED = frozenset({"dispatched_at"})
"""An outbox row is marked relayed in the background, whatever the request."""


async def store_state() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every guarded table, in a stable order."""
    state = {}
    for model in GUARDED:
        rows = await model.all().values()
        state[model._meta.db_table] = sorted(
            tuple(
                sorted(
                    (key, repr(value))
                    for key, value in row.items()
                    if key not in NOTED_ON_USE | RELAYED
                )
            )
            for row in rows
        )
    return state
