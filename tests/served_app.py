"""The app the process-level tests serve with `python -m uvicorn tests.served_app:app`.

Settings come from `FABRIC_AUTH_*` (the test sets the database URL, an admin account, the
store timeout, the drain period), with the cheap hashing of `fabric_auth.testing`; fabric-auth
logs JSON lines on stderr, where the test reads them.
"""

from __future__ import annotations

import os
from typing import Annotated

from fastapi import Depends, FastAPI

from fabric_auth import FabricAuth, Principal, require
from fabric_auth.logs import configure_logging
from fabric_auth.routers import create_auth_router, create_health_router, create_roles_router
from fabric_auth.testing import test_settings

configure_logging("INFO")
auth = FabricAuth(test_settings(database_url=os.environ["FABRIC_AUTH_DATABASE_URL"]))
app = FastAPI()
auth.install(app)
app.include_router(create_auth_router())
app.include_router(create_roles_router())
app.include_router(create_health_router())


@app.get("/guarded")
async def guarded(who: Annotated[Principal, Depends(require("roles:read"))]) -> dict[str, str]:
    """A route of the app's own, behind a permission."""
    return {"subject": str(who.id)}
