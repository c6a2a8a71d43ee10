"""`fabric-auth plans`: plans, and the subscription and usage of an account or service account.

Plans `free` and `pro` are seeded first when missing; with `--app`, the app's own plans and
features too (as the app does when it starts). The command line acts as the system.
"""

from __future__ import annotations

import argparse

from fabric_auth.cli.context import Commands, command_group, on_services, say
from fabric_auth.cli.subjects import find_subject
from fabric_auth.pagination import every_item
from fabric_auth.services.container import AuthServices
from fabric_auth.services.plans import Subscriber


async def list_plans(services: AuthServices, args: argparse.Namespace) -> int:
    plans = every_item(lambda cursor, limit: services.plans.list_plans(cursor=cursor, limit=limit))
    async for plan, limits in plans:
        marks = ("default " if plan.is_default else "") + (
            "inactive " if not plan.is_active else ""
        )
        granted = ", ".join(
            f"{row.feature_id} {_units(row.limit)}/{row.period}"  # type: ignore[attr-defined]
            for row in limits
        )
        say(f"{plan.code} {marks}- {granted or 'no features'}")
    return 0


async def assign(services: AuthServices, args: argparse.Namespace) -> int:
    subscriber = await _subscriber(services, args)
    if args.new_period:
        await services.plans.assign_plan(subscriber, args.plan)
    else:
        await services.plans.change_plan(subscriber, args.plan)
    say(f"{_named(args)} is on {args.plan}")
    return 0


async def cancel(services: AuthServices, args: argparse.Namespace) -> int:
    ended = await services.plans.cancel_plan(await _subscriber(services, args))
    say(f"canceled the subscription of {_named(args)}" if ended else f"{_named(args)} had none")
    return 0


async def usage(services: AuthServices, args: argparse.Namespace) -> int:
    subscriber = await _subscriber(services, args)
    say(f"plan: {await services.plans.current_plan(subscriber)}")
    for line in await services.plans.get_usage(subscriber):
        if not line.available:
            say(f"{line.feature}: not included")
            continue
        ends = line.period_end.isoformat() if line.period_end else "never"
        say(f"{line.feature}: {line.used} of {_units(line.limit)} per {line.period}, resets {ends}")
    return 0


def _units(limit: int | None) -> str:
    return "unlimited" if limit is None else str(limit)


async def _subscriber(services: AuthServices, args: argparse.Namespace) -> Subscriber:
    return await find_subject(services, args.email, args.service_account)


def _named(args: argparse.Namespace) -> str:
    return str(args.email or args.service_account)


def _subscriber_arguments(parser: argparse.ArgumentParser) -> None:
    subscriber = parser.add_mutually_exclusive_group(required=True)
    subscriber.add_argument("email", nargs="?", help="the account's email (or username)")
    subscriber.add_argument("--service-account", metavar="SLUG", help="instead of an account")


async def _seed(services: AuthServices) -> None:
    await services.plans.seed()


def add_commands(commands: Commands) -> None:
    plans = command_group(commands, "plans", "plans, subscriptions and usage")
    plans.add_parser("list", help="plans and their limits").set_defaults(
        run=on_services(list_plans, _seed)
    )
    assigning = plans.add_parser("assign", help="put an account or service account on a plan")
    _subscriber_arguments(assigning)
    assigning.add_argument("plan")
    assigning.add_argument(
        "--new-period",
        action="store_true",
        help="start a new subscription anchored today instead of keeping the current period",
    )
    assigning.set_defaults(run=on_services(assign, _seed))
    canceling = plans.add_parser("cancel", help="end a subscription (the default plan again)")
    _subscriber_arguments(canceling)
    canceling.set_defaults(run=on_services(cancel, _seed))
    using = plans.add_parser("usage", help="the plan and usage of every feature")
    _subscriber_arguments(using)
    using.set_defaults(run=on_services(usage, _seed))
