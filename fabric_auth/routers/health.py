"""`/health/live` and `/health/ready` for orchestrators."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from fabric_auth.http import FabricRoute
from fabric_auth.runtime import FabricAuth


def create_health_router(*, prefix: str = "/health", name_prefix: str = "health") -> APIRouter:
    router = APIRouter(prefix=prefix, tags=["health"], route_class=FabricRoute)

    @router.get("/live", name=f"{name_prefix}:live")
    async def live() -> dict[str, str]:
        """The process is up and serving."""
        return {"status": "ok"}

    @router.get("/ready", name=f"{name_prefix}:ready")
    async def ready(request: Request) -> JSONResponse:
        """Every critical check passes (the store, Redis when configured, the app's own): 200,
        `degraded` when a non-critical one fails; 503 otherwise, and while shutting down."""
        runtime = FabricAuth.of(request)
        report = await runtime.services.health.run()
        if runtime.in_flight.draining:
            return JSONResponse({"status": "draining", "checks": report.checks}, status_code=503)
        return JSONResponse(
            {"status": report.status, "checks": report.checks},
            status_code=200 if report.ready else 503,
        )

    return router
