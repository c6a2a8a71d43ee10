"""Opening and closing the store, whether fabric-auth owns the Tortoise set-up or joins the app's.

Tortoise keeps one global context per process. When the app initialised Tortoise itself (with
`fabric_auth.store.app_config()` among its apps), fabric-auth joins it and never closes it. When
fabric-auth initialises it, every runtime in the process sharing that store is counted, and the
last one to stop closes the connections.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.client import TransactionalDBClient
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.context import get_current_context
from tortoise.transactions import in_transaction

from fabric_auth.exceptions import ConfigurationError
from fabric_auth.store.config import (
    APP_LABEL,
    DEFAULT_STORE_TIMEOUT,
    check_database_url,
    tortoise_config,
)
from fabric_auth.store.models import User

_owned_url: str | None = None
_owners = 0


def is_open() -> bool:
    context = get_current_context()
    return context is not None and context.inited


async def open_store(
    database_url: str, *, store_timeout: float = DEFAULT_STORE_TIMEOUT
) -> dict[str, Any]:
    """Make the store usable; return the Tortoise config in force (for migrations).
    `store_timeout`: seconds to connect or acquire a pooled connection (PostgreSQL) before failing;
    a store the app set up itself keeps its own bounds."""
    global _owned_url, _owners
    if is_open():
        if Tortoise.apps is None or APP_LABEL not in Tortoise.apps:
            raise ConfigurationError(
                "Tortoise is initialised without fabric-auth's models: add "
                f"'{APP_LABEL}': fabric_auth.store.app_config() to the 'apps' of your config"
            )
        if _owners and _owned_url != database_url:
            raise ConfigurationError(
                "Another fabric-auth runtime in this process uses a different database_url"
            )
        if _owners:
            _owners += 1
        return _joined_config()
    check_database_url(database_url)
    config = tortoise_config(database_url, timeout=store_timeout)
    # Tortoise caches prepared INSERT statements per (connection name, table), not per dialect:
    # a process that reopens the store on another backend must not reuse the old ones.
    EXECUTOR_CACHE.clear()
    await Tortoise.init(config=config, _enable_global_fallback=True)
    _owned_url, _owners = database_url, 1
    return config


async def close_store() -> None:
    """Release this runtime's hold; close the connections if it was the last owner."""
    global _owned_url, _owners
    if not _owners:
        return  # joined the app's own Tortoise set-up: the app closes it
    _owners -= 1
    if _owners == 0:
        _owned_url = None
        await Tortoise.close_connections()


def _joined_config() -> dict[str, Any]:
    connection = User._meta.default_connection or "default"
    return {"connections": {}, "apps": {APP_LABEL: {"default_connection": connection}}}


AfterCommit = Callable[[], Awaitable[None]]
_after_commit: ContextVar[list[AfterCommit] | None] = ContextVar(
    "fabric_auth_after_commit", default=None
)


@asynccontextmanager
async def transaction() -> AsyncIterator[Any]:
    """A transaction on the connection that holds fabric-auth's tables. Nested, it joins the
    outer one; the callbacks given to `after_commit` inside run once the outermost commits."""
    if _after_commit.get() is not None:
        async with in_transaction(User._meta.default_connection) as connection:
            yield connection
        return
    callbacks: list[AfterCommit] = []
    token = _after_commit.set(callbacks)
    try:
        async with in_transaction(User._meta.default_connection) as connection:
            yield connection
    finally:
        _after_commit.reset(token)
    for callback in dict.fromkeys(callbacks):
        await callback()


def after_commit(callback: AfterCommit) -> None:
    """Run `callback` once the current `transaction()` commits (not at all if it rolls back);
    registering one callback twice runs it once. Inside a transaction opened some other way
    there is no commit to wait for, and nothing runs: callers must not rely on it."""
    callbacks = _after_commit.get()
    if callbacks is not None:
        callbacks.append(callback)


def within_transaction() -> bool:
    """Whether the caller runs inside a `transaction()` (statements then join it)."""
    return isinstance(User._meta.db, TransactionalDBClient)


def dialect() -> str:
    connection = Tortoise.get_connection(User._meta.default_connection or "default")
    return str(connection.schema_generator.DIALECT)


async def ping() -> None:
    """One round trip to the store; raises the driver's error when it is unreachable."""
    client = Tortoise.get_connection(User._meta.default_connection or "default")
    await client.execute_query("SELECT 1")
