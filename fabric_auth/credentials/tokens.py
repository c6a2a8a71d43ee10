"""Access tokens as the request path keeps them: verified once per token string, checked for
expiry and revocation on every use. Shared by the bearer header and the access cookie."""

from __future__ import annotations

from fabric_auth.cache import BoundedCache
from fabric_auth.clock import Clock
from fabric_auth.exceptions import InvalidToken
from fabric_auth.principal import AuthMethod, Principal
from fabric_auth.services.revocation import RevocationService
from fabric_auth.tokens.access import AccessTokenCodec, VerifiedToken

_CACHE_SIZE = 10_000

TokenKey = bytes | tuple[str, AuthMethod]
"""The `Authorization` header's raw value, or (cookie value, transport)."""


class AccessTokens:
    def __init__(
        self, codec: AccessTokenCodec, revocations: RevocationService, clock: Clock
    ) -> None:
        self._codec = codec
        self._revocations = revocations
        self._clock = clock
        self.verified: BoundedCache[TokenKey, VerifiedToken] = BoundedCache(_CACHE_SIZE)
        """Verified tokens by the credential's raw value: a token seen before is found with no
        decoding or parsing."""

    def seen(self, key: TokenKey) -> VerifiedToken | None:
        """The verified token under `key` if it is still unexpired; `None` otherwise."""
        verified = self.verified.get(key)
        if verified is None or verified.expires_at <= self._clock.timestamp():
            return None
        return verified

    def verify(self, token: str, key: TokenKey, method: AuthMethod) -> VerifiedToken:
        """The token verified (or `InvalidToken`), remembered under `key`. A verified token's
        Principal is immutable: it is built once per token, and checked on each use."""
        verified = self.seen(key)
        if verified is None:
            claims = self._codec.verify(token)  # raises for expired tokens too
            principal = Principal(
                id=claims.subject,
                kind=claims.kind,
                auth_method=method,
                session_id=claims.session_id,
                expires_at=claims.expires_at,
                authenticated_at=claims.auth_time,
            )
            verified = VerifiedToken(
                principal=principal,
                issued_at=claims.issued_at,
                expires_at=claims.expires_at,
                session=claims.session_id.int,
                user=claims.subject.int,
            )
            self.verified.put(key, verified)
        return verified

    def admit(self, verified: VerifiedToken) -> Principal:
        """The token's caller, unless its session or user was revoked after it was issued."""
        if self._revocations.revoked.is_revoked(
            verified.session, verified.user, verified.issued_at
        ):
            raise InvalidToken()
        return verified.principal
