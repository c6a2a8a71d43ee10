"""What the relay's tests share: a real HTTP receiver on loopback (served by conftest's
`receiver` fixture), webhook endpoints with sealed secrets, and apps that relay with the real
clock."""

from __future__ import annotations

import asyncio
import socket
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fabric_auth.clock import Clock
from fabric_auth.events.webhooks import new_secret
from fabric_auth.services.container import AuthServices
from fabric_auth.services.events.relay import RetryPolicy
from fabric_auth.store.models import WebhookEndpoint
from fabric_auth.tokens.keys import seal
from tests.conftest import AppFactory, RunningApp

if TYPE_CHECKING:
    pass

PORTS = range(18700, 18800)
"""Ports these tests may listen on."""
TINY_RETRIES = RetryPolicy(base=0.02, cap=0.05)


def bind_free_port(host: str = "127.0.0.1") -> socket.socket:
    """A listening socket on the first free port of `PORTS`."""
    for port in PORTS:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind((host, port))
        except OSError:
            sock.close()
            continue
        sock.listen(128)
        sock.setblocking(False)
        return sock
    raise RuntimeError(f"no free port in {PORTS}")


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """An HTTP/1.1 server that records each request and answers the next status of `answers`
    (200 once they run out); `connections` counts TCP connections accepted."""

    url: str = ""
    answers: list[int] = field(default_factory=list)
    requests: list[Received] = field(default_factory=list)
    connections: int = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                _, path, _ = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        name, value = line.split(":", 1)
                        headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                self.requests.append(Received(path, headers, body))
                status = self.answers.pop(0) if self.answers else 200
                writer.write(
                    f"HTTP/1.1 {status} X\r\ncontent-length: 2\r\n\r\nok".encode("latin-1")
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


async def add_endpoint(
    services: AuthServices, url: str, event_types: list[str] | None = None
) -> tuple[WebhookEndpoint, str]:
    """An active endpoint (written as the management service would) and its secret."""
    endpoint_id = uuid.uuid4()
    secret = new_secret()
    now = services.clock.now()
    key = services.derive_key("webhook-secret")
    endpoint = await WebhookEndpoint.create(
        id=endpoint_id,
        url=url,
        event_types=event_types or [],
        secret_sealed=seal(key, str(endpoint_id), secret.encode()),
        created_at=now,
        updated_at=now,
    )
    return endpoint, secret


async def relaying_app(make_app: AppFactory, **settings: Any) -> RunningApp:
    """An app on the real clock that relays (lease taken before returning), to private
    addresses too unless said otherwise, with tiny retry waits."""
    settings.setdefault("events_relay", True)
    settings.setdefault("webhook_allow_private_targets", True)
    settings.setdefault("events_lease_ttl", 1)
    app = await make_app(clock=Clock(), **settings)
    relay = app.auth.services.relay
    relay.retry_policy = TINY_RETRIES
    for _ in range(500):
        if relay.relaying:
            break
        await asyncio.sleep(0.01)
    return app
