"""fabric_auth.pagination: cursors round-trip, and anything a list did not hand out is refused."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest

from fabric_auth.exceptions import InvalidCursor, InvalidInput
from fabric_auth.pagination import (
    MAX_PAGE_SIZE,
    MomentKey,
    Page,
    SeqKey,
    TextKey,
    checked_limit,
    every_item,
    page_of,
    page_of_sorted,
)


def raw(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def test_keys_round_trip() -> None:
    """Each kind of key decodes to the value it encoded, to the microsecond for moments."""
    names = TextKey("roles", 64)
    assert names.decode(names.encode("ops-\u00e9quipe")) == "ops-\u00e9quipe"
    seqs = SeqKey("audit")
    assert seqs.decode(seqs.encode(2**63 - 1)) == 2**63 - 1
    moments = MomentKey("sessions")
    at, id_ = datetime(2026, 12, 1, 23, 59, 59, 999_999, tzinfo=UTC), uuid4()
    moment = moments.decode(moments.encode(at, id_))
    assert (moment.created_at, moment.id) == (at, id_)


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "!!!",
        "A" * 3000,
        raw(["roles"]),
        raw(["roles", "a", "b"]),
        raw(["users", "admin"]),
        raw(["roles", 5]),
        raw(["roles", ""]),
        raw(["roles", "x" * 65]),
        raw(["roles", "a\u0000"]),
        raw({"roles": "a"}),
        raw("roles"),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
def test_text_cursors_refused(cursor: str) -> None:
    """Malformed, foreign, empty, too long or control-character text cursors are refused."""
    with pytest.raises(InvalidCursor):
        TextKey("roles", 64).decode(cursor)


@pytest.mark.parametrize(
    "values", [["audit", 0], ["audit", -1], ["audit", 2**63], ["audit", True], ["audit", 1.0]]
)
def test_seq_cursors_refused_out_of_range_or_not_integers(values: list[object]) -> None:
    """A seq outside 1..2**63-1, or not a JSON integer, is refused before any query."""
    with pytest.raises(InvalidCursor):
        SeqKey("audit").decode(raw(values))


@pytest.mark.parametrize(
    "values",
    [
        ["sessions", -1, str(UUID(int=0))],
        ["sessions", 10**20, str(UUID(int=0))],
        ["sessions", 5, "not-a-uuid"],
        ["sessions", 5, "z" * 36],
        ["sessions", "5", str(UUID(int=0))],
    ],
)
def test_moment_cursors_refused(values: list[object]) -> None:
    """Times outside what a datetime holds, ids that are not UUIDs, wrong types: refused."""
    with pytest.raises(InvalidCursor):
        MomentKey("sessions").decode(raw(values))


def test_invalid_cursor_is_a_422_input_error() -> None:
    """InvalidCursor is an InvalidInput answered 422 with its own code."""
    assert issubclass(InvalidCursor, InvalidInput)
    assert (InvalidCursor.status_code, InvalidCursor.code.value) == (422, "invalid_cursor")


@pytest.mark.parametrize("limit", [0, -1, MAX_PAGE_SIZE + 1])
def test_limits_outside_1_to_200_are_refused(limit: int) -> None:
    """Services refuse a limit the routes would not pass either."""
    with pytest.raises(InvalidInput):
        checked_limit(limit)


def test_page_of_uses_the_extra_row_only_as_a_signal() -> None:
    """limit + 1 rows: the page keeps `limit` and points after the last kept one."""
    assert page_of([1, 2, 3], 3, str) == Page([1, 2, 3], None)
    assert page_of([1, 2, 3, 4], 3, str) == Page([1, 2, 3], "3")


async def test_in_memory_pages_walk_every_item_once() -> None:
    """page_of_sorted pages a sorted list; every_item walks it to the end."""
    keys = TextKey("permissions", 200)
    codes = [f"code{n:03}" for n in range(450)]

    async def read(cursor: str | None, limit: int) -> Page[str]:
        return page_of_sorted(codes, lambda code: code, keys, cursor, limit)

    first = await read(None, 2)
    assert first.items == ["code000", "code001"]
    assert (await read(first.next_cursor, 2)).items == ["code002", "code003"]
    assert [code async for code in every_item(read)] == codes
