"""`/service-accounts`: CRUD, roles, keys, deactivation."""

from __future__ import annotations

from typing import Any

import pytest

from fabric_auth import register_permissions
from fabric_auth.store.models import AuditEvent, Role, User, UserRole
from tests.conftest import AppFactory, RunningApp

register_permissions("reports:read", "reports:write")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def admin(make_app: AppFactory) -> tuple[RunningApp, dict[str, str]]:
    """An app and the headers of a user holding service_accounts:* and reports:read."""
    app = await make_app()
    await app.create_user()
    role = await Role.create(
        name="machines", permissions=["service_accounts:*", "reports:read", "roles:read"]
    )
    await Role.create(name="reader", permissions=["reports:read", "roles:read"])
    await Role.create(name="writer", permissions=["reports:write"])
    await UserRole.create(user=await User.get(email_normalized="ada@example.com"), role=role)
    return app, bearer((await app.tokens())["access_token"])


async def new_account(app: RunningApp, headers: dict[str, str], **body: Any) -> Any:
    body = {"slug": "exporter", "name": "Exporter", **body}
    return await app.client.post("/service-accounts", json=body, headers=headers)


async def test_service_account_key_acts_with_the_accounts_roles(
    admin: tuple[RunningApp, dict[str, str]],
) -> None:
    """A service account's fas_ key authenticates as the account, within its roles."""
    app, headers = admin
    created = await new_account(app, headers, roles=["reader"], owner_team="data")
    assert created.status_code == 201, created.text
    account = created.json()
    assert account["roles"] == ["reader"] and account["owner_team"] == "data"
    key = await app.client.post(
        f"/service-accounts/{account['id']}/api-keys",
        json={"name": "prod", "scopes": ["roles:read"]},
        headers=headers,
    )
    assert key.status_code == 201
    raw = key.json()["key"]
    assert raw.startswith("fas_")
    assert (await app.client.get("/roles", headers={"X-API-Key": raw})).status_code == 200
    # The account lacks users:list, and so does the key.
    assert (await app.client.get("/users", headers={"X-API-Key": raw})).status_code == 403
    await app.client.put(
        f"/service-accounts/{account['id']}/roles", json={"roles": []}, headers=headers
    )
    assert (await app.client.get("/roles", headers={"X-API-Key": raw})).status_code == 403


async def test_slugs_are_unique_and_checked(admin: tuple[RunningApp, dict[str, str]]) -> None:
    """A taken slug is 409 already_exists; a malformed one 422."""
    app, headers = admin
    assert (await new_account(app, headers)).status_code == 201
    taken = await new_account(app, headers)
    assert (taken.status_code, taken.json()["code"]) == (409, "already_exists")
    assert (await new_account(app, headers, slug="Not A Slug")).status_code == 422


async def test_roles_beyond_the_actor_are_refused(
    admin: tuple[RunningApp, dict[str, str]],
) -> None:
    """Nobody gives a service account a role with permissions they do not hold."""
    app, headers = admin
    refused = await new_account(app, headers, roles=["writer"])
    assert (refused.status_code, refused.json()["code"]) == (403, "escalation_denied")
    account = (await new_account(app, headers)).json()
    response = await app.client.put(
        f"/service-accounts/{account['id']}/roles", json={"roles": ["writer"]}, headers=headers
    )
    assert response.status_code == 403


async def test_deactivation_revokes_keys_and_reactivation_does_not_restore_them(
    admin: tuple[RunningApp, dict[str, str]],
) -> None:
    """Deactivating revokes every key at once; reactivating leaves them revoked; deleting
    removes the account."""
    app, headers = admin
    account = (await new_account(app, headers, roles=["reader"])).json()
    path = f"/service-accounts/{account['id']}"
    raw = (
        await app.client.post(
            f"{path}/api-keys", json={"name": "k", "scopes": ["roles:read"]}, headers=headers
        )
    ).json()["key"]
    assert (await app.client.get("/roles", headers={"X-API-Key": raw})).status_code == 200
    deactivated = await app.client.post(f"{path}/deactivate", headers=headers)
    assert deactivated.json()["is_active"] is False
    assert (await app.client.get("/roles", headers={"X-API-Key": raw})).status_code == 401
    refused = await app.client.post(
        f"{path}/api-keys", json={"name": "k2", "scopes": ["roles:read"]}, headers=headers
    )
    assert refused.status_code == 422
    assert (await app.client.post(f"{path}/reactivate", headers=headers)).json()["is_active"]
    assert (await app.client.get("/roles", headers={"X-API-Key": raw})).status_code == 401
    keys = (await app.client.get(f"{path}/api-keys", headers=headers)).json()["items"]
    assert keys[0]["revoked_at"] is not None
    updated = await app.client.patch(path, json={"description": "nightly"}, headers=headers)
    assert updated.json()["description"] == "nightly"
    assert (await app.client.delete(path, headers=headers)).status_code == 204
    assert (await app.client.get(path, headers=headers)).status_code == 404
    actions = set(await AuditEvent.all().values_list("action", flat=True))
    assert {
        "service_account.created",
        "service_account.deactivated",
        "service_account.reactivated",
        "service_account.updated",
        "service_account.deleted",
        "api_key.created",
        "api_key.revoked",
    } <= actions


async def test_reading_needs_service_accounts_read(make_app: AppFactory) -> None:
    """Without service_accounts:read the list is 403."""
    app = await make_app()
    await app.create_user()
    headers = bearer((await app.tokens())["access_token"])
    assert (await app.client.get("/service-accounts", headers=headers)).status_code == 403
