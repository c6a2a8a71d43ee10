"""Shipped migrations: they match the models, and go up and down on every backend."""

from __future__ import annotations

from fabric_auth.store import migrate
from fabric_auth.store.config import tortoise_config


async def test_models_and_migrations_agree(database_url: str) -> None:
    """The newest migration records exactly the current models: change a model, and this fails
    until `fabric-auth db makemigration NAME` writes the migration."""
    recorded = migrate.normalized(migrate.recorded_models_state())
    current = migrate.normalized(migrate.current_models_state())
    assert recorded == current


async def test_store_is_fully_migrated(database_url: str) -> None:
    """The suite's store came from the shipped migrations, with nothing pending."""
    state = await migrate.status(tortoise_config(database_url))
    assert state.pending == []
    assert state.applied == migrate.shipped_migrations()
    assert state.current == migrate.shipped_migrations()[-1]


async def test_every_migration_has_sql_for_each_dialect() -> None:
    """Each shipped migration carries upgrade and downgrade SQL for SQLite and PostgreSQL."""
    import importlib.util

    for name in migrate.shipped_migrations():
        spec = importlib.util.spec_from_file_location(name, migrate.MIGRATIONS_DIR / name)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for dialect in migrate.DIALECTS:
            assert module.SQL[dialect]["upgrade"].strip()
            assert module.SQL[dialect]["downgrade"].strip()
