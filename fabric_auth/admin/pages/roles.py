"""Roles and permissions: the roles with their grants, creating and editing them (nobody puts in
a role what they do not hold: `services.rbac` asks the decision point), deleting them (not the
built-in ones), and who holds each one."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends
from starlette.responses import Response

from fabric_auth.admin.access import NOTICES, Acting, Allowed, NavEntry, Page
from fabric_auth.admin.rendering import redirect
from fabric_auth.exceptions import InvalidInput
from fabric_auth.http import client_info
from fabric_auth.services.authorization import Action

NAV = NavEntry("Roles", "/roles", Action.ROLES_READ)
Viewing = Annotated[Page, Depends(Allowed(Action.ROLES_READ))]
Managing = Annotated[Page, Depends(Allowed(Action.ROLES_MANAGE))]
Changing = Annotated[Page, Depends(Acting(Action.ROLES_MANAGE))]

NOTICES.update(
    {
        "role_created": "Role created.",
        "role_updated": "Role saved.",
        "role_deleted": "Role deleted.",
    }
)

_SEPARATORS = re.compile(r"[\s,]+")
MAX_DESCRIPTION = 500
"""What a role's description holds (its column's length)."""


def listed(text: str) -> list[str]:
    """The entries typed in a form field (grants, role names): one per line, or separated by
    spaces or commas."""
    return [entry for entry in _SEPARATORS.split(text) if entry]


def description_of(page: Page) -> str:
    description = page.fields.get("description", "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise InvalidInput(f"A description is at most {MAX_DESCRIPTION} characters")
    return description


def add_routes(router: APIRouter) -> None:
    @router.get("/roles", name="admin:roles_list")
    async def roles(page: Viewing, after: str | None = None) -> Response:
        """Roles by name with their grants; the form creating one for those who may."""
        rbac = page.runtime.services.rbac
        shown = await rbac.list_roles(cursor=after)
        catalogue = sorted(rbac.catalogue.permissions.values(), key=lambda info: info.code)
        return page.render(
            "roles_list.html",
            roles=shown.items,
            next_cursor=shown.next_cursor,
            catalogue=catalogue,
            can_manage=page.can(Action.ROLES_MANAGE),
        )

    @router.post("/roles", name="admin:roles_create")
    async def create(page: Changing) -> Response:
        """Create a role with grants the administrator holds."""
        role = await page.runtime.services.rbac.create_role(
            page.visitor.principal,
            page.fields.get("name", "").strip(),
            listed(page.fields.get("permissions", "")),
            description_of(page),
            client_info(page.request),
        )
        return redirect(page.url(f"/roles/{quote(role.name, safe='')}?done=role_created"))

    @router.get("/roles/{name}", name="admin:roles_detail")
    async def detail(
        page: Viewing,
        name: str,
        users_after: str | None = None,
        accounts_after: str | None = None,
    ) -> Response:
        """A role, and the users and service accounts holding it (a page of each)."""
        services = page.runtime.services
        role = await services.rbac.get_role(name)
        users = await services.user_admin.search(role=role.name, cursor=users_after)
        accounts = await services.service_accounts.list_accounts(
            role=role.name, cursor=accounts_after
        )
        return page.render(
            "roles_detail.html",
            role=role,
            users=users,
            accounts=accounts,
            users_after=users_after,
            accounts_after=accounts_after,
            can_manage=page.can(Action.ROLES_MANAGE),
            can_read_users=page.can(Action.USERS_READ),
            can_read_accounts=page.can(Action.SERVICE_ACCOUNTS_READ),
        )

    @router.get("/roles/{name}/edit", name="admin:roles_edit_form")
    async def edit_form(page: Managing, name: str) -> Response:
        """The form changing a role's description and grants."""
        role = await page.runtime.services.rbac.get_role(name)
        return page.render("roles_edit.html", role=role)

    @router.post("/roles/{name}/edit", name="admin:roles_edit")
    async def edit(page: Changing, name: str) -> Response:
        """Save a role: changing its grants needs holding the old and the new ones."""
        role = await page.runtime.services.rbac.update_role(
            page.visitor.principal,
            name,
            permissions=listed(page.fields.get("permissions", "")),
            description=description_of(page),
            client=client_info(page.request),
        )
        return redirect(page.url(f"/roles/{quote(role.name, safe='')}?done=role_updated"))

    @router.get("/roles/{name}/delete", name="admin:roles_delete_form")
    async def delete_form(page: Managing, name: str) -> Response:
        """Ask before deleting a role."""
        role = await page.runtime.services.rbac.get_role(name)
        return page.render("roles_delete.html", role=role)

    @router.post("/roles/{name}/delete", name="admin:roles_delete")
    async def delete(page: Changing, name: str) -> Response:
        """Delete a role (a built-in one is refused); its holders lose its grants at once."""
        await page.runtime.services.rbac.delete_role(
            page.visitor.principal, name, client_info(page.request)
        )
        return redirect(page.url("/roles?done=role_deleted"))
