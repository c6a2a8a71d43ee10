"""The fabric-auth command line, run as a user would run it (a subprocess per command)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from fabric_auth.store.models import AuditEvent, User
from tests.cli.conftest import fabric_auth, on_store
from tests.conftest import AppFactory, RunningApp

PASSWORD = "correct horse battery staple"


def test_init_writes_env_and_app_and_never_overwrites(project: Path) -> None:
    """init writes a private .env with a fresh secret and app.py; a second run keeps both."""
    env = (project / ".env").read_text()
    secret = next(line for line in env.splitlines() if line.startswith("FABRIC_AUTH_SECRET_KEY="))
    assert len(secret.split("=", 1)[1]) >= 48
    assert oct((project / ".env").stat().st_mode & 0o777) == "0o600"
    again = fabric_auth("init", str(project), cwd=project)
    assert "kept existing" in again.stdout
    assert (project / ".env").read_text() == env
    other = project / "other"
    fabric_auth("init", str(other), cwd=project)
    assert (other / ".env").read_text() != env  # a new secret each time


def test_scaffolded_app_runs_as_written(project: Path) -> None:
    """The generated app.py starts, serves sign-in, and its protected route works."""
    script = f"""
import asyncio
from app import app, auth
from fabric_auth.services.users import NewUser
from fabric_auth.testing import serve

async def main():
    async with serve(app) as client:
        await auth.services.users.create(NewUser(email="ada@example.com", password="{PASSWORD}"))
        token = (await client.post("/auth/token", data={{"grant_type": "password",
                 "username": "ada@example.com", "password": "{PASSWORD}"}})).json()["access_token"]
        hello = await client.get("/hello", headers={{"Authorization": "Bearer " + token}})
        print(hello.status_code, "hello" in hello.json())

asyncio.run(main())
"""
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "200 True", result.stderr


def test_db_commands(project: Path) -> None:
    """current/heads/upgrade/history/downgrade report and change the store's migrations."""
    assert fabric_auth("db", "current", cwd=project).stdout.strip() == "none applied"
    heads = fabric_auth("db", "heads", cwd=project).stdout.split()
    assert heads and heads[0].startswith("0_")
    upgraded = fabric_auth("db", "upgrade", cwd=project)
    assert upgraded.returncode == 0 and "applied 0_" in upgraded.stdout
    assert fabric_auth("db", "upgrade", cwd=project).stdout.strip() == "up to date"
    assert fabric_auth("db", "current", cwd=project).stdout.strip() == heads[-1]
    assert fabric_auth("db", "history", cwd=project).stdout.split() == heads
    refused = fabric_auth("db", "downgrade", cwd=project)
    assert refused.returncode == 2
    assert refused.stderr == "fabric-auth: downgrade drops data; repeat with --yes to proceed\n"
    assert fabric_auth("db", "current", cwd=project).stdout.strip() == heads[-1]
    down = fabric_auth("db", "downgrade", "--yes", cwd=project)
    assert down.returncode == 0 and "reverted" in down.stdout
    assert fabric_auth("db", "current", cwd=project).stdout.strip() != heads[-1]


def test_create_admin(project: Path) -> None:
    """users create-admin creates a system admin from a password on stdin, idempotently."""
    fabric_auth("db", "upgrade", cwd=project)
    first = fabric_auth(
        "users",
        "create-admin",
        "--email",
        "root@example.com",
        "--password-stdin",
        cwd=project,
        stdin=PASSWORD + "\n",
    )
    assert first.returncode == 0, first.stderr
    assert "system administrator root@example.com" in first.stdout
    again = fabric_auth(
        "users",
        "create-admin",
        "--email",
        "root@example.com",
        "--password-stdin",
        cwd=project,
        stdin=PASSWORD + "\n",
    )
    assert again.returncode == 0
    assert first.stdout == again.stdout


def test_create_admin_refuses_a_weak_password(project: Path) -> None:
    """A common password is refused with a message and exit code 1, no traceback."""
    fabric_auth("db", "upgrade", cwd=project)
    result = fabric_auth(
        "users",
        "create-admin",
        "--email",
        "root@example.com",
        "--password-stdin",
        cwd=project,
        stdin="password1\n",
    )
    assert result.returncode == 1
    assert "too common" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_configuration_exits_2_with_the_variable(tmp_path: Path) -> None:
    """Missing production secret: exit 2, the variable named, no traceback."""
    result = fabric_auth("db", "current", cwd=tmp_path)
    assert result.returncode == 2
    assert "FABRIC_AUTH_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_unlock_lifts_a_lockout(project: Path) -> None:
    """users unlock EMAIL ends a lock the app set; unknown accounts exit 1."""
    fabric_auth("db", "upgrade", cwd=project)
    script = f"""
import asyncio
from app import app, auth
from fabric_auth.services.users import NewUser
from fabric_auth.testing import serve

async def main():
    async with serve(app) as client:
        await auth.services.users.create(NewUser(email="ada@example.com", password="{PASSWORD}"))
        for _ in range(11):
            response = await client.post("/auth/token", data={{"grant_type": "password",
                "username": "ada@example.com", "password": "wrong password"}})
        print(response.status_code)

asyncio.run(main())
"""
    locked = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert locked.stdout.strip() == "429", locked.stderr
    result = fabric_auth("users", "unlock", "ADA@example.com", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "unlocked ada@example.com"
    again = fabric_auth("users", "unlock", "ada@example.com", cwd=project)
    assert again.stdout.strip() == "ada@example.com was not locked"
    assert fabric_auth("users", "unlock", "nobody@example.com", cwd=project).returncode == 1


def test_invite_prints_the_account_and_mails_the_link(project: Path) -> None:
    """users invite creates a password-less account; the console mailer shows the link."""
    fabric_auth("db", "upgrade", cwd=project)
    result = fabric_auth(
        "users",
        "invite",
        "new@example.com",
        "--print-link",
        cwd=project,
        FABRIC_AUTH_PUBLIC_BASE_URL="https://app.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("invited new@example.com")
    assert "https://app.example/activate?token=" in result.stdout
    assert "https://app.example/activate?token=" in result.stderr  # the console mailer
    duplicate = fabric_auth("users", "invite", "new@example.com", cwd=project)
    assert duplicate.returncode == 1
    assert "already exists" in duplicate.stderr


def test_audit_verify_reports_the_edited_entry(project: Path) -> None:
    """audit verify passes on an intact chain and names the entry edited behind its back."""
    import sqlite3

    fabric_auth("db", "upgrade", cwd=project)
    assert fabric_auth("audit", "verify", cwd=project).stdout.strip() == (
        "audit chain intact: no entries"
    )
    for email in ("root@example.com", "second@example.com"):
        fabric_auth(
            "users",
            "create-admin",
            "--email",
            email,
            "--password-stdin",
            cwd=project,
            stdin=PASSWORD + "\n",
        )
    intact = fabric_auth("audit", "verify", cwd=project)
    assert intact.returncode == 0 and "2 entries (seq 1..2)" in intact.stdout
    with sqlite3.connect(project / "fabric_auth.sqlite3") as db:
        db.execute("UPDATE fabric_auth_audit_events SET target_id = 'someone-else' WHERE seq = 1")
    broken = fabric_auth("audit", "verify", cwd=project)
    assert broken.returncode == 1
    assert "BROKEN at entry 1: content does not match its hash" in broken.stdout


def test_signing_keys_rotate_list_cleanup_and_info(project: Path) -> None:
    """signing-keys rotate adds a key (refused under HS256), signing-keys list shows it,
    cleanup and info report."""
    fabric_auth("db", "upgrade", cwd=project)
    refused = fabric_auth("signing-keys", "rotate", cwd=project)
    assert refused.returncode == 2 and "HS256" in refused.stderr
    eddsa = {"FABRIC_AUTH_SIGNING_ALGORITHM": "EdDSA"}
    first = fabric_auth("signing-keys", "rotate", "--activate-in", "0", cwd=project, **eddsa)
    assert first.returncode == 0, first.stderr
    second = fabric_auth("signing-keys", "rotate", cwd=project, **eddsa)
    assert "added EdDSA signing key eddsa-" in second.stdout
    listed = fabric_auth("signing-keys", "list", cwd=project, **eddsa).stdout.splitlines()
    assert len(listed) == 2 and "retired -" in listed[1] and "retired -" not in listed[0]
    cleaned = fabric_auth("cleanup", cwd=project)
    assert cleaned.returncode == 0 and "sessions: 0 removed" in cleaned.stdout
    assert "erase_deleted_users: 0 removed" in cleaned.stdout
    info = fabric_auth("info", cwd=project, **eddsa).stdout
    assert "store: sqlite" in info and "signing: EdDSA" in info
    assert re.search(r"migrations: \d+_", info) and "up to date" in info
    assert fabric_auth("audit", "verify", cwd=project).returncode == 0


def test_plans_assign_usage_list_and_cancel(project: Path) -> None:
    """plans assign puts an account on pro, usage and list show it, cancel ends it."""
    fabric_auth("db", "upgrade", cwd=project)
    assert fabric_auth("users", "invite", "ada@example.com", cwd=project).returncode == 0
    assigned = fabric_auth("plans", "assign", "ada@example.com", "pro", cwd=project)
    assert assigned.returncode == 0, assigned.stderr
    assert fabric_auth("plans", "usage", "ada@example.com", cwd=project).stdout.startswith(
        "plan: pro"
    )
    listed = fabric_auth("plans", "list", cwd=project).stdout.splitlines()
    assert listed == ["free default - no features", "pro - no features"]
    canceled = fabric_auth("plans", "cancel", "ada@example.com", cwd=project)
    assert "canceled" in canceled.stdout
    assert "plan: free" in fabric_auth("plans", "usage", "ada@example.com", cwd=project).stdout
    unknown = fabric_auth("plans", "assign", "ada@example.com", "gold", cwd=project)
    assert unknown.returncode == 1 and "No such plan" in unknown.stderr


# --- users demote / deactivate, on every store -----------------------------------------------


async def test_demote_removes_system_administration(
    project: Path, store: str, make_app: AppFactory
) -> None:
    """With two system administrators, users demote takes it from one and prints the line."""
    app = await make_app()
    root = await app.create_user("root@example.com", is_system_admin=True)
    second = await app.create_user("second@example.com", is_system_admin=True)
    result = on_store(project, store, "users", "demote", "--email", "SECOND@example.com")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"demoted second@example.com ({second.id})\n"
    assert (await User.get(id=second.id)).is_system_admin is False
    assert (await User.get(id=root.id)).is_system_admin is True


async def test_the_last_active_system_administrator_is_never_removed(
    project: Path, store: str, make_app: AppFactory
) -> None:
    """Demoting or deactivating the only active system administrator exits 1, changes nothing."""
    app = await make_app()
    root = await app.create_user("root@example.com", is_system_admin=True)
    former = await app.create_user("former@example.com", is_system_admin=True)
    await User.filter(id=former.id).update(is_active=False)  # an inactive one does not count
    entries = await AuditEvent.all().count()
    for args in (("demote",), ("deactivate", "--reason", "leaving")):
        result = on_store(project, store, "users", *args, "--email", "root@example.com")
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr == "fabric-auth: The last system administrator cannot be removed\n"
    after = await User.get(id=root.id)
    assert (after.is_system_admin, after.is_active, after.deactivation_reason) == (True, True, None)
    assert await AuditEvent.all().count() == entries
    assert (await app.sign_in("root@example.com")).status_code == 200


async def test_deactivate_stores_the_reason_and_refuses_sign_in(
    project: Path, store: str, running: RunningApp
) -> None:
    """users deactivate sets is_active False with the reason; the user can no longer sign in."""
    assert (await running.sign_in()).status_code == 200
    ada = await User.get(email_normalized="ada@example.com")
    result = on_store(
        project, store, "users", "deactivate", "--email", "ada@example.com", "--reason", "left"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"deactivated ada@example.com ({ada.id})\n"
    after = await User.get(id=ada.id)
    assert (after.is_active, after.deactivation_reason) == (False, "left")
    assert after.deactivated_at is not None
    refused = await running.sign_in()
    assert refused.status_code == 401
    assert refused.json()["code"] == "invalid_credentials"


async def test_demote_and_deactivate_of_an_unknown_email_exit_1(
    project: Path, store: str, running: RunningApp
) -> None:
    """An email with no account exits 1 with `no account EMAIL` on stderr, changes nothing."""
    for command in ("demote", "deactivate"):
        result = on_store(project, store, "users", command, "--email", "nobody@example.com")
        assert result.returncode == 1
        assert (result.stdout, result.stderr) == (
            "",
            "fabric-auth: no account nobody@example.com\n",
        )
    assert (await User.get(email_normalized="ada@example.com")).is_active is True
