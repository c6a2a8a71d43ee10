"""The app every scale-out instance runs (`uvicorn tests.scaleout.app:app`): settings from
`FABRIC_AUTH_*` variables, the auth, users, API keys, roles, plans and health routers, and two
guarded routes the scenarios drive: `GET /things` (`things:read`) and `POST /generate` (one unit
of the `generations` quota)."""

from __future__ import annotations

import faulthandler
import signal
from typing import Annotated, Any

from fastapi import Depends, FastAPI

from fabric_auth import Consumption, FabricAuth, Principal, load_settings, quota, require
from fabric_auth.logs import configure_logging
from fabric_auth.routers import (
    create_api_keys_router,
    create_auth_router,
    create_health_router,
    create_oauth_router,
    create_plans_router,
    create_roles_router,
    create_users_router,
)

THINGS_READ = "things:read"
FEATURE = "generations"


def create_app() -> FastAPI:
    """One instance; every instance of a deployment is started with the same variables.
    SIGUSR1 writes every thread's stack to its output (for an instance that stops answering)."""
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    configure_logging("INFO", json_lines=False)
    auth = FabricAuth(load_settings())
    app = FastAPI(title="fabric-auth scale-out instance")
    auth.install(app)
    app.include_router(create_auth_router())
    app.include_router(create_health_router())
    app.include_router(create_roles_router())
    app.include_router(create_users_router())
    app.include_router(create_api_keys_router())
    app.include_router(create_plans_router())
    app.include_router(create_oauth_router())

    @app.get("/things")
    async def things(who: Annotated[Principal, Depends(require(THINGS_READ))]) -> dict[str, str]:
        return {"subject": str(who.id)}

    @app.post("/generate")
    async def generate(
        who: Annotated[Principal, Depends(require(THINGS_READ))],
        usage: Annotated[Consumption, Depends(quota(FEATURE, 1))],
    ) -> dict[str, Any]:
        return {"subject": str(who.id), "remaining": usage.remaining}

    return app


def __getattr__(name: str) -> FastAPI:
    # `uvicorn tests.scaleout.app:app` looks `app` up: build it then, not at import.
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    app = globals()["app"] = create_app()
    return app
