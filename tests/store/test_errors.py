"""`store.errors`: what the store says, mapped to domain errors in one place, on both backends."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from uuid import uuid4

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from tortoise import Tortoise
from tortoise.exceptions import DBConnectionError, DoesNotExist, IntegrityError

from fabric_auth.exceptions import AlreadyExists, Conflict, StoreBusy, StoreUnavailable
from fabric_auth.http import FabricRoute, error_response
from fabric_auth.store.connection import transaction
from fabric_auth.store.errors import (
    StoreFailure,
    failure_of,
    ignoring,
    ignoring_duplicate,
    mapped_store_errors,
)
from fabric_auth.store.models import LoginThrottle, Role, UserRole
from fabric_auth.store.sql import Statement
from tests.conftest import RunningApp

TAKEN = "A role with this name already exists"


async def create_role(name: str) -> None:
    """A site as the services write one: the mapping around the transaction."""
    with mapped_store_errors(already_exists=TAKEN):
        async with transaction():
            await Role.create(name=name)


async def test_a_unique_violation_is_already_exists_with_the_sites_message(store: str) -> None:
    """A duplicate, in a transaction or not, is a 409 `already_exists` saying what the site
    says; the store's own error stays as its cause."""
    await Role.create(name="editor")
    with pytest.raises(AlreadyExists) as raised:
        await create_role("editor")
    assert (raised.value.detail, raised.value.status_code) == (TAKEN, 409)
    assert raised.value.code == "already_exists"
    assert isinstance(raised.value.__cause__, IntegrityError)
    with pytest.raises(AlreadyExists, match=TAKEN), mapped_store_errors(already_exists=TAKEN):
        await Role.create(name="editor")
    assert await Role.filter(name="editor").count() == 1


async def test_a_statement_maps_its_duplicate_too(store: str) -> None:
    """A hand-written statement's duplicate is `AlreadyExists` (the default detail) as well."""
    insert = Statement.insert(
        LoginThrottle, ("scope", "key", "attempts", "failures", "lockouts", "last_attempt_at")
    )
    now = datetime.now(UTC)
    await insert.execute("ip", "10.0.0.9", 0, 0, 0, now)
    with pytest.raises(AlreadyExists, match="Already exists"):
        await insert.execute("ip", "10.0.0.9", 0, 0, 0, now)
    site = mapped_store_errors(already_exists="Taken here")  # the site's message wins
    with pytest.raises(AlreadyExists, match="Taken here"), site:
        await insert.execute("ip", "10.0.0.9", 0, 0, 0, now)


async def test_every_site_answers_a_taken_name_with_its_message(running: RunningApp) -> None:
    """Accounts, roles, service accounts, features and plans: a name taken is 409
    `already_exists`, in the site's words."""
    services = running.auth.services
    taken = "An account with this email or username already exists"
    with pytest.raises(AlreadyExists, match=taken):
        await running.create_user("ADA@example.com")
    await services.rbac.create_role(None, "editor", [])
    with pytest.raises(AlreadyExists, match="A role with this name already exists"):
        await services.rbac.create_role(None, "editor", [])
    await services.service_accounts.create(None, slug="robot", name="Robot")
    with pytest.raises(AlreadyExists, match="A service account with this slug already exists"):
        await services.service_accounts.create(None, slug="robot", name="Robot")
    await services.plans.create_feature("calls")
    with pytest.raises(AlreadyExists, match="A feature with this code already exists"):
        await services.plans.create_feature("calls")
    await services.plans.create_plan("team")
    with pytest.raises(AlreadyExists, match="A plan with this code already exists"):
        await services.plans.create_plan("team")


async def test_a_foreign_key_violation_is_a_conflict(store: str) -> None:
    """A row referring to one that is gone (deleted meanwhile) is a 409 `conflict`, not a
    duplicate."""
    role = await Role.create(name="viewer")
    with pytest.raises(Conflict) as raised, mapped_store_errors(already_exists=TAKEN):
        await UserRole.create(user_id=uuid4(), role_id=role.id)
    assert type(raised.value) is Conflict
    assert (raised.value.status_code, raised.value.code) == (409, "conflict")


async def test_ignoring_duplicate_ends_the_block_on_a_duplicate_only(store: str) -> None:
    """Losing an insert race is quiet (the row is there); any other store failure is mapped."""
    await Role.create(name="auditor")
    with ignoring_duplicate():
        await Role.create(name="auditor")
        pytest.fail("the block goes on after the duplicate")
    assert await Role.filter(name="auditor").count() == 1
    with pytest.raises(Conflict), ignoring_duplicate():
        await UserRole.create(user_id=uuid4(), role_id=(await Role.get(name="auditor")).id)


async def test_what_is_not_a_store_failure_passes_unchanged(store: str) -> None:
    """`DoesNotExist`, a `NOT NULL` violated (a bug) and errors of the block's own are left
    as they are."""
    with pytest.raises(DoesNotExist), mapped_store_errors(already_exists=TAKEN):
        await Role.get(name="nobody")
    with pytest.raises(ValueError, match="mine"), mapped_store_errors(already_exists=TAKEN):
        raise ValueError("mine")
    connection = Tortoise.get_connection("default")
    with pytest.raises(IntegrityError), mapped_store_errors(already_exists=TAKEN):
        await connection.execute_query(
            'INSERT INTO "fabric_auth_login_throttles" ("scope", "key") VALUES (\'ip\', \'x\')'
        )


async def test_a_store_that_fails_the_statement_is_unavailable(store: str) -> None:
    """Tortoise's `OperationalError` (here: a table the store lacks) is a 503
    `store_unavailable`, not a 500."""
    connection = Tortoise.get_connection("default")
    with pytest.raises(StoreUnavailable) as raised, mapped_store_errors():
        await connection.execute_query('SELECT 1 FROM "fabric_auth_no_such_table"')
    assert (raised.value.status_code, raised.value.code) == (503, "store_unavailable")


async def test_unreachable_servers_are_unavailable_whatever_the_driver() -> None:
    """Refused connections, as asyncpg, psycopg and Tortoise raise them, are
    `StoreUnavailable`."""
    import asyncpg
    import psycopg

    failures: list[BaseException] = [DBConnectionError("Can't establish connection")]
    try:
        await asyncpg.connect("postgresql://nobody@127.0.0.1:1/nothing", timeout=5)
    except Exception as exc:
        failures.append(exc)
    try:
        await psycopg.AsyncConnection.connect("host=127.0.0.1 port=1 user=nobody")
    except Exception as exc:
        failures.append(exc)
    assert len(failures) == 3
    for failure in failures:
        assert failure_of(failure) is StoreFailure.UNAVAILABLE, repr(failure)
        with pytest.raises(StoreUnavailable), mapped_store_errors():
            raise failure


async def test_a_library_route_answers_a_store_failure_no_service_mapped(store: str) -> None:
    """Our routes' last stop maps what a service let through: 503 `store_unavailable` as JSON,
    not a 500."""
    router = APIRouter(route_class=FabricRoute)

    @router.get("/broken")
    async def broken() -> None:
        await Tortoise.get_connection("default").execute_query('SELECT 1 FROM "fabric_auth_gone"')

    app = FastAPI()
    app.include_router(router)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
        response = await client.get("/broken")
    assert response.status_code == 503
    assert response.json() == {
        "detail": "The store is unavailable: try again shortly",
        "code": "store_unavailable",
    }
    assert response.headers["Retry-After"] == "1"


async def test_unavailable_and_busy_answer_503_with_their_code() -> None:
    """The web answer says which, and when to come back; a 500 still says nothing more."""
    for error, code in ((StoreUnavailable(), "store_unavailable"), (StoreBusy(), "store_busy")):
        response = error_response(error)
        assert response.status_code == 503
        assert json.loads(response.body)["code"] == code
        assert response.headers["Retry-After"] == "1"


# --- contention ------------------------------------------------------------------------------


async def _throttle(key: str) -> int:
    row = await LoginThrottle.create(scope="ip", key=key, last_attempt_at=datetime.now(UTC))
    return int(row.id)


async def test_a_deadlock_is_store_busy_for_its_victim(store: str) -> None:
    """Two transactions taking two rows in opposite orders: PostgreSQL aborts one, which
    answers 503 `store_busy`; the other commits."""
    if store.startswith("sqlite"):
        pytest.skip("SQLite has one writer at a time: no deadlock between transactions")
    first, second = await _throttle("a"), await _throttle("b")
    both_hold_one = asyncio.Barrier(2)

    async def cross(one: int, other: int) -> None:
        with mapped_store_errors():
            async with transaction():
                await LoginThrottle.filter(id=one).update(attempts=1)
                await both_hold_one.wait()
                await LoginThrottle.filter(id=other).update(attempts=2)

    outcomes = await asyncio.gather(
        cross(first, second), cross(second, first), return_exceptions=True
    )
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["NoneType", "StoreBusy"]


@pytest.fixture
async def sqlite_write_lock(store: str) -> AsyncIterator[sqlite3.Connection]:
    """A second connection to the SQLite store, holding its write lock (released by the test
    or at the end), with the store's connection waiting 50 ms for a lock instead of 5 s."""
    if not store.startswith("sqlite"):
        pytest.skip("SQLite's busy store; PostgreSQL's contention is the deadlock test")
    connection = Tortoise.get_connection("default")
    waited = (await connection.execute_query_dict("PRAGMA busy_timeout"))[0]
    await connection.execute_script("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(store.removeprefix("sqlite://"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield holder
    finally:
        if holder.in_transaction:
            holder.rollback()
        holder.close()
        await connection.execute_script(f"PRAGMA busy_timeout = {next(iter(waited.values()))}")


_BUMP = Statement(LoginThrottle, "UPDATE {t} SET {t.attempts} = {t.attempts} + 1 WHERE {t.id} = ?")


async def test_a_statement_outside_a_transaction_is_retried_while_the_store_is_busy(
    sqlite_write_lock: sqlite3.Connection,
) -> None:
    """The store rolled the statement back, so it runs again: once the lock is released it
    goes through, exactly once."""
    sqlite_write_lock.rollback()
    row = await _throttle("retried")
    sqlite_write_lock.execute("BEGIN IMMEDIATE")
    asyncio.get_running_loop().call_later(0.08, sqlite_write_lock.rollback)
    assert await _BUMP.execute(row) == 1
    assert (await LoginThrottle.get(id=row)).attempts == 1


async def test_a_statement_still_busy_after_its_retries_is_store_busy(
    sqlite_write_lock: sqlite3.Connection,
) -> None:
    """A lock held longer than the retries last: 503 `store_busy`, nothing changed."""
    with pytest.raises(StoreBusy):
        await _BUMP.execute(1)


async def test_a_statement_inside_a_transaction_is_not_retried(
    sqlite_write_lock: sqlite3.Connection,
) -> None:
    """Inside the caller's transaction only the caller could run it all again: `StoreBusy` at
    once, though the lock is gone soon after."""
    asyncio.get_running_loop().call_later(0.5, sqlite_write_lock.rollback)
    started = asyncio.get_running_loop().time()
    with pytest.raises(StoreBusy):
        async with transaction():
            await _BUMP.execute(1)
    assert asyncio.get_running_loop().time() - started < 0.5


async def test_a_statements_mapped_failure_keeps_its_kind(
    sqlite_write_lock: sqlite3.Connection,
) -> None:
    """`StoreBusy` from a statement inside a transaction is still contention to the
    transaction's owner, which may run it all again (`ignoring(CONTENTION)`)."""
    with ignoring(StoreFailure.CONTENTION):
        async with transaction():
            await _BUMP.execute(1)
        pytest.fail("the block goes on after the contention")
