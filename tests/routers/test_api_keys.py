"""`/users/me/api-keys` and `/users/{id}/api-keys`: create, list, rotate, revoke."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from fabric_auth.store.models import ApiKey, AuditEvent, Role, User, UserRole
from tests.conftest import AppFactory, RunningApp


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def grant(email: str, permissions: list[str], name: str = "keys") -> None:
    role, _ = await Role.get_or_create(name=name, defaults={"permissions": permissions})
    user = await User.get(email_normalized=email)
    await UserRole.create(user=user, role=role)


@pytest.fixture
async def ada(make_app: AppFactory) -> tuple[RunningApp, dict[str, str]]:
    """An app and the headers of ada, who holds roles:read and users:list."""
    app = await make_app()
    await app.create_user()
    await grant("ada@example.com", ["roles:read", "users:list"])
    tokens = await app.tokens()
    return app, bearer(tokens["access_token"])


async def create(app: RunningApp, headers: dict[str, str], **body: Any) -> Any:
    body.setdefault("name", "deploy")
    return await app.client.post("/users/me/api-keys", json=body, headers=headers)


async def test_key_is_shown_once_then_listed_without_it(
    ada: tuple[RunningApp, dict[str, str]],
) -> None:
    """Creation answers the key once; listings show the display prefix and last four only."""
    app, headers = ada
    created = await create(app, headers, scopes=["roles:read"], expires_in_days=30)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["key"].startswith("fa_") and body["display_prefix"] == body["key"][:11]
    assert body["last4"] == body["key"][-4:] and body["scopes"] == ["roles:read"]
    page = (await app.client.get("/users/me/api-keys", headers=headers)).json()
    listed = page["items"]
    assert page["next_cursor"] is None
    assert [item["id"] for item in listed] == [body["id"]]
    assert "key" not in listed[0] and body["key"] not in str(listed)
    assert await AuditEvent.filter(action="api_key.created").count() == 1
    assert body["key"] not in str(await AuditEvent.all().values())


async def test_scopes_and_expiry_are_checked(ada: tuple[RunningApp, dict[str, str]]) -> None:
    """Empty scopes, unknown scopes, scopes not held, and lifetimes past the maximum fail."""
    app, headers = ada
    empty = await create(app, headers, scopes=[])
    assert (empty.status_code, empty.json()["code"]) == (422, "validation_error")
    unknown = await create(app, headers, scopes=["nothing:here"])
    assert (unknown.status_code, unknown.json()["code"]) == (422, "unknown_permission")
    not_held = await create(app, headers, scopes=["users:delete"])
    assert (not_held.status_code, not_held.json()["code"]) == (403, "escalation_denied")
    too_long = await create(app, headers, scopes=["roles:read"], expires_in_days=366)
    assert too_long.status_code == 422
    past = (app.clock.now() - timedelta(days=1)).isoformat()
    assert (await create(app, headers, scopes=["roles:read"], expires_at=past)).status_code == 422
    both = await create(app, headers, scopes=["roles:read"], expires_in_days=1, expires_at=past)
    assert both.status_code == 422
    default = await create(app, headers, scopes=["roles:read"])
    assert default.status_code == 201
    key = await ApiKey.get(id=default.json()["id"])
    assert key.expires_at - key.created_at == timedelta(days=365)


async def test_rotate_then_revoke_own_key(ada: tuple[RunningApp, dict[str, str]]) -> None:
    """Rotation without overlap ends the old key at once; revoking is idempotent."""
    app, headers = ada
    old = (await create(app, headers, scopes=["roles:read"])).json()
    rotated = await app.client.post(
        f"/users/me/api-keys/{old['id']}/rotate", json={}, headers=headers
    )
    assert rotated.status_code == 201
    new = rotated.json()
    assert new["key"] != old["key"] and new["scopes"] == old["scopes"]
    assert (await app.client.get("/roles", headers={"X-API-Key": old["key"]})).status_code == 401
    assert (await app.client.get("/roles", headers={"X-API-Key": new["key"]})).status_code == 200
    again = await app.client.post(
        f"/users/me/api-keys/{old['id']}/rotate", json={}, headers=headers
    )
    assert again.status_code == 422
    for _ in range(2):
        response = await app.client.delete(f"/users/me/api-keys/{new['id']}", headers=headers)
        assert response.status_code == 204
    assert (await app.client.get("/roles", headers={"X-API-Key": new["key"]})).status_code == 401
    assert await AuditEvent.filter(action="api_key.rotated").count() == 1
    assert await AuditEvent.filter(action="api_key.revoked").count() == 1


async def test_other_users_keys_need_api_key_permissions(
    ada: tuple[RunningApp, dict[str, str]],
) -> None:
    """Without api_keys:* another user's keys are out of reach; with them, they are managed
    within what the administrator holds."""
    app, headers = ada
    bob = await app.create_user("bob@example.com")
    await grant("bob@example.com", [])
    bob_headers = bearer((await app.tokens("bob@example.com"))["access_token"])
    own = (await create(app, bob_headers, scopes=["roles:read"])).json()
    path = f"/users/{bob.id}/api-keys"
    assert (await app.client.get(path, headers=headers)).status_code == 403
    await grant("ada@example.com", ["api_keys:*"], name="key-admin")
    await app.auth.services.rbac.invalidate()
    listed = (await app.client.get(path, headers=headers)).json()["items"]
    assert [k["id"] for k in listed] == [own["id"]]
    made = await app.client.post(
        path, json={"name": "for bob", "scopes": ["roles:read"]}, headers=headers
    )
    assert made.status_code == 201 and made.json()["owner_id"] == str(bob.id)
    beyond = await app.client.post(
        path, json={"name": "x", "scopes": ["users:delete"]}, headers=headers
    )
    assert beyond.status_code == 403
    revoked = await app.client.delete(f"{path}/{own['id']}", headers=headers)
    assert revoked.status_code == 204
    elsewhere = await app.client.delete(f"/users/me/api-keys/{own['id']}", headers=headers)
    assert elsewhere.status_code == 404
