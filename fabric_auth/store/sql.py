"""Hand-written SQL for the few statements on the busiest paths (sign-in, refresh, audit).

Tortoise builds each query anew: for a conditional `UPDATE` that is 0.1-0.4 ms of Python on
the event loop, more than the statement takes to run on SQLite. A `Statement` is written once,
in `?` style, and sent as it is (PostgreSQL gets the `$1, $2, ...` form, derived once), on the
connection Tortoise would use — the caller's transaction included. Values go in as Tortoise
would send them: `str` for UUIDs, aware `datetime`s, `bool`s.

Only for statements that every backend spells the same way; everything else stays a Tortoise
query.
"""

from __future__ import annotations

import re
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

_PLACEHOLDER = re.compile(r"\?")


class Statement:
    """One SQL statement against `model`'s connection.

    ```python
    _CLAIM = Statement(AuditChain, 'UPDATE "fabric_auth_audit_chain" SET ... WHERE "id" = ? '
                       'RETURNING "last_seq", "last_hash"')
    rows = await _CLAIM.rows(1)
    ```
    """

    __slots__ = ("_model", "_postgres", "_sqlite")

    def __init__(self, model: type[Model], sql: str) -> None:
        self._model = model
        self._sqlite = sql
        numbers = iter(range(1, sql.count("?") + 1))
        self._postgres = _PLACEHOLDER.sub(lambda _: f"${next(numbers)}", sql)

    def _target(self) -> tuple[BaseDBAsyncClient, str]:
        connection = self._model._meta.db
        postgres = connection.schema_generator.DIALECT == "postgres"
        return connection, self._postgres if postgres else self._sqlite

    async def execute(self, *values: Any) -> int:
        """Run it; the number of rows it changed."""
        connection, sql = self._target()
        changed, _ = await connection.execute_query(sql, list(values))
        return int(changed)

    async def rows(self, *values: Any) -> list[dict[str, Any]]:
        """Run it; the rows it returned (a `SELECT`, or `RETURNING`)."""
        connection, sql = self._target()
        return await connection.execute_query_dict(sql, list(values))

    def __repr__(self) -> str:
        return f"Statement({self._sqlite!r})"
