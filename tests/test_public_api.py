"""The curated public API."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import fabric_auth


def test_all_lists_exactly_the_public_names() -> None:
    """Every public attribute of fabric_auth is in __all__, and everything in __all__ exists."""
    public = {
        name
        for name in dir(fabric_auth)
        if not name.startswith("_")
        and not isinstance(getattr(fabric_auth, name), type(fabric_auth))
    }
    assert public == set(fabric_auth.__all__)
    for name in fabric_auth.__all__:
        assert getattr(fabric_auth, name).__module__.startswith("fabric_auth")


def test_py_typed_ships() -> None:
    """The package declares its type hints (PEP 561)."""
    from importlib import resources

    assert resources.files("fabric_auth").joinpath("py.typed").is_file()


def test_verify_imports_with_only_pyjwt() -> None:
    """fabric_auth.verify imports (and fabric_auth with it) when FastAPI, Starlette, Tortoise,
    pydantic and redis cannot be imported."""
    script = textwrap.dedent(
        """
        import sys
        BLOCKED = ("fastapi", "starlette", "tortoise", "pydantic", "pydantic_settings", "redis",
                   "aerich", "argon2", "prometheus_client", "httpx")

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in BLOCKED:
                    raise ImportError(f"blocked: {name}")
                return None

        sys.meta_path.insert(0, Block())
        from fabric_auth.verify import TokenVerifier
        TokenVerifier("https://auth.example.com/.well-known/jwks.json", issuer="i", audience="a")
        print(sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
