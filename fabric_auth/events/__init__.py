"""Events for other services: the types fabric-auth publishes, and what a consuming service
needs to read them (Redis Streams subscriber, webhook verification, downstream revocation).

Importable without the store or FastAPI: the event types and the webhook verifier need only
pydantic; `EventSubscriber` and the revocation helper also need `redis` (the `redis` extra) and
PyJWT, and are imported on first use, so the auth server and webhook receivers never need them.
"""

import importlib as _importlib
import typing as _typing

from fabric_auth.events.catalogue import (
    ApiKeyCreated,
    ApiKeyRevoked,
    EmailVerified,
    Event,
    EventData,
    EventSubject,
    OAuthAccountLinked,
    PasswordChanged,
    QuotaThresholdCrossed,
    RoleGranted,
    RoleRevoked,
    ServiceAccountChanged,
    SessionRevoked,
    SubscriptionCancelled,
    SubscriptionChanged,
    SubscriptionCreated,
    UnreadableEvent,
    UserCreated,
    UserDeactivated,
    UserDeleted,
    UserErased,
    UserReactivated,
    UserRestored,
    UserTokensRevoked,
    UserUpdated,
    event_types,
    parse_event,
)
from fabric_auth.events.webhooks import WebhookVerificationError, WebhookVerifier

if _typing.TYPE_CHECKING:
    from fabric_auth.events.revocation import (
        RevocationCheckingVerifier,
        RevocationFeedUnavailable,
        RevokedTokens,
        TokenRevoked,
    )
    from fabric_auth.events.subscriber import EventSubscriber, Handler, dead_letter_stream

_MODULE_OF = {
    "EventSubscriber": "fabric_auth.events.subscriber",
    "Handler": "fabric_auth.events.subscriber",
    "dead_letter_stream": "fabric_auth.events.subscriber",
    "RevocationCheckingVerifier": "fabric_auth.events.revocation",
    "RevocationFeedUnavailable": "fabric_auth.events.revocation",
    "RevokedTokens": "fabric_auth.events.revocation",
    "TokenRevoked": "fabric_auth.events.revocation",
}
"""The names that need `redis` (and PyJWT): imported on first use."""

__all__ = [
    "ApiKeyCreated",
    "ApiKeyRevoked",
    "EmailVerified",
    "Event",
    "EventData",
    "EventSubject",
    "EventSubscriber",
    "Handler",
    "OAuthAccountLinked",
    "PasswordChanged",
    "QuotaThresholdCrossed",
    "RevocationCheckingVerifier",
    "RevocationFeedUnavailable",
    "RevokedTokens",
    "RoleGranted",
    "RoleRevoked",
    "ServiceAccountChanged",
    "SessionRevoked",
    "SubscriptionCancelled",
    "SubscriptionChanged",
    "SubscriptionCreated",
    "TokenRevoked",
    "UnreadableEvent",
    "UserCreated",
    "UserDeactivated",
    "UserDeleted",
    "UserErased",
    "UserReactivated",
    "UserRestored",
    "UserTokensRevoked",
    "UserUpdated",
    "WebhookVerificationError",
    "WebhookVerifier",
    "dead_letter_stream",
    "event_types",
    "parse_event",
]


def __getattr__(name: str) -> _typing.Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'fabric_auth.events' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
