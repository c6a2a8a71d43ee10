"""The admin dashboard under a prefix of your choosing, and on an internal app of its own."""

from fastapi import FastAPI

from fabric_auth import AuthSettings, FabricAuth
from fabric_auth.admin import create_admin_router
from fabric_auth.routers import create_auth_router


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    """The public app with the dashboard at /staff/console."""
    auth = FabricAuth(settings)
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())
    app.include_router(create_admin_router(prefix="/staff/console"))
    return app


def create_internal_app(settings: AuthSettings | None = None) -> FastAPI:
    """Only the dashboard, to serve on an address of the internal network alone, e.g.
    `uvicorn --factory docs.examples.admin_app:create_internal_app --host 10.0.0.5`, while the
    public app (without the dashboard) serves the API. Both use the same store."""
    auth = FabricAuth(settings)
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    auth.install(app)
    app.include_router(create_admin_router())
    return app
