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
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

_PLACEHOLDER = re.compile(r"\?")

M = TypeVar("M", bound=Model)


class Statement(Generic[M]):
    """One SQL statement against `model`'s connection.

    ```python
    _CLAIM = Statement(AuditChain, 'UPDATE "fabric_auth_audit_chain" SET ... WHERE "id" = ? '
                       'RETURNING "last_seq", "last_hash"')
    rows = await _CLAIM.rows(1)
    ```
    """

    __slots__ = ("_model", "_postgres", "_sqlite")

    def __init__(self, model: type[M], sql: str) -> None:
        self._model = model
        self._sqlite = sql
        numbers = iter(range(1, sql.count("?") + 1))
        self._postgres = _PLACEHOLDER.sub(lambda _: f"${next(numbers)}", sql)

    @classmethod
    def select(cls, model: type[M], where: str) -> Statement[M]:
        """`SELECT` every column of `model`'s table `WHERE where`; read it with `first`."""
        names = ", ".join(f'"{name}"' for name in model._meta.fields_db_projection.values())
        table = model._meta.db_table
        return cls(model, f'SELECT {names} FROM "{table}" WHERE {where}')  # noqa: S608 (names)

    @classmethod
    def insert(cls, model: type[M], names: tuple[str, ...], *, returning: str = "") -> Statement[M]:
        """`INSERT` one row of `names` (values in that order) into `model`'s table."""
        table = model._meta.db_table
        listed = ", ".join(f'"{name}"' for name in names)
        values = ", ".join("?" * len(names))
        sql = f'INSERT INTO "{table}" ({listed}) VALUES ({values})'  # noqa: S608 (names)
        return cls(model, sql + (f' RETURNING "{returning}"' if returning else ""))

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

    async def first(self, *values: Any) -> M | None:
        """Run a `select`; the first row as an instance of the model, built the way Tortoise
        builds the results of its own queries."""
        rows = await self.rows(*values)
        return self._model._init_from_db(**rows[0]) if rows else None

    def __repr__(self) -> str:
        return f"Statement({self._sqlite!r})"


# Column values as the drivers return them: SQLite gives text for UUIDs and timestamps and
# integers for booleans; PostgreSQL gives the Python types. (The store runs with `use_tz`, UTC.)


def as_uuid(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)


def as_datetime(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def as_optional_datetime(value: Any) -> datetime | None:
    return None if value is None else as_datetime(value)
