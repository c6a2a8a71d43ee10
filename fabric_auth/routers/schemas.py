"""Request and response bodies of the routers."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar
from uuid import UUID

from fastapi import Query
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from fabric_auth import pagination
from fabric_auth.exceptions import ErrorCode, InvalidCharacters, InvalidIdentifier
from fabric_auth.identifiers import check_email, check_username
from fabric_auth.openapi import JSON_OBJECT_SCHEMA
from fabric_auth.store.models import Session, User
from fabric_auth.text import REFUSED_RANGES, TEXT_PATTERN, checked_json, has_refused_characters


def _refuse_control_characters(value: str) -> str:
    if has_refused_characters(value):
        raise PydanticCustomError(
            ErrorCode.INVALID_CHARACTERS.value, InvalidCharacters.default_detail
        )
    return value


def _refuse_confusable(check: Callable[[str], str]) -> Callable[[str], str]:
    def refuse(value: str) -> str:
        try:
            return check(value)
        except InvalidIdentifier as exc:
            raise PydanticCustomError(ErrorCode.INVALID_IDENTIFIER.value, exc.detail) from None

    return refuse


MAX_JSON_OBJECT_SIZE = 16_384
"""Bytes a `JsonObject` may take, serialized as compact UTF-8 JSON."""
MAX_JSON_OBJECT_DEPTH = 8
"""Levels of nesting a `JsonObject` may have; the object itself is level 1."""


def _deeper_than(value: Any, depth: int) -> bool:
    """Whether `value` nests objects and arrays more than `depth` levels deep; stops looking
    one level past `depth`, so a deeply nested value costs no more than a shallow one."""
    if isinstance(value, dict):
        items: Any = value.values()
    elif isinstance(value, list):
        items = value
    else:
        return False
    return depth < 1 or any(_deeper_than(item, depth - 1) for item in items)


def _checked_json_object(value: dict[str, Any]) -> dict[str, Any]:
    if _deeper_than(value, MAX_JSON_OBJECT_DEPTH):
        raise PydanticCustomError(
            "json_too_deep",
            "JSON nested more than {depth} levels deep",
            {"depth": MAX_JSON_OBJECT_DEPTH},
        )
    size = len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())
    if size > MAX_JSON_OBJECT_SIZE:
        raise PydanticCustomError(
            "json_too_large",
            "JSON larger than {size} bytes serialized",
            {"size": MAX_JSON_OBJECT_SIZE},
        )
    try:
        checked_json(value)
    except InvalidCharacters:
        raise PydanticCustomError(
            ErrorCode.INVALID_CHARACTERS.value, InvalidCharacters.default_detail
        ) from None
    return value


Text = Annotated[
    str,
    AfterValidator(_refuse_control_characters),
    Field(json_schema_extra={"pattern": TEXT_PATTERN}),
]
"""Every text field, query and path parameter a client sends, passwords excepted: no NUL, no
other control character but tab and line breaks (`fabric_auth.text`); refused as 422
`invalid_characters`."""

_EMAIL_PART = rf"[^@{REFUSED_RANGES}]+"
EMAIL_PATTERN = rf"^{_EMAIL_PART}@{_EMAIL_PART}\.{_EMAIL_PART}$"
"""What OpenAPI says of an e-mail address: the server's rule (`services.users`) is stricter
(no white space inside, one `@`), and the identifier rule below no pattern can state."""

Email = Annotated[
    Text,
    AfterValidator(_refuse_confusable(check_email)),
    Field(max_length=320, json_schema_extra={"pattern": EMAIL_PATTERN}),
]
"""An e-mail address a client gives for an account: `Text`, and no invisible character nor
mixed scripts in its local part or any label of its domain (`fabric_auth.identifiers`);
refused as 422 `invalid_identifier`. Whether it is an address is the service's to say."""

Username = Annotated[Text, AfterValidator(_refuse_confusable(check_username))]
"""A username a client gives for an account: `Text`, and the `Email` rule for the whole name
(422 `invalid_identifier`)."""

JsonObject = Annotated[
    dict[str, Any],
    AfterValidator(_checked_json_object),
    WithJsonSchema({"$ref": f"#/components/schemas/{JSON_OBJECT_SCHEMA}"}),
]
"""A JSON object a client sends (a profile): at most `MAX_JSON_OBJECT_SIZE` bytes serialized
and `MAX_JSON_OBJECT_DEPTH` levels deep (422 `validation_error`), and the `Text` rule for its
keys and strings, at any depth (422 `invalid_characters`)."""


_VISIBLE = r"[^\x00-\x20\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
"""A character that is neither refused nor white space (Python's `str.isspace`)."""
_ALLOWED = rf"[^{REFUSED_RANGES}]"

Name = Annotated[
    Text,
    Field(
        min_length=1,
        max_length=200,
        json_schema_extra={"pattern": f"^{_ALLOWED}*{_VISIBLE}{_ALLOWED}*$"},
    ),
]
"""A name of something (a key, a service account): 1-200 characters, not all white space
(the services strip it)."""


ItemT = TypeVar("ItemT")
RowT = TypeVar("RowT")


class Page(BaseModel, Generic[ItemT]):
    """One page of a list: what every list route answers (docs/endpoints.md, Pagination)."""

    items: list[ItemT]
    next_cursor: str | None
    """Pass as `cursor` for the next page; `null` on the last page."""

    @classmethod
    def of(cls, page: pagination.Page[RowT], read: Callable[[RowT], ItemT]) -> Page[ItemT]:
        """A service's page, each item read for the response with `read`."""
        return cls(items=[read(row) for row in page.items], next_cursor=page.next_cursor)


Limit = Annotated[
    int,
    Query(
        ge=1,
        le=pagination.MAX_PAGE_SIZE,
        description=f"Items per page, 1-{pagination.MAX_PAGE_SIZE}",
    ),
]
"""The `limit` of every list route; default `pagination.DEFAULT_PAGE_SIZE`, outside 1..200
422 `validation_error`."""

Cursor = Annotated[
    str | None,
    Query(description="The `next_cursor` of the previous page; omit for the first page"),
]
"""The `cursor` of every list route. Checked by the service that reads the page (any cursor it
did not hand out is 422 `invalid_cursor`), length included, so it has no bounds here that
would answer some bad cursors with another code."""

DEFAULT_LIMIT = pagination.DEFAULT_PAGE_SIZE


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    """Seconds until the access token expires."""
    refresh_token: str | None = None
    """Absent in cookie transport: the refresh token then lives only in its HttpOnly cookie."""
    csrf_token: str | None = None
    """Cookie transport only: send it back in the CSRF header on unsafe requests."""


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    email: str
    username: str | None
    display_name: str
    is_active: bool
    is_verified: bool
    is_system_admin: bool
    profile: dict[str, Any]
    created_at: datetime
    last_login_at: datetime | None

    @classmethod
    def of(cls, user: User) -> UserRead:
        return cls.model_validate(user)


class SessionRead(BaseModel):
    id: UUID
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    user_agent: str
    ip_address: str
    current: bool

    @classmethod
    def of(cls, session: Session, current_id: UUID | None) -> SessionRead:
        return cls(
            id=session.id,
            created_at=session.created_at,
            last_used_at=session.last_used_at,
            expires_at=session.expires_at,
            user_agent=session.user_agent,
            ip_address=session.ip_address,
            current=session.id == current_id,
        )


class RegisterRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Email
    password: str = Field(max_length=4096)
    username: Username | None = Field(default=None, max_length=150)
    display_name: Text = Field(default="", max_length=200)


class LogoutRequest(BaseModel):
    refresh_token: Text | None = Field(default=None, max_length=512)


class EmailRequest(BaseModel):
    """forgot-password and request-verify."""

    model_config = ConfigDict(extra="forbid")

    email: Email


class AcceptedResponse(BaseModel):
    detail: str


class TokenPasswordRequest(BaseModel):
    """reset-password and activate: the mailed token and the new password."""

    model_config = ConfigDict(extra="forbid")

    token: Text = Field(max_length=128)
    password: str = Field(max_length=4096)


class VerifyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: Text = Field(max_length=128)


class ChangePasswordRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(max_length=4096)
    new_password: str = Field(max_length=4096)


class ChangeEmailRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(max_length=4096)
    new_email: Email


class InviteRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Email
    username: Username | None = Field(default=None, max_length=150)
    display_name: Text = Field(default="", max_length=200)


class UnlockResponse(BaseModel):
    was_locked: bool
    """Whether a lock was in force (failure counts are forgotten either way)."""
