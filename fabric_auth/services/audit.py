"""The audit log: security events, recorded inside the transaction of the change."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from uuid import UUID

from fabric_auth.clock import Clock
from fabric_auth.store.models import AuditEvent


class AuditAction(StrEnum):
    SIGN_IN = "auth.sign_in"
    REFRESH = "session.refresh"
    REFRESH_REUSE_DETECTED = "session.refresh_reuse_detected"
    LOGOUT = "session.logout"
    SESSION_REVOKED = "session.revoked"
    USER_TOKENS_REVOKED = "user.tokens_revoked"
    USER_REGISTERED = "user.registered"
    LOCKOUT = "auth.lockout"
    UNLOCK = "auth.unlock"
    PASSWORD_RESET_REQUESTED = "user.password_reset_requested"
    PASSWORD_RESET = "user.password_reset"
    PASSWORD_CHANGED = "user.password_changed"
    VERIFICATION_REQUESTED = "user.verification_requested"
    EMAIL_VERIFIED = "user.email_verified"
    EMAIL_CHANGE_REQUESTED = "user.email_change_requested"
    EMAIL_CHANGED = "user.email_changed"
    USER_INVITED = "user.invited"
    USER_ACTIVATED = "user.activated"


class Outcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"


@dataclass(frozen=True, slots=True)
class Subject:
    type: str
    id: str

    @classmethod
    def user(cls, user_id: UUID) -> Subject:
        return cls("user", str(user_id))

    @classmethod
    def session(cls, session_id: UUID) -> Subject:
        return cls("session", str(session_id))


@dataclass(frozen=True, slots=True)
class ClientInfo:
    """Where a request came from; empty for the CLI and background work."""

    ip_address: str = ""
    user_agent: str = ""


NO_CLIENT = ClientInfo()


class AuditLog:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def record(
        self,
        action: AuditAction,
        *,
        outcome: Outcome = Outcome.SUCCESS,
        actor: Subject | None = None,
        target: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
        details: dict[str, Any] | None = None,
    ) -> AuditEvent:
        """Write one event; call it inside the transaction of the change it records."""
        return await AuditEvent.create(
            occurred_at=self._clock.now(),
            action=action.value,
            outcome=outcome.value,
            actor_type=actor.type if actor else None,
            actor_id=actor.id if actor else None,
            target_type=target.type if target else None,
            target_id=target.id if target else None,
            ip_address=client.ip_address[:64],
            user_agent=client.user_agent[:512],
            details=details or {},
        )
