"""The fabric-auth demo app.

Run it from the repository root (or with `make demo`):

    FABRIC_AUTH_ENVIRONMENT=development \
    FABRIC_AUTH_ADMIN_EMAIL=admin@example.com \
    FABRIC_AUTH_ADMIN_PASSWORD='a long demo password' \
    uvicorn examples.app:app --no-proxy-headers

Development mode needs no secret (a random one is used, so tokens end at restart), stores data in
`fabric_auth.sqlite3` and applies migrations on start; the admin is created on first start.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI

from fabric_auth import AuthSettings, FabricAuth, Principal, current_principal, load_settings
from fabric_auth.routers import create_auth_router, create_health_router


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    """The demo app; settings come from `FABRIC_AUTH_*` variables unless given."""
    auth = FabricAuth(settings or load_settings())
    app = FastAPI(title="fabric-auth demo")
    auth.install(app)
    app.include_router(create_auth_router())
    app.include_router(create_health_router())

    @app.get("/hello")
    async def hello(who: Annotated[Principal, Depends(current_principal)]) -> dict[str, str]:
        return {"hello": str(who.id)}

    return app


def __getattr__(name: str) -> FastAPI:
    # `uvicorn examples.app:app` looks `app` up: build it then, so importing reads no settings.
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    app = globals()["app"] = create_app()
    return app
