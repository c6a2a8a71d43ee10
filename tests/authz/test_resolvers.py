"""The resolvers that admit one kind of caller, against every kind of credential."""

from __future__ import annotations

from typing import Any

import pytest

from fabric_auth.principal import SubjectRef
from fabric_auth.store.models import AuditEvent, Role, UserRole
from fabric_auth.testing import serve, sign_in, test_settings
from tests.conftest import PASSWORD
from tests.examples.loader import load

ALLOWED, NONE, WRONG = 200, 401, 403
ROUTES = ("/profile", "/machine", "/services-only", "/internal/reindex", "/reports")
# Per credential, the answer of each route above, in order.
EXPECTED = {
    "anonymous": (NONE, NONE, NONE, NONE, NONE),
    "user token": (ALLOWED, WRONG, WRONG, WRONG, WRONG),
    "user key": (WRONG, ALLOWED, WRONG, WRONG, WRONG),
    "data-pipeline key": (WRONG, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
    "other service key": (WRONG, ALLOWED, ALLOWED, WRONG, ALLOWED),
    "data-pipeline key as bearer": (WRONG, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
}


@pytest.fixture
async def world(store: str) -> Any:
    module = load("docs/examples/caller_kinds_app.py")
    app = module.create_app(test_settings(database_url=store))
    async with serve(app) as client:
        runtime = app.state.fabric_auth
        services = runtime.services
        from fabric_auth.services.users import NewUser

        user = await services.users.create(NewUser(email="ada@example.com", password=PASSWORD))
        role = await Role.create(name="reader", permissions=["reports:read"])
        await UserRole.create(user=user, role=role)
        keys: dict[str, dict[str, str]] = {"anonymous": {}}
        tokens = await sign_in(client, "ada@example.com", PASSWORD)
        keys["user token"] = {"Authorization": f"Bearer {tokens['access_token']}"}
        user_key = await services.api_keys.create(
            None, SubjectRef.user(user.id), name="k", scopes=["reports:read"]
        )
        keys["user key"] = {"X-API-Key": user_key.raw}
        for slug in ("data-pipeline", "other-service"):
            account = await services.service_accounts.create(
                None, slug=slug, name=slug, roles=["reader"]
            )
            issued = await services.api_keys.create(
                None, SubjectRef.service_account(account.id), name="k", scopes=["reports:read"]
            )
            label = "data-pipeline key" if slug == "data-pipeline" else "other service key"
            keys[label] = {"X-API-Key": issued.raw}
            if slug == "data-pipeline":
                keys["data-pipeline key as bearer"] = {"Authorization": f"Bearer {issued.raw}"}
        yield client, keys


async def test_each_resolver_admits_its_kind_only(world: Any) -> None:
    """Every credential against every resolver: 200 for the kinds it admits, 401 without a
    credential, 403 credential_not_allowed for another kind, audited with that rule."""
    client, keys = world
    for credential, answers in EXPECTED.items():
        for path, want in zip(ROUTES, answers, strict=True):
            method = "POST" if path.startswith("/internal") else "GET"
            denials = await AuditEvent.filter(action="permission.denied").count()
            response = await client.request(method, path, headers=keys[credential])
            assert response.status_code == want, (credential, path, response.text)
            if want == WRONG:
                assert response.json()["code"] == "credential_not_allowed", (credential, path)
                event = await AuditEvent.filter(action="permission.denied").order_by("-seq").first()
                assert event is not None and event.details["rule"] == "credential_not_allowed"
                assert await AuditEvent.filter(action="permission.denied").count() == denials + 1
            if want == NONE:
                assert response.json()["code"] == "not_authenticated"


async def test_each_resolver_shows_its_scheme_in_openapi(world: Any) -> None:
    """A user-only route documents the user's token, a key-only route the API key."""
    client, _ = world
    paths = (await client.get("/openapi.json")).json()["paths"]
    schemes = {
        path: {name for requirement in operation["security"] for name in requirement}
        for path, operations in paths.items()
        for operation in operations.values()
        if path in ROUTES
    }
    assert schemes["/profile"] == {"UserToken"}
    assert schemes["/machine"] == {"ApiKey"}
    assert schemes["/services-only"] == {"ApiKey"}
    assert schemes["/internal/reindex"] == {"ApiKey"}
    assert schemes["/reports"] == {"ApiKey"}
