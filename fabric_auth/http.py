"""How errors look on the wire, and the route class our routers answer them with."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response

from fabric_auth.context import ClientInfo
from fabric_auth.credentials import credentials_of
from fabric_auth.exceptions import (
    AuthenticationFailed,
    BadRequest,
    Conflict,
    ErrorCode,
    FabricAuthError,
    Forbidden,
    HashingBusy,
    IdempotentReplay,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    TooManyRequests,
)
from fabric_auth.middleware import note_raised
from fabric_auth.store.errors import domain_error, reported_outage

logger = logging.getLogger("fabric_auth")


def error_response(exc: FabricAuthError) -> JSONResponse:
    # An outage is logged once by the store's state; saturated hashing by the hashing pool.
    if exc.status_code >= 500 and not isinstance(exc, HashingBusy) and not reported_outage(exc):
        logger.error("fabric-auth error: %s", exc.detail)
    if exc.status_code == 500:  # its detail may say more than a client should read
        return JSONResponse(
            {"detail": "Internal error", "code": ErrorCode.INTERNAL_ERROR.value}, status_code=500
        )
    return JSONResponse(
        {"detail": exc.detail, "code": exc.code.value},
        status_code=exc.status_code,
        headers=exc.headers or None,
    )


REPLAY_HEADER = "Idempotent-Replayed"
"""Marks a response replayed for a retry with an idempotency key (the route did not run)."""


def replay_response(replay: IdempotentReplay) -> Response:
    """The stored response of the first request with the retry's idempotency key, marked
    `Idempotent-Replayed: true`."""
    response = Response(replay.body, status_code=replay.status)
    response.raw_headers.extend(
        (name.encode("latin-1"), value.encode("latin-1")) for name, value in replay.headers
    )
    response.raw_headers.append((REPLAY_HEADER.lower().encode("latin-1"), b"true"))
    return response


_OWN_CODES = {ErrorCode.INVALID_CHARACTERS, ErrorCode.INVALID_IDENTIFIER}


def validation_error_response(exc: RequestValidationError) -> JSONResponse:
    """422 in the one error shape (`openapi.ErrorResponse`): `detail` names the first invalid
    input, `errors` lists each one. The submitted values are left out: they may be passwords."""
    errors = [
        {key: value for key, value in error.items() if key in ("type", "loc", "msg")}
        for error in exc.errors()
    ]
    # Input refused for its characters alone has its own code (`routers.schemas.Text`,
    # `Email`, `Username`), when every error is that one refusal.
    types = {error["type"] for error in errors}
    code = ErrorCode(types.pop()) if len(types) == 1 and types <= _OWN_CODES else None
    return JSONResponse(
        {
            "detail": _summary(errors),
            "code": (code or ErrorCode.VALIDATION_ERROR).value,
            "errors": jsonable_encoder(errors),
        },
        status_code=422,
    )


def _summary(errors: list[dict[str, Any]]) -> str:
    if not errors:
        return "Invalid input"
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"Invalid input: {where}: {first.get('msg', 'invalid')}{more}"


_HTTP_ERRORS: dict[int, type[FabricAuthError]] = {
    400: BadRequest,
    401: AuthenticationFailed,
    403: Forbidden,
    404: NotFound,
    405: MethodNotAllowed,
    409: Conflict,
    413: PayloadTooLarge,
    429: TooManyRequests,
}


def http_error_response(request: Request, exc: StarletteHTTPException) -> Response:
    """A framework `HTTPException` (a body that does not parse, an unknown path, a method the
    path lacks) in the one error shape, coded by its status. A 405 lists in `Allow` every
    method the path has, across all routes serving it."""
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    error = _HTTP_ERRORS.get(exc.status_code)
    if error is None:
        if exc.status_code >= 500:
            return error_response(FabricAuthError())
        return JSONResponse(
            {"detail": exc.detail, "code": ErrorCode.BAD_REQUEST.value},
            status_code=exc.status_code,
            headers=headers or None,
        )
    return JSONResponse(
        {"detail": error.default_detail, "code": error.code.value},
        status_code=exc.status_code,
        headers=headers or None,
    )


def _allowed_methods(request: Request) -> list[str]:
    """The methods of every route with the path template the request matched (`/users/me`
    is not `/users/{user_id}`, though the second's pattern matches it too)."""
    matched = request.scope.get("route")
    routes = list(iter_route_contexts(request.app.routes))
    templates = {route.path_format for route in routes if route.original_route is matched}
    methods: set[str] = set()
    for route in routes:
        if route.path_format in templates and route.methods:
            methods |= set(route.methods)
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


class FabricRoute(APIRoute):
    """Answers fabric-auth errors and invalid input as `{"detail", "code"}` on its own,
    so our routers behave the same in an app that registered no handler; a store failure no
    service mapped is mapped here (`store.errors`), the last place before the client."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except IdempotentReplay as replay:
                return replay_response(replay)
            except Exception as exc:
                note_raised(request.scope)
                if isinstance(exc, FabricAuthError):
                    return error_response(exc)
                if isinstance(exc, RequestValidationError):
                    return validation_error_response(exc)
                if isinstance(exc, StarletteHTTPException):
                    return http_error_response(request, exc)
                mapped = domain_error(exc)
                if mapped is None:
                    raise
                return error_response(mapped)

        return handle


def client_ip(request: Request) -> str:
    """The client's address: the peer, or what `X-Forwarded-For` says when the peer is one of
    the runtime's trusted proxies (`AuthSettings.trusted_proxies`, see `fabric_auth.proxies`)."""
    return credentials_of(request).client_ip(request)


def client_info(request: Request) -> ClientInfo:
    """Who sent the request, as sessions and the audit log record it."""
    return ClientInfo(
        user_agent=request.headers.get("user-agent", ""), ip_address=client_ip(request)
    )
