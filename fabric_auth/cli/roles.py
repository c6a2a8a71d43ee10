"""`fabric-auth roles`: list and create roles, grant and revoke them to accounts.

The command line acts as the system (`services.rbac` with no actor); the built-in roles `admin`
and `user` are seeded first when missing, as the app does when it starts.
"""

from __future__ import annotations

import argparse

from fabric_auth.cli.context import Commands, command_group, listed, on_services, say
from fabric_auth.cli.subjects import find_user
from fabric_auth.pagination import every_item
from fabric_auth.services.container import AuthServices
from fabric_auth.store.models import User


async def list_roles(services: AuthServices, args: argparse.Namespace) -> int:
    roles = every_item(lambda cursor, limit: services.rbac.list_roles(cursor=cursor, limit=limit))
    async for role in roles:
        kind = "built-in" if role.is_builtin else "custom"
        say(f"{role.name}  {kind}  permissions {listed(role.permissions)}  {role.description!r}")
    return 0


async def create(services: AuthServices, args: argparse.Namespace) -> int:
    role = await services.rbac.create_role(None, args.name, args.permission, args.description)
    say(f"created role {role.name}: {', '.join(role.permissions)}")
    return 0


async def grant(services: AuthServices, args: argparse.Namespace) -> int:
    user, role, held = await _holding(services, args)
    if role in held:
        say(f"{user.email} already has {role}")
        return 0
    return await _set_roles(services, user, [*held, role], f"granted {role} to {user.email}")


async def revoke(services: AuthServices, args: argparse.Namespace) -> int:
    user, role, held = await _holding(services, args)
    if role not in held:
        say(f"{user.email} does not have {role}")
        return 0
    wanted = [name for name in held if name != role]
    return await _set_roles(services, user, wanted, f"revoked {role} from {user.email}")


async def _holding(services: AuthServices, args: argparse.Namespace) -> tuple[User, str, list[str]]:
    """The account, the role's name (`NotFound` if there is no such role) and the account's
    roles now."""
    user = await find_user(services, args.email)
    role = await services.rbac.get_role(args.role)
    return user, role.name, await services.rbac.roles_of(user.id)


async def _set_roles(services: AuthServices, user: User, wanted: list[str], done: str) -> int:
    roles = await services.rbac.set_user_roles(None, user, wanted)
    say(f"{done}; roles now {listed(roles)}")
    return 0


async def _seed(services: AuthServices) -> None:
    await services.rbac.seed_default_roles()


def add_commands(commands: Commands) -> None:
    roles = command_group(commands, "roles", "roles and who holds them")
    roles.add_parser("list", help="every role with its permissions").set_defaults(
        run=on_services(list_roles, _seed)
    )
    creating = roles.add_parser("create", help="create a role from catalogue permissions")
    creating.add_argument("name", help="1-64 letters, digits, '-' or '_'")
    creating.add_argument(
        "--permission", action="append", required=True, help="a permission grant; repeat for more"
    )
    creating.add_argument("--description", default="")
    creating.set_defaults(run=on_services(create, _seed))
    for name, command, does in (
        ("grant", grant, "give an account a role (its other roles stay)"),
        ("revoke", revoke, "take a role from an account (its other roles stay)"),
    ):
        change = roles.add_parser(name, help=does)
        change.add_argument("--email", required=True, help="the account's email (or username)")
        change.add_argument("role")
        change.set_defaults(run=on_services(command, _seed))
