"""The events fabric-auth publishes: one envelope (`Event`) around typed data (`EventData`).

An event type is a class: its `event_type` (`"user.deleted"`) and `event_version` (a whole
number, raised when a field changes meaning or goes away; adding an optional field keeps it)
are class variables, its fields the data. Every subclass is registered when it is defined, so
apps add their own types the same way and `parse_event` reads them back:

```python
class InvoicePaid(EventData):
    event_type: ClassVar[str] = "invoice.paid"
    event_version: ClassVar[int] = 1
    invoice_id: str
    amount_cents: int
```

Consumers ignore fields they do not know (`extra="ignore"`), so a producer may add optional
fields without a new version.

This module needs pydantic only: services that consume events import it without the store or
FastAPI.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Generic, Literal, TypeVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, SerializeAsAny, ValidationError


class EventSubject(BaseModel):
    """Who or what an event is about (or who acted): `kind` is `user`, `service_account`, or an
    app's own kind; `id` its identifier as text."""

    model_config = ConfigDict(frozen=True)

    kind: str
    id: str


class EventData(BaseModel):
    """The base of every event type's data."""

    model_config = ConfigDict(frozen=True, extra="ignore", use_attribute_docstrings=True)

    event_type: ClassVar[str]
    event_version: ClassVar[int] = 1

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if "event_type" in cls.__dict__:
            register(cls)


DataT = TypeVar("DataT")


class Event(BaseModel, Generic[DataT]):
    """One event as delivered: to Redis Streams (the `event` field of an entry) and as a
    webhook's body. `id` is unique and stays the same on every redelivery: consumers dedupe by
    it (delivery is at least once)."""

    model_config = ConfigDict(frozen=True)

    id: UUID
    type: str
    version: int
    occurred_at: datetime
    subject: EventSubject
    """Events of one subject are delivered in the order they happened."""
    actor: EventSubject | None = None
    """Who made the change; none for the system itself (expiry, cleanup)."""
    data: SerializeAsAny[DataT]
    """The type's fields. Serialized as the data's own class, not the declared one: the outbox
    wraps every type in `Event[EventData]`, which would otherwise write `"data": {}`."""


_TYPES: dict[tuple[str, int], type[EventData]] = {}


def register(event_class: type[EventData]) -> None:
    """Make `parse_event` read `event_class`'s type and version (done when a subclass that sets
    `event_type` is defined)."""
    key = (event_class.event_type, event_class.event_version)
    known = _TYPES.get(key)
    if known is not None and known.__qualname__ != event_class.__qualname__:
        raise ValueError(f"event type {key[0]!r} v{key[1]} is already {known.__qualname__}")
    _TYPES[key] = event_class


def event_types() -> list[type[EventData]]:
    """Every registered event type, by type then version."""
    return [_TYPES[key] for key in sorted(_TYPES)]


def data_class(event_type: str, version: int) -> type[EventData] | None:
    return _TYPES.get((event_type, version))


class UnreadableEvent(ValueError):
    """The bytes are not an event: not JSON, or an envelope or data that does not validate."""


def parse_event(raw: str | bytes) -> Event[Any]:
    """An event from its JSON form. Its data is the registered type's model, or a plain `dict`
    for a type (or version) this process does not know. `UnreadableEvent` when it is not one."""
    try:
        envelope = Event[dict[str, Any]].model_validate_json(raw)
        known = data_class(envelope.type, envelope.version)
        if known is None:
            return envelope
        return Event[known].model_validate_json(raw)  # type: ignore[valid-type]
    except ValidationError as exc:
        raise UnreadableEvent(str(exc)) from None


# --- the built-in types -------------------------------------------------------------------


class UserCreated(EventData):
    """An account was created: registration, an administrator, an accepted invitation, the
    CLI, or a first sign-in through an identity provider."""

    event_type: ClassVar[str] = "user.created"
    email: str
    """The address as the account holds it."""
    username: str | None = None
    """The username, when the account has one."""
    is_verified: bool
    """Whether the email was verified at creation (identity providers, administrators)."""
    source: Literal["registration", "admin", "invitation", "oauth", "system"]
    """How: self-service sign-up, an administrator (API, dashboard, CLI), an invitation, a first
    sign-in through an identity provider, or the seeded system administrator."""


class UserUpdated(EventData):
    """Profile fields changed; `changed` names them (`email`, `username`, `display_name`, ...)."""

    event_type: ClassVar[str] = "user.updated"
    changed: list[str]
    """The names of the fields that changed (no values: ask the API for them)."""


class UserDeactivated(EventData):
    """The account can no longer sign in; its tokens are refused (see `user.tokens_revoked`)."""

    event_type: ClassVar[str] = "user.deactivated"
    reason: str | None = None
    """The administrator's reason."""


class UserReactivated(EventData):
    event_type: ClassVar[str] = "user.reactivated"
    reason: str | None = None
    """The administrator's reason."""


class UserDeleted(EventData):
    """The account was deleted: it can no longer sign in, and its personal data is erased at
    `erase_after` (`user.erased` then follows). Services holding personal data of the user
    should erase theirs."""

    event_type: ClassVar[str] = "user.deleted"
    erase_after: datetime
    """When the personal data is erased (the deletion plus `user_erase_after`)."""
    requested_by_user: bool
    """True when the user deleted their own account, false when an administrator did."""


class UserRestored(EventData):
    """An administrator restored the deleted account within the grace period: the erasure
    announced by `user.deleted` will not happen. The account signs in again (unless it was
    deactivated before); its sessions and API keys stay ended."""

    event_type: ClassVar[str] = "user.restored"


class UserErased(EventData):
    """The deleted account's personal data (email, username, name, profile, sign-in links) is
    gone from fabric-auth; its id stays as a pseudonymous reference in the audit log."""

    event_type: ClassVar[str] = "user.erased"


class EmailVerified(EventData):
    event_type: ClassVar[str] = "user.email_verified"
    email: str
    """The address now verified."""


class PasswordChanged(EventData):
    """The password changed: by the user (`change`), through a reset link (`reset`) or by an
    administrator (`admin`)."""

    event_type: ClassVar[str] = "user.password_changed"
    method: Literal["change", "reset", "admin"]
    """How it changed."""


class RoleGranted(EventData):
    """The subject (a user or a service account) now holds `role`."""

    event_type: ClassVar[str] = "role.granted"
    role: str
    """The role's name."""


class RoleRevoked(EventData):
    event_type: ClassVar[str] = "role.revoked"
    role: str
    """The role's name."""


class SessionRevoked(EventData):
    """A session of the subject (a user) ended before its time: sign-out, revocation, a
    detected refresh-token reuse, a password change. Access tokens carrying
    `sid == session_id` must be refused; none can be valid after `tokens_valid_until`."""

    event_type: ClassVar[str] = "session.revoked"
    session_id: UUID
    """The `sid` claim of its access tokens."""
    reason: str
    """`logout`, `revoked_by_user`, `revoked_by_admin`, `refresh_token_reused`, `password_changed`,
    `session_limit`, ..."""
    tokens_valid_until: datetime
    """No access token of the session is valid after this: forget the revocation then."""


class UserTokensRevoked(EventData):
    """Every access token of the subject (a user) issued at or before `revoked_before` must be
    refused (deactivation, deletion); none can be valid after `tokens_valid_until`."""

    event_type: ClassVar[str] = "user.tokens_revoked"
    revoked_before: datetime
    """Tokens issued (`iat`) at or before this are refused."""
    tokens_valid_until: datetime
    """No such token is valid after this: forget the revocation then."""


class ApiKeyCreated(EventData):
    """The subject (a user or service account) has a new API key."""

    event_type: ClassVar[str] = "api_key.created"
    key_id: UUID
    """The key's id (never the key)."""
    name: str
    """The key's label."""
    prefix: str
    """The first characters of the key, as listings show them."""
    scopes: list[str]
    """The permissions the key may use (within its owner's)."""
    expires_at: datetime
    """When the key stops working."""


class ApiKeyRevoked(EventData):
    """The key is refused from `effective_at` (later than the event for a rotation's overlap)."""

    event_type: ClassVar[str] = "api_key.revoked"
    key_id: UUID
    """The key's id."""
    effective_at: datetime
    """When the key stops working."""
    reason: str
    """`rotated`, `owner_deactivated`, `owner_deleted`, or who revoked it (`user:<id>`,
    `service_account:<id>`, `system`)."""


ServiceAccountChange = Literal[
    "created", "updated", "deactivated", "reactivated", "deleted", "roles"
]


class ServiceAccountChanged(EventData):
    """A service account was created, updated, deactivated, reactivated, deleted or given
    roles (`change`)."""

    event_type: ClassVar[str] = "service_account.changed"
    change: ServiceAccountChange
    """What happened to it."""
    slug: str
    """The account's slug."""


class SubscriptionCreated(EventData):
    """The subject (a user, service account or an app's own kind) subscribed to `plan`."""

    event_type: ClassVar[str] = "subscription.created"
    plan: str
    """The plan's code."""
    ends_at: datetime | None = None
    """When the subscription ends, if it has an end."""


class SubscriptionChanged(EventData):
    event_type: ClassVar[str] = "subscription.changed"
    plan: str
    """The new plan's code."""
    previous_plan: str
    """The plan it replaced."""
    ends_at: datetime | None = None
    """When the subscription ends, if it has an end."""


class SubscriptionCancelled(EventData):
    event_type: ClassVar[str] = "subscription.cancelled"
    plan: str
    """The cancelled plan's code."""
    ends_at: datetime | None = None
    """When it stopped applying (a cancellation takes effect at once; the subject falls back
    to the default plan)."""


class QuotaThresholdCrossed(EventData):
    """Usage of `feature` reached `percent` (80 or 100) of its limit in the period starting at
    `period_start`: once per subject, feature, threshold and period. With [quota
    leases](plans-and-quotas.md#quota-leases) the block claim that reaches it announces it, up
    to a block before the units are served."""

    event_type: ClassVar[str] = "quota.threshold_crossed"
    feature: str
    """The feature's code."""
    percent: Literal[80, 100]
    """The threshold reached."""
    used: int
    """Units used in the period after the consumption that crossed it."""
    limit: int
    """The period's limit."""
    period_start: datetime
    """When the period began."""
    period_end: datetime | None = None
    """When it ends (none for a lifetime limit)."""


class OAuthAccountLinked(EventData):
    """An identity provider's account now signs the subject (a user) in."""

    event_type: ClassVar[str] = "oauth_account.linked"
    provider: str
    """The provider's name in the settings (`google`, `github`, ...)."""
    account_id: UUID
    """The link's id (`GET /auth/oauth/accounts`)."""
