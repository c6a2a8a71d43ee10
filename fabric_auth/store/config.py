"""Tortoise configuration for the fabric-auth store."""

from __future__ import annotations

import importlib
import math
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


DEFAULT_STORE_TIMEOUT = 5.0
"""Seconds, as `AuthSettings.store_timeout`'s default."""
_BOUNDED_ASYNCPG = "fabric_auth.store.postgres"


def tortoise_config(database_url: str, *, timeout: float = DEFAULT_STORE_TIMEOUT) -> dict[str, Any]:
    """A complete Tortoise config with the fabric-auth app on one connection.

    On PostgreSQL, connecting and acquiring a pooled connection give up after `timeout`
    seconds (`FABRIC_AUTH_STORE_TIMEOUT`), unless the URL sets its own (`?timeout=`).
    """
    return {
        "connections": {"default": connection_config(database_url, timeout=timeout)},
        "apps": {APP_LABEL: app_config()},
        "use_tz": True,
        "timezone": "UTC",
    }


def connection_config(database_url: str, *, timeout: float) -> str | dict[str, Any]:
    """Tortoise's connection entry for `database_url`: the URL itself for SQLite; for
    PostgreSQL its expanded form with connect and acquisition bounded by `timeout` seconds.

    asyncpg takes `timeout` as its connect timeout, and `store.postgres` (the engine here)
    applies it to pool acquisition too. psycopg's pool takes `timeout` as its wait for a
    connection, and libpq's `connect_timeout` (whole seconds, at least 2) bounds the connect.
    """
    scheme = urlsplit(database_url).scheme
    if scheme not in _DRIVERS:
        return database_url
    config = expand_db_url(database_url)
    credentials: dict[str, Any] = config["credentials"]
    credentials.setdefault("timeout", timeout)
    if config["engine"] == "tortoise.backends.asyncpg":
        config["engine"] = _BOUNDED_ASYNCPG
        # No idle floor: asyncpg restores one by retrying in the background, logging a
        # traceback per try while the store is down. Connections are opened on demand.
        credentials.setdefault("minsize", 0)
    else:
        settings = credentials.setdefault("server_settings", {})
        settings.setdefault("connect_timeout", str(max(2, math.ceil(timeout))))
    return config


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
