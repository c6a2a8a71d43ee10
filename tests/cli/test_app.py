"""`fabric-auth --app module:attr` (and FABRIC_AUTH_APP): commands act for the app's runtime."""

from __future__ import annotations

from pathlib import Path

import pytest

from fabric_auth.store.models import ApiKey, User
from fabric_auth.tokens.api_keys import hash_key
from tests.cli.conftest import fabric_auth, on_store
from tests.conftest import RunningApp

APP_MODULE = """
from fastapi import FastAPI

from fabric_auth import FabricAuth, PlanCatalogue, PlanSpec, register_permissions

register_permissions("reports:read")
auth = FabricAuth(plans=PlanCatalogue(plans=[PlanSpec("team", "Team")]))
app = FastAPI()
auth.install(app)
bare = FastAPI()
"""


@pytest.fixture
def app_project(project: Path) -> Path:
    """The scaffolded project with `reportsapp.py`: an app permission and plan of its own."""
    (project / "reportsapp.py").write_text(APP_MODULE)
    return project


async def test_keys_issue_knows_the_apps_permission_only_with_app(
    app_project: Path, store: str, running: RunningApp
) -> None:
    """keys issue --scope reports:read: unknown permission without --app (no key stored);
    with --app reportsapp:app the key is stored with that scope and printed once."""
    issue = ("keys", "issue", "--user", "ada@example.com", "--name", "reports")
    refused = on_store(app_project, store, *issue, "--scope", "reports:read")
    assert refused.returncode == 1
    assert refused.stderr == "fabric-auth: Unknown permission: reports:read\n"
    assert await ApiKey.all().count() == 0
    issued = on_store(
        app_project, store, "--app", "reportsapp:app", *issue, "--scope", "reports:read"
    )
    assert issued.returncode == 0, issued.stderr
    key = await ApiKey.get(key_hash=hash_key(issued.stdout.strip()))
    assert (key.name, key.scopes, key.revoked_at) == ("reports", ["reports:read"], None)
    assert key.user_id == (await User.get(email_normalized="ada@example.com")).id


async def test_app_from_the_environment_brings_its_plans(
    app_project: Path, store: str, running: RunningApp
) -> None:
    """FABRIC_AUTH_APP=reportsapp:auth (the FabricAuth itself): plans list seeds and shows the
    app's plan `team`; without an app only `free` and `pro` are there."""
    without = on_store(app_project, store, "plans", "list")
    assert without.stdout.splitlines() == ["free default - no features", "pro - no features"]
    listed = on_store(app_project, store, "plans", "list", FABRIC_AUTH_APP="reportsapp:auth")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "free default - no features",
        "pro - no features",
        "team - no features",
    ]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("nosuch:app", "no module named nosuch"),
        ("reportsapp", "expected module:attribute, e.g. myapp:app"),
        ("reportsapp:missing", "reportsapp has no attribute missing"),
        ("reportsapp:bare", "neither a FabricAuth nor an app FabricAuth.install() was called on"),
    ],
)
def test_a_bad_app_is_one_line_and_exit_2(app_project: Path, spec: str, message: str) -> None:
    """A module that does not exist, no attribute, a missing one, or an app without
    fabric-auth installed: `fabric-auth: --app SPEC: <why>` alone on stderr, exit 2."""
    result = fabric_auth("--app", spec, "users", "list", cwd=app_project)
    assert result.returncode == 2
    assert (result.stdout, result.stderr) == ("", f"fabric-auth: --app {spec}: {message}\n")
