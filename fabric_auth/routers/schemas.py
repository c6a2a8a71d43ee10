"""Request and response bodies of the routers."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from fabric_auth.store.models import Session, User


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    """Seconds until the access token expires."""
    refresh_token: str | None = None
    """Absent in cookie transport: the refresh token then lives only in its HttpOnly cookie."""
    csrf_token: str | None = None
    """Cookie transport only: send it back in the CSRF header on unsafe requests."""


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    email: str
    username: str | None
    display_name: str
    is_active: bool
    is_verified: bool
    is_system_admin: bool
    profile: dict[str, Any]
    created_at: datetime
    last_login_at: datetime | None

    @classmethod
    def of(cls, user: User) -> UserRead:
        return cls.model_validate(user)


class SessionRead(BaseModel):
    id: UUID
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    user_agent: str
    ip_address: str
    current: bool

    @classmethod
    def of(cls, session: Session, current_id: UUID | None) -> SessionRead:
        return cls(
            id=session.id,
            created_at=session.created_at,
            last_used_at=session.last_used_at,
            expires_at=session.expires_at,
            user_agent=session.user_agent,
            ip_address=session.ip_address,
            current=session.id == current_id,
        )


class RegisterRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=320)
    password: str = Field(max_length=4096)
    username: str | None = Field(default=None, max_length=150)
    display_name: str = Field(default="", max_length=200)


class LogoutRequest(BaseModel):
    refresh_token: str | None = Field(default=None, max_length=512)


class EmailRequest(BaseModel):
    """forgot-password and request-verify."""

    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=320)


class AcceptedResponse(BaseModel):
    detail: str


class TokenPasswordRequest(BaseModel):
    """reset-password and activate: the mailed token and the new password."""

    model_config = ConfigDict(extra="forbid")

    token: str = Field(max_length=128)
    password: str = Field(max_length=4096)


class VerifyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(max_length=128)


class ChangePasswordRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(max_length=4096)
    new_password: str = Field(max_length=4096)


class ChangeEmailRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(max_length=4096)
    new_email: str = Field(max_length=320)


class InviteRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=320)
    username: str | None = Field(default=None, max_length=150)
    display_name: str = Field(default="", max_length=200)


class UnlockResponse(BaseModel):
    was_locked: bool
    """Whether a lock was in force (failure counts are forgotten either way)."""
