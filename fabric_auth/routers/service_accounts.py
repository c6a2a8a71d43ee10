"""`create_service_accounts_router()`: service accounts, their roles and their API keys.

Reading needs `service_accounts:read`; everything else `service_accounts:manage`, and the rules
of `services.authorization` (nobody grants or touches more than they hold) apply.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request, status
from pydantic import BaseModel, ConfigDict, Field

from fabric_auth.dependencies import authorized
from fabric_auth.exceptions import (
    AlreadyExists,
    EscalationDenied,
    NotFound,
    UnknownPermission,
)
from fabric_auth.http import FabricRoute, client_info
from fabric_auth.openapi import errors
from fabric_auth.principal import Principal
from fabric_auth.routers.api_keys import (
    ApiKeyCreate,
    ApiKeyIssued,
    ApiKeyRead,
    ApiKeyRotate,
    issue_key,
    list_keys,
    revoke_key,
    rotate_key,
)
from fabric_auth.routers.schemas import DEFAULT_LIMIT, Cursor, Limit, Name, Page, Text
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.api_keys import Owner
from fabric_auth.services.authorization import Action
from fabric_auth.services.service_accounts import SLUG_PATTERN, ServiceAccountChanges
from fabric_auth.store.models import ServiceAccount

RoleName = Annotated[Text, Field(max_length=64)]


class ServiceAccountCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: Text = Field(max_length=64, json_schema_extra={"pattern": SLUG_PATTERN})
    """Unique: 1-64 lowercase letters, digits or `-`, starting with a letter."""
    name: Name
    description: Text = Field(default="", max_length=1000)
    owner_team: Text | None = Field(default=None, max_length=200)
    roles: list[RoleName] = Field(default_factory=list, max_length=100)


class ServiceAccountUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    description: Text | None = Field(default=None, max_length=1000)
    owner_team: Text | None = Field(default=None, max_length=200)


class ServiceAccountRoles(BaseModel):
    model_config = ConfigDict(extra="forbid")

    roles: list[RoleName] = Field(max_length=100)


class ServiceAccountRead(BaseModel):
    id: UUID
    slug: str
    name: str
    description: str
    owner_team: str | None
    created_by: UUID | None
    is_active: bool
    created_at: datetime
    deactivated_at: datetime | None
    roles: list[str]


Reader = Annotated[Principal, Depends(authorized(Action.SERVICE_ACCOUNTS_READ))]
Creator = Annotated[Principal, Depends(authorized(Action.SERVICE_ACCOUNTS_CREATE))]
Manager = Annotated[Principal, Depends(authorized(Action.SERVICE_ACCOUNTS_CHANGE))]


async def _read(request: Request, account_id: UUID) -> ServiceAccountRead:
    account = await FabricAuth.of(request).services.service_accounts.get(account_id)
    return await _read_account(request, account)


async def _read_account(request: Request, account: ServiceAccount) -> ServiceAccountRead:
    services = FabricAuth.of(request).services.service_accounts
    return ServiceAccountRead(
        id=account.id,
        slug=account.slug,
        name=account.name,
        description=account.description,
        owner_team=account.owner_team,
        created_by=account.created_by,
        is_active=account.is_active,
        created_at=account.created_at,
        deactivated_at=account.deactivated_at,
        roles=await services.roles_of(account.id),
    )


async def _owner(request: Request, account_id: UUID) -> Owner:
    account = await FabricAuth.of(request).services.service_accounts.get(account_id)
    return Owner.service_account(account.id)


def create_service_accounts_router(
    *, prefix: str = "/service-accounts", name_prefix: str = "service_accounts"
) -> APIRouter:
    """Service accounts: CRUD, deactivate/reactivate, roles and API keys."""
    router = APIRouter(prefix=prefix, tags=["service accounts"], route_class=FabricRoute)
    created = status.HTTP_201_CREATED
    no_content = status.HTTP_204_NO_CONTENT

    @router.get("", name=f"{name_prefix}:list", response_model=Page[ServiceAccountRead])
    async def list_accounts(
        request: Request, _: Reader, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
    ) -> Page[ServiceAccountRead]:
        """Service accounts by slug, inactive ones included."""
        page = await FabricAuth.of(request).services.service_accounts.list_accounts(
            cursor=cursor, limit=limit
        )
        items = [await _read_account(request, account) for account in page.items]
        return Page[ServiceAccountRead](items=items, next_cursor=page.next_cursor)

    @router.post(
        "",
        name=f"{name_prefix}:create",
        responses=errors(AlreadyExists, EscalationDenied, NotFound),
        response_model=ServiceAccountRead,
        status_code=created,
    )
    async def create_account(
        request: Request, body: ServiceAccountCreate, actor: Creator
    ) -> ServiceAccountRead:
        """Create a service account with roles whose permissions you hold."""
        account = await FabricAuth.of(request).services.service_accounts.create(
            actor,
            slug=body.slug,
            name=body.name,
            description=body.description,
            owner_team=body.owner_team,
            roles=body.roles,
            client=client_info(request),
        )
        return await _read(request, account.id)

    @router.get("/{account_id}", name=f"{name_prefix}:read", response_model=ServiceAccountRead)
    async def read_account(request: Request, account_id: UUID, _: Reader) -> ServiceAccountRead:
        return await _read(request, account_id)

    @router.patch("/{account_id}", name=f"{name_prefix}:update", response_model=ServiceAccountRead)
    async def update_account(
        request: Request, account_id: UUID, body: ServiceAccountUpdate, actor: Manager
    ) -> ServiceAccountRead:
        await FabricAuth.of(request).services.service_accounts.update(
            actor,
            account_id,
            ServiceAccountChanges(**body.model_dump(exclude_none=True)),
            client_info(request),
        )
        return await _read(request, account_id)

    @router.delete("/{account_id}", name=f"{name_prefix}:delete", status_code=no_content)
    async def delete_account(request: Request, account_id: UUID, actor: Manager) -> None:
        """Delete the account; its keys are refused on every instance from the next request."""
        await FabricAuth.of(request).services.service_accounts.delete(
            actor, account_id, client_info(request)
        )

    @router.post(
        "/{account_id}/deactivate",
        name=f"{name_prefix}:deactivate",
        response_model=ServiceAccountRead,
    )
    async def deactivate(request: Request, account_id: UUID, actor: Manager) -> ServiceAccountRead:
        """Deactivate the account and revoke every key of it."""
        await FabricAuth.of(request).services.service_accounts.deactivate(
            actor, account_id, client_info(request)
        )
        return await _read(request, account_id)

    @router.post(
        "/{account_id}/reactivate",
        name=f"{name_prefix}:reactivate",
        response_model=ServiceAccountRead,
    )
    async def reactivate(request: Request, account_id: UUID, actor: Manager) -> ServiceAccountRead:
        """Allow the account again; keys revoked by the deactivation stay revoked."""
        await FabricAuth.of(request).services.service_accounts.reactivate(
            actor, account_id, client_info(request)
        )
        return await _read(request, account_id)

    @router.put(
        "/{account_id}/roles",
        name=f"{name_prefix}:set_roles",
        responses=errors(EscalationDenied),
        response_model=ServiceAccountRead,
    )
    async def set_roles(
        request: Request, account_id: UUID, body: ServiceAccountRoles, actor: Manager
    ) -> ServiceAccountRead:
        """Replace the account's roles; you must hold every permission given or taken."""
        await FabricAuth.of(request).services.service_accounts.set_roles(
            actor, account_id, body.roles, client_info(request)
        )
        return await _read(request, account_id)

    @router.get(
        "/{account_id}/api-keys", name=f"{name_prefix}:list_keys", response_model=Page[ApiKeyRead]
    )
    async def list_account_keys(
        request: Request,
        account_id: UUID,
        _: Reader,
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> Page[ApiKeyRead]:
        """The account's keys, newest first, revoked ones included."""
        return await list_keys(request, await _owner(request, account_id), cursor, limit)

    @router.post(
        "/{account_id}/api-keys",
        name=f"{name_prefix}:create_key",
        responses=errors(EscalationDenied, UnknownPermission),
        response_model=ApiKeyIssued,
        status_code=created,
    )
    async def create_account_key(
        request: Request, account_id: UUID, body: ApiKeyCreate, actor: Manager
    ) -> ApiKeyIssued:
        """Issue a key (`fas_...`) with scopes you hold. The response carries the key once."""
        return await issue_key(request, actor, await _owner(request, account_id), body)

    @router.post(
        "/{account_id}/api-keys/{key_id}/rotate",
        name=f"{name_prefix}:rotate_key",
        response_model=ApiKeyIssued,
        status_code=created,
    )
    async def rotate_account_key(
        request: Request, account_id: UUID, key_id: UUID, body: ApiKeyRotate, actor: Manager
    ) -> ApiKeyIssued:
        return await rotate_key(request, actor, await _owner(request, account_id), key_id, body)

    @router.delete(
        "/{account_id}/api-keys/{key_id}",
        name=f"{name_prefix}:revoke_key",
        status_code=no_content,
    )
    async def revoke_account_key(
        request: Request, account_id: UUID, key_id: UUID, actor: Manager
    ) -> None:
        await revoke_key(request, actor, await _owner(request, account_id), key_id)

    return router
