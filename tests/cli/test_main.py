"""`fabric-auth` itself: the version and the parser's global options."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from tests.cli.conftest import fabric_auth


def test_version_prints_the_installed_package_version(tmp_path: Path) -> None:
    """--version prints `fabric-auth <version>` (the installed distribution's) and exits 0."""
    result = fabric_auth("--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"fabric-auth {version('fabric-auth')}\n"
