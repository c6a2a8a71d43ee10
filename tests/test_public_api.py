"""The curated public API.

`fabric_auth.__all__` is exactly the public names `fabric_auth/__init__.py` imports (all of them
in its `TYPE_CHECKING` block, so mypy sees them): a name imported there without a leading
underscore is public, and must be listed. At run time the same names resolve on first use
through `_MODULE_OF`, which must agree with those imports, and every listed name must exist.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import fabric_auth

INIT = Path(fabric_auth.__file__)


def imported_names() -> dict[str, str]:
    """Each name `fabric_auth/__init__.py` imports, anywhere in the file, with the module it
    comes from; names with a leading underscore (`_typing`) are the module's own."""
    names: dict[str, str] = {}
    for node in ast.walk(ast.parse(INIT.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.partition(".")[0]] = alias.name
    return {name: module for name, module in names.items() if not name.startswith("_")}


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


def test_every_imported_name_is_in_all() -> None:
    """Each public name that fabric_auth/__init__.py imports is listed in __all__."""
    missing = sorted(set(imported_names()) - set(fabric_auth.__all__))
    assert not missing, f"imported into fabric_auth but not in __all__: {missing}"


def test_every_name_in_all_is_imported_for_type_checkers() -> None:
    """Each name of __all__ is imported in fabric_auth/__init__.py, so mypy sees its type."""
    unseen = sorted(set(fabric_auth.__all__) - set(imported_names()))
    assert not unseen, f"in __all__ but not imported in fabric_auth/__init__.py: {unseen}"


def test_lazy_names_are_all_and_come_from_the_imported_module() -> None:
    """The names resolved on first use are exactly __all__, each from the module the
    TYPE_CHECKING block imports it from (what mypy sees is what the code gets)."""
    module_of: dict[str, str] = fabric_auth._MODULE_OF
    listed = set(fabric_auth.__all__)
    assert set(module_of) == listed, (
        f"resolved on first use but not in __all__: {sorted(set(module_of) - listed)}; "
        f"in __all__ but not in _MODULE_OF: {sorted(listed - set(module_of))}"
    )
    imported = imported_names()
    differ = {
        name: (module, imported[name])
        for name, module in module_of.items()
        if name in imported and imported[name] != module
    }
    assert not differ, f"_MODULE_OF and the TYPE_CHECKING imports disagree: {differ}"


def test_every_name_in_all_exists_in_a_fresh_interpreter() -> None:
    """Each name of __all__ is an attribute of fabric_auth when nothing else was imported first,
    and `from fabric_auth import *` binds exactly __all__."""
    script = textwrap.dedent(
        """
        import fabric_auth
        missing = []
        for name in fabric_auth.__all__:
            try:
                getattr(fabric_auth, name)
            except (AttributeError, ImportError) as exc:
                missing.append(f"{name}: {exc!r}")
        print("\\n".join(missing))
        namespace = {}
        exec("from fabric_auth import *", namespace)
        namespace.pop("__builtins__")
        assert sorted(namespace) == sorted(fabric_auth.__all__), sorted(namespace)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "", f"in __all__ but not attributes:\n{result.stdout}"
    assert result.returncode == 0, result.stderr


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
