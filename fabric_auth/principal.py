"""The one type every later stage (permissions, quotas, audit) consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID

from fabric_auth.permissions import PermissionSet


class PrincipalKind(StrEnum):
    USER = "user"
    SERVICE_ACCOUNT = "service_account"


class AuthMethod(StrEnum):
    BEARER = "bearer"
    COOKIE = "cookie"
    API_KEY = "api_key"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is making the request, and how they proved it."""

    id: UUID
    """The user's or service account's id."""
    kind: PrincipalKind
    auth_method: AuthMethod
    session_id: UUID | None = None
    """The sign-in session behind a token; `None` for API keys."""
    expires_at: float | None = None
    """When the presented credential stops being valid (Unix time)."""
    permissions: PermissionSet = field(default=PermissionSet(), compare=False)
    """Effective permissions; filled in by `require(...)` (empty from `current_principal`)."""
    key_id: UUID | None = None
    """The API key presented (`auth_method` `api_key`); `None` otherwise."""
    scopes: tuple[str, ...] | None = None
    """An API key's scopes: its effective permissions are these ∩ the owner's current ones.
    `None` for other credentials (no narrowing)."""
    authenticated_at: float | None = None
    """When the user last proved who they are (the sign-in that opened the session, Unix
    time; the access token's `auth_time`); `None` for API keys. Changing a secret without the
    current password needs this to be recent (`AuthSettings.reauth_window`)."""

    def granted(self, permissions: PermissionSet) -> Principal:
        """This principal with `permissions` as its effective permissions.

        Built field by field: `dataclasses.replace` costs three times as much, and `require()`
        does this on every request.
        """
        return Principal(
            self.id,
            self.kind,
            self.auth_method,
            self.session_id,
            self.expires_at,
            permissions,
            self.key_id,
            self.scopes,
            self.authenticated_at,
        )

    @property
    def is_user(self) -> bool:
        return self.kind is PrincipalKind.USER

    @property
    def is_narrowed(self) -> bool:
        """Whether the credential acts on less than its owner may (an API key)."""
        return self.scopes is not None


@dataclass(frozen=True, slots=True)
class SubjectRef:
    """Who or what something is about, by kind and id: the actor and target of an audit
    entry, a key's owner, a plan's subscriber, the target of an action. Principals are
    `user` / `service_account` with their UUID as text; anything else may be referred to too
    (`session`, `role`, an app's `invoice`)."""

    kind: str
    id: str

    @classmethod
    def user(cls, user_id: UUID) -> SubjectRef:
        return cls(PrincipalKind.USER.value, str(user_id))

    @classmethod
    def service_account(cls, account_id: UUID) -> SubjectRef:
        return cls(PrincipalKind.SERVICE_ACCOUNT.value, str(account_id))

    @classmethod
    def principal(cls, kind: PrincipalKind, principal_id: UUID) -> SubjectRef:
        return cls(kind.value, str(principal_id))

    @classmethod
    def of(cls, principal: Principal) -> SubjectRef:
        return cls(principal.kind.value, str(principal.id))

    @classmethod
    def session(cls, session_id: UUID) -> SubjectRef:
        return cls("session", str(session_id))

    @property
    def uuid(self) -> UUID:
        """The id of a principal (or any subject with a UUID); `ValueError` otherwise."""
        return UUID(self.id)

    @property
    def is_user(self) -> bool:
        return self.kind == PrincipalKind.USER.value

    @property
    def key(self) -> str:
        """`kind:id`, e.g. as a cache key."""
        return f"{self.kind}:{self.id}"
