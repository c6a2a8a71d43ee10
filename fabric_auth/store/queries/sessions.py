"""Sessions and refresh tokens: what every sign-in and refresh runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from fabric_auth.store.models import RefreshToken, Session, User
from fabric_auth.store.sql import Statement, as_datetime, as_optional_datetime, as_uuid


@dataclass(frozen=True, slots=True)
class RotationState:
    """What a refresh is judged on: the presented token's generation, its session, its user."""

    presented: int
    session_id: UUID
    user_id: UUID
    salt: str
    generation: int
    rotated_at: datetime | None
    last_used_at: datetime
    created_at: datetime
    """When the user signed in: every token of the session carries it as `auth_time`."""
    expires_at: datetime
    revoked_at: datetime | None
    user_active: bool


_ROTATION_STATE = Statement(
    RefreshToken,
    'SELECT {t.generation} AS "presented", {s.id}, {s.user_id}, {s.salt}, {s.generation}, '
    "{s.rotated_at}, {s.last_used_at}, {s.created_at}, {s.expires_at}, {s.revoked_at}, "
    "{u.is_active} "
    "FROM {t} JOIN {s} ON {s.id} = {t.session_id} JOIN {u} ON {u.id} = {s.user_id} "
    "WHERE {t.token_hash} = ?",
    s=Session,
    u=User,
)
_ADVANCE = Statement(
    Session,
    "UPDATE {t} SET {t.generation} = {t.generation} + 1, {t.rotated_at} = ?, "
    "{t.last_used_at} = ? WHERE {t.id} = ? AND {t.generation} = ? AND {t.revoked_at} IS NULL",
)
_OPEN_SESSION = Statement(
    Session,
    "INSERT INTO {t} ({t.id}, {t.user_id}, {t.salt}, {t.generation}, {t.created_at}, "
    "{t.last_used_at}, {t.expires_at}, {t.user_agent}, {t.ip_address}) "
    "VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)",
)
_STORE_REFRESH_TOKEN = Statement(
    RefreshToken,
    "INSERT INTO {t} ({t.token_hash}, {t.session_id}, {t.generation}, {t.created_at}) "
    "VALUES (?, ?, ?, ?) ON CONFLICT ({t.token_hash}) DO NOTHING",
)


async def rotation_state(token_hash: str) -> RotationState | None:
    """A refresh token's session and user, read in one go; `None` for an unknown token."""
    rows = await _ROTATION_STATE.rows(token_hash)
    if not rows:
        return None
    row = rows[0]
    return RotationState(
        presented=int(row["presented"]),
        session_id=as_uuid(row["id"]),
        user_id=as_uuid(row["user_id"]),
        salt=str(row["salt"]),
        generation=int(row["generation"]),
        rotated_at=as_optional_datetime(row["rotated_at"]),
        last_used_at=as_datetime(row["last_used_at"]),
        created_at=as_datetime(row["created_at"]),
        expires_at=as_datetime(row["expires_at"]),
        revoked_at=as_optional_datetime(row["revoked_at"]),
        user_active=bool(row["is_active"]),
    )


async def advance(session_id: UUID, presented: int, now: datetime) -> bool:
    """Rotate a live session from generation `presented` to the next: `True` for the one
    refresh that still saw `presented`, `False` for every other."""
    return bool(await _ADVANCE.execute(now, now, str(session_id), presented))


async def open_session(
    session_id: UUID,
    user_id: UUID,
    salt: str,
    now: datetime,
    expires_at: datetime,
    user_agent: str,
    ip_address: str,
) -> None:
    """A new session at generation 0, used `now`."""
    await _OPEN_SESSION.execute(
        str(session_id), str(user_id), salt, now, now, expires_at, user_agent, ip_address
    )


async def store_refresh_token(
    token_hash: str, session_id: UUID, generation: int, now: datetime
) -> None:
    """Keep a refresh token's hash; idempotent, since every refresh racing for the same rotation
    stores the same successor."""
    await _STORE_REFRESH_TOKEN.execute(token_hash, str(session_id), generation, now)
