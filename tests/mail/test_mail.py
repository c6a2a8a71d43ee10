"""Mail: templates, the console sender, senders from a URL, SMTP against a live server."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace

import pytest

from fabric_auth.exceptions import ConfigurationError, MailDeliveryFailed
from fabric_auth.mail import (
    ConsoleMailer,
    EmailMessage,
    MailTemplate,
    MailTemplates,
    SmtpMailer,
    SmtpSecurity,
    SmtpServer,
    mailer_from_url,
)
from tests.conftest import AppFactory


def test_templates_refuse_unknown_placeholders() -> None:
    """A template naming a value fabric-auth does not provide fails when it is made."""
    with pytest.raises(ConfigurationError, match="user_name"):
        MailTemplate(subject="Hi $user_name", text="$link")


def test_template_renders_every_placeholder() -> None:
    """$link, $email, $app_name and $expires_minutes are filled in."""
    message = MailTemplates().password_reset.render(
        "password_reset",
        "ada@example.com",
        link="https://x/y",
        app_name="Demo",
        expires_minutes="30",
    )
    assert message.subject == "Reset your Demo password"
    assert "https://x/y" in message.text and "30 minutes" in message.text
    assert "ada@example.com" in message.text


async def test_apps_override_templates(make_app: AppFactory) -> None:
    """A replaced template is the one mailed."""
    from fabric_auth import FabricAuth
    from fabric_auth.testing import Outbox, serve, test_settings
    from tests.conftest import build_app

    app = await make_app()
    templates = replace(
        MailTemplates(), password_reset=MailTemplate(subject="Reset!", text="Go to $link now")
    )
    outbox = Outbox()
    auth = FabricAuth(
        test_settings(database_url=app.auth.settings.database_url),
        mailer=outbox,
        mail_templates=templates,
    )
    await app.create_user()
    async with serve(build_app(auth)) as client:
        await client.post("/auth/forgot-password", json={"email": "ada@example.com"})
        message = await outbox.wait_for(kind="password_reset")
    assert message.subject == "Reset!"
    assert message.text.startswith("Go to http://localhost:8000/reset-password?token=")


async def test_console_mailer_writes_the_message() -> None:
    """The development sender prints headers and body."""
    stream = io.StringIO()
    await ConsoleMailer("me@example.com", stream).send(
        EmailMessage(to="ada@example.com", subject="Hello", text="Body https://l", kind="k")
    )
    assert "To: ada@example.com" in stream.getvalue()
    assert "Body https://l" in stream.getvalue()


def test_mailer_from_url() -> None:
    """console:// and smtp URLs pick their sender; anything else is a configuration error."""
    assert isinstance(mailer_from_url("console://", sender="a@b.c"), ConsoleMailer)
    assert isinstance(mailer_from_url("smtps://u:p@mail.example", sender="a@b.c"), SmtpMailer)
    server = SmtpServer.from_url("smtp://us%40er:p%3Ass@mail.example")
    assert (server.host, server.port, server.security) == (
        "mail.example",
        587,
        SmtpSecurity.STARTTLS,
    )
    assert (server.username, server.password) == ("us@er", "p:ss")
    for bad in ("http://mail.example", "smtp://", "smtp://host:notaport"):
        with pytest.raises(ConfigurationError, match="FABRIC_AUTH_MAIL_URL"):
            mailer_from_url(bad, sender="a@b.c")


@dataclass
class FakeSmtpServer:
    """Just enough SMTP (RFC 5321) to accept mail over a real socket."""

    port: int = 0
    received: list[str] = field(default_factory=list)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"220 fake ESMTP\r\n")
        while line := await reader.readline():
            command = line.decode().strip().upper()
            if command.startswith("EHLO"):
                writer.write(b"250-fake\r\n250 8BITMIME\r\n")
            elif command == "DATA":
                writer.write(b"354 go on\r\n")
                await writer.drain()
                data = await reader.readuntil(b"\r\n.\r\n")
                self.received.append(data.decode())
                writer.write(b"250 queued\r\n")
            elif command == "QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                break
            else:
                writer.write(b"250 ok\r\n")
            await writer.drain()
        writer.close()


@pytest.fixture
async def smtp_server() -> AsyncIterator[FakeSmtpServer]:
    fake = FakeSmtpServer()
    server = await asyncio.start_server(fake.handle, "127.0.0.1", 0)
    fake.port = server.sockets[0].getsockname()[1]
    async with server:
        yield fake


async def test_smtp_mailer_delivers(smtp_server: FakeSmtpServer) -> None:
    """The SMTP sender delivers a message with From, To and Subject to a live server."""
    mailer = mailer_from_url(
        f"smtp+plain://127.0.0.1:{smtp_server.port}", sender="Fabric <no-reply@example.com>"
    )
    await mailer.send(EmailMessage(to="ada@example.com", subject="Hi", text="Link: https://x"))
    assert len(smtp_server.received) == 1
    data = smtp_server.received[0]
    assert "To: ada@example.com" in data and "Subject: Hi" in data
    assert "From: Fabric <no-reply@example.com>" in data


async def test_smtp_refuses_plain_text_when_starttls_is_required(
    smtp_server: FakeSmtpServer,
) -> None:
    """smtp:// insists on STARTTLS: a server without it gets nothing."""
    mailer = mailer_from_url(f"smtp://127.0.0.1:{smtp_server.port}", sender="a@example.com")
    with pytest.raises(MailDeliveryFailed):
        await mailer.send(EmailMessage(to="ada@example.com", subject="Hi", text="secret"))
    assert smtp_server.received == []


async def test_unreachable_smtp_server_is_a_delivery_error() -> None:
    """A refused connection is MailDeliveryFailed, not a raw OSError."""
    mailer = mailer_from_url("smtp+plain://127.0.0.1:1", sender="a@example.com")
    with pytest.raises(MailDeliveryFailed):
        await mailer.send(EmailMessage(to="ada@example.com", subject="Hi", text="x"))
