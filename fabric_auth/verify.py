"""Verify fabric-auth access tokens in another service, with only PyJWT (and `cryptography`).

This module imports nothing from fabric-auth's server side (no FastAPI, no Tortoise): a service
may `pip install fabric-auth` and use only this, or copy this one file.

```python
from fabric_auth.verify import TokenVerifier, TokenVerificationError

verifier = TokenVerifier(
    "https://auth.example.com/.well-known/jwks.json",
    issuer="fabric-auth",           # FABRIC_AUTH_JWT_ISSUER of the auth service
    audience="fabric-auth",         # FABRIC_AUTH_JWT_AUDIENCE
)
token = verifier.verify(bearer_token)          # or: await verifier.averify(bearer_token)
token.subject, token.claims["sid"]
```

Keys are cached. A token naming an unknown `kid` triggers a JWKS fetch, but at most one per
`min_refresh_interval` seconds however many such tokens arrive, so random kids cannot make the
verifier hammer the auth service; the cache is also refreshed when older than `cache_ttl`.
Checked: signature with the key named by `kid`, the algorithm (allowlist, and it must be the
key's own), issuer, audience, `typ` = `access`, expiry and the required claims.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jwt

__all__ = ["JwksKeys", "TokenVerificationError", "TokenVerifier", "VerifiedToken"]

REQUIRED_CLAIMS = ("sub", "sid", "typ", "iss", "aud", "exp", "iat", "jti")
ACCESS_TOKEN_TYPE = "access"

Fetch = Callable[[str, float], bytes]
"""Fetch a URL (with a timeout in seconds) and return the body; raise on failure."""


class TokenVerificationError(Exception):
    """The token is not a valid access token of the configured issuer; answer 401."""


@dataclass(frozen=True, slots=True)
class VerifiedToken:
    subject: str
    """The user's or service account's id."""
    claims: Mapping[str, Any]
    key_id: str
    algorithm: str


def _fetch_url(url: str, timeout: float) -> bytes:
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"JWKS URL must be http(s): {url}")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        body: bytes = response.read()
        return body


class JwksKeys:
    """The keys of one JWKS URL, fetched when needed and never more than once per
    `min_refresh_interval` seconds, whatever the tokens presented say: a storm of unknown
    `kid`s costs at most one fetch per interval. A failed fetch keeps the old keys."""

    def __init__(
        self,
        jwks_url: str,
        *,
        min_refresh_interval: float = 60.0,
        cache_ttl: float = 600.0,
        timeout: float = 5.0,
        fetch: Fetch = _fetch_url,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.jwks_url = jwks_url
        self.min_refresh_interval = min_refresh_interval
        self.cache_ttl = cache_ttl
        self.timeout = timeout
        self._fetch = fetch
        self._monotonic = monotonic
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        self._lock = threading.Lock()
        self._fetching = False
        self.fetches = 0
        """How many times the JWKS was fetched (for monitoring)."""

    def get(self, kid: str) -> jwt.PyJWK | None:
        """The key named `kid`, fetching the JWKS first if needed (blocking)."""
        if self.needs_refresh(kid):
            self.refresh()
        return self._keys.get(kid)

    async def aget(self, kid: str) -> jwt.PyJWK | None:
        """`get` without blocking the event loop: a needed fetch runs in a worker thread."""
        if self.needs_refresh(kid):
            await asyncio.to_thread(self.refresh)
        return self._keys.get(kid)

    def needs_refresh(self, kid: str) -> bool:
        """Whether to call `refresh` first: the keys are stale or lack `kid` and a fetch is
        allowed, or a fetch is under way (`refresh` then waits for it, rather than the caller
        going on without the keys it brings)."""
        if self._fetching:
            return True
        now = self._monotonic()
        stale = self._fetched_at is None or now - self._fetched_at >= self.cache_ttl
        return (stale or kid not in self._keys) and self._may_fetch(now)

    def _may_fetch(self, now: float) -> bool:
        last = self._attempted_at
        return last is None or now - last >= self.min_refresh_interval

    def refresh(self) -> None:
        """Fetch the JWKS unless another thread just did (or tried); keep the old keys if the
        fetch fails. Raises `TokenVerificationError` when it fails and no keys are known."""
        with self._lock:
            now = self._monotonic()
            if not self._may_fetch(now):
                return
            self._attempted_at = now
            self.fetches += 1
            self._fetching = True
            try:
                document = json.loads(self._fetch(self.jwks_url, self.timeout))
                keys = {}
                for entry in document.get("keys", []):
                    if isinstance(entry, dict) and isinstance(entry.get("kid"), str):
                        try:
                            keys[entry["kid"]] = jwt.PyJWK(entry)
                        except jwt.PyJWTError:
                            continue  # a key type this PyJWT cannot use: skip it
            except (OSError, ValueError, AttributeError) as exc:
                if not self._keys:
                    raise TokenVerificationError(f"cannot fetch {self.jwks_url}: {exc}") from exc
                return
            finally:
                self._fetching = False
            self._keys = keys
            self._fetched_at = now


class TokenVerifier:
    def __init__(
        self,
        jwks_url: str,
        *,
        issuer: str,
        audience: str,
        algorithms: Sequence[str] = ("EdDSA", "ES256"),
        min_refresh_interval: float = 60.0,
        cache_ttl: float = 600.0,
        leeway: float = 0.0,
        timeout: float = 5.0,
        fetch: Fetch = _fetch_url,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """
        `algorithms`: the allowlist; HS256 is never accepted here (its key is not public).
        `min_refresh_interval`: seconds between two JWKS fetches, whatever the tokens say.
        `cache_ttl`: seconds after which the keys are refetched on the next verification.
        `leeway`: seconds of clock skew tolerated on `exp`.
        """
        self.issuer = issuer
        self.audience = audience
        self.algorithms = tuple(a for a in algorithms if not a.startswith("HS"))
        self.leeway = leeway
        self.keys = JwksKeys(
            jwks_url,
            min_refresh_interval=min_refresh_interval,
            cache_ttl=cache_ttl,
            timeout=timeout,
            fetch=fetch,
            monotonic=monotonic,
        )

    @property
    def jwks_url(self) -> str:
        return self.keys.jwks_url

    @property
    def fetches(self) -> int:
        """How many times the JWKS was fetched (for monitoring)."""
        return self.keys.fetches

    # --- verifying ---------------------------------------------------------------------

    def verify(self, token: str) -> VerifiedToken:
        """Verify, fetching the JWKS first if needed (blocking)."""
        kid = self._kid(token)
        return self._verify_with(token, kid, self.keys.get(kid))

    async def averify(self, token: str) -> VerifiedToken:
        """Verify without blocking the event loop: a needed fetch runs in a worker thread."""
        kid = self._kid(token)
        return self._verify_with(token, kid, await self.keys.aget(kid))

    def _kid(self, token: str) -> str:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenVerificationError("malformed token") from exc
        kid = header.get("kid")
        if not isinstance(kid, str) or header.get("alg") not in self.algorithms:
            raise TokenVerificationError("token has no kid or an algorithm not allowed")
        return kid

    def _verify_with(self, token: str, kid: str, key: jwt.PyJWK | None) -> VerifiedToken:
        if key is None:
            raise TokenVerificationError(f"unknown signing key {kid!r}")
        algorithm = key.algorithm_name
        if algorithm not in self.algorithms:
            raise TokenVerificationError(f"key {kid!r} uses an algorithm not allowed")
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=[algorithm],
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": list(REQUIRED_CLAIMS)},
            )
        except jwt.PyJWTError as exc:
            raise TokenVerificationError(str(exc)) from exc
        if claims.get("typ") != ACCESS_TOKEN_TYPE:
            raise TokenVerificationError("not an access token")
        return VerifiedToken(str(claims["sub"]), claims, kid, algorithm)
