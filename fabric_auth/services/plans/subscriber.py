"""`Subscriber`: whom subscriptions and usage belong to (the core's `SubjectRef`)."""

from __future__ import annotations

from typing import Any

from fabric_auth.principal import SubjectRef

Subscriber = SubjectRef
"""Whom a subscription and usage belong to: a user or a service account."""


def subject_filter(subscriber: SubjectRef) -> dict[str, Any]:
    """Store filter selecting `subscriber`'s rows (subscriptions, overrides, counters, keys)."""
    return {"subject_kind": subscriber.kind, "subject_id": subscriber.uuid}
