"""Tortoise configuration for the fabric-auth store."""

from __future__ import annotations

from typing import Any

APP_LABEL = "fabric_auth"
MODELS_MODULE = "fabric_auth.store.models"
MIGRATION_TRACKING_MODULE = "aerich.models"


def app_config(connection: str = "default") -> dict[str, Any]:
    """The `apps` entry to add to an app's own Tortoise config to host fabric-auth in it."""
    return {
        "models": [MODELS_MODULE, MIGRATION_TRACKING_MODULE],
        "default_connection": connection,
    }


def tortoise_config(database_url: str) -> dict[str, Any]:
    """A complete Tortoise config with the fabric-auth app on one connection."""
    return {
        "connections": {"default": database_url},
        "apps": {APP_LABEL: app_config()},
        "use_tz": True,
        "timezone": "UTC",
    }
