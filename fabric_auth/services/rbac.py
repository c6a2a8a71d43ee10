"""Roles, effective permissions and the rules against escalation.

Effective permissions are cached per user, so a warm permission check costs no query. A change
records an invalidation on the store's change feed in its own transaction; every instance
applies it (`services.changes`): this one before the changing call returns, the others within
`max_staleness` whatever happens to Redis. The cache's time-to-live (`permission_cache_ttl`)
only bounds changes made behind fabric-auth's back (SQL run by hand).

Who may change roles and role holdings is decided by `services.authorization`; this module
asks it before every change, and keeps the one rule that needs the change's transaction: the
last active system administrator cannot be removed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from uuid import UUID

from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.events.catalogue import RoleGranted, RoleRevoked
from fabric_auth.exceptions import (
    BuiltinRole,
    InvalidInput,
    LastSystemAdmin,
    NotFound,
    UnknownPermission,
)
from fabric_auth.pagination import (
    DEFAULT_PAGE_SIZE,
    Page,
    TextKey,
    checked_limit,
    page_of,
    page_of_sorted,
)
from fabric_auth.permissions import Catalogue, PermissionInfo, PermissionSet
from fabric_auth.principal import Principal, SubjectRef
from fabric_auth.services.audit import AuditAction, AuditLog, Subject
from fabric_auth.services.authorization import Action, AuthorizationService
from fabric_auth.services.changes import ChangeFeed
from fabric_auth.services.events import EventOutbox
from fabric_auth.store.connection import transaction
from fabric_auth.store.errors import ignoring_duplicate, mapped_store_errors
from fabric_auth.store.models import Role, ServiceAccount, ServiceAccountRole, User, UserRole
from fabric_auth.store.queries.pages import by_unique

TOPIC = "permissions"
ALL_USERS = "*"
DEFAULT_ROLES = {
    "admin": ("Everything but system administration", ["*"]),
    "user": ("Signed-in users: their own account, sessions and API keys", ["account:*"]),
}
_CACHE_LIMIT = 100_000


_ROLE_CURSOR = TextKey("roles", 64)
_PERMISSION_CURSOR = TextKey("permissions", 200)


class RbacService:
    def __init__(
        self,
        *,
        catalogue: Catalogue,
        feed: ChangeFeed,
        audit: AuditLog,
        events: EventOutbox,
        authorization: AuthorizationService,
        cache_ttl: float,
    ) -> None:
        self.catalogue = catalogue
        self._feed = feed
        self._audit = audit
        self._events = events
        self._authorization = authorization
        self._ttl = cache_ttl
        self._cache: dict[UUID, tuple[PermissionSet, float]] = {}
        self._loading: dict[UUID, asyncio.Future[PermissionSet]] = {}
        self._epoch = 0
        """Bumped by every invalidation: a load that started before one is not cached."""
        feed.on(TOPIC, self._on_change)
        feed.on_resync(self._clear)

    # --- effective permissions ---------------------------------------------------------

    def cached(self, user_id: UUID) -> PermissionSet | None:
        """The warm answer, with no I/O; `None` when it must be loaded."""
        entry = self._cache.get(user_id)
        if entry is None or entry[1] < time.monotonic():
            return None
        return entry[0]

    async def permissions_of(self, user_id: UUID) -> PermissionSet:
        cached = self.cached(user_id)
        if cached is not None:
            return cached
        # One load per user at a time: when an entry expires under load, the requests that
        # miss it together wait for the same query instead of each sending their own.
        loading = self._loading.get(user_id)
        if loading is None:
            loading = asyncio.ensure_future(self._load_and_cache(user_id))
            self._loading[user_id] = loading
            loading.add_done_callback(lambda _: self._loading.pop(user_id, None))
        return await asyncio.shield(loading)

    async def _load_and_cache(self, user_id: UUID) -> PermissionSet:
        epoch = self._epoch
        permissions = await self.load(user_id)
        if epoch == self._epoch:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[user_id] = (permissions, time.monotonic() + self._ttl)
        return permissions

    async def load(self, user_id: UUID) -> PermissionSet:
        """Straight from the store: the user's flags and the grants of their roles (or, for a
        service account's id, the grants of its roles)."""
        user = await User.get_or_none(id=user_id, deleted_at__isnull=True)
        if user is None:
            return await self._load_service_account(user_id)
        if not user.is_active:
            return PermissionSet()
        grants: set[str] = set()
        for permissions in await Role.filter(user_links__user_id=user_id).values_list(
            "permissions", flat=True
        ):
            grants.update(permissions)
        return PermissionSet(frozenset(grants), is_system_admin=user.is_system_admin)

    async def _load_service_account(self, account_id: UUID) -> PermissionSet:
        if not await ServiceAccount.exists(id=account_id, is_active=True):
            return PermissionSet()
        grants: set[str] = set()
        for permissions in await Role.filter(
            service_account_links__service_account_id=account_id
        ).values_list("permissions", flat=True):
            grants.update(permissions)
        return PermissionSet(frozenset(grants))

    async def invalidate(self, user_id: UUID | None = None) -> None:
        """Forget cached permissions (of one user or service account, or everyone's) on every
        instance; call inside the transaction of the change."""
        await self._feed.record(TOPIC, str(user_id) if user_id else ALL_USERS)

    async def _on_change(self, payload: str) -> None:
        self._epoch += 1
        if payload == ALL_USERS:
            self._cache.clear()
        else:
            self._cache.pop(UUID(payload), None)

    async def _clear(self) -> None:
        await self._on_change(ALL_USERS)

    # --- the rules ---------------------------------------------------------------------

    def check_grantable(self, grants: Iterable[str]) -> list[str]:
        grants = list(dict.fromkeys(grants))
        unknown = self.catalogue.check_grantable(grants)
        if unknown:
            raise UnknownPermission(f"Unknown permission: {', '.join(unknown)}")
        return grants

    @staticmethod
    async def ensure_not_last_system_admin(user: User) -> None:
        """Call inside the transaction removing `user`'s system administration."""
        if not user.is_system_admin:
            return
        others = (
            await User.filter(is_system_admin=True, is_active=True, deleted_at__isnull=True)
            .exclude(id=user.id)
            .select_for_update()
            .count()
        )
        if others == 0:
            raise LastSystemAdmin()

    # --- roles -------------------------------------------------------------------------

    async def seed_default_roles(self) -> None:
        """Create the built-in roles when missing; never overwrite an edited one."""
        for name, (description, permissions) in DEFAULT_ROLES.items():
            if not await Role.exists(name=name):
                # Another instance may seed it at the same moment.
                with ignoring_duplicate():
                    await Role.create(
                        name=name, description=description, permissions=permissions, is_builtin=True
                    )

    async def list_roles(
        self, *, cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE
    ) -> Page[Role]:
        """Roles by name: one page of at most `limit`, after `cursor`."""
        limit = checked_limit(limit)
        after = None if cursor is None else _ROLE_CURSOR.decode(cursor)
        rows = await by_unique(Role.all(), "name", after, limit)
        return page_of(rows, limit, lambda role: _ROLE_CURSOR.encode(role.name))

    def list_permissions(
        self, *, cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE
    ) -> Page[PermissionInfo]:
        """The permission catalogue by code: one page of at most `limit`, after `cursor`."""
        ordered = sorted(self.catalogue.permissions.values(), key=lambda info: info.code)
        return page_of_sorted(
            ordered, lambda info: info.code, _PERMISSION_CURSOR, cursor, checked_limit(limit)
        )

    async def get_role(self, name: str) -> Role:
        role = await Role.get_or_none(name=name)
        if role is None:
            raise NotFound("No such role")
        return role

    async def create_role(
        self,
        actor: Principal | None,
        name: str,
        permissions: Iterable[str],
        description: str = "",
        client: ClientInfo = NO_CLIENT,
    ) -> Role:
        _check_role_name(name)
        grants = self.check_grantable(permissions)
        await self._authorization.authorize_grant(actor, Action.ROLES_MANAGE, grants, client=client)
        with mapped_store_errors(already_exists="A role with this name already exists"):
            async with transaction():
                role = await Role.create(name=name, description=description, permissions=grants)
                await self._audit_role(AuditAction.ROLE_CREATED, actor, role, client)
        return role

    async def update_role(
        self,
        actor: Principal | None,
        name: str,
        *,
        permissions: Iterable[str] | None = None,
        description: str | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> Role:
        """Change a role. Changing its permissions needs holding both the old and new ones."""
        role = await self.get_role(name)
        grants = None if permissions is None else self.check_grantable(permissions)
        if grants is not None:
            await self._authorization.authorize_grant(
                actor, Action.ROLES_MANAGE, [*role.permissions, *grants], client=client
            )
        async with transaction():
            role = await self.get_role(name)
            if grants is not None:
                role.permissions = grants
            if description is not None:
                role.description = description
            await role.save()
            await self._audit_role(AuditAction.ROLE_UPDATED, actor, role, client)
            await self.invalidate()
        return role

    async def delete_role(
        self, actor: Principal | None, name: str, client: ClientInfo = NO_CLIENT
    ) -> None:
        role = await self.get_role(name)
        if role.is_builtin:
            raise BuiltinRole()
        await self._authorization.authorize_grant(
            actor, Action.ROLES_MANAGE, role.permissions, client=client
        )
        async with transaction():
            users = await UserRole.filter(role_id=role.id).values_list("user_id", flat=True)
            accounts = await ServiceAccountRole.filter(role_id=role.id).values_list(
                "service_account_id", flat=True
            )
            holders = [SubjectRef("user", str(user_id)) for user_id in users] + [
                SubjectRef("service_account", str(account_id)) for account_id in accounts
            ]
            await role.delete()
            for holder in holders:
                await self.publish_role_changes(holder, actor, granted=(), revoked=[role.name])
            await self._audit_role(AuditAction.ROLE_DELETED, actor, role, client)
            await self.invalidate()

    async def roles_of(self, user_id: UUID) -> list[str]:
        names = (
            await Role.filter(user_links__user_id=user_id)
            .order_by("name")
            .values_list("name", flat=True)
        )
        return [str(name) for name in names]

    async def roles_of_users(self, user_ids: Iterable[UUID]) -> dict[UUID, list[str]]:
        """The role names of each of these users (a page of a list), in one query."""
        held: dict[UUID, list[str]] = {user_id: [] for user_id in user_ids}
        links = (
            await UserRole.filter(user_id__in=list(held))
            .order_by("role__name")
            .values_list("user_id", "role__name")
        )
        for user_id, name in links:
            held[user_id].append(str(name))
        return held

    async def set_user_roles(
        self,
        actor: Principal | None,
        user: User,
        role_names: Iterable[str],
        client: ClientInfo = NO_CLIENT,
    ) -> list[str]:
        """Replace a user's roles. The actor must be allowed to touch the user and hold every
        permission of the roles given or taken away."""
        wanted = list(dict.fromkeys(role_names))
        target = SubjectRef.user(user.id)
        await self._authorization.authorize(actor, Action.USERS_SET_ROLES, target, client=client)
        roles = await self.roles_named(wanted)
        current = await Role.filter(user_links__user_id=user.id)
        await self._authorization.authorize_grant(
            actor, Action.USERS_SET_ROLES, changed_grants(roles, current), client=client
        )
        wanted_ids = {role.id for role in roles}
        current_ids = {role.id for role in current}
        async with transaction():
            await UserRole.filter(user_id=user.id).exclude(role_id__in=wanted_ids).delete()
            for role in roles:
                if role.id not in current_ids:
                    await UserRole.create(user_id=user.id, role_id=role.id)
            await self._audit.record(
                AuditAction.ROLES_ASSIGNED,
                actor=Subject.of(actor) if actor else None,
                target=Subject.user(user.id),
                client=client,
                details={"roles": sorted(wanted)},
            )
            await self.publish_role_changes(
                target,
                actor,
                granted=[role.name for role in roles if role.id not in current_ids],
                revoked=[role.name for role in current if role.id not in wanted_ids],
            )
            await self.invalidate(user.id)
        return sorted(wanted)

    async def publish_role_changes(
        self,
        holder: SubjectRef,
        actor: Principal | None,
        *,
        granted: Iterable[str],
        revoked: Iterable[str],
    ) -> None:
        """`role.granted` / `role.revoked` for each role `holder` (a user or service account)
        gained or lost; inside the transaction of the change."""
        by = SubjectRef.of(actor) if actor else None
        for name in sorted(granted):
            await self._events.publish(RoleGranted(role=name), subject=holder, actor=by)
        for name in sorted(revoked):
            await self._events.publish(RoleRevoked(role=name), subject=holder, actor=by)

    @staticmethod
    async def roles_named(names: list[str]) -> list[Role]:
        """The roles of these names, or `InvalidInput` naming the missing ones."""
        roles = await Role.filter(name__in=names)
        missing = set(names) - {role.name for role in roles}
        if missing:
            raise InvalidInput(f"No such role: {', '.join(sorted(missing))}")
        return list(roles)

    async def _audit_role(
        self, action: AuditAction, actor: Principal | None, role: Role, client: ClientInfo
    ) -> None:
        await self._audit.record(
            action,
            actor=Subject.of(actor) if actor else None,
            target=Subject("role", role.name),
            client=client,
            details={"permissions": list(role.permissions)},
        )


def changed_grants(wanted: list[Role], current: list[Role]) -> list[str]:
    """The grants of the roles given or taken away when `current` becomes `wanted`."""
    wanted_ids = {role.id for role in wanted}
    current_ids = {role.id for role in current}
    return [
        grant
        for role in {role.id: role for role in [*wanted, *current]}.values()
        if (role.id in wanted_ids) != (role.id in current_ids)
        for grant in role.permissions
    ]


def _check_role_name(name: str) -> None:
    if not name or len(name) > 64 or not name.replace("_", "").replace("-", "").isalnum():
        raise InvalidInput("Role names are 1-64 letters, digits, '-' or '_'")
