"""The app the fuzzer runs against: every router mounted, one route using `quota()`, and the
callers it signs in as (a system administrator and a plain user)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI

from fabric_auth import Consumption, FabricAuth, Principal, quota, require
from fabric_auth.testing import test_settings
from tests.conftest import build_app

ADMIN_EMAIL = "admin@fuzz.example"
USER_EMAIL = "user@fuzz.example"
PASSWORD = "fuzzing is a long enough password"


def create_fuzz_app(database_url: str, **settings: Any) -> tuple[FastAPI, FabricAuth]:
    """Every library router, plus `POST /generate` consuming the `ai_generations` feature."""
    auth = FabricAuth(
        test_settings(
            database_url=database_url,
            admin_email=ADMIN_EMAIL,
            admin_password=PASSWORD,
            **settings,
        )
    )
    app = build_app(auth)

    @app.post("/generate", tags=["example"])
    async def generate(
        who: Annotated[Principal, Depends(require("ai:use"))],
        usage: Annotated[Consumption, Depends(quota("ai_generations"))],
    ) -> dict[str, Any]:
        return {"subject": str(who.id), "remaining": usage.remaining}

    return app, auth
