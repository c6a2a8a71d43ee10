"""Access tokens: short-lived HS256 JWTs, verified with an algorithm allowlist.

Verification results are memoised per token string. An access token is immutable and its
signature either holds or not, so a token seen before needs no second HMAC and no JSON parsing:
that is what makes the authenticated hot path nearly free. Revocation is checked separately, on
every request, against the in-memory revocation set.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

import jwt

from fabric_auth.exceptions import InvalidToken
from fabric_auth.principal import PrincipalKind

ACCESS_TOKEN_TYPE = "access"
ALGORITHM = "HS256"
REQUIRED_CLAIMS = ("sub", "sid", "typ", "iss", "aud", "exp", "iat", "jti")
_CACHE_SIZE = 10_000


@dataclass(frozen=True, slots=True)
class AccessClaims:
    subject: UUID
    session_id: UUID
    kind: PrincipalKind
    issued_at: float
    """With millisecond precision: a revocation in the same second must not catch later tokens."""
    expires_at: int
    token_id: str


@dataclass(frozen=True, slots=True)
class IssuedAccessToken:
    token: str
    expires_in: int
    """Seconds until expiry."""
    claims: AccessClaims


class AccessTokenCodec:
    def __init__(
        self,
        key: bytes,
        *,
        issuer: str,
        audience: str,
        ttl: int,
        now: Callable[[], float],
    ) -> None:
        self._key = key
        self._issuer = issuer
        self._audience = audience
        self._ttl = ttl
        self._now = now
        self.kid = "hs256-" + hashlib.sha256(key).hexdigest()[:12]
        self._verified: dict[str, AccessClaims] = {}

    def issue(self, subject: UUID, session_id: UUID, kind: PrincipalKind) -> IssuedAccessToken:
        issued_at = round(self._now(), 3)
        claims = AccessClaims(
            subject=subject,
            session_id=session_id,
            kind=kind,
            issued_at=issued_at,
            expires_at=int(issued_at) + self._ttl,
            token_id=secrets.token_urlsafe(12),
        )
        payload = {
            "sub": str(subject),
            "sid": str(session_id),
            "typ": ACCESS_TOKEN_TYPE,
            "knd": kind.value,
            "iss": self._issuer,
            "aud": self._audience,
            "iat": claims.issued_at,
            "exp": claims.expires_at,
            "jti": claims.token_id,
        }
        token = jwt.encode(payload, self._key, algorithm=ALGORITHM, headers={"kid": self.kid})
        return IssuedAccessToken(token=token, expires_in=self._ttl, claims=claims)

    def verify(self, token: str) -> AccessClaims:
        """Return the claims of a valid, unexpired token or raise `InvalidToken`."""
        claims = self._verified.get(token)
        if claims is None:
            claims = self._decode(token)
            if len(self._verified) >= _CACHE_SIZE:
                # Oldest entries first: dicts keep insertion order.
                for stale in list(self._verified)[: _CACHE_SIZE // 4]:
                    del self._verified[stale]
            self._verified[token] = claims
        if claims.expires_at <= self._now():
            self._verified.pop(token, None)
            raise InvalidToken()
        return claims

    def _decode(self, token: str) -> AccessClaims:
        try:
            payload = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                # Expiry is checked against our own clock in `verify`, on every call.
                options={
                    "require": list(REQUIRED_CLAIMS),
                    "verify_exp": False,
                    "verify_iat": False,
                },
            )
            if payload["typ"] != ACCESS_TOKEN_TYPE:
                raise InvalidToken()
            return AccessClaims(
                subject=UUID(payload["sub"]),
                session_id=UUID(payload["sid"]),
                kind=PrincipalKind(payload.get("knd", PrincipalKind.USER.value)),
                issued_at=float(payload["iat"]),
                expires_at=int(payload["exp"]),
                token_id=str(payload["jti"]),
            )
        except (jwt.PyJWTError, ValueError, TypeError, KeyError) as exc:
            raise InvalidToken() from exc
