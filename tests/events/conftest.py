"""A real Redis for the events SDK (`FABRIC_AUTH_TEST_REDIS_URL`, flushed before each test),
and entries written as fabric-auth's relay writes them; a real HTTP receiver on loopback for the
relay's webhooks."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from redis.asyncio import Redis

from fabric_auth.events import Event, EventData, EventSubject, SessionRevoked, UserTokensRevoked
from fabric_auth.principal import PrincipalKind
from fabric_auth.tokens.access import AccessTokenCodec
from fabric_auth.tokens.keys import (
    Signer,
    VerificationKey,
    generate_key,
    load_private_key,
    ring_of,
)
from fabric_auth.verify import TokenVerifier
from tests.conftest import REDIS_URL, _unavailable, seconds_until
from tests.events.relaying import Receiver, bind_free_port

STREAM = "test:events"
JWKS_PORT = 18801
"""The loopback port the test JWKS is served on (this suite's range is 18800-18899)."""
ISSUER = AUDIENCE = "fabric-auth"


async def eventually(check: Callable[[], bool], *, within: float = 10.0) -> None:
    """Wait for `check()` to hold, failing after `within` seconds."""

    async def holds() -> bool:
        return check()

    await seconds_until(holds, within=within)


async def flushed_redis_url() -> str:
    """The test Redis, emptied; skips (or fails, with FABRIC_AUTH_TEST_REQUIRE_SERVICES=1)
    without one."""
    if not REDIS_URL:
        _unavailable("Redis", "FABRIC_AUTH_TEST_REDIS_URL")
    assert REDIS_URL is not None
    redis = Redis.from_url(REDIS_URL)
    await redis.flushdb()
    await redis.aclose()
    return REDIS_URL


@pytest.fixture
async def redis_url() -> str:
    """Overrides the suite's memory/Redis pair: the events SDK needs Redis."""
    return await flushed_redis_url()


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


def event(
    data: EventData, subject: str = "u1", *, event_id: uuid.UUID | None = None
) -> Event[EventData]:
    return Event[EventData](
        id=event_id or uuid.uuid4(),
        type=data.event_type,
        version=data.event_version,
        occurred_at=datetime.now(UTC),
        subject=EventSubject(kind="user", id=subject),
        data=data,
    )


async def xadd(
    redis: Redis, published: Event[Any], *, stream: str = STREAM, entry_id: str = "*"
) -> str:
    """Append `published` as the relay does: fields `type`, `subject` and `event`."""
    subject = f"{published.subject.kind}:{published.subject.id}"
    fields = {"type": published.type, "subject": subject, "event": published.model_dump_json()}
    added = await redis.xadd(stream, fields, id=entry_id)  # type: ignore[arg-type]
    return added.decode() if isinstance(added, bytes) else str(added)


def session_revoked(session_id: uuid.UUID, user: str, *, valid_for: float) -> Event[EventData]:
    until = datetime.now(UTC) + timedelta(seconds=valid_for)
    data = SessionRevoked(session_id=session_id, reason="sign_out", tokens_valid_until=until)
    return event(data, user)


def tokens_revoked(user: str, *, before: datetime, valid_for: float) -> Event[EventData]:
    until = datetime.now(UTC) + timedelta(seconds=valid_for)
    return event(UserTokensRevoked(revoked_before=before, tokens_valid_until=until), user)


class TokenIssuer:
    """Access tokens as the auth service signs them (EdDSA), its JWKS served over HTTP on
    loopback for a `TokenVerifier`."""

    def __init__(self) -> None:
        generated = generate_key("EdDSA")
        private = load_private_key(generated.private_pem)
        self.ring = ring_of(
            [Signer(generated.kid, "EdDSA", private)],
            [
                VerificationKey(
                    generated.kid, "EdDSA", private.public_key(), public_jwk=generated.public_jwk
                )
            ],
        )
        self.jwks_url = f"http://127.0.0.1:{JWKS_PORT}/.well-known/jwks.json"

    def token(self, user: uuid.UUID, session: uuid.UUID, *, issued_ago: float = 0.0) -> str:
        """A token of `user` in `session`, issued `issued_ago` seconds ago."""
        codec = AccessTokenCodec(
            self.ring,
            issuer=ISSUER,
            audience=AUDIENCE,
            ttl=900,
            now=lambda: time.time() - issued_ago,
        )
        return codec.issue(user, session, PrincipalKind.USER).token

    def verifier(self) -> TokenVerifier:
        return TokenVerifier(self.jwks_url, issuer=ISSUER, audience=AUDIENCE)

    @contextmanager
    def serving(self) -> Iterator[TokenIssuer]:
        body = json.dumps(self.ring.jwks()).encode()

        class Jwks(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", JWKS_PORT), Jwks)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
            thread.join()


@pytest.fixture
def issuer() -> Iterator[TokenIssuer]:
    with TokenIssuer().serving() as serving:
        yield serving


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    """A receiver listening on 127.0.0.1."""
    sock = bind_free_port()
    receiver = Receiver()
    server = await asyncio.start_server(receiver.handle, sock=sock)
    receiver.url = f"http://127.0.0.1:{sock.getsockname()[1]}/hooks"
    yield receiver
    server.close()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(server.wait_closed(), timeout=2)
