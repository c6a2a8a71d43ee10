"""Per-request context that outlives no request: the request id, readable from services and logs.

Set by the request-id middleware (`fabric_auth.middleware`); empty outside a request (CLI,
background work).
"""

from __future__ import annotations

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("fabric_auth_request_id", default="")


def current_request_id() -> str:
    """The id of the request being served, or `""` outside one."""
    return request_id_var.get()
