"""Hand-written SQL for the few statements on the busiest paths (sign-in, refresh, audit, quota).

Tortoise builds each query anew: for a conditional `UPDATE` that is 0.1-0.4 ms of Python on
the event loop, more than the statement takes to run on SQLite. A `Statement` is built once, at
import, and sent as it is, on the connection Tortoise would use — the caller's transaction
included. Values go in as Tortoise would send them: `str` for UUIDs, aware `datetime`s, `bool`s.
The named query functions of `store.queries` are the only users.

A statement is a template whose names come from the models, never retyped: `{t}` is the table
of the statement's model, `{t.attempts}` one of its columns (a field name; `{t.session_id}` for
a foreign key's column). A join names its other tables by keyword, and then every table gets
its keyword as alias (`{s}` is `"fabric_auth_sessions" s`, `{s.id}` is `s."id"`). A name the
model does not have fails at import.

Values are marked `?`. Each driver gets its own placeholders, derived the first time the
statement meets that driver and kept: `?` for SQLite, `$1, $2, ...` for asyncpg, `%s` for
psycopg (with any literal `%` doubled). So a template holds no `?` other than placeholders.

Only for statements that every backend spells the same way; everything else stays a Tortoise
query.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from fabric_auth.exceptions import ConfigurationError
from fabric_auth.store.connection import within_transaction
from fabric_auth.store.errors import StoreFailure, failure_of, raise_mapped

M = TypeVar("M", bound=Model)

_PLACEHOLDER = re.compile(r"\?")


class Table:
    """A model's table in a statement template: formatted, its name (and alias); an attribute,
    one of its columns."""

    __slots__ = ("_alias", "_model")

    def __init__(self, model: type[Model], alias: str | None = None) -> None:
        self._model = model
        self._alias = alias

    def __format__(self, spec: str) -> str:
        name = f'"{self._model._meta.db_table}"'
        return f"{name} {self._alias}" if self._alias else name

    def __getattr__(self, field: str) -> str:
        if field.startswith("__"):
            raise AttributeError(field)
        column = f'"{column_of(self._model, field)}"'
        return f"{self._alias}.{column}" if self._alias else column


def column_of(model: type[Model], field: str) -> str:
    """The column holding `field` of `model`; `AttributeError` if the model has no such field.

    Works before Tortoise is initialised (at import): a foreign key's `<name>_id` column is
    added to the model only then, so it is read from the relation field itself.
    """
    meta = model._meta
    column = meta.fields_db_projection.get(field)
    if column is not None:
        return column
    relation = field.removesuffix("_id")
    if relation != field and relation in meta.fk_fields | meta.o2o_fields:
        return meta.fields_map[relation].source_field or field
    raise AttributeError(f"{model.__name__} has no field {field!r} to name in SQL")


def resolve(template: str, model: type[Model], **joined: type[Model]) -> str:
    """`template` with its table and column names filled in: `t` is `model`, the others are
    `joined`'s keywords (then every table is aliased by its name in the template)."""
    tables = {"t": model, **joined}
    aliased = len(tables) > 1
    return template.format_map(
        {name: Table(table, name if aliased else None) for name, table in tables.items()}
    )


# --- placeholders by driver ----------------------------------------------------------------


def _numbered(sql: str) -> str:
    numbers = iter(range(1, sql.count("?") + 1))
    return _PLACEHOLDER.sub(lambda _: f"${next(numbers)}", sql)


def _format_style(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


def _as_written(sql: str) -> str:
    return sql


_PLACEHOLDER_STYLES: dict[str, Callable[[str], str]] = {
    "tortoise.backends.sqlite": _as_written,
    "tortoise.backends.asyncpg": _numbered,
    "tortoise.backends.psycopg": _format_style,
}
"""Tortoise backend package -> how its driver marks values."""


def placeholders_for(client: type[BaseDBAsyncClient]) -> Callable[[str], str]:
    """How to rewrite a `?`-style statement for the driver behind `client` (a Tortoise client
    class, or one of its transaction wrappers)."""
    for cls in client.__mro__:
        style = _PLACEHOLDER_STYLES.get(cls.__module__.rpartition(".")[0])
        if style is not None:
            return style
    raise ConfigurationError(
        f"fabric-auth's store runs on SQLite or PostgreSQL (asyncpg or psycopg), not on "
        f"{client.__module__}.{client.__qualname__}"
    )


# --- statements ------------------------------------------------------------------------------

_RETRY_DELAYS = (0.005, 0.02, 0.08)
"""Seconds before each new attempt of a statement the store rolled back for contention."""

_Run = Callable[[BaseDBAsyncClient, str, list[Any]], Awaitable[Any]]


def _run_execute(connection: BaseDBAsyncClient, sql: str, values: list[Any]) -> Awaitable[Any]:
    return connection.execute_query(sql, values)


def _run_rows(connection: BaseDBAsyncClient, sql: str, values: list[Any]) -> Awaitable[Any]:
    return connection.execute_query_dict(sql, values)


class Statement(Generic[M]):
    """One SQL statement against `model`'s connection (`{t}`), joining `joined` if any.

    ```python
    _ADVANCE = Statement(Session, "UPDATE {t} SET {t.generation} = {t.generation} + 1 "
                         "WHERE {t.id} = ? AND {t.generation} = ?")
    changed = await _ADVANCE.execute(str(session_id), generation)
    ```

    Store failures come out as domain errors (`store.errors`); outside a transaction, a
    statement the store rolled back for contention is run again, a few times.
    """

    __slots__ = ("_by_client", "_model", "sql")

    def __init__(self, model: type[M], template: str, **joined: type[Model]) -> None:
        self._model = model
        self.sql = resolve(template, model, **joined)
        """The statement with `?` placeholders."""
        self._by_client: dict[type[BaseDBAsyncClient], str] = {}
        """The statement as each kind of connection met so far takes it."""

    @classmethod
    def select(cls, model: type[M], where: str) -> Statement[M]:
        """`SELECT` every column of `model`'s table `WHERE where`; read it with `first`."""
        names = ", ".join(f'"{name}"' for name in model._meta.fields_db_projection.values())
        return cls(model, f"SELECT {names} FROM {{t}} WHERE {where}")  # noqa: S608 (names)

    @classmethod
    def insert(
        cls, model: type[M], fields: tuple[str, ...], *, returning: str = ""
    ) -> Statement[M]:
        """`INSERT` one row of `fields` (values in that order) into `model`'s table."""
        listed = ", ".join(f"{{t.{field}}}" for field in fields)
        values = ", ".join("?" * len(fields))
        sql = f"INSERT INTO {{t}} ({listed}) VALUES ({values})"  # noqa: S608 (names)
        return cls(model, sql + (f" RETURNING {{t.{returning}}}" if returning else ""))

    def for_client(self, client: type[BaseDBAsyncClient]) -> str:
        """The statement as sent on connections of class `client`."""
        sql = self._by_client.get(client)
        if sql is None:
            sql = self._by_client[client] = placeholders_for(client)(self.sql)
        return sql

    async def execute(self, *values: Any) -> int:
        """Run it; the number of rows it changed."""
        connection = self._model._meta.db
        sql = self._by_client.get(type(connection)) or self.for_client(type(connection))
        try:
            changed, _ = await connection.execute_query(sql, list(values))
        except Exception as exc:
            changed, _ = await self._again(exc, _run_execute, list(values))
        return int(changed)

    async def execute_many(self, rows: list[list[Any]]) -> None:
        """Run it once for each of `rows` (values in order), in the caller's transaction."""
        connection = self._model._meta.db
        sql = self._by_client.get(type(connection)) or self.for_client(type(connection))
        try:
            await connection.execute_many(sql, rows)
        except Exception as exc:
            raise_mapped(exc)

    async def rows(self, *values: Any) -> list[dict[str, Any]]:
        """Run it; the rows it returned (a `SELECT`, or `RETURNING`)."""
        connection = self._model._meta.db
        sql = self._by_client.get(type(connection)) or self.for_client(type(connection))
        try:
            return await connection.execute_query_dict(sql, list(values))
        except Exception as exc:
            return await self._again(exc, _run_rows, list(values))  # type: ignore[no-any-return]

    async def first(self, *values: Any) -> M | None:
        """Run a `select`; the first row as an instance of the model, built the way Tortoise
        builds the results of its own queries."""
        rows = await self.rows(*values)
        return self._model._init_from_db(**rows[0]) if rows else None

    async def _again(self, failure: Exception, run: _Run, values: list[Any]) -> Any:
        """After `failure`: run the statement again while the store keeps rolling it back for
        contention and no transaction of the caller's was rolled back with it; otherwise raise
        the failure as a domain error."""
        for delay in _RETRY_DELAYS:
            if failure_of(failure) is not StoreFailure.CONTENTION or within_transaction():
                break
            await asyncio.sleep(delay)
            connection = self._model._meta.db
            try:
                return await run(connection, self.for_client(type(connection)), values)
            except Exception as exc:
                failure = exc
        raise_mapped(failure)

    def __repr__(self) -> str:
        return f"Statement({self.sql!r})"


# Column values as the drivers return them: SQLite gives text for UUIDs and timestamps and
# integers for booleans; PostgreSQL gives the Python types. (The store runs with `use_tz`, UTC.)


def as_uuid(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)


def as_datetime(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def as_optional_datetime(value: Any) -> datetime | None:
    return None if value is None else as_datetime(value)
