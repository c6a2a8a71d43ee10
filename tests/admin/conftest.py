"""The dashboard on the test store, and a browser-like client that signs in through its form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from fabric_auth.admin import create_admin_router
from fabric_auth.store.models import Role, UserRole
from tests.conftest import PASSWORD, AppFactory, RunningApp

_TOKEN = re.compile(r'name="token" value="([^"]+)"')
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Admin:
    """A browser on the dashboard: its cookie jar, the CSRF token of its session."""

    app: RunningApp
    client: httpx.AsyncClient
    csrf: str = ""

    async def sign_in(self, login: str, password: str = PASSWORD) -> httpx.Response:
        form = await self.client.get("/admin/login")
        token = _TOKEN.search(form.text)
        assert token, form.text
        answer = await self.client.post(
            "/admin/login",
            data={"login": login, "password": password, "token": token.group(1), "next": "/admin"},
        )
        return answer

    async def get(self, path: str) -> httpx.Response:
        answer = await self.client.get(path)
        found = _CSRF.search(answer.text)
        if found:
            self.csrf = found.group(1)
        return answer

    async def post(self, path: str, **fields: Any) -> httpx.Response:
        return await self.client.post(path, data={"csrf_token": self.csrf, **fields})


async def start_dashboard(make_app: AppFactory, **settings: Any) -> RunningApp:
    """An app with the dashboard mounted, a system administrator and a plain user."""
    app = await make_app(**settings)
    app.app.include_router(create_admin_router())
    await app.create_user("root@example.com", is_system_admin=True)
    await app.create_user("plain@example.com")
    return app


@pytest.fixture
async def dashboard(make_app: AppFactory) -> RunningApp:
    """`start_dashboard` with the default settings."""
    return await start_dashboard(make_app)


async def grant(app: RunningApp, email: str, *permissions: str) -> None:
    """Give `email` a role holding `permissions`."""
    user = await app.auth.services.users.find_by_login(email)
    assert user is not None
    role = await Role.create(name=f"r-{email.split('@')[0]}", permissions=list(permissions))
    await UserRole.create(user=user, role=role)


def admin(app: RunningApp, client: httpx.AsyncClient | None = None) -> Admin:
    return Admin(app, client or app.client)
