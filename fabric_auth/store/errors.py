"""Store errors mapped to domain errors, in one place.

The drivers and Tortoise raise what they raise: Tortoise wraps some driver errors (a unique
violation becomes its `IntegrityError`, a SQLite "database is locked" its `OperationalError`) and
lets others through as they are (asyncpg's `DeadlockDetectedError`, psycopg's lost connection).
`failure_of` looks through the wrapping to the driver's own error — its SQLSTATE on PostgreSQL
(both drivers), its extended result code on SQLite — and names what went wrong; `domain_error`
turns that into the error services raise:

| what the store said                                   | failure           | domain error        |
|-------------------------------------------------------|-------------------|---------------------|
| unique or primary key violated                        | DUPLICATE         | `AlreadyExists` 409 |
| foreign key violated (the row referred to is gone)    | MISSING_REFERENCE | `Conflict` 409      |
| deadlock, serialization failure, lock timeout, busy   | CONTENTION        | `StoreBusy` 503     |
| connection refused or lost, server shutting down, ... | UNAVAILABLE       | `StoreUnavailable`  |

Anything else (a `NOT NULL` violated, `DoesNotExist`) is a bug or the caller's business, and is
left as it is.

An outage is logged once per state change through `STORE_STATE` (one WARNING when the store
goes, one INFO when it is back; no traceback), not once per request: whatever reaches the store
successfully on a schedule (the readiness check, the change-feed poll) reports `recovered()`.

A contention failure is the one that can be retried: the store rolled the statement (and its
transaction) back, so running it again cannot do anything twice. `store.sql.Statement` does that
for its statements outside a transaction; inside one, only the transaction's owner could run it
all again, so the error says "try again" instead. A connection lost mid-statement is never
retried: the statement may have taken effect.

```python
with mapped_store_errors(already_exists="A role with this name already exists"):
    async with transaction():
        await Role.create(name=name)

with ignoring_duplicate():  # another instance may create it at the same moment
    await Role.create(name=name)
```
"""

from __future__ import annotations

import importlib
import logging
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from enum import Enum
from typing import NoReturn

from tortoise.exceptions import (
    BaseORMException,
    DBConnectionError,
    IncompleteInstanceError,
    NotExistOrMultiple,
    NoValuesFetched,
    ObjectDoesNotExistError,
)
from tortoise.exceptions import (
    IntegrityError as TortoiseIntegrityError,
)
from tortoise.exceptions import (
    OperationalError as TortoiseOperationalError,
)

from fabric_auth.exceptions import (
    AlreadyExists,
    Conflict,
    FabricAuthError,
    StoreBusy,
    StoreUnavailable,
)
from fabric_auth.logs import StateLog

logger = logging.getLogger("fabric_auth.store")

STORE_STATE = StateLog(logger, "store")
"""Whether the store was last seen reachable, for the process: Tortoise's connections are
process-wide, so is their outage. `domain_error` reports each failure it maps to
`StoreUnavailable`; code that reaches the store on a schedule (readiness, the change-feed poll)
reports `recovered()` on success and `failed(error)` on failure."""


class StoreFailure(Enum):
    DUPLICATE = "duplicate"
    MISSING_REFERENCE = "missing_reference"
    CONTENTION = "contention"
    UNAVAILABLE = "unavailable"


_SQLSTATES = {
    "23505": StoreFailure.DUPLICATE,  # unique_violation
    "23503": StoreFailure.MISSING_REFERENCE,  # foreign_key_violation
    "40001": StoreFailure.CONTENTION,  # serialization_failure
    "40P01": StoreFailure.CONTENTION,  # deadlock_detected
    "55P03": StoreFailure.CONTENTION,  # lock_not_available (lock_timeout, NOWAIT)
}
_UNAVAILABLE_CLASSES = ("08", "53", "57")
"""SQLSTATE classes: connection exception, insufficient resources, operator intervention
(shutdown, statement cancelled)."""

_SQLITE_CODES = {
    sqlite3.SQLITE_CONSTRAINT_UNIQUE: StoreFailure.DUPLICATE,
    sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY: StoreFailure.DUPLICATE,
    sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY: StoreFailure.MISSING_REFERENCE,
    sqlite3.SQLITE_BUSY: StoreFailure.CONTENTION,
    sqlite3.SQLITE_LOCKED: StoreFailure.CONTENTION,
}
_ORM_SIGNALS = (
    NotExistOrMultiple,
    ObjectDoesNotExistError,
    NoValuesFetched,
    IncompleteInstanceError,
)
"""Tortoise's `OperationalError`s that say something about the query's result, not the store."""


def failure_of(error: BaseException) -> StoreFailure | None:
    """What went wrong in the store, if `error` says the store failed; `None` otherwise."""
    if isinstance(error, FabricAuthError):  # mapped already (by a statement): what it mapped
        return None if error.__cause__ is None else failure_of(error.__cause__)
    if not isinstance(error, TortoiseOperationalError | DBConnectionError):
        return _failure_of_driver_error(error)  # as the driver raised it, or not the store's
    if isinstance(error, _ORM_SIGNALS):
        return None
    for wrapped in (error.args[0] if error.args else None, error.__cause__, error.__context__):
        if isinstance(wrapped, BaseException):
            failure = _failure_of_driver_error(wrapped)
            if failure is not None:
                return failure
    if isinstance(error, TortoiseIntegrityError):
        return None  # NOT NULL, CHECK: a bug, not a state of the store
    return StoreFailure.UNAVAILABLE


def domain_error(
    error: BaseException, *, already_exists: str | None = None
) -> FabricAuthError | None:
    """The domain error for a store failure (`already_exists`: the message for a duplicate);
    `None` when `error` is not one."""
    failure = failure_of(error)
    if failure is StoreFailure.DUPLICATE:
        return AlreadyExists(already_exists)  # the site's message, over a statement's
    if isinstance(error, FabricAuthError):
        return error if failure is not None else None
    if failure is StoreFailure.MISSING_REFERENCE:
        return Conflict("It refers to something that no longer exists")
    if failure is StoreFailure.CONTENTION:
        return StoreBusy()
    if failure is StoreFailure.UNAVAILABLE:
        STORE_STATE.failed(error)
        return StoreUnavailable()
    return None


def reported_outage(error: BaseException) -> bool:
    """Whether `error` says the store is unavailable; if so it is reported to `STORE_STATE`
    (logged once per state change), so periodic work need not log it with a traceback."""
    if isinstance(error, StoreUnavailable) and not isinstance(error, StoreBusy):
        return True  # mapped already, and reported when it was
    if failure_of(error) is StoreFailure.UNAVAILABLE:
        STORE_STATE.failed(error)
        return True
    return False


def raise_mapped(error: Exception, *, already_exists: str | None = None) -> NoReturn:
    """Raise `error` as its domain error (see `domain_error`), or as it is if it has none."""
    mapped = domain_error(error, already_exists=already_exists)
    if mapped is None or mapped is error:
        raise error
    raise mapped from error


@contextmanager
def mapped_store_errors(*, already_exists: str | None = None) -> Iterator[None]:
    """Raise store failures inside the block as domain errors (`already_exists`: the message of
    the `AlreadyExists` a duplicate becomes); wrap the transaction, so its commit is covered."""
    try:
        yield
    except Exception as exc:
        raise_mapped(exc, already_exists=already_exists)


@contextmanager
def ignoring(*failures: StoreFailure) -> Iterator[None]:
    """End the block quietly on one of `failures`, where the caller knows what it means (and
    the block's transaction, if any, was rolled back); other store failures are mapped."""
    try:
        yield
    except Exception as exc:
        if failure_of(exc) not in failures:
            raise_mapped(exc)


def ignoring_duplicate() -> AbstractContextManager[None]:
    """For an insert that may lose the race to the same insert elsewhere: the row exists either
    way, so a duplicate ends the block quietly; other store failures are mapped as usual."""
    return ignoring(StoreFailure.DUPLICATE)


def _failure_of_driver_error(error: BaseException) -> StoreFailure | None:
    sqlstate = getattr(error, "sqlstate", None)  # asyncpg and psycopg alike
    if isinstance(sqlstate, str):
        if sqlstate.startswith(_UNAVAILABLE_CLASSES):
            return StoreFailure.UNAVAILABLE
        return _SQLSTATES.get(sqlstate)
    if isinstance(error, sqlite3.Error):
        code: int = getattr(error, "sqlite_errorcode", 0)
        failure = _SQLITE_CODES.get(code) or _SQLITE_CODES.get(code & 0xFF)
        if failure is None and isinstance(error, sqlite3.OperationalError):
            return StoreFailure.UNAVAILABLE  # disk I/O, cannot open, read-only, no such table
        return failure
    if isinstance(error, _connection_errors()):
        return StoreFailure.UNAVAILABLE
    return None


_DRIVER_ERRORS = (("asyncpg", ("PostgresError", "InterfaceError")), ("psycopg", ("Error",)))
"""The base classes of what each PostgreSQL driver raises, by module."""


def store_error_types() -> tuple[type[Exception], ...]:
    """Every type a store failure can reach a route as: Tortoise's errors, SQLite's, those of
    the PostgreSQL drivers installed (imported here: a driver is loaded only when the store
    opens, after an app registers its handlers) and `OSError` (refused, timed out)."""
    errors: list[type[Exception]] = [BaseORMException, sqlite3.Error, OSError]
    for driver, names in _DRIVER_ERRORS:
        with suppress(ImportError):
            module = importlib.import_module(driver)
            errors += [getattr(module, name) for name in names]
    return tuple(errors)


def _connection_errors() -> tuple[type[BaseException], ...]:
    """Errors of the drivers loaded in this process that mean the connection is gone (read from
    `sys.modules`: a driver never imported raised nothing)."""
    errors: list[type[BaseException]] = [OSError, DBConnectionError]
    asyncpg = sys.modules.get("asyncpg")
    if asyncpg is not None:
        errors.append(asyncpg.exceptions.InterfaceError)  # "connection is closed"
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        errors.append(psycopg.OperationalError)  # no SQLSTATE: lost, refused, pool timeout
    return tuple(errors)
