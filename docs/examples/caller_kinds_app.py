"""Routes that admit one kind of caller: people, API keys, service accounts, one service."""

from typing import Annotated

from fastapi import Depends, FastAPI

from fabric_auth import (
    AuthSettings,
    FabricAuth,
    Principal,
    api_key_principal,
    register_permissions,
    require,
    service_account,
    service_account_principal,
    user_principal,
)
from fabric_auth.routers import create_auth_router, create_service_accounts_router

register_permissions("reports:read")


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    auth = FabricAuth(settings)
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())
    app.include_router(create_service_accounts_router())

    @app.get("/profile")
    async def profile(who: Annotated[Principal, Depends(user_principal)]) -> dict[str, str]:
        # A person signed in: API keys are refused with 403 credential_not_allowed.
        return {"user": str(who.id)}

    @app.get("/machine")
    async def machine(who: Annotated[Principal, Depends(api_key_principal)]) -> dict[str, str]:
        # Any API key, a user's or a service account's.
        return {"kind": who.kind.value}

    @app.get("/services-only")
    async def services_only(
        who: Annotated[Principal, Depends(service_account_principal)],
    ) -> dict[str, str]:
        return {"service_account": str(who.id)}

    @app.post("/internal/reindex", dependencies=[Depends(service_account("data-pipeline"))])
    async def reindex() -> dict[str, str]:
        # Only the service account with the slug "data-pipeline" calls this.
        return {"status": "reindexing"}

    @app.get("/reports")
    async def reports(
        who: Annotated[Principal, Depends(require("reports:read", kinds=["service_account"]))],
    ) -> dict[str, str]:
        # A permission and a kind together.
        return {"reader": str(who.id)}

    return app
