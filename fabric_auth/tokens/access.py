"""Access tokens: short-lived JWTs (HS256, EdDSA or ES256), each naming its key by `kid`.

The key is looked up by `kid` in the in-memory key ring and the token must use exactly that key's
algorithm: an unknown (forged) kid, or a token claiming another algorithm than its key's (the
"HS256 with the public key as secret" confusion), is refused.

Verification results are memoised per token string. An access token is immutable and its
signature either holds or not, so a token seen before needs no second HMAC and no JSON parsing:
that is what makes the authenticated hot path nearly free. Revocation is checked separately, on
every request, against the in-memory revocation set.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

import jwt

from fabric_auth.cache import BoundedCache
from fabric_auth.exceptions import InvalidToken
from fabric_auth.principal import Principal, PrincipalKind
from fabric_auth.tokens.keys import KeyRing

ACCESS_TOKEN_TYPE = "access"
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
    auth_time: int | None = None
    """When the user signed in to the session (OpenID Connect's `auth_time`); tokens issued
    before this claim existed have none."""


@dataclass(frozen=True, slots=True)
class VerifiedToken:
    """A verified access token as the request path keeps it: the caller it names, built once,
    and what every use re-checks (expiry, and revocation by session or user)."""

    principal: Principal
    issued_at: float
    expires_at: float
    session: int | None
    """The session id as `UUID.int`, the revocation list's key (see `RevocationList`)."""
    user: int
    """The subject's id as `UUID.int`."""


@dataclass(frozen=True, slots=True)
class IssuedAccessToken:
    token: str
    expires_in: int
    """Seconds until expiry."""
    claims: AccessClaims


class AccessTokenCodec:
    def __init__(
        self,
        keys: KeyRing,
        *,
        issuer: str,
        audience: str,
        ttl: int,
        now: Callable[[], float],
    ) -> None:
        self.keys = keys
        self._issuer = issuer
        self._audience = audience
        self._ttl = ttl
        self._now = now
        self._verified: BoundedCache[str, AccessClaims] = BoundedCache(_CACHE_SIZE)

    def use_keys(self, keys: KeyRing) -> None:
        """Swap in a new key ring (after a reload or rotation); tokens already verified stay so."""
        self.keys = keys

    def issue(
        self,
        subject: UUID,
        session_id: UUID,
        kind: PrincipalKind,
        auth_time: float | None = None,
    ) -> IssuedAccessToken:
        """A token for `subject` in `session_id`; `auth_time` is when that session's sign-in
        happened (default: now)."""
        issued_at = round(self._now(), 3)
        claims = AccessClaims(
            subject=subject,
            session_id=session_id,
            kind=kind,
            issued_at=issued_at,
            expires_at=int(issued_at) + self._ttl,
            token_id=secrets.token_urlsafe(12),
            auth_time=int(issued_at if auth_time is None else auth_time),
        )
        payload: dict[str, object] = {
            "sub": str(subject),
            "sid": str(session_id),
            "typ": ACCESS_TOKEN_TYPE,
            "iss": self._issuer,
            "aud": self._audience,
            "iat": claims.issued_at,
            "exp": claims.expires_at,
            "jti": claims.token_id,
            "auth_time": claims.auth_time,
        }
        if kind is not PrincipalKind.USER:
            payload["knd"] = kind.value
        signer = self.keys.signer(self._now())
        # Every byte of the token is parsed by the server on every request (under uvicorn's h11,
        # about 90 CPU instructions a character): the optional header `typ` and the default
        # `knd` are left out.
        token = jwt.encode(
            payload,
            signer.key,
            algorithm=signer.algorithm,
            headers={"kid": signer.kid, "typ": None},
        )
        return IssuedAccessToken(token=token, expires_in=self._ttl, claims=claims)

    def verify(self, token: str) -> AccessClaims:
        """Return the claims of a valid, unexpired token or raise `InvalidToken`."""
        claims = self._verified.get(token)
        if claims is None:
            claims = self._verified.put(token, self._decode(token))
        if claims.expires_at <= self._now():
            raise InvalidToken()
        return claims

    def _decode(self, token: str) -> AccessClaims:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            key = self.keys.verifier(kid) if isinstance(kid, str) else None
            if key is None or (key.valid_until is not None and key.valid_until <= self._now()):
                raise InvalidToken()
            payload = jwt.decode(
                token,
                key.key,
                algorithms=[key.algorithm],
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
            auth_time = payload.get("auth_time")
            return AccessClaims(
                subject=UUID(payload["sub"]),
                session_id=UUID(payload["sid"]),
                kind=PrincipalKind(payload.get("knd", PrincipalKind.USER.value)),
                issued_at=float(payload["iat"]),
                expires_at=int(payload["exp"]),
                token_id=str(payload["jti"]),
                auth_time=None if auth_time is None else int(auth_time),
            )
        except (jwt.PyJWTError, ValueError, TypeError, KeyError) as exc:
            raise InvalidToken() from exc
