"""`create_api_keys_router()`: the caller's own API keys under `/users/me/api-keys` (with
`account:api_keys`), and any user's under `/users/{user_id}/api-keys` (with `api_keys:*`
permissions and the target rules of `services.authorization`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request, status
from pydantic import BaseModel, ConfigDict, Field

from fabric_auth.dependencies import authorized
from fabric_auth.exceptions import (
    EscalationDenied,
    UnknownPermission,
)
from fabric_auth.http import FabricRoute, client_info
from fabric_auth.openapi import errors
from fabric_auth.permissions import GRANT_PATTERN
from fabric_auth.principal import Principal
from fabric_auth.routers.schemas import DEFAULT_LIMIT, Cursor, Limit, Name, Page, Text
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.api_keys import IssuedKey, Owner
from fabric_auth.services.authorization import Action
from fabric_auth.store.models import ApiKey

Scope = Annotated[Text, Field(max_length=200, json_schema_extra={"pattern": GRANT_PATTERN})]


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        # Not both lifetimes at once (either may be absent or null).
        json_schema_extra={
            "not": {
                "required": ["expires_in_days", "expires_at"],
                "properties": {
                    "expires_in_days": {"type": "integer"},
                    "expires_at": {"type": "string"},
                },
            }
        },
    )

    name: Name
    scopes: list[Scope] = Field(min_length=1, max_length=100)
    """Permission grants (`reports:read`, `reports:*`); at least one, each held by the caller."""
    expires_in_days: int | None = Field(default=None, ge=1, le=3650)
    expires_at: datetime | None = None
    """Give one of the two, or neither for the longest lifetime the server allows."""


class ApiKeyRotate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    overlap_seconds: int = Field(default=0, ge=0, le=7 * 86_400)
    """How long the old key keeps working (0: it stops at once)."""


class ApiKeyRead(BaseModel):
    id: UUID
    name: str
    owner_type: str
    owner_id: UUID
    display_prefix: str
    last4: str
    scopes: list[str]
    created_at: datetime
    expires_at: datetime
    created_by_type: str | None
    created_by_id: UUID | None
    last_used_at: datetime | None
    last_used_ip: str
    revoked_at: datetime | None
    replaced_by: UUID | None

    @classmethod
    def of(cls, key: ApiKey) -> ApiKeyRead:
        user_id: UUID | None = key.user_id  # type: ignore[attr-defined]
        return cls(
            id=key.id,
            name=key.name,
            owner_type="user" if user_id else "service_account",
            owner_id=user_id or key.service_account_id,  # type: ignore[attr-defined]
            display_prefix=key.display_prefix,
            last4=key.last4,
            scopes=list(key.scopes),
            created_at=key.created_at,
            expires_at=key.expires_at,
            created_by_type=key.created_by_type,
            created_by_id=key.created_by_id,
            last_used_at=key.last_used_at,
            last_used_ip=key.last_used_ip,
            revoked_at=key.revoked_at,
            replaced_by=key.replaced_by,
        )


class ApiKeyIssued(ApiKeyRead):
    key: str
    """The key itself: shown this once, never again."""

    @classmethod
    def issued(cls, issued: IssuedKey) -> ApiKeyIssued:
        return cls(**ApiKeyRead.of(issued.key).model_dump(), key=issued.raw)


async def issue_key(
    request: Request, actor: Principal, owner: Owner, body: ApiKeyCreate
) -> ApiKeyIssued:
    issued = await FabricAuth.of(request).services.api_keys.create(
        actor,
        owner,
        name=body.name,
        scopes=body.scopes,
        expires_in_days=body.expires_in_days,
        expires_at=body.expires_at,
        client=client_info(request),
    )
    return ApiKeyIssued.issued(issued)


async def rotate_key(
    request: Request, actor: Principal, owner: Owner, key_id: UUID, body: ApiKeyRotate
) -> ApiKeyIssued:
    issued = await FabricAuth.of(request).services.api_keys.rotate(
        actor, owner, key_id, overlap_seconds=body.overlap_seconds, client=client_info(request)
    )
    return ApiKeyIssued.issued(issued)


async def list_keys(
    request: Request, owner: Owner, cursor: str | None, limit: int
) -> Page[ApiKeyRead]:
    page = await FabricAuth.of(request).services.api_keys.list_keys(
        owner, cursor=cursor, limit=limit
    )
    return Page[ApiKeyRead].of(page, ApiKeyRead.of)


async def revoke_key(request: Request, actor: Principal, owner: Owner, key_id: UUID) -> None:
    await FabricAuth.of(request).services.api_keys.revoke(
        actor, owner, key_id, client_info(request)
    )


Actor = Annotated[Principal, Depends(authorized(Action.ACCOUNT_API_KEYS))]


async def _user_owner(request: Request, user_id: UUID) -> Owner:
    user = await FabricAuth.of(request).services.user_admin.get(user_id)
    return Owner.user(user.id)


def create_api_keys_router(*, prefix: str = "/users", name_prefix: str = "api_keys") -> APIRouter:
    """API keys of users. Holders of `account:api_keys` (every user, through the `user` role)
    manage their own keys (never with scopes beyond what they hold); other users' keys need
    `api_keys:read|create|revoke`."""
    router = APIRouter(prefix=prefix, tags=["api keys"], route_class=FabricRoute)
    created = status.HTTP_201_CREATED
    no_content = status.HTTP_204_NO_CONTENT

    @router.get("/me/api-keys", name=f"{name_prefix}:list_own", response_model=Page[ApiKeyRead])
    async def list_own(
        request: Request, caller: Actor, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
    ) -> Page[ApiKeyRead]:
        """The caller's keys, newest first, revoked ones included."""
        return await list_keys(request, Owner.of(caller), cursor, limit)

    @router.post(
        "/me/api-keys",
        name=f"{name_prefix}:create_own",
        responses=errors(EscalationDenied, UnknownPermission),
        response_model=ApiKeyIssued,
        status_code=created,
    )
    async def create_own(request: Request, body: ApiKeyCreate, actor: Actor) -> ApiKeyIssued:
        """Issue a key to the caller. The response carries the key: it is not shown again."""
        return await issue_key(request, actor, Owner.of(actor), body)

    @router.post(
        "/me/api-keys/{key_id}/rotate",
        name=f"{name_prefix}:rotate_own",
        response_model=ApiKeyIssued,
        status_code=created,
    )
    async def rotate_own(
        request: Request, key_id: UUID, body: ApiKeyRotate, actor: Actor
    ) -> ApiKeyIssued:
        """Replace a key; the old one keeps working for `overlap_seconds`."""
        return await rotate_key(request, actor, Owner.of(actor), key_id, body)

    @router.delete(
        "/me/api-keys/{key_id}", name=f"{name_prefix}:revoke_own", status_code=no_content
    )
    async def revoke_own(request: Request, key_id: UUID, caller: Actor) -> None:
        """Revoke one of the caller's keys: refused on every instance from the next request."""
        await revoke_key(request, caller, Owner.of(caller), key_id)

    @router.get("/{user_id}/api-keys", name=f"{name_prefix}:list", response_model=Page[ApiKeyRead])
    async def list_for_user(
        request: Request,
        user_id: UUID,
        _: Annotated[Principal, Depends(authorized(Action.API_KEYS_READ))],
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> Page[ApiKeyRead]:
        """The user's keys, newest first, revoked ones included."""
        return await list_keys(request, await _user_owner(request, user_id), cursor, limit)

    @router.post(
        "/{user_id}/api-keys",
        name=f"{name_prefix}:create",
        responses=errors(EscalationDenied, UnknownPermission),
        response_model=ApiKeyIssued,
        status_code=created,
    )
    async def create_for_user(
        request: Request,
        user_id: UUID,
        body: ApiKeyCreate,
        actor: Annotated[Principal, Depends(authorized(Action.API_KEYS_CREATE))],
    ) -> ApiKeyIssued:
        """Issue a key to a user you may manage, with scopes you hold."""
        return await issue_key(request, actor, await _user_owner(request, user_id), body)

    @router.delete(
        "/{user_id}/api-keys/{key_id}", name=f"{name_prefix}:revoke", status_code=no_content
    )
    async def revoke_for_user(
        request: Request,
        user_id: UUID,
        key_id: UUID,
        actor: Annotated[Principal, Depends(authorized(Action.API_KEYS_REVOKE))],
    ) -> None:
        await revoke_key(request, actor, await _user_owner(request, user_id), key_id)

    return router
