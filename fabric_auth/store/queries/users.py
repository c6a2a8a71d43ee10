"""Accounts: what every password sign-in runs."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fabric_auth.identifiers import AccountIdentifiers
from fabric_auth.store.models import User
from fabric_auth.store.sql import Statement

_BY_EMAIL = Statement.select(User, "{t.email_normalized} = ?")
_BY_USERNAME = Statement.select(User, "{t.username_normalized} = ?")
_IDENTIFIERS = Statement(
    User,
    "SELECT {t.id}, {t.email}, {t.username}, {t.deleted_at} FROM {t} "
    "ORDER BY {t.created_at}, {t.id}",
)
_SIGNED_IN = Statement(User, "UPDATE {t} SET {t.last_login_at} = ? WHERE {t.id} = ?")
_SIGNED_IN_REHASHED = Statement(
    User, "UPDATE {t} SET {t.last_login_at} = ?, {t.password_hash} = ? WHERE {t.id} = ?"
)


async def user_by_email(email_normalized: str) -> User | None:
    return await _BY_EMAIL.first(email_normalized)


async def user_by_username(username_normalized: str) -> User | None:
    return await _BY_USERNAME.first(username_normalized)


async def signed_in(user_id: UUID, at: datetime) -> None:
    """Record a sign-in."""
    await _SIGNED_IN.execute(at, str(user_id))


async def signed_in_rehashed(user_id: UUID, at: datetime, password_hash: str) -> None:
    """Record a sign-in that rehashed the password (its parameters had changed)."""
    await _SIGNED_IN_REHASHED.execute(at, password_hash, str(user_id))


async def identifiers() -> list[AccountIdentifiers]:
    """Every account's e-mail address and username as stored, oldest account first; deleted
    accounts too (they keep their address)."""
    return [
        AccountIdentifiers(
            id=str(row["id"]),
            email=row["email"],
            username=row["username"],
            deleted=row["deleted_at"] is not None,
        )
        for row in await _IDENTIFIERS.rows()
    ]
