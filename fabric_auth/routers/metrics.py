"""`create_metrics_router()`: the Prometheus exposition of this runtime's metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from fabric_auth.exceptions import NotFound
from fabric_auth.http import FabricRoute
from fabric_auth.runtime import FabricAuth


def create_metrics_router(*, path: str = "/metrics", name: str = "metrics:scrape") -> APIRouter:
    """`GET /metrics`. It is unauthenticated, like most scrape targets: expose it only where
    Prometheus (not the internet) reaches it, or guard it with `dependencies=[...]`."""
    router = APIRouter(tags=["operations"], route_class=FabricRoute)

    @router.get(path, name=name, include_in_schema=False)
    async def scrape(request: Request) -> Response:
        metrics = FabricAuth.of(request).metrics
        if metrics is None:
            raise NotFound("Metrics are off: set FABRIC_AUTH_METRICS_ENABLED=true")
        await metrics.refresh()
        body, content_type = metrics.render()
        return Response(body, media_type=content_type)

    return router
