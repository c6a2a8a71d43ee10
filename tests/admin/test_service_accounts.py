"""The service accounts section: accounts, their roles and API keys; a new key shown once."""

from __future__ import annotations

import re
from typing import Any

from fabric_auth.store.models import ApiKey, AuditEvent, Role, ServiceAccount, ServiceAccountRole
from fabric_auth.tokens import api_keys as key_format
from tests.admin.conftest import Admin, admin, grant
from tests.conftest import RunningApp

SCRIPT = '"><script>alert(1)</script>'
IMAGE = "<img src=x onerror=alert(1)>"
LINK = "javascript:alert(1)"
SCRIPT_ESCAPED = "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
IMAGE_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"
RAW_KEY = re.compile(r'id="raw-key" class="secret" readonly value="([^"]+)"')


async def _signed_in(app: RunningApp, email: str = "root@example.com") -> Admin:
    browser = admin(app)
    assert (await browser.sign_in(email)).status_code == 303
    return browser


async def _user_id(app: RunningApp, email: str = "root@example.com") -> str:
    user = await app.auth.services.users.find_by_login(email)
    assert user is not None
    return str(user.id)


async def _grant_more(app: RunningApp, email: str, *permissions: str) -> None:
    """Add `permissions` to the role `grant` gave `email` (through the service, so that the
    cached permissions are dropped)."""
    name = f"r-{email.split('@')[0]}"
    role = await Role.get(name=name)
    await app.auth.services.rbac.update_role(
        None, name, permissions=[*role.permissions, *permissions]
    )


async def _last(action: str) -> AuditEvent:
    event = await AuditEvent.filter(action=action).order_by("-seq").first()
    assert event is not None, action
    return event


async def _account(slug: str = "exporter", **fields: Any) -> ServiceAccount:
    return await ServiceAccount.create(slug=slug, name=fields.pop("name", "Exporter"), **fields)


async def _issue(browser: Admin, account: ServiceAccount, **fields: str) -> str:
    """Issue a key through the form; the raw key read off the answer page."""
    await browser.get(f"/admin/service-accounts/{account.id}")
    answer = await browser.post(
        f"/admin/service-accounts/{account.id}/keys",
        **{"name": "ci", "scopes": "users:read", "expires_in_days": "30", **fields},
    )
    assert answer.status_code == 200, answer.text
    found = RAW_KEY.search(answer.text)
    assert found
    return found.group(1)


async def test_the_list_shows_accounts_escaped(dashboard: RunningApp) -> None:
    """Accounts are listed by slug; hostile names, descriptions and teams show as text."""
    hostile = await _account(name=f"{SCRIPT} {LINK}", description=IMAGE, owner_team=IMAGE)
    browser = await _signed_in(dashboard)
    page = await browser.get("/admin/service-accounts")
    assert page.status_code == 200
    assert f'<a href="/admin/service-accounts/{hostile.id}">exporter</a>' in page.text
    assert SCRIPT not in page.text and IMAGE not in page.text
    assert SCRIPT_ESCAPED in page.text and IMAGE_ESCAPED in page.text
    detail = await browser.get(f"/admin/service-accounts/{hostile.id}")
    assert detail.status_code == 200
    assert SCRIPT not in detail.text and IMAGE not in detail.text
    assert SCRIPT_ESCAPED in detail.text and IMAGE_ESCAPED in detail.text
    assert f'href="{LINK}' not in detail.text


async def test_reading_needs_service_accounts_read(dashboard: RunningApp) -> None:
    """Without `service_accounts:read` the list and a detail are 403 pages, audited."""
    account = await _account()
    browser = await _signed_in(dashboard, "plain@example.com")
    assert (await browser.get("/admin/service-accounts")).status_code == 403
    detail = await browser.get(f"/admin/service-accounts/{account.id}")
    assert detail.status_code == 403
    assert "Missing permission: service_accounts:read" in detail.text
    denied = await _last("permission.denied")
    assert denied.details["action"] == "service_accounts.read"
    assert denied.actor_id == await _user_id(dashboard, "plain@example.com")


async def test_a_reader_sees_no_action_forms(dashboard: RunningApp) -> None:
    """With `service_accounts:read` only: no creation, deactivation or key forms."""
    account = await _account()
    await grant(dashboard, "plain@example.com", "service_accounts:read")
    browser = await _signed_in(dashboard, "plain@example.com")
    listing = await browser.get("/admin/service-accounts")
    assert listing.status_code == 200
    assert 'method="post" action="/admin/service-accounts"' not in listing.text
    detail = await browser.get(f"/admin/service-accounts/{account.id}")
    assert "/deactivate" not in detail.text and "/keys" not in detail.text


async def test_creating_an_account_is_audited(dashboard: RunningApp) -> None:
    """The form creates the account with its roles; the audit entry names the admin."""
    await Role.create(name="readers", permissions=["users:read"])
    browser = await _signed_in(dashboard)
    await browser.get("/admin/service-accounts")
    done = await browser.post(
        "/admin/service-accounts",
        slug="billing",
        name="Billing exporter",
        description="Exports invoices",
        owner_team="Finance",
        roles="readers",
    )
    assert done.status_code == 303
    account = await ServiceAccount.get(slug="billing")
    assert done.headers["location"] == f"/admin/service-accounts/{account.id}?done=account_created"
    assert (account.name, account.description, account.owner_team) == (
        "Billing exporter",
        "Exports invoices",
        "Finance",
    )
    assert str(account.created_by) == await _user_id(dashboard)
    event = await _last("service_account.created")
    assert (event.actor_type, event.actor_id) == ("user", await _user_id(dashboard))
    assert (event.target_type, event.target_id) == ("service_account", str(account.id))
    assert event.details == {"slug": "billing", "roles": ["readers"]}
    shown = await browser.get(done.headers["location"])
    assert "Service account created." in shown.text
    assert '<a class="tag" href="/admin/roles/readers">readers</a>' in shown.text


async def test_creating_refused_without_csrf_permission_or_holdings(dashboard: RunningApp) -> None:
    """No CSRF field: 403; a reader: 403; a manager giving a role broader than themselves:
    403 with the service's reason. No account is created."""
    root = await _signed_in(dashboard)
    no_csrf = await root.client.post("/admin/service-accounts", data={"slug": "a", "name": "A"})
    assert no_csrf.status_code == 403
    await grant(dashboard, "plain@example.com", "service_accounts:read")
    reader = await _signed_in(dashboard, "plain@example.com")
    await reader.get("/admin/service-accounts")
    refused = await reader.post("/admin/service-accounts", slug="b", name="B")
    assert refused.status_code == 403
    assert "Missing permission: service_accounts:manage" in refused.text
    await _grant_more(dashboard, "plain@example.com", "service_accounts:manage")
    escalating = await reader.post("/admin/service-accounts", slug="c", name="C", roles="admin")
    assert escalating.status_code == 403
    assert "You do not hold: *" in escalating.text
    assert (await _last("permission.denied")).details["rule"] == "escalation_denied"
    assert await ServiceAccount.all().count() == 0


async def test_deactivating_asks_first_and_revokes_keys(dashboard: RunningApp) -> None:
    """GET shows the confirmation; its POST deactivates the account (keys revoked),
    audited with the admin as actor; reactivating is audited too."""
    account = await _account()
    browser = await _signed_in(dashboard)
    await _issue(browser, account)
    confirm = await browser.get(f"/admin/service-accounts/{account.id}/deactivate")
    assert confirm.status_code == 200
    assert f'action="/admin/service-accounts/{account.id}/deactivate"' in confirm.text
    done = await browser.post(f"/admin/service-accounts/{account.id}/deactivate")
    assert done.headers["location"] == (
        f"/admin/service-accounts/{account.id}?done=account_deactivated"
    )
    assert not (await ServiceAccount.get(id=account.id)).is_active
    assert await ApiKey.filter(service_account_id=account.id, revoked_at__isnull=True).count() == 0
    event = await _last("service_account.deactivated")
    assert (event.actor_id, event.target_id) == (await _user_id(dashboard), str(account.id))
    await browser.get(f"/admin/service-accounts/{account.id}")
    again = await browser.post(f"/admin/service-accounts/{account.id}/reactivate")
    assert again.headers["location"].endswith("?done=account_reactivated")
    assert (await ServiceAccount.get(id=account.id)).is_active
    event = await _last("service_account.reactivated")
    assert (event.actor_id, event.target_id) == (await _user_id(dashboard), str(account.id))


async def test_deactivating_refused_without_csrf_or_permission(dashboard: RunningApp) -> None:
    """No CSRF field, or a reader: 403 and the account stays active."""
    account = await _account()
    root = await _signed_in(dashboard)
    no_csrf = await root.client.post(f"/admin/service-accounts/{account.id}/deactivate")
    assert no_csrf.status_code == 403
    await grant(dashboard, "plain@example.com", "service_accounts:read")
    reader = await _signed_in(dashboard, "plain@example.com")
    assert (await reader.get(f"/admin/service-accounts/{account.id}/deactivate")).status_code == 403
    await reader.get("/admin/service-accounts")
    refused = await reader.post(f"/admin/service-accounts/{account.id}/deactivate")
    assert refused.status_code == 403
    assert (await ServiceAccount.get(id=account.id)).is_active


async def test_an_issued_key_is_shown_once_and_never_in_a_url(dashboard: RunningApp) -> None:
    """The POST answers 200 (no redirect, no-store) with the key once; the account's page
    afterwards shows only its prefix; the audit entry names the admin, without the key."""
    account = await _account()
    browser = await _signed_in(dashboard)
    await browser.get(f"/admin/service-accounts/{account.id}")
    answer = await browser.post(
        f"/admin/service-accounts/{account.id}/keys",
        name="deploy",
        scopes="users:read\nusers:list",
        expires_in_days="7",
    )
    assert answer.status_code == 200
    assert "location" not in answer.headers
    assert answer.headers["cache-control"] == "no-store"
    found = RAW_KEY.search(answer.text)
    assert found
    raw = found.group(1)
    assert answer.text.count(raw) == 1
    key = await ApiKey.get(service_account_id=account.id)
    assert key.key_hash == key_format.hash_key(raw)
    assert (key.name, key.scopes) == ("deploy", ["users:read", "users:list"])
    assert (key.expires_at - key.created_at).days == 7
    event = await _last("api_key.created")
    assert (event.actor_type, event.actor_id) == ("user", await _user_id(dashboard))
    assert (event.target_type, event.target_id) == ("api_key", str(key.id))
    assert event.details["scopes"] == ["users:read", "users:list"]
    assert event.details["owner"] == f"service_account:{account.id}"
    assert raw not in str(event.details)
    detail = await browser.get(f"/admin/service-accounts/{account.id}")
    assert raw not in detail.text
    assert f"<code>{key.display_prefix}…{key.last4}</code>" in detail.text


async def test_issuing_refused_without_csrf_permission_or_holdings(dashboard: RunningApp) -> None:
    """No CSRF field: 403; without `api_keys:create`: 403; a scope the admin lacks: 403
    (escalation, audited). No key is issued."""
    account = await _account()
    root = await _signed_in(dashboard)
    no_csrf = await root.client.post(
        f"/admin/service-accounts/{account.id}/keys", data={"name": "x", "scopes": "users:read"}
    )
    assert no_csrf.status_code == 403
    await grant(dashboard, "plain@example.com", "service_accounts:read", "service_accounts:manage")
    manager = await _signed_in(dashboard, "plain@example.com")
    await manager.get(f"/admin/service-accounts/{account.id}")
    refused = await manager.post(
        f"/admin/service-accounts/{account.id}/keys", name="x", scopes="service_accounts:read"
    )
    assert refused.status_code == 403
    assert "Missing permission: api_keys:create" in refused.text
    await _grant_more(dashboard, "plain@example.com", "api_keys:create")
    escalating = await manager.post(
        f"/admin/service-accounts/{account.id}/keys", name="x", scopes="users:delete"
    )
    assert escalating.status_code == 403
    assert "You do not hold: users:delete" in escalating.text
    assert "fas_" not in escalating.text
    assert await ApiKey.all().count() == 0


async def test_an_account_holding_more_than_the_admin_is_out_of_reach(
    dashboard: RunningApp,
) -> None:
    """A key manager cannot issue keys to an account whose roles they do not cover."""
    account = await _account()
    wide = await Role.create(name="wide", permissions=["users:delete"])
    await ServiceAccountRole.create(service_account=account, role=wide)
    await grant(
        dashboard,
        "plain@example.com",
        "service_accounts:read",
        "service_accounts:manage",
        "api_keys:create",
        "users:read",
    )
    manager = await _signed_in(dashboard, "plain@example.com")
    await manager.get(f"/admin/service-accounts/{account.id}")
    refused = await manager.post(
        f"/admin/service-accounts/{account.id}/keys", name="x", scopes="users:read"
    )
    assert refused.status_code == 403
    assert "users:delete" in refused.text
    assert await ApiKey.all().count() == 0


async def test_rotating_shows_the_new_key_once_and_ends_the_old(dashboard: RunningApp) -> None:
    """GET asks; the POST answers 200 with the new key once, the old key is revoked and the
    rotation audited with the admin as actor."""
    account = await _account()
    browser = await _signed_in(dashboard)
    old_raw = await _issue(browser, account, name="rotating")
    old = await ApiKey.get(key_hash=key_format.hash_key(old_raw))
    confirm = await browser.get(f"/admin/service-accounts/{account.id}/keys/{old.id}/rotate")
    assert confirm.status_code == 200
    assert 'name="overlap_seconds"' in confirm.text
    answer = await browser.post(
        f"/admin/service-accounts/{account.id}/keys/{old.id}/rotate", overlap_seconds="0"
    )
    assert answer.status_code == 200
    assert "location" not in answer.headers
    found = RAW_KEY.search(answer.text)
    assert found
    new_raw = found.group(1)
    assert new_raw != old_raw and answer.text.count(new_raw) == 1
    new = await ApiKey.get(key_hash=key_format.hash_key(new_raw))
    old = await ApiKey.get(id=old.id)
    assert old.revoked_at is not None and old.replaced_by == new.id
    assert (new.name, new.scopes) == ("rotating", ["users:read"])
    event = await _last("api_key.rotated")
    assert (event.actor_id, event.target_id) == (await _user_id(dashboard), str(old.id))
    assert event.details["replaced_by"] == str(new.id)


async def test_rotating_refused_without_csrf(dashboard: RunningApp) -> None:
    """A rotation without the CSRF field is a 403 page and issues nothing."""
    account = await _account()
    browser = await _signed_in(dashboard)
    raw = await _issue(browser, account)
    key = await ApiKey.get(key_hash=key_format.hash_key(raw))
    refused = await browser.client.post(
        f"/admin/service-accounts/{account.id}/keys/{key.id}/rotate", data={}
    )
    assert refused.status_code == 403
    assert await ApiKey.all().count() == 1


async def test_revoking_asks_first_and_is_audited(dashboard: RunningApp) -> None:
    """GET shows the confirmation; the POST revokes the key, audited with the admin."""
    account = await _account()
    browser = await _signed_in(dashboard)
    raw = await _issue(browser, account)
    key = await ApiKey.get(key_hash=key_format.hash_key(raw))
    confirm = await browser.get(f"/admin/service-accounts/{account.id}/keys/{key.id}/revoke")
    assert confirm.status_code == 200
    assert (await ApiKey.get(id=key.id)).revoked_at is None
    done = await browser.post(f"/admin/service-accounts/{account.id}/keys/{key.id}/revoke")
    assert done.headers["location"] == f"/admin/service-accounts/{account.id}?done=key_revoked"
    assert (await ApiKey.get(id=key.id)).revoked_at is not None
    event = await _last("api_key.revoked")
    assert (event.actor_type, event.actor_id) == ("user", await _user_id(dashboard))
    assert (event.target_type, event.target_id) == ("api_key", str(key.id))
    page = await browser.get(done.headers["location"])
    assert "API key revoked." in page.text and '<span class="tag bad">revoked</span>' in page.text


async def test_revoking_refused_without_csrf_or_permission(dashboard: RunningApp) -> None:
    """No CSRF field, or without `api_keys:revoke`: 403 and the key stays live."""
    account = await _account()
    root = await _signed_in(dashboard)
    raw = await _issue(root, account)
    key = await ApiKey.get(key_hash=key_format.hash_key(raw))
    path = f"/admin/service-accounts/{account.id}/keys/{key.id}/revoke"
    assert (await root.client.post(path, data={})).status_code == 403
    await grant(dashboard, "plain@example.com", "service_accounts:read", "service_accounts:manage")
    manager = await _signed_in(dashboard, "plain@example.com")
    assert (await manager.get(path)).status_code == 403
    await manager.get(f"/admin/service-accounts/{account.id}")
    refused = await manager.post(path)
    assert refused.status_code == 403
    assert "Missing permission: api_keys:revoke" in refused.text
    assert (await ApiKey.get(id=key.id)).revoked_at is None


async def test_setting_roles_is_audited_and_refused_beyond_holdings(dashboard: RunningApp) -> None:
    """The roles form replaces the account's roles, audited with the admin as actor; a
    manager giving a role broader than themselves, or posting without CSRF, changes nothing."""
    await Role.create(name="readers", permissions=["users:read"])
    account = await _account()
    root = await _signed_in(dashboard)
    page = await root.get(f"/admin/service-accounts/{account.id}")
    assert f'action="/admin/service-accounts/{account.id}/roles"' in page.text
    done = await root.post(f"/admin/service-accounts/{account.id}/roles", roles="readers")
    assert done.headers["location"].endswith("?done=account_roles_set")
    assert await dashboard.auth.services.service_accounts.roles_of(account.id) == ["readers"]
    event = await _last("service_account.roles_assigned")
    assert (event.actor_id, event.target_id) == (await _user_id(dashboard), str(account.id))
    assert event.details == {"roles": ["readers"]}
    no_csrf = await root.client.post(
        f"/admin/service-accounts/{account.id}/roles", data={"roles": ""}
    )
    assert no_csrf.status_code == 403
    await grant(
        dashboard,
        "plain@example.com",
        "service_accounts:read",
        "service_accounts:manage",
        "users:read",
    )
    manager = await _signed_in(dashboard, "plain@example.com")
    await manager.get(f"/admin/service-accounts/{account.id}")
    refused = await manager.post(f"/admin/service-accounts/{account.id}/roles", roles="admin")
    assert refused.status_code == 403
    assert "You do not hold: *" in refused.text
    assert await dashboard.auth.services.service_accounts.roles_of(account.id) == ["readers"]
