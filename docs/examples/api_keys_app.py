"""API keys in an app: users' own keys, service accounts with theirs, a route either may call."""

from typing import Annotated

from fastapi import Depends, FastAPI

from fabric_auth import AuthSettings, FabricAuth, Principal, register_permissions, require
from fabric_auth.routers import (
    create_api_keys_router,
    create_auth_router,
    create_roles_router,
    create_service_accounts_router,
)

register_permissions("reports:read")


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    auth = FabricAuth(settings)
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())  # /auth/token, ...
    app.include_router(create_roles_router())  # /roles, /permissions
    app.include_router(create_api_keys_router())  # /users/me/api-keys, /users/{id}/api-keys
    app.include_router(create_service_accounts_router())  # /service-accounts, ...

    @app.get("/reports")
    async def reports(
        who: Annotated[Principal, Depends(require("reports:read"))],
    ) -> dict[str, object]:
        # A key's caller is its owner; `key_id` and `scopes` say which key it used.
        return {"kind": who.kind.value, "via": who.auth_method.value, "key": str(who.key_id)}

    return app
