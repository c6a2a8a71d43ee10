"""Permission matching, wildcards, covering and the catalogue."""

from __future__ import annotations

import pytest

from fabric_auth.permissions import Catalogue, PermissionSet, validate_code, validate_grant


def test_exact_and_wildcard_matching() -> None:
    """`users:*` grants any remainder under users:, `*` grants everything."""
    granted = PermissionSet(frozenset({"users:*", "reports:read"}))
    assert granted.has("users:list")
    assert granted.has("users:keys:revoke")
    assert granted.has("reports:read")
    assert not granted.has("reports:write")
    assert not granted.has("users")
    assert not granted.has("usersx:list")
    assert PermissionSet(frozenset({"*"})).has("anything:at:all")


def test_answers_are_kept_per_set_and_do_not_change_equality() -> None:
    """`has` and `intersect` remember their answers; asked again, they answer the same, and two
    sets with the same grants stay equal whatever each was asked."""
    granted = PermissionSet(frozenset({"users:*"}))
    for _ in range(2):
        assert granted.has("users:list") and not granted.has("reports:read")
    assert granted.intersect(("users:list", "reports:read")) is granted.intersect(
        ("users:list", "reports:read")
    )
    assert granted.intersect(("users:list", "reports:read")).granted == {"users:list"}
    fresh = PermissionSet(frozenset({"users:*"}))
    assert fresh == granted and hash(fresh) == hash(granted)
    assert "_answers" not in repr(granted)
    for number in range(1000):  # a bounded memory, however many codes are asked
        assert granted.has(f"users:code{number}")
    assert len(granted._answers) <= 256


def test_system_admin_has_everything() -> None:
    """System administrators pass every check."""
    assert PermissionSet(is_system_admin=True).has("audit:read")


def test_covers_wildcards_only_with_a_wider_wildcard() -> None:
    """Holding users:list does not cover granting users:*; holding users:* does."""
    narrow = PermissionSet(frozenset({"users:list"}))
    assert narrow.covers("users:list")
    assert not narrow.covers("users:*")
    wide = PermissionSet(frozenset({"users:*"}))
    assert wide.covers("users:*")
    assert wide.covers("users:keys:*")
    assert not wide.covers("*")
    assert PermissionSet(frozenset({"*"})).covers("*")


@pytest.mark.parametrize(
    "code", ["users", "users:", ":list", "Users:list", "users::list", "a b:c", "*"]
)
def test_malformed_codes_are_refused(code: str) -> None:
    """A required code must be `resource:action` segments."""
    with pytest.raises(ValueError, match="invalid permission"):
        validate_code(code)


@pytest.mark.parametrize("grant", ["*", "users:*", "admin:users:*", "users:list"])
def test_valid_grants(grant: str) -> None:
    """Grants may end with a whole `*` segment."""
    assert validate_grant(grant) == grant


def test_catalogue_flags_typos() -> None:
    """Granting a code or wildcard that matches nothing in the catalogue is reported."""
    catalogue = Catalogue.build(["reports:read"])
    assert catalogue.check_grantable(["users:list", "users:*", "*", "reports:read"]) == []
    assert catalogue.check_grantable(["user:list", "nope:*", "bad code"]) == [
        "user:list",
        "nope:*",
        "bad code",
    ]


def test_require_refuses_malformed_codes_at_import_time() -> None:
    """require('users::list') fails when the route is defined, not at request time."""
    from fabric_auth import require

    with pytest.raises(ValueError, match="invalid permission"):
        require("users::list")


def test_granted_copies_every_field_of_the_principal() -> None:
    """`Principal.granted` is `dataclasses.replace(principal, permissions=...)` written out:
    every field must carry over (a new field must be added there too)."""
    from dataclasses import fields, replace
    from uuid import uuid4

    from fabric_auth.principal import AuthMethod, Principal, PrincipalKind

    values: dict[str, object] = {
        "id": uuid4(),
        "kind": PrincipalKind.SERVICE_ACCOUNT,
        "auth_method": AuthMethod.API_KEY,
        "session_id": uuid4(),
        "expires_at": 1234.5,
        "permissions": PermissionSet(frozenset({"users:list"})),
        "key_id": uuid4(),
        "scopes": ("users:list",),
        "authenticated_at": 1200.0,
    }
    assert {field.name for field in fields(Principal)} == set(values)
    principal = Principal(**values)  # type: ignore[arg-type]
    wider = PermissionSet(frozenset({"*"}))
    granted = principal.granted(wider)
    expected = replace(principal, permissions=wider)
    for field in fields(Principal):
        assert getattr(granted, field.name) == getattr(expected, field.name), field.name
    assert granted.permissions is wider
