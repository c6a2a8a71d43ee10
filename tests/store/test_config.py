"""`store.config`: the Tortoise connection each URL gets, with the store timeout applied."""

from __future__ import annotations

from fabric_auth.store.config import connection_config


def test_postgres_urls_get_bounded_connect_and_acquisition() -> None:
    """asyncpg: the bounded engine, the timeout, no idle floor; psycopg: the pool's wait and
    libpq's `connect_timeout` (whole seconds, at least 2); SQLite: the URL as it is."""
    asyncpg = connection_config("postgres://app@db:5432/auth", timeout=1.5)
    assert asyncpg == {
        "engine": "fabric_auth.store.postgres",
        "credentials": {
            "host": "db",
            "port": 5432,
            "user": "app",
            "password": None,
            "database": "auth",
            "timeout": 1.5,
            "minsize": 0,
        },
    }
    psycopg = connection_config("psycopg://app@db/auth", timeout=1.5)
    assert psycopg["engine"] == "tortoise.backends.psycopg"
    assert psycopg["credentials"]["timeout"] == 1.5
    assert psycopg["credentials"]["server_settings"] == {"connect_timeout": "2"}
    assert connection_config("sqlite://auth.sqlite3", timeout=1.5) == "sqlite://auth.sqlite3"


def test_the_urls_own_parameters_win() -> None:
    """`?timeout=` and `?minsize=` in the URL are kept over the setting's defaults."""
    config = connection_config("postgres://app@db/auth?timeout=30&minsize=2", timeout=5.0)
    assert isinstance(config, dict)
    # Tortoise casts `timeout` and leaves `minsize` a string, which its client turns into an int
    assert (config["credentials"]["timeout"], config["credentials"]["minsize"]) == (30, "2")
