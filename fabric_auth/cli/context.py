"""What every command runs against, and the plumbing all command groups share.

A command acts for the app named by `--app` (its `FabricAuth` runtime: settings, permissions,
plans, mailer) or, without it, for settings read from the environment (`FABRIC_AUTH_*`, `.env`).
Handlers are wrapped by `on_services` (the services opened around the command, closed after it)
or `on_store` (the store alone, for migrations).
"""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from fabric_auth.services.container import AuthServices
from fabric_auth.settings import AuthSettings, load_settings
from fabric_auth.store import connection

if TYPE_CHECKING:
    from fabric_auth.runtime import FabricAuth

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""What `add_subparsers()` returns: each command group adds its parsers to it."""


def command_group(commands: Commands, name: str, help: str) -> Commands:
    """`fabric-auth NAME ...`: a group whose subcommand is required."""
    parser = commands.add_parser(name, help=help)
    return parser.add_subparsers(dest=name.replace("-", "_"), required=True)


class UsageError(Exception):
    """Bad usage found after parsing (a missing confirmation): one line on stderr, exit 2."""


@dataclass(frozen=True, slots=True)
class Context:
    """The app a command acts for: its runtime, or `None` for settings from the environment."""

    runtime: FabricAuth | None = None

    def settings(self) -> AuthSettings:
        return self.runtime.settings if self.runtime is not None else load_settings()

    def services(self) -> AuthServices:
        """The app's own services (its permissions, plans and mailer), else new ones."""
        return self.runtime.services if self.runtime is not None else AuthServices(load_settings())


Handler = Callable[[Context, argparse.Namespace], Coroutine[Any, Any, int]]
ServicesCommand = Callable[[AuthServices, argparse.Namespace], Awaitable[int]]
StoreCommand = Callable[[dict[str, object], argparse.Namespace], Awaitable[int]]
Preparation = Callable[[AuthServices], Awaitable[None]]


def on_services(command: ServicesCommand, prepare: Preparation | None = None) -> Handler:
    """A handler running `command` with the services open (after `prepare`, e.g. seeding),
    closing them however it ends."""

    async def run(context: Context, args: argparse.Namespace) -> int:
        services = context.services()
        await services.open_store()
        try:
            if prepare is not None:
                await prepare(services)
            return await command(services, args)
        finally:
            await services.close()

    return run


def on_store(command: StoreCommand) -> Handler:
    """A handler running `command` on the store's Tortoise configuration, and nothing else:
    unlike `open_store` of the services, it never applies migrations by itself."""

    async def run(context: Context, args: argparse.Namespace) -> int:
        config = await connection.open_store(context.settings().database_url)
        try:
            return await command(dict(config), args)
        finally:
            await connection.close_store()

    return run


def say(*lines: str) -> None:
    """Print the command's result, a line each, on stdout."""
    for line in lines:
        print(line)


def confirmed(yes: bool, consequence: str) -> None:
    """Go on only with `--yes`; otherwise say what the command would do (`downgrade drops
    data`) and stop with exit 2."""
    if not yes:
        raise UsageError(f"{consequence}; repeat with --yes to proceed")


def listed(names: list[str]) -> str:
    """Names in one column of a listing: `a,b`, or `-` for none."""
    return ",".join(names) or "-"


def activity(is_active: bool) -> str:
    return "active" if is_active else "inactive"
