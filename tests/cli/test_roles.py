"""`fabric-auth roles`: list, create, grant, revoke, on every store."""

from __future__ import annotations

from pathlib import Path

from fabric_auth.services.rbac import DEFAULT_ROLES
from fabric_auth.store.models import Role, User
from tests.cli.conftest import on_store
from tests.conftest import RunningApp


async def role_names(email: str) -> list[str]:
    user = await User.get(email_normalized=email)
    return sorted(await Role.filter(user_links__user_id=user.id).values_list("name", flat=True))


async def test_create_stores_the_role_and_list_shows_it(
    project: Path, store: str, running: RunningApp
) -> None:
    """roles create stores a custom role with its permissions and description; roles list
    prints every role; an unknown permission exits 1 and stores nothing."""
    created = on_store(
        project,
        store,
        "roles",
        "create",
        "reporter",
        "--permission",
        "users:read",
        "--permission",
        "audit:read",
        "--description",
        "Reads reports",
    )
    assert created.returncode == 0, created.stderr
    assert created.stdout == "created role reporter: users:read, audit:read\n"
    role = await Role.get(name="reporter")
    assert (role.permissions, role.description, role.is_builtin) == (
        ["users:read", "audit:read"],
        "Reads reports",
        False,
    )
    listed = on_store(project, store, "roles", "list")
    admin, user = DEFAULT_ROLES["admin"], DEFAULT_ROLES["user"]
    assert listed.stdout.splitlines() == [
        f"admin  built-in  permissions *  {admin[0]!r}",
        "reporter  custom  permissions users:read,audit:read  'Reads reports'",
        f"user  built-in  permissions account:*  {user[0]!r}",
    ]
    unknown = on_store(project, store, "roles", "create", "typo", "--permission", "no:such")
    assert unknown.returncode == 1
    assert unknown.stderr == "fabric-auth: Unknown permission: no:such\n"
    assert not await Role.exists(name="typo")


async def test_grant_and_revoke_change_one_role_of_the_account(
    project: Path, store: str, running: RunningApp
) -> None:
    """roles grant adds a role and keeps the others, again says so; roles revoke takes one
    away; an unknown role or account exits 1 and changes nothing."""
    assert await role_names("ada@example.com") == ["user"]
    granted = on_store(project, store, "roles", "grant", "--email", "ADA@example.com", "admin")
    assert granted.returncode == 0, granted.stderr
    assert granted.stdout == "granted admin to ada@example.com; roles now admin,user\n"
    assert await role_names("ada@example.com") == ["admin", "user"]
    again = on_store(project, store, "roles", "grant", "--email", "ada@example.com", "admin")
    assert (again.returncode, again.stdout) == (0, "ada@example.com already has admin\n")
    revoked = on_store(project, store, "roles", "revoke", "--email", "ada@example.com", "user")
    assert revoked.returncode == 0, revoked.stderr
    assert revoked.stdout == "revoked user from ada@example.com; roles now admin\n"
    assert await role_names("ada@example.com") == ["admin"]
    no_role = on_store(project, store, "roles", "grant", "--email", "ada@example.com", "gold")
    assert (no_role.returncode, no_role.stderr) == (1, "fabric-auth: No such role\n")
    no_account = on_store(project, store, "roles", "revoke", "--email", "bob@example.com", "admin")
    assert (no_account.returncode, no_account.stderr) == (
        1,
        "fabric-auth: no account bob@example.com\n",
    )
    assert await role_names("ada@example.com") == ["admin"]
