"""Sub-keys derived from the one configured secret, so no two purposes share a key."""

from __future__ import annotations

import hashlib
import hmac


def derive_key(secret: bytes, purpose: str) -> bytes:
    """HMAC-SHA256 based derivation: a distinct 32-byte key per purpose."""
    return hmac.new(secret, b"fabric-auth/" + purpose.encode(), hashlib.sha256).digest()
