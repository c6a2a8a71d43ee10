"""The downstream revocation helper: tokens a `TokenVerifier` accepts are refused once the
stream says their session or user was revoked; bounded memory; rebuilt on restart; fail
closed."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from redis.asyncio import Redis

from fabric_auth.events import (
    RevocationCheckingVerifier,
    RevocationFeedUnavailable,
    RevokedTokens,
    TokenRevoked,
    UserUpdated,
)
from fabric_auth.verify import TokenVerificationError
from tests.conftest import seconds_until
from tests.events.conftest import (
    STREAM,
    TokenIssuer,
    event,
    eventually,
    session_revoked,
    tokens_revoked,
    xadd,
)
from tests.scaleout.harness import RedisServer

OWN_REDIS_PORT = 18898


async def refused(verifier: RevocationCheckingVerifier, token: str) -> bool:
    try:
        await verifier.averify(token)
    except TokenVerificationError:
        return True
    return False


async def test_a_token_is_refused_within_a_second_of_its_sessions_revocation(
    redis_url: str, redis: Redis, issuer: TokenIssuer
) -> None:
    """Accepted, then `session.revoked` for its sid is XADDed: refused within 1 s; a token of
    another session of the same user is still accepted."""
    user, session, other_session = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    token, other = issuer.token(user, session), issuer.token(user, other_session)
    async with RevokedTokens(redis_url, stream=STREAM, max_token_lifetime=900) as revoked:
        verifier = RevocationCheckingVerifier(issuer.verifier(), revoked)
        assert (await verifier.averify(token)).claims["sid"] == str(session)
        await xadd(redis, session_revoked(session, str(user), valid_for=901))
        await seconds_until(lambda: refused(verifier, token), within=1.0)
        with pytest.raises(TokenRevoked):
            await verifier.averify(token)
        assert (await verifier.averify(other)).subject == str(user)
        assert verifier.verify(other).subject == str(user)


async def test_a_user_cut_off_refuses_older_tokens_only(
    redis_url: str, redis: Redis, issuer: TokenIssuer
) -> None:
    """`user.tokens_revoked`: the user's tokens issued at or before `revoked_before` are
    refused; later ones, and other users', are not."""
    user, someone_else = uuid.uuid4(), uuid.uuid4()
    older = issuer.token(user, uuid.uuid4(), issued_ago=10)
    newer = issuer.token(user, uuid.uuid4(), issued_ago=1)
    theirs = issuer.token(someone_else, uuid.uuid4(), issued_ago=10)
    cut_off = datetime.now(UTC) - timedelta(seconds=5)
    await xadd(redis, tokens_revoked(str(user), before=cut_off, valid_for=901))
    async with RevokedTokens(redis_url, stream=STREAM, max_token_lifetime=900) as revoked:
        verifier = RevocationCheckingVerifier(issuer.verifier(), revoked)
        with pytest.raises(TokenRevoked):
            await verifier.averify(older)
        assert (await verifier.averify(newer)).subject == str(user)
        assert (await verifier.averify(theirs)).subject == str(someone_else)
        assert len(revoked) == 1


def test_revocations_past_their_bound_are_dropped() -> None:
    """Each revocation is held until its `tokens_valid_until`, then dropped (and no longer
    applies); one already past it is not kept at all."""
    clock = [time.time()]
    revoked = RevokedTokens(
        "redis://127.0.0.1:18899/0", stream=STREAM, max_staleness=None, now=lambda: clock[0]
    )
    user, session = uuid.uuid4(), uuid.uuid4()
    revoked.apply(session_revoked(session, "someone", valid_for=10))
    revoked.apply(
        tokens_revoked(str(user), before=datetime.now(UTC), valid_for=20),
    )
    revoked.apply(session_revoked(uuid.uuid4(), "someone", valid_for=-1))
    claims = {"sid": str(session), "sub": str(user), "iat": clock[0] - 1}
    assert len(revoked) == 2
    assert revoked.is_revoked(claims)

    clock[0] += 15
    assert revoked.is_revoked(claims)  # by the user's cut-off, still in force
    assert not revoked.is_revoked({**claims, "sub": "another"})  # the session's has passed
    assert revoked.forget_expired() == 1
    clock[0] += 10
    assert not revoked.is_revoked(claims)
    assert revoked.forget_expired() == 1
    assert len(revoked) == 0


async def test_a_restarted_helper_rebuilds_what_is_still_relevant(
    redis_url: str, redis: Redis
) -> None:
    """A new helper reads the stream from `max_token_lifetime` ago: the revocations since are
    back, an older entry is not read; other types and unreadable entries are passed over."""
    user, recent, ancient = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    two_hours_ago = int((time.time() - 7200) * 1000)
    await xadd(
        redis, session_revoked(ancient, str(user), valid_for=900), entry_id=f"{two_hours_ago}-0"
    )
    await xadd(redis, session_revoked(recent, str(user), valid_for=900))
    await xadd(redis, event(UserUpdated(changed=["email"]), str(user)))
    await redis.xadd(STREAM, {"type": "session.revoked", "event": "{not json"})
    claims = {"sub": str(user), "iat": time.time()}
    for options in ({}, {"protocol": 3}):  # a first run, then a restart (with RESP3)
        client = Redis.from_url(redis_url, **options)
        async with RevokedTokens(client, stream=STREAM, max_token_lifetime=900) as revoked:
            assert revoked.is_revoked({**claims, "sid": str(recent)})
            assert not revoked.is_revoked({**claims, "sid": str(ancient)})
            assert len(revoked) == 1
        await client.aclose()


async def test_the_helper_fails_closed_while_the_stream_cannot_be_read(
    issuer: TokenIssuer,
) -> None:
    """Redis stops: once the feed is older than `max_staleness`, every token is refused
    (`RevocationFeedUnavailable`); Redis back, tokens are accepted again. `max_staleness=None`
    keeps accepting."""
    server = RedisServer()
    server.port, server.url = OWN_REDIS_PORT, f"redis://127.0.0.1:{OWN_REDIS_PORT}/0"
    await server.start()
    token = issuer.token(uuid.uuid4(), uuid.uuid4())
    closed = RevokedTokens(server.url, stream=STREAM, max_staleness=0.3)
    open_ = RevokedTokens(server.url, stream=STREAM, max_staleness=None)
    try:
        async with closed, open_:
            failing_closed = RevocationCheckingVerifier(issuer.verifier(), closed)
            failing_open = RevocationCheckingVerifier(issuer.verifier(), open_)
            assert (await failing_closed.averify(token)).claims == (
                await failing_open.averify(token)
            ).claims
            await server.stop()
            await eventually(lambda: closed.stale)
            with pytest.raises(RevocationFeedUnavailable):
                await failing_closed.averify(token)
            await failing_open.averify(token)
            await server.start()
            await eventually(lambda: not closed.stale, within=20)
            await failing_closed.averify(token)
    finally:
        await server.stop()


def test_a_helper_never_started_is_stale() -> None:
    """Before the stream was read once, a fail-closed helper refuses (nothing is known)."""
    revoked = RevokedTokens("redis://127.0.0.1:18899/0", stream=STREAM)
    assert revoked.stale
    lenient = RevokedTokens("redis://127.0.0.1:18899/0", stream=STREAM, max_staleness=None)
    assert not lenient.stale
