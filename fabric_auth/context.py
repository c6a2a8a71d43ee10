"""Per-request context that outlives no request: the request id, readable from services and logs.

Set by the request-id middleware (`fabric_auth.middleware`); empty outside a request (CLI,
background work).
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

request_id_var: ContextVar[str] = ContextVar("fabric_auth_request_id", default="")

RUNTIME_SCOPE_KEY = "fabric_auth"
"""Where the runtime's middleware leaves the runtime in each request's ASGI scope."""
STATE_ATTRIBUTE = "fabric_auth"
"""The attribute of `app.state` holding the runtime while it runs."""


def current_request_id() -> str:
    """The id of the request being served, or `""` outside one."""
    return request_id_var.get()


@dataclass(frozen=True, slots=True)
class ClientInfo:
    """Where a request came from; empty for the CLI and background work."""

    ip_address: str = ""
    user_agent: str = ""
    request_id: str = ""
    """Empty: taken from the request being served (`current_request_id`)."""


NO_CLIENT = ClientInfo()
