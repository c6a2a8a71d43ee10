"""Service accounts: machine principals with roles and their own API keys.

`services.authorization` decides every change: nobody grants a service account a role with
permissions they do not hold, nor changes, deactivates, reactivates or deletes one (or issues or
revokes its keys) that holds more than they do, active or not. Deactivating or deleting one
revokes its keys on every instance.

Lock order. Every change of an existing account takes its locks in one order, inside one
transaction: first the account's row (`_locked`: `SELECT ... FOR UPDATE`), then the rows it
changes (role links, API keys, the revocation feed, the account itself), and the audit append
last. Two changes of one account therefore queue on its row before either holds anything else.
(Appends once locked the audit chain row until commit, and taking the account's row and the chain
in opposite orders deadlocked on PostgreSQL; an append now inserts its own row only, and the chain
is locked after the commit, but the order stays the simplest to reason about.)
The one exception: revoking live keys (`ApiKeyService.record_owner_keys_revoked`) appends its own
entry before the caller's last writes; the account's row, already held, keeps that safe against
the paths here. The authorization check reads the account before the transaction, and the
locked row is read again inside it: a deletion in between answers `NotFound`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.events.catalogue import ServiceAccountChange, ServiceAccountChanged
from fabric_auth.exceptions import InvalidInput, NotFound
from fabric_auth.pagination import DEFAULT_PAGE_SIZE, Page, TextKey, checked_limit, page_of
from fabric_auth.principal import Principal, SubjectRef
from fabric_auth.services.api_keys import ApiKeyService, Owner
from fabric_auth.services.audit import AuditAction, AuditLog, Subject
from fabric_auth.services.authorization import Action, AuthorizationService
from fabric_auth.services.events import EventOutbox
from fabric_auth.services.rbac import RbacService, changed_grants
from fabric_auth.store.connection import transaction
from fabric_auth.store.errors import mapped_store_errors
from fabric_auth.store.models import Role, ServiceAccount, ServiceAccountRole
from fabric_auth.store.queries.pages import by_unique

SLUG_PATTERN = r"^[a-z][a-z0-9-]{0,63}$"
"""A service account's slug; also a JSON Schema `pattern`."""
_SLUG = re.compile(SLUG_PATTERN)
_ACCOUNT_CURSOR = TextKey("service_accounts", 64)


@dataclass(frozen=True, slots=True)
class ServiceAccountChanges:
    """Fields that may change; `None` leaves a field as it is."""

    name: str | None = None
    description: str | None = None
    owner_team: str | None = None


class ServiceAccountService:
    def __init__(
        self,
        *,
        rbac: RbacService,
        authorization: AuthorizationService,
        api_keys: ApiKeyService,
        audit: AuditLog,
        events: EventOutbox,
        clock: Clock,
    ) -> None:
        self._rbac = rbac
        self._authorization = authorization
        self._api_keys = api_keys
        self._audit = audit
        self._events = events
        self._clock = clock

    async def create(
        self,
        actor: Principal | None,
        *,
        slug: str,
        name: str,
        description: str = "",
        owner_team: str | None = None,
        roles: Iterable[str] = (),
        client: ClientInfo = NO_CLIENT,
    ) -> ServiceAccount:
        if not _SLUG.fullmatch(slug):
            raise InvalidInput("A slug is 1-64 lowercase letters, digits or '-', from a letter")
        _check_text(name, description, owner_team)
        wanted = list(dict.fromkeys(roles))
        role_rows = await self._rbac.roles_named(wanted)
        await self._authorization.authorize_grant(
            actor,
            Action.SERVICE_ACCOUNTS_CREATE,
            [grant for role in role_rows for grant in role.permissions],
            client=client,
        )
        with mapped_store_errors(already_exists="A service account with this slug already exists"):
            async with transaction():
                account = await ServiceAccount.create(
                    slug=slug,
                    name=name,
                    description=description,
                    owner_team=owner_team,
                    created_by=actor.id if actor and actor.is_user else None,
                )
                for role in role_rows:
                    await ServiceAccountRole.create(service_account_id=account.id, role_id=role.id)
                await self._record(
                    AuditAction.SERVICE_ACCOUNT_CREATED,
                    actor,
                    account,
                    client,
                    {"slug": slug, "roles": sorted(wanted)},
                )
        return account

    async def list_accounts(
        self,
        *,
        role: str | None = None,
        cursor: str | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
    ) -> Page[ServiceAccount]:
        """Service accounts by slug, inactive ones included (holding the role named `role`,
        when given): one page of at most `limit`, after `cursor`."""
        limit = checked_limit(limit)
        after = None if cursor is None else _ACCOUNT_CURSOR.decode(cursor)
        query = ServiceAccount.all()
        if role:
            held = await Role.get_or_none(name=role)
            if held is None:
                return Page([], None)
            # An account holds a role at most once (unique link): the join repeats none.
            query = query.filter(role_links__role_id=held.id)
        rows = await by_unique(query, "slug", after, limit)
        return page_of(rows, limit, lambda account: _ACCOUNT_CURSOR.encode(account.slug))

    async def get(self, account_id: UUID) -> ServiceAccount:
        account = await ServiceAccount.get_or_none(id=account_id)
        if account is None:
            raise NotFound("No such service account")
        return account

    async def get_by_slug(self, slug: str) -> ServiceAccount:
        account = await ServiceAccount.get_or_none(slug=slug)
        if account is None:
            raise NotFound("No such service account")
        return account

    async def roles_of(self, account_id: UUID) -> list[str]:
        names = (
            await Role.filter(service_account_links__service_account_id=account_id)
            .order_by("name")
            .values_list("name", flat=True)
        )
        return [str(name) for name in names]

    async def _touch(
        self, actor: Principal | None, account_id: UUID, client: ClientInfo
    ) -> ServiceAccount:
        """The account, once the actor may change it (it holds nothing the actor lacks)."""
        account = await self.get(account_id)
        await self._authorization.authorize(
            actor,
            Action.SERVICE_ACCOUNTS_CHANGE,
            SubjectRef.service_account(account.id),
            client=client,
        )
        return account

    async def update(
        self,
        actor: Principal | None,
        account_id: UUID,
        changes: ServiceAccountChanges,
        client: ClientInfo = NO_CLIENT,
    ) -> ServiceAccount:
        await self._touch(actor, account_id, client)
        _check_text(changes.name or "-", changes.description or "", changes.owner_team)
        async with transaction():
            account = await _locked(account_id)
            changed = []
            for field in ("name", "description", "owner_team"):
                value = getattr(changes, field)
                if value is not None:
                    setattr(account, field, value)
                    changed.append(field)
            await account.save()
            await self._record(
                AuditAction.SERVICE_ACCOUNT_UPDATED, actor, account, client, {"fields": changed}
            )
        return account

    async def set_roles(
        self,
        actor: Principal | None,
        account_id: UUID,
        role_names: Iterable[str],
        client: ClientInfo = NO_CLIENT,
    ) -> list[str]:
        """Replace the account's roles; the actor must hold every permission given or taken."""
        account = await self._touch(actor, account_id, client)
        wanted = list(dict.fromkeys(role_names))
        roles = await self._rbac.roles_named(wanted)
        current = await Role.filter(service_account_links__service_account_id=account.id)
        await self._authorization.authorize_grant(
            actor, Action.SERVICE_ACCOUNTS_CHANGE, changed_grants(roles, current), client=client
        )
        wanted_ids = {role.id for role in roles}
        async with transaction():
            await _locked(account.id)
            current_ids = set(
                await ServiceAccountRole.filter(service_account_id=account.id).values_list(
                    "role_id", flat=True
                )
            )
            await (
                ServiceAccountRole.filter(service_account_id=account.id)
                .exclude(role_id__in=wanted_ids)
                .delete()
            )
            for role in roles:
                if role.id not in current_ids:
                    await ServiceAccountRole.create(service_account_id=account.id, role_id=role.id)
            await self._record(
                AuditAction.SERVICE_ACCOUNT_ROLES_ASSIGNED,
                actor,
                account,
                client,
                {"roles": sorted(wanted)},
            )
            await self._rbac.publish_role_changes(
                SubjectRef.service_account(account.id),
                actor,
                granted=[role.name for role in roles if role.id not in current_ids],
                revoked=[role.name for role in current if role.id not in wanted_ids],
            )
            await self._rbac.invalidate(account.id)
        return sorted(wanted)

    async def deactivate(
        self, actor: Principal | None, account_id: UUID, client: ClientInfo = NO_CLIENT
    ) -> ServiceAccount:
        """Refuse the account from now on: every key of it is revoked on every instance."""
        await self._touch(actor, account_id, client)
        async with transaction():
            account = await _locked(account_id)
            account.is_active = False
            account.deactivated_at = self._clock.now()
            await account.save()
            await self._api_keys.record_owner_keys_revoked(
                Owner.service_account(account.id), "owner_deactivated"
            )
            await self._record(AuditAction.SERVICE_ACCOUNT_DEACTIVATED, actor, account, client, {})
            await self._rbac.invalidate(account.id)
        return account

    async def reactivate(
        self, actor: Principal | None, account_id: UUID, client: ClientInfo = NO_CLIENT
    ) -> ServiceAccount:
        """Allow the account again; keys revoked by the deactivation stay revoked."""
        await self._touch(actor, account_id, client)
        async with transaction():
            account = await _locked(account_id)
            account.is_active = True
            account.deactivated_at = None
            await account.save()
            await self._record(AuditAction.SERVICE_ACCOUNT_REACTIVATED, actor, account, client, {})
            await self._rbac.invalidate(account.id)
        return account

    async def delete(
        self, actor: Principal | None, account_id: UUID, client: ClientInfo = NO_CLIENT
    ) -> None:
        """Remove the account, its roles and its keys (refused on every instance)."""
        await self._touch(actor, account_id, client)
        async with transaction():
            account = await _locked(account_id)
            # Its role links go before any audit append: a role's deletion removes links too.
            await ServiceAccountRole.filter(service_account_id=account.id).delete()
            await self._api_keys.record_owner_keys_revoked(
                Owner.service_account(account.id), "owner_deleted"
            )
            await account.delete()
            await self._record(
                AuditAction.SERVICE_ACCOUNT_DELETED, actor, account, client, {"slug": account.slug}
            )
            await self._rbac.invalidate(account.id)

    async def _record(
        self,
        action: AuditAction,
        actor: Principal | None,
        account: ServiceAccount,
        client: ClientInfo,
        details: dict[str, object],
    ) -> None:
        await self._audit.record(
            action,
            actor=Subject.of(actor) if actor else None,
            target=Subject("service_account", str(account.id)),
            client=client,
            details=details,
        )
        await self._events.publish(
            ServiceAccountChanged(change=_CHANGES[action], slug=account.slug),
            subject=SubjectRef.service_account(account.id),
            actor=SubjectRef.of(actor) if actor else None,
        )


_CHANGES: dict[AuditAction, ServiceAccountChange] = {
    AuditAction.SERVICE_ACCOUNT_CREATED: "created",
    AuditAction.SERVICE_ACCOUNT_UPDATED: "updated",
    AuditAction.SERVICE_ACCOUNT_DEACTIVATED: "deactivated",
    AuditAction.SERVICE_ACCOUNT_REACTIVATED: "reactivated",
    AuditAction.SERVICE_ACCOUNT_DELETED: "deleted",
    AuditAction.SERVICE_ACCOUNT_ROLES_ASSIGNED: "roles",
}
"""The `service_account.changed` event of each audited change (every change of an account is
audited through `_record`, and so announced)."""


async def _locked(account_id: UUID) -> ServiceAccount:
    """The account's row, locked until the transaction ends (on PostgreSQL; SQLite runs one
    writing transaction at a time): the first lock every change of an account takes."""
    account = await ServiceAccount.select_for_update().get_or_none(id=account_id)
    if account is None:
        raise NotFound("No such service account")
    return account


def _check_text(name: str, description: str, owner_team: str | None) -> None:
    if not 1 <= len(name.strip()) <= 200:
        raise InvalidInput("A name is 1-200 characters")
    if len(description) > 1000:
        raise InvalidInput("A description is at most 1000 characters")
    if owner_team is not None and len(owner_team) > 200:
        raise InvalidInput("owner_team is at most 200 characters")
