"""Sign-in throttles: the counters every sign-in claims a slot of (`services.lockout`); the
rarer paths stay Tortoise queries."""

from __future__ import annotations

from datetime import datetime

from fabric_auth.store.models import LoginThrottle
from fabric_auth.store.sql import Statement

_CLAIM_IN_STREAK = Statement(
    LoginThrottle,
    "UPDATE {t} SET {t.attempts} = {t.attempts} + 1, {t.last_attempt_at} = ? "
    "WHERE ({t.locked_until} IS NULL OR {t.locked_until} <= ?) AND {t.scope} = ? "
    "AND {t.key} = ? AND {t.last_attempt_at} >= ? AND {t.attempts} < ?",
)
_RELEASE = Statement(
    LoginThrottle,
    "UPDATE {t} SET {t.attempts} = {t.attempts} - 1 "
    "WHERE {t.scope} = ? AND {t.key} = ? AND {t.attempts} > 0",
)
_RESET = Statement(
    LoginThrottle,
    "UPDATE {t} SET {t.attempts} = 0, {t.failures} = 0, {t.lockouts} = 0, "
    "{t.locked_until} = NULL WHERE {t.scope} = ? AND {t.key} = ?",
)


async def claim_in_streak(
    scope: str, key: str, now: datetime, fresh_since: datetime, threshold: int
) -> bool:
    """Claim a slot of an unlocked counter whose streak is still running (an attempt since
    `fresh_since`) and has room left (fewer than `threshold` attempts): the usual case."""
    return bool(await _CLAIM_IN_STREAK.execute(now, now, scope, key, fresh_since, threshold))


async def release(scope: str, key: str) -> None:
    """Give back a claimed slot."""
    await _RELEASE.execute(scope, key)


async def reset(scope: str, key: str) -> None:
    """End the streak: no attempts, failures, lockouts or lock."""
    await _RESET.execute(scope, key)
