"""`store.sql.Statement`: hand-written statements on both backends, inside transactions too."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from fabric_auth.store.connection import transaction
from fabric_auth.store.models import LoginThrottle, RefreshToken, Session
from fabric_auth.store.sql import (
    Statement,
    as_datetime,
    as_optional_datetime,
    as_uuid,
    column_of,
    placeholders_for,
)

_BUMP = Statement(
    LoginThrottle,
    "UPDATE {t} SET {t.attempts} = {t.attempts} + ? "
    "WHERE {t.scope} = ? AND {t.key} = ? AND {t.attempts} < ? RETURNING {t.attempts}",
)
_COUNT = Statement(
    LoginThrottle, "UPDATE {t} SET {t.failures} = {t.failures} + 1 WHERE {t.scope} = ?"
)


def test_names_come_from_the_models() -> None:
    """`{t}` is the model's table and `{t.field}` its column, quoted, as written by hand."""
    assert _BUMP.sql == (
        'UPDATE "fabric_auth_login_throttles" SET "attempts" = "attempts" + ? '
        'WHERE "scope" = ? AND "key" = ? AND "attempts" < ? RETURNING "attempts"'
    )


def test_a_join_aliases_every_table_by_its_name() -> None:
    """With joined tables, `{s}` is `"table" s` and `{s.id}` is `s."id"`; a foreign key's
    column is named as Tortoise names it (`session_id`), even before Tortoise is set up."""
    joined = Statement(
        RefreshToken,
        "SELECT {s.id} FROM {t} JOIN {s} ON {s.id} = {t.session_id} WHERE {t.token_hash} = ?",
        s=Session,
    )
    assert joined.sql == (
        'SELECT s."id" FROM "fabric_auth_refresh_tokens" t JOIN "fabric_auth_sessions" s '
        'ON s."id" = t."session_id" WHERE t."token_hash" = ?'
    )
    assert column_of(RefreshToken, "session_id") == "session_id"


def test_a_name_the_model_lacks_fails_when_the_statement_is_built() -> None:
    """A misspelt column fails at import, naming the model and the name."""
    with pytest.raises(AttributeError, match="LoginThrottle has no field 'attemps'"):
        Statement(LoginThrottle, "UPDATE {t} SET {t.attemps} = 0")
    with pytest.raises(AttributeError, match="RefreshToken has no field 'user_id'"):
        column_of(RefreshToken, "user_id")


def test_each_driver_gets_its_placeholders() -> None:
    """SQLite keeps `?`, asyncpg gets `$1..$n`, psycopg `%s` with literal `%` doubled; a
    transaction's connection class gets what its client gets."""
    from tortoise.backends.asyncpg.client import AsyncpgDBClient
    from tortoise.backends.asyncpg.client import TransactionWrapper as AsyncpgTransaction
    from tortoise.backends.psycopg.client import PsycopgClient
    from tortoise.backends.psycopg.client import TransactionWrapper as PsycopgTransaction
    from tortoise.backends.sqlite.client import SqliteClient
    from tortoise.backends.sqlite.client import SqliteTransactionWrapper as SqliteTransaction

    like = Statement(
        LoginThrottle, "SELECT {t.id} FROM {t} WHERE {t.key} LIKE '10.%' AND {t.scope} = ?"
    )
    for sqlite in (SqliteClient, SqliteTransaction):
        assert _BUMP.for_client(sqlite) == _BUMP.sql
    for asyncpg in (AsyncpgDBClient, AsyncpgTransaction):
        assert _BUMP.for_client(asyncpg) == (
            'UPDATE "fabric_auth_login_throttles" SET "attempts" = "attempts" + $1 '
            'WHERE "scope" = $2 AND "key" = $3 AND "attempts" < $4 RETURNING "attempts"'
        )
        assert like.for_client(asyncpg).endswith("LIKE '10.%' AND \"scope\" = $1")
    for psycopg in (PsycopgClient, PsycopgTransaction):
        assert _BUMP.for_client(psycopg) == (
            'UPDATE "fabric_auth_login_throttles" SET "attempts" = "attempts" + %s '
            'WHERE "scope" = %s AND "key" = %s AND "attempts" < %s RETURNING "attempts"'
        )
        assert like.for_client(psycopg).endswith("LIKE '10.%%' AND \"scope\" = %s")


def test_placeholders_are_derived_once_per_driver() -> None:
    """The statement a driver gets is the same string on every call: built on first use."""
    from tortoise.backends.psycopg.client import PsycopgClient

    statement = Statement(LoginThrottle, "UPDATE {t} SET {t.attempts} = ? WHERE {t.id} = ?")
    first = statement.for_client(PsycopgClient)
    assert statement.for_client(PsycopgClient) is first


def test_a_backend_without_a_placeholder_style_is_a_configuration_error() -> None:
    """fabric-auth's store is SQLite or PostgreSQL: another Tortoise backend is refused."""
    from tortoise.backends.base.client import BaseDBAsyncClient

    from fabric_auth.exceptions import ConfigurationError

    with pytest.raises(ConfigurationError, match="SQLite or PostgreSQL"):
        placeholders_for(BaseDBAsyncClient)


async def test_values_bind_in_order_and_rows_come_back(store: str) -> None:
    now = datetime.now(UTC)
    await LoginThrottle.create(scope="ip", key="10.0.0.1", attempts=1, last_attempt_at=now)
    assert await _BUMP.rows(2, "ip", "10.0.0.1", 5) == [{"attempts": 3}]
    assert await _BUMP.rows(2, "ip", "10.0.0.1", 3) == []  # the condition holds it back
    assert (await LoginThrottle.get(key="10.0.0.1")).attempts == 3


async def test_execute_counts_changed_rows(store: str) -> None:
    now = datetime.now(UTC)
    for key in ("a", "b"):
        await LoginThrottle.create(scope="account", key=key, last_attempt_at=now)
    assert await _COUNT.execute("account") == 2
    assert await _COUNT.execute("ip") == 0


async def test_runs_in_the_callers_transaction(store: str) -> None:
    now = datetime.now(UTC)
    await LoginThrottle.create(scope="ip", key="10.0.0.2", attempts=0, last_attempt_at=now)
    seen: list[dict[str, object]] = []

    async def bump_then_fail() -> None:
        async with transaction():
            seen.extend(await _BUMP.rows(1, "ip", "10.0.0.2", 5))
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError):
        await bump_then_fail()
    assert seen == [{"attempts": 1}]
    assert (await LoginThrottle.get(key="10.0.0.2")).attempts == 0


_BY_KEY = Statement.select(LoginThrottle, "{t.key} = ?")


async def test_select_first_builds_what_tortoise_builds(store: str) -> None:
    """Every column read back and converted (timestamps are text on SQLite), so the instance
    compares field by field with Tortoise's own, and saves as an update."""
    now = datetime.now(UTC)
    created = await LoginThrottle.create(
        scope="account", key="10.0.0.3", attempts=2, locked_until=now, last_attempt_at=now
    )
    mine = await _BY_KEY.first("10.0.0.3")
    theirs = await LoginThrottle.get(key="10.0.0.3")
    assert mine is not None
    fields = LoginThrottle._meta.fields_map.keys()
    assert {name: getattr(mine, name) for name in fields} == {
        name: getattr(theirs, name) for name in fields
    }
    assert mine.locked_until == now and mine.locked_until.tzinfo is not None
    assert await _BY_KEY.first("nobody") is None
    mine.attempts = 7
    await mine.save(update_fields=["attempts"])
    assert await LoginThrottle.all().count() == 1
    assert (await LoginThrottle.get(pk=created.pk)).attempts == 7


def test_as_conversions_take_both_drivers_forms() -> None:
    moment = datetime(2026, 11, 23, 20, 2, 22, 776838, tzinfo=UTC)
    assert as_datetime("2026-11-23 20:02:22.776838+00:00") == moment
    assert as_datetime(moment) is moment
    assert as_datetime("2026-11-23 20:02:22.776838").tzinfo is UTC
    assert as_optional_datetime(None) is None
    value = uuid4()
    assert as_uuid(str(value)) == value and as_uuid(value) is value


_ADD = Statement.insert(
    LoginThrottle,
    ("scope", "key", "attempts", "failures", "lockouts", "last_attempt_at"),
    returning="id",
)


async def test_insert_binds_the_named_columns_and_returns(store: str) -> None:
    now = datetime.now(UTC)
    rows = await _ADD.rows("ip", "10.0.0.4", 4, 3, 1, now)
    stored = await LoginThrottle.get(key="10.0.0.4")
    assert rows == [{"id": stored.id}]
    assert (stored.scope, stored.attempts, stored.failures, stored.lockouts) == ("ip", 4, 3, 1)
    assert stored.last_attempt_at == now


async def test_within_transaction_tells_whether_statements_join_one(store: str) -> None:
    from fabric_auth.store.connection import within_transaction

    assert not within_transaction()
    async with transaction():
        assert within_transaction()
    assert not within_transaction()
