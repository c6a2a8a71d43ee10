"""Single-use tokens that travel in mailed links, and the links themselves.

A token is 256 random bits; the store keeps only its SHA-256, with the purpose, the user, the
address it was sent to, a digest of the user's password hash at issue time (a password change
kills it) and an expiry. Using it is one conditional `UPDATE ... WHERE used_at IS NULL`.

Links are built from `AuthSettings.public_base_url`, never from the request: a forged `Host`
header cannot point a reset link at an attacker's site.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Iterable
from datetime import timedelta
from enum import StrEnum
from urllib.parse import urlencode
from uuid import UUID

from tortoise.expressions import Q

from fabric_auth.clock import Clock
from fabric_auth.exceptions import ConfigurationError, InvalidLinkToken
from fabric_auth.settings import ENV_PREFIX, AuthSettings
from fabric_auth.store.models import LinkToken, User
from fabric_auth.tokens.refresh import hash_token

logger = logging.getLogger("fabric_auth.links")

MAX_TOKEN_LENGTH = 128
DEVELOPMENT_BASE_URL = "http://localhost:8000"


class LinkPurpose(StrEnum):
    PASSWORD_RESET = "password_reset"
    VERIFY_EMAIL = "verify_email"
    CHANGE_EMAIL = "change_email"
    ACTIVATE = "activate"
    OAUTH_SIGN_IN = "oauth_sign_in"
    """Not mailed: the single-use code an OAuth callback hands the front end (bearer
    transport), exchanged at `/auth/token`."""


def password_fingerprint(password_hash: str | None) -> str:
    return hashlib.sha256((password_hash or "").encode()).hexdigest()


class LinkTokens:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def purge_expired(self) -> int:
        """Delete link tokens that are used up or expired (a cleanup step)."""
        now = self._clock.now()
        return int(
            await LinkToken.filter(Q(expires_at__lte=now) | Q(used_at__isnull=False)).delete()
        )

    async def issue(
        self,
        purpose: LinkPurpose,
        user: User,
        *,
        email: str,
        ttl: int,
        browser_hash: str | None = None,
    ) -> str:
        """A new token for `user`; its hash is stored (call inside the change's transaction).
        `browser_hash`: the token is usable only from that browser (the caller checks)."""
        token = secrets.token_urlsafe(32)
        now = self._clock.now()
        await LinkToken.create(
            token_hash=hash_token(token),
            purpose=purpose.value,
            user_id=user.id,
            email=email,
            password_fingerprint=password_fingerprint(user.password_hash),
            created_at=now,
            expires_at=now + timedelta(seconds=ttl),
            browser_hash=browser_hash,
        )
        return token

    async def find(self, token: str, purposes: Iterable[LinkPurpose]) -> tuple[LinkToken, User]:
        """The live token and its user, or `InvalidLinkToken`. Does not use it up."""
        if not token or len(token) > MAX_TOKEN_LENGTH:
            raise InvalidLinkToken()
        row = await LinkToken.get_or_none(
            token_hash=hash_token(token),
            purpose__in=[purpose.value for purpose in purposes],
            used_at__isnull=True,
            expires_at__gt=self._clock.now(),
        ).prefetch_related("user")
        if row is None:
            raise InvalidLinkToken()
        user: User = row.user
        if not user.is_active or row.password_fingerprint != password_fingerprint(
            user.password_hash
        ):
            raise InvalidLinkToken()
        return row, user

    async def use(self, row: LinkToken) -> None:
        """Mark the token used; `InvalidLinkToken` if another request used it first. Call
        inside the transaction of the change, so a failed change leaves the token usable."""
        won = await LinkToken.filter(
            token_hash=row.token_hash, used_at__isnull=True, expires_at__gt=self._clock.now()
        ).update(used_at=self._clock.now())
        if not won:
            raise InvalidLinkToken()

    async def discard(self, user_id: UUID, purposes: Iterable[LinkPurpose]) -> None:
        """Kill the user's unused tokens of these purposes."""
        await LinkToken.filter(
            user_id=user_id,
            purpose__in=[purpose.value for purpose in purposes],
            used_at__isnull=True,
        ).update(used_at=self._clock.now())

    async def issued_recently(self, user_id: UUID, purpose: LinkPurpose, seconds: int) -> bool:
        if seconds <= 0:
            return False
        since = self._clock.now() - timedelta(seconds=seconds)
        return await LinkToken.filter(
            user_id=user_id, purpose=purpose.value, created_at__gt=since
        ).exists()


class LinkBuilder:
    """`https://app.example/reset-password?token=...`, from settings only."""

    def __init__(self, settings: AuthSettings) -> None:
        self._settings = settings

    def base_url(self) -> str:
        """The configured public base URL; in development a localhost stand-in, in production
        a `ConfigurationError`."""
        if self._settings.public_base_url is not None:
            return str(self._settings.public_base_url).rstrip("/")
        if self._settings.is_development:
            logger.warning(
                "%sPUBLIC_BASE_URL is not set: mailed links point at %s",
                ENV_PREFIX,
                DEVELOPMENT_BASE_URL,
            )
            return DEVELOPMENT_BASE_URL
        raise ConfigurationError(
            f"{ENV_PREFIX}PUBLIC_BASE_URL is required to mail links (password reset, "
            "verification, invitations) in production"
        )

    def link(self, path: str, token: str) -> str:
        return f"{self.base_url()}{path}?{urlencode({'token': token})}"
