"""The six escalations an outside review reproduced, each refused with its rule's code, with
nothing changed in the store and the refusal audited (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest

from fabric_auth.permissions import register_permissions
from fabric_auth.principal import SubjectRef
from fabric_auth.services.api_keys import IssuedKey
from fabric_auth.store.models import ApiKey, AuditEvent, Role, ServiceAccount, User, UserRole
from tests.authz.store_state import store_state
from tests.conftest import PASSWORD, AppFactory, RunningApp

register_permissions("reports:read")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class Cast:
    """Users with named roles, their access tokens, and API keys minted for them."""

    def __init__(self, app: RunningApp) -> None:
        self.app = app
        self.users: dict[str, User] = {}
        self.tokens: dict[str, str] = {}

    async def user(self, name: str, *grants: str, system_admin: bool = False) -> User:
        user = await self.app.create_user(f"{name}@example.com", is_system_admin=system_admin)
        if grants:
            role = await Role.create(name=f"{name}-role", permissions=list(grants))
            await UserRole.create(user=user, role=role)
        self.users[name] = user
        self.tokens[name] = (await self.app.tokens(f"{name}@example.com"))["access_token"]
        return user

    async def key(self, name: str, *scopes: str, **kwargs: Any) -> IssuedKey:
        return await self.app.auth.services.api_keys.create(
            None, SubjectRef.user(self.users[name].id), name="k", scopes=list(scopes), **kwargs
        )

    def as_(self, name: str) -> dict[str, str]:
        return bearer(self.tokens[name])


@pytest.fixture
async def cast(make_app: AppFactory) -> Cast:
    return Cast(await make_app())


async def refused(
    cast: Cast, method: str, path: str, headers: dict[str, str], code: str, **kwargs: Any
) -> None:
    """The request is answered with `code`, changes nothing, and is audited with that rule."""
    before = await store_state()
    denials = await AuditEvent.filter(action="permission.denied").count()
    response = await cast.app.client.request(method, path, headers=headers, **kwargs)
    assert response.json().get("code") == code, (method, path, response.status_code, response.text)
    assert response.status_code == (401 if code == "reauth_required" else 403)
    assert await store_state() == before, (method, path)
    event = await AuditEvent.filter(action="permission.denied").order_by("-seq").first()
    assert (
        event is not None
        and await AuditEvent.filter(action="permission.denied").count() == denials + 1
    )
    assert event.details["rule"] == code


async def test_1_own_password_and_email_need_a_recent_sign_in(cast: Cast) -> None:
    """A users:modify holder's old token cannot set its own password or email through the
    admin routes: 401 reauth_required once the sign-in is older than reauth_window."""
    manager = await cast.user("manager", "users:modify", "account:*")
    cast.app.clock.advance(301)  # the token still lives (900 s), the sign-in is 301 s old
    await refused(
        cast,
        "PATCH",
        f"/users/{manager.id}",
        cast.as_("manager"),
        "reauth_required",
        json={"email": "thief@example.com"},
    )
    await refused(
        cast,
        "PUT",
        f"/users/{manager.id}/password",
        cast.as_("manager"),
        "reauth_required",
        json={"password": "the thief's own password"},
    )
    response = await cast.app.client.patch(
        f"/users/{manager.id}", json={"password": "x" * 20}, headers=cast.as_("manager")
    )
    assert response.status_code == 422  # no password field on PATCH any more
    assert (await cast.app.sign_in("manager@example.com")).status_code == 200


async def test_1_a_fresh_sign_in_may_change_its_own_email(cast: Cast) -> None:
    """Within reauth_window of the sign-in the same change goes through."""
    manager = await cast.user("manager", "users:modify", "account:*")
    cast.app.clock.advance(299)
    response = await cast.app.client.patch(
        f"/users/{manager.id}", json={"email": "new@example.com"}, headers=cast.as_("manager")
    )
    assert response.status_code == 200, response.text
    assert (await User.get(id=manager.id)).email == "new@example.com"


async def test_2_a_users_modify_key_never_changes_a_secret(cast: Cast) -> None:
    """A key scoped to users:modify cannot set its owner's password or email (403
    credential_not_allowed), nor, for the system administrator, touch the administrator."""
    manager = await cast.user("manager", "users:modify", "account:*")
    key = await cast.key("manager", "users:modify")
    for method, path, body in [
        ("PATCH", f"/users/{manager.id}", {"email": "thief@example.com"}),
        ("PUT", f"/users/{manager.id}/password", {"password": "the thief's own password"}),
    ]:
        await refused(cast, method, path, bearer(key.raw), "credential_not_allowed", json=body)
    root = await cast.user("root", system_admin=True)
    root_key = await cast.key("root", "users:modify")
    await refused(
        cast,
        "PUT",
        f"/users/{root.id}/password",
        {"X-API-Key": root_key.raw},
        "credential_not_allowed",
        json={"password": "the thief's own password"},
    )
    await refused(
        cast,
        "PATCH",
        f"/users/{root.id}",
        {"X-API-Key": root_key.raw},
        "escalation_denied",
        json={"display_name": "owned"},
    )
    assert (await cast.app.sign_in("root@example.com")).status_code == 200


async def test_3_a_deactivated_admin_is_covered_by_what_it_holds(cast: Cast) -> None:
    """users:modify + users:deactivate cannot rewrite, reset or reactivate a deactivated user
    holding `admin` (`*`): its roles count whether it is active or not."""
    await cast.user("manager", "users:modify", "users:deactivate", "account:*")
    target = await cast.app.create_user("boss@example.com")
    await UserRole.create(user=target, role=await Role.get(name="admin"))
    await cast.app.auth.services.user_admin.deactivate(None, target.id, "on leave")
    for method, path, body in [
        ("PATCH", f"/users/{target.id}", {"email": "thief@example.com"}),
        ("PUT", f"/users/{target.id}/password", {"password": "the thief's own password"}),
        ("POST", f"/users/{target.id}/reactivate", {"reason": "back"}),
        ("PUT", f"/users/{target.id}/roles", {"roles": []}),
    ]:
        await refused(cast, method, path, cast.as_("manager"), "escalation_denied", json=body)
    assert not (await User.get(id=target.id)).is_active


async def test_4_the_system_administrators_narrow_key_stays_narrow(cast: Cast) -> None:
    """The system administrator's key scoped to reports:read neither invites, resends
    invitations nor unlocks: 403 scope_denied."""
    await cast.user("root", system_admin=True)
    key = await cast.key("root", "reports:read")
    invited = await cast.app.auth.services.account.invite("invited@example.com")
    for path, body in [
        ("/admin/users/invite", {"email": "new@example.com"}),
        (f"/admin/users/{invited.user.id}/resend-invitation", None),
        (f"/admin/users/{invited.user.id}/unlock", None),
    ]:
        await refused(cast, "POST", path, {"X-API-Key": key.raw}, "scope_denied", json=body)
    assert await User.filter(email="new@example.com").count() == 0


async def test_5_service_account_managers_cover_what_the_account_holds(cast: Cast) -> None:
    """A service_accounts:manage holder without `*` cannot mint or revoke keys of, nor
    reactivate, a service account holding `admin`."""
    await cast.user("operator", "service_accounts:manage", "service_accounts:read", "account:*")
    services = cast.app.auth.services
    account = await services.service_accounts.create(
        None, slug="robot", name="Robot", roles=["admin"]
    )
    admin_key = await services.api_keys.create(
        None, SubjectRef.service_account(account.id), name="ops", scopes=["*"]
    )
    await refused(
        cast,
        "POST",
        f"/service-accounts/{account.id}/api-keys",
        cast.as_("operator"),
        "escalation_denied",
        json={"name": "mine", "scopes": ["service_accounts:read"]},
    )
    await refused(
        cast,
        "DELETE",
        f"/service-accounts/{account.id}/api-keys/{admin_key.key.id}",
        cast.as_("operator"),
        "escalation_denied",
    )
    await services.service_accounts.deactivate(None, account.id)
    await refused(
        cast,
        "POST",
        f"/service-accounts/{account.id}/reactivate",
        cast.as_("operator"),
        "escalation_denied",
    )
    assert not (await ServiceAccount.get(id=account.id)).is_active


async def test_6_account_routes_look_at_key_scopes(cast: Cast) -> None:
    """A key scoped to reports:read reaches none of its owner's account routes: 403
    scope_denied (the owner holds `account:*`, the key does not)."""
    await cast.user("ada")
    key = {"X-API-Key": (await cast.key("ada", "reports:read")).raw}
    for method, path, body in [
        (
            "POST",
            "/auth/change-password",
            {"current_password": PASSWORD, "new_password": "a brand new password"},
        ),
        (
            "POST",
            "/auth/change-email",
            {"current_password": PASSWORD, "new_email": "x@example.com"},
        ),
        ("PATCH", "/users/me", {"display_name": "owned"}),
        ("GET", "/auth/sessions", None),
        ("POST", "/auth/logout-all", None),
        ("POST", "/users/me/api-keys", {"name": "more", "scopes": ["reports:read"]}),
        ("GET", "/users/me/api-keys", None),
        ("GET", "/users/me", None),
        ("DELETE", "/users/me", {"current_password": PASSWORD}),
    ]:
        await refused(cast, method, path, key, "scope_denied", json=body)


async def test_6_even_a_key_scoped_to_the_account_never_changes_the_password(cast: Cast) -> None:
    """account:write lets a key edit the profile, never the password or email, nor delete
    the account."""
    await cast.user("ada")
    key = {"X-API-Key": (await cast.key("ada", "account:*")).raw}
    await refused(
        cast,
        "POST",
        "/auth/change-password",
        key,
        "credential_not_allowed",
        json={"current_password": PASSWORD, "new_password": "a brand new password"},
    )
    await refused(
        cast,
        "POST",
        "/auth/change-email",
        key,
        "credential_not_allowed",
        json={"current_password": PASSWORD, "new_email": "x@example.com"},
    )
    await refused(
        cast,
        "DELETE",
        "/users/me",
        key,
        "credential_not_allowed",
        json={"current_password": PASSWORD},
    )
    edited = await cast.app.client.patch("/users/me", json={"display_name": "Ada"}, headers=key)
    assert edited.status_code == 200 and edited.json()["display_name"] == "Ada"


async def test_revoking_a_key_revokes_the_keys_it_minted(cast: Cast) -> None:
    """Keys minted through a key (and through those) end with it, and cannot outlive it."""
    await cast.user("ada", "reports:read")
    parent = await cast.key("ada", "account:api_keys", "reports:read", expires_in_days=5)
    child = await cast.app.client.post(
        "/users/me/api-keys",
        json={"name": "child", "scopes": ["account:api_keys", "reports:read"]},
        headers={"X-API-Key": parent.raw},
    )
    assert child.status_code == 201, child.text
    grandchild = await cast.app.client.post(
        "/users/me/api-keys",
        json={"name": "grandchild", "scopes": ["reports:read"]},
        headers={"X-API-Key": child.json()["key"]},
    )
    assert grandchild.status_code == 201, grandchild.text
    longer = await cast.app.client.post(
        "/users/me/api-keys",
        json={"name": "longer", "scopes": ["reports:read"], "expires_in_days": 6},
        headers={"X-API-Key": parent.raw},
    )
    assert longer.status_code == 403 and longer.json()["code"] == "escalation_denied"
    revoked = await cast.app.client.delete(
        f"/users/me/api-keys/{parent.key.id}", headers=cast.as_("ada")
    )
    assert revoked.status_code == 204
    ids = {parent.key.id, *(response.json()["id"] for response in (child, grandchild))}
    rows = await ApiKey.filter(id__in=list(ids))
    assert len(rows) == 3 and all(row.revoked_at is not None for row in rows)
    for raw in (child.json()["key"], grandchild.json()["key"]):
        response = await cast.app.client.get("/users/me", headers={"X-API-Key": raw})
        assert response.status_code == 401 and response.json()["code"] == "invalid_api_key"


async def test_another_system_administrator_can_contain_one(cast: Cast) -> None:
    """A system administrator may demote or deactivate another (never reset its password or
    rewrite it); the last active one is never removed."""
    await cast.user("root", system_admin=True)
    other = await cast.user("other", system_admin=True)
    await refused(
        cast,
        "PUT",
        f"/users/{other.id}/password",
        cast.as_("root"),
        "escalation_denied",
        json={"password": "the thief's own password"},
    )
    await refused(
        cast,
        "PATCH",
        f"/users/{other.id}",
        cast.as_("root"),
        "escalation_denied",
        json={"display_name": "x"},
    )
    demoted = await cast.app.client.patch(
        f"/users/{other.id}", json={"is_system_admin": False}, headers=cast.as_("root")
    )
    assert demoted.status_code == 200 and not (await User.get(id=other.id)).is_system_admin
