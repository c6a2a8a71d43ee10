"""`fabric-auth service-accounts` and `fabric-auth keys`: bootstrapping a machine client."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import fabric_auth


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A directory scaffolded by `fabric-auth init`, its store migrated."""
    assert fabric_auth("init", str(tmp_path), cwd=tmp_path).returncode == 0
    assert fabric_auth("db", "upgrade", cwd=tmp_path).returncode == 0
    return tmp_path


def call_with_key(project: Path, raw: str) -> int:
    """Status of GET /hello on the scaffolded app (over the CLI's store) with key `raw`."""
    script = f"""
import asyncio
from app import app
from fabric_auth.testing import serve

async def main():
    async with serve(app) as client:
        print((await client.get("/hello", headers={{"X-API-Key": "{raw}"}})).status_code)

asyncio.run(main())
"""
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True, timeout=120
    )
    return int(result.stdout.strip() or 0)


def test_bootstrap_a_machine_client(project: Path) -> None:
    """service-accounts create, keys issue (key alone on stdout), keys list, keys revoke."""
    created = fabric_auth(
        "service-accounts", "create", "exporter", "--owner-team", "data", cwd=project
    )
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith("service account exporter (")
    listed = fabric_auth("service-accounts", "list", cwd=project).stdout
    assert listed.startswith("exporter ") and "active" in listed
    issued = fabric_auth(
        "keys",
        "issue",
        "--service-account",
        "exporter",
        "--name",
        "prod",
        "--scope",
        "roles:read",
        "--expires-in-days",
        "30",
        cwd=project,
    )
    assert issued.returncode == 0, issued.stderr
    raw = issued.stdout.strip()
    assert raw.startswith("fas_") and len(raw) == 40
    keys = fabric_auth("keys", "list", "--service-account", "exporter", cwd=project).stdout
    key_id = keys.split()[0]
    assert "live" in keys and raw not in keys and raw[-4:] in keys
    assert call_with_key(project, raw) == 200
    revoked = fabric_auth("keys", "revoke", key_id, cwd=project)
    assert revoked.returncode == 0 and "revoked" in revoked.stdout
    assert (
        "revoked"
        in fabric_auth("keys", "list", "--service-account", "exporter", cwd=project).stdout
    )
    assert call_with_key(project, raw) == 401


def test_keys_issue_refuses_bad_input(project: Path) -> None:
    """Unknown owners and unknown scopes exit 1 with the reason; no owner is a usage error."""
    unknown_owner = fabric_auth(
        "keys",
        "issue",
        "--service-account",
        "nobody",
        "--name",
        "x",
        "--scope",
        "roles:read",
        cwd=project,
    )
    assert unknown_owner.returncode == 1 and "No such service account" in unknown_owner.stderr
    fabric_auth("service-accounts", "create", "exporter", cwd=project)
    bad_scope = fabric_auth(
        "keys",
        "issue",
        "--service-account",
        "exporter",
        "--name",
        "x",
        "--scope",
        "no:such",
        cwd=project,
    )
    assert bad_scope.returncode == 1 and "Unknown permission" in bad_scope.stderr
    usage = fabric_auth("keys", "issue", "--name", "x", "--scope", "roles:read", cwd=project)
    assert usage.returncode == 2
