"""The system section: readiness, the signing key ring, rotation."""

from __future__ import annotations

import re

from fabric_auth.admin import create_admin_router
from fabric_auth.store.models import AuditEvent, SigningKey
from tests.admin.conftest import Admin, admin, grant
from tests.conftest import AppFactory, RunningApp


async def _signed_in(app: RunningApp, email: str = "root@example.com") -> Admin:
    browser = admin(app)
    await browser.sign_in(email)
    return browser


async def test_readiness_and_no_stored_keys_with_hs256(dashboard: RunningApp) -> None:
    """With HS256 the page shows readiness ok and says there is no stored key, no rotation."""
    browser = await _signed_in(dashboard)
    page = await browser.get("/admin/system")
    assert page.status_code == 200
    assert '<span class="tag ok" id="readiness">ok</span>' in page.text
    assert re.search(r"<td>store</td><td><span class=\"tag ok\">ok</span></td>", page.text)
    assert "No stored keys" in page.text and "/system/keys/rotate" not in page.text
    refused = await browser.post("/admin/system/keys/rotate")
    assert refused.status_code == 409


async def test_key_ring_shows_public_facts_only(make_app: AppFactory) -> None:
    """With EdDSA the ring lists the key's id, algorithm, state and dates, never its private
    half."""
    app = await _eddsa(make_app)
    browser = await _signed_in(app)
    page = await browser.get("/admin/system")
    key = await SigningKey.get()
    assert f"<td><code>{key.kid}</code></td>" in page.text
    assert '<span class="tag ok">signing</span>' in page.text
    assert key.private_key_encrypted not in page.text
    assert "private" not in page.text.lower()
    assert 'href="/admin/system/keys/rotate"' in page.text


async def test_rotation_needs_csrf_and_is_audited_with_the_admin(make_app: AppFactory) -> None:
    """Without the CSRF field (or with a wrong one) rotation is a 403 and no key is added;
    with it, a new upcoming key, the notice, and `signing_key.rotated` with the admin as
    actor."""
    app = await _eddsa(make_app)
    browser = await _signed_in(app)
    confirm = await browser.get("/admin/system/keys/rotate")
    assert confirm.status_code == 200 and 'name="csrf_token"' in confirm.text
    old = await SigningKey.get()
    no_field = await app.client.post("/admin/system/keys/rotate", data={})
    wrong = await app.client.post("/admin/system/keys/rotate", data={"csrf_token": "0" * 64})
    assert (no_field.status_code, wrong.status_code) == (403, 403)
    assert await SigningKey.all().count() == 1
    done = await browser.post("/admin/system/keys/rotate")
    assert (done.status_code, done.headers["location"]) == (303, "/admin/system?done=key_rotated")
    new = await SigningKey.exclude(kid=old.kid).get()
    root = await app.auth.services.users.find_by_login("root@example.com")
    assert root is not None
    entry = await AuditEvent.filter(action="signing_key.rotated").get()
    assert (entry.actor_type, entry.actor_id) == ("user", str(root.id))
    assert (entry.target_type, entry.target_id) == ("signing_key", new.kid)
    assert entry.details["replaced"] == [old.kid]
    page = await browser.get("/admin/system?done=key_rotated")
    assert "A new signing key was added" in page.text
    assert '<span class="tag">upcoming</span>' in page.text


async def test_rotation_needs_a_recent_sign_in(make_app: AppFactory) -> None:
    """After the re-authentication window the rotation sends the visitor to sign in again,
    adds no key, and the refusal is audited."""
    app = await _eddsa(make_app)
    browser = await _signed_in(app)
    await browser.get("/admin/system/keys/rotate")
    app.clock.advance(app.auth.settings.reauth_window + 1)
    answer = await browser.post("/admin/system/keys/rotate")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/admin/login?reauth=1")
    assert await SigningKey.all().count() == 1
    denied = await AuditEvent.filter(action="permission.denied").order_by("-seq").first()
    assert denied is not None
    assert denied.details["action"] == "signing_keys.rotate"
    assert denied.details["rule"] == "reauth_required"


async def test_a_holder_of_signing_keys_manage_may_rotate(make_app: AppFactory) -> None:
    """A user granted `signing_keys:manage` (not a system administrator) sees the section and
    rotates."""
    app = await _eddsa(make_app)
    await app.create_user("keeper@example.com")
    await grant(app, "keeper@example.com", "signing_keys:manage")
    browser = await _signed_in(app, "keeper@example.com")
    home = await browser.get("/admin")
    assert home.headers["location"] == "/admin/system"
    await browser.get("/admin/system/keys/rotate")
    done = await browser.post("/admin/system/keys/rotate")
    assert done.status_code == 303
    assert await SigningKey.all().count() == 2


async def test_refused_without_the_permission_and_audited(dashboard: RunningApp) -> None:
    """A visitor without `signing_keys:manage` gets 403 pages for the page, the confirmation
    and the rotation (the rotation's form checked first), each refusal audited."""
    await dashboard.create_user("auditor@example.com")
    await grant(dashboard, "auditor@example.com", "audit:read", "users:list")
    auditor = await dashboard.auth.services.users.find_by_login("auditor@example.com")
    assert auditor is not None
    browser = await _signed_in(dashboard, "auditor@example.com")
    overview = await browser.get("/admin/overview")
    assert 'href="/admin/system"' not in overview.text
    for answer in (
        await browser.get("/admin/system"),
        await browser.get("/admin/system/keys/rotate"),
        await browser.post("/admin/system/keys/rotate"),
    ):
        assert answer.status_code == 403
        assert "Missing permission: signing_keys:manage" in answer.text
    denials = await AuditEvent.filter(action="permission.denied").order_by("seq")
    assert [d.details["action"] for d in denials] == [
        "system.read",
        "system.read",
        "signing_keys.rotate",
    ]
    assert {(d.actor_type, d.actor_id) for d in denials} == {("user", str(auditor.id))}


async def _eddsa(make_app: AppFactory) -> RunningApp:
    """An app signing with EdDSA (a key in the store), the dashboard, a system administrator."""
    app = await make_app(signing_algorithm="EdDSA")
    app.app.include_router(create_admin_router())
    await app.create_user("root@example.com", is_system_admin=True)
    return app
