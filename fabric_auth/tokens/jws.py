"""Compact JWS (RFC 7515) read in one pass: the three segments split and decoded once, the
signature checked with a key prepared once.

PyJWT reads a token twice when the key depends on the header (`get_unverified_header`, then
`decode`), and checks base64 character by character in Python. Here one regular expression
proves every segment is unpadded base64url, the header and the payload are each decoded once,
and the signature is verified by PyJWT's own algorithm objects (`jwt.algorithms`): no
cryptography of our own. What the claims must say is the caller's business
(`tokens.access`).
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from typing import Any

from jwt.algorithms import Algorithm, get_default_algorithms

ALLOWED_ALGORITHMS = frozenset({"HS256", "EdDSA", "ES256"})
"""Every algorithm a key of ours may have; a token's `alg` must also be its own key's."""

MAX_TOKEN_LENGTH = 8192
"""Longer than any token we issue by far; a longer one is refused before it is decoded."""

_COMPACT = re.compile(r"([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)")
# The last character of a segment whose length is 2 or 3 modulo 4 carries 4 or 2 unused bits,
# which must be zero: otherwise several strings decode to the same bytes (PyJWT refuses them
# too, by encoding the bytes again).
_CANONICAL_LAST = {0: "", 2: "AQgw", 3: "AEIMQUYcgkosw048"}
_PADDING = {0: "", 2: "==", 3: "="}


class MalformedToken(ValueError):
    """The token is not a compact JWS we could have issued."""


def b64url_decode(segment: str) -> bytes:
    """Strict base64url without padding (the alphabet is the caller's regular expression's)."""
    remainder = len(segment) % 4
    canonical = _CANONICAL_LAST.get(remainder)
    if canonical is None or (canonical and segment[-1] not in canonical):
        raise MalformedToken("not canonical base64url")
    return base64.urlsafe_b64decode(segment + _PADDING[remainder])


def _json_object(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except RecursionError as exc:
        raise MalformedToken("JSON nested too deep") from exc
    if not isinstance(value, dict):
        raise MalformedToken("not a JSON object")
    return value


@dataclass(frozen=True, slots=True)
class CompactToken:
    """A compact JWS split and its header decoded; the payload stays encoded until asked for,
    so that a token with a bad signature costs no JSON parse of it."""

    header: dict[str, Any]
    signing_input: bytes
    payload_segment: str
    signature: bytes

    @classmethod
    def parse(cls, token: str) -> CompactToken:
        """`MalformedToken` unless `token` is three non-empty base64url segments, the first a
        JSON object."""
        match = _COMPACT.fullmatch(token) if len(token) <= MAX_TOKEN_LENGTH else None
        if match is None:
            raise MalformedToken("not three base64url segments")
        header_segment, payload_segment, signature_segment = match.groups()
        return cls(
            header=_json_object(b64url_decode(header_segment)),
            signing_input=token[: match.end(2)].encode("ascii"),
            payload_segment=payload_segment,
            signature=b64url_decode(signature_segment),
        )

    def payload(self) -> dict[str, Any]:
        """The payload as a JSON object, or `MalformedToken`."""
        return _json_object(b64url_decode(self.payload_segment))


class PreparedKey:
    """A verification key as its algorithm object wants it, prepared once (PyJWT prepares the
    key again on every `decode`)."""

    __slots__ = ("_algorithm", "_key", "algorithm", "source")

    def __init__(self, algorithm: str, key: Any, source: object) -> None:
        if algorithm not in ALLOWED_ALGORITHMS:
            raise MalformedToken(f"algorithm {algorithm} is not allowed")
        self.algorithm = algorithm
        self.source = source
        """What this was prepared from, to notice when the key ring replaced it."""
        self._algorithm: Algorithm = get_default_algorithms()[algorithm]
        self._key = self._algorithm.prepare_key(key)

    def verify(self, token: CompactToken) -> bool:
        """Whether `token` claims exactly this key's algorithm, understands every header it
        must, and carries a valid signature by this key."""
        header = token.header
        if header.get("alg") != self.algorithm or "crit" in header or "b64" in header:
            return False
        return bool(self._algorithm.verify(token.signing_input, self._key, token.signature))
