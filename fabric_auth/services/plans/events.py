"""External events (payment webhooks) handled at most once: each recorded by its source and id."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fabric_auth.clock import Clock
from fabric_auth.exceptions import InvalidInput
from fabric_auth.store.connection import transaction
from fabric_auth.store.errors import ignoring_duplicate
from fabric_auth.store.models import ProcessedEvent


class ProcessedEvents:
    def __init__(self, *, clock: Clock) -> None:
        self._clock = clock

    @asynccontextmanager
    async def processed_once(
        self, event_id: str, *, source: str = "webhook"
    ) -> AsyncIterator[bool]:
        """Handle an external event (a payment webhook) at most once:

        ```python
        async with services.plans.processed_once(event["id"], source="stripe") as first:
            if first:
                await services.plans.assign_plan(subscriber, "pro")
        ```

        The block runs in one transaction with the record of the event: if it raises, the event
        is not marked and a redelivery handles it again. A concurrent delivery of the same event
        waits for this one and gets `False`.
        """
        if not event_id or len(event_id) > 255 or len(source) > 64:
            raise InvalidInput("Event ids are 1-255 characters, sources up to 64")
        async with transaction():
            first = False
            with ignoring_duplicate():
                async with transaction():  # a savepoint: a duplicate must not abort the outer one
                    await ProcessedEvent.create(
                        source=source, event_id=event_id, processed_at=self._clock.now()
                    )
                first = True
            yield first
