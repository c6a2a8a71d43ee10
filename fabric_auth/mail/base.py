"""The mail seam: a message, and the `Mailer` protocol every sender implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class EmailMessage:
    to: str
    subject: str
    text: str
    """Plain-text body."""
    html: str | None = None
    """Optional HTML alternative."""
    kind: str = ""
    """Which template made it (`password_reset`, `verify_email`, ...): for tests and logs."""


@runtime_checkable
class Mailer(Protocol):
    """Sends one message or raises `fabric_auth.exceptions.MailDeliveryFailed`."""

    async def send(self, message: EmailMessage) -> None: ...
