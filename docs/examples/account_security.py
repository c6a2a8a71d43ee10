"""An app with sign-in, password reset, email verification, invitations, lockout and a
rate-limited route of its own. Run with `uvicorn docs.examples.account_security:app`."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import Depends, FastAPI

from fabric_auth import FabricAuth, Principal, current_principal, rate_limit
from fabric_auth.mail import MailTemplate, MailTemplates
from fabric_auth.routers import (
    create_account_admin_router,
    create_account_router,
    create_auth_router,
)

# Our own wording for the reset mail; the other messages keep fabric-auth's defaults.
TEMPLATES = replace(
    MailTemplates(),
    password_reset=MailTemplate(
        subject="Your $app_name password",
        text="Hello,\n\nchoose a new password here (valid $expires_minutes minutes):\n$link\n",
    ),
)


def create_app(auth: FabricAuth | None = None) -> FastAPI:
    auth = auth or FabricAuth(mail_templates=TEMPLATES)
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())  # /auth/token, /auth/change-password, ...
    app.include_router(create_account_router())  # /auth/forgot-password, /auth/verify, ...
    app.include_router(create_account_admin_router())  # /admin/users/invite, .../unlock

    @app.post("/generate", dependencies=[Depends(rate_limit("10/minute", key="principal"))])
    async def generate(who: Annotated[Principal, Depends(current_principal)]) -> dict[str, str]:
        return {"generated_for": str(who.id)}

    return app


def __getattr__(name: str) -> FastAPI:
    # `uvicorn docs.examples.account_security:app` builds the app on demand, so importing
    # this module (as the tests do) reads no settings.
    if name == "app":
        return create_app()
    raise AttributeError(name)
