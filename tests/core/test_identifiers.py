"""Identifier keys and the refusal of invisible characters and mixed scripts."""

from __future__ import annotations

import pytest

from fabric_auth.exceptions import InvalidIdentifier, InvalidInput
from fabric_auth.identifiers import (
    AccountIdentifiers,
    Collision,
    colliding,
    email_key,
    identifier_key,
    username_key,
)

# Escaped: the point of these values is that they look like others.
CAFE_NFC = "caf\u00e9"
CAFE_NFD = "cafe\u0301"
FULLWIDTH_USER = "\uff55\uff53\uff45\uff52"  # "user" in fullwidth letters
CYRILLIC_A = "\u0430"
ZERO_WIDTH_SPACE = "\u200b"
RUSSIAN = "\u043f\u043e\u043b\u044c\u0437\u043e\u0432\u0430\u0442\u0435\u043b\u044c"
JAPANESE = "\u30e6\u30fc\u30b6\u30fc"  # katakana, with the prolonged sound mark (Common)
HAN_AND_KANA = "\u5c71\u7530\u305f\u308d\u3046"  # kanji and hiragana, one Japanese name


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        (CAFE_NFD.upper(), CAFE_NFC),
        (CAFE_NFC, CAFE_NFC),
        (FULLWIDTH_USER, "user"),
        ("USER", "user"),
        ("Stra\u00dfe", "strasse"),
        (f"us{ZERO_WIDTH_SPACE}er", "user"),  # a stored one: keys drop default ignorables
    ],
)
def test_keys_are_nfkc_casefold(typed: str, key: str) -> None:
    """Case, normalisation form, compatibility forms and invisible characters share a key."""
    assert identifier_key(typed) == key


@pytest.mark.parametrize(
    "username",
    [
        "ada",
        "jos\u00e9",
        CAFE_NFD,
        RUSSIAN,
        JAPANESE,
        HAN_AND_KANA,
        "\u0939\u093f\u0928\u094d\u0926\u0940",
        "a.b-c_1",
    ],
)
def test_single_script_usernames_are_accepted(username: str) -> None:
    """Latin with accents, Cyrillic, Japanese (kanji with kana), Devanagari: accepted."""
    assert username_key(username) == identifier_key(username)


@pytest.mark.parametrize(
    "username",
    [
        f"p{CYRILLIC_A}ypal",  # Latin with one Cyrillic letter
        f"us{ZERO_WIDTH_SPACE}er",
        "ada\u200d",  # zero-width joiner
        "ada\u00ad",  # soft hyphen
        "\u202eada",  # right-to-left override
        "ada\u3164",  # Hangul filler
        "ada\ufe0f",  # variation selector
        "ab\ue000",  # private use
    ],
)
def test_confusable_usernames_are_refused(username: str) -> None:
    """Mixed scripts and invisible characters are InvalidIdentifier (422 invalid_identifier)."""
    with pytest.raises(InvalidIdentifier) as refused:
        username_key(username)
    assert refused.value.status_code == 422
    assert refused.value.code == "invalid_identifier"


@pytest.mark.parametrize("username", ["a", "a b", "\u0301ab", "ada!", "x" * 151])
def test_malformed_usernames_stay_validation_errors(username: str) -> None:
    """Length and characters are still 422 validation_error, not invalid_identifier."""
    with pytest.raises(InvalidInput) as refused:
        username_key(username)
    assert refused.value.code == "validation_error"


@pytest.mark.parametrize(
    ("email", "key"),
    [
        (f" {CAFE_NFD.upper()}@Example.COM ", f"{CAFE_NFC}@example.com"),
        (f"{FULLWIDTH_USER}\uff20example.com", "user@example.com"),
        (f"{RUSSIAN}@example.com", f"{RUSSIAN}@example.com"),
        (f"jos\u00e9@{RUSSIAN}.xn--p1ai", f"jos\u00e9@{RUSSIAN}.xn--p1ai"),
        (f"{HAN_AND_KANA}@example.jp", f"{HAN_AND_KANA}@example.jp"),
    ],
)
def test_email_keys(email: str, key: str) -> None:
    """An address is stripped and keyed; its local part and each domain label may each have
    their own script."""
    assert email_key(email) == key


@pytest.mark.parametrize(
    "email",
    [
        f"p{CYRILLIC_A}ypal@example.com",
        f"paypal@ex{CYRILLIC_A}mple.com",
        f"us{ZERO_WIDTH_SPACE}er@example.com",
        f"user@example.com{ZERO_WIDTH_SPACE}",
    ],
)
def test_confusable_emails_are_refused(email: str) -> None:
    """Mixed scripts in the local part or a domain label, or an invisible character."""
    with pytest.raises(InvalidIdentifier):
        email_key(email)


def test_colliding_lists_accounts_sharing_a_key() -> None:
    """Sets of accounts with one email or one username key, by kind and key."""
    nfc = AccountIdentifiers(id="1", email=f"{CAFE_NFC}@example.com", username="Ada")
    nfd = AccountIdentifiers(id="2", email=f"{CAFE_NFD}@example.com", username=None)
    wide = AccountIdentifiers(id="3", email="bob@example.com", username=FULLWIDTH_USER)
    plain = AccountIdentifiers(id="4", email="eve@example.com", username="user", deleted=True)
    other = AccountIdentifiers(id="5", email="ann@example.com", username="ada2")
    assert colliding([nfc, nfd, wide, plain, other]) == [
        Collision(kind="email", key=f"{CAFE_NFC}@example.com", accounts=(nfc, nfd)),
        Collision(kind="username", key="user", accounts=(wide, plain)),
    ]
    assert colliding([nfc, wide, other]) == []
