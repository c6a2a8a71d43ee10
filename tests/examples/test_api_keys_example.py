"""docs/examples/api_keys_app.py: a service account's key calls a guarded route, end to end."""

from __future__ import annotations

from fabric_auth.testing import serve, sign_in, test_settings
from tests.examples.loader import load

ADMIN = "ada@example.com"
PASSWORD = "a long password here"


async def test_service_account_key_calls_the_route(store: str) -> None:
    """The walkthrough of docs/api-keys.md: role, service account, key, call, revoke."""
    module = load("docs/examples/api_keys_app.py")
    settings = test_settings(database_url=store, admin_email=ADMIN, admin_password=PASSWORD)
    async with serve(module.create_app(settings)) as client:
        tokens = await sign_in(client, ADMIN, PASSWORD)
        admin = {"Authorization": f"Bearer {tokens['access_token']}"}
        role = await client.post(
            "/roles", json={"name": "report-reader", "permissions": ["reports:read"]}, headers=admin
        )
        assert role.status_code == 201, role.text
        account = await client.post(
            "/service-accounts",
            json={"slug": "nightly-export", "name": "Nightly export", "roles": ["report-reader"]},
            headers=admin,
        )
        assert account.status_code == 201, account.text
        issued = await client.post(
            f"/service-accounts/{account.json()['id']}/api-keys",
            json={"name": "prod", "scopes": ["reports:read"], "expires_in_days": 90},
            headers=admin,
        )
        assert issued.status_code == 201, issued.text
        key = issued.json()["key"]
        assert key.startswith("fas_")

        for headers in ({"X-API-Key": key}, {"Authorization": f"Bearer {key}"}):
            response = await client.get("/reports", headers=headers)
            assert response.status_code == 200, response.text
            assert response.json() == {
                "kind": "service_account",
                "via": "api_key",
                "key": issued.json()["id"],
            }

        own = await client.post(
            "/users/me/api-keys", json={"name": "laptop", "scopes": ["reports:read"]}, headers=admin
        )
        assert own.status_code == 201 and own.json()["key"].startswith("fa_")

        revoked = await client.delete(
            f"/service-accounts/{account.json()['id']}/api-keys/{issued.json()['id']}",
            headers=admin,
        )
        assert revoked.status_code == 204
        refused = await client.get("/reports", headers={"X-API-Key": key})
    assert refused.status_code == 401
    assert refused.json() == {"detail": "Invalid API key", "code": "invalid_api_key"}
