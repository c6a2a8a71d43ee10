"""The roles section: listing, creating, editing, deleting roles, and who holds one."""

from __future__ import annotations

from fabric_auth.store.models import AuditEvent, Role, ServiceAccount, ServiceAccountRole, UserRole
from tests.admin.conftest import Admin, admin, grant
from tests.conftest import RunningApp

SCRIPT = '"><script>alert(1)</script>'
IMAGE = "<img src=x onerror=alert(1)>"
LINK = "javascript:alert(1)"
SCRIPT_ESCAPED = "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
IMAGE_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


async def _signed_in(app: RunningApp, email: str) -> Admin:
    browser = admin(app)
    assert (await browser.sign_in(email)).status_code == 303
    return browser


async def _root_id(app: RunningApp) -> str:
    user = await app.auth.services.users.find_by_login("root@example.com")
    assert user is not None
    return str(user.id)


async def _last(action: str) -> AuditEvent:
    event = await AuditEvent.filter(action=action).order_by("-seq").first()
    assert event is not None, action
    return event


def _assert_escaped(text: str) -> None:
    assert SCRIPT not in text and IMAGE not in text
    assert SCRIPT_ESCAPED in text and IMAGE_ESCAPED in text
    assert f'href="{LINK}' not in text


async def test_the_list_shows_roles_with_grants_and_builtin_flag(dashboard: RunningApp) -> None:
    """An administrator sees each role, its grants and whether it is built in."""
    browser = await _signed_in(dashboard, "root@example.com")
    page = await browser.get("/admin/roles")
    assert page.status_code == 200
    assert '<a href="/admin/roles/admin">admin</a>' in page.text
    assert '<code class="tag">account:*</code>' in page.text
    assert page.text.count('<span class="tag">built-in</span>') == 2
    assert 'action="/admin/roles"' in page.text
    assert page.headers["cache-control"] == "no-store"


async def test_hostile_role_names_and_descriptions_appear_escaped(dashboard: RunningApp) -> None:
    """A role whose name and description hold script payloads shows them only as text."""
    await Role.create(name=SCRIPT, description=f"{IMAGE} {LINK}", permissions=["users:read"])
    await Role.create(name="hostile", description=f"{SCRIPT} {IMAGE}", permissions=[])
    browser = await _signed_in(dashboard, "root@example.com")
    listing = await browser.get("/admin/roles")
    assert listing.status_code == 200
    _assert_escaped(listing.text)
    detail = await browser.get("/admin/roles/hostile")
    assert detail.status_code == 200
    _assert_escaped(detail.text)


async def test_a_reader_without_roles_read_gets_403_audited(dashboard: RunningApp) -> None:
    """A signed-in user without `roles:read` gets the 403 page, and the refusal is audited."""
    browser = await _signed_in(dashboard, "plain@example.com")
    page = await browser.get("/admin/roles")
    assert page.status_code == 403
    assert "Missing permission: roles:read" in page.text
    denied = await _last("permission.denied")
    assert denied.details["action"] == "roles.read"
    assert denied.details["permission"] == "roles:read"
    assert denied.actor_type == "user"


async def test_a_reader_sees_no_management_forms(dashboard: RunningApp) -> None:
    """With `roles:read` only, the page has no creation form, edit or delete links."""
    await grant(dashboard, "plain@example.com", "roles:read")
    browser = await _signed_in(dashboard, "plain@example.com")
    listing = await browser.get("/admin/roles")
    assert listing.status_code == 200
    assert 'action="/admin/roles"' not in listing.text
    detail = await browser.get("/admin/roles/admin")
    assert detail.status_code == 200
    assert "/edit" not in detail.text and "/delete" not in detail.text


async def test_creating_a_role_is_audited_with_the_admin_as_actor(dashboard: RunningApp) -> None:
    """The form creates the role and redirects to it; the audit entry names the admin."""
    browser = await _signed_in(dashboard, "root@example.com")
    await browser.get("/admin/roles")
    done = await browser.post(
        "/admin/roles",
        name="support",
        description="Helps users",
        permissions="users:read\nusers:list, sessions:read",
    )
    assert done.status_code == 303
    assert done.headers["location"] == "/admin/roles/support?done=role_created"
    role = await Role.get(name="support")
    assert (role.description, role.permissions) == (
        "Helps users",
        ["users:read", "users:list", "sessions:read"],
    )
    event = await _last("role.created")
    assert (event.actor_type, event.actor_id) == ("user", await _root_id(dashboard))
    assert (event.target_type, event.target_id) == ("role", "support")
    assert event.details == {"permissions": ["users:read", "users:list", "sessions:read"]}
    shown = await browser.get(done.headers["location"])
    assert "Role created." in shown.text


async def test_creating_without_the_csrf_field_changes_nothing(dashboard: RunningApp) -> None:
    """A POST without, or with a wrong, CSRF field is a 403 page and creates no role."""
    browser = await _signed_in(dashboard, "root@example.com")
    missing = await browser.client.post("/admin/roles", data={"name": "x", "permissions": ""})
    wrong = await browser.client.post(
        "/admin/roles", data={"name": "x", "permissions": "", "csrf_token": "0" * 64}
    )
    assert (missing.status_code, wrong.status_code) == (403, 403)
    assert not await Role.exists(name="x")


async def test_creating_needs_roles_manage(dashboard: RunningApp) -> None:
    """A reader posting the form gets 403 (audited) and no role."""
    await grant(dashboard, "plain@example.com", "roles:read")
    browser = await _signed_in(dashboard, "plain@example.com")
    await browser.get("/admin/roles")
    refused = await browser.post("/admin/roles", name="mine", permissions="roles:read")
    assert refused.status_code == 403
    assert "Missing permission: roles:manage" in refused.text
    assert not await Role.exists(name="mine")
    assert (await _last("permission.denied")).details["action"] == "roles.manage"


async def test_granting_what_one_lacks_is_a_403_page(dashboard: RunningApp) -> None:
    """A role manager cannot put in a role a permission they do not hold: 403, audited."""
    await grant(dashboard, "plain@example.com", "roles:read", "roles:manage")
    browser = await _signed_in(dashboard, "plain@example.com")
    await browser.get("/admin/roles")
    refused = await browser.post("/admin/roles", name="wide", permissions="users:delete")
    assert refused.status_code == 403
    assert "You do not hold: users:delete" in refused.text
    assert not await Role.exists(name="wide")
    denied = await _last("permission.denied")
    assert denied.details["rule"] == "escalation_denied"
    assert denied.details["action"] == "roles.manage"


async def test_an_unknown_permission_is_a_422_page(dashboard: RunningApp) -> None:
    """A grant that is not in the catalogue is refused with the service's message."""
    browser = await _signed_in(dashboard, "root@example.com")
    await browser.get("/admin/roles")
    refused = await browser.post("/admin/roles", name="odd", permissions="nothing:here")
    assert refused.status_code == 422
    assert "Unknown permission: nothing:here" in refused.text


async def test_editing_a_role_is_audited(dashboard: RunningApp) -> None:
    """The edit form shows the grants; saving replaces them and the description."""
    await Role.create(name="support", description="old", permissions=["users:read"])
    browser = await _signed_in(dashboard, "root@example.com")
    form = await browser.get("/admin/roles/support/edit")
    assert form.status_code == 200
    assert ">users:read</textarea>" in form.text
    done = await browser.post(
        "/admin/roles/support/edit", description="new", permissions="users:list\nusers:read"
    )
    assert done.headers["location"] == "/admin/roles/support?done=role_updated"
    role = await Role.get(name="support")
    assert (role.description, role.permissions) == ("new", ["users:list", "users:read"])
    event = await _last("role.updated")
    assert (event.actor_id, event.target_id) == (await _root_id(dashboard), "support")
    assert event.details == {"permissions": ["users:list", "users:read"]}


async def test_editing_without_csrf_or_beyond_holdings_changes_nothing(
    dashboard: RunningApp,
) -> None:
    """No CSRF field: 403; a manager taking away a grant they lack: 403; the role stays."""
    await Role.create(name="auditors", permissions=["audit:read"])
    await grant(dashboard, "plain@example.com", "roles:read", "roles:manage")
    browser = await _signed_in(dashboard, "plain@example.com")
    await browser.get("/admin/roles/auditors/edit")
    no_csrf = await browser.client.post(
        "/admin/roles/auditors/edit", data={"description": "x", "permissions": ""}
    )
    assert no_csrf.status_code == 403
    escalating = await browser.post("/admin/roles/auditors/edit", description="", permissions="")
    assert escalating.status_code == 403
    assert "You do not hold: audit:read" in escalating.text
    role = await Role.get(name="auditors")
    assert (role.description, role.permissions) == ("", ["audit:read"])


async def test_deleting_asks_first_then_deletes_audited(dashboard: RunningApp) -> None:
    """GET shows a confirmation form; its POST deletes the role, audited with the admin."""
    await Role.create(name="temp", permissions=["users:read"])
    browser = await _signed_in(dashboard, "root@example.com")
    confirm = await browser.get("/admin/roles/temp/delete")
    assert confirm.status_code == 200
    assert 'action="/admin/roles/temp/delete"' in confirm.text
    assert await Role.exists(name="temp")
    done = await browser.post("/admin/roles/temp/delete")
    assert done.headers["location"] == "/admin/roles?done=role_deleted"
    assert not await Role.exists(name="temp")
    event = await _last("role.deleted")
    assert (event.actor_id, event.target_type, event.target_id) == (
        await _root_id(dashboard),
        "role",
        "temp",
    )


async def test_deleting_a_builtin_role_is_refused(dashboard: RunningApp) -> None:
    """The built-in `user` role cannot be deleted: the service's error as a 409 page."""
    browser = await _signed_in(dashboard, "root@example.com")
    await browser.get("/admin/roles/user/delete")
    refused = await browser.post("/admin/roles/user/delete")
    assert refused.status_code == 409
    assert "Built-in roles cannot be deleted" in refused.text
    assert await Role.exists(name="user")


async def test_deleting_without_csrf_or_permission_changes_nothing(dashboard: RunningApp) -> None:
    """No CSRF field, or only `roles:read`: 403 and the role stays."""
    await Role.create(name="temp", permissions=[])
    await grant(dashboard, "plain@example.com", "roles:read")
    root = await _signed_in(dashboard, "root@example.com")
    no_csrf = await root.client.post("/admin/roles/temp/delete", data={})
    assert no_csrf.status_code == 403
    reader = admin(dashboard, dashboard.client)
    await reader.sign_in("plain@example.com")
    assert (await reader.get("/admin/roles/temp/delete")).status_code == 403
    await reader.get("/admin/roles")
    assert (await reader.post("/admin/roles/temp/delete")).status_code == 403
    assert await Role.exists(name="temp")


async def test_who_holds_a_role_lists_users_and_service_accounts(dashboard: RunningApp) -> None:
    """The role's page lists the users and service accounts holding it, escaped."""
    role = await Role.create(name="ops", permissions=["users:read"])
    holder = await dashboard.create_user("holder@example.com", display_name=f"{SCRIPT} {IMAGE}")
    await UserRole.create(user=holder, role=role)
    account = await ServiceAccount.create(slug="exporter", name=f"{IMAGE} {SCRIPT} {LINK}")
    await ServiceAccountRole.create(service_account=account, role=role)
    browser = await _signed_in(dashboard, "root@example.com")
    page = await browser.get("/admin/roles/ops")
    assert page.status_code == 200
    assert f'<a href="/admin/users/{holder.id}">holder@example.com</a>' in page.text
    assert f'<a href="/admin/service-accounts/{account.id}">exporter</a>' in page.text
    assert "plain@example.com" not in page.text
    _assert_escaped(page.text)


async def test_holders_are_keyset_paginated(dashboard: RunningApp) -> None:
    """Past 50 holders, a link leads to the next page, which starts after the last shown."""
    role = await Role.create(name="bots", permissions=[])
    for number in range(51):
        account = await ServiceAccount.create(slug=f"bot-{number:02d}", name="Bot")
        await ServiceAccountRole.create(service_account=account, role=role)
    browser = await _signed_in(dashboard, "root@example.com")
    first = await browser.get("/admin/roles/bots")
    assert ">bot-49</a>" in first.text and ">bot-50</a>" not in first.text
    marker = 'href="/admin/roles/bots?accounts_after='
    start = first.text.index(marker) + len('href="')
    link = first.text[start : first.text.index('"', start)]
    second = await browser.get(link)
    assert ">bot-50</a>" in second.text and ">bot-49</a>" not in second.text
    assert "No users hold this role" in second.text


async def test_a_description_too_long_is_a_422_page(dashboard: RunningApp) -> None:
    """A description over 500 characters is refused with a clear message, not cut."""
    browser = await _signed_in(dashboard, "root@example.com")
    await browser.get("/admin/roles")
    refused = await browser.post("/admin/roles", name="long", description="x" * 501, permissions="")
    assert refused.status_code == 422
    assert "A description is at most 500 characters" in refused.text
    assert not await Role.exists(name="long")
