"""`fabric-auth events`: the event types, the feed's status, webhook deliveries and replays."""

from __future__ import annotations

import argparse
from uuid import UUID

from fabric_auth.cli.context import Commands, command_group, on_services, say
from fabric_auth.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from fabric_auth.services.container import AuthServices
from fabric_auth.services.events.webhooks import (
    DELIVERY_STATUSES,
    DeliveryFilter,
    catalogue,
    endpoint_id_of,
)
from fabric_auth.store.models import WebhookDelivery


async def types(services: AuthServices, args: argparse.Namespace) -> int:
    """The built-in types and the app's own (`--app` imports the module defining them)."""
    for info in catalogue():
        say(f"{info.type} v{info.version}  {info.description}")
    return 0


async def status(services: AuthServices, args: argparse.Namespace) -> int:
    figures = await services.webhooks.status()
    counts = ", ".join(f"{name} {figures.deliveries[name]}" for name in DELIVERY_STATUSES)
    say(
        f"outbox: {figures.outbox_pending} events not relayed yet, the oldest "
        f"{figures.oldest_pending_seconds:.0f} s old",
        f"webhook deliveries: {counts}",
    )
    return 0


async def deliveries(services: AuthServices, args: argparse.Namespace) -> int:
    where = DeliveryFilter(
        status=args.status, endpoint_id=args.endpoint, event_type=args.event_type
    )
    page = await services.webhooks.list_deliveries(where, limit=args.limit)
    for delivery in page.items:
        say(describe(delivery))
    if not page.items:
        say("no deliveries")
    elif page.next_cursor is not None:
        say(f"(the {args.limit} newest; raise --limit or filter for others)")
    return 0


def describe(delivery: WebhookDelivery) -> str:
    """One delivery on one line: id, status, event, endpoint, attempts, last answer."""
    answer = delivery.last_error or (
        f"HTTP {delivery.response_status}" if delivery.response_status else "-"
    )
    return (
        f"{delivery.id}  {delivery.status}  {delivery.event.type} {delivery.event.id}"
        f"  endpoint {endpoint_id_of(delivery)}  attempts {delivery.attempts}  {answer}"
    )


async def replay(services: AuthServices, args: argparse.Namespace) -> int:
    delivery = await services.webhooks.replay_delivery(None, args.delivery_id)
    say(f"delivery {delivery.id} is pending again: {delivery.event.type} {delivery.event.id}")
    return 0


def _limit(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_PAGE_SIZE:
        raise argparse.ArgumentTypeError(f"between 1 and {MAX_PAGE_SIZE}")
    return value


def add_commands(commands: Commands) -> None:
    events = command_group(commands, "events", "events for other services: types, deliveries")
    events.add_parser("types", help="every event type, with its description").set_defaults(
        run=on_services(types)
    )
    events.add_parser(
        "status", help="events not relayed yet, and webhook deliveries by status"
    ).set_defaults(run=on_services(status))
    listing = events.add_parser("deliveries", help="webhook deliveries, newest first")
    listing.add_argument("--status", choices=DELIVERY_STATUSES)
    listing.add_argument("--endpoint", type=UUID, help="an endpoint's id")
    listing.add_argument("--event-type", help="e.g. user.deleted")
    listing.add_argument("--limit", type=_limit, default=DEFAULT_PAGE_SIZE)
    listing.set_defaults(run=on_services(deliveries))
    replaying = events.add_parser(
        "replay", help="send a failed (or succeeded) delivery again, from its first attempt"
    )
    replaying.add_argument("delivery_id", type=int)
    replaying.set_defaults(run=on_services(replay))
