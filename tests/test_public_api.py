"""The curated public API."""

from __future__ import annotations

import fabric_auth


def test_all_lists_exactly_the_public_names() -> None:
    """Every public attribute of fabric_auth is in __all__, and everything in __all__ exists."""
    public = {
        name
        for name, value in vars(fabric_auth).items()
        if not name.startswith("_") and not isinstance(value, type(fabric_auth))
    }
    assert public == set(fabric_auth.__all__)
    for name in fabric_auth.__all__:
        assert getattr(fabric_auth, name).__module__.startswith("fabric_auth")


def test_py_typed_ships() -> None:
    """The package declares its type hints (PEP 561)."""
    from importlib import resources

    assert resources.files("fabric_auth").joinpath("py.typed").is_file()
