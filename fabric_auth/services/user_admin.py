"""Managing users: listing, changing, deactivating, deleting (and erasing after the grace
period), and a user's changes to their own profile and deletion of their own account. Every
change is first put to `services.authorization`, so the routers, the CLI and an admin UI obey
the same rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from tortoise.expressions import Q
from tortoise.functions import Count

from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.events.catalogue import (
    EventData,
    PasswordChanged,
    UserDeactivated,
    UserDeleted,
    UserErased,
    UserReactivated,
    UserRestored,
    UserUpdated,
)
from fabric_auth.exceptions import InvalidInput, NotFound
from fabric_auth.identifiers import email_address, email_key, identifier_key, username_key
from fabric_auth.pagination import DEFAULT_PAGE_SIZE, Page, TextKey, checked_limit, page_of
from fabric_auth.principal import Principal, SubjectRef
from fabric_auth.services.api_keys import ApiKeyService, Owner
from fabric_auth.services.audit import SYSTEM, AuditAction, AuditLog, Subject
from fabric_auth.services.authorization import Action, AuthorizationService
from fabric_auth.services.events import EventOutbox
from fabric_auth.services.rbac import RbacService
from fabric_auth.services.sessions import RevokeReason, SessionService
from fabric_auth.services.users import NewUser, UserService
from fabric_auth.store.connection import transaction
from fabric_auth.store.errors import mapped_store_errors
from fabric_auth.store.models import LinkToken, OAuthAccount, OAuthFlow, Role, Session, User
from fabric_auth.store.queries.pages import by_unique

_USER_CURSOR = TextKey("users", 320)
"""Users are listed by normalized email: unique and indexed."""
_ERASE_BATCH = 500
"""Accounts erased per cleanup run at most; the next run takes the rest."""


def erased_email(user_id: UUID) -> str:
    """What an erased account's email becomes: unique (by the id, already the pseudonymous
    reference the audit log keeps), undeliverable (`.invalid`, RFC 2606), and no person's."""
    return f"deleted-{user_id.hex}@invalid"


@dataclass(frozen=True, slots=True)
class UserChanges:
    """Fields an administrator may change; `None` leaves a field as it is."""

    email: str | None = None
    username: str | None = None
    display_name: str | None = None
    profile: dict[str, Any] | None = None
    is_verified: bool | None = None
    is_system_admin: bool | None = None

    def actions(self, user: User) -> list[Action]:
        """What an administrator making these changes to `user` does, each with its rule."""
        actions = []
        if any(value is not None for value in (self.display_name, self.profile, self.is_verified)):
            actions.append(Action.USERS_UPDATE)
        if self.email is not None or self.username is not None:
            actions.append(Action.USERS_CHANGE_IDENTITY)
        if self.is_system_admin is not None and self.is_system_admin != user.is_system_admin:
            actions.append(Action.USERS_SET_SYSTEM_ADMIN)
        return actions or [Action.USERS_UPDATE]

    def own_actions(self) -> list[Action]:
        """What users making these changes to their own account do."""
        if self.email is not None or self.is_verified is not None or self.is_system_admin:
            raise InvalidInput("Change your email with change-email; the rest is not yours to set")
        if self.username is not None:
            return [Action.ACCOUNT_UPDATE, Action.ACCOUNT_CHANGE_USERNAME]
        return [Action.ACCOUNT_UPDATE]


@dataclass(frozen=True, slots=True)
class AccountCounts:
    """How many accounts there are (deleted ones left out), active and verified."""

    total: int
    active: int
    verified: int


class UserAdminService:
    def __init__(
        self,
        *,
        users: UserService,
        sessions: SessionService,
        rbac: RbacService,
        authorization: AuthorizationService,
        audit: AuditLog,
        events: EventOutbox,
        clock: Clock,
        delete_mode: str,
        erase_after: float,
        api_keys: ApiKeyService,
    ) -> None:
        self._users = users
        self._sessions = sessions
        self._rbac = rbac
        self._authorization = authorization
        self._audit = audit
        self._events = events
        self._clock = clock
        self._delete_mode = delete_mode
        self._api_keys = api_keys
        self._erase_after = erase_after

    async def counts(self) -> AccountCounts:
        """The account counts, in one pass over the users."""
        rows = await (
            User.filter(deleted_at__isnull=True)
            .annotate(
                total=Count("id"),
                active=Count("id", _filter=Q(is_active=True)),
                verified=Count("id", _filter=Q(is_verified=True)),
            )
            .values("total", "active", "verified")
        )
        found = rows[0] if rows else {}
        return AccountCounts(
            int(found.get("total") or 0),
            int(found.get("active") or 0),
            int(found.get("verified") or 0),
        )

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
        is_verified: bool | None = None,
        role: str | None = None,
        cursor: str | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
    ) -> Page[User]:
        """Users matching every filter given, by email: one page of at most `limit`, after
        `cursor`. `search` matches part of the email, username or display name; `role` is a
        role's name."""
        limit = checked_limit(limit)
        after = None if cursor is None else _USER_CURSOR.decode(cursor)
        query = User.filter(deleted_at__isnull=True)
        if search:
            key = identifier_key(search)
            query = query.filter(
                Q(email_normalized__icontains=key)
                | Q(display_name__icontains=search)
                | Q(username_normalized__icontains=key)
            )
        if is_active is not None:
            query = query.filter(is_active=is_active)
        if is_verified is not None:
            query = query.filter(is_verified=is_verified)
        if role:
            held = await Role.get_or_none(name=role)
            if held is None:
                return Page([], None)
            # By the role's id, not its name: the planner then knows from the links' statistics
            # how common the role is, and for a common one walks the email index, probing each
            # user's links, rather than fetching and sorting every holder. A user holds a role
            # at most once (unique link), so the join repeats no user.
            query = query.filter(role_links__role_id=held.id)
        rows = await by_unique(query, "email_normalized", after, limit)
        return page_of(rows, limit, lambda user: _USER_CURSOR.encode(user.email_normalized))

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
        await self._authorization.authorize(actor, Action.USERS_CREATE)
        if new.is_system_admin:
            await self._authorization.authorize(actor, Action.USERS_SET_SYSTEM_ADMIN)
        if roles is not None:
            role_rows = await self._rbac.roles_named(roles)  # before anything is written
            await self._authorization.authorize_grant(
                actor,
                Action.USERS_CREATE,
                [grant for role in role_rows for grant in role.permissions],
            )

    async def update(
        self,
        actor: Principal | None,
        user_id: UUID,
        changes: UserChanges,
        client: ClientInfo = NO_CLIENT,
    ) -> User:
        """An administrator's change to a user (the caller included, under the same rules)."""
        user = await self.get(user_id)
        for action in changes.actions(user):
            await self._authorization.authorize(
                actor, action, SubjectRef.user(user.id), client=client
            )
        return await self._save(actor, user, changes, client)

    async def update_own(
        self, actor: Principal, changes: UserChanges, client: ClientInfo = NO_CLIENT
    ) -> User:
        """The caller's change to their own profile or username."""
        for action in changes.own_actions():
            await self._authorization.authorize(actor, action, client=client)
        return await self._save(actor, await self.get(actor.id), changes, client)

    async def _save(
        self, actor: Principal | None, user: User, changes: UserChanges, client: ClientInfo
    ) -> User:
        with mapped_store_errors(
            already_exists="An account with this email or username already exists"
        ):
            async with transaction():
                if changes.is_system_admin is False:
                    await self._rbac.ensure_not_last_system_admin(user)
                changed = _apply(user, changes)
                await user.save()
                await self._record(
                    AuditAction.USER_UPDATED, actor, user, client, {"fields": sorted(changed)}
                )
                if changed:
                    await self._publish(UserUpdated(changed=sorted(changed)), actor, user)
                if changes.is_system_admin is not None:
                    await self._rbac.invalidate(user.id)
        return user

    async def set_password(
        self, actor: Principal | None, user_id: UUID, password: str, client: ClientInfo = NO_CLIENT
    ) -> User:
        """An administrator sets a user's password (the user's own choice goes through the
        reset flow instead): every session of the user ends."""
        user = await self.touch(actor, Action.USERS_SET_PASSWORD, user_id, client)
        self._users.policy.check(password, context=(user.email, user.username or ""))
        user.password_hash = await self._users.hasher.hash(password)
        async with transaction():
            await user.save(update_fields=["password_hash", "updated_at"])
            await self._sessions.record_end_all(user.id, RevokeReason.PASSWORD_RESET_BY_ADMIN)
            await self._record(AuditAction.PASSWORD_SET_BY_ADMIN, actor, user, client, {})
            await self._publish(PasswordChanged(method="admin"), actor, user)
        return user

    async def deactivate(
        self, actor: Principal | None, user_id: UUID, reason: str, client: ClientInfo = NO_CLIENT
    ) -> User:
        """Refuse the user from now on: every session and access token ends at once."""
        user = await self.touch(actor, Action.USERS_DEACTIVATE, user_id, client)
        async with transaction():
            await self._rbac.ensure_not_last_system_admin(user)
            user.is_active = False
            user.deactivated_at = self._clock.now()
            user.deactivation_reason = reason
            await user.save()
            entries = await self._sessions.record_user_refused(
                user.id, RevokeReason.USER_DEACTIVATED
            )
            entries += await self._api_keys.record_owner_keys_revoked(
                Owner.user(user.id), "owner_deactivated"
            )
            await self._record(
                AuditAction.USER_DEACTIVATED, actor, user, client, {"reason": reason}
            )
            await self._publish(UserDeactivated(reason=reason), actor, user)
            await self._rbac.invalidate(user.id)
        return user

    async def reactivate(
        self, actor: Principal | None, user_id: UUID, reason: str, client: ClientInfo = NO_CLIENT
    ) -> User:
        user = await self.touch(actor, Action.USERS_REACTIVATE, user_id, client)
        async with transaction():
            user.is_active = True
            user.deactivated_at = None
            user.deactivation_reason = None
            await user.save()
            await self._record(
                AuditAction.USER_REACTIVATED, actor, user, client, {"reason": reason}
            )
            await self._publish(UserReactivated(reason=reason), actor, user)
            await self._rbac.invalidate(user.id)
        return user

    async def delete(
        self, actor: Principal | None, user_id: UUID, client: ClientInfo = NO_CLIENT
    ) -> None:
        """An administrator deletes a user (`users.delete`): see `_remove`."""
        user = await self.touch(actor, Action.USERS_DELETE, user_id, client)
        await self._remove(actor, user, client, requested_by_user=False)

    async def delete_own(
        self,
        actor: Principal,
        current_password: str | None,
        client: ClientInfo = NO_CLIENT,
    ) -> None:
        """The caller deletes their own account (`account.delete`), proving it with the
        current password or, without one (an account with no password), a sign-in within
        `reauth_window`; never with an API key. See `_remove`."""
        await self._authorization.authorize(
            actor,
            Action.ACCOUNT_DELETE,
            password_proven=current_password is not None,
            client=client,
        )
        user = await self.get(actor.id)
        if current_password is not None:
            await self._users.check_current_password(user, current_password, client)
        await self._remove(actor, user, client, requested_by_user=True)

    async def _remove(
        self, actor: Principal | None, user: User, client: ClientInfo, *, requested_by_user: bool
    ) -> None:
        """In one transaction: every session, access token and API key of the user refused,
        `user.deleted` published and audited; then by `user_delete_mode`, `soft`: the row
        stays, inactive and marked deleted (the email reserved) until `erase_deleted_users`
        erases its personal data after `user_erase_after`; `hard`: the row goes at once (its
        sessions, role links and provider links with it) and `user.erased` follows."""
        deleted_at = self._clock.now()
        hard = self._delete_mode == "hard"
        erase_after = deleted_at if hard else deleted_at + timedelta(seconds=self._erase_after)
        subject = SubjectRef.user(user.id)
        by = SubjectRef.of(actor) if actor else None
        async with transaction():
            await self._rbac.ensure_not_last_system_admin(user)
            # The claim: of two deletions at once (a double click), the second finds none.
            claimed = await User.filter(id=user.id, deleted_at__isnull=True).update(
                is_active=False, deleted_at=deleted_at, updated_at=deleted_at
            )
            if not claimed:
                raise NotFound("No such user")
            await self._sessions.record_user_refused(user.id, RevokeReason.USER_DELETED)
            await self._api_keys.record_owner_keys_revoked(Owner.user(user.id), "owner_deleted")
            await self._events.publish(
                UserDeleted(erase_after=erase_after, requested_by_user=requested_by_user),
                subject=subject,
                actor=by,
            )
            if hard:  # after the keys' revocations are recorded: the rows go with the user
                await User.filter(id=user.id).delete()
                await self._events.publish(UserErased(), subject=subject, actor=by)
            await self._rbac.invalidate(user.id)
            await self._record(
                AuditAction.USER_DELETED,
                actor,
                user,
                client,
                {"mode": self._delete_mode, "requested_by_user": requested_by_user},
            )

    async def restore(
        self, actor: Principal | None, user_id: UUID, client: ClientInfo = NO_CLIENT
    ) -> User:
        """Undo a soft delete within the grace period (`users.restore`): the account is no
        longer deleted, and active again unless it had been deactivated before. Its sessions
        and API keys stay ended. `NotFound` for an account that is not deleted, or already
        erased."""
        user = await User.get_or_none(id=user_id)
        if user is None:
            raise NotFound("No such user")
        await self._authorization.authorize(
            actor, Action.USERS_RESTORE, SubjectRef.user(user.id), client=client
        )
        async with transaction():
            restored = await User.filter(
                id=user.id, deleted_at__isnull=False, erased_at__isnull=True
            ).update(deleted_at=None, is_active=user.deactivated_at is None)
            if not restored:
                raise NotFound("No deleted account awaiting erasure")
            await self._publish(UserRestored(), actor, user)
            await self._rbac.invalidate(user.id)
            await self._record(AuditAction.USER_RESTORED, actor, user, client, {})
        return await self.get(user.id)

    async def erase_deleted(self) -> int:
        """Erase the personal data of accounts deleted more than `user_erase_after` seconds
        ago (a cleanup step, `erase_deleted_users`); returns how many were erased."""
        cutoff = self._clock.now() - timedelta(seconds=self._erase_after)
        due = await (
            User.filter(deleted_at__lte=cutoff, erased_at__isnull=True)
            .order_by("deleted_at")
            .limit(_ERASE_BATCH)
            .values_list("id", flat=True)
        )
        erased = 0
        for user_id in due:
            erased += await self._erase(UUID(str(user_id)), cutoff)
        return erased

    async def _erase(self, user_id: UUID, cutoff: datetime) -> bool:
        """Erase one account, unless another instance (or a restore) got there first: the
        conditional update is the claim, so each account is erased, and announced, once."""
        async with transaction():
            claimed = await User.filter(
                id=user_id, deleted_at__lte=cutoff, erased_at__isnull=True
            ).update(
                email=erased_email(user_id),
                email_normalized=erased_email(user_id),
                username=None,
                username_normalized=None,
                display_name="",
                profile={},
                password_hash=None,
                deactivation_reason=None,
                erased_at=self._clock.now(),
            )
            if not claimed:
                return False
            await OAuthAccount.filter(user_id=user_id).delete()
            await OAuthFlow.filter(link_user_id=user_id).delete()
            await LinkToken.filter(user_id=user_id).delete()
            await Session.filter(user_id=user_id).delete()
            await self._events.publish(UserErased(), subject=SubjectRef.user(user_id))
            await self._audit.record(
                AuditAction.USER_ERASED, actor=SYSTEM, target=Subject.user(user_id)
            )
        return True

    async def touch(
        self, actor: Principal | None, action: Action, user_id: UUID, client: ClientInfo = NO_CLIENT
    ) -> User:
        """The user, once `actor` may do `action` to them; `NotFound` when there is none."""
        user = await self.get(user_id)
        await self._authorization.authorize(actor, action, SubjectRef.user(user.id), client=client)
        return user

    async def _publish(self, data: EventData, actor: Principal | None, user: User) -> None:
        await self._events.publish(
            data, subject=SubjectRef.user(user.id), actor=SubjectRef.of(actor) if actor else None
        )

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
        user.email_normalized = email_key(changes.email)
        user.email = email_address(changes.email)
        changed.append("email")
    if changes.username is not None:
        user.username_normalized = username_key(changes.username)
        user.username = changes.username
        changed.append("username")
    for name in ("display_name", "profile", "is_verified", "is_system_admin"):
        value = getattr(changes, name)
        if value is not None:
            setattr(user, name, value)
            changed.append(name)
    return changed
