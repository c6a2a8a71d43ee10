"""What every credential is, and how the request path finds the credential layer.

A credential is one way a request proves who sent it. Each lives in a module of its own
(`bearer`, `api_key`, `cookie`) behind the `Credential` protocol; the order in which they are
tried is written once, in `Credentials.caller` (`fabric_auth.credentials`).
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Protocol

from fabric_auth.principal import AuthMethod, Principal

Caller = Principal | Awaitable[Principal | None] | None
"""A request's caller: known at once, behind one store look-up (an API key this instance has
not seen yet), or `None` when the request carries no credential."""


class Credential(Protocol):
    """One way in: reads its part of the request, answers the principal it proves (or raises
    the credential's error), with no I/O once warm."""

    method: AuthMethod
    """How a principal admitted by this credential authenticated."""
