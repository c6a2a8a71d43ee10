"""`fabric-auth`: migrations, accounts, service accounts, API and signing keys, audit, cleanup,
plans, app scaffolding.

Every command reads the same settings as the app (`FABRIC_AUTH_*` environment, `.env`).
Exit codes: 0 success, 1 the operation failed, 2 bad usage or configuration.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any
from uuid import UUID

from fabric_auth.cli import scaffold
from fabric_auth.exceptions import FabricAuthError, NotFound
from fabric_auth.services.api_keys import Owner
from fabric_auth.services.container import AuthServices
from fabric_auth.services.plans import Subscriber
from fabric_auth.services.user_admin import UserChanges
from fabric_auth.settings import AuthSettings, load_settings
from fabric_auth.store import connection, migrate

Handler = Callable[[argparse.Namespace], Coroutine[Any, Any, int]]
REASON_MAX_LENGTH = 500  # fabric_auth_users.deactivation_reason


def _print(*lines: str) -> None:
    for line in lines:
        print(line)


async def _with_store(
    settings: AuthSettings, work: Callable[[dict[str, object]], Awaitable[int]]
) -> int:
    config = await connection.open_store(settings.database_url)
    try:
        return await work(config)
    finally:
        await connection.close_store()


async def db_upgrade(args: argparse.Namespace) -> int:
    async def work(config: dict[str, object]) -> int:
        applied = await migrate.upgrade(dict(config))
        _print(*(f"applied {name}" for name in applied) if applied else ["up to date"])
        return 0

    return await _with_store(load_settings(), work)


async def db_downgrade(args: argparse.Namespace) -> int:
    if not args.yes:
        _print("downgrade drops data; repeat with --yes to proceed")
        return 2

    async def work(config: dict[str, object]) -> int:
        undone = await migrate.downgrade(dict(config), version=args.version)
        _print(*(f"reverted {name}" for name in undone))
        return 0

    return await _with_store(load_settings(), work)


async def db_history(args: argparse.Namespace) -> int:
    _print(*migrate.shipped_migrations())
    return 0


async def db_heads(args: argparse.Namespace) -> int:
    async def work(config: dict[str, object]) -> int:
        state = await migrate.status(dict(config))
        _print(*state.pending or ["no pending migrations"])
        return 0

    return await _with_store(load_settings(), work)


async def db_current(args: argparse.Namespace) -> int:
    async def work(config: dict[str, object]) -> int:
        state = await migrate.status(dict(config))
        _print(state.current or "none applied")
        return 0

    return await _with_store(load_settings(), work)


async def db_makemigration(args: argparse.Namespace) -> int:
    path = await migrate.make_migration(args.name)
    _print(f"wrote {path}" if path else "models unchanged: no migration written")
    return 0


async def users_create_admin(args: argparse.Namespace) -> int:
    settings = load_settings()
    password = _read_password(args)
    services = AuthServices(settings)
    await services.open_store()
    try:
        user = await services.users.ensure_system_admin(args.email, password)
    finally:
        await services.close()
    _print(f"system administrator {user.email} ({user.id})")
    return 0


async def users_unlock(args: argparse.Namespace) -> int:
    settings = load_settings()
    services = AuthServices(settings)
    await services.open_store()
    try:
        user = await services.users.find_by_login(args.email)
        if user is None:
            _print(f"no account {args.email}")
            return 1
        was_locked = await services.lockout.unlock_user(user)
    finally:
        await services.close()
    _print(f"unlocked {user.email}" if was_locked else f"{user.email} was not locked")
    return 0


async def users_unlock_ip(args: argparse.Namespace) -> int:
    services = AuthServices(load_settings())
    await services.open_store()
    try:
        was_locked = await services.lockout.unlock_address(args.address)
    finally:
        await services.close()
    _print(f"unlocked {args.address}" if was_locked else f"{args.address} was not locked")
    return 0


async def users_invite(args: argparse.Namespace) -> int:
    services = AuthServices(load_settings())
    await services.open_store()
    try:
        invitation = await services.account.invite(
            args.email, username=args.username, display_name=args.display_name or ""
        )
    finally:
        await services.close()
    _print(f"invited {invitation.user.email} ({invitation.user.id})")
    if args.print_link:
        _print(invitation.link)
    return 0


async def users_demote(args: argparse.Namespace) -> int:
    services = AuthServices(load_settings())
    await services.open_store()
    try:
        user = await services.users.find_by_login(args.email)
        if user is None:
            _print(f"no account {args.email}")
            return 1
        if not user.is_system_admin:
            _print(f"{user.email} is not a system administrator")
            return 0
        # LastSystemAdmin (the last active one) reaches main(): its message, exit 1.
        user = await services.user_admin.update(None, user.id, UserChanges(is_system_admin=False))
    finally:
        await services.close()
    _print(f"demoted {user.email} ({user.id})")
    return 0


async def users_deactivate(args: argparse.Namespace) -> int:
    services = AuthServices(load_settings())
    await services.open_store()
    try:
        user = await services.users.find_by_login(args.email)
        if user is None:
            _print(f"no account {args.email}")
            return 1
        # LastSystemAdmin (the last active one) reaches main(): its message, exit 1.
        user = await services.user_admin.deactivate(None, user.id, args.reason)
    finally:
        await services.close()
    _print(f"deactivated {user.email} ({user.id})")
    return 0


def _reason(text: str) -> str:
    if len(text) > REASON_MAX_LENGTH:
        raise argparse.ArgumentTypeError(f"at most {REASON_MAX_LENGTH} characters")
    return text


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise SystemExit("no terminal to ask for the password: use --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise SystemExit("passwords differ")
    return first


async def _with_services(work: Callable[[AuthServices], Awaitable[int]]) -> int:
    services = AuthServices(load_settings())
    await services.open_store()
    try:
        return await work(services)
    finally:
        await services.close()


async def audit_verify(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        report = await services.audit.verify()
        if report.broken is not None:
            _print(
                f"audit chain BROKEN at entry {report.broken.seq}: {report.broken.reason}",
                f"({report.entries} entries before it verified)",
            )
            return 1
        if report.entries == 0:
            _print("audit chain intact: no entries")
        else:
            _print(
                f"audit chain intact: {report.entries} entries "
                f"(seq {report.first_seq}..{report.last_seq})",
                f"head {report.head_hash}",
            )
        return 0

    return await _with_services(work)


async def signing_keys_rotate(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        key = await services.signing_keys.rotate(activate_in=args.activate_in)
        _print(
            f"added {key.algorithm} signing key {key.kid}, signing from "
            f"{key.activates_at.isoformat()}; the keys it replaces verify until their tokens "
            "expire"
        )
        return 0

    return await _with_services(work)


async def signing_keys_list(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        keys = await services.signing_keys.list_keys()
        if not keys:
            _print(f"no stored keys (signing with {services.settings.signing_algorithm})")
        for key in keys:
            retired = key.retired_at.isoformat() if key.retired_at else "-"
            _print(
                f"{key.kid}  {key.algorithm}  from {key.activates_at.isoformat()}  "
                f"retired {retired}"
            )
        return 0

    return await _with_services(work)


async def _key_owner(services: AuthServices, args: argparse.Namespace) -> Owner:
    if args.service_account:
        account = await services.service_accounts.get_by_slug(args.service_account)
        return Owner.service_account(account.id)
    user = await services.users.find_by_login(args.user)
    if user is None:
        raise NotFound(f"No account {args.user}")
    return Owner.user(user.id)


async def keys_issue(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        issued = await services.api_keys.create(
            None,
            await _key_owner(services, args),
            name=args.name,
            scopes=args.scope,
            expires_in_days=args.expires_in_days,
        )
        key = issued.key
        print(
            f"issued key {key.id} ({key.display_prefix}...{key.last4}), scopes "
            f"{', '.join(key.scopes)}, expires {key.expires_at.isoformat()}",
            file=sys.stderr,
        )
        _print(issued.raw)  # alone on stdout, so `$(fabric-auth keys issue ...)` captures it
        return 0

    return await _with_services(work)


async def keys_list(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        keys = await services.api_keys.list_keys(await _key_owner(services, args))
        if not keys:
            _print("no keys")
        now = services.clock.now()
        for key in keys:
            state = (
                "revoked"
                if key.revoked_at is not None
                else "expired"
                if key.expires_at <= now
                else "live"
            )
            used = key.last_used_at.isoformat() if key.last_used_at else "never"
            _print(
                f"{key.id}  {key.display_prefix}...{key.last4}  {state}  {key.name!r}  "
                f"scopes {','.join(key.scopes)}  expires {key.expires_at.isoformat()}  "
                f"last used {used}"
            )
        return 0

    return await _with_services(work)


async def keys_revoke(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        owner = await services.api_keys.owner_of(args.key_id)
        key = await services.api_keys.revoke(None, owner, args.key_id)
        _print(f"revoked {key.id} ({key.display_prefix}...{key.last4})")
        return 0

    return await _with_services(work)


async def service_accounts_create(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        account = await services.service_accounts.create(
            None,
            slug=args.slug,
            name=args.name or args.slug,
            description=args.description,
            owner_team=args.owner_team,
            roles=args.role,
        )
        _print(f"service account {account.slug} ({account.id})")
        return 0

    return await _with_services(work)


async def service_accounts_list(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        accounts = await services.service_accounts.list_accounts()
        if not accounts:
            _print("no service accounts")
        for account in accounts:
            roles = await services.service_accounts.roles_of(account.id)
            _print(
                f"{account.slug}  {account.id}  {'active' if account.is_active else 'inactive'}"
                f"  roles {','.join(roles) or '-'}  {account.name!r}"
            )
        return 0

    return await _with_services(work)


async def cleanup(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        removed = await services.cleanup.run_once()
        _print(*(f"{name}: {'failed' if n < 0 else f'{n} removed'}" for name, n in removed.items()))
        return 1 if any(n < 0 for n in removed.values()) else 0

    return await _with_services(work)


async def info(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        from importlib.metadata import PackageNotFoundError, version

        from fabric_auth.store.models import AuditEvent

        settings = services.settings
        try:
            installed = version("fabric-auth")
        except PackageNotFoundError:
            installed = "unknown"
        state = await migrate.status(services.tortoise_config)
        keys = await services.signing_keys.list_keys()
        live_keys = [key.kid for key in keys if key.retired_at is None]
        _print(
            f"fabric-auth {installed}",
            f"environment: {settings.environment}",
            f"store: {connection.dialect()} ({_redacted(settings.database_url)})",
            f"migrations: {state.current or 'none applied'}"
            + (f", {len(state.pending)} pending" if state.pending else ", up to date"),
            f"redis: {'configured' if settings.redis_url else 'not configured (memory)'}",
            f"signing: {settings.signing_algorithm}"
            + (
                f", current key {', '.join(live_keys) or 'none'}, {len(keys)} stored"
                if settings.signing_algorithm != "HS256"
                else ""
            ),
            f"issuer / audience: {settings.jwt_issuer} / {settings.jwt_audience}",
            f"audit entries: {await AuditEvent.all().count()}"
            + (
                f", retention {settings.audit_retention_days} days"
                if settings.audit_retention_days
                else ", kept forever"
            ),
            f"metrics: {'on' if settings.metrics_enabled else 'off'}",
            f"periodic cleanup: every {settings.cleanup_interval:g}s"
            if settings.cleanup_interval
            else "periodic cleanup: off",
        )
        return 0

    return await _with_services(work)


async def plans_list(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        for plan, limits in await services.plans.list_plans():
            marks = ("default " if plan.is_default else "") + (
                "inactive " if not plan.is_active else ""
            )
            granted = ", ".join(
                f"{row.feature_id} {_units(row.limit)}/{row.period}"  # type: ignore[attr-defined]
                for row in limits
            )
            _print(f"{plan.code} {marks}- {granted or 'no features'}")
        return 0

    return await _with_plans(work)


def _units(limit: int | None) -> str:
    return "unlimited" if limit is None else str(limit)


async def plans_assign(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        subscriber = await _subscriber(services, args.email)
        if subscriber is None:
            _print(f"no account {args.email}")
            return 1
        if args.new_period:
            await services.plans.assign_plan(subscriber, args.plan)
        else:
            await services.plans.change_plan(subscriber, args.plan)
        _print(f"{args.email} is on {args.plan}")
        return 0

    return await _with_plans(work)


async def plans_cancel(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        subscriber = await _subscriber(services, args.email)
        if subscriber is None:
            _print(f"no account {args.email}")
            return 1
        ended = await services.plans.cancel_plan(subscriber)
        _print(f"canceled the subscription of {args.email}" if ended else f"{args.email} had none")
        return 0

    return await _with_plans(work)


async def plans_usage(args: argparse.Namespace) -> int:
    async def work(services: AuthServices) -> int:
        subscriber = await _subscriber(services, args.email)
        if subscriber is None:
            _print(f"no account {args.email}")
            return 1
        _print(f"plan: {await services.plans.current_plan(subscriber)}")
        for line in await services.plans.get_usage(subscriber):
            if not line.available:
                _print(f"{line.feature}: not included")
                continue
            ends = line.period_end.isoformat() if line.period_end else "never"
            _print(
                f"{line.feature}: {line.used} of {_units(line.limit)} per {line.period}, "
                f"resets {ends}"
            )
        return 0

    return await _with_plans(work)


async def _with_plans(work: Callable[[AuthServices], Awaitable[int]]) -> int:
    """Like `_with_services`, with plans `free` and `pro` seeded (the app's own plans and
    features are seeded when it starts)."""

    async def seeded(services: AuthServices) -> int:
        await services.plans.seed()
        return await work(services)

    return await _with_services(seeded)


async def _subscriber(services: AuthServices, login: str) -> Subscriber | None:
    user = await services.users.find_by_login(login)
    return Subscriber.user(user.id) if user is not None else None


def _redacted(url: str) -> str:
    """The URL without its password."""
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}"


async def init(args: argparse.Namespace) -> int:
    for line in scaffold.scaffold(args.directory):
        _print(line)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fabric-auth", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    db = commands.add_parser("db", help="store migrations").add_subparsers(dest="db", required=True)
    db.add_parser("upgrade", help="apply pending migrations").set_defaults(run=db_upgrade)
    down = db.add_parser("downgrade", help="revert the last migration (or from --version on)")
    down.add_argument("--version", type=int, default=-1, help="revert this one and later ones")
    down.add_argument("--yes", action="store_true", help="confirm: reverting drops data")
    down.set_defaults(run=db_downgrade)
    db.add_parser("history", help="list shipped migrations").set_defaults(run=db_history)
    db.add_parser("heads", help="list migrations not yet applied").set_defaults(run=db_heads)
    db.add_parser("current", help="the last applied migration").set_defaults(run=db_current)
    make = db.add_parser("makemigration", help="(contributors) write a migration for model changes")
    make.add_argument("name")
    make.set_defaults(run=db_makemigration)

    users = commands.add_parser("users", help="accounts").add_subparsers(
        dest="users", required=True
    )
    admin = users.add_parser("create-admin", help="create or promote the system administrator")
    admin.add_argument("--email", required=True)
    admin.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    admin.set_defaults(run=users_create_admin)
    unlock = users.add_parser("unlock", help="lift a sign-in lockout and forget the failures")
    unlock.add_argument("email", help="the account's email (or username)")
    unlock.set_defaults(run=users_unlock)
    unlock_ip = users.add_parser("unlock-ip", help="lift the sign-in lockout of a client address")
    unlock_ip.add_argument("address")
    unlock_ip.set_defaults(run=users_unlock_ip)
    invite = users.add_parser(
        "invite", help="create an account without a password and mail it an activation link"
    )
    invite.add_argument("email")
    invite.add_argument("--username")
    invite.add_argument("--display-name")
    invite.add_argument(
        "--print-link", action="store_true", help="also print the activation link (keep it secret)"
    )
    invite.set_defaults(run=users_invite)
    demote = users.add_parser(
        "demote", help="remove system administration (never from the last active administrator)"
    )
    demote.add_argument("--email", required=True, help="the account's email (or username)")
    demote.set_defaults(run=users_demote)
    deactivate = users.add_parser(
        "deactivate",
        help="refuse the account from now on: its sessions, tokens and API keys end "
        "(never the last active system administrator)",
    )
    deactivate.add_argument("--email", required=True, help="the account's email (or username)")
    deactivate.add_argument("--reason", type=_reason, default="", help="kept with the account")
    deactivate.set_defaults(run=users_deactivate)

    audit = commands.add_parser("audit", help="the audit log").add_subparsers(
        dest="audit", required=True
    )
    audit.add_parser(
        "verify", help="check the hash chain; report the first broken entry (exit 1)"
    ).set_defaults(run=audit_verify)

    signing = commands.add_parser("signing-keys", help="access-token signing keys").add_subparsers(
        dest="signing_keys", required=True
    )
    rotate = signing.add_parser(
        "rotate", help="add a signing key; the current one verifies until its tokens expire"
    )
    rotate.add_argument(
        "--activate-in",
        type=float,
        default=None,
        metavar="SECONDS",
        help="start signing after this long (default: twice FABRIC_AUTH_SIGNING_KEY_SYNC_INTERVAL)",
    )
    rotate.set_defaults(run=signing_keys_rotate)
    signing.add_parser("list", help="stored signing keys").set_defaults(run=signing_keys_list)

    keys = commands.add_parser("keys", help="API keys").add_subparsers(dest="keys", required=True)
    issue = keys.add_parser("issue", help="issue an API key; prints it (once) on stdout")
    _owner_arguments(issue)
    issue.add_argument("--name", required=True)
    issue.add_argument(
        "--scope", action="append", required=True, help="a permission grant; repeat for more"
    )
    issue.add_argument(
        "--expires-in-days",
        type=int,
        default=None,
        help="default and maximum: FABRIC_AUTH_API_KEY_MAX_LIFETIME_DAYS",
    )
    issue.set_defaults(run=keys_issue)
    key_list = keys.add_parser("list", help="a user's or service account's API keys")
    _owner_arguments(key_list)
    key_list.set_defaults(run=keys_list)
    revoke = keys.add_parser("revoke", help="revoke an API key (every instance refuses it)")
    revoke.add_argument("key_id", type=UUID)
    revoke.set_defaults(run=keys_revoke)

    accounts = commands.add_parser("service-accounts", help="machine principals").add_subparsers(
        dest="service_accounts", required=True
    )
    account = accounts.add_parser("create", help="create a service account")
    account.add_argument("slug", help="unique: lowercase letters, digits and '-'")
    account.add_argument("--name", help="default: the slug")
    account.add_argument("--description", default="")
    account.add_argument("--owner-team")
    account.add_argument("--role", action="append", default=[], help="repeat for more roles")
    account.set_defaults(run=service_accounts_create)
    accounts.add_parser("list", help="every service account").set_defaults(
        run=service_accounts_list
    )

    commands.add_parser(
        "cleanup", help="delete expired sessions, revocations, keys and old audit entries"
    ).set_defaults(run=cleanup)
    commands.add_parser("info", help="version, store, keys and settings in force").set_defaults(
        run=info
    )

    plans = commands.add_parser("plans", help="plans, subscriptions and usage").add_subparsers(
        dest="plans", required=True
    )
    plans.add_parser("list", help="plans and their limits").set_defaults(run=plans_list)
    assign = plans.add_parser("assign", help="put an account on a plan")
    assign.add_argument("email", help="the account's email (or username)")
    assign.add_argument("plan")
    assign.add_argument(
        "--new-period",
        action="store_true",
        help="start a new subscription anchored today instead of keeping the current period",
    )
    assign.set_defaults(run=plans_assign)
    cancel = plans.add_parser("cancel", help="end an account's subscription (default plan again)")
    cancel.add_argument("email")
    cancel.set_defaults(run=plans_cancel)
    usage = plans.add_parser("usage", help="an account's plan and usage of every feature")
    usage.add_argument("email")
    usage.set_defaults(run=plans_usage)

    scaffold_parser = commands.add_parser(
        "init", help="scaffold an app: .env with a secret, app.py"
    )
    scaffold_parser.add_argument("directory", nargs="?", default=".")
    scaffold_parser.set_defaults(run=init)
    return parser


def _owner_arguments(parser: argparse.ArgumentParser) -> None:
    owner = parser.add_mutually_exclusive_group(required=True)
    owner.add_argument("--user", help="the owner's email or username")
    owner.add_argument("--service-account", help="the owner's slug")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.run
    try:
        return asyncio.run(handler(args))
    except FabricAuthError as exc:
        print(f"fabric-auth: {exc.detail}", file=sys.stderr)
        return 2 if exc.status_code >= 500 else 1


if __name__ == "__main__":
    raise SystemExit(main())
