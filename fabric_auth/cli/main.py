"""`fabric-auth`: migrations, accounts, roles, service accounts, API and signing keys, plans,
audit, events and webhooks, cleanup, app scaffolding.

A command acts for the app named by `--app module:attr` (or `FABRIC_AUTH_APP`): its settings,
permissions, plans and mailer. Without one it reads the settings the app would (`FABRIC_AUTH_*`
environment, `.env`). Exit codes: 0 success, 1 the operation failed, 2 bad usage or
configuration.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence

from fabric_auth.cli import (
    audit,
    cleanup,
    db,
    events,
    info,
    keys,
    plans,
    roles,
    scaffold,
    service_accounts,
    signing_keys,
    users,
    webhooks,
)
from fabric_auth.cli.app import APP_VARIABLE, find_runtime
from fabric_auth.cli.context import Context, Handler, UsageError
from fabric_auth.exceptions import FabricAuthError

GROUPS = (
    db,
    users,
    roles,
    keys,
    service_accounts,
    plans,
    audit,
    signing_keys,
    events,
    webhooks,
    cleanup,
    info,
    scaffold,
)
"""The command groups, one module each, in the order `--help` lists them."""


def build_parser() -> argparse.ArgumentParser:
    summary = " ".join(__doc__.split("\n\n")[0].split())
    parser = argparse.ArgumentParser(prog="fabric-auth", description=summary)
    parser.add_argument(
        "--version", action="version", version=f"fabric-auth {info.package_version()}"
    )
    parser.add_argument(
        "--app",
        metavar="MODULE:ATTR",
        help=f"the app to act for: its FabricAuth, or the app it was installed on "
        f"(default: ${APP_VARIABLE}); its permissions, plans and mail settings apply",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.run
    app = args.app or os.environ.get(APP_VARIABLE)
    try:
        context = Context(find_runtime(app) if app else None)
        return asyncio.run(handler(context, args))
    except UsageError as exc:
        print(f"fabric-auth: {exc}", file=sys.stderr)
        return 2
    except FabricAuthError as exc:
        print(f"fabric-auth: {exc.detail}", file=sys.stderr)
        return 2 if exc.status_code >= 500 else 1


if __name__ == "__main__":
    raise SystemExit(main())
