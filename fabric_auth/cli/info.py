"""`fabric-auth info` and `--version`: what is installed and the settings in force."""

from __future__ import annotations

import argparse
from importlib.metadata import PackageNotFoundError, version

from fabric_auth.cli.context import Commands, on_services, say
from fabric_auth.services.container import AuthServices
from fabric_auth.store import connection, migrate
from fabric_auth.store.models import AuditEvent


def package_version() -> str:
    try:
        return version("fabric-auth")
    except PackageNotFoundError:
        return "unknown"


async def info(services: AuthServices, args: argparse.Namespace) -> int:
    settings = services.settings
    state = await migrate.status(services.tortoise_config)
    keys = await services.signing_keys.list_keys()
    live_keys = [key.kid for key in keys if key.retired_at is None]
    say(
        f"fabric-auth {package_version()}",
        f"environment: {settings.environment}",
        f"store: {connection.dialect()} ({_redacted(settings.database_url)})",
        f"migrations: {state.current or 'none applied'}"
        + (f", {len(state.pending)} pending" if state.pending else ", up to date"),
        f"redis: {'configured' if settings.redis_url else 'not configured (memory)'}",
        f"signing: {settings.signing_algorithm}"
        + (
            f", current key {', '.join(live_keys) or 'none'}, {len(keys)} stored"
            if settings.signing_algorithm != "HS256"
            else ""
        ),
        f"issuer / audience: {settings.jwt_issuer} / {settings.jwt_audience}",
        f"audit entries: {await AuditEvent.all().count()}"
        + (
            f", retention {settings.audit_retention_days} days"
            if settings.audit_retention_days
            else ", kept forever"
        ),
        f"metrics: {'on' if settings.metrics_enabled else 'off'}",
        f"periodic cleanup: every {settings.cleanup_interval:g}s"
        if settings.cleanup_interval
        else "periodic cleanup: off",
    )
    return 0


def _redacted(url: str) -> str:
    """The URL without its password."""
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}"


def add_commands(commands: Commands) -> None:
    commands.add_parser("info", help="version, store, keys and settings in force").set_defaults(
        run=on_services(info)
    )
