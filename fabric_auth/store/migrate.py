"""Apply, undo and inspect the migrations shipped inside the package (aerich).

Shipped migration files hold the SQL of every supported dialect and pick theirs from the
connection they are given (`upgrade(db)` returns `SQL[db dialect]`), so one set of files serves
SQLite and PostgreSQL. `make_migration` writes such a file from the difference between the last
file's recorded model state and the current models (see docs/migrations.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aerich import Command
from aerich.migrate import Migrate
from aerich.utils import get_formatted_compressed_data, get_models_describe
from tortoise import Tortoise
from tortoise.exceptions import OperationalError

from fabric_auth.store.config import APP_LABEL

MIGRATIONS_LOCATION = Path(__file__).parent / "migrations"
MIGRATIONS_DIR = MIGRATIONS_LOCATION / APP_LABEL
DIALECTS = ("sqlite", "postgres")


@dataclass(frozen=True, slots=True)
class MigrationStatus:
    applied: list[str]
    pending: list[str]

    @property
    def current(self) -> str | None:
        return self.applied[-1] if self.applied else None


async def _command(config: dict[str, Any]) -> Command:
    command = Command(tortoise_config=config, app=APP_LABEL, location=str(MIGRATIONS_LOCATION))
    await command.init()
    return command


async def upgrade(config: dict[str, Any]) -> list[str]:
    """Apply every pending migration, each in its own transaction; return the applied names."""
    command = await _command(config)
    applied: list[str] = await command.upgrade(run_in_transaction=True)
    return applied


async def downgrade(config: dict[str, Any], version: int = -1) -> list[str]:
    """Undo the last migration (`version=-1`) or every migration from `version` on."""
    command = await _command(config)
    undone: list[str] = await command.downgrade(version=version, delete=False)
    return undone


async def status(config: dict[str, Any]) -> MigrationStatus:
    command = await _command(config)
    try:
        pending: list[str] = await command.heads()
    except OperationalError:  # a store never migrated has no tracking table yet
        pending = shipped_migrations()
    applied = [name for name in shipped_migrations() if name not in pending]
    return MigrationStatus(applied=applied, pending=pending)


def shipped_migrations() -> list[str]:
    Migrate.migrate_location = MIGRATIONS_DIR
    return list(Migrate.get_all_version_files())


def recorded_models_state() -> dict[str, Any]:
    """The model state the newest shipped migration brings the store to."""
    last = Migrate.get_last_version_module() if shipped_migrations() else None
    if last is None:
        return {}
    info = Migrate.get_migration_info_for_file(last)
    return info.models_state or {}


def current_models_state() -> dict[str, Any]:
    """The state of the models as the code defines them now (Tortoise must be initialised)."""
    return get_models_describe(APP_LABEL)


def normalized(state: dict[str, Any]) -> str:
    """A canonical text of a model state, to compare recorded and current states."""
    return json.dumps(state, sort_keys=True, default=str)


# --- writing new migrations (a development task, run by `fabric-auth db makemigration`) ---


def _reset_operators() -> None:
    Migrate.upgrade_operators = []
    Migrate.downgrade_operators = []
    Migrate._upgrade_fk_m2m_index_operators = []
    Migrate._downgrade_fk_m2m_index_operators = []
    Migrate._upgrade_m2m = []
    Migrate._downgrade_m2m = []


async def _sql_for_dialect(database_url: str, last_state: dict[str, Any]) -> tuple[str, str]:
    """Upgrade and downgrade SQL from `last_state` to the current models, for one dialect.

    Connections are lazy in Tortoise: nothing is sent to the database here, the URL only picks
    the SQL dialect.
    """
    from tortoise.utils import get_schema_sql

    from fabric_auth.store.config import tortoise_config

    await Tortoise.init(config=tortoise_config(database_url))
    try:
        connection = Tortoise.get_connection("default")
        if not last_state:
            return _initial_sql(get_schema_sql(connection, safe=False))
        Migrate.app = APP_LABEL
        Migrate.dialect = connection.schema_generator.DIALECT
        Migrate.ddl_class = await Migrate.load_ddl_class()
        Migrate.ddl = Migrate.ddl_class(connection)
        _reset_operators()
        current = get_models_describe(APP_LABEL)
        Migrate.diff_models(last_state, current, no_input=True)
        Migrate.diff_models(current, last_state, False, no_input=True)
        Migrate._merge_operators()
        up = ";\n".join(Migrate.upgrade_operators)
        down = ";\n".join(_drops_dependents_first(Migrate.downgrade_operators))
        return (up + ";" if up else ""), (down + ";" if down else "")
    finally:
        _reset_operators()
        await Tortoise.close_connections()


def _initial_sql(schema: str) -> tuple[str, str]:
    """The first migration: every table, with aerich's tracking table tolerated if present."""
    upgrade = schema.replace('CREATE TABLE "aerich"', 'CREATE TABLE IF NOT EXISTS "aerich"')
    tables = _tables_dependents_first()
    downgrade = "\n".join(f'DROP TABLE IF EXISTS "{table}";' for table in tables)
    return upgrade, downgrade


def _drops_dependents_first(operators: list[str]) -> list[str]:
    """Downgrade statements with the tables a migration created dropped dependents first
    (aerich drops them in name order, which PostgreSQL refuses for referenced tables)."""
    order = {table: index for index, table in enumerate(_tables_dependents_first())}

    def dropped(statement: str) -> str | None:
        prefix = 'DROP TABLE IF EXISTS "'
        return statement[len(prefix) :].split('"')[0] if statement.startswith(prefix) else None

    drops = [op for op in operators if dropped(op) is not None]
    others = [op for op in operators if dropped(op) is None]
    return others + sorted(drops, key=lambda op: order.get(dropped(op) or "", len(order)))


def _tables_dependents_first() -> list[str]:
    """Our tables in an order that drops each one before the tables it references."""
    from aerich.models import Aerich

    assert Tortoise.apps is not None
    models = [model for model in Tortoise.apps[APP_LABEL].values() if model is not Aerich]
    remaining = {model._meta.db_table: model for model in models}
    ordered: list[str] = []
    while remaining:
        referenced = {
            model._meta.fields_map[name].related_model._meta.db_table
            for model in remaining.values()
            for name in model._meta.fk_fields
        }
        free = sorted(table for table in remaining if table not in referenced)
        ordered.extend(free)
        for table in free:
            del remaining[table]
    return ordered


_TEMPLATE = '''"""{title}

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {sql}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    {models_state}
)
'''

_DIALECT_URLS = {"sqlite": "sqlite://:memory:", "postgres": "postgres://u@127.0.0.1:1/dialect"}


async def make_migration(name: str) -> Path | None:
    """Write the next migration file, or return `None` when the models have not changed."""
    import pprint

    from fabric_auth.store.config import tortoise_config

    last_state = recorded_models_state()
    sql: dict[str, dict[str, str]] = {}
    for dialect in DIALECTS:
        up, down = await _sql_for_dialect(_DIALECT_URLS[dialect], last_state)
        sql[dialect] = {"upgrade": up, "downgrade": down}
    if not any(entry["upgrade"].strip() for entry in sql.values()):
        return None
    await Tortoise.init(config=tortoise_config("sqlite://:memory:"))
    try:
        state = get_models_describe(APP_LABEL)
    finally:
        await Tortoise.close_connections()
    number = len(shipped_migrations())
    from datetime import UTC, datetime

    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    path = MIGRATIONS_DIR / f"{number}_{stamp}_{name}.py"
    path.write_text(
        _TEMPLATE.format(
            title=f"fabric-auth migration {number}: {name}.",
            sql=pprint.pformat(sql, width=96, sort_dicts=False),
            models_state=get_formatted_compressed_data(state),
        ),
        encoding="utf-8",
    )
    return path
