"""`create_audit_router()`: read and export the audit log."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from fabric_auth.dependencies import authorized
from fabric_auth.http import FabricRoute
from fabric_auth.routers.schemas import DEFAULT_LIMIT, Cursor, Limit, Page, Text
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.audit import (
    AuditFilter,
)
from fabric_auth.services.authorization import Action
from fabric_auth.store.models import AuditEvent

ExportFormat = Literal["jsonl", "csv"]

CSV_COLUMNS = (
    "seq",
    "occurred_at",
    "action",
    "outcome",
    "actor_type",
    "actor_id",
    "target_type",
    "target_id",
    "ip_address",
    "user_agent",
    "request_id",
    "details",
    "hash",
)


require_audit_reader = authorized(Action.AUDIT_READ)
"""The caller holds `audit:read` (system administrators always do)."""


class SubjectRead(BaseModel):
    type: str
    id: str


class AuditEventRead(BaseModel):
    seq: int
    occurred_at: datetime
    action: str
    outcome: str
    actor: SubjectRead | None
    target: SubjectRead | None
    ip_address: str
    user_agent: str
    request_id: str
    details: dict[str, Any]
    hash: str

    @classmethod
    def of(cls, event: AuditEvent) -> AuditEventRead:
        return cls(
            seq=event.seq,
            occurred_at=event.occurred_at,
            action=event.action,
            outcome=event.outcome,
            actor=_subject(event.actor_type, event.actor_id),
            target=_subject(event.target_type, event.target_id),
            ip_address=event.ip_address,
            user_agent=event.user_agent,
            request_id=event.request_id,
            details=event.details,
            hash=event.hash,
        )


def _subject(type_: str | None, id_: str | None) -> SubjectRead | None:
    return SubjectRead(type=type_, id=id_ or "") if type_ else None


_Kind = Annotated[Text | None, Query(max_length=32)]
_Id = Annotated[Text | None, Query(max_length=64)]
"""As long as the audit log's columns (`store.models.AuditEvent`): a longer value matches
nothing, and is refused before the store sees it."""


def audit_filter(
    actor_type: _Kind = None,
    actor_id: _Id = None,
    target_type: _Kind = None,
    target_id: _Id = None,
    action: _Id = None,
    outcome: Literal["success", "failure"] | None = None,
    since: Annotated[datetime | None, Query(description="Inclusive, ISO 8601")] = None,
    until: Annotated[datetime | None, Query(description="Exclusive, ISO 8601")] = None,
) -> AuditFilter:
    return AuditFilter(actor_type, actor_id, target_type, target_id, action, outcome, since, until)


Filter = Annotated[AuditFilter, Depends(audit_filter)]


def create_audit_router(*, prefix: str = "/audit", name_prefix: str = "audit") -> APIRouter:
    """`GET {prefix}/events` (filtered, cursor-paginated, newest first) and
    `GET {prefix}/events/export` (JSON lines or CSV, oldest first)."""
    router = APIRouter(
        prefix=prefix,
        tags=["audit"],
        route_class=FabricRoute,
        dependencies=[Depends(require_audit_reader)],
    )

    @router.get("/events", name=f"{name_prefix}:list", response_model=Page[AuditEventRead])
    async def list_events(
        request: Request, where: Filter, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
    ) -> Page[AuditEventRead]:
        """Entries matching every filter given, newest first. Pass the same filters with each
        page's cursor."""
        page = await FabricAuth.of(request).services.audit.page(where, cursor=cursor, limit=limit)
        return Page[AuditEventRead].of(page, AuditEventRead.of)

    @router.get(
        "/events/export",
        name=f"{name_prefix}:export",
        response_class=StreamingResponse,
        responses={
            200: {
                "description": "The entries, oldest first: one JSON object a line, or CSV.",
                "content": {
                    "application/x-ndjson": {"schema": {"type": "string"}},
                    "text/csv": {"schema": {"type": "string"}},
                },
            }
        },
    )
    async def export_events(
        request: Request, where: Filter, format: ExportFormat = "jsonl"
    ) -> StreamingResponse:
        """Every matching entry, oldest first, streamed as JSON lines or CSV."""
        return export_response(FabricAuth.of(request).services.audit.stream(where), format)

    return router


def export_response(events: AsyncIterator[AuditEvent], format: ExportFormat) -> StreamingResponse:
    """`events` streamed as a download: one JSON object a line, or CSV (the admin dashboard's
    export answers with this too)."""
    if format == "csv":
        body, media_type = _csv(events), "text/csv; charset=utf-8"
    else:
        body, media_type = _json_lines(events), "application/x-ndjson"
    return StreamingResponse(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="audit.{format}"'},
    )


async def _json_lines(events: AsyncIterator[AuditEvent]) -> AsyncIterator[str]:
    async for event in events:
        yield AuditEventRead.of(event).model_dump_json() + "\n"


async def _csv(events: AsyncIterator[AuditEvent]) -> AsyncIterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    async for event in events:
        row = AuditEventRead.of(event).model_dump(mode="json")
        row["actor_type"], row["actor_id"] = event.actor_type, event.actor_id
        row["target_type"], row["target_id"] = event.target_type, event.target_id
        row["details"] = json.dumps(event.details, sort_keys=True)
        writer.writerow([_csv_safe(row[column]) for column in CSV_COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _csv_safe(value: Any) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas; user agents are attacker text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
