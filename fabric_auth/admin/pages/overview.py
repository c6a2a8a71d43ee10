"""Overview: how many accounts, how many locked, recent security events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.responses import Response

from fabric_auth.admin.access import Allowed, NavEntry, Page
from fabric_auth.services.authorization import Action
from fabric_auth.store.models import User

NAV = NavEntry("Overview", "/overview", Action.USERS_LIST)
Viewing = Annotated[Page, Depends(Allowed(Action.USERS_LIST))]


def add_routes(router: APIRouter) -> None:
    @router.get("/overview", name="admin:overview")
    async def overview(page: Viewing) -> Response:
        """Counts of accounts."""
        users = User.filter(deleted_at__isnull=True)
        return page.render(
            "overview.html",
            total=await users.count(),
            active=await users.filter(is_active=True).count(),
        )
