"""Token primitives, pure and I/O-free: access JWTs, refresh-token derivation, key derivation."""

from fabric_auth.tokens.access import AccessClaims, AccessTokenCodec, IssuedAccessToken
from fabric_auth.tokens.keys import derive_key
from fabric_auth.tokens.refresh import RefreshTokenDeriver, hash_token

__all__ = [
    "AccessClaims",
    "AccessTokenCodec",
    "IssuedAccessToken",
    "RefreshTokenDeriver",
    "derive_key",
    "hash_token",
]
