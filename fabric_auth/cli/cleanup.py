"""`fabric-auth cleanup`: one run of the periodic cleanup (dead sessions, revocations, keys,
link tokens, lockout counters, old audit entries, personal data of accounts deleted longer ago
than `user_erase_after`)."""

from __future__ import annotations

import argparse

from fabric_auth.cli.context import Commands, on_services, say
from fabric_auth.services.container import AuthServices


async def cleanup(services: AuthServices, args: argparse.Namespace) -> int:
    removed = await services.cleanup.run_once()
    say(*(f"{name}: {'failed' if n < 0 else f'{n} removed'}" for name, n in removed.items()))
    return 1 if any(n < 0 for n in removed.values()) else 0


def add_commands(commands: Commands) -> None:
    commands.add_parser(
        "cleanup",
        help="delete expired sessions, revocations, keys and old audit entries; erase deleted "
        "accounts past their grace period",
    ).set_defaults(run=on_services(cleanup))
