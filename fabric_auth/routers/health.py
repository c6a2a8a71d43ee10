"""`/health/live` and `/health/ready` for orchestrators."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from fabric_auth.http import FabricRoute
from fabric_auth.runtime import FabricAuth
from fabric_auth.store import connection


def create_health_router(*, prefix: str = "/health", name_prefix: str = "health") -> APIRouter:
    router = APIRouter(prefix=prefix, tags=["health"], route_class=FabricRoute)

    @router.get("/live", name=f"{name_prefix}:live")
    async def live() -> dict[str, str]:
        """The process is up and serving."""
        return {"status": "ok"}

    @router.get("/ready", name=f"{name_prefix}:ready")
    async def ready(request: Request) -> JSONResponse:
        """The store (and Redis, when configured) answer; 503 otherwise."""
        services = FabricAuth.of(request).services
        checks: dict[str, Any] = {"store": await _check_store()}
        if services.redis is not None:
            checks["redis"] = await _check_redis(services.redis)
        healthy = all(value == "ok" for value in checks.values())
        return JSONResponse(
            {"status": "ok" if healthy else "unavailable", "checks": checks},
            status_code=200 if healthy else 503,
        )

    return router


async def _check_store() -> str:
    try:
        await connection.ping()
    except Exception:
        return "unavailable"
    return "ok"


async def _check_redis(redis: Any) -> str:
    try:
        await redis.ping()
    except Exception:
        return "unavailable"
    return "ok"
