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
