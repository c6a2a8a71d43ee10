"""`fabric-auth users list`, on every store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

from fabric_auth.store import migrate
from fabric_auth.store.models import User
from tests.cli.conftest import on_store
from tests.conftest import AppFactory
from tests.store.test_migration_identifiers import (
    CAFE_NFC,
    CAFE_NFD,
    FULLWIDTH_USER,
    MIGRATION,
    before_migration,  # noqa: F401 (a fixture, used by name)
    old_account,
)


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


async def test_collisions_lists_accounts_sharing_a_key_before_the_migration(
    project: Path,
    store: str,
    before_migration: dict[str, Any],  # noqa: F811 (the fixture imported above)
) -> None:
    """users collisions, on a store not yet migrated to NFKC_Casefold keys, prints each set of
    accounts sharing an email or username key (typed, and escaped) and exits 1; the store is
    left unmigrated."""
    nfc = await old_account(f"{CAFE_NFC}@example.com", "user")
    nfd = await old_account(f"{CAFE_NFD}@example.com")
    wide = await old_account("bob@example.com", FULLWIDTH_USER)
    await User.filter(id=wide.id).update(deleted_at=datetime.now(UTC))
    await old_account("ada@example.com", "ada")
    listed = on_store(project, store, "users", "collisions")
    assert listed.returncode == 1, listed.stderr
    assert listed.stdout.splitlines() == [
        f"email {CAFE_NFC}@example.com",
        f"  {nfc.id}  {CAFE_NFC}@example.com  'caf\\xe9@example.com'",
        f"  {nfd.id}  {CAFE_NFD}@example.com  'cafe\\u0301@example.com'",
        "username user",
        f"  {nfc.id}  user  'user'",
        f"  {wide.id}  {FULLWIDTH_USER}  '\\uff35\\uff53\\uff45\\uff52'  deleted",
        "2 shared: give all but one account of each another e-mail address or username, "
        "then run `fabric-auth db upgrade`",
    ]
    assert (await migrate.status(before_migration)).pending[:1] == [MIGRATION]


async def test_collisions_says_so_when_there_are_none(
    project: Path, store: str, make_app: AppFactory
) -> None:
    """users collisions exits 0 with one line when every key is its account's own."""
    app = await make_app()
    await app.create_user(f"{CAFE_NFC}@example.com", username="user")
    await app.create_user("cafe@example.com", username="user2")
    listed = on_store(project, store, "users", "collisions")
    assert (listed.returncode, listed.stdout) == (0, "no colliding identifiers\n")


async def test_commands_find_accounts_by_any_spelling(
    project: Path, store: str, make_app: AppFactory
) -> None:
    """An account named on the command line is found by its key: NFD, upper case, fullwidth."""
    app = await make_app()
    await app.create_user(f"{CAFE_NFC}@example.com", username="user")
    for login in (f"{CAFE_NFD.upper()}@example.com", FULLWIDTH_USER):
        unlocked = on_store(project, store, "users", "unlock", login)
        assert unlocked.returncode == 0, unlocked.stderr
        assert unlocked.stdout == f"{CAFE_NFC}@example.com was not locked\n"


async def test_oauth_accounts_lists_and_unlink_removes_but_never_the_last(
    project: Path, store: str, make_app: AppFactory
) -> None:
    """users oauth-accounts prints each linked identity; users unlink removes one (audited,
    the command line as actor), and refuses the last way to sign in of a passwordless
    account."""
    from fabric_auth.store.models import AuditEvent, OAuthAccount

    app = await make_app()
    ada = await app.create_user("ada@example.com")
    seen = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    linked = await OAuthAccount.create(
        id=uuid4(),
        provider="github",
        subject="4242",
        user_id=ada.id,
        email="ada@github.example",
        email_verified=True,
        created_at=seen,
        last_sign_in_at=seen,
    )
    listed = on_store(project, store, "users", "oauth-accounts", "ada@example.com")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        f"{linked.id}  github  4242  ada@github.example  verified  last sign-in "
        "2026-12-01T09:30:00+00:00"
    ]
    removed = on_store(
        project, store, "users", "unlink", "ada@example.com", "--account", str(linked.id)
    )
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout.strip() == f"unlinked {linked.id} from ada@example.com"
    assert await OAuthAccount.all().count() == 0
    event = await AuditEvent.get(action="oauth.unlinked")
    assert (event.actor_id, event.target_id) == (None, str(ada.id))
    empty = on_store(project, store, "users", "oauth-accounts", "ada@example.com")
    assert empty.stdout.strip() == "ada@example.com has no linked accounts"

    bob = await app.create_user("bob@example.com", password=None)
    only = await OAuthAccount.create(
        id=uuid4(), provider="github", subject="7", user_id=bob.id, created_at=seen
    )
    refused = on_store(
        project, store, "users", "unlink", "bob@example.com", "--account", str(only.id)
    )
    assert refused.returncode == 1
    assert "last way to sign in" in refused.stderr
    assert await OAuthAccount.filter(id=only.id).exists()
