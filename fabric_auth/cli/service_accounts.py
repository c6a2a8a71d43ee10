"""`fabric-auth service-accounts`: machine principals — create, list, deactivate, delete."""

from __future__ import annotations

import argparse

from fabric_auth.cli.context import (
    Commands,
    activity,
    command_group,
    confirmed,
    listed,
    on_services,
    say,
)
from fabric_auth.pagination import every_item
from fabric_auth.services.container import AuthServices


async def create(services: AuthServices, args: argparse.Namespace) -> int:
    account = await services.service_accounts.create(
        None,
        slug=args.slug,
        name=args.name or args.slug,
        description=args.description,
        owner_team=args.owner_team,
        roles=args.role,
    )
    say(f"service account {account.slug} ({account.id})")
    return 0


async def list_accounts(services: AuthServices, args: argparse.Namespace) -> int:
    accounts = every_item(
        lambda cursor, limit: services.service_accounts.list_accounts(cursor=cursor, limit=limit)
    )
    shown = 0
    async for account in accounts:
        shown += 1
        roles = await services.service_accounts.roles_of(account.id)
        say(
            f"{account.slug}  {account.id}  {activity(account.is_active)}"
            f"  roles {listed(roles)}  {account.name!r}"
        )
    if not shown:
        say("no service accounts")
    return 0


async def deactivate(services: AuthServices, args: argparse.Namespace) -> int:
    account = await services.service_accounts.get_by_slug(args.slug)
    await services.service_accounts.deactivate(None, account.id)
    say(f"deactivated service account {account.slug} ({account.id}); its API keys are revoked")
    return 0


async def delete(services: AuthServices, args: argparse.Namespace) -> int:
    confirmed(args.yes, "delete removes the service account, its roles and its API keys")
    account = await services.service_accounts.get_by_slug(args.slug)
    await services.service_accounts.delete(None, account.id)
    say(f"deleted service account {account.slug} ({account.id})")
    return 0


def add_commands(commands: Commands) -> None:
    accounts = command_group(commands, "service-accounts", "machine principals")
    creating = accounts.add_parser("create", help="create a service account")
    creating.add_argument("slug", help="unique: lowercase letters, digits and '-'")
    creating.add_argument("--name", help="default: the slug")
    creating.add_argument("--description", default="")
    creating.add_argument("--owner-team")
    creating.add_argument("--role", action="append", default=[], help="repeat for more roles")
    creating.set_defaults(run=on_services(create))
    accounts.add_parser("list", help="every service account").set_defaults(
        run=on_services(list_accounts)
    )
    deactivating = accounts.add_parser(
        "deactivate", help="refuse the account from now on; its API keys are revoked"
    )
    deactivating.add_argument("slug")
    deactivating.set_defaults(run=on_services(deactivate))
    deleting = accounts.add_parser(
        "delete", help="remove the account, its roles and its API keys (refused everywhere)"
    )
    deleting.add_argument("slug")
    deleting.add_argument("--yes", action="store_true", help="confirm: deleting cannot be undone")
    deleting.set_defaults(run=on_services(delete))
