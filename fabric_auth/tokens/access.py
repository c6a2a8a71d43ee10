"""Access tokens: short-lived JWTs (HS256, EdDSA or ES256), each naming its key by `kid`.

The key is looked up by `kid` in the in-memory key ring and the token must use exactly that key's
algorithm: an unknown (forged) kid, or a token claiming another algorithm than its key's (the
"HS256 with the public key as secret" confusion), is refused.

A token is read once (`tokens.jws`): the header names the key, the signature is checked with
that key prepared once, and only then is the payload decoded and every claim checked here.

Verification results are memoised per token string. An access token is immutable and its
signature either holds or not, so a token seen before needs no second HMAC and no JSON parsing:
that is what makes the authenticated hot path nearly free. Revocation is checked separately, on
every request, against the in-memory revocation set.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import jwt

from fabric_auth.cache import BoundedCache
from fabric_auth.exceptions import InvalidToken
from fabric_auth.principal import Principal, PrincipalKind
from fabric_auth.tokens.jws import CompactToken, PreparedKey
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
        self._prepared: dict[str, PreparedKey] = {}

    def use_keys(self, keys: KeyRing) -> None:
        """Swap in a new key ring (after a reload or rotation); tokens already verified stay so."""
        self.keys = keys
        self._prepared = {}

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
        """One parse: the header and the signature first, the payload only once the signature
        holds; then every claim, as RFC 8725 asks."""
        try:
            compact = CompactToken.parse(token)
            key = self._key_for(compact.header.get("kid"))
            if key is None or not key.verify(compact):
                raise InvalidToken()
            return self._claims(compact.payload())
        except (jwt.PyJWTError, ValueError, TypeError, KeyError, OverflowError) as exc:
            raise InvalidToken() from exc

    def _key_for(self, kid: object) -> PreparedKey | None:
        """The prepared key named `kid` in the current ring, unless retired; `None` for a kid
        we do not know (forged, or from a ring swapped out)."""
        key = self.keys.verifier(kid) if isinstance(kid, str) else None
        if key is None or (key.valid_until is not None and key.valid_until <= self._now()):
            return None
        prepared = self._prepared.get(key.kid)
        if prepared is None or prepared.source is not key:
            prepared = self._prepared[key.kid] = PreparedKey(key.algorithm, key.key, key)
        return prepared

    def _is_audience(self, audience: object) -> bool:
        """`aud` is our audience, or a list of strings naming it (RFC 7519 4.1.3)."""
        if isinstance(audience, str):
            return audience == self._audience
        return (
            isinstance(audience, list)
            and all(isinstance(entry, str) for entry in audience)
            and self._audience in audience
        )

    def _claims(self, payload: dict[str, Any]) -> AccessClaims:
        """The claims of a payload whose signature holds, or `InvalidToken` if one is missing,
        of the wrong type, or not ours (issuer, audience, token type), or not yet valid
        (`nbf`). Expiry is checked by `verify`, on every use."""
        if any(payload.get(claim) is None for claim in REQUIRED_CLAIMS):
            raise InvalidToken()
        subject, session, token_id = payload["sub"], payload["sid"], payload["jti"]
        if not (
            isinstance(subject, str) and isinstance(session, str) and isinstance(token_id, str)
        ):
            raise InvalidToken()
        if payload["iss"] != self._issuer or payload["typ"] != ACCESS_TOKEN_TYPE:
            raise InvalidToken()
        if not self._is_audience(payload["aud"]):
            raise InvalidToken()
        not_before = payload.get("nbf")
        if not_before is not None and int(not_before) > self._now():
            raise InvalidToken()
        auth_time = payload.get("auth_time")
        return AccessClaims(
            subject=UUID(subject),
            session_id=UUID(session),
            kind=PrincipalKind(payload.get("knd", PrincipalKind.USER.value)),
            issued_at=float(payload["iat"]),
            expires_at=int(payload["exp"]),
            token_id=token_id,
            auth_time=None if auth_time is None else int(auth_time),
        )
