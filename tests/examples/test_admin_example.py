"""docs/examples/admin_app.py: the dashboard under another prefix, and on an app of its own."""

from __future__ import annotations

import re
from types import ModuleType

import pytest

from fabric_auth.services.users import NewUser
from fabric_auth.testing import serve, test_settings
from tests.conftest import PASSWORD
from tests.examples.loader import load


@pytest.fixture(scope="module")
def example() -> ModuleType:
    return load("docs/examples/admin_app.py")


async def test_the_dashboard_under_staff_console(example: ModuleType, store: str) -> None:
    """Mounted at /staff/console: the sign-in form posts there, the session cookie is scoped
    there, and the administrator lands on its overview."""
    app = example.create_app(test_settings(database_url=store))
    async with serve(app) as client:
        await app.state.fabric_auth.services.users.create(
            NewUser(email="root@example.com", password=PASSWORD, is_system_admin=True)
        )
        form = await client.get("/staff/console/login")
        assert 'action="/staff/console/login"' in form.text
        token = re.search(r'name="token" value="([^"]+)"', form.text)
        assert token is not None
        signed_in = await client.post(
            "/staff/console/login",
            data={"login": "root@example.com", "password": PASSWORD, "token": token.group(1)},
        )
        assert signed_in.headers["location"] == "/staff/console"
        assert "Path=/staff/console" in signed_in.headers.get_list("set-cookie")[1]
        home = await client.get("/staff/console")
        assert home.headers["location"] == "/staff/console/overview"
        assert (await client.get("/admin/overview")).status_code == 404


async def test_the_internal_app_serves_only_the_dashboard(example: ModuleType, store: str) -> None:
    """The internal app has the dashboard and no API docs nor OpenAPI document."""
    app = example.create_internal_app(test_settings(database_url=store))
    async with serve(app) as client:
        assert (await client.get("/admin/login")).status_code == 200
        assert (await client.get("/openapi.json")).status_code == 404
        assert (await client.get("/auth/token")).status_code == 404
