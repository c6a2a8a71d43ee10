"""`SmtpMailer`: the standard library's `smtplib`, run in a worker thread.

A blocking client off the event loop is enough for the handful of messages an auth service
sends, and keeps fabric-auth free of another dependency.
"""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage as MimeMessage
from email.utils import formatdate, make_msgid
from enum import StrEnum
from urllib.parse import unquote, urlsplit

from fabric_auth.exceptions import ConfigurationError, MailDeliveryFailed
from fabric_auth.mail.base import EmailMessage


class SmtpSecurity(StrEnum):
    STARTTLS = "smtp"
    """Plain connection upgraded with STARTTLS; refused if the server does not offer it."""
    TLS = "smtps"
    """TLS from the first byte (port 465)."""
    NONE = "smtp+plain"
    """No encryption: only for a relay on localhost or a private network."""


_DEFAULT_PORTS = {SmtpSecurity.STARTTLS: 587, SmtpSecurity.TLS: 465, SmtpSecurity.NONE: 25}


@dataclass(frozen=True, slots=True)
class SmtpServer:
    host: str
    port: int
    security: SmtpSecurity
    username: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        """`smtp://user:pass@host:587`, `smtps://host`, `smtp+plain://localhost:1025`."""
        parts = urlsplit(url)
        try:
            security = SmtpSecurity(parts.scheme)
            port = parts.port
        except ValueError:
            raise ConfigurationError(
                "FABRIC_AUTH_MAIL_URL: expected smtp://, smtps:// or smtp+plain:// "
                "with a valid port"
            ) from None
        if not parts.hostname:
            raise ConfigurationError("FABRIC_AUTH_MAIL_URL: the SMTP host is missing")
        return cls(
            host=parts.hostname,
            port=port or _DEFAULT_PORTS[security],
            security=security,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


class SmtpMailer:
    def __init__(self, server: SmtpServer, *, sender: str, timeout: float = 10.0) -> None:
        self._server = server
        self._sender = sender
        self._timeout = timeout
        self._tls = ssl.create_default_context()

    async def send(self, message: EmailMessage) -> None:
        await asyncio.to_thread(self._send, self._mime(message))

    def _mime(self, message: EmailMessage) -> MimeMessage:
        mime = MimeMessage()
        mime["From"] = self._sender
        mime["To"] = message.to
        mime["Subject"] = message.subject
        mime["Date"] = formatdate(localtime=False)
        mime["Message-ID"] = make_msgid()
        mime.set_content(message.text)
        if message.html is not None:
            mime.add_alternative(message.html, subtype="html")
        return mime

    def _send(self, mime: MimeMessage) -> None:
        server = self._server
        try:
            client: smtplib.SMTP
            if server.security is SmtpSecurity.TLS:
                client = smtplib.SMTP_SSL(
                    server.host, server.port, timeout=self._timeout, context=self._tls
                )
            else:
                client = smtplib.SMTP(server.host, server.port, timeout=self._timeout)
            with client:
                if server.security is SmtpSecurity.STARTTLS:
                    client.starttls(context=self._tls)
                if server.username is not None:
                    client.login(server.username, server.password or "")
                client.send_message(mime)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailDeliveryFailed(f"SMTP delivery to {mime['To']} failed: {exc}") from exc
