"""`fabric-auth signing-keys`: the asymmetric keys access tokens are signed with."""

from __future__ import annotations

import argparse

from fabric_auth.cli.context import Commands, command_group, on_services, say
from fabric_auth.services.container import AuthServices


async def rotate(services: AuthServices, args: argparse.Namespace) -> int:
    key = await services.signing_keys.rotate(activate_in=args.activate_in)
    say(
        f"added {key.algorithm} signing key {key.kid}, signing from "
        f"{key.activates_at.isoformat()}; the keys it replaces verify until their tokens "
        "expire"
    )
    return 0


async def list_keys(services: AuthServices, args: argparse.Namespace) -> int:
    keys = await services.signing_keys.list_keys()
    if not keys:
        say(f"no stored keys (signing with {services.settings.signing_algorithm})")
    for key in keys:
        retired = key.retired_at.isoformat() if key.retired_at else "-"
        say(f"{key.kid}  {key.algorithm}  from {key.activates_at.isoformat()}  retired {retired}")
    return 0


def add_commands(commands: Commands) -> None:
    signing = command_group(commands, "signing-keys", "access-token signing keys")
    rotating = signing.add_parser(
        "rotate", help="add a signing key; the current one verifies until its tokens expire"
    )
    rotating.add_argument(
        "--activate-in",
        type=float,
        default=None,
        metavar="SECONDS",
        help="start signing after this long (default: twice FABRIC_AUTH_SIGNING_KEY_SYNC_INTERVAL)",
    )
    rotating.set_defaults(run=on_services(rotate))
    signing.add_parser("list", help="stored signing keys").set_defaults(run=on_services(list_keys))
