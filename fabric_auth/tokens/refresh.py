"""Refresh tokens: opaque, 256-bit, derived so that a session's successor is reproducible.

A session keeps a random salt and a generation counter. The token of generation *n* is
`HMAC(key, session_id . salt . n)`: only the server (holding the key) can compute it, the store
keeps only its SHA-256, and any instance that sees a duplicate refresh inside the grace window can
hand out the very same successor without coordinating through Redis.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from uuid import UUID


def hash_token(token: str) -> str:
    """SHA-256 hex of a high-entropy token: the only form the store keeps."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_salt() -> str:
    return secrets.token_hex(16)


class RefreshTokenDeriver:
    def __init__(self, key: bytes) -> None:
        self._key = key

    def token(self, session_id: UUID, salt: str, generation: int) -> str:
        message = f"{session_id}.{salt}.{generation}".encode()
        digest = hmac.new(self._key, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
