"""An app publishing its own event type through fabric-auth's outbox: `invoice.paid` is written
in the transaction of the change it announces, and relayed to other services like the built-in
events (Redis Streams, webhooks)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from fastapi import Depends, FastAPI, Request

from fabric_auth import AuthSettings, FabricAuth, Principal, current_principal
from fabric_auth.events import EventData
from fabric_auth.principal import SubjectRef
from fabric_auth.routers import create_auth_router
from fabric_auth.store.connection import transaction


class InvoicePaid(EventData):
    """An invoice of the subject (the paying user) was paid."""

    event_type: ClassVar[str] = "invoice.paid"
    event_version: ClassVar[int] = 1
    invoice_id: str
    amount_cents: int


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    auth = FabricAuth(settings or AuthSettings())
    app = FastAPI(lifespan=auth.lifespan)
    app.include_router(create_auth_router())

    @app.post("/invoices/{invoice_id}/pay")
    async def pay(
        invoice_id: str,
        request: Request,
        payer: Annotated[Principal, Depends(current_principal)],
    ) -> dict[str, str]:
        events = FabricAuth.of(request).services.events
        async with transaction():
            # ... mark the invoice paid in the app's own tables, in this transaction ...
            await events.publish(
                InvoicePaid(invoice_id=invoice_id, amount_cents=4200),
                subject=SubjectRef.user(payer.id),
                actor=SubjectRef.of(payer),
            )
        return {"status": "paid"}

    return app
