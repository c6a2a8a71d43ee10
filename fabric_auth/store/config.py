"""Tortoise configuration for the fabric-auth store."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tortoise.backends.base.config_generator import expand_db_url
from tortoise.exceptions import ConfigurationError as TortoiseConfigurationError

from fabric_auth.exceptions import ConfigurationError
from fabric_auth.settings import ENV_PREFIX

APP_LABEL = "fabric_auth"
MODELS_MODULE = "fabric_auth.store.models"
MIGRATION_TRACKING_MODULE = "aerich.models"
_DATABASE_URL_VARIABLE = f"{ENV_PREFIX}DATABASE_URL"


@dataclass(frozen=True, slots=True)
class _Driver:
    modules: tuple[str, ...]
    """What Tortoise's backend for the scheme imports."""
    install: str
    """How to install them."""


_ASYNCPG = _Driver(("asyncpg",), "pip install 'fabric-auth[postgres]'")
_DRIVERS = {
    "postgres": _ASYNCPG,
    "postgresql": _ASYNCPG,
    "asyncpg": _ASYNCPG,
    "psycopg": _Driver(("psycopg", "psycopg_pool"), "pip install 'fabric-auth[psycopg]'"),
}
"""By URL scheme; SQLite's driver comes with Tortoise."""


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


def check_database_url(database_url: str) -> None:
    """Raise one `ConfigurationError` naming the variable for what would otherwise fail deep
    inside Tortoise: a missing driver, a malformed URL, a SQLite file in a missing folder."""
    scheme = urlsplit(database_url).scheme
    if scheme in _DRIVERS:
        _require_driver(scheme, _DRIVERS[scheme])
    try:
        credentials = expand_db_url(database_url)["credentials"]
    except (TortoiseConfigurationError, ValueError) as exc:
        raise ConfigurationError(f"{_DATABASE_URL_VARIABLE}: {exc}") from None
    if scheme == "sqlite" and credentials["file_path"] != ":memory:":
        _require_folder(Path(credentials["file_path"]).absolute().parent)


def _require_driver(scheme: str, driver: _Driver) -> None:
    for module in driver.modules:
        try:
            importlib.import_module(module)
        except ImportError:
            raise ConfigurationError(
                f"{_DATABASE_URL_VARIABLE} is a {scheme}:// URL but its driver {module} is not "
                f"installed: {driver.install}"
            ) from None


def _require_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise ConfigurationError(
            f"{_DATABASE_URL_VARIABLE}: the folder {folder} does not exist; create it or name a "
            "file in an existing folder"
        )
