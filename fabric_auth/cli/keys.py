"""`fabric-auth keys`: API keys of users and service accounts — issue, list, rotate, revoke.

A new key is printed once, alone on stdout (`KEY=$(fabric-auth keys issue ...)`), its details
on stderr. Keys are checked against the catalogue (with `--app`, the app's permissions too) but
not against an actor: the command line acts as the system.
"""

from __future__ import annotations

import argparse
import sys
from uuid import UUID

from fabric_auth.cli.context import Commands, command_group, on_services, say
from fabric_auth.cli.subjects import find_subject
from fabric_auth.pagination import every_item
from fabric_auth.services.api_keys import IssuedKey
from fabric_auth.services.container import AuthServices
from fabric_auth.store.models import ApiKey


async def issue(services: AuthServices, args: argparse.Namespace) -> int:
    issued = await services.api_keys.create(
        None,
        await find_subject(services, args.user, args.service_account),
        name=args.name,
        scopes=args.scope,
        expires_in_days=args.expires_in_days,
    )
    _show_once(issued, f"issued key {_named(issued.key)}")
    return 0


async def rotate(services: AuthServices, args: argparse.Namespace) -> int:
    owner = await services.api_keys.owner_of(args.key_id)
    issued = await services.api_keys.rotate(
        None, owner, args.key_id, overlap_seconds=args.overlap_seconds
    )
    old = await services.api_keys.get(owner, args.key_id)
    ending = f"works until {old.expires_at.isoformat()}" if old.revoked_at is None else "is revoked"
    _show_once(issued, f"rotated key {old.id} into {_named(issued.key)}; the old key {ending}")
    return 0


async def list_keys(services: AuthServices, args: argparse.Namespace) -> int:
    owner = await find_subject(services, args.user, args.service_account)
    keys = every_item(
        lambda cursor, limit: services.api_keys.list_keys(owner, cursor=cursor, limit=limit)
    )
    now = services.clock.now()
    shown = 0
    async for key in keys:
        shown += 1
        state = (
            "revoked"
            if key.revoked_at is not None
            else "expired"
            if key.expires_at <= now
            else "live"
        )
        used = key.last_used_at.isoformat() if key.last_used_at else "never"
        say(
            f"{key.id}  {key.display_prefix}...{key.last4}  {state}  {key.name!r}  "
            f"scopes {','.join(key.scopes)}  expires {key.expires_at.isoformat()}  "
            f"last used {used}"
        )
    if not shown:
        say("no keys")
    return 0


async def revoke(services: AuthServices, args: argparse.Namespace) -> int:
    owner = await services.api_keys.owner_of(args.key_id)
    key = await services.api_keys.revoke(None, owner, args.key_id)
    say(f"revoked {_named(key)}")
    return 0


def _named(key: ApiKey) -> str:
    return f"{key.id} ({key.display_prefix}...{key.last4})"


def _show_once(issued: IssuedKey, what: str) -> None:
    key = issued.key
    print(
        f"{what}, scopes {', '.join(key.scopes)}, expires {key.expires_at.isoformat()}",
        file=sys.stderr,
    )
    say(issued.raw)  # alone on stdout, so `$(fabric-auth keys ...)` captures it


def _owner_arguments(parser: argparse.ArgumentParser) -> None:
    owner = parser.add_mutually_exclusive_group(required=True)
    owner.add_argument("--user", help="the owner's email or username")
    owner.add_argument("--service-account", help="the owner's slug")


def add_commands(commands: Commands) -> None:
    keys = command_group(commands, "keys", "API keys")
    issuing = keys.add_parser("issue", help="issue an API key; prints it (once) on stdout")
    _owner_arguments(issuing)
    issuing.add_argument("--name", required=True)
    issuing.add_argument(
        "--scope", action="append", required=True, help="a permission grant; repeat for more"
    )
    issuing.add_argument(
        "--expires-in-days",
        type=int,
        default=None,
        help="default and maximum: FABRIC_AUTH_API_KEY_MAX_LIFETIME_DAYS",
    )
    issuing.set_defaults(run=on_services(issue))
    listing = keys.add_parser("list", help="a user's or service account's API keys")
    _owner_arguments(listing)
    listing.set_defaults(run=on_services(list_keys))
    rotating = keys.add_parser(
        "rotate",
        help="replace a key by a new one (same name, scopes and lifetime); prints it (once)",
    )
    rotating.add_argument("key_id", type=UUID)
    rotating.add_argument(
        "--overlap-seconds",
        type=int,
        default=0,
        metavar="N",
        help="the old key keeps working this long (default 0: it stops now; at most 604800)",
    )
    rotating.set_defaults(run=on_services(rotate))
    revoking = keys.add_parser("revoke", help="revoke an API key (every instance refuses it)")
    revoking.add_argument("key_id", type=UUID)
    revoking.set_defaults(run=on_services(revoke))
