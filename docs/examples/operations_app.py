"""Operations: JSON logs, metrics, readiness checks of the app's own dependencies."""

from fastapi import FastAPI

from fabric_auth import AuthSettings, FabricAuth
from fabric_auth.logs import configure_logging
from fabric_auth.routers import create_auth_router, create_health_router, create_metrics_router


async def check_search_index() -> None:
    """Raise (or time out) when the dependency is unhealthy."""


async def check_mailer() -> None:
    raise ConnectionError("SMTP relay unreachable")


def create_app(settings: AuthSettings | None = None, *, json_logs: bool = True) -> FastAPI:
    if json_logs:
        configure_logging("INFO")  # JSON lines, request id on each, emails masked
    auth = FabricAuth(settings)  # FABRIC_AUTH_METRICS_ENABLED=true for /metrics
    app = FastAPI()
    auth.install(app)  # request ids, draining on shutdown, metrics middleware
    app.include_router(create_auth_router())
    app.include_router(create_health_router())
    app.include_router(create_metrics_router())
    auth.register_check("search", check_search_index)  # critical: 503 when failing
    auth.register_check("mailer", check_mailer, critical=False, timeout=1.0)  # only "degraded"
    return app
