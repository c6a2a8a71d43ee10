"""Managing other users: listing, changing, deactivating, deleting. Every rule of
`services.rbac` applies here, so the routers, the CLI and an admin UI all obey them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from fabric_auth.clock import Clock
from fabric_auth.exceptions import AlreadyExists, EscalationDenied, InvalidInput, NotFound
from fabric_auth.principal import Principal
from fabric_auth.services.api_keys import ApiKeyService, Owner
from fabric_auth.services.audit import NO_CLIENT, AuditAction, AuditLog, ClientInfo, Subject
from fabric_auth.services.rbac import RbacService
from fabric_auth.services.sessions import RevokeReason, SessionService
from fabric_auth.services.users import NewUser, UserService, normalize_email, normalize_username
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import Role, User


@dataclass(frozen=True, slots=True)
class UserPage:
    items: list[User]
    total: int


@dataclass(frozen=True, slots=True)
class UserChanges:
    """Fields an administrator may change; `None` leaves a field as it is."""

    email: str | None = None
    username: str | None = None
    display_name: str | None = None
    profile: dict[str, Any] | None = None
    is_verified: bool | None = None
    is_system_admin: bool | None = None
    password: str | None = None
    """A reset by an administrator: every session of the user ends."""


class UserAdminService:
    def __init__(
        self,
        *,
        users: UserService,
        sessions: SessionService,
        rbac: RbacService,
        audit: AuditLog,
        clock: Clock,
        delete_mode: str,
        api_keys: ApiKeyService,
    ) -> None:
        self._users = users
        self._sessions = sessions
        self._rbac = rbac
        self._audit = audit
        self._clock = clock
        self._delete_mode = delete_mode
        self._api_keys = api_keys

    async def get(self, user_id: UUID) -> User:
        user = await User.get_or_none(id=user_id, deleted_at__isnull=True)
        if user is None:
            raise NotFound("No such user")
        return user

    async def search(
        self,
        *,
        search: str | None = None,
        is_active: bool | None = None,
        role: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> UserPage:
        query = User.filter(deleted_at__isnull=True)
        if search:
            query = query.filter(
                Q(email_normalized__icontains=search.casefold())
                | Q(display_name__icontains=search)
                | Q(username_normalized__icontains=search.casefold())
            )
        if is_active is not None:
            query = query.filter(is_active=is_active)
        if role:
            query = query.filter(role_links__role__name=role).distinct()
        total = await query.count()
        items = await query.order_by("email_normalized").offset(offset).limit(limit)
        return UserPage(items=list(items), total=total)

    async def create(
        self,
        actor: Principal | None,
        new: NewUser,
        roles: list[str] | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> User:
        """Create a user (with `roles`, or the default ones); only a system administrator
        creates another one."""
        await self.check_new(actor, new, roles)
        user = await self._users.create(new, client)  # with the default roles
        if roles is not None:
            await self._rbac.set_user_roles(None, user, roles, client)  # checked above
        return user

    async def check_new(
        self, actor: Principal | None, new: NewUser, roles: list[str] | None
    ) -> None:
        """The checks `create` makes before writing anything (also for invitations)."""
        if new.is_system_admin and actor is not None and not actor.permissions.is_system_admin:
            raise EscalationDenied("Only a system administrator can create another one")
        if roles is not None:
            role_rows = await Role.filter(name__in=roles)
            missing = set(roles) - {role.name for role in role_rows}
            if missing:  # before anything is written
                raise InvalidInput(f"No such role: {', '.join(sorted(missing))}")
            self._rbac.ensure_may_grant(
                actor, [grant for role in role_rows for grant in role.permissions]
            )

    async def update(
        self,
        actor: Principal | None,
        user_id: UUID,
        changes: UserChanges,
        client: ClientInfo = NO_CLIENT,
    ) -> User:
        user = await self.get(user_id)
        await self._rbac.ensure_may_touch(actor, user)
        promotes_or_demotes = (
            changes.is_system_admin is not None and changes.is_system_admin != user.is_system_admin
        )
        if promotes_or_demotes and actor is not None and not actor.permissions.is_system_admin:
            raise EscalationDenied("Only a system administrator grants system administration")
        password_hash = None
        if changes.password is not None:
            self._users.policy.check(changes.password, context=(user.email, user.username or ""))
            password_hash = await self._users.hasher.hash(changes.password)
        entries = []
        try:
            async with transaction():
                if changes.is_system_admin is False:
                    await self._rbac.ensure_not_last_system_admin(user)
                changed = _apply(user, changes)
                if password_hash is not None:
                    user.password_hash = password_hash
                    changed.append("password")
                await user.save()
                if password_hash is not None:
                    entries = await self._sessions.record_sessions_ended(
                        user.id, RevokeReason.PASSWORD_RESET_BY_ADMIN
                    )
                await self._record(
                    AuditAction.USER_UPDATED, actor, user, client, {"fields": sorted(changed)}
                )
        except IntegrityError:
            raise AlreadyExists("An account with this email or username already exists") from None
        await self._sessions.publish(entries)
        if changes.is_system_admin is not None:
            await self._rbac.invalidate(user.id)
        return user

    async def deactivate(
        self, actor: Principal | None, user_id: UUID, reason: str, client: ClientInfo = NO_CLIENT
    ) -> User:
        """Refuse the user from now on: every session and access token ends at once."""
        user = await self.get(user_id)
        await self._rbac.ensure_may_touch(actor, user)
        async with transaction():
            await self._rbac.ensure_not_last_system_admin(user)
            user.is_active = False
            user.deactivated_at = self._clock.now()
            user.deactivation_reason = reason
            await user.save()
            entries = await self._sessions.record_user_tokens_revoked(
                user.id, RevokeReason.USER_DEACTIVATED
            )
            entries += await self._api_keys.record_owner_keys_revoked(
                Owner.user(user.id), "owner_deactivated"
            )
            await self._record(
                AuditAction.USER_DEACTIVATED, actor, user, client, {"reason": reason}
            )
        await self._sessions.publish(entries)
        await self._rbac.invalidate(user.id)
        return user

    async def reactivate(
        self, actor: Principal | None, user_id: UUID, reason: str, client: ClientInfo = NO_CLIENT
    ) -> User:
        user = await self.get(user_id)
        await self._rbac.ensure_may_touch(actor, user)
        async with transaction():
            user.is_active = True
            user.deactivated_at = None
            user.deactivation_reason = None
            await user.save()
            await self._record(
                AuditAction.USER_REACTIVATED, actor, user, client, {"reason": reason}
            )
        await self._rbac.invalidate(user.id)
        return user

    async def delete(
        self, actor: Principal | None, user_id: UUID, client: ClientInfo = NO_CLIENT
    ) -> None:
        """Soft (the row stays, email reserved) or hard, by the `user_delete_mode` setting."""
        user = await self.get(user_id)
        await self._rbac.ensure_may_touch(actor, user)
        async with transaction():
            await self._rbac.ensure_not_last_system_admin(user)
            entries = await self._sessions.record_user_tokens_revoked(
                user.id, RevokeReason.USER_DELETED
            )
            entries += await self._api_keys.record_owner_keys_revoked(
                Owner.user(user.id), "owner_deleted"
            )
            await self._record(
                AuditAction.USER_DELETED, actor, user, client, {"mode": self._delete_mode}
            )
            if self._delete_mode == "hard":
                await user.delete()
            else:
                user.is_active = False
                user.deleted_at = self._clock.now()
                await user.save()
        await self._sessions.publish(entries)
        await self._rbac.invalidate(user.id)

    async def _record(
        self,
        action: AuditAction,
        actor: Principal | None,
        user: User,
        client: ClientInfo,
        details: dict[str, Any],
    ) -> None:
        await self._audit.record(
            action,
            actor=Subject.of(actor) if actor else None,
            target=Subject.user(user.id),
            client=client,
            details=details,
        )


def _apply(user: User, changes: UserChanges) -> list[str]:
    changed = []
    if changes.email is not None:
        user.email_normalized = normalize_email(changes.email)
        user.email = changes.email.strip()
        changed.append("email")
    if changes.username is not None:
        user.username_normalized = normalize_username(changes.username)
        user.username = changes.username
        changed.append("username")
    for name in ("display_name", "profile", "is_verified", "is_system_admin"):
        value = getattr(changes, name)
        if value is not None:
            setattr(user, name, value)
            changed.append(name)
    return changed
