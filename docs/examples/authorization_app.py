"""Permissions in an app: its own code, fabric-auth's role and user routers, a guarded route."""

from typing import Annotated

from fastapi import Depends, FastAPI

from fabric_auth import AuthSettings, FabricAuth, Principal, register_permissions, require
from fabric_auth.permissions import PermissionInfo
from fabric_auth.routers import create_auth_router, create_roles_router, create_users_router

# The app's own code joins the catalogue, so that roles may grant it.
register_permissions(PermissionInfo("reports:read", "Read reports"))


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    auth = FabricAuth(settings)
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())  # /auth/token, ...
    app.include_router(create_roles_router())  # /roles, /permissions
    app.include_router(create_users_router())  # /users, /users/me, ...

    @app.get("/reports")
    async def reports(
        who: Annotated[Principal, Depends(require("reports:read"))],
    ) -> dict[str, object]:
        # `who.permissions` is the caller's effective PermissionSet.
        return {"reports": [], "can_export": who.permissions.has("reports:export")}

    return app
