"""`create_well_known_router()`: the JWKS (RFC 7517) and an OpenID-style discovery document,
for services that verify our access tokens themselves (see `fabric_auth.verify`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from fabric_auth.http import FabricRoute
from fabric_auth.runtime import FabricAuth


def create_well_known_router(*, name_prefix: str = "well_known") -> APIRouter:
    """`GET /.well-known/jwks.json` and `GET /.well-known/openid-configuration`.

    Mount at the root of the host: discovery clients look there.
    """
    router = APIRouter(prefix="/.well-known", tags=["keys"], route_class=FabricRoute)
    jwks_route = f"{name_prefix}:jwks"

    @router.get("/jwks.json", name=jwks_route)
    async def jwks(request: Request) -> JSONResponse:
        """The public keys access tokens are signed with, including the next one and those
        still verifying unexpired tokens. Empty with HS256 (its key is secret)."""
        runtime = FabricAuth.of(request)
        return _cached(runtime, runtime.services.signing_keys.jwks())

    @router.get("/openid-configuration", name=f"{name_prefix}:openid_configuration")
    async def openid_configuration(request: Request) -> JSONResponse:
        """Issuer, JWKS location and signing algorithm of our access tokens."""
        runtime = FabricAuth.of(request)
        settings = runtime.settings
        jwks_uri = str(request.url_for(jwks_route))
        if settings.public_base_url is not None:
            path = request.app.url_path_for(jwks_route)
            jwks_uri = str(settings.public_base_url).rstrip("/") + path
        document: dict[str, Any] = {
            "issuer": settings.jwt_issuer,
            "jwks_uri": jwks_uri,
            "access_token_audience": settings.jwt_audience,
            "access_token_signing_alg_values_supported": [settings.signing_algorithm],
            "token_endpoint_auth_methods_supported": ["none"],
            "grant_types_supported": ["password", "refresh_token"],
        }
        return _cached(runtime, document)

    return router


def _cached(runtime: FabricAuth, body: Any) -> JSONResponse:
    max_age = runtime.settings.jwks_cache_max_age
    return JSONResponse(body, headers={"Cache-Control": f"public, max-age={max_age}"})
