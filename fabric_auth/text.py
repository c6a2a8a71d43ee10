"""Which characters text input may hold.

Every text a client sends is refused (`InvalidCharacters`, 422 `invalid_characters`) when it holds
a C0 control character other than tab, line feed and carriage return, or DEL: U+0000-U+0008,
U+000B, U+000C, U+000E-U+001F and U+007F. NUL is why: PostgreSQL stores no NUL in `text` or
`jsonb` and fails the whole statement, and the other controls have no business in a name, an
e-mail address or a description either (they hide text in logs and terminals). Tab and line
breaks stay allowed, so free text such as a description may have several lines. Passwords are
the exception: they are hashed, never stored or logged as text, and any character is the user's
to choose.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from fabric_auth.exceptions import InvalidCharacters

REFUSED_RANGES = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
"""The refused characters as the inside of a regular-expression class: the one statement of the
rule, for the check below and for the patterns OpenAPI shows (Python and ECMA-262 read it
alike)."""
_REFUSED = re.compile(f"[{REFUSED_RANGES}]")

TEXT_PATTERN = rf"^[^{REFUSED_RANGES}]*$"
"""The same rule as a JSON Schema `pattern` (ECMA-262), for OpenAPI."""


def has_refused_characters(value: str) -> bool:
    """Whether `value` holds a character text input may not (see the module's docstring)."""
    return _REFUSED.search(value) is not None


def checked_text(value: str) -> str:
    """`value` itself, or `InvalidCharacters` when it holds a refused character."""
    if has_refused_characters(value):
        raise InvalidCharacters()
    return value


def checked_json(value: Any) -> Any:
    """A JSON value itself, or `InvalidCharacters` when one of its strings or object keys, at
    any depth, holds a refused character."""
    if isinstance(value, str):
        checked_text(value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            checked_text(str(key))
            checked_json(item)
    elif isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        for item in value:
            checked_json(item)
    return value
