"""What every credential is, and how the request path finds the credential layer.

A credential is one way a request proves who sent it. Each lives in a module of its own
(`bearer`, `api_key`, `cookie`) behind the `Credential` protocol; the order in which they are
tried is written once, in `Credentials.caller` (`fabric_auth.credentials`).
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Protocol

from starlette.requests import HTTPConnection

from fabric_auth.context import RUNTIME_SCOPE_KEY, STATE_ATTRIBUTE
from fabric_auth.exceptions import ConfigurationError
from fabric_auth.principal import AuthMethod, Principal

if TYPE_CHECKING:
    from fabric_auth.credentials import Credentials

Caller = Principal | Awaitable[Principal] | None
"""A request's caller: known at once, behind one store look-up (an API key this instance has
not seen yet), or `None` when the request carries no credential."""


class Credential(Protocol):
    """One way in: reads its part of the request, answers the principal it proves (or raises
    the credential's error), with no I/O once warm."""

    method: AuthMethod
    """How a principal admitted by this credential authenticated."""


class _Runtime(Protocol):
    credentials: Credentials


def credentials_of(connection: HTTPConnection) -> Credentials:
    """The credential layer of the runtime serving this request (left in the ASGI scope by
    the runtime's middleware, or on `app.state`)."""
    runtime: _Runtime | None = connection.scope.get(RUNTIME_SCOPE_KEY)
    if runtime is None:
        runtime = getattr(connection.app.state, STATE_ATTRIBUTE, None)
        if runtime is None:
            raise ConfigurationError(
                "fabric-auth is not running in this app: call FabricAuth(...).install(app)"
            )
    return runtime.credentials
