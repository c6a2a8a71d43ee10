from typing import Annotated

from fastapi import Depends, FastAPI

from fabric_auth import AuthSettings, FabricAuth, Principal, current_principal
from fabric_auth.routers import create_auth_router


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    auth = FabricAuth(settings)  # None: read FABRIC_AUTH_* variables and .env
    app = FastAPI()
    auth.install(app)  # lifespan (store, migrations, seeding) + JSON error handler
    app.include_router(create_auth_router())  # /auth/token, /auth/logout, /auth/me, ...

    @app.get("/hello")
    async def hello(who: Annotated[Principal, Depends(current_principal)]) -> dict[str, str]:
        return {"hello": str(who.id)}

    return app
