"""`create_events_router()`: the event types, the outbox, webhook endpoints and deliveries.

Reading types, events, deliveries and the status needs `events:read`; managing endpoints
(reading them included: their URLs may carry tokens) and replaying deliveries
`webhooks:manage`. The services decide (`services.events.webhooks`); this only parses and
answers.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Query, Request, status
from pydantic import BaseModel, ConfigDict, Field

from fabric_auth.dependencies import authorized
from fabric_auth.exceptions import Conflict, NotFound, UnknownEventType, WebhookUrlRefused
from fabric_auth.http import FabricRoute, client_info
from fabric_auth.openapi import errors
from fabric_auth.principal import Principal
from fabric_auth.routers.schemas import DEFAULT_LIMIT, Cursor, Limit, Page, Text
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.authorization import Action
from fabric_auth.services.events.targets import MAX_URL_LENGTH
from fabric_auth.services.events.webhooks import (
    MAX_DESCRIPTION_LENGTH,
    MAX_EVENT_TYPES,
    DeliveryFilter,
    DeliveryStatus,
    EndpointChanges,
    EventFilter,
    EventsStatus,
    EventTypeInfo,
    IssuedSecret,
    WebhookService,
    endpoint_id_of,
)
from fabric_auth.store.models import OutboxEvent, WebhookDelivery, WebhookEndpoint

Reader = Annotated[Principal, Depends(authorized(Action.EVENTS_READ))]
Manager = Annotated[Principal, Depends(authorized(Action.WEBHOOKS_MANAGE))]

EventTypeName = Annotated[Text, Field(min_length=1, max_length=64)]
DeliveryId = Annotated[int, Path(ge=1, le=2**63 - 1)]


class EventTypeRead(BaseModel):
    type: str
    version: int
    description: str
    """The event class's docstring."""
    data_schema: dict[str, Any]
    """The JSON Schema of the event's `data`."""

    @classmethod
    def of(cls, info: EventTypeInfo) -> EventTypeRead:
        return cls(
            type=info.type,
            version=info.version,
            description=info.description,
            data_schema=info.schema,
        )


class EventsStatusRead(BaseModel):
    outbox_pending: int
    """Events the relay has not handed on yet."""
    oldest_pending_seconds: float
    """Age of the oldest of them (0 when none)."""
    deliveries: dict[str, int]
    """Webhook deliveries by status: `pending`, `succeeded`, `failed`."""

    @classmethod
    def of(cls, figures: EventsStatus) -> EventsStatusRead:
        return cls(
            outbox_pending=figures.outbox_pending,
            oldest_pending_seconds=figures.oldest_pending_seconds,
            deliveries=figures.deliveries,
        )


class EventSubjectRead(BaseModel):
    kind: str
    id: str


class EventRead(BaseModel):
    id: UUID
    seq: int
    """Delivery order."""
    type: str
    version: int
    subject: EventSubjectRead
    occurred_at: datetime
    dispatched_at: datetime | None
    """When the relay handed it on; `null` while it waits."""
    payload: dict[str, Any]
    """The event as delivered (a webhook's body)."""

    @classmethod
    def of(cls, event: OutboxEvent) -> EventRead:
        return cls(
            id=event.id,
            seq=event.seq,
            type=event.type,
            version=event.version,
            subject=EventSubjectRead(kind=event.subject_kind, id=event.subject_id),
            occurred_at=event.occurred_at,
            dispatched_at=event.dispatched_at,
            payload=json.loads(event.payload),
        )


class DeliveryRead(BaseModel):
    id: int
    endpoint_id: UUID
    event_id: UUID
    event_type: str
    status: str
    """`pending`, `succeeded` or `failed`."""
    attempts: int
    next_attempt_at: datetime
    last_attempt_at: datetime | None
    response_status: int | None
    """The HTTP status of the last attempt; `null` when it got no answer."""
    last_error: str
    created_at: datetime
    completed_at: datetime | None

    @classmethod
    def of(cls, delivery: WebhookDelivery) -> DeliveryRead:
        return cls(
            id=delivery.id,
            endpoint_id=endpoint_id_of(delivery),
            event_id=delivery.event.id,
            event_type=delivery.event.type,
            status=delivery.status,
            attempts=delivery.attempts,
            next_attempt_at=delivery.next_attempt_at,
            last_attempt_at=delivery.last_attempt_at,
            response_status=delivery.response_status,
            last_error=delivery.last_error,
            created_at=delivery.created_at,
            completed_at=delivery.completed_at,
        )


class EventDetail(EventRead):
    deliveries: list[DeliveryRead]
    """Its webhook deliveries, oldest first."""


class EndpointRead(BaseModel):
    id: UUID
    url: str
    description: str
    event_types: list[str]
    """Types (`user.deleted`) and patterns (`user.*`) sent here; empty for every type."""
    is_active: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, endpoint: WebhookEndpoint) -> EndpointRead:
        return cls(
            id=endpoint.id,
            url=endpoint.url,
            description=endpoint.description,
            event_types=list(endpoint.event_types),
            is_active=endpoint.is_active,
            created_at=endpoint.created_at,
            updated_at=endpoint.updated_at,
        )


class EndpointIssued(EndpointRead):
    secret: str
    """The signing secret (`whsec_...`): shown now and never again."""

    @classmethod
    def issued(cls, issued: IssuedSecret) -> EndpointIssued:
        return cls(**EndpointRead.of(issued.endpoint).model_dump(), secret=issued.secret)


class EndpointCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: Text = Field(max_length=MAX_URL_LENGTH)
    """`https`, not a private or loopback address (unless `webhook_allow_private_targets`)."""
    description: Text = Field(default="", max_length=MAX_DESCRIPTION_LENGTH)
    event_types: list[EventTypeName] = Field(default_factory=list, max_length=MAX_EVENT_TYPES)
    """Registered types or `prefix.*` patterns; empty for every type."""


class EndpointUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: Text | None = Field(default=None, max_length=MAX_URL_LENGTH)
    description: Text | None = Field(default=None, max_length=MAX_DESCRIPTION_LENGTH)
    event_types: list[EventTypeName] | None = Field(default=None, max_length=MAX_EVENT_TYPES)
    is_active: bool | None = None


class EventReplay(BaseModel):
    model_config = ConfigDict(extra="forbid")

    endpoint_id: UUID
    """The endpoint to send the event to again."""


def _webhooks(request: Request) -> WebhookService:
    return FabricAuth.of(request).services.webhooks


_Kind = Annotated[Text | None, Query(max_length=32)]
_Id = Annotated[Text | None, Query(max_length=64)]
_Type = Annotated[Text | None, Query(max_length=64)]
"""As long as the outbox's columns: a longer value matches nothing, and is refused before the
store sees it."""


def event_filter(
    type: _Type = None, subject_kind: _Kind = None, subject_id: _Id = None
) -> EventFilter:
    return EventFilter(type=type, subject_kind=subject_kind, subject_id=subject_id)


def delivery_filter(
    status: DeliveryStatus | None = None,
    endpoint_id: UUID | None = None,
    event_type: _Type = None,
) -> DeliveryFilter:
    return DeliveryFilter(status=status, endpoint_id=endpoint_id, event_type=event_type)


def create_events_router(*, prefix: str = "/events") -> APIRouter:
    """Event types, the outbox, webhook endpoints and deliveries, the feed's status."""
    router = APIRouter(prefix=prefix, tags=["events"], route_class=FabricRoute)

    # Fixed paths first: `/events/{event_id}` would otherwise take `types` for an id.
    @router.get("/types", name="events:types", response_model=Page[EventTypeRead])
    async def list_types(
        request: Request, _: Reader, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
    ) -> Page[EventTypeRead]:
        """Every event type this app publishes (built-in and its own), by type then version,
        with its description and the JSON Schema of its data."""
        page = _webhooks(request).event_types(cursor=cursor, limit=limit)
        return Page[EventTypeRead].of(page, EventTypeRead.of)

    @router.get("/status", name="events:status", response_model=EventsStatusRead)
    async def read_status(request: Request, _: Reader) -> EventsStatusRead:
        """How far behind the relay is, and the webhook deliveries by status."""
        return EventsStatusRead.of(await _webhooks(request).status())

    @router.get("/webhooks", name="webhooks:list", response_model=Page[EndpointRead])
    async def list_endpoints(
        request: Request, _: Manager, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
    ) -> Page[EndpointRead]:
        """Webhook endpoints, newest first, inactive ones included (never their secrets)."""
        page = await _webhooks(request).list_endpoints(cursor=cursor, limit=limit)
        return Page[EndpointRead].of(page, EndpointRead.of)

    @router.post(
        "/webhooks",
        name="webhooks:create",
        response_model=EndpointIssued,
        status_code=status.HTTP_201_CREATED,
        responses=errors(UnknownEventType, WebhookUrlRefused),
    )
    async def create_endpoint(
        request: Request, body: EndpointCreate, actor: Manager
    ) -> EndpointIssued:
        """Register an endpoint. The answer holds its signing secret: the only time it is
        shown."""
        issued = await _webhooks(request).create_endpoint(
            actor,
            url=body.url,
            description=body.description,
            event_types=body.event_types,
            client=client_info(request),
        )
        return EndpointIssued.issued(issued)

    @router.get(
        "/webhooks/{endpoint_id}",
        name="webhooks:read",
        response_model=EndpointRead,
        responses=errors(NotFound),
    )
    async def read_endpoint(request: Request, endpoint_id: UUID, _: Manager) -> EndpointRead:
        return EndpointRead.of(await _webhooks(request).get_endpoint(endpoint_id))

    @router.patch(
        "/webhooks/{endpoint_id}",
        name="webhooks:update",
        response_model=EndpointRead,
        responses=errors(NotFound, UnknownEventType, WebhookUrlRefused),
    )
    async def update_endpoint(
        request: Request, endpoint_id: UUID, body: EndpointUpdate, actor: Manager
    ) -> EndpointRead:
        """Change what is given; `is_active: false` pauses deliveries to it."""
        changes = EndpointChanges(
            url=body.url,
            description=body.description,
            event_types=body.event_types,
            is_active=body.is_active,
        )
        endpoint = await _webhooks(request).update_endpoint(
            actor, endpoint_id, changes, client_info(request)
        )
        return EndpointRead.of(endpoint)

    @router.delete(
        "/webhooks/{endpoint_id}",
        name="webhooks:delete",
        status_code=status.HTTP_204_NO_CONTENT,
        responses=errors(NotFound),
    )
    async def delete_endpoint(request: Request, endpoint_id: UUID, actor: Manager) -> None:
        """Remove the endpoint and its deliveries."""
        await _webhooks(request).delete_endpoint(actor, endpoint_id, client_info(request))

    @router.post(
        "/webhooks/{endpoint_id}/rotate-secret",
        name="webhooks:rotate_secret",
        response_model=EndpointIssued,
        responses=errors(NotFound),
    )
    async def rotate_secret(request: Request, endpoint_id: UUID, actor: Manager) -> EndpointIssued:
        """Replace the signing secret at once; the new one is in the answer, shown once."""
        issued = await _webhooks(request).rotate_secret(actor, endpoint_id, client_info(request))
        return EndpointIssued.issued(issued)

    @router.get("/deliveries", name="deliveries:list", response_model=Page[DeliveryRead])
    async def list_deliveries(
        request: Request,
        _: Reader,
        where: Annotated[DeliveryFilter, Depends(delivery_filter)],
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> Page[DeliveryRead]:
        """Webhook deliveries matching every filter given, newest first."""
        page = await _webhooks(request).list_deliveries(where, cursor=cursor, limit=limit)
        return Page[DeliveryRead].of(page, DeliveryRead.of)

    @router.get(
        "/deliveries/{delivery_id}",
        name="deliveries:read",
        response_model=DeliveryRead,
        responses=errors(NotFound),
    )
    async def read_delivery(request: Request, delivery_id: DeliveryId, _: Reader) -> DeliveryRead:
        return DeliveryRead.of(await _webhooks(request).get_delivery(delivery_id))

    @router.post(
        "/deliveries/{delivery_id}/replay",
        name="deliveries:replay",
        response_model=DeliveryRead,
        responses=errors(Conflict, NotFound),
    )
    async def replay_delivery(
        request: Request, delivery_id: DeliveryId, actor: Manager
    ) -> DeliveryRead:
        """Send a finished delivery (`failed` or `succeeded`) again from its first attempt,
        now; 409 `conflict` while it is pending."""
        delivery = await _webhooks(request).replay_delivery(
            actor, delivery_id, client_info(request)
        )
        return DeliveryRead.of(delivery)

    @router.get("", name="events:list", response_model=Page[EventRead])
    async def list_events(
        request: Request,
        _: Reader,
        where: Annotated[EventFilter, Depends(event_filter)],
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> Page[EventRead]:
        """Outbox events matching every filter given, newest first (relayed ones included,
        for `events_retention`)."""
        page = await _webhooks(request).list_events(where, cursor=cursor, limit=limit)
        return Page[EventRead].of(page, EventRead.of)

    @router.get(
        "/{event_id}",
        name="events:read",
        response_model=EventDetail,
        responses=errors(NotFound),
    )
    async def read_event(request: Request, event_id: UUID, _: Reader) -> EventDetail:
        """One event, and the state of each of its webhook deliveries."""
        webhooks = _webhooks(request)
        event = await webhooks.get_event(event_id)
        deliveries = [DeliveryRead.of(row) for row in await webhooks.deliveries_of(event)]
        return EventDetail(**EventRead.of(event).model_dump(), deliveries=deliveries)

    @router.post(
        "/{event_id}/replay",
        name="events:replay",
        response_model=DeliveryRead,
        responses=errors(Conflict, NotFound),
    )
    async def replay_event(
        request: Request, event_id: UUID, body: EventReplay, actor: Manager
    ) -> DeliveryRead:
        """Send a relayed event to one active endpoint again (or for the first time): its
        delivery there restarts, or a new one is queued."""
        delivery = await _webhooks(request).replay_event(
            actor, event_id, body.endpoint_id, client_info(request)
        )
        return DeliveryRead.of(delivery)

    return router
