"""Downgrade and upgrade again, on a scratch store of each backend (in a subprocess, since
the suite keeps its own store open)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import POSTGRES_URL, _unavailable

SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from tortoise import Tortoise
    from fabric_auth.store import connection, migrate

    async def main(url):
        config = await connection.open_store(url)
        print("pending", len((await migrate.status(config)).pending))
        print("up", len(await migrate.upgrade(config)))
        print("down", len(await migrate.downgrade(config, version=0)))
        print("pending", len((await migrate.status(config)).pending))
        print("up", len(await migrate.upgrade(config)))
        conn = Tortoise.get_connection("default")
        await conn.execute_query('SELECT count(*) FROM "fabric_auth_users"')
        print("ok")
        await connection.close_store()

    asyncio.run(main(sys.argv[1]))
    """
)


def _run(url: str) -> None:
    """Run the round trip and check each step migrated every shipped migration."""
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, url], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    count = lines[1].split()[1]
    steps = ["pending", "up", "down", "pending", "up"]
    assert lines[:6] == [f"{step} {count}" for step in steps] + ["ok"]


def test_roundtrip_sqlite(tmp_path: Path) -> None:
    """SQLite: up, all the way down, up again."""
    _run(f"sqlite://{tmp_path}/roundtrip.sqlite3")


def test_roundtrip_postgres() -> None:
    """PostgreSQL: up, all the way down, up again, in a database of its own."""
    if not POSTGRES_URL:
        _unavailable("PostgreSQL", "FABRIC_AUTH_TEST_POSTGRES_URL")
    assert POSTGRES_URL is not None
    import asyncio

    from tests.conftest import _fresh_postgres_database

    async def make() -> tuple[str, object]:
        return await _fresh_postgres_database(POSTGRES_URL)  # type: ignore[arg-type]

    url, drop = asyncio.run(make())
    try:
        _run(url)
    finally:
        asyncio.run(drop())  # type: ignore[operator]
