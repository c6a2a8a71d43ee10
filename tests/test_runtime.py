"""FabricAuth in an app: lifespan, joining the app's own Tortoise set-up, seeding, OpenAPI."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI

from fabric_auth import FabricAuth, Principal, current_principal
from fabric_auth.exceptions import ConfigurationError
from fabric_auth.store.models import User
from fabric_auth.testing import serve, test_settings
from tests.conftest import PASSWORD, AppFactory, RunningApp


async def test_admin_is_seeded_from_settings(make_app: AppFactory) -> None:
    """admin_email/admin_password create a verified system admin who can sign in."""
    app = await make_app(admin_email="root@example.com", admin_password=PASSWORD)
    admin = await User.get(email_normalized="root@example.com")
    assert admin.is_system_admin and admin.is_verified
    assert (await app.sign_in("root@example.com")).status_code == 200


async def test_seeding_is_idempotent_and_keeps_the_password(make_app: AppFactory) -> None:
    """A restart with another admin_password neither duplicates nor resets the admin."""
    await make_app(admin_email="root@example.com", admin_password=PASSWORD)
    again = await make_app(admin_email="root@example.com", admin_password="another long password")
    assert await User.filter(email_normalized="root@example.com").count() == 1
    assert (await again.sign_in("root@example.com")).status_code == 200


async def test_apps_own_lifespan_wraps_fabric_auth(store: str) -> None:
    """The app's lifespan starts before fabric-auth and ends after it (so it may set up
    Tortoise for fabric-auth to join)."""
    events: list[str] = []

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        events.append(f"app start, fabric-auth running: {hasattr(app.state, 'fabric_auth')}")
        yield
        events.append("app stop")

    app = FastAPI(lifespan=lifespan)
    FabricAuth(test_settings(database_url=store)).install(app)
    async with serve(app):
        events.append(f"serving, fabric-auth running: {hasattr(app.state, 'fabric_auth')}")
    assert events == [
        "app start, fabric-auth running: False",
        "serving, fabric-auth running: True",
        "app stop",
    ]


async def test_dependency_without_install_is_a_clear_500(store: str) -> None:
    """Using current_principal in an app without fabric-auth fails loudly, not silently."""
    app = FastAPI()

    @app.get("/x")
    async def x(who: Annotated[Principal, Depends(current_principal)]) -> str:
        return "no"

    async with serve(app) as client:
        with pytest.raises(ConfigurationError, match="install"):
            await client.get("/x")


async def test_openapi_shows_security_schemes(make_app: AppFactory) -> None:
    """Routes using current_principal (or require) declare the bearer scheme, with the
    X-API-Key header as an alternative; public routes declare none."""
    app = await make_app()
    schema = (await app.client.get("/openapi.json")).json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["BearerToken"]["scheme"] == "bearer"
    me = schema["paths"]["/auth/me"]["get"]
    assert {"BearerToken": []} in me["security"]
    assert schemes["ApiKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": schemes["ApiKey"]["description"],
    }
    assert schema["paths"]["/users"]["get"]["security"] == [
        {"BearerToken": []},
        {"ApiKey": []},
    ]
    assert "AccessCookie" not in schemes  # cookie transport is off
    assert "security" not in schema["paths"]["/health/live"]["get"]
    token = schema["paths"]["/auth/token"]["post"]["requestBody"]["content"]
    assert set(token) == {"application/x-www-form-urlencoded", "application/json"}


async def test_openapi_shows_the_access_cookie_with_cookie_transport(make_app: AppFactory) -> None:
    """With cookie transport on, the access cookie is a third way in, shown as such."""
    app = await make_app(cookie_transport=True)
    schema = (await app.client.get("/openapi.json")).json()
    assert schema["components"]["securitySchemes"]["AccessCookie"]["in"] == "cookie"
    assert {"AccessCookie": []} in schema["paths"]["/auth/me"]["get"]["security"]


def test_pending_migrations_fail_startup_without_auto_migrate(tmp_path: Path) -> None:
    """auto_migrate=false on an unmigrated store stops start-up with the command to run."""
    script = textwrap.dedent(
        f"""
        import asyncio
        from fastapi import FastAPI
        from fabric_auth import FabricAuth
        from fabric_auth.testing import serve, test_settings

        async def main():
            app = FastAPI()
            FabricAuth(test_settings(database_url="sqlite://{tmp_path}/x.sqlite3",
                                     auto_migrate=False)).install(app)
            try:
                async with serve(app):
                    pass
            except Exception as exc:
                print(type(exc).__name__, exc)

        asyncio.run(main())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert "ConfigurationError" in result.stdout, result.stderr
    assert "fabric-auth db upgrade" in result.stdout


def test_joins_the_apps_own_tortoise_config(tmp_path: Path) -> None:
    """An app that initialises Tortoise itself, with fabric-auth's app in its config, is joined
    (and its own models live beside ours, linked one-to-one)."""
    models = tmp_path / "app_models.py"
    models.write_text(
        textwrap.dedent(
            """
            from tortoise import fields
            from tortoise.models import Model

            class Profile(Model):
                id = fields.IntField(primary_key=True)
                user = fields.OneToOneField("fabric_auth.User", related_name="app_profile")
                nickname = fields.CharField(max_length=50)
            """
        )
    )
    script = textwrap.dedent(
        f"""
        import asyncio, sys
        sys.path.insert(0, {str(tmp_path)!r})
        from fastapi import FastAPI
        from tortoise import Tortoise
        from fabric_auth import FabricAuth
        from fabric_auth.services.users import NewUser
        from fabric_auth.store.config import app_config
        from fabric_auth.testing import serve, test_settings

        async def main():
            url = "sqlite://{tmp_path}/joined.sqlite3"
            await Tortoise.init(config={{
                "connections": {{"default": url}},
                "apps": {{"fabric_auth": app_config(), "app": {{"models": ["app_models"]}}}},
            }}, _enable_global_fallback=True)
            app = FastAPI()
            auth = FabricAuth(test_settings(database_url=url))
            auth.install(app)
            async with serve(app):
                await Tortoise.generate_schemas(safe=True)
                from app_models import Profile
                new = NewUser(email="a@example.com", password="correct horse battery")
                user = await auth.services.users.create(new)
                await Profile.create(user=user, nickname="ada")
                profile = await Profile.get(user_id=user.id).prefetch_related("user")
                print("joined", profile.user.email, Tortoise.is_inited())
            print("still open", Tortoise.is_inited())
            await Tortoise.close_connections()

        asyncio.run(main())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert "joined a@example.com True" in result.stdout, result.stderr
    assert "still open True" in result.stdout


def test_tortoise_without_our_app_is_a_configuration_error(tmp_path: Path) -> None:
    """Joining a Tortoise set-up that lacks fabric-auth's models fails with instructions."""
    script = textwrap.dedent(
        """
        import asyncio
        from fastapi import FastAPI
        from tortoise import Tortoise
        from fabric_auth import FabricAuth
        from fabric_auth.testing import serve, test_settings

        async def main():
            await Tortoise.init(db_url="sqlite://:memory:", modules={"app": ["aerich.models"]},
                                _enable_global_fallback=True)
            app = FastAPI()
            FabricAuth(test_settings()).install(app)
            try:
                async with serve(app):
                    pass
            except Exception as exc:
                print(type(exc).__name__, exc)

        asyncio.run(main())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert "ConfigurationError" in result.stdout, result.stderr
    assert "app_config()" in result.stdout


async def test_startup_freezes_the_garbage_collector_when_asked(store: str) -> None:
    """With gc_freeze_on_startup the start-up objects leave the collector's reach; without, not."""
    import gc

    from fabric_auth.testing import serve, test_settings

    for enabled in (False, True):
        gc.unfreeze()
        app = FastAPI()
        FabricAuth(test_settings(database_url=store, gc_freeze_on_startup=enabled)).install(app)
        async with serve(app):
            assert (gc.get_freeze_count() > 0) is enabled
    gc.unfreeze()


async def test_an_apps_own_store_error_is_answered_with_a_code(running: RunningApp) -> None:
    """A store error in an app's own route (here a duplicate) is mapped like fabric-auth's
    own: 409 already_exists as JSON, not a plain-text 500."""
    from fabric_auth.store.models import Role

    @running.app.post("/roles-twice")
    async def twice() -> None:
        await Role.create(name="twice", permissions=[])
        await Role.create(name="twice", permissions=[])

    response = await running.client.post("/roles-twice")
    assert response.status_code == 409
    assert response.json()["code"] == "already_exists"
