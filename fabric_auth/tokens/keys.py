"""Signing keys, pure and I/O-free: sub-keys of the secret, asymmetric key pairs, the key ring.

The key ring is what the access-token codec consults on every token it has not seen before:
a dict look-up by `kid`, no I/O. `services.signing_keys` builds rings from the store and swaps
them in whole.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from jwt.algorithms import ECAlgorithm, OKPAlgorithm

HS256 = "HS256"


def derive_key(secret: bytes, purpose: str) -> bytes:
    """HMAC-SHA256 based derivation: a distinct 32-byte key per purpose."""
    return hmac.new(secret, b"fabric-auth/" + purpose.encode(), hashlib.sha256).digest()


@dataclass(frozen=True, slots=True)
class VerificationKey:
    kid: str
    algorithm: str
    key: Any
    """`bytes` for HS256, a `cryptography` public key otherwise."""
    valid_until: float | None = None
    """Unix time after which no token this key signed can be valid (the key was retired)."""
    public_jwk: Mapping[str, Any] | None = None
    """The RFC 7517 form published in the JWKS; `None` for secret (HS256) keys."""


@dataclass(frozen=True, slots=True)
class Signer:
    kid: str
    algorithm: str
    key: Any
    """`bytes` for HS256, a `cryptography` private key otherwise."""
    active_from: float = 0.0
    """Unix time from which this key signs new tokens."""


@dataclass(frozen=True, slots=True)
class KeyRing:
    """The keys tokens are signed with (the newest active one wins) and verified with (by kid)."""

    signers: tuple[Signer, ...]
    verifiers: Mapping[str, VerificationKey] = field(default_factory=dict)

    @classmethod
    def symmetric(cls, key: bytes) -> KeyRing:
        """One HS256 key: it signs and verifies; it is never published."""
        kid = "hs256-" + hashlib.sha256(key).hexdigest()[:12]
        return cls((Signer(kid, HS256, key),), {kid: VerificationKey(kid, HS256, key)})

    def signer(self, now: float) -> Signer:
        if not self.signers:
            raise LookupError("no usable signing key: see `fabric-auth signing-keys rotate`")
        active = [signer for signer in self.signers if signer.active_from <= now]
        return max(active or self.signers, key=lambda signer: signer.active_from)

    def verifier(self, kid: str) -> VerificationKey | None:
        return self.verifiers.get(kid)

    def jwks(self) -> dict[str, list[Mapping[str, Any]]]:
        """The public keys, as a JSON Web Key Set (RFC 7517)."""
        return {"keys": [k.public_jwk for k in self.verifiers.values() if k.public_jwk]}


@dataclass(frozen=True, slots=True)
class GeneratedKey:
    kid: str
    algorithm: str
    private_pem: bytes
    public_jwk: dict[str, Any]


def generate_key(algorithm: str) -> GeneratedKey:
    """A fresh EdDSA (Ed25519) or ES256 (P-256) key pair with a random kid."""
    private_key: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey
    if algorithm == "EdDSA":
        private_key = ed25519.Ed25519PrivateKey.generate()
    elif algorithm == "ES256":
        private_key = ec.generate_private_key(ec.SECP256R1())
    else:
        raise ValueError(f"not an asymmetric signing algorithm: {algorithm}")
    kid = f"{algorithm.lower()}-{secrets.token_hex(8)}"
    pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return GeneratedKey(kid, algorithm, pem, public_jwk(kid, algorithm, private_key.public_key()))


def public_jwk(kid: str, algorithm: str, public_key: Any) -> dict[str, Any]:
    jwk = (
        OKPAlgorithm.to_jwk(public_key, as_dict=True)
        if algorithm == "EdDSA"
        else ECAlgorithm.to_jwk(public_key, as_dict=True)
    )
    return {**jwk, "kid": kid, "alg": algorithm, "use": "sig"}


def public_key_of(jwk: Mapping[str, Any]) -> Any:
    """The `cryptography` public key of a JWK we published."""
    algorithm = OKPAlgorithm() if jwk["alg"] == "EdDSA" else ECAlgorithm(ECAlgorithm.SHA256)
    return algorithm.from_jwk(dict(jwk))


def load_private_key(pem: bytes) -> Any:
    return serialization.load_pem_private_key(pem, password=None)


def seal(key: bytes, context: str, data: bytes) -> str:
    """AES-256-GCM with a random nonce, bound to `context` (the row it belongs to), so a value
    at rest is useless without the secret and cannot be moved to another row."""
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(key).encrypt(nonce, data, context.encode())
    return base64.b64encode(nonce + sealed).decode()


def unseal(key: bytes, context: str, sealed: str) -> bytes:
    """Raises `cryptography.exceptions.InvalidTag` when the secret or the context is not the one
    it was sealed with."""
    raw = base64.b64decode(sealed)
    return AESGCM(key).decrypt(raw[:12], raw[12:], context.encode())


def encrypt_private_key(key: bytes, kid: str, pem: bytes) -> str:
    """A signing key's private half, sealed to its kid."""
    return seal(key, kid, pem)


def decrypt_private_key(key: bytes, kid: str, sealed: str) -> bytes:
    return unseal(key, kid, sealed)


def ring_of(signers: Iterable[Signer], verifiers: Iterable[VerificationKey]) -> KeyRing:
    return KeyRing(tuple(signers), {key.kid: key for key in verifiers})
