"""Events for other services: the outbox written with each change, the relay that hands it on
to Redis Streams and webhooks, and the management of webhook endpoints."""

from fabric_auth.services.events.outbox import EventOutbox
from fabric_auth.services.events.webhooks import WebhookService

__all__ = ["EventOutbox", "WebhookService"]
