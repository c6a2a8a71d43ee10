"""The users and roles routers, and every escalation rule, over HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from fabric_auth.store.models import AuditEvent, Role, Session, User, UserRole
from tests.conftest import PASSWORD, AppFactory, RunningApp


def bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


class Org:
    """An app with a system admin (root), an admin (role `admin`: `*`), a user manager
    (users:list/read/modify) and a plain user."""

    def __init__(self, app: RunningApp) -> None:
        self.app = app
        self.ids: dict[str, str] = {}
        self.tokens: dict[str, dict[str, Any]] = {}

    async def setup(self) -> Org:
        await Role.create(
            name="manager", permissions=["users:list", "users:read", "users:modify", "roles:read"]
        )
        for name, kwargs in {
            "root": {"is_system_admin": True},
            "admin": {},
            "manager": {},
            "plain": {},
        }.items():
            user = await self.app.create_user(f"{name}@example.com", **kwargs)
            self.ids[name] = str(user.id)
        for name in ("admin", "manager"):
            role = await Role.get(name=name)
            await UserRole.create(user_id=self.ids[name], role=role)
        for name in self.ids:
            self.tokens[name] = await self.app.tokens(f"{name}@example.com")
        return self

    def as_(self, name: str) -> dict[str, str]:
        return bearer(self.tokens[name])


@pytest.fixture
async def org(make_app: AppFactory) -> Org:
    return await Org(await make_app()).setup()


async def test_default_roles_are_seeded_and_given_to_new_users(org: Org) -> None:
    """admin and user exist; new accounts hold the default role."""
    assert set(await Role.filter(is_builtin=True).values_list("name", flat=True)) == {
        "admin",
        "user",
    }
    me = await org.app.client.get("/users/me", headers=org.as_("plain"))
    assert me.json()["roles"] == ["user"]


async def test_list_search_filter_paginate(org: Org) -> None:
    """GET /users pages by email, searches and filters by role and activity."""
    client = org.app.client
    page = (await client.get("/users", params={"limit": 2}, headers=org.as_("manager"))).json()
    assert set(page) == {"items", "next_cursor"}
    assert [u["email"] for u in page["items"]] == ["admin@example.com", "manager@example.com"]
    rest = (
        await client.get(
            "/users",
            params={"limit": 2, "cursor": page["next_cursor"]},
            headers=org.as_("manager"),
        )
    ).json()
    assert len(rest["items"]) == 2 and rest["next_cursor"] is None
    found = (await client.get("/users", params={"q": "PLAIN"}, headers=org.as_("manager"))).json()
    assert [u["email"] for u in found["items"]] == ["plain@example.com"]
    by_role = (
        await client.get("/users", params={"role": "manager"}, headers=org.as_("manager"))
    ).json()
    assert [u["email"] for u in by_role["items"]] == ["manager@example.com"]
    bad = await client.get("/users", params={"limit": 1000}, headers=org.as_("manager"))
    assert bad.status_code == 422 and bad.json()["code"] == "validation_error"


async def test_list_filters_by_verified(org: Org) -> None:
    """GET /users?is_verified= lists only the verified, or only the unverified, users."""
    await User.filter(email__in=["admin@example.com", "plain@example.com"]).update(is_verified=True)
    client = org.app.client
    verified = (
        await client.get("/users", params={"is_verified": "true"}, headers=org.as_("manager"))
    ).json()
    assert [u["email"] for u in verified["items"]] == ["admin@example.com", "plain@example.com"]
    unverified = (
        await client.get("/users", params={"is_verified": "false"}, headers=org.as_("manager"))
    ).json()
    assert [u["email"] for u in unverified["items"]] == [
        "manager@example.com",
        "root@example.com",
    ]


async def test_an_administrator_revoking_a_session_is_the_audited_actor(org: Org) -> None:
    """DELETE /users/{id}/sessions/{sid} by an administrator records the administrator, not
    the session's owner, as the actor of `session.revoked`."""
    (session,) = await Session.filter(user_id=org.ids["plain"])
    response = await org.app.client.delete(
        f"/users/{org.ids['plain']}/sessions/{session.id}", headers=org.as_("admin")
    )
    assert response.status_code == 204, response.text
    (entry,) = await AuditEvent.filter(action="session.revoked")
    assert (entry.actor_id, entry.target_id) == (org.ids["admin"], str(session.id))
    assert entry.details == {"reason": "revoked_by_admin"}


async def test_plain_user_cannot_list(org: Org) -> None:
    """Without users:list the listing is a 403."""
    response = await org.app.client.get("/users", headers=org.as_("plain"))
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


async def test_manager_modifies_a_plain_user(org: Org) -> None:
    """users:modify changes a user who holds nothing beyond the manager's permissions."""
    response = await org.app.client.patch(
        f"/users/{org.ids['plain']}",
        json={"display_name": "Plain Jane"},
        headers=org.as_("manager"),
    )
    assert response.status_code == 200, response.text
    assert response.json()["display_name"] == "Plain Jane"


async def test_manager_cannot_reset_an_admin(org: Org) -> None:
    """A users:modify holder resetting the password of an admin (who holds more) gets 403."""
    response = await org.app.client.put(
        f"/users/{org.ids['admin']}/password",
        json={"password": "a brand new password"},
        headers=org.as_("manager"),
    )
    assert response.status_code == 403
    assert response.json()["code"] == "escalation_denied"
    assert (await org.app.sign_in("admin@example.com")).status_code == 200


async def test_cannot_grant_a_role_with_more_than_you_hold(org: Org) -> None:
    """A manager giving anyone the admin role (`*`) gets 403, and nothing changes."""
    response = await org.app.client.put(
        f"/users/{org.ids['plain']}/roles", json={"roles": ["admin"]}, headers=org.as_("manager")
    )
    assert response.status_code == 403
    assert response.json()["code"] == "escalation_denied"
    assert await UserRole.filter(user_id=org.ids["plain"], role__name="admin").count() == 0


async def test_cannot_make_yourself_more_powerful(org: Org) -> None:
    """Nobody grants themselves a role beyond their permissions."""
    response = await org.app.client.put(
        f"/users/{org.ids['manager']}/roles",
        json={"roles": ["manager", "admin"]},
        headers=org.as_("manager"),
    )
    assert response.status_code == 403


async def test_admin_cannot_touch_the_system_admin(org: Org) -> None:
    """Even `*` cannot modify, deactivate or delete the system administrator."""
    client, root = org.app.client, org.ids["root"]
    for method, path, body in [
        ("PATCH", f"/users/{root}", {"display_name": "x"}),
        ("POST", f"/users/{root}/deactivate", {"reason": "x"}),
        ("DELETE", f"/users/{root}", None),
        ("PUT", f"/users/{root}/roles", {"roles": []}),
    ]:
        response = await client.request(method, path, json=body, headers=org.as_("admin"))
        assert response.status_code == 403, (method, path, response.text)


async def test_admin_cannot_make_a_system_admin(org: Org) -> None:
    """Granting system administration takes a system administrator."""
    response = await org.app.client.patch(
        f"/users/{org.ids['plain']}", json={"is_system_admin": True}, headers=org.as_("admin")
    )
    assert response.status_code == 403


async def test_last_system_admin_cannot_be_removed(org: Org) -> None:
    """The only system admin cannot deactivate, delete or demote itself (403)."""
    client, root = org.app.client, org.ids["root"]
    demote = await client.patch(
        f"/users/{root}", json={"is_system_admin": False}, headers=org.as_("root")
    )
    assert demote.status_code == 403 and demote.json()["code"] == "last_system_admin"
    deactivate = await client.post(f"/users/{root}/deactivate", json={}, headers=org.as_("root"))
    assert deactivate.status_code == 403
    delete = await client.delete(f"/users/{root}", headers=org.as_("root"))
    assert delete.status_code == 403
    assert (await User.get(id=root)).is_system_admin
    # With a second system admin, the first may step down.
    promoted = await client.patch(
        f"/users/{org.ids['plain']}", json={"is_system_admin": True}, headers=org.as_("root")
    )
    assert promoted.status_code == 200
    demote = await client.patch(
        f"/users/{root}", json={"is_system_admin": False}, headers=org.as_("root")
    )
    assert demote.status_code == 200


async def test_deactivation_revokes_sessions_and_records_the_reason(org: Org) -> None:
    """Deactivating ends every token at once; reactivating lets the user sign in again."""
    client, plain = org.app.client, org.ids["plain"]
    response = await client.post(
        f"/users/{plain}/deactivate", json={"reason": "left the company"}, headers=org.as_("admin")
    )
    assert response.status_code == 200 and response.json()["is_active"] is False
    user = await User.get(id=plain)
    assert user.deactivation_reason == "left the company"
    assert (await client.get("/auth/me", headers=org.as_("plain"))).status_code == 401
    assert (await org.app.sign_in("plain@example.com")).status_code == 401
    back = await client.post(f"/users/{plain}/reactivate", json={}, headers=org.as_("admin"))
    assert back.status_code == 200
    org.app.clock.advance(0.01)
    assert (await org.app.sign_in("plain@example.com")).status_code == 200


async def test_admin_sees_and_revokes_sessions(org: Org) -> None:
    """sessions:read lists a user's sessions, sessions:revoke ends one."""
    client, plain = org.app.client, org.ids["plain"]
    listed = await client.get(f"/users/{plain}/sessions", headers=org.as_("admin"))
    sessions = listed.json()["items"]
    assert len(sessions) == 1
    gone = await client.delete(
        f"/users/{plain}/sessions/{sessions[0]['id']}", headers=org.as_("admin")
    )
    assert gone.status_code == 204
    assert (await client.get("/auth/me", headers=org.as_("plain"))).status_code == 401


@pytest.mark.parametrize("mode", ["soft", "hard"])
async def test_delete_soft_or_hard(make_app: AppFactory, mode: str) -> None:
    """DELETE /users/{id}: soft keeps the row (email reserved), hard removes it."""
    org = await Org(await make_app(user_delete_mode=mode)).setup()
    response = await org.app.client.delete(f"/users/{org.ids['plain']}", headers=org.as_("admin"))
    assert response.status_code == 204
    row = await User.get_or_none(id=org.ids["plain"])
    assert (row is not None and row.deleted_at is not None) if mode == "soft" else row is None
    assert (
        await org.app.client.get(f"/users/{org.ids['plain']}", headers=org.as_("admin"))
    ).status_code == 404
    assert (await org.app.client.get("/auth/me", headers=org.as_("plain"))).status_code == 401


async def test_create_user_without_password_invites(org: Org) -> None:
    """POST /users without a password creates the user with the given roles and mails an
    activation link, which sets the first password."""
    created = await org.app.client.post(
        "/users", json={"email": "new@example.com", "roles": ["manager"]}, headers=org.as_("admin")
    )
    assert created.status_code == 201, created.text
    assert created.json()["roles"] == ["manager"]
    message = await org.app.outbox.wait_for(to="new@example.com")
    token = org.app.outbox.token_of(message)
    activated = await org.app.client.post(
        "/auth/activate", json={"token": token, "password": "a fresh long password"}
    )
    assert activated.status_code == 200, activated.text
    assert (await org.app.sign_in("new@example.com", "a fresh long password")).status_code == 200
    too_much = await org.app.client.post(
        "/users", json={"email": "x@example.com", "password": PASSWORD}, headers=org.as_("manager")
    )
    assert too_much.status_code == 403  # no users:create


async def test_self_service_profile(org: Org) -> None:
    """Users change their own name and profile, but not their flags, through /users/me."""
    client = org.app.client
    response = await client.patch(
        "/users/me", json={"display_name": "Me", "profile": {"tz": "UTC"}}, headers=org.as_("plain")
    )
    assert response.status_code == 200 and response.json()["profile"] == {"tz": "UTC"}
    sneaky = await client.patch(
        "/users/me", json={"is_system_admin": True}, headers=org.as_("plain")
    )
    assert sneaky.status_code == 422


async def test_roles_router_rules(org: Org) -> None:
    """Roles: create within your permissions, unknown codes refused, built-ins kept."""
    client = org.app.client
    listed = await client.get("/permissions", params={"limit": 200}, headers=org.as_("manager"))
    catalogue = listed.json()["items"]
    assert {"code": "users:list", "description": "List and search users"} in catalogue
    assert (
        await client.post(
            "/roles", json={"name": "x", "permissions": []}, headers=org.as_("manager")
        )
    ).status_code == 403
    typo = await client.post(
        "/roles", json={"name": "ops", "permissions": ["user:list"]}, headers=org.as_("admin")
    )
    assert typo.status_code == 422 and typo.json()["code"] == "unknown_permission"
    created = await client.post(
        "/roles", json={"name": "ops", "permissions": ["users:*"]}, headers=org.as_("admin")
    )
    assert created.status_code == 201
    duplicate = await client.post(
        "/roles", json={"name": "ops", "permissions": []}, headers=org.as_("admin")
    )
    assert duplicate.status_code == 409
    builtin = await client.delete("/roles/user", headers=org.as_("admin"))
    assert builtin.status_code == 409 and builtin.json()["code"] == "builtin_role"
    changed = await client.put(
        "/roles/ops/permissions", json={"permissions": ["users:list"]}, headers=org.as_("admin")
    )
    assert changed.json()["permissions"] == ["users:list"]
    assert (await client.delete("/roles/ops", headers=org.as_("admin"))).status_code == 204
    assert (await client.get("/roles/ops", headers=org.as_("admin"))).status_code == 404


async def test_role_change_takes_effect_at_once(org: Org) -> None:
    """Removing a permission from a role is enforced on the holder's next request."""
    client = org.app.client
    assert (await client.get("/users", headers=org.as_("manager"))).status_code == 200
    await client.put(
        "/roles/manager/permissions", json={"permissions": ["users:read"]}, headers=org.as_("admin")
    )
    assert (await client.get("/users", headers=org.as_("manager"))).status_code == 403


async def test_create_with_unknown_role_writes_nothing(org: Org) -> None:
    """POST /users naming a role that does not exist is a 422 and creates no user."""
    response = await org.app.client.post(
        "/users", json={"email": "ghost@example.com", "roles": ["nope"]}, headers=org.as_("admin")
    )
    assert response.status_code == 422
    assert not await User.exists(email_normalized="ghost@example.com")
