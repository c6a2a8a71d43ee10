"""Mail: the `Mailer` protocol, its senders, the templates, and a sender from a URL.

`mailer_from_url("console://")` for development, `smtp://...` / `smtps://...` /
`smtp+plain://...` for a real server; tests use `fabric_auth.testing.Outbox`.
"""

from __future__ import annotations

from fabric_auth.exceptions import ConfigurationError
from fabric_auth.mail.base import EmailMessage, Mailer
from fabric_auth.mail.console import ConsoleMailer
from fabric_auth.mail.smtp import SmtpMailer, SmtpSecurity, SmtpServer
from fabric_auth.mail.templates import MailTemplate, MailTemplates

__all__ = [
    "ConsoleMailer",
    "EmailMessage",
    "MailTemplate",
    "MailTemplates",
    "Mailer",
    "SmtpMailer",
    "SmtpSecurity",
    "SmtpServer",
    "mailer_from_url",
]


def mailer_from_url(url: str, *, sender: str, timeout: float = 10.0) -> Mailer:
    """The sender a `FABRIC_AUTH_MAIL_URL` names; `ConfigurationError` for anything else."""
    scheme = url.partition("://")[0].lower()
    if scheme == "console":
        return ConsoleMailer(sender)
    if scheme in {security.value for security in SmtpSecurity}:
        return SmtpMailer(SmtpServer.from_url(url), sender=sender, timeout=timeout)
    raise ConfigurationError(
        f"FABRIC_AUTH_MAIL_URL: unknown scheme {scheme!r}; "
        "use console://, smtp://, smtps:// or smtp+plain://"
    )
