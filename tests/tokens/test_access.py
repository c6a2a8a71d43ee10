"""Access tokens read in one parse: every malformed or foreign token is `InvalidToken`."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from fabric_auth.exceptions import InvalidToken
from fabric_auth.principal import PrincipalKind
from fabric_auth.tokens.access import AccessTokenCodec
from fabric_auth.tokens.jws import MAX_TOKEN_LENGTH
from fabric_auth.tokens.keys import (
    KeyRing,
    Signer,
    VerificationKey,
    generate_key,
    load_private_key,
    public_key_of,
    ring_of,
)

SECRET = b"k" * 32
NOW = time.time()


def _codec(keys: KeyRing | None = None) -> AccessTokenCodec:
    return AccessTokenCodec(
        keys or KeyRing.symmetric(SECRET), issuer="i", audience="a", ttl=60, now=lambda: NOW
    )


def _kid(codec: AccessTokenCodec) -> str:
    return codec.keys.signers[0].kid


def _claims(**overrides: Any) -> dict[str, Any]:
    claims = {
        "sub": str(uuid.uuid4()),
        "sid": str(uuid.uuid4()),
        "typ": "access",
        "iss": "i",
        "aud": "a",
        "iat": int(NOW),
        "exp": int(NOW) + 60,
        "jti": "x",
    }
    claims.update(overrides)
    return {key: value for key, value in claims.items() if value is not None}


def _signed(codec: AccessTokenCodec, header: dict[str, Any] | None = None, **claims: Any) -> str:
    """An HS256 token of our key, built by hand so that any header or claim can be put in."""
    fields = {"alg": "HS256", "kid": _kid(codec)} if header is None else {"alg": "HS256", **header}
    return _hs256(json.dumps(fields).encode(), json.dumps(_claims(**claims)).encode())


def _hs256(header: bytes, payload: bytes) -> str:
    signing_input = f"{_segment(header)}.{_segment(payload)}"
    mac = hmac.new(SECRET, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_segment(mac)}"


def _segment(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _refused(codec: AccessTokenCodec, token: str) -> None:
    with pytest.raises(InvalidToken):
        codec.verify(token)


def test_well_formed_token_verifies() -> None:
    """Control: a token built the way the refused ones below are built verifies."""
    codec = _codec()
    claims = codec.verify(_signed(codec, aud=["b", "a"], nbf=int(NOW)))
    assert claims.token_id == "x"
    assert claims.kind is PrincipalKind.USER


@pytest.mark.parametrize(
    "suffix",
    ["=", "==", "!", "+", "/", " ", "\n", "%3D"],
    ids=["padding", "double-padding", "bang", "plus", "slash", "space", "newline", "escaped"],
)
def test_characters_outside_unpadded_base64url_are_refused(suffix: str) -> None:
    """Padding and characters outside the base64url alphabet, which `urlsafe_b64decode` would
    drop silently, make a valid token invalid wherever they are."""
    codec = _codec()
    token = _signed(codec)
    header, payload, signature = token.split(".")
    _refused(codec, f"{header}{suffix}.{payload}.{signature}")
    _refused(codec, f"{header}.{payload}{suffix}.{signature}")
    _refused(codec, f"{header}.{payload}.{signature}{suffix}")


def test_non_canonical_base64url_is_refused() -> None:
    """A signature segment whose unused trailing bits are set decodes to the same bytes, but
    it is not the token that was signed."""
    codec = _codec()
    header, payload, signature = _signed(codec).split(".")
    assert len(signature) % 4 == 3  # 32 bytes: the last character carries 2 unused bits
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    twin = signature[:-1] + alphabet[alphabet.index(signature[-1]) + 1]
    assert base64.urlsafe_b64decode(twin + "=") == base64.urlsafe_b64decode(signature + "=")
    _refused(codec, f"{header}.{payload}.{twin}")


@pytest.mark.parametrize(
    "shape",
    ["{h}.{p}.{s}.", "{h}.{p}.{s}.{s}", ".{h}.{p}.{s}", "{h}..{p}.{s}", "{h}.{p}", "{h}.{p}."],
)
def test_wrong_number_of_segments_is_refused(shape: str) -> None:
    """Extra dots, extra or missing segments: not a compact JWS."""
    codec = _codec()
    header, payload, signature = _signed(codec).split(".")
    _refused(codec, shape.format(h=header, p=payload, s=signature))


def test_huge_token_is_refused_before_decoding() -> None:
    """A header padded far beyond any token we issue is refused, signed or not."""
    codec = _codec()
    token = _signed(codec, header={"kid": _kid(codec), "pad": "x" * MAX_TOKEN_LENGTH})
    assert len(token) > MAX_TOKEN_LENGTH
    _refused(codec, token)


def test_deeply_nested_header_is_refused() -> None:
    """A header nested deeper than the JSON parser recurses is a refusal, not a crash."""
    codec = _codec()
    _, payload, signature = _signed(codec).split(".")
    nested = _segment(b"[" * 3000 + b"]" * 3000)
    _refused(codec, f"{nested}.{payload}.{signature}")


@pytest.mark.parametrize(
    "header",
    [b"[]", b'"kid"', b"null", b"not json", b"\xff\xfe"],
    ids=["array", "string", "null", "garbage", "not-utf8"],
)
def test_header_that_is_not_a_json_object_is_refused(header: bytes) -> None:
    """The header must be a JSON object."""
    codec = _codec()
    _, payload, signature = _signed(codec).split(".")
    _refused(codec, f"{_segment(header)}.{payload}.{signature}")


OURS = "our kid"


@pytest.mark.parametrize(
    "header",
    [
        {},
        {"kid": 1},
        {"kid": "unknown"},
        {"kid": None},
        {"kid": OURS, "crit": ["b64"], "b64": True},
        {"kid": OURS, "b64": False},
        {"kid": OURS, "crit": ["exp"]},
    ],
    ids=["no-kid", "int-kid", "unknown-kid", "null-kid", "crit-b64", "b64-false", "crit-unknown"],
)
def test_headers_we_do_not_issue_are_refused(header: dict[str, Any]) -> None:
    """A token must name a known key by a string kid, and ask for no extension we would have
    to understand (`crit`, RFC 7797 `b64`), even with a valid signature."""
    codec = _codec()
    if header.get("kid") == OURS:
        header = {**header, "kid": _kid(codec)}
    _refused(codec, _signed(codec, header=header))


def test_alg_must_be_the_keys_own() -> None:
    """The key named by kid decides the algorithm: HS256 with the public key of an ES256 kid
    as the HMAC secret (the classic confusion) and alg=none are both refused."""
    generated = generate_key("ES256")
    private = load_private_key(generated.private_pem)
    public = public_key_of(generated.public_jwk)
    ring = ring_of(
        [Signer(generated.kid, "ES256", private)],
        [VerificationKey(generated.kid, "ES256", public, public_jwk=generated.public_jwk)],
    )
    codec = _codec(ring)
    genuine = codec.issue(uuid.uuid4(), uuid.uuid4(), PrincipalKind.USER).token
    assert codec.verify(genuine).kind is PrincipalKind.USER
    pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    _, payload, _ = genuine.split(".")
    confused_header = _segment(json.dumps({"alg": "HS256", "kid": generated.kid}).encode())
    signing_input = f"{confused_header}.{payload}".encode()
    mac = _segment(hmac.new(pem, signing_input, hashlib.sha256).digest())
    _refused(codec, f"{confused_header}.{payload}.{mac}")
    none_header = _segment(json.dumps({"alg": "none", "kid": generated.kid}).encode())
    _refused(codec, f"{none_header}.{payload}.")
    _refused(codec, f"{none_header}.{payload}.{_segment(b'x')}")


def test_retired_key_is_refused() -> None:
    """A token of a key past its `valid_until` is refused, although its signature holds."""
    codec = _codec()
    kid = _kid(codec)
    token = _signed(codec)
    codec.use_keys(
        KeyRing(codec.keys.signers, {kid: VerificationKey(kid, "HS256", SECRET, NOW - 1)})
    )
    _refused(codec, token)


def test_key_swapped_under_the_same_kid_is_prepared_again() -> None:
    """A ring that reuses a kid with another key verifies with the new key, not a cached one."""
    codec = _codec()
    kid = _kid(codec)
    assert codec.verify(_signed(codec)).token_id == "x"
    other = b"o" * 32
    codec.use_keys(
        KeyRing((Signer(kid, "HS256", other),), {kid: VerificationKey(kid, "HS256", other)})
    )
    _refused(codec, _signed(codec, jti="y"))
    assert codec.verify(codec.issue(uuid.uuid4(), uuid.uuid4(), PrincipalKind.USER).token)


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": 1},
        {"sid": ["x"]},
        {"jti": 5},
        {"iss": ["i"]},
        {"aud": ["b"]},
        {"aud": ["a", 1]},
        {"aud": {"a": 1}},
        {"aud": []},
        {"typ": None},
        {"iat": None},
        {"iat": "soon"},
        {"exp": "never"},
        {"exp": 1e400},
        {"nbf": int(NOW) + 60},
        {"nbf": "later"},
        {"knd": "robot"},
        {"auth_time": "then"},
    ],
)
def test_claims_of_the_wrong_type_or_value_are_refused(claims: dict[str, Any]) -> None:
    """Signed by our key, but a claim is missing, of the wrong type, foreign, or not yet
    valid: `InvalidToken`, never another exception."""
    codec = _codec()
    _refused(codec, _signed(codec, **claims))


def test_payload_that_is_not_a_json_object_is_refused() -> None:
    """A correctly signed payload that is a JSON array is refused."""
    codec = _codec()
    header = json.dumps({"alg": "HS256", "kid": _kid(codec)}).encode()
    _refused(codec, _hs256(header, b"[1, 2]"))
