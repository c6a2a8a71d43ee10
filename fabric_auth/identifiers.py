"""When two e-mail addresses or usernames name the same account, and which ones are refused.

**One account per key.** An identifier's key is Unicode's NFKC_Casefold of it (UAX #44's
`toNFKC_Casefold`: NFKC, full case folding, NFKC again, default-ignorable code points removed),
so `Café` typed precomposed or with a combining accent is the account `café`, and `USER` typed
in fullwidth letters (U+FF35...) is the account `user`. Uniqueness, sign-in and every lookup
go by the key. A username is kept as typed, for display; an e-mail address is stored and mailed
to in its NFKC form with its case kept (`email_address`).

**Refused identifiers** (`InvalidIdentifier`, 422 `invalid_identifier`), after the e-mail
address is stripped of surrounding white space:

- an invisible character anywhere: a Default_Ignorable_Code_Point (zero-width space and
  joiners, soft hyphen, bidirectional controls, variation selectors, Hangul fillers, tags...),
  a format character (Cf), a control (Cc), a surrogate, a private-use or an unassigned code
  point (white space is no part of an address or a username either: that is refused as 422
  `validation_error`, as before);
- more than one script (UTS #39's single-script rule): each character's Unicode Script, Common
  and Inherited (digits, punctuation, combining accents) going with any script, Han with
  Hiragana and Katakana (Japanese), with Hangul (Korean) or with Bopomofo (Chinese). An
  e-mail's local part and each label of its domain are checked on their own (`josé@пример.рф`
  is fine), a username as a whole.

So `josé`, `пользователь`, `ユーザー` and `山田たろう` are accepted, a Latin name with one Cyrillic
a (U+0430) is not. Whole-script look-alikes (a name spelled wholly in Cyrillic letters that
look Latin) are not caught by this rule.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from fabric_auth.exceptions import InvalidIdentifier, InvalidInput

EMAIL_MAX_LENGTH = 320
USERNAME_MAX_LENGTH = 150

# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt): what NFKC_Casefold drops.
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_DEFAULT_IGNORABLE_PATTERN = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _DEFAULT_IGNORABLE) + "]"
)
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})

# UTS #39 augmented script sets: Han combines with the kana, Hangul or Bopomofo.
_AUGMENTED = {
    "HAN": frozenset({"HAN", "JAPANESE", "KOREAN", "CHINESE"}),
    "HIRAGANA": frozenset({"HIRAGANA", "JAPANESE"}),
    "KATAKANA": frozenset({"KATAKANA", "JAPANESE"}),
    "HANGUL": frozenset({"HANGUL", "KOREAN"}),
    "BOPOMOFO": frozenset({"BOPOMOFO", "CHINESE"}),
}
_ANY_SCRIPT = frozenset({"COMMON", "INHERITED"})

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_USERNAME_PUNCTUATION = frozenset("_.-")


def identifier_key(identifier: str) -> str:
    """The key two identifiers share when they name the same account: NFKC_Casefold."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", identifier).casefold())
    return _DEFAULT_IGNORABLE_PATTERN.sub("", folded)


def email_address(email: str) -> str:
    """The address to store and mail to: stripped and NFKC-normalised, its case kept (so NFD
    becomes NFC, and fullwidth letters or at sign plain ones: the mail server gets the address
    every spelling of it names). Check it with `email_key` first."""
    return unicodedata.normalize("NFKC", email.strip())


def stored_email_key(email: str) -> str:
    """The key of an e-mail address already stored, whatever it holds (`email_key` checks)."""
    return identifier_key(email.strip())


def email_key(email: str) -> str:
    """The key of an e-mail address (surrounding white space stripped); `InvalidIdentifier`
    for a refused one, `InvalidInput` when it is no address at all."""
    email = email.strip()
    _refuse_invisible(email)
    key = stored_email_key(email)
    if max(len(email), len(key)) > EMAIL_MAX_LENGTH or not _EMAIL.match(key):
        raise InvalidInput("Invalid email address")
    _refuse_mixed_scripts(_email_parts(key))
    return key


def username_key(username: str) -> str:
    """The key of a username; `InvalidIdentifier` for a refused one, `InvalidInput` unless it
    is 2-150 letters, digits, '_', '.' or '-' (in any one script)."""
    _refuse_invisible(username)
    key = identifier_key(username)
    if not (2 <= len(key) <= USERNAME_MAX_LENGTH and len(username) <= USERNAME_MAX_LENGTH) or (
        not all(_username_character(character) for character in key)
        or unicodedata.category(key[0]).startswith("M")
    ):
        raise InvalidInput("Username must be 2-150 letters, digits, '_', '.' or '-'")
    _refuse_mixed_scripts([key])
    return key


def check_email(email: str) -> str:
    """`email` itself, or `InvalidIdentifier` when it holds an invisible character or mixes
    scripts; whether it is an address at all is not checked here (`email_key` does)."""
    stripped = email.strip()
    _refuse_invisible(stripped)
    _refuse_mixed_scripts(_email_parts(identifier_key(stripped)))
    return email


def check_username(username: str) -> str:
    """`username` itself, or `InvalidIdentifier` when it holds an invisible character or
    mixes scripts; its length and characters are not checked here (`username_key` does)."""
    _refuse_invisible(username)
    _refuse_mixed_scripts([identifier_key(username)])
    return username


@dataclass(frozen=True, slots=True)
class AccountIdentifiers:
    """An account's e-mail address and username as stored (typed), for `colliding`."""

    id: str
    email: str
    username: str | None
    deleted: bool = False

    def identifier(self, kind: str) -> str | None:
        """Its `email` or its `username`, as `kind` says."""
        return self.email if kind == "email" else self.username


@dataclass(frozen=True, slots=True)
class Collision:
    """Accounts whose `kind` of identifier (`email` or `username`) has one key."""

    kind: str
    key: str
    accounts: tuple[AccountIdentifiers, ...]


def colliding(accounts: Iterable[AccountIdentifiers]) -> list[Collision]:
    """The sets of accounts sharing an e-mail or a username key, by kind and key; each set's
    accounts in the order given. Stored identifiers are compared as they are: none is refused."""
    sharing: dict[tuple[str, str], list[AccountIdentifiers]] = {}
    for account in accounts:
        sharing.setdefault(("email", stored_email_key(account.email)), []).append(account)
        if account.username is not None:
            sharing.setdefault(("username", identifier_key(account.username)), []).append(account)
    return [
        Collision(kind=kind, key=key, accounts=tuple(found))
        for (kind, key), found in sorted(sharing.items())
        if len(found) > 1
    ]


def _username_character(character: str) -> bool:
    return character in _USERNAME_PUNCTUATION or unicodedata.category(character)[0] in "LMN"


def _email_parts(key: str) -> list[str]:
    local, _, domain = key.rpartition("@")
    return [local, *domain.split(".")]


def _refuse_invisible(identifier: str) -> None:
    if _DEFAULT_IGNORABLE_PATTERN.search(identifier) or any(
        unicodedata.category(character) in _INVISIBLE_CATEGORIES for character in identifier
    ):
        raise InvalidIdentifier("Identifiers may not contain invisible or format characters")


def _refuse_mixed_scripts(parts: Iterable[str]) -> None:
    if not all(_single_script(part) for part in parts):
        raise InvalidIdentifier("Identifiers may not mix scripts (such as Latin and Cyrillic)")


def _single_script(text: str) -> bool:
    script_of = _script_lookup()
    common: frozenset[str] | None = None
    for character in text:
        script = script_of(character)
        if script in _ANY_SCRIPT:
            continue
        scripts = _AUGMENTED.get(script, frozenset({script}))
        common = scripts if common is None else common & scripts
        if not common:
            return False
    return True


@functools.cache
def _script_lookup() -> Callable[[str], str]:
    """Unicode's Script property of a character (from confusable-homoglyphs' copy of
    Scripts.txt, loaded on first use)."""
    from confusable_homoglyphs import categories

    def script(character: str) -> str:
        alias: str = categories.aliases_categories(character)[0]
        return alias.upper()

    return script
