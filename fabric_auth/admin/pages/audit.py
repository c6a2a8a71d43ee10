"""Audit: the log filtered by actor, action, target, outcome and time, newest first in keyset
pages (`services.audit`'s cursor); an entry's every field; the current filter exported as the
API's JSON lines or CSV; the hash chain's verification."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query
from starlette.responses import Response

from fabric_auth.admin.access import Allowed, NavEntry, Page
from fabric_auth.exceptions import InvalidInput, NotFound
from fabric_auth.routers.audit import ExportFormat, export_response
from fabric_auth.services.audit import AuditFilter
from fabric_auth.services.authorization import Action
from fabric_auth.text import checked_text

NAV = NavEntry("Audit", "/audit", Action.AUDIT_READ)
Reading = Annotated[Page, Depends(Allowed(Action.AUDIT_READ))]

PAGE_SIZE = 50
_Kind = Annotated[str, Query(max_length=32)]
_Id = Annotated[str, Query(max_length=64)]
_Moment = Annotated[str, Query(max_length=40, description="ISO 8601; UTC when no offset")]


@dataclass(frozen=True, slots=True)
class FilterForm:
    """The filter as typed in the form (empty: any), and the `AuditFilter` it means."""

    values: dict[str, str]
    where: AuditFilter

    def query(self, **extra: str) -> str:
        """The filter as a query string, with `extra` parameters (a cursor, a format)."""
        kept = {name: value for name, value in self.values.items() if value}
        return urlencode({**kept, **extra})


def _moment(name: str, text: str) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{name}: not a date and time (YYYY-MM-DDTHH:MM)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def filter_form(
    actor_type: _Kind = "",
    actor_id: _Id = "",
    action: _Id = "",
    target_type: _Kind = "",
    target_id: _Id = "",
    outcome: Literal["", "success", "failure"] = "",
    since: _Moment = "",
    until: _Moment = "",
) -> FilterForm:
    values = {
        "actor_type": actor_type.strip(),
        "actor_id": actor_id.strip(),
        "action": action.strip(),
        "target_type": target_type.strip(),
        "target_id": target_id.strip(),
        "outcome": outcome,
        "since": since.strip(),
        "until": until.strip(),
    }
    for value in values.values():
        checked_text(value)
    where = AuditFilter(
        actor_type=values["actor_type"] or None,
        actor_id=values["actor_id"] or None,
        target_type=values["target_type"] or None,
        target_id=values["target_id"] or None,
        action=values["action"] or None,
        outcome=values["outcome"] or None,
        since=_moment("since", values["since"]),
        until=_moment("until", values["until"]),
    )
    return FilterForm(values, where)


Filter = Annotated[FilterForm, Depends(filter_form)]
Cursor = Annotated[str | None, Query(max_length=2048)]
Seq = Annotated[int, Path(ge=1, le=2**63 - 1)]


def pretty_json(value: object) -> str:
    """Details as indented JSON, for a `<pre>` (the template escapes it)."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


def add_routes(router: APIRouter) -> None:
    @router.get("/audit", name="admin:audit_list")
    async def audit_list(page: Reading, form: Filter, cursor: Cursor = None) -> Response:
        """Entries matching the filter, newest first, one keyset page at a time."""
        found = await page.runtime.services.audit.page(
            form.where, cursor=cursor or None, limit=PAGE_SIZE
        )
        return page.render(
            "audit_list.html",
            form=form,
            entries=found.items,
            next_url=(
                page.url(f"/audit?{form.query(cursor=found.next_cursor)}")
                if found.next_cursor
                else None
            ),
            first_url=page.url(f"/audit?{form.query()}") if cursor else None,
            export_jsonl=page.url(f"/audit/export?{form.query(format='jsonl')}"),
            export_csv=page.url(f"/audit/export?{form.query(format='csv')}"),
        )

    @router.get("/audit/export", name="admin:audit_export")
    async def audit_export(page: Reading, form: Filter, format: ExportFormat = "jsonl") -> Response:
        """The filter's entries, oldest first, as the API's export gives them."""
        return export_response(page.runtime.services.audit.stream(form.where), format)

    @router.get("/audit/chain", name="admin:audit_chain")
    async def audit_chain(page: Reading) -> Response:
        """Walk the hash chain now and show whether it holds, or where it breaks."""
        report = await page.runtime.services.audit.verify()
        return page.render("audit_chain.html", report=report)

    @router.get("/audit/{seq}", name="admin:audit_entry")
    async def audit_entry(page: Reading, seq: Seq) -> Response:
        """Every field of one entry, its details as indented JSON."""
        entry = await page.runtime.services.audit.entry(seq)
        if entry is None:
            raise NotFound("No audit entry has this number (purged, or never written)")
        return page.render("audit_entry.html", entry=entry, details=pretty_json(entry.details))
