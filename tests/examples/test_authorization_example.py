"""docs/examples/authorization_app.py: an app permission granted through a role, end to end."""

from __future__ import annotations

from fabric_auth.testing import serve, sign_in, test_settings
from tests.examples.loader import load

ADMIN = "ada@example.com"
PASSWORD = "a long password here"


def bearer(tokens: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def test_role_with_the_app_permission_opens_the_route(store: str) -> None:
    """A role holding reports:read lets its holder in; a user without it gets 403."""
    module = load("docs/examples/authorization_app.py")
    settings = test_settings(database_url=store, admin_email=ADMIN, admin_password=PASSWORD)
    async with serve(module.create_app(settings)) as client:
        admin = bearer(await sign_in(client, ADMIN, PASSWORD))

        listed = await client.get("/permissions", params={"limit": 200}, headers=admin)
        catalogue = listed.json()["items"]
        assert {"code": "reports:read", "description": "Read reports"} in catalogue

        role = await client.post(
            "/roles", json={"name": "analyst", "permissions": ["reports:read"]}, headers=admin
        )
        assert role.status_code == 201, role.text
        analyst = await client.post(
            "/users",
            json={"email": "grace@example.com", "password": PASSWORD, "roles": ["analyst"]},
            headers=admin,
        )
        assert analyst.status_code == 201, analyst.text
        assert analyst.json()["roles"] == ["analyst"]
        plain = await client.post(
            "/users", json={"email": "alan@example.com", "password": PASSWORD}, headers=admin
        )
        assert plain.status_code == 201, plain.text
        assert plain.json()["roles"] == ["user"]

        assert (await client.get("/reports")).status_code == 401
        granted = await client.get(
            "/reports", headers=bearer(await sign_in(client, "grace@example.com", PASSWORD))
        )
        denied = await client.get(
            "/reports", headers=bearer(await sign_in(client, "alan@example.com", PASSWORD))
        )

    assert granted.status_code == 200, granted.text
    assert granted.json() == {"reports": [], "can_export": False}
    assert denied.status_code == 403
    assert denied.json() == {
        "detail": "Missing permission: reports:read",
        "code": "permission_denied",
    }
