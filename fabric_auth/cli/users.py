"""`fabric-auth users`: accounts — list, create the administrator, invite, demote, deactivate,
lift lockouts, list and unlink OAuth identities, find colliding identifiers. The command line
acts as the system: no actor's permission is checked."""

from __future__ import annotations

import argparse
import getpass
import sys
from uuid import UUID

from fabric_auth.cli.context import (
    Commands,
    activity,
    command_group,
    listed,
    on_services,
    on_store,
    say,
)
from fabric_auth.cli.subjects import find_user
from fabric_auth.identifiers import colliding
from fabric_auth.pagination import MAX_PAGE_SIZE
from fabric_auth.services.container import AuthServices
from fabric_auth.services.user_admin import UserChanges
from fabric_auth.store.queries import users as user_queries

REASON_MAX_LENGTH = 500  # fabric_auth_users.deactivation_reason


async def list_users(services: AuthServices, args: argparse.Namespace) -> int:
    shown, cursor = 0, None
    while shown < args.limit:
        page = await services.user_admin.search(
            cursor=cursor, limit=min(args.limit - shown, MAX_PAGE_SIZE)
        )
        for user in page.items:
            roles = await services.rbac.roles_of(user.id)
            admin = "system-admin" if user.is_system_admin else "-"
            say(
                f"{user.email}  {user.id}  {activity(user.is_active)}  {admin}"
                f"  roles {listed(roles)}"
            )
        shown, cursor = shown + len(page.items), page.next_cursor
        if cursor is None:
            break
    if not shown:
        say("no users")
    if cursor is not None:
        say("... more (raise --limit)")
    return 0


async def create_admin(services: AuthServices, args: argparse.Namespace) -> int:
    user = await services.users.ensure_system_admin(args.email, _read_password(args))
    say(f"system administrator {user.email} ({user.id})")
    return 0


async def unlock(services: AuthServices, args: argparse.Namespace) -> int:
    user = await find_user(services, args.email)
    was_locked = await services.lockout.unlock_user(user)
    say(f"unlocked {user.email}" if was_locked else f"{user.email} was not locked")
    return 0


async def unlock_ip(services: AuthServices, args: argparse.Namespace) -> int:
    was_locked = await services.lockout.unlock_address(args.address)
    say(f"unlocked {args.address}" if was_locked else f"{args.address} was not locked")
    return 0


async def invite(services: AuthServices, args: argparse.Namespace) -> int:
    invitation = await services.account.invite(
        args.email, username=args.username, display_name=args.display_name or ""
    )
    say(f"invited {invitation.user.email} ({invitation.user.id})")
    if args.print_link:
        say(invitation.link)
    return 0


async def demote(services: AuthServices, args: argparse.Namespace) -> int:
    user = await find_user(services, args.email)
    if not user.is_system_admin:
        say(f"{user.email} is not a system administrator")
        return 0
    # LastSystemAdmin (the last active one) reaches main(): its message, exit 1.
    user = await services.user_admin.update(None, user.id, UserChanges(is_system_admin=False))
    say(f"demoted {user.email} ({user.id})")
    return 0


async def deactivate(services: AuthServices, args: argparse.Namespace) -> int:
    user = await find_user(services, args.email)
    # LastSystemAdmin (the last active one) reaches main(): its message, exit 1.
    user = await services.user_admin.deactivate(None, user.id, args.reason)
    say(f"deactivated {user.email} ({user.id})")
    return 0


async def oauth_accounts(services: AuthServices, args: argparse.Namespace) -> int:
    user = await find_user(services, args.email)
    accounts, cursor = [], None
    while True:
        page = await services.oauth.accounts(user.id, cursor=cursor, limit=MAX_PAGE_SIZE)
        accounts.extend(page.items)
        if (cursor := page.next_cursor) is None:
            break
    for account in accounts:
        verified = "verified" if account.email_verified else "unverified"
        last = account.last_sign_in_at.isoformat() if account.last_sign_in_at else "never"
        say(
            f"{account.id}  {account.provider}  {account.subject}  {account.email or '-'}"
            f"  {verified}  last sign-in {last}"
        )
    if not accounts:
        say(f"{user.email} has no linked accounts")
    return 0


async def unlink(services: AuthServices, args: argparse.Namespace) -> int:
    user = await find_user(services, args.email)
    # NotFound and LastSignInMethod reach main(): their message, exit 1.
    await services.oauth.unlink(None, user.id, args.account)
    say(f"unlinked {args.account} from {user.email}")
    return 0


async def collisions(config: dict[str, object], args: argparse.Namespace) -> int:
    """Accounts sharing an e-mail or username key (`fabric_auth.identifiers`): the store alone,
    never migrated, so it runs before the migration that would refuse them. Exit 1 if any."""
    found = colliding(await user_queries.identifiers())
    if not found:
        say("no colliding identifiers")
        return 0
    for collision in found:
        say(f"{collision.kind} {collision.key}")
        for account in collision.accounts:
            typed = account.identifier(collision.kind) or ""
            deleted = "  deleted" if account.deleted else ""
            say(f"  {account.id}  {typed}  {typed!a}{deleted}")
    say(
        f"{len(found)} shared: give all but one account of each another e-mail address or "
        "username, then run `fabric-auth db upgrade`"
    )
    return 1


def _reason(text: str) -> str:
    if len(text) > REASON_MAX_LENGTH:
        raise argparse.ArgumentTypeError(f"at most {REASON_MAX_LENGTH} characters")
    return text


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError("at least 1")
    return number


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise SystemExit("no terminal to ask for the password: use --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise SystemExit("passwords differ")
    return first


def add_commands(commands: Commands) -> None:
    users = command_group(commands, "users", "accounts")
    listing = users.add_parser(
        "list", help="accounts by email: id, active, system administrator, roles"
    )
    listing.add_argument("--limit", type=_positive, default=50, help="at most this many (50)")
    listing.set_defaults(run=on_services(list_users))
    admin = users.add_parser("create-admin", help="create or promote the system administrator")
    admin.add_argument("--email", required=True)
    admin.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    admin.set_defaults(run=on_services(create_admin))
    unlock_user = users.add_parser("unlock", help="lift a sign-in lockout and forget the failures")
    unlock_user.add_argument("email", help="the account's email (or username)")
    unlock_user.set_defaults(run=on_services(unlock))
    unlock_address = users.add_parser(
        "unlock-ip", help="lift the sign-in lockout of a client address"
    )
    unlock_address.add_argument("address")
    unlock_address.set_defaults(run=on_services(unlock_ip))
    inviting = users.add_parser(
        "invite", help="create an account without a password and mail it an activation link"
    )
    inviting.add_argument("email")
    inviting.add_argument("--username")
    inviting.add_argument("--display-name")
    inviting.add_argument(
        "--print-link", action="store_true", help="also print the activation link (keep it secret)"
    )
    inviting.set_defaults(run=on_services(invite))
    demoting = users.add_parser(
        "demote", help="remove system administration (never from the last active administrator)"
    )
    demoting.add_argument("--email", required=True, help="the account's email (or username)")
    demoting.set_defaults(run=on_services(demote))
    deactivating = users.add_parser(
        "deactivate",
        help="refuse the account from now on: its sessions, tokens and API keys end "
        "(never the last active system administrator)",
    )
    deactivating.add_argument("--email", required=True, help="the account's email (or username)")
    deactivating.add_argument("--reason", type=_reason, default="", help="kept with the account")
    deactivating.set_defaults(run=on_services(deactivate))
    linked = users.add_parser(
        "oauth-accounts", help="the OAuth / OpenID Connect identities linked to an account"
    )
    linked.add_argument("email", help="the account's email (or username)")
    linked.set_defaults(run=on_services(oauth_accounts))
    unlinking = users.add_parser(
        "unlink",
        help="unlink an OAuth identity from an account (never its last way to sign in)",
    )
    unlinking.add_argument("email", help="the account's email (or username)")
    unlinking.add_argument(
        "--account", required=True, type=UUID, help="the linked account's id (oauth-accounts)"
    )
    unlinking.set_defaults(run=on_services(unlink))
    colliding_accounts = users.add_parser(
        "collisions",
        help="accounts whose e-mail addresses or usernames are one once normalised; exit 1 if "
        "any (works before `db upgrade`)",
    )
    colliding_accounts.set_defaults(run=on_store(collisions))
