"""`fabric-auth users list`, on every store."""

from __future__ import annotations

from pathlib import Path

from fabric_auth.store.models import User
from tests.cli.conftest import on_store
from tests.conftest import AppFactory


async def test_list_prints_each_account_and_honours_the_limit(
    project: Path, store: str, make_app: AppFactory
) -> None:
    """users list prints email, id, active, system administrator and roles per account, by
    email; --limit cuts the list and says how many more there are."""
    app = await make_app()
    root = await app.create_user("root@example.com", is_system_admin=True)
    ada = await app.create_user("ada@example.com")
    await User.filter(id=ada.id).update(is_active=False)
    listed = on_store(project, store, "users", "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        f"ada@example.com  {ada.id}  inactive  -  roles user",
        f"root@example.com  {root.id}  active  system-admin  roles user",
    ]
    limited = on_store(project, store, "users", "list", "--limit", "1")
    assert limited.stdout.splitlines() == [
        f"ada@example.com  {ada.id}  inactive  -  roles user",
        "... more (raise --limit)",
    ]
