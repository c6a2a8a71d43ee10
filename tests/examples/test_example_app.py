"""examples/app.py: the demo app, started on the test store."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from fabric_auth.exceptions import ConfigurationError
from fabric_auth.testing import serve, sign_in, test_settings
from tests.examples.loader import load

ADMIN_EMAIL, ADMIN_PASSWORD = "admin@example.com", "a long demo password"


@pytest.fixture(scope="module")
def demo() -> ModuleType:
    return load("examples/app.py")


async def test_admin_signs_in_and_is_greeted_by_id(demo: ModuleType, store: str) -> None:
    """The seeded admin signs in, and GET /hello answers with the principal's id."""
    app = demo.create_app(
        test_settings(database_url=store, admin_email=ADMIN_EMAIL, admin_password=ADMIN_PASSWORD)
    )
    async with serve(app) as client:
        tokens = await sign_in(client, ADMIN_EMAIL, ADMIN_PASSWORD)
        headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        me = await client.get("/auth/me", headers=headers)
        assert me.json()["is_system_admin"] is True
        hello = await client.get("/hello", headers=headers)
        assert hello.status_code == 200
        assert hello.json() == {"hello": me.json()["id"]}
        ready = await client.get("/health/ready")
        assert ready.json()["checks"]["store"] == "ok"


async def test_hello_refuses_anonymous_callers(demo: ModuleType, store: str) -> None:
    """Without credentials GET /hello is a 401 in fabric-auth's error format."""
    async with serve(demo.create_app(test_settings(database_url=store))) as client:
        response = await client.get("/hello")
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated", "code": "not_authenticated"}


def test_module_level_app_is_built_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`examples.app:app` is built on first access, from FABRIC_AUTH_* variables."""
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("FABRIC_AUTH_ENVIRONMENT", "development")
    monkeypatch.setenv("FABRIC_AUTH_ADMIN_EMAIL", ADMIN_EMAIL)
    monkeypatch.setenv("FABRIC_AUTH_ADMIN_PASSWORD", ADMIN_PASSWORD)
    module = load("examples/app.py")
    assert "app" not in vars(module)  # importing read no settings
    app = module.app
    assert module.app is app
    assert app.url_path_for("auth:token") == "/auth/token"
    assert app.url_path_for("health:ready") == "/health/ready"


def test_module_level_app_without_settings_names_the_missing_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With no FABRIC_AUTH_* variables (production by default) building `app` fails clearly."""
    monkeypatch.chdir(tmp_path)
    for variable in ("ENVIRONMENT", "SECRET_KEY", "ADMIN_EMAIL", "ADMIN_PASSWORD"):
        monkeypatch.delenv(f"FABRIC_AUTH_{variable}", raising=False)
    module = load("examples/app.py")
    with pytest.raises(ConfigurationError, match="FABRIC_AUTH_SECRET_KEY is required"):
        _ = module.app
