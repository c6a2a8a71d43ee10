"""Keyset pages of Tortoise queries (`fabric_auth.pagination` explains the scheme): each reads
`limit + 1` rows after the cursor's row, in the order of an index."""

from __future__ import annotations

from typing import TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from fabric_auth.pagination import Moment

M = TypeVar("M", bound=Model)


def newest_first(query: QuerySet[M], after: Moment | None, limit: int) -> QuerySet[M]:
    """Rows by `(created_at, id)`, newest first, older than `after`: with an index on
    `(owner, created_at)` a page is one range scan whatever its depth."""
    if after is not None:
        query = query.filter(
            Q(created_at__lt=after.created_at) | Q(created_at=after.created_at, id__lt=after.id)
        )
    return query.order_by("-created_at", "-id").limit(limit + 1)


def by_unique(query: QuerySet[M], field: str, after: str | None, limit: int) -> QuerySet[M]:
    """Rows in the order of a unique (so indexed) text column, after the value `after`."""
    if after is not None:
        query = query.filter(**{f"{field}__gt": after})
    return query.order_by(field).limit(limit + 1)
