"""Managing the events feed: webhook endpoints, their deliveries (listed and replayed), the
outbox as operators see it, the catalogue of event types, and the figures metrics report.

Reading needs `events:read`, changing endpoints and replaying deliveries `webhooks:manage`;
`services.authorization` decides both (`actor=None` is the system itself: the command line).
Every change is audited in its own transaction.

An endpoint's signing secret is made here (`fabric_auth.events.webhooks.new_secret`), shown
once (at creation and at each rotation) and stored only sealed (AES-GCM under a sub-key of
`secret_key`, bound to the endpoint's id, so a sealed value copied to another row does not
open). A rotation replaces the secret at once: receivers should accept the old and the new one
for a moment (Standard Webhooks' verifiers take several secrets).

Event types an endpoint subscribes to are checked against the registered event classes
(`fabric_auth.events.catalogue`: the built-in ones and every `EventData` subclass an app
defines): a type's exact name, or a `prefix.*` pattern matching at least one of them. Anything
else is 422 `unknown_event_type`, so a typo does not silently subscribe to nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, cast, get_args
from uuid import UUID, uuid4

from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.events.catalogue import EventData, event_types
from fabric_auth.events.webhooks import new_secret
from fabric_auth.exceptions import (
    Conflict,
    InvalidInput,
    NotFound,
    UnknownEventType,
    WebhookUrlRefused,
)
from fabric_auth.pagination import (
    DEFAULT_PAGE_SIZE,
    MomentKey,
    Page,
    SeqKey,
    TextKey,
    checked_limit,
    page_of,
    page_of_sorted,
)
from fabric_auth.principal import Principal
from fabric_auth.services.audit import SYSTEM, AuditAction, AuditLog, Subject
from fabric_auth.services.authorization import Action, AuthorizationService
from fabric_auth.services.events.relay import FAILED, PENDING, SUCCEEDED, outbox_status
from fabric_auth.services.events.targets import check_webhook_url
from fabric_auth.settings import AuthSettings
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import OutboxEvent, WebhookDelivery, WebhookEndpoint
from fabric_auth.store.queries.pages import newest_first
from fabric_auth.tokens.keys import seal, unseal

DeliveryStatus = Literal["pending", "succeeded", "failed"]
DELIVERY_STATUSES: tuple[DeliveryStatus, ...] = get_args(DeliveryStatus)
REPLAYABLE = frozenset({"succeeded", "failed"})
MAX_EVENT_TYPES = 100
"""Event types (or patterns) one endpoint may list."""
MAX_DESCRIPTION_LENGTH = 500
_WILDCARD = ".*"

_ENDPOINT_CURSOR = MomentKey("webhooks")
_DELIVERY_CURSOR = SeqKey("deliveries")
_EVENT_CURSOR = SeqKey("events")
_TYPE_CURSOR = TextKey("event_types", 80)


@dataclass(frozen=True, slots=True)
class IssuedSecret:
    """An endpoint and its signing secret, as created or rotated: the only time the secret is
    shown."""

    endpoint: WebhookEndpoint
    secret: str


@dataclass(frozen=True, slots=True)
class EndpointChanges:
    """Fields that may change; `None` leaves a field as it is."""

    url: str | None = None
    description: str | None = None
    event_types: Sequence[str] | None = None
    is_active: bool | None = None


@dataclass(frozen=True, slots=True)
class DeliveryFilter:
    """Deliveries matching every field given."""

    status: DeliveryStatus | None = None
    endpoint_id: UUID | None = None
    event_type: str | None = None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Outbox events matching every field given."""

    type: str | None = None
    subject_kind: str | None = None
    subject_id: str | None = None


@dataclass(frozen=True, slots=True)
class EventTypeInfo:
    """One entry of the catalogue: an event class, described for people and for tools."""

    type: str
    version: int
    description: str
    """The class's docstring."""
    schema: dict[str, Any] = field(default_factory=dict)
    """The JSON Schema of the event's `data`."""

    @property
    def key(self) -> str:
        return f"{self.type}/v{self.version:06d}"


@dataclass(frozen=True, slots=True)
class EventsStatus:
    """How far behind the feed is, read from the store."""

    outbox_pending: int
    """Events not yet handed on by the relay (`dispatched_at` empty)."""
    oldest_pending_seconds: float
    """Age of the oldest of them; 0 when there is none."""
    deliveries: dict[str, int]
    """Webhook deliveries by status, every status present (0 when none)."""


class WebhookService:
    def __init__(
        self,
        *,
        settings: AuthSettings,
        clock: Clock,
        audit: AuditLog,
        authorization: AuthorizationService,
        sealing_key: bytes,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._audit = audit
        self._authorization = authorization
        self._sealing_key = sealing_key

    # --- endpoints ---------------------------------------------------------------------

    async def create_endpoint(
        self,
        actor: Principal | None,
        *,
        url: str,
        description: str = "",
        event_types: Iterable[str] = (),
        client: ClientInfo = NO_CLIENT,
    ) -> IssuedSecret:
        """Register an endpoint for `event_types` (none: every type); its secret is in the
        answer and nowhere else."""
        await self._authorization.authorize(actor, Action.WEBHOOKS_MANAGE, client=client)
        checked_url = self.checked_url(url)
        wanted = checked_event_types(event_types)
        _check_description(description)
        now = self._clock.now()
        endpoint_id = uuid4()
        secret = new_secret()
        async with transaction():
            endpoint = await WebhookEndpoint.create(
                id=endpoint_id,
                url=checked_url,
                description=description,
                event_types=wanted,
                secret_sealed=self._seal(endpoint_id, secret),
                is_active=True,
                created_at=now,
                updated_at=now,
            )
            await self._record(
                AuditAction.WEBHOOK_CREATED,
                actor,
                endpoint,
                client,
                {"url": checked_url, "event_types": wanted},
            )
        return IssuedSecret(endpoint, secret)

    async def list_endpoints(
        self, *, cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE
    ) -> Page[WebhookEndpoint]:
        """Endpoints, newest first, inactive ones included."""
        limit = checked_limit(limit)
        after = None if cursor is None else _ENDPOINT_CURSOR.decode(cursor)
        rows = await newest_first(WebhookEndpoint.all(), after, limit)
        return page_of(rows, limit, lambda row: _ENDPOINT_CURSOR.encode(row.created_at, row.id))

    async def get_endpoint(self, endpoint_id: UUID) -> WebhookEndpoint:
        endpoint = await WebhookEndpoint.get_or_none(id=endpoint_id)
        if endpoint is None:
            raise NotFound("No such webhook endpoint")
        return endpoint

    async def update_endpoint(
        self,
        actor: Principal | None,
        endpoint_id: UUID,
        changes: EndpointChanges,
        client: ClientInfo = NO_CLIENT,
    ) -> WebhookEndpoint:
        await self._authorization.authorize(actor, Action.WEBHOOKS_MANAGE, client=client)
        values: dict[str, Any] = {}
        if changes.url is not None:
            values["url"] = self.checked_url(changes.url)
        if changes.description is not None:
            values["description"] = _check_description(changes.description)
        if changes.event_types is not None:
            values["event_types"] = checked_event_types(changes.event_types)
        if changes.is_active is not None:
            values["is_active"] = changes.is_active
        async with transaction():
            endpoint = await _locked(endpoint_id)
            for name, value in values.items():
                setattr(endpoint, name, value)
            endpoint.updated_at = self._clock.now()
            await endpoint.save()
            await self._record(
                AuditAction.WEBHOOK_UPDATED, actor, endpoint, client, {"fields": sorted(values)}
            )
        return endpoint

    async def delete_endpoint(
        self, actor: Principal | None, endpoint_id: UUID, client: ClientInfo = NO_CLIENT
    ) -> None:
        """Remove the endpoint and its deliveries: nothing more is sent to it."""
        await self._authorization.authorize(actor, Action.WEBHOOKS_MANAGE, client=client)
        async with transaction():
            endpoint = await _locked(endpoint_id)
            await endpoint.delete()
            await self._record(
                AuditAction.WEBHOOK_DELETED, actor, endpoint, client, {"url": endpoint.url}
            )

    async def rotate_secret(
        self, actor: Principal | None, endpoint_id: UUID, client: ClientInfo = NO_CLIENT
    ) -> IssuedSecret:
        """Replace the endpoint's secret; the new one is in the answer and nowhere else.
        Deliveries from now on are signed with it."""
        await self._authorization.authorize(actor, Action.WEBHOOKS_MANAGE, client=client)
        secret = new_secret()
        async with transaction():
            endpoint = await _locked(endpoint_id)
            endpoint.secret_sealed = self._seal(endpoint.id, secret)
            endpoint.updated_at = self._clock.now()
            await endpoint.save()
            await self._record(AuditAction.WEBHOOK_SECRET_ROTATED, actor, endpoint, client, {})
        return IssuedSecret(endpoint, secret)

    def secret_of(self, endpoint: WebhookEndpoint) -> str:
        """The endpoint's signing secret, unsealed (for signing deliveries); raises
        `cryptography.exceptions.InvalidTag` when `secret_key` is not the one it was sealed
        under."""
        return unseal(self._sealing_key, str(endpoint.id), endpoint.secret_sealed).decode()

    def checked_url(self, url: str) -> str:
        """`url`, once a webhook may be registered with it; 422 `webhook_url_refused`."""
        try:
            return check_webhook_url(
                url, allow_private=self._settings.webhook_allow_private_targets
            )
        except InvalidInput as exc:
            raise WebhookUrlRefused(exc.detail) from None

    def _seal(self, endpoint_id: UUID, secret: str) -> str:
        return seal(self._sealing_key, str(endpoint_id), secret.encode())

    # --- deliveries --------------------------------------------------------------------

    async def list_deliveries(
        self,
        where: DeliveryFilter = DeliveryFilter(),
        *,
        cursor: str | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
    ) -> Page[WebhookDelivery]:
        """Deliveries matching `where`, newest first, with their event loaded."""
        limit = checked_limit(limit)
        query = WebhookDelivery.all().select_related("event")
        if where.status is not None:
            query = query.filter(status=where.status)
        if where.endpoint_id is not None:
            query = query.filter(endpoint_id=where.endpoint_id)
        if where.event_type is not None:
            query = query.filter(event__type=where.event_type)
        if cursor is not None:
            query = query.filter(id__lt=_DELIVERY_CURSOR.decode(cursor))
        rows = await query.order_by("-id").limit(limit + 1)
        return page_of(rows, limit, lambda row: _DELIVERY_CURSOR.encode(row.id))

    async def get_delivery(self, delivery_id: int) -> WebhookDelivery:
        delivery = (
            await WebhookDelivery.filter(id=delivery_id).select_related("event").first()
            if 1 <= delivery_id < 2**63
            else None
        )
        if delivery is None:
            raise NotFound("No such webhook delivery")
        return delivery

    async def replay_delivery(
        self, actor: Principal | None, delivery_id: int, client: ClientInfo = NO_CLIENT
    ) -> WebhookDelivery:
        """Send a finished delivery (`failed` or `succeeded`) again, from its first attempt,
        now; 409 `conflict` while it is still pending."""
        await self._authorization.authorize(actor, Action.WEBHOOKS_MANAGE, client=client)
        await self.get_delivery(delivery_id)
        async with transaction():
            delivery = await WebhookDelivery.select_for_update().get_or_none(id=delivery_id)
            if delivery is None:
                raise NotFound("No such webhook delivery")
            if delivery.status not in REPLAYABLE:
                raise Conflict("This delivery is still pending: it is being attempted")
            was = delivery.status
            self._restart(delivery)
            await delivery.save()
            await self._record_replay(actor, delivery, client, was)
        return await self.get_delivery(delivery_id)

    async def replay_event(
        self,
        actor: Principal | None,
        event_id: UUID,
        endpoint_id: UUID,
        client: ClientInfo = NO_CLIENT,
    ) -> WebhookDelivery:
        """Send one relayed event to one active endpoint again (or for the first time, when
        it was registered after the event, or does not subscribe to its type): its delivery
        to that endpoint restarts, or a new one is queued. 409 `conflict` when the relay has
        not handed the event on yet (it will be delivered), when the endpoint is inactive, or
        when a delivery of it is pending already."""
        await self._authorization.authorize(actor, Action.WEBHOOKS_MANAGE, client=client)
        event = await self.get_event(event_id)
        if event.dispatched_at is None:
            raise Conflict("The relay has not handed this event on yet: it will be delivered")
        endpoint = await self.get_endpoint(endpoint_id)
        if not endpoint.is_active:
            raise Conflict("The webhook endpoint is inactive")
        async with transaction():
            await _locked(endpoint.id)
            delivery = (
                await WebhookDelivery.filter(endpoint_id=endpoint.id, event_id=event.seq)
                .order_by("-id")
                .first()
            )
            if delivery is not None and delivery.status not in REPLAYABLE:
                raise Conflict("A delivery of this event to this endpoint is pending")
            was = delivery.status if delivery is not None else "none"
            if delivery is None:
                delivery = WebhookDelivery(
                    endpoint_id=endpoint.id, event_id=event.seq, created_at=self._clock.now()
                )
            self._restart(delivery)
            await delivery.save()
            await self._record_replay(actor, delivery, client, was)
        return await self.get_delivery(delivery.id)

    def _restart(self, delivery: WebhookDelivery) -> None:
        """Due now, with a retry window of its own: the relay gives up on a delivery
        `webhook_retry_window` after its `created_at`."""
        now = self._clock.now()
        delivery.status = PENDING
        delivery.attempts = 0
        delivery.created_at = now
        delivery.next_attempt_at = now
        delivery.completed_at = None

    async def _record_replay(
        self, actor: Principal | None, delivery: WebhookDelivery, client: ClientInfo, was: str
    ) -> None:
        await self._audit.record(
            AuditAction.WEBHOOK_DELIVERY_REPLAYED,
            actor=SYSTEM if actor is None else Subject.of(actor),
            target=_subject(endpoint_id_of(delivery)),
            client=client,
            details={"delivery_id": delivery.id, "event_seq": event_seq_of(delivery), "was": was},
        )

    # --- the outbox --------------------------------------------------------------------

    async def list_events(
        self,
        where: EventFilter = EventFilter(),
        *,
        cursor: str | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
    ) -> Page[OutboxEvent]:
        """Outbox events matching `where`, newest first (by delivery order)."""
        limit = checked_limit(limit)
        query = OutboxEvent.all()
        if where.type is not None:
            query = query.filter(type=where.type)
        if where.subject_kind is not None:
            query = query.filter(subject_kind=where.subject_kind)
        if where.subject_id is not None:
            query = query.filter(subject_id=where.subject_id)
        if cursor is not None:
            query = query.filter(seq__lt=_EVENT_CURSOR.decode(cursor))
        rows = await query.order_by("-seq").limit(limit + 1)
        return page_of(rows, limit, lambda row: _EVENT_CURSOR.encode(row.seq))

    async def get_event(self, event_id: UUID) -> OutboxEvent:
        event = await OutboxEvent.get_or_none(id=event_id)
        if event is None:
            raise NotFound("No such event")
        return event

    async def deliveries_of(self, event: OutboxEvent) -> list[WebhookDelivery]:
        """Every delivery of `event`, oldest first."""
        rows = await WebhookDelivery.filter(event_id=event.seq).order_by("id")
        for row in rows:
            row.event = event
        return rows

    # --- event types and status --------------------------------------------------------

    def event_types(
        self, *, cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE
    ) -> Page[EventTypeInfo]:
        """The catalogue, by type then version: the built-in types and the app's own."""
        limit = checked_limit(limit)
        return page_of_sorted(catalogue(), lambda info: info.key, _TYPE_CURSOR, cursor, limit)

    async def status(self) -> EventsStatus:
        """The outbox's lag and the deliveries by status (`relay.outbox_status`'s figures)."""
        figures = await outbox_status(self._clock)
        return EventsStatus(
            outbox_pending=figures.pending_events,
            oldest_pending_seconds=figures.oldest_pending_seconds or 0.0,
            deliveries={
                PENDING: figures.deliveries_pending,
                SUCCEEDED: figures.deliveries_succeeded,
                FAILED: figures.deliveries_failed,
            },
        )

    async def _record(
        self,
        action: AuditAction,
        actor: Principal | None,
        endpoint: WebhookEndpoint,
        client: ClientInfo,
        details: dict[str, Any],
    ) -> None:
        await self._audit.record(
            action,
            actor=SYSTEM if actor is None else Subject.of(actor),
            target=_subject(endpoint.id),
            client=client,
            details=details,
        )


def catalogue() -> list[EventTypeInfo]:
    """Every registered event type, described, sorted by type then version."""
    return sorted((describe(event_class) for event_class in event_types()), key=lambda i: i.key)


def describe(event_class: type[EventData]) -> EventTypeInfo:
    doc = " ".join((event_class.__doc__ or "").split())
    return EventTypeInfo(
        type=event_class.event_type,
        version=event_class.event_version,
        description=doc,
        schema=event_class.model_json_schema(),
    )


def checked_event_types(wanted: Iterable[str]) -> list[str]:
    """`wanted` without repeats, once each is a registered type or a `prefix.*` pattern that
    matches one; `UnknownEventType` names the others."""
    names = list(dict.fromkeys(wanted))
    if len(names) > MAX_EVENT_TYPES:
        raise InvalidInput(f"A webhook endpoint lists at most {MAX_EVENT_TYPES} event types")
    known = {event_class.event_type for event_class in event_types()}
    unknown = [name for name in names if not _matches_known(name, known)]
    if unknown:
        raise UnknownEventType(
            f"Unknown event type: {', '.join(unknown)} (see GET /events/types; "
            "a pattern is `prefix.*`)"
        )
    return names


def _matches_known(name: str, known: set[str]) -> bool:
    if name.endswith(_WILDCARD):
        stem = name[: -len(_WILDCARD)]
        return bool(stem) and "*" not in stem and any(t.startswith(stem + ".") for t in known)
    return name in known


def _check_description(description: str) -> str:
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise InvalidInput(f"A description is at most {MAX_DESCRIPTION_LENGTH} characters")
    return description


def endpoint_id_of(delivery: WebhookDelivery) -> UUID:
    """The delivery's endpoint id, without loading the endpoint."""
    return cast("UUID", getattr(delivery, "endpoint_id"))  # noqa: B009 (Tortoise's column)


def event_seq_of(delivery: WebhookDelivery) -> int:
    """The delivery's event `seq` (its `event_id` column), without loading the event."""
    return cast("int", getattr(delivery, "event_id"))  # noqa: B009


def _subject(endpoint_id: UUID) -> Subject:
    return Subject("webhook", str(endpoint_id))


def _age(now: datetime, since: datetime | None) -> float:
    return max((now - since).total_seconds(), 0.0) if since is not None else 0.0


async def _locked(endpoint_id: UUID) -> WebhookEndpoint:
    """The endpoint's row, locked until the transaction ends (on PostgreSQL)."""
    endpoint = await WebhookEndpoint.select_for_update().get_or_none(id=endpoint_id)
    if endpoint is None:
        raise NotFound("No such webhook endpoint")
    return endpoint
