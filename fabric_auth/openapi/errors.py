"""Every error response an operation can give, declared in OpenAPI with its codes.

An operation's errors come from three places, merged when the document is built:

- what the route declares: `responses=errors(AlreadyExists, BuiltinRole)` on its decorator, for
  what its services raise;
- what its dependencies can raise: `declare_errors(dependency, ...)` marks a dependency
  (`authorized(...)`, `quota(...)`, the rate limits), found anywhere in the route's
  dependency tree, the app's own routes included;
- what its shape implies: a credential (a security requirement) can be missing or bad (401),
  a parameter or body can be invalid (422), a path names something that may not exist (404), a
  body can be too large (413), and the store can be down (503).

Each error status is answered as `ErrorResponse` with the codes listed in `x-error-codes`, in
the description and as one example per code; `error_table` renders the same lists for
docs/endpoints.md, so the document and the docs cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any, TypeVar, cast
from weakref import WeakKeyDictionary

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel, Field

from fabric_auth.exceptions import (
    BadRequest,
    FabricAuthError,
    InvalidApiKey,
    InvalidCharacters,
    InvalidCursor,
    InvalidInput,
    InvalidToken,
    NotAuthenticated,
    NotFound,
    PayloadTooLarge,
    StoreBusy,
    StoreUnavailable,
)
from fabric_auth.settings import AuthSettings
from fabric_auth.text import TEXT_PATTERN

C = TypeVar("C")
V = TypeVar("V")

ERROR_SCHEMA = "ErrorResponse"
"""The name of the error body's schema in `components.schemas`."""
JSON_OBJECT_SCHEMA = "JsonObject"
"""A JSON object a client sends (`routers.schemas.JsonObject`). Its keys and strings, at any
depth, follow the text rule (`fabric_auth.text`); the schema states it for the keys and the
top-level strings, since client generators cannot follow a recursive schema."""
_SHARED_SCHEMAS: dict[str, Any] = {
    JSON_OBJECT_SCHEMA: {
        "type": "object",
        "propertyNames": {"pattern": TEXT_PATTERN},
        "additionalProperties": {
            "anyOf": [
                {"type": "string", "pattern": TEXT_PATTERN},
                {"type": "number"},
                {"type": "boolean"},
                {"type": "array", "items": {}},
                {"type": "object"},
                {"type": "null"},
            ]
        },
    },
}


class FieldError(BaseModel):
    """One invalid input: where it is and what is wrong with it (never the value sent)."""

    loc: list[str | int]
    """The path to the input: `["body", "email"]`, `["query", "limit"]`."""
    msg: str
    type: str
    """The kind of problem, e.g. `missing`, `string_too_long`, `invalid_characters`."""


class ErrorResponse(BaseModel):
    """The body of every error fabric-auth answers."""

    detail: str
    """For people: what went wrong, safe to show."""
    code: str
    """For programs: the stable error code (`fabric_auth.exceptions.ErrorCode`)."""
    errors: list[FieldError] | None = Field(default=None)
    """422 from request validation only: each invalid input."""


_STATUS_TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict",
    413: "Request body too large",
    422: "Invalid input",
    429: "Too many requests",
    502: "Bad gateway",
    503: "Unavailable",
    504: "Gateway timeout",
}
_RETRY_AFTER = {
    "description": "Seconds to wait before trying again.",
    "schema": {"type": "integer"},
}
_STATUS_HEADERS: dict[int, dict[str, Any]] = {
    401: {
        "WWW-Authenticate": {
            "description": "The challenge: `Bearer`, with `error=...` when re-authentication "
            "is needed (RFC 9470).",
            "schema": {"type": "string"},
        }
    },
    429: {"Retry-After": _RETRY_AFTER},
    503: {"Retry-After": _RETRY_AFTER},
}
_CREDENTIAL_ERRORS = (NotAuthenticated, InvalidToken, InvalidApiKey)
"""A route with a security requirement: no credential, or one that does not verify."""
_INPUT_ERRORS = (InvalidInput, InvalidCharacters)
_STORE_ERRORS = (StoreUnavailable, StoreBusy)
_CODES_KEY = "x-error-codes"
_CURSOR_PARAMETER = "cursor"
"""The query parameter of every list route (`routers.schemas.Cursor`): a stale or made-up one
is 422 `invalid_cursor`."""

OperationExtension = Callable[[dict[str, Any], AuthSettings], None]
"""Completes one operation of the document (in place), given the runtime's settings."""

_declared: WeakKeyDictionary[Any, tuple[type[FabricAuthError], ...]] = WeakKeyDictionary()
_extensions: WeakKeyDictionary[Any, OperationExtension] = WeakKeyDictionary()


def errors(*raised: type[FabricAuthError]) -> dict[int | str, dict[str, Any]]:
    """A route's `responses` for the errors it can raise beyond what its dependencies and shape
    imply: `@router.post(..., responses=errors(AlreadyExists))`."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status, codes in _by_status(raised).items():
        responses[status] = {"description": _STATUS_TITLES.get(status, "Error"), _CODES_KEY: codes}
    return responses


def declare_errors(dependency: C, *raised: type[FabricAuthError]) -> C:
    """Mark `dependency` (a function or callable object) as raising `raised`; every route using
    it, however deep in its dependencies, then declares them. Returns `dependency`."""
    _declared[dependency] = (*_declared.get(dependency, ()), *raised)
    return dependency


def extend_operations(dependency: C, extension: OperationExtension) -> C:
    """Have `extension` complete every operation using `dependency` (its headers, say), when
    the document is built. Returns `dependency`."""
    _extensions[dependency] = extension
    return dependency


def describe_errors(schema: dict[str, Any], app: FastAPI, settings: AuthSettings) -> None:
    """Declare every operation's error responses in `schema` (the app's document, in place),
    and the error body as `components.schemas.ErrorResponse`; apply the extensions of the
    operations' dependencies."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components[ERROR_SCHEMA] = ErrorResponse.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    for name, definition in components[ERROR_SCHEMA].pop("$defs", {}).items():
        components[name] = definition
    components.update(_SHARED_SCHEMAS)
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    paths = schema.get("paths", {})
    for route in routes_of(app):
        for method in route.methods or ():
            operation = paths.get(route.path_format, {}).get(method.lower())
            if operation is not None:
                _describe_operation(operation, route)
                for call in _calls(route.dependant):
                    extension = _weak_get(_extensions, call)
                    if extension is not None:
                        extension(operation, settings)


def routes_of(app: FastAPI) -> Iterator[APIRoute]:
    """The app's API routes as served, in order: those of included routers with their
    prefixes and the dependencies they were included with (`fastapi.routing.RouteContext`)."""
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute) and context.include_in_schema:
            yield cast(APIRoute, context)


def error_table(schema: dict[str, Any]) -> str:
    """A Markdown table of every operation's error statuses and codes, from a document
    `describe_errors` completed."""
    lines = ["| Route | Errors |", "| --- | --- |"]
    for path, operations in sorted(schema.get("paths", {}).items()):
        for method, operation in sorted(operations.items()):
            statuses = [
                f"{status} " + ", ".join(f"`{code}`" for code in response[_CODES_KEY])
                for status, response in sorted(operation.get("responses", {}).items())
                if response.get(_CODES_KEY)
            ]
            lines.append(f"| `{method.upper()} {path}` | " + "<br>".join(statuses) + " |")
    return "\n".join(lines) + "\n"


def _describe_operation(operation: dict[str, Any], route: APIRoute) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    declared = _by_status(_implied(route, operation))
    for status_text, response in responses.items():
        for code in response.get(_CODES_KEY, ()):
            declared.setdefault(int(status_text), [])
            if code not in declared[int(status_text)]:
                declared[int(status_text)].append(code)
    for status in sorted(declared):
        codes = sorted(declared[status])
        response = responses.setdefault(str(status), {})
        title = _STATUS_TITLES.get(status, "Error")
        response["description"] = f"{title}: " + ", ".join(f"`{code}`" for code in codes)
        response[_CODES_KEY] = codes
        response["content"] = {
            "application/json": {
                "schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"},
                "examples": {code: {"value": _example(code)} for code in codes},
            }
        }
        if status in _STATUS_HEADERS:
            response["headers"] = {**_STATUS_HEADERS[status], **response.get("headers", {})}
    operation["responses"] = dict(sorted(responses.items()))


def _implied(route: APIRoute, operation: dict[str, Any]) -> list[type[FabricAuthError]]:
    raised: list[type[FabricAuthError]] = list(_STORE_ERRORS)
    dependant = route.dependant
    if operation.get("security"):
        raised.extend(_CREDENTIAL_ERRORS)
    if _has_inputs(dependant):
        raised.extend(_INPUT_ERRORS)
    if dependant.path_params:
        raised.append(NotFound)
    if any(param.name == _CURSOR_PARAMETER for param in dependant.query_params):
        raised.append(InvalidCursor)
    if dependant.body_params:
        raised.extend((PayloadTooLarge, BadRequest))
    for call in _calls(dependant):
        declared = _weak_get(_declared, call)
        if declared:
            raised.extend(declared)
    return raised


def _weak_get(registry: WeakKeyDictionary[Any, V], key: Any) -> V | None:
    try:
        return registry.get(key)
    except TypeError:  # not weak-referenceable, so never registered
        return None


def _has_inputs(dependant: Dependant) -> bool:
    return any(
        d.path_params or d.query_params or d.header_params or d.cookie_params or d.body_params
        for d in _dependants(dependant)
    )


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for each in _dependants(dependant):
        if each.call is not None:
            yield each.call
            yield from type(each.call).__mro__


def _by_status(raised: Iterable[type[FabricAuthError]]) -> dict[int, list[str]]:
    by_status: dict[int, list[str]] = {}
    for error in raised:
        codes = by_status.setdefault(error.status_code, [])
        if error.code.value not in codes:
            codes.append(error.code.value)
    return by_status


def _example(code: str) -> dict[str, Any]:
    error = _errors_by_code().get(code)
    return {"detail": error.default_detail if error else code, "code": code}


@cache
def _errors_by_code() -> dict[str, type[FabricAuthError]]:
    """Code -> the most general error class answering it."""
    by_code: dict[str, type[FabricAuthError]] = {FabricAuthError.code.value: FabricAuthError}
    for error in _subclasses(FabricAuthError):
        by_code.setdefault(error.code.value, error)
    return by_code


def _subclasses(cls: type[FabricAuthError]) -> Iterator[type[FabricAuthError]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)
