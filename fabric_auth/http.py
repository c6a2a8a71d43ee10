"""How errors look on the wire, and the route class our routers answer them with."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

from fabric_auth.context import ClientInfo
from fabric_auth.credentials import credentials_of
from fabric_auth.exceptions import ErrorCode, FabricAuthError
from fabric_auth.store.errors import domain_error

logger = logging.getLogger("fabric_auth")


def error_response(exc: FabricAuthError) -> JSONResponse:
    if exc.status_code >= 500:
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


_OWN_CODES = {ErrorCode.INVALID_CHARACTERS, ErrorCode.INVALID_IDENTIFIER}


def validation_error_response(exc: RequestValidationError) -> JSONResponse:
    # The submitted values are left out: they may be passwords.
    errors = [
        {key: value for key, value in error.items() if key in ("type", "loc", "msg")}
        for error in exc.errors()
    ]
    # Input refused for its characters alone has its own code (`routers.schemas.Text`,
    # `Email`, `Username`), when every error is that one refusal.
    types = {error["type"] for error in errors}
    code = ErrorCode(types.pop()) if len(types) == 1 and types <= _OWN_CODES else None
    return JSONResponse(
        {"detail": jsonable_encoder(errors), "code": (code or ErrorCode.VALIDATION_ERROR).value},
        status_code=422,
    )


class FabricRoute(APIRoute):
    """Answers fabric-auth errors and invalid input as `{"detail", "code"}` on its own,
    so our routers behave the same in an app that registered no handler; a store failure no
    service mapped is mapped here (`store.errors`), the last place before the client."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except FabricAuthError as exc:
                return error_response(exc)
            except RequestValidationError as exc:
                return validation_error_response(exc)
            except Exception as exc:
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
