"""A downstream service following fabric-auth's events: it erases its own data about deleted
users, and refuses tokens of revoked sessions before they expire. Needs only Redis and PyJWT:
no FastAPI, no store."""

import asyncio
import os
import sys
from uuid import UUID

from fabric_auth.events import (
    Event,
    EventSubscriber,
    RevocationCheckingVerifier,
    RevokedTokens,
    UserDeleted,
)
from fabric_auth.verify import TokenVerificationError, TokenVerifier

# The auth service's stream: its FABRIC_AUTH_REDIS_NAMESPACE followed by ":events".
STREAM = "myapp:events"

profiles: dict[str, str] = {}
"""This service's own data about users, by user id."""
handled: set[UUID] = set()
"""Ids of the events already handled (keep them in your database, beside the change)."""


async def forget_user(event: Event[UserDeleted]) -> None:
    # Delivery is at least once: the same event may come again (same id). Dedupe by its id.
    if event.id in handled:
        return
    profiles.pop(event.subject.id, None)
    handled.add(event.id)


def make_subscriber(redis_url: str, stream: str = STREAM) -> EventSubscriber:
    subscriber = EventSubscriber(
        redis_url,
        group="profiles",  # one group per service: each service sees every event
        consumer=os.environ.get("HOSTNAME", "profiles-1"),  # stable across restarts
        stream=stream,
        max_attempts=5,  # then the entry goes to "<stream>:dead:profiles"
    )
    subscriber.on(UserDeleted, forget_user)
    return subscriber


def make_revoked_tokens(redis_url: str, stream: str = STREAM) -> RevokedTokens:
    return RevokedTokens(
        redis_url,
        stream=stream,
        max_token_lifetime=900,  # FABRIC_AUTH_ACCESS_TOKEN_TTL of the auth service
        max_staleness=30,  # refuse every token if the stream was not read for 30 s
    )


def make_verifier(auth_base_url: str, revoked: RevokedTokens) -> RevocationCheckingVerifier:
    tokens = TokenVerifier(
        f"{auth_base_url}/.well-known/jwks.json",
        issuer="fabric-auth",  # FABRIC_AUTH_JWT_ISSUER of the auth service
        audience="fabric-auth",  # FABRIC_AUTH_JWT_AUDIENCE
    )
    return RevocationCheckingVerifier(tokens, revoked)


async def user_id_of(verifier: RevocationCheckingVerifier, authorization: str) -> str | None:
    """The caller's user id from an `Authorization: Bearer ...` header, or None (answer 401):
    a bad or expired token, or one whose session or user was revoked."""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return None
    try:
        verified = await verifier.averify(token)
    except TokenVerificationError:
        return None
    return verified.subject


async def main(authorization: str) -> None:
    """Follow the events, and check one bearer token every second as a stand-in for serving
    requests: its user id, then None once its session is revoked."""
    redis_url = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
    revoked = make_revoked_tokens(redis_url)
    async with make_subscriber(redis_url), revoked:
        verifier = make_verifier(os.environ.get("AUTH_URL", "http://localhost:8000"), revoked)
        while True:
            print(await user_id_of(verifier, authorization))
            await asyncio.sleep(1)


if __name__ == "__main__":
    asyncio.run(main(f"Bearer {sys.argv[1]}"))  # python events_subscriber.py <access token>
