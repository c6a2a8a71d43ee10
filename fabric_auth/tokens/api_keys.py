"""The API key format. Pure: no I/O.

A key reads `<prefix><body><checksum>`:

- `prefix` names the product and the owner kind: `fa_` for a user's key, `fas_` for a service
  account's, so secret scanners can match leaked keys by pattern
  (`\\bfas?_[0-9A-Za-z]{36}\\b`) and a glance tells which kind it is;
- `body`: 30 base62 characters from `secrets` (about 178 bits of randomness);
- `checksum`: CRC32 of prefix and body, 6 base62 characters, so a mistyped or truncated key is
  refused before any store query.

The store keeps the SHA-256 of the whole key (the body's entropy makes a slow hash pointless),
a short display prefix and the last four characters.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import zlib
from dataclasses import dataclass

from fabric_auth.principal import PrincipalKind

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
BODY_LENGTH = 30
CHECKSUM_LENGTH = 6
USER_PREFIX = "fa_"
SERVICE_ACCOUNT_PREFIX = "fas_"
PREFIXES = {PrincipalKind.USER: USER_PREFIX, PrincipalKind.SERVICE_ACCOUNT: SERVICE_ACCOUNT_PREFIX}
DISPLAY_LENGTH = 8
"""Characters of the body shown after the prefix in listings (not enough to guess the key)."""
_SHAPE = re.compile(
    rf"({SERVICE_ACCOUNT_PREFIX}|{USER_PREFIX})([0-9A-Za-z]{{{BODY_LENGTH}}})"
    rf"([0-9A-Za-z]{{{CHECKSUM_LENGTH}}})"
)
_SCAN_PREFIXES = tuple(sorted(PREFIXES.values(), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class NewApiKey:
    """A freshly generated key: `raw` is shown once and never stored."""

    raw: str
    hash: str
    display_prefix: str
    last4: str


def _base62(number: int, length: int) -> str:
    digits = []
    for _ in range(length):
        number, remainder = divmod(number, 62)
        digits.append(ALPHABET[remainder])
    return "".join(reversed(digits))


def _checksum(text: str) -> str:
    return _base62(zlib.crc32(text.encode()), CHECKSUM_LENGTH)


def generate(kind: PrincipalKind) -> NewApiKey:
    """A new random key for an owner of `kind`."""
    prefix = PREFIXES[kind]
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    raw = prefix + body + _checksum(prefix + body)
    return NewApiKey(
        raw=raw,
        hash=hash_key(raw),
        display_prefix=raw[: len(prefix) + DISPLAY_LENGTH],
        last4=raw[-4:],
    )


def looks_like_key(token: str) -> bool:
    """Whether a bearer token is meant as an API key (prefix only: cheap, no decoding)."""
    return token.startswith(_SCAN_PREFIXES)


def kind_of(raw: str) -> PrincipalKind | None:
    """The owner kind a well-formed key names, or `None` when the key is malformed: wrong
    prefix, length, characters or checksum."""
    match = _SHAPE.fullmatch(raw)
    if match is None:
        return None
    prefix, body, checksum = match.groups()
    if not secrets.compare_digest(_checksum(prefix + body), checksum):
        return None
    return PrincipalKind.SERVICE_ACCOUNT if prefix == SERVICE_ACCOUNT_PREFIX else PrincipalKind.USER


def hash_key(raw: str) -> str:
    """What the store keeps: SHA-256, hex."""
    return hashlib.sha256(raw.encode()).hexdigest()
