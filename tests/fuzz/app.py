"""The app the fuzzer runs against: every router mounted, one route using `quota()`, and the
callers it signs in as (a system administrator and a plain user)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI

from fabric_auth import Consumption, FabricAuth, Principal, quota, require
from fabric_auth.admin import create_admin_router
from fabric_auth.testing import TestIdentityProvider, test_settings
from tests.conftest import build_app

ADMIN_EMAIL = "admin@fuzz.example"
USER_EMAIL = "user@fuzz.example"
PASSWORD = "fuzzing is a long enough password"


def oauth_settings(provider: TestIdentityProvider) -> dict[str, Any]:
    """Two sign-in providers on the test identity provider (OpenID Connect with just-in-time
    provisioning, and GitHub's dialect), so the OAuth routes reach their services."""
    client = {"client_id": provider.client_id, "client_secret": provider.client_secret}
    return {
        "oauth": {
            "test": {"issuer": provider.issuer, "jit_provisioning": True, **client},
            "gh": {
                "kind": "github",
                "authorize_url": provider.url("/login/oauth/authorize"),
                "token_url": provider.url("/login/oauth/access_token"),
                "api_url": provider.url("/api"),
                **client,
            },
        },
        "oauth_redirect_allowlist": ("https://app.example.com",),
        "public_base_url": "https://api.example.com",
    }


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
    app.include_router(create_admin_router())  # served, left out of the document by default

    @app.post("/generate", tags=["example"])
    async def generate(
        who: Annotated[Principal, Depends(require("ai:use"))],
        usage: Annotated[Consumption, Depends(quota("ai_generations"))],
    ) -> dict[str, Any]:
        return {"subject": str(who.id), "remaining": usage.remaining}

    return app, auth
