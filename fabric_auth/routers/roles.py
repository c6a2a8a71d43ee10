"""`create_roles_router()`: roles, their permissions, and the permission catalogue."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request, status
from pydantic import BaseModel, ConfigDict, Field

from fabric_auth.dependencies import authorized
from fabric_auth.exceptions import (
    AlreadyExists,
    BuiltinRole,
    EscalationDenied,
    UnknownPermission,
)
from fabric_auth.http import FabricRoute, client_info
from fabric_auth.openapi import errors
from fabric_auth.permissions import GRANT_PATTERN
from fabric_auth.principal import Principal
from fabric_auth.routers.schemas import DEFAULT_LIMIT, Cursor, Limit, Page, Text
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.authorization import Action
from fabric_auth.store.models import Role

Grant = Annotated[Text, Field(max_length=200, json_schema_extra={"pattern": GRANT_PATTERN})]


class RoleRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    name: str
    description: str
    permissions: list[str]
    is_builtin: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, role: Role) -> RoleRead:
        return cls.model_validate(role)


class RoleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text = Field(min_length=1, max_length=64)
    description: Text = Field(default="", max_length=500)
    permissions: list[Grant] = Field(max_length=500)


class RoleUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: Text | None = Field(default=None, max_length=500)
    permissions: list[Grant] | None = Field(default=None, max_length=500)


class PermissionsBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    permissions: list[Grant] = Field(max_length=500)


class PermissionRead(BaseModel):
    code: str
    description: str


Reader = Annotated[Principal, Depends(authorized(Action.ROLES_READ))]
Manager = Annotated[Principal, Depends(authorized(Action.ROLES_MANAGE))]


def create_roles_router(*, prefix: str = "", name_prefix: str = "roles") -> APIRouter:
    """`/roles` and `/permissions`. Mount under any prefix (e.g. `/api/v1`)."""
    router = APIRouter(prefix=prefix, tags=["roles"], route_class=FabricRoute)

    @router.get(
        "/permissions", name=f"{name_prefix}:permissions", response_model=Page[PermissionRead]
    )
    async def permissions(
        request: Request, _: Reader, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
    ) -> Page[PermissionRead]:
        """The permission catalogue, by code: every code that may be granted."""
        page = FabricAuth.of(request).services.rbac.list_permissions(cursor=cursor, limit=limit)
        return Page[PermissionRead].of(
            page, lambda info: PermissionRead(code=info.code, description=info.description)
        )

    @router.get("/roles", name=f"{name_prefix}:list", response_model=Page[RoleRead])
    async def list_roles(
        request: Request, _: Reader, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
    ) -> Page[RoleRead]:
        """Roles by name."""
        page = await FabricAuth.of(request).services.rbac.list_roles(cursor=cursor, limit=limit)
        return Page[RoleRead].of(page, RoleRead.of)

    @router.post(
        "/roles",
        name=f"{name_prefix}:create",
        responses=errors(AlreadyExists, UnknownPermission, EscalationDenied),
        response_model=RoleRead,
        status_code=status.HTTP_201_CREATED,
    )
    async def create_role(request: Request, body: RoleCreate, actor: Manager) -> RoleRead:
        """Create a role; you can only put in it permissions you hold yourself."""
        role = await FabricAuth.of(request).services.rbac.create_role(
            actor, body.name, body.permissions, body.description, client_info(request)
        )
        return RoleRead.of(role)

    @router.get("/roles/{name}", name=f"{name_prefix}:read", response_model=RoleRead)
    async def read_role(request: Request, name: Text, _: Reader) -> RoleRead:
        return RoleRead.of(await FabricAuth.of(request).services.rbac.get_role(name))

    @router.patch(
        "/roles/{name}",
        name=f"{name_prefix}:update",
        responses=errors(BuiltinRole, UnknownPermission, EscalationDenied),
        response_model=RoleRead,
    )
    async def update_role(
        request: Request, name: Text, body: RoleUpdate, actor: Manager
    ) -> RoleRead:
        """Change a role's description or permissions (you must hold the old and new ones)."""
        role = await FabricAuth.of(request).services.rbac.update_role(
            actor,
            name,
            permissions=body.permissions,
            description=body.description,
            client=client_info(request),
        )
        return RoleRead.of(role)

    @router.put(
        "/roles/{name}/permissions",
        name=f"{name_prefix}:set_permissions",
        responses=errors(BuiltinRole, UnknownPermission, EscalationDenied),
        response_model=RoleRead,
    )
    async def set_permissions(
        request: Request, name: Text, body: PermissionsBody, actor: Manager
    ) -> RoleRead:
        """Replace a role's permissions."""
        role = await FabricAuth.of(request).services.rbac.update_role(
            actor, name, permissions=body.permissions, client=client_info(request)
        )
        return RoleRead.of(role)

    @router.delete(
        "/roles/{name}",
        name=f"{name_prefix}:delete",
        responses=errors(BuiltinRole),
        status_code=status.HTTP_204_NO_CONTENT,
    )
    async def delete_role(request: Request, name: Text, actor: Manager) -> None:
        """Delete a role (not a built-in one); its holders lose its permissions at once."""
        await FabricAuth.of(request).services.rbac.delete_role(actor, name, client_info(request))

    return router
