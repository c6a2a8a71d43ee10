"""Tortoise's asyncpg backend with every pool acquisition bounded in time.

`store.config.tortoise_config` names this module as the engine of `postgres://` URLs. Tortoise
acquires pooled connections without a timeout (`pool.acquire()`), so with the server hung, or
every pooled connection stuck on a statement, a request would wait for ever. Here `acquire()`
defaults to the connection's `timeout` (the connect timeout, `FABRIC_AUTH_STORE_TIMEOUT`):
the wait for a free connection, and the connect of a new one, give up after it and the request
answers 503 `store_unavailable`. asyncpg applies the same bound to the connection's release
(and its reset), terminating a connection that cannot be reset in time.

Statements already running are never cut: a long legitimate query (a migration, a purge) must
finish, so no client-side statement timeout is set.

A connection goes back to the pool without asyncpg's reset query (`SELECT
pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL`): that is a second round trip after
every statement run outside a transaction, as long as the statement itself on the quota path.
fabric-auth leaves no session state to reset — its advisory locks are transaction-scoped
(`pg_advisory_xact_lock`), and it runs no `LISTEN`, `SET` or server-side cursor — and asyncpg
still ends any transaction left open before the connection is reused.
"""

from __future__ import annotations

from typing import Any

from tortoise.backends.asyncpg.client import AsyncpgDBClient


class BoundedAsyncpgClient(AsyncpgDBClient):
    """`AsyncpgDBClient` whose pool bounds `acquire()` by the connect `timeout` it was given."""

    async def create_pool(self, **kwargs: Any) -> Any:
        pool = await super().create_pool(reset=_keep_session, **kwargs)
        timeout = kwargs.get("timeout")
        return pool if timeout is None else _BoundedPool(pool, float(timeout))


class _BoundedPool:
    """An asyncpg pool whose `acquire()` waits at most `timeout` seconds unless told
    otherwise; everything else is the pool's own."""

    def __init__(self, pool: Any, timeout: float) -> None:
        self._pool = pool
        self._timeout = timeout

    def acquire(self, *, timeout: float | None = None) -> Any:
        return self._pool.acquire(timeout=self._timeout if timeout is None else timeout)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pool, name)


async def _keep_session(connection: Any) -> None:
    """A released connection's reset: nothing beyond what asyncpg always does (it rolls back an
    open transaction and drops listeners before calling this)."""


client_class = BoundedAsyncpgClient
