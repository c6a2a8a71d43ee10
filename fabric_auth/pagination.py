"""Keyset pagination: the page every list returns, and the opaque cursors that continue it.

A list is read in a fixed order on a unique indexed key (a name, a code, an email, or
`(created_at, id)`), and the next page starts strictly after the last row of this one. So a page
costs one index range scan of `limit + 1` rows however deep it is (no `OFFSET` to skip, no
`COUNT(*)`), and rows inserted or deleted while a client walks the pages never make it see
another row twice or miss one. Only a row whose own key changes meanwhile (a user changing
email) may show up twice or not at all.

A cursor is the last row's key, as URL-safe base64 of a JSON array `[kind, *values]`. It is
opaque to clients but not secret: it holds only what the row it points after already showed.
Every cursor is checked before a query sees it: its kind (a cursor of another list is refused),
the number and type of its values, text length and characters, numbers within the column's
range. Anything else is `InvalidCursor` (422 `invalid_cursor`).
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Generic, TypeVar
from uuid import UUID

from fabric_auth.exceptions import InvalidCursor, InvalidInput
from fabric_auth.text import has_refused_characters

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_CURSOR_LENGTH = 2048
"""Characters a cursor may have: room for the longest key (a 320-character email, each
character up to 4 bytes of UTF-8, escaped as JSON, in base64)."""

_MAX_INT = 2**63 - 1
"""The largest value a signed 64-bit column (an audit `seq`) holds."""
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_MICROSECONDS = 253_402_300_799_999_999
"""9999-12-31T23:59:59.999999Z, the last moment a `datetime` holds, in µs since the epoch."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """Up to `limit` items, and the cursor of the page after them (`None` on the last page)."""

    items: list[T]
    next_cursor: str | None


def checked_limit(limit: int) -> int:
    """`limit` itself when it is 1..`MAX_PAGE_SIZE`, else `InvalidInput`."""
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise InvalidInput(f"limit must be between 1 and {MAX_PAGE_SIZE}")
    return limit


def _encode(kind: str, values: list[str | int]) -> str:
    text = json.dumps([kind, *values], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str, kind: str, types: tuple[type, ...]) -> list[str | int]:
    """The values of a cursor of `kind`, one per type in `types`; `InvalidCursor` otherwise."""
    if not 1 <= len(cursor) <= MAX_CURSOR_LENGTH:
        raise InvalidCursor()
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        decoded = json.loads(raw.decode())
    except (ValueError, binascii.Error):  # UnicodeDecodeError and JSONDecodeError included
        raise InvalidCursor() from None
    if not isinstance(decoded, list) or len(decoded) != len(types) + 1 or decoded[0] != kind:
        raise InvalidCursor()
    values = decoded[1:]
    # `bool` is an `int` to isinstance, and JSON's `true` is not a key.
    if any(type(value) is not wanted for value, wanted in zip(values, types, strict=True)):
        raise InvalidCursor()
    return values


class TextKey:
    """Cursors of a list ordered by a unique text column of at most `max_length` characters."""

    def __init__(self, kind: str, max_length: int) -> None:
        self.kind = kind
        self.max_length = max_length

    def encode(self, value: str) -> str:
        return _encode(self.kind, [value])

    def decode(self, cursor: str) -> str:
        (value,) = _decode(cursor, self.kind, (str,))
        assert isinstance(value, str)
        if not 1 <= len(value) <= self.max_length or has_refused_characters(value):
            raise InvalidCursor()
        return value


class SeqKey:
    """Cursors of a list ordered by a positive 64-bit integer column."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def encode(self, value: int) -> str:
        return _encode(self.kind, [value])

    def decode(self, cursor: str) -> int:
        (value,) = _decode(cursor, self.kind, (int,))
        assert isinstance(value, int)
        if not 1 <= value <= _MAX_INT:
            raise InvalidCursor()
        return value


@dataclass(frozen=True, slots=True)
class Moment:
    """A row's place in a list ordered by `(created_at, id)`."""

    created_at: datetime
    id: UUID


class MomentKey:
    """Cursors of a list ordered by `(created_at, id)`: the time to the microsecond (as stored
    on every backend) and the id that breaks ties."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def encode(self, created_at: datetime, id_: UUID) -> str:
        microseconds = (created_at - _EPOCH) // timedelta(microseconds=1)
        return _encode(self.kind, [microseconds, str(id_)])

    def decode(self, cursor: str) -> Moment:
        microseconds, text = _decode(cursor, self.kind, (int, str))
        assert isinstance(microseconds, int)
        assert isinstance(text, str)
        if not 0 <= microseconds <= _MAX_MICROSECONDS or len(text) != 36:
            raise InvalidCursor()
        try:
            id_ = UUID(text)
        except ValueError:
            raise InvalidCursor() from None
        return Moment(_EPOCH + timedelta(microseconds=microseconds), id_)


def page_of(rows: Sequence[T], limit: int, cursor_of: Callable[[T], str]) -> Page[T]:
    """The page of a query that read `limit + 1` rows: the extra row, when there is one, only
    says that another page follows, after the last row kept."""
    if len(rows) <= limit:
        return Page(list(rows), None)
    items = list(rows[:limit])
    return Page(items, cursor_of(items[-1]))


def page_of_sorted(
    items: Sequence[T], key_of: Callable[[T], str], keys: TextKey, cursor: str | None, limit: int
) -> Page[T]:
    """A page of a list held in memory, sorted by `key_of` (unique), after `cursor`."""
    start = 0
    if cursor is not None:
        start = bisect.bisect_right([key_of(item) for item in items], keys.decode(cursor))
    return page_of(items[start : start + limit + 1], limit, lambda item: keys.encode(key_of(item)))


async def every_item(
    read: Callable[[str | None, int], Awaitable[Page[T]]],
) -> AsyncIterator[T]:
    """Every item of a list, page after page (`read(cursor, limit)` reads one), for callers
    that want them all, such as the command line."""
    cursor: str | None = None
    while True:
        page = await read(cursor, MAX_PAGE_SIZE)
        for item in page.items:
            yield item
        if page.next_cursor is None:
            return
        cursor = page.next_cursor
