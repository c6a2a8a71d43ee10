"""The API key format: prefix, randomness, checksum, what the store keeps."""

from __future__ import annotations

import hashlib
import math
import re

from fabric_auth.principal import PrincipalKind
from fabric_auth.tokens import api_keys

SCANNER_PATTERN = re.compile(r"^fas?_[0-9A-Za-z]{36}$")


def test_keys_name_their_kind_and_match_the_scanner_pattern() -> None:
    """User keys start fa_, service-account keys fas_, both match the documented pattern."""
    user = api_keys.generate(PrincipalKind.USER).raw
    machine = api_keys.generate(PrincipalKind.SERVICE_ACCOUNT).raw
    assert user.startswith("fa_") and machine.startswith("fas_")
    assert SCANNER_PATTERN.match(user) and SCANNER_PATTERN.match(machine)
    assert api_keys.kind_of(user) is PrincipalKind.USER
    assert api_keys.kind_of(machine) is PrincipalKind.SERVICE_ACCOUNT


def test_body_carries_at_least_160_bits() -> None:
    """The random body has at least 160 bits of base62 randomness, and keys differ."""
    assert api_keys.BODY_LENGTH * math.log2(62) >= 160
    assert len({api_keys.generate(PrincipalKind.USER).raw for _ in range(200)}) == 200


def test_any_typo_or_truncation_fails_the_checksum() -> None:
    """Changing any one character, or cutting the key short, makes it malformed."""
    raw = api_keys.generate(PrincipalKind.USER).raw
    for index in range(3, len(raw)):
        replacement = "A" if raw[index] != "A" else "B"
        assert api_keys.kind_of(raw[:index] + replacement + raw[index + 1 :]) is None
    assert api_keys.kind_of(raw[:-1]) is None
    assert api_keys.kind_of(raw + "0") is None
    assert api_keys.kind_of("fa_" + "!" * 36) is None
    assert api_keys.kind_of("") is None


def test_store_keeps_hash_display_prefix_and_last_four() -> None:
    """Only the SHA-256, a short prefix and the last four characters are meant for the store."""
    new = api_keys.generate(PrincipalKind.USER)
    assert new.hash == hashlib.sha256(new.raw.encode()).hexdigest()
    assert new.display_prefix == new.raw[:11] and new.last4 == new.raw[-4:]


def test_jwts_are_not_taken_for_keys() -> None:
    """A JWT (eyJ...) is never mistaken for a key; keys are told apart by prefix alone."""
    assert not api_keys.looks_like_key("eyJhbGciOiJIUzI1NiJ9.e30.sig")
    assert api_keys.looks_like_key(api_keys.generate(PrincipalKind.USER).raw)
