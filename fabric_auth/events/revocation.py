"""Refuse revoked access tokens in another service, before they expire.

`TokenVerifier` (fabric_auth.verify) checks a token's signature and expiry locally; it cannot
know that the user signed out, or was deactivated, a minute ago. `RevokedTokens` follows the
auth service's events stream and keeps, in memory:

- the revoked sessions (`session.revoked`): tokens whose `sid` is one of them are refused,
  until `tokens_valid_until` (after which no such token is valid anyway);
- per user, a cut-off (`user.tokens_revoked`): tokens of that `sub` issued at or before
  `revoked_before` are refused, until `tokens_valid_until`.

Entries past their bound are dropped, so memory is bounded by the revocations of one token
lifetime. Every instance needs every revocation, so the stream is read with plain XREAD (no
consumer group, nothing acknowledged), from `max_token_lifetime` ago: a restarted instance
rebuilds what is still relevant. (The stream must therefore hold at least one token lifetime of
events: the auth service's `events_stream_maxlen`.)

```python
revoked = RevokedTokens("redis://localhost/0", stream="fabric_auth:events",
                        max_token_lifetime=900)       # FABRIC_AUTH_ACCESS_TOKEN_TTL
verifier = RevocationCheckingVerifier(TokenVerifier(jwks_url, issuer=..., audience=...),
                                      revoked)
async with revoked:
    token = await verifier.averify(bearer)   # TokenVerificationError: answer 401
```

**Fail closed by default.** If the stream has not been read successfully for `max_staleness`
seconds (Redis unreachable; or the helper not yet started), a revocation may be missing, so
`check` refuses every token with `RevocationFeedUnavailable` (a `TokenVerificationError`) rather
than accept one that may be revoked. `max_staleness=None` fails open instead: the last known
revocations keep applying, however old.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from fabric_auth.events.catalogue import (
    Event,
    SessionRevoked,
    UnreadableEvent,
    UserTokensRevoked,
    parse_event,
)
from fabric_auth.events.streams import (
    RETRY_FIRST_SECONDS,
    RETRY_MAX_SECONDS,
    ConnectionState,
    client,
    entries_of,
    pause,
    read_block,
    unless_stopped,
)
from fabric_auth.verify import TokenVerificationError, TokenVerifier, VerifiedToken

logger = logging.getLogger("fabric_auth.events.revocation")

SWEEP_INTERVAL_SECONDS = 10.0
REVOCATION_TYPES = (SessionRevoked.event_type, UserTokensRevoked.event_type)


class TokenRevoked(TokenVerificationError):
    """The token is valid but its session, or every token of its user up to a moment, was
    revoked; answer 401."""


class RevocationFeedUnavailable(TokenVerificationError):
    """The revocations may not be current (the stream was not read for longer than
    `max_staleness`), so the token is refused (fail closed); answer 401, or 503."""


class RevokedTokens:
    """The revocations still in force, kept from the auth service's events stream."""

    def __init__(
        self,
        redis: str | Redis,
        *,
        stream: str,
        max_token_lifetime: float = 3600.0,
        max_staleness: float | None = 30.0,
        block: float = 2.0,
        batch_size: int = 1000,
        start_timeout: float = 5.0,
        now: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """
        `redis`: a `redis://` URL (the client is made and closed here) or a `redis.asyncio`
        client (left open).
        `stream`: the events stream, `f"{namespace}:events"` of the auth service.
        `max_token_lifetime`: seconds an access token lives (at least the auth service's
        `FABRIC_AUTH_ACCESS_TOKEN_TTL`); the stream is read from that long ago.
        `max_staleness`: seconds after the last successful read from which every token is
        refused (fail closed); `None` to keep accepting on the last known revocations.
        `block`: seconds one read waits for new entries (kept under a third of
        `max_staleness`, and half the client's socket timeout).
        `start_timeout`: seconds `start()` (and `async with`) waits to have read the stream
        up to its end before it returns anyway.
        `now`: the wall clock (Unix seconds) bounds are compared with; `monotonic`: the clock
        of staleness.
        """
        self._redis, self._owns_client = client(redis)
        self.stream = stream
        self.max_token_lifetime = max_token_lifetime
        self.max_staleness = max_staleness
        block = read_block(self._redis, block)
        self.block = block if max_staleness is None else min(block, max_staleness / 3)
        self.batch_size = batch_size
        self.start_timeout = start_timeout
        self._now = now
        self._monotonic = monotonic
        self._sessions: dict[str, float] = {}
        """Revoked session id -> until when its tokens could still be valid."""
        self._users: dict[str, tuple[float, float]] = {}
        """User id -> (tokens issued at or before this are refused, until when)."""
        self._after: str | None = None
        self._read_at: float | None = None
        self._swept_at = 0.0
        self.caught_up = asyncio.Event()
        """Set once the stream was read up to its end (after a start)."""
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._connection = ConnectionState(logger, "Redis (revocations)")

    # --- the revocations --------------------------------------------------------------

    def apply(self, event: Event[Any]) -> None:
        """Take one event into account (`session.revoked`, `user.tokens_revoked`; others are
        ignored)."""
        data = event.data
        if isinstance(data, SessionRevoked):
            until = data.tokens_valid_until.timestamp()
            session = str(data.session_id)
            if until > self._now():
                self._sessions[session] = max(until, self._sessions.get(session, until))
        elif isinstance(data, UserTokensRevoked):
            before, until = data.revoked_before.timestamp(), data.tokens_valid_until.timestamp()
            if until > self._now():
                known_before, known_until = self._users.get(event.subject.id, (before, until))
                self._users[event.subject.id] = (max(before, known_before), max(until, known_until))

    def is_revoked(self, token: VerifiedToken | Mapping[str, Any]) -> bool:
        """Whether the token (verified, or its claims) is revoked: its `sid` is a revoked
        session, or its `iat` is at or before its `sub`'s cut-off."""
        claims = token.claims if isinstance(token, VerifiedToken) else token
        now = self._now()
        until = self._sessions.get(str(claims.get("sid")))
        if until is not None and until > now:
            return True
        cut_off = self._users.get(str(claims.get("sub")))
        if cut_off is None or cut_off[1] <= now:
            return False
        issued_at = claims.get("iat")
        return not isinstance(issued_at, int | float) or issued_at <= cut_off[0]

    @property
    def stale(self) -> bool:
        """Whether `check` refuses every token: the stream was not read for `max_staleness`."""
        if self.max_staleness is None:
            return False
        return self._read_at is None or self._monotonic() - self._read_at > self.max_staleness

    def check(self, token: VerifiedToken) -> VerifiedToken:
        """`token`, unless it is revoked (`TokenRevoked`) or the revocations may not be
        current (`RevocationFeedUnavailable`): both are `TokenVerificationError`s."""
        if self.stale:
            raise RevocationFeedUnavailable("the revocations are not current")
        if self.is_revoked(token):
            raise TokenRevoked("the token was revoked")
        return token

    def forget_expired(self) -> int:
        """Drop the revocations past their bound; how many were dropped."""
        now = self._now()
        sessions = [key for key, until in self._sessions.items() if until <= now]
        users = [key for key, (_, until) in self._users.items() if until <= now]
        for session in sessions:
            del self._sessions[session]
        for user in users:
            del self._users[user]
        return len(sessions) + len(users)

    def __len__(self) -> int:
        """Revocations held (sessions and user cut-offs)."""
        return len(self._sessions) + len(self._users)

    # --- following the stream ---------------------------------------------------------

    async def run(self) -> None:
        """Follow the stream until `stop()`. Never raises for Redis failures: they are
        logged once per change, and retried with a doubling wait."""
        self._stopping.clear()
        wait = RETRY_FIRST_SECONDS
        while not self._stopping.is_set():
            try:
                await self._read()
            except Exception as exc:
                if isinstance(exc, RedisError | OSError):
                    self._connection.failed(exc)
                else:  # a reply this code did not expect: say so, and carry on
                    logger.exception("events: reading the revocations failed")
                await pause(wait, self._stopping)
                wait = min(wait * 2, RETRY_MAX_SECONDS)
                continue
            self._connection.recovered()
            wait = RETRY_FIRST_SECONDS
            if self._monotonic() - self._swept_at >= SWEEP_INTERVAL_SECONDS:
                self._swept_at = self._monotonic()
                self.forget_expired()

    async def start(self) -> None:
        """Follow the stream in a background task; return once it was read up to its end,
        or after `start_timeout` (Redis unreachable: tokens are then refused while stale)."""
        if self._task is None:
            self._stopping.clear()
            self._task = asyncio.create_task(self.run(), name="events-revocations")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.caught_up.wait(), timeout=self.start_timeout)

    async def stop(self) -> None:
        self._stopping.set()
        if self._task is not None:
            task, self._task = self._task, None
            await task

    async def aclose(self) -> None:
        """Stop, and close the Redis client if it was made from a URL."""
        await self.stop()
        if self._owns_client:
            await self._redis.aclose()

    async def __aenter__(self) -> RevokedTokens:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def _read(self) -> None:
        if self._after is None:
            oldest = self._now() - self.max_token_lifetime
            self._after = f"{max(0, int(oldest * 1000))}-0"
        if self.caught_up.is_set():
            reply = await unless_stopped(
                self._redis.xread(
                    {self.stream: self._after},
                    count=self.batch_size,
                    block=max(1, int(self.block * 1000)),
                ),
                self._stopping,
            )
            if reply is None:
                return  # stopped
        else:
            reply = await self._redis.xread({self.stream: self._after}, count=self.batch_size)
        entries = entries_of(reply)
        for entry in entries:
            if entry.field("type") not in (*REVOCATION_TYPES, None):
                continue  # not a revocation: no need to parse it
            try:
                self.apply(parse_event(entry.payload))
            except UnreadableEvent as exc:
                logger.warning("events: entry %s is not an event: %s", entry.id, exc)
        if entries:
            self._after = entries[-1].id
        self._read_at = self._monotonic()
        if len(entries) < self.batch_size:
            self.caught_up.set()


class RevocationCheckingVerifier:
    """A `TokenVerifier` that also refuses revoked tokens (and, failing closed, every token
    while the revocations are not current)."""

    def __init__(self, verifier: TokenVerifier, revoked: RevokedTokens) -> None:
        self.verifier = verifier
        self.revoked = revoked

    def verify(self, token: str) -> VerifiedToken:
        """Verify (blocking, see `TokenVerifier.verify`), then check the revocations."""
        return self.revoked.check(self.verifier.verify(token))

    async def averify(self, token: str) -> VerifiedToken:
        """Verify without blocking the event loop, then check the revocations."""
        return self.revoked.check(await self.verifier.averify(token))
