"""`fabric-auth` itself: the version and the parser's global options."""

from __future__ import annotations

import argparse
from importlib.metadata import version
from pathlib import Path

from fabric_auth.cli.main import build_parser
from tests.cli.conftest import fabric_auth


def test_version_prints_the_installed_package_version(tmp_path: Path) -> None:
    """--version prints `fabric-auth <version>` (the installed distribution's) and exits 0."""
    result = fabric_auth("--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"fabric-auth {version('fabric-auth')}\n"


def test_every_command_is_documented() -> None:
    """Each `fabric-auth GROUP COMMAND` of the parser (and each top-level command) is named in
    a page of docs/, so a new command cannot ship without its documentation."""
    docs = " ".join(
        " ".join(page.read_text(encoding="utf-8").split())
        for page in (Path(__file__).resolve().parents[2] / "docs").glob("*.md")
    )
    missing = [
        command for command in commands(build_parser()) if f"fabric-auth {command}" not in docs
    ]
    assert missing == []


def commands(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    """`db upgrade`, `users list`, ..., `init`: the full name of each command of `parser`."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.extend(commands(sub, f"{prefix}{name} ") or [f"{prefix}{name}"])
    return found
