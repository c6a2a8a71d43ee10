"""Running `fabric-auth` as a user would: a subprocess per command, in a scaffolded project."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def fabric_auth(
    *args: str, cwd: Path, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """`fabric-auth ARGS` in `cwd`, with no FABRIC_AUTH_* variable but the tests' and `env`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("FABRIC_AUTH_") or key.startswith("FABRIC_AUTH_TEST_")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "fabric_auth.cli.main", *args],
        cwd=cwd,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def on_store(project: Path, store: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`fabric-auth ARGS` in the scaffolded project, on the suite's store."""
    return fabric_auth(*args, cwd=project, FABRIC_AUTH_DATABASE_URL=store, **env)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A directory scaffolded by `fabric-auth init`."""
    result = fabric_auth("init", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path
