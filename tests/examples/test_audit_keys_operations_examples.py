"""The examples of docs/audit.md, docs/signing-keys.md and docs/operations.md run as written."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from types import ModuleType

from fabric_auth.services.users import NewUser
from fabric_auth.store.models import AuditEvent
from fabric_auth.testing import serve, sign_in, test_settings
from tests.conftest import PASSWORD, uvicorn_on_loopback

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"docs_example_{name}", EXAMPLES / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_audit_example(store: str) -> None:
    """The app's own event lands in the log and the admin reads it through the router."""
    app = example("audit_app").create_app(
        test_settings(database_url=store, admin_email="root@example.com", admin_password=PASSWORD)
    )
    async with serve(app) as client:
        token = (await sign_in(client, "root@example.com", PASSWORD))["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        assert (await client.post("/projects/p1/archive", headers=headers)).status_code == 200
        page = await client.get(
            "/audit/events", params={"action": "project.archived"}, headers=headers
        )
    assert [item["target"] for item in page.json()["items"]] == [{"type": "project", "id": "p1"}]
    assert await AuditEvent.filter(action="project.archived").count() == 1


async def test_signing_keys_and_downstream_examples(store: str) -> None:
    """The downstream example verifies a token of the EdDSA example app served on loopback."""
    from fabric_auth import FabricAuth

    app = example("signing_keys_app").create_app(
        test_settings(database_url=store, signing_algorithm="EdDSA")
    )
    downstream = example("downstream_service")
    async with uvicorn_on_loopback(app) as url:
        auth: FabricAuth = app.state.fabric_auth
        user = await auth.services.users.create(NewUser(email="ada@example.com", password=PASSWORD))
        token = (await auth.services.sessions.start(user)).access.token
        verifier = downstream.make_verifier(url)
        assert await downstream.user_id_of(verifier, f"Bearer {token}") == str(user.id)
        assert await downstream.user_id_of(verifier, "Bearer forged.token.here") is None


async def test_operations_example(store: str) -> None:
    """Readiness reports the registered checks; /metrics serves; JSON logging is configured."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        app = example("operations_app").create_app(
            test_settings(database_url=store, metrics_enabled=True)
        )
        async with serve(app) as client:
            ready = (await client.get("/health/ready")).json()
            metrics = (await client.get("/metrics")).text
    finally:
        root.handlers, level = saved
        root.setLevel(level)
    assert ready == {
        "status": "degraded",
        "checks": {"store": "ok", "search": "ok", "mailer": "unavailable"},
    }
    assert 'route="/health/ready"' in metrics
