"""Receiving fabric-auth's webhooks: verify the Standard Webhooks signature, then act."""

from uuid import UUID

from fastapi import FastAPI, HTTPException, Request

from fabric_auth.events import UserDeleted, WebhookVerificationError, WebhookVerifier


def create_app(*secrets: str) -> FastAPI:
    """`secrets`: the endpoint's `whsec_...` secret; the new and the old one while rotating."""
    verifier = WebhookVerifier(*secrets)
    app = FastAPI()
    app.state.deleted_users = []
    handled: set[UUID] = set()  # keep these in your database in a real service

    @app.post("/webhooks/fabric-auth", status_code=204)
    async def receive(request: Request) -> None:
        try:
            event = verifier.verify(await request.body(), request.headers)
        except WebhookVerificationError as exc:
            raise HTTPException(400, str(exc)) from None
        if event.id in handled:  # a retry after a lost answer: same id, already done
            return
        if isinstance(event.data, UserDeleted):
            app.state.deleted_users.append(event.subject.id)
        handled.add(event.id)

    return app
