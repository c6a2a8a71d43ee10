"""`fabric-auth db`: the store's migrations — apply, revert, list, and write new ones."""

from __future__ import annotations

import argparse

from fabric_auth.cli.context import Commands, Context, command_group, confirmed, on_store, say
from fabric_auth.store import migrate


async def upgrade(config: dict[str, object], args: argparse.Namespace) -> int:
    applied = await migrate.upgrade(config)
    say(*(f"applied {name}" for name in applied) if applied else ["up to date"])
    return 0


async def downgrade(config: dict[str, object], args: argparse.Namespace) -> int:
    confirmed(args.yes, "downgrade drops data")
    undone = await migrate.downgrade(config, version=args.version)
    say(*(f"reverted {name}" for name in undone))
    return 0


async def history(context: Context, args: argparse.Namespace) -> int:
    say(*migrate.shipped_migrations())
    return 0


async def heads(config: dict[str, object], args: argparse.Namespace) -> int:
    state = await migrate.status(config)
    say(*state.pending or ["no pending migrations"])
    return 0


async def current(config: dict[str, object], args: argparse.Namespace) -> int:
    state = await migrate.status(config)
    say(state.current or "none applied")
    return 0


async def make_migration(context: Context, args: argparse.Namespace) -> int:
    path = await migrate.make_migration(args.name)
    say(f"wrote {path}" if path else "models unchanged: no migration written")
    return 0


def add_commands(commands: Commands) -> None:
    db = command_group(commands, "db", "store migrations")
    db.add_parser("upgrade", help="apply pending migrations").set_defaults(run=on_store(upgrade))
    down = db.add_parser("downgrade", help="revert the last migration (or from --version on)")
    down.add_argument("--version", type=int, default=-1, help="revert this one and later ones")
    down.add_argument("--yes", action="store_true", help="confirm: reverting drops data")
    down.set_defaults(run=on_store(downgrade))
    db.add_parser("history", help="list shipped migrations").set_defaults(run=history)
    db.add_parser("heads", help="list migrations not yet applied").set_defaults(run=on_store(heads))
    db.add_parser("current", help="the last applied migration").set_defaults(run=on_store(current))
    make = db.add_parser("makemigration", help="(contributors) write a migration for model changes")
    make.add_argument("name")
    make.set_defaults(run=make_migration)
