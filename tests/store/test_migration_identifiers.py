"""Migration 6 (identifiers): keys become NFKC_Casefold, and colliding accounts stop it."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from fabric_auth.exceptions import Conflict
from fabric_auth.store import migrate
from fabric_auth.store.config import tortoise_config
from fabric_auth.store.models import LinkToken, User

MIGRATION = "6_20261201233624_identifiers.py"
CAFE_NFC = "caf\u00e9"
CAFE_NFD = "cafe\u0301"
FULLWIDTH_USER = "\uff35\uff53\uff45\uff52"  # "User" in fullwidth letters
_SECONDS = itertools.count()


@pytest.fixture
async def before_migration(store: str) -> AsyncIterator[dict[str, Any]]:
    """The store as the release before migration 6 left it (6 and any later one reverted, no
    users); migrated again, without this test's users, after the test."""
    config = tortoise_config(store)
    reverted = await migrate.downgrade(config, version=6)
    try:
        assert reverted[-1] == MIGRATION
        yield config
    finally:
        await LinkToken.all().delete()
        await User.all().delete()
        await migrate.upgrade(config)


async def old_account(email: str, username: str | None = None) -> User:
    """An account as the previous release stored it: keys case-folded only (created a second
    after the one before, so the order of accounts is known), in its table as it was then
    (later migrations add columns the model now writes)."""
    user = User(
        id=uuid.uuid4(),
        created_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=next(_SECONDS)),
        email=email,
        email_normalized=email.casefold(),
        username=username,
        username_normalized=username.casefold() if username else None,
    )
    connection = User._meta.db
    sqlite = connection.schema_generator.DIALECT == "sqlite"
    marks = ", ".join("?" if sqlite else f"${number}" for number in range(1, 13))
    moment: object = user.created_at.isoformat(sep=" ") if sqlite else user.created_at
    await connection.execute_query(
        'INSERT INTO "fabric_auth_users" ("id", "email", "email_normalized", "username", '
        '"username_normalized", "display_name", "is_active", "is_verified", "is_system_admin", '
        f'"profile", "created_at", "updated_at") VALUES ({marks})',
        [
            str(user.id) if sqlite else user.id,
            email,
            user.email_normalized,
            username,
            user.username_normalized,
            "",
            True,
            False,
            False,
            "{}",
            moment,
            moment,
        ],
    )
    return user


async def old_link(purpose: str, user: User, email: str, at: datetime) -> None:
    """A link token as the previous release stored it: its table as it was then (later
    migrations add columns the model now writes)."""
    connection = LinkToken._meta.db
    sqlite = connection.schema_generator.DIALECT == "sqlite"
    marks = ", ".join("?" if sqlite else f"${number}" for number in range(1, 8))
    moment: object = at.isoformat(sep=" ") if sqlite else at
    await connection.execute_query(
        'INSERT INTO "fabric_auth_link_tokens" ("token_hash", "purpose", "user_id", "email", '
        f'"password_fingerprint", "created_at", "expires_at") VALUES ({marks})',
        [purpose, purpose, str(user.id) if sqlite else user.id, email, "", moment, moment],
    )


async def _stored() -> list[tuple[str, str, str | None, str | None]]:
    rows = (
        await User.all()
        .order_by("email")
        .values_list("email", "email_normalized", "username", "username_normalized")
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


async def test_upgrade_rewrites_the_keys(before_migration: dict[str, Any]) -> None:
    """NFD and fullwidth identifiers get their NFKC_Casefold keys, and a pending verification
    link the new email key; others stay as they are."""
    cafe = await old_account(f"{CAFE_NFD.upper()}@Example.com", FULLWIDTH_USER)
    await old_account("Ada@Example.com", "Ada")
    at = datetime(2026, 1, 1, tzinfo=UTC)
    for purpose, email in [
        ("verify_email", cafe.email_normalized),
        ("change_email", "New@Example.com"),
    ]:
        await old_link(purpose, cafe, email, at)
    assert (await migrate.upgrade(before_migration))[:1] == [MIGRATION]
    assert await _stored() == [
        ("Ada@Example.com", "ada@example.com", "Ada", "ada"),
        (f"{CAFE_NFD.upper()}@Example.com", f"{CAFE_NFC}@example.com", FULLWIDTH_USER, "user"),
    ]
    links = await LinkToken.all().order_by("purpose").values_list("purpose", "email")
    assert links == [
        ("change_email", "New@Example.com"),
        ("verify_email", f"{CAFE_NFC}@example.com"),
    ]


async def test_upgrade_refuses_colliding_accounts_and_changes_nothing(
    before_migration: dict[str, Any],
) -> None:
    """Two accounts that would share a key: a Conflict naming both and the command that lists
    them; every row and the migration state stay as they were, until one is renamed."""
    nfc = await old_account(f"{CAFE_NFC}@example.com", "user")
    nfd = await old_account(f"{CAFE_NFD}@example.com")
    wide = await old_account("bob@example.com", FULLWIDTH_USER)
    await old_account("ada@example.com")
    before = await _stored()
    with pytest.raises(Conflict) as refused:
        await migrate.upgrade(before_migration)
    message = refused.value.detail
    assert message.startswith("migration 6_identifiers: 2 set(s) of accounts would share")
    assert (
        f"email '{CAFE_NFC}@example.com': {nfc.id} ('caf\\xe9@example.com'), "
        f"{nfd.id} ('cafe\\u0301@example.com'); username 'user': {nfc.id} ('user'), "
        f"{wide.id} ('\\uff35\\uff53\\uff45\\uff52')."
    ) in message
    assert "`fabric-auth users collisions` lists them" in message
    assert "Nothing was changed" in message
    assert await _stored() == before
    assert (await migrate.status(before_migration)).pending[:1] == [MIGRATION]

    await User.filter(id=nfd.id).update(email="cafe@example.com", email_normalized="x")
    await User.filter(id=wide.id).update(username="bob", username_normalized="bob")
    assert (await migrate.upgrade(before_migration))[:1] == [MIGRATION]
    assert await User.get(id=nfd.id).values_list("email_normalized", flat=True) == (
        "cafe@example.com"
    )
