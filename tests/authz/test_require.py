"""require()/require_any() on routes, the cache, and propagation across instances."""

from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import Depends

from fabric_auth import Principal, register_permissions, require, require_any
from fabric_auth.store.models import AuditEvent, Role, User, UserRole
from tests.conftest import AppFactory, RunningApp, seconds_until

register_permissions("reports:read", "reports:write")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def add_report_routes(app: RunningApp) -> None:
    @app.app.get("/reports")
    async def reports(
        who: Annotated[Principal, Depends(require("reports:read"))],
    ) -> dict[str, object]:
        return {"id": str(who.id), "can_write": who.permissions.has("reports:write")}

    @app.app.get("/either")
    async def either(
        _: Annotated[Principal, Depends(require_any("reports:write", "users:list"))],
    ) -> str:
        return "ok"


async def give_role(email: str, name: str, permissions: list[str]) -> None:
    role, _ = await Role.get_or_create(name=name, defaults={"permissions": permissions})
    user = await User.get(email_normalized=email)
    await UserRole.create(user=user, role=role)


@pytest.fixture
async def reports_app(make_app: AppFactory, redis_url: str | None) -> RunningApp:
    app = await make_app(redis_url=redis_url)
    add_report_routes(app)
    await app.create_user()
    return app


async def test_missing_permission_is_403_naming_it_and_audited(reports_app: RunningApp) -> None:
    """Without the permission: 403 permission_denied naming it, and a permission.denied event."""
    tokens = await reports_app.tokens()
    response = await reports_app.client.get("/reports", headers=bearer(tokens["access_token"]))
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Missing permission: reports:read",
        "code": "permission_denied",
    }
    event = await AuditEvent.get(action="permission.denied")
    assert event.details["missing"] == ["reports:read"]


async def test_granted_permission_passes_and_principal_carries_permissions(
    reports_app: RunningApp,
) -> None:
    """With a role granting it the route answers, and the Principal has its permissions."""
    await give_role("ada@example.com", "reader", ["reports:*"])
    tokens = await reports_app.tokens()
    response = await reports_app.client.get("/reports", headers=bearer(tokens["access_token"]))
    assert response.status_code == 200
    assert response.json()["can_write"] is True


async def test_unauthenticated_is_401(reports_app: RunningApp) -> None:
    """No credentials on a guarded route is a 401, not a 403."""
    assert (await reports_app.client.get("/reports")).status_code == 401


async def test_require_any(reports_app: RunningApp) -> None:
    """require_any admits a caller holding one of the codes."""
    tokens = await reports_app.tokens()
    assert (
        await reports_app.client.get("/either", headers=bearer(tokens["access_token"]))
    ).status_code == 403
    await give_role("ada@example.com", "lister", ["users:list"])
    await reports_app.auth.services.rbac.invalidate()
    assert (
        await reports_app.client.get("/either", headers=bearer(tokens["access_token"]))
    ).status_code == 200


async def test_system_admin_passes_every_check(make_app: AppFactory) -> None:
    """A system administrator holds no role and still passes."""
    app = await make_app(
        admin_email="root@example.com", admin_password="correct horse battery staple"
    )
    add_report_routes(app)
    tokens = await app.tokens("root@example.com")
    assert (
        await app.client.get("/reports", headers=bearer(tokens["access_token"]))
    ).status_code == 200


async def test_warm_check_needs_no_query(reports_app: RunningApp) -> None:
    """Once warm, the effective permissions come from the cache with no store access."""
    await give_role("ada@example.com", "reader", ["reports:read"])
    tokens = await reports_app.tokens()
    await reports_app.client.get("/reports", headers=bearer(tokens["access_token"]))
    rbac = reports_app.auth.services.rbac
    user = await User.get(email_normalized="ada@example.com")
    assert rbac.cached(user.id) is not None
    loads = 0
    original = rbac.load

    async def counting_load(user_id: object) -> object:
        nonlocal loads
        loads += 1
        return await original(user_id)  # type: ignore[arg-type]

    rbac.load = counting_load  # type: ignore[method-assign]
    for _ in range(20):
        response = await reports_app.client.get("/reports", headers=bearer(tokens["access_token"]))
        assert response.status_code == 200
    assert loads == 0


async def test_role_change_on_one_instance_is_seen_by_another(
    make_app: AppFactory, redis_url: str | None
) -> None:
    """A role granted or removed on A holds on B within max_staleness, with or without Redis,
    although B's cache entries would live an hour (the change feed invalidates them)."""
    a = await make_app(redis_url=redis_url, permission_cache_ttl=3600, max_staleness=0.2)
    b = await make_app(redis_url=redis_url, permission_cache_ttl=3600, max_staleness=0.2)
    add_report_routes(b)
    await a.create_user()
    admin = await a.create_user("root@example.com", is_system_admin=True)
    await Role.create(name="reader", permissions=["reports:read"])
    tokens = await a.tokens()
    ada = await User.get(email_normalized="ada@example.com")
    headers = bearer(tokens["access_token"])
    assert (await b.client.get("/reports", headers=headers)).status_code == 403
    root = await a.tokens("root@example.com")
    granted = await a.client.put(
        f"/users/{ada.id}/roles", json={"roles": ["reader"]}, headers=bearer(root["access_token"])
    )
    assert granted.status_code == 200, granted.text

    async def status_on_b(expected: int) -> bool:
        return (await b.client.get("/reports", headers=headers)).status_code == expected

    await seconds_until(lambda: status_on_b(200), within=0.2)
    removed = await a.client.put(
        f"/users/{ada.id}/roles", json={"roles": []}, headers=bearer(root["access_token"])
    )
    assert removed.status_code == 200
    await seconds_until(lambda: status_on_b(403), within=0.2)
    assert admin.is_system_admin


async def test_warm_decision_is_reused_until_the_permissions_change(
    reports_app: RunningApp,
) -> None:
    """A warm caller gets the same Principal on every request, and a role change on this
    instance decides its very next request, both ways; every refusal is still audited."""
    seen: list[Principal] = []

    @reports_app.app.get("/seen")
    async def remember(who: Annotated[Principal, Depends(require("reports:read"))]) -> None:
        seen.append(who)

    root = await reports_app.create_user("root@example.com", is_system_admin=True)
    root_tokens = await reports_app.tokens("root@example.com")
    await Role.create(name="reader", permissions=["reports:read"])
    ada = await User.get(email_normalized="ada@example.com")
    headers = bearer((await reports_app.tokens())["access_token"])

    async def put_roles(roles: list[str]) -> None:
        response = await reports_app.client.put(
            f"/users/{ada.id}/roles",
            json={"roles": roles},
            headers=bearer(root_tokens["access_token"]),
        )
        assert response.status_code == 200, response.text

    for _ in range(2):
        assert (await reports_app.client.get("/seen", headers=headers)).status_code == 403
    await put_roles(["reader"])
    for _ in range(2):
        assert (await reports_app.client.get("/seen", headers=headers)).status_code == 200
    assert seen[0] is seen[1]
    assert seen[0].permissions.has("reports:read")
    await put_roles([])
    assert (await reports_app.client.get("/seen", headers=headers)).status_code == 403
    denials = await AuditEvent.filter(action="permission.denied", actor_id=ada.id).count()
    assert denials == 3
    assert root.is_system_admin
