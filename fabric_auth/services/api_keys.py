"""API keys of users and service accounts: issuing, rotating, revoking, and the hot path.

`authenticate` is on every key-authenticated request, so once a key is warm it does no I/O: a
bounded in-memory cache maps the key's SHA-256 to an immutable record (owner, scopes, expiry);
expiry is checked against the clock and revocation against the in-memory list that
`services.revocation` keeps current on every instance (through the change feed,
`services.changes`). A record never changes after issue except by
revocation, so the cache needs no invalidation of its own.

`last_used_at` is written at most once per `api_key_last_used_interval` per key and instance,
off the request path (`BackgroundWork`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from fabric_auth.cache import BoundedCache
from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.events.catalogue import ApiKeyCreated, ApiKeyRevoked
from fabric_auth.exceptions import InvalidApiKey, InvalidInput, NotFound, TooManyApiKeys
from fabric_auth.pagination import DEFAULT_PAGE_SIZE, MomentKey, Page, checked_limit, page_of
from fabric_auth.principal import AuthMethod, Principal, PrincipalKind, SubjectRef
from fabric_auth.services.audit import AuditAction, AuditLog, Subject
from fabric_auth.services.authorization import Action, AuthorizationService
from fabric_auth.services.background import BackgroundWork
from fabric_auth.services.events import EventOutbox
from fabric_auth.services.rbac import RbacService
from fabric_auth.services.revocation import RevocationEntry, RevocationService
from fabric_auth.settings import AuthSettings
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import ApiKey, ServiceAccount, User
from fabric_auth.store.queries.pages import newest_first
from fabric_auth.tokens import api_keys as key_format

MAX_SCOPES = 100
_KEY_CURSOR = MomentKey("api_keys")
_USE_TABLE_LIMIT = 100_000


Owner = SubjectRef
"""Whose key: a user or a service account."""


def _owned_by(owner: Owner) -> dict[str, Any]:
    """Store filter selecting `owner`'s keys."""
    if owner.is_user:
        return {"user_id": owner.uuid}
    return {"service_account_id": owner.uuid}


@dataclass(frozen=True, slots=True)
class IssuedKey:
    """A new key: `raw` is shown once and never stored."""

    key: ApiKey
    raw: str


@dataclass(frozen=True, slots=True)
class _KeyRecord:
    principal: Principal
    key_id: UUID
    expires_at: float


class ApiKeyService:
    def __init__(
        self,
        *,
        settings: AuthSettings,
        clock: Clock,
        revocations: RevocationService,
        rbac: RbacService,
        authorization: AuthorizationService,
        audit: AuditLog,
        events: EventOutbox,
        background: BackgroundWork,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._revocations = revocations
        self._rbac = rbac
        self._authorization = authorization
        self._audit = audit
        self._events = events
        self._background = background
        self._known: BoundedCache[str, _KeyRecord] = BoundedCache(settings.api_key_cache_size)
        """Keys seen valid, by the key as presented: a warm key costs one dictionary look-up,
        not a format check and a SHA-256 (together about 5 µs, 3% of a fast route). Such keys
        are in this process's memory anyway, as every request's headers are; expiry and
        revocation are still checked on every use."""
        self._unknown: BoundedCache[str, bool] = BoundedCache(settings.api_key_cache_size)
        """Hashes with no usable row. A key is never un-revoked, and a hash presented before
        its key was issued would mean guessing 178 random bits, so these never go stale."""
        self._loading: dict[str, asyncio.Future[_KeyRecord | None]] = {}
        self._last_written: dict[int, float] = {}
        """Key id (`UUID.int`) -> when this instance last wrote (or scheduled) its
        `last_used_at`."""

    # --- the hot path ------------------------------------------------------------------

    def known(self, raw: str, client_ip: Callable[[], str]) -> Principal | None:
        """`authenticate` for a key this instance has already seen valid, without awaiting:
        `None` when the key is not known here (then call `authenticate`); raises as it does."""
        record = self._known.get(raw)
        return None if record is None else self._admit(record, client_ip)

    async def authenticate(self, raw: str, client_ip: Callable[[], str]) -> Principal:
        """The principal a presented key stands for, or `InvalidApiKey` (one answer for
        malformed, unknown, expired and revoked keys). `client_ip` is called only when the
        key's last use is due to be written."""
        record = self._known.get(raw)
        if record is None:
            if key_format.kind_of(raw) is None:
                raise InvalidApiKey()
            digest = key_format.hash_key(raw)
            if self._unknown.get(digest) is None:
                record = await self._load_once(digest)
            if record is None:
                raise InvalidApiKey()
            self._known.put(raw, record)
        return self._admit(record, client_ip)

    def _admit(self, record: _KeyRecord, client_ip: Callable[[], str]) -> Principal:
        """The key's principal if it is still valid now (expiry and revocation are checked on
        every use), noting the use."""
        now = self._clock.timestamp()
        revoked = self._revocations.revoked
        if record.expires_at <= now or revoked.is_key_revoked(record.key_id.int, now):
            raise InvalidApiKey()
        self._note_use(record, now, client_ip)
        return record.principal

    async def _load_once(self, digest: str) -> _KeyRecord | None:
        # Requests presenting the same cold key together wait for one query.
        loading = self._loading.get(digest)
        if loading is None:
            loading = asyncio.ensure_future(self._load(digest))
            self._loading[digest] = loading
            loading.add_done_callback(lambda _: self._loading.pop(digest, None))
        return await asyncio.shield(loading)

    async def _load(self, digest: str) -> _KeyRecord | None:
        row = await ApiKey.get_or_none(key_hash=digest, revoked_at__isnull=True)
        if row is None:
            self._unknown.put(digest, True)
            return None
        owner = _owner_of(row)
        record = _KeyRecord(
            principal=Principal(
                id=owner.uuid,
                kind=PrincipalKind(owner.kind),
                auth_method=AuthMethod.API_KEY,
                expires_at=row.expires_at.timestamp(),
                key_id=row.id,
                scopes=tuple(row.scopes),
            ),
            key_id=row.id,
            expires_at=row.expires_at.timestamp(),
        )
        return record

    def _note_use(self, record: _KeyRecord, now: float, client_ip: Callable[[], str]) -> None:
        last = self._last_written.get(record.key_id.int)
        if last is not None and now - last < self._settings.api_key_last_used_interval:
            return
        if len(self._last_written) >= _USE_TABLE_LIMIT:
            self._last_written.clear()
        self._last_written[record.key_id.int] = now
        self._background.spawn(
            self._write_last_used(record.key_id, self._clock.now(), client_ip()),
            "api-key-last-used",
        )

    async def _write_last_used(self, key_id: UUID, at: datetime, ip_address: str) -> None:
        await ApiKey.filter(id=key_id).update(last_used_at=at, last_used_ip=ip_address[:64])

    # --- issuing -----------------------------------------------------------------------

    async def create(
        self,
        actor: Principal | None,
        owner: Owner,
        *,
        name: str,
        scopes: Iterable[str],
        expires_in_days: int | None = None,
        expires_at: datetime | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> IssuedKey:
        """Issue a key. `actor` (with its effective permissions; `None`: the system) must be
        allowed to manage the owner's keys and hold every scope (`services.authorization`);
        the lifetime is at most `api_key_max_lifetime_days` (and that by default), and a key
        minted by a key lives no longer than it (by default exactly as long)."""
        action = _issue_action(actor, owner)
        await self._authorization.authorize(actor, action, owner, client=client)
        name = _checked_name(name)
        grants = self._checked_scopes(scopes)
        now = self._clock.now()
        expiry = self._expiry(now, expires_in_days, expires_at, _minting_key_expiry(actor))
        await self._authorization.authorize_key(
            actor, action, owner, grants, expiry.timestamp(), client=client
        )
        async with transaction():
            await self._make_room(owner, now, ending=None)
            issued = await self._insert(actor, owner, name, grants, now, expiry)
            await self._audit.record(
                AuditAction.API_KEY_CREATED,
                actor=_actor(actor),
                target=Subject("api_key", str(issued.key.id)),
                client=client,
                details=_details(issued.key, owner),
            )
        return issued

    async def rotate(
        self,
        actor: Principal | None,
        owner: Owner,
        key_id: UUID,
        *,
        overlap_seconds: int = 0,
        client: ClientInfo = NO_CLIENT,
    ) -> IssuedKey:
        """Replace a key by a new one with the same name, scopes and lifetime; the old one
        keeps working for `overlap_seconds` (0: stops now), on every instance."""
        if not 0 <= overlap_seconds <= 7 * 86_400:
            raise InvalidInput("overlap_seconds must be between 0 and 604800")
        action = _issue_action(actor, owner)
        await self._authorization.authorize(actor, action, owner, client=client)
        old = await self.get(owner, key_id)
        now = self._clock.now()
        if old.revoked_at is not None or old.expires_at <= now or old.replaced_by is not None:
            raise InvalidInput("Only a live key that was not rotated yet can be rotated")
        grants = self._checked_scopes(old.scopes)
        lifetime = min(
            old.expires_at - old.created_at,
            timedelta(days=self._settings.api_key_max_lifetime_days),
        )
        minting_expiry = _minting_key_expiry(actor)
        if minting_expiry is not None:
            lifetime = min(lifetime, minting_expiry - now)
        await self._authorization.authorize_key(
            actor, action, owner, grants, (now + lifetime).timestamp(), client=client
        )
        ends = now + timedelta(seconds=overlap_seconds)
        # Instances may hold the old record (with this expiry) in memory: the revocation must
        # outlive it, not just the shortened expiry.
        cached_expiry = old.expires_at
        async with transaction():
            # Without an overlap the old key ends with this change, so it leaves room for the
            # new one; with one, both live for a while and the new one needs room of its own.
            await self._make_room(owner, now, ending=old.id if overlap_seconds == 0 else None)
            issued = await self._insert(actor, owner, old.name, grants, now, now + lifetime)
            old.replaced_by = issued.key.id
            if overlap_seconds == 0:
                old.revoked_at = now
                old.revoked_by = f"rotated:{issued.key.id}"
            old.expires_at = min(old.expires_at, ends)
            await old.save()
            await self._revocations.record_key(
                old.id, effective_at=ends, key_expires_at=cached_expiry
            )
            await self._events.publish(
                ApiKeyRevoked(key_id=old.id, effective_at=ends, reason="rotated"),
                subject=owner,
                actor=_actor(actor),
            )
            await self._audit.record(
                AuditAction.API_KEY_ROTATED,
                actor=_actor(actor),
                target=Subject("api_key", str(old.id)),
                client=client,
                details={
                    **_details(issued.key, owner),
                    "replaced_by": str(issued.key.id),
                    "overlap_seconds": overlap_seconds,
                },
            )
        return issued

    async def _insert(
        self,
        actor: Principal | None,
        owner: Owner,
        name: str,
        scopes: list[str],
        now: datetime,
        expiry: datetime,
    ) -> IssuedKey:
        new = key_format.generate(PrincipalKind(owner.kind))
        key = await ApiKey.create(
            key_hash=new.hash,
            display_prefix=new.display_prefix,
            last4=new.last4,
            name=name,
            scopes=scopes,
            created_at=now,
            expires_at=expiry,
            created_by_type=actor.kind.value if actor else None,
            created_by_id=actor.id if actor else None,
            parent_key_id=actor.key_id if actor else None,
            **_owned_by(owner),
        )
        await self._events.publish(
            ApiKeyCreated(
                key_id=key.id,
                name=name,
                prefix=key.display_prefix,
                scopes=scopes,
                expires_at=expiry,
            ),
            subject=owner,
            actor=_actor(actor),
        )
        return IssuedKey(key=key, raw=new.raw)

    def _checked_scopes(self, scopes: Iterable[str]) -> list[str]:
        grants = list(dict.fromkeys(scopes))
        if not grants:
            raise InvalidInput("An API key needs at least one scope")
        if len(grants) > MAX_SCOPES:
            raise InvalidInput(f"An API key has at most {MAX_SCOPES} scopes")
        return self._rbac.check_grantable(grants)

    def _expiry(
        self,
        now: datetime,
        expires_in_days: int | None,
        expires_at: datetime | None,
        minting_key_expiry: datetime | None,
    ) -> datetime:
        longest = now + timedelta(days=self._settings.api_key_max_lifetime_days)
        if minting_key_expiry is not None and expires_in_days is None and expires_at is None:
            return min(longest, minting_key_expiry)
        if expires_in_days is not None and expires_at is not None:
            raise InvalidInput("Give expires_in_days or expires_at, not both")
        if expires_in_days is not None:
            if expires_in_days < 1:
                raise InvalidInput("expires_in_days must be at least 1")
            expiry = now + timedelta(days=expires_in_days)
        elif expires_at is not None:
            if expires_at.tzinfo is None:
                raise InvalidInput("expires_at needs a time zone")
            expiry = expires_at
        else:
            return longest
        if expiry <= now:
            raise InvalidInput("expires_at must be in the future")
        if expiry > longest:
            raise InvalidInput(
                f"API keys live at most {self._settings.api_key_max_lifetime_days} days"
            )
        return expiry

    async def _make_room(self, owner: Owner, now: datetime, *, ending: UUID | None) -> None:
        """Inside the issuing transaction: lock the owner's row, then refuse an owner that is
        not active, or that already holds `max_api_keys_per_subject` live keys (`ending`, a
        key this change ends, not counted). The lock makes concurrent issues to one owner
        count one after another on PostgreSQL (SQLite runs one writing transaction at a
        time), so no number of them overshoots the cap; the rows they lock are the owner's,
        which only the owner's own changes wait for."""
        if owner.is_user:
            holder: User | ServiceAccount | None = await User.select_for_update().get_or_none(
                id=owner.uuid, is_active=True, deleted_at__isnull=True
            )
        else:
            holder = await ServiceAccount.select_for_update().get_or_none(
                id=owner.uuid, is_active=True
            )
        if holder is None:
            raise InvalidInput("Keys are issued to active owners only")
        live = ApiKey.filter(**_owned_by(owner), revoked_at__isnull=True, expires_at__gt=now)
        if ending is not None:
            live = live.exclude(id=ending)
        if await live.count() >= self._settings.max_api_keys_per_subject:
            raise TooManyApiKeys(
                f"At most {self._settings.max_api_keys_per_subject} live API keys: revoke one first"
            )

    # --- reading -----------------------------------------------------------------------

    async def list_keys(
        self, owner: Owner, *, cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE
    ) -> Page[ApiKey]:
        """The owner's keys, newest first, revoked and expired ones included: one page of at
        most `limit`, after `cursor`."""
        limit = checked_limit(limit)
        after = None if cursor is None else _KEY_CURSOR.decode(cursor)
        rows = await newest_first(ApiKey.filter(**_owned_by(owner)), after, limit)
        return page_of(rows, limit, lambda key: _KEY_CURSOR.encode(key.created_at, key.id))

    async def owner_of(self, key_id: UUID) -> Owner:
        key = await ApiKey.get_or_none(id=key_id)
        if key is None:
            raise NotFound("No such API key")
        return _owner_of(key)

    async def get(self, owner: Owner, key_id: UUID) -> ApiKey:
        key = await ApiKey.get_or_none(id=key_id, **_owned_by(owner))
        if key is None:
            raise NotFound("No such API key")
        return key

    # --- revoking ----------------------------------------------------------------------

    async def revoke(
        self,
        actor: Principal | None,
        owner: Owner,
        key_id: UUID,
        client: ClientInfo = NO_CLIENT,
    ) -> ApiKey:
        """Refuse the key, and every key minted with it (and with those, ...), from now on, on
        every instance (idempotent)."""
        await self._authorization.authorize(
            actor, _revoke_action(actor, owner), owner, client=client
        )
        async with transaction():
            key = await self.get(owner, key_id)
            if key.revoked_at is not None:
                return key
            minted = await self._minted_with(key)
            await self._record_revoked(
                [key, *minted],
                f"{actor.kind.value}:{actor.id}" if actor else "system",
                actor=actor,
            )
            await self._audit.record(
                AuditAction.API_KEY_REVOKED,
                actor=_actor(actor),
                target=Subject("api_key", str(key.id)),
                client=client,
                details={**_details(key, owner), "minted_keys": [str(k.id) for k in minted]},
            )
        return key

    async def _minted_with(self, key: ApiKey) -> list[ApiKey]:
        """The live keys minted with `key`, and those minted with them, and so on."""
        now = self._clock.now()
        found: list[ApiKey] = []
        parents = [key.id]
        while parents:
            children = await ApiKey.filter(
                parent_key_id__in=parents, revoked_at__isnull=True, expires_at__gt=now
            )
            found.extend(children)
            parents = [child.id for child in children]
        return found

    async def record_owner_keys_revoked(self, owner: Owner, reason: str) -> list[RevocationEntry]:
        """Revoke every live key of `owner` inside the caller's transaction (deactivation,
        deletion)."""
        now = self._clock.now()
        keys = await ApiKey.filter(**_owned_by(owner), revoked_at__isnull=True, expires_at__gt=now)
        entries = await self._record_revoked(keys, reason)
        if keys:
            await self._audit.record(
                AuditAction.API_KEY_REVOKED,
                target=owner,
                details={"reason": reason, "keys": [str(key.id) for key in keys]},
            )
        return entries

    async def _record_revoked(
        self, keys: list[ApiKey], revoked_by: str, *, actor: Principal | None = None
    ) -> list[RevocationEntry]:
        now = self._clock.now()
        entries = []
        for key in keys:
            key.revoked_at = now
            key.revoked_by = revoked_by[:100]
            await key.save(update_fields=["revoked_at", "revoked_by"])
            await self._events.publish(
                ApiKeyRevoked(key_id=key.id, effective_at=now, reason=revoked_by[:100]),
                subject=_owner_of(key),
                actor=_actor(actor),
            )
            entries.append(
                await self._revocations.record_key(
                    key.id, effective_at=now, key_expires_at=key.expires_at
                )
            )
        return entries


def _issue_action(actor: Principal | None, owner: Owner) -> Action:
    return _own_or(actor, owner, Action.API_KEYS_CREATE)


def _revoke_action(actor: Principal | None, owner: Owner) -> Action:
    return _own_or(actor, owner, Action.API_KEYS_REVOKE)


def _own_or(actor: Principal | None, owner: Owner, action: Action) -> Action:
    """`account.api_keys` for the caller's own keys; else `action` (a user's keys) or
    `service_accounts.change` (a service account's)."""
    if actor is not None and Owner.of(actor) == owner:
        return Action.ACCOUNT_API_KEYS
    if not owner.is_user:
        return Action.SERVICE_ACCOUNTS_CHANGE
    return action


def _minting_key_expiry(actor: Principal | None) -> datetime | None:
    """The expiry of the key `actor` presented, when it is a key: what it mints ends by then."""
    if actor is None or actor.auth_method is not AuthMethod.API_KEY or actor.expires_at is None:
        return None
    return datetime.fromtimestamp(actor.expires_at, UTC)


def _owner_of(key: ApiKey) -> Owner:
    user_id: UUID | None = key.user_id  # type: ignore[attr-defined]
    if user_id is not None:
        return Owner.user(user_id)
    return Owner.service_account(key.service_account_id)  # type: ignore[attr-defined]


def _actor(actor: Principal | None) -> Subject | None:
    return Subject.of(actor) if actor else None


def _details(key: ApiKey, owner: Owner) -> dict[str, object]:
    return {
        "name": key.name,
        "owner": owner.key,
        "display_prefix": key.display_prefix,
        "scopes": list(key.scopes),
        "expires_at": key.expires_at.isoformat(),
    }


def _checked_name(name: str) -> str:
    name = name.strip()
    if not 1 <= len(name) <= 200:
        raise InvalidInput("A key name is 1-200 characters")
    return name
