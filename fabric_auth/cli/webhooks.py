"""`fabric-auth webhooks`: endpoints that receive events, signed with their own secret."""

from __future__ import annotations

import argparse
from uuid import UUID

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
from fabric_auth.services.events.webhooks import IssuedSecret


async def add(services: AuthServices, args: argparse.Namespace) -> int:
    issued = await services.webhooks.create_endpoint(
        None, url=args.url, description=args.description, event_types=args.event
    )
    _say_secret(issued)
    return 0


def _say_secret(issued: IssuedSecret) -> None:
    endpoint = issued.endpoint
    say(
        f"webhook endpoint {endpoint.id}  {endpoint.url}  events {listed(endpoint.event_types)}",
        f"secret {issued.secret}",
        "(shown once: give it to the receiver now)",
    )


async def list_endpoints(services: AuthServices, args: argparse.Namespace) -> int:
    endpoints = every_item(
        lambda cursor, limit: services.webhooks.list_endpoints(cursor=cursor, limit=limit)
    )
    shown = 0
    async for endpoint in endpoints:
        shown += 1
        say(
            f"{endpoint.id}  {endpoint.url}  {activity(endpoint.is_active)}"
            f"  events {listed(endpoint.event_types) if endpoint.event_types else 'all'}"
            + (f"  {endpoint.description!r}" if endpoint.description else "")
        )
    if not shown:
        say("no webhook endpoints")
    return 0


async def remove(services: AuthServices, args: argparse.Namespace) -> int:
    confirmed(args.yes, "remove deletes the endpoint and its deliveries")
    endpoint = await services.webhooks.get_endpoint(args.endpoint_id)
    await services.webhooks.delete_endpoint(None, endpoint.id)
    say(f"removed webhook endpoint {endpoint.id} ({endpoint.url})")
    return 0


async def rotate_secret(services: AuthServices, args: argparse.Namespace) -> int:
    _say_secret(await services.webhooks.rotate_secret(None, args.endpoint_id))
    return 0


def add_commands(commands: Commands) -> None:
    webhooks = command_group(commands, "webhooks", "endpoints that receive events")
    adding = webhooks.add_parser("add", help="register an endpoint; prints its secret once")
    adding.add_argument("url", help="https, not a private or loopback address")
    adding.add_argument(
        "--event",
        action="append",
        default=[],
        metavar="TYPE",
        help="an event type or prefix.* pattern; repeat for more (default: every type)",
    )
    adding.add_argument("--description", default="")
    adding.set_defaults(run=on_services(add))
    webhooks.add_parser("list", help="every endpoint (never its secret)").set_defaults(
        run=on_services(list_endpoints)
    )
    removing = webhooks.add_parser("remove", help="delete an endpoint and its deliveries")
    removing.add_argument("endpoint_id", type=UUID)
    removing.add_argument("--yes", action="store_true", help="confirm the removal")
    removing.set_defaults(run=on_services(remove))
    rotating = webhooks.add_parser(
        "rotate-secret", help="replace an endpoint's secret; prints the new one once"
    )
    rotating.add_argument("endpoint_id", type=UUID)
    rotating.set_defaults(run=on_services(rotate_secret))
