"""The dashboard's users section: the list, a user's detail, and every action on an account."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from fabric_auth.admin.pages import users as users_page
from fabric_auth.principal import SubjectRef
from fabric_auth.store.models import (
    AuditEvent,
    Feature,
    LoginThrottle,
    OAuthAccount,
    Plan,
    PlanLimit,
    Role,
    Session,
    User,
)
from tests.admin.conftest import Admin, admin, grant
from tests.conftest import RunningApp

SCRIPT = '"><script>alert(1)</script>'
IMAGE = "<img src=x onerror=alert(1)>"
LINK = "javascript:alert(1)"
HOSTILE_EMAIL = f"{SCRIPT}@example.com"


async def signed_in(app: RunningApp, email: str, client: httpx.AsyncClient | None = None) -> Admin:
    browser = admin(app, client)
    assert (await browser.sign_in(email)).status_code == 303
    return browser


@pytest.fixture
async def other_browser(dashboard: RunningApp) -> AsyncIterator[httpx.AsyncClient]:
    """A second browser (its own cookie jar) on the same running app."""
    transport = httpx.ASGITransport(app=dashboard.app)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
        yield client


async def user_id(email: str) -> str:
    return str((await User.get(email=email)).id)


async def audited(action: str) -> list[AuditEvent]:
    return list(await AuditEvent.filter(action=action).order_by("seq"))


async def root_id() -> str:
    return await user_id("root@example.com")


async def lock(user: User, app: RunningApp) -> None:
    """Lock the account's sign-in for 15 minutes, as five failures would."""
    now = app.clock.now()
    await LoginThrottle.filter(scope="account", key=str(user.id)).delete()
    await LoginThrottle.create(
        scope="account",
        key=str(user.id),
        failures=5,
        locked_until=now + timedelta(minutes=15),
        last_attempt_at=now,
    )


def links(html: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]*)"', html)]


# --- the list ------------------------------------------------------------------------------


async def test_list_shows_each_user_with_roles_and_state(dashboard: RunningApp) -> None:
    """The table has a row per user: email, name, roles, active, verified, last sign-in."""
    await dashboard.create_user("ada@example.com", display_name="Ada Lovelace", is_verified=True)
    browser = await signed_in(dashboard, "root@example.com")
    page = await browser.get("/admin/users")
    assert page.status_code == 200
    rows = re.findall(r"<tr>\s*(<td>.*?)</tr>", page.text, re.S)
    emails = [re.search(r'">([^<]+)</a>', row).group(1) for row in rows]  # type: ignore[union-attr]
    assert emails == ["ada@example.com", "plain@example.com", "root@example.com"]
    assert "Ada Lovelace" in rows[0] and '<span class="tag">user</span>' in rows[0]
    assert '<span class="tag ok">verified</span>' in rows[0]
    assert '<span class="tag ok">active</span>' in rows[1] and "—" in rows[1]
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", rows[2])  # root signed in


async def test_list_searches_and_filters(dashboard: RunningApp) -> None:
    """Search matches email, username or name; role, active and verified filter."""
    await dashboard.create_user("ada@example.com", username="countess", is_verified=True)
    await dashboard.create_user("bob@example.com", display_name="Robert")
    await User.filter(email="plain@example.com").update(is_active=False)
    browser = await signed_in(dashboard, "root@example.com")

    async def emails(query: str) -> list[str]:
        page = await browser.get(f"/admin/users?{query}")
        assert page.status_code == 200, page.text
        return re.findall(r'<td><a href="/admin/users/[^"]+">([^<]+)</a>', page.text)

    assert await emails("q=COUNTESS") == ["ada@example.com"]
    assert await emails("q=robert") == ["bob@example.com"]
    assert await emails("q=bob%40") == ["bob@example.com"]
    assert await emails("verified=yes") == ["ada@example.com"]
    assert await emails("verified=no&active=yes") == ["bob@example.com", "root@example.com"]
    assert await emails("active=no") == ["plain@example.com"]
    assert await emails("role=user&active=yes") == [
        "ada@example.com",
        "bob@example.com",
        "root@example.com",
    ]
    assert await emails("role=nope") == []
    empty = await browser.get("/admin/users?q=nobody")
    assert "No users match these filters." in empty.text


async def test_pagination_carries_the_cursor_and_the_filters(
    dashboard: RunningApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next-page link keeps every filter and adds the cursor; following it goes on."""
    monkeypatch.setattr(users_page, "PAGE_SIZE", 2)
    for name in ("a", "b", "c", "d", "e"):
        await dashboard.create_user(f"{name}@example.com", is_verified=name != "c")
    browser = await signed_in(dashboard, "root@example.com")
    first = await browser.get("/admin/users?verified=yes&active=yes&q=example")
    assert re.findall(r'/admin/users/[0-9a-f-]{36}">([^<]+)<', first.text) == [
        "a@example.com",
        "b@example.com",
    ]
    (next_link,) = [link for link in links(first.text) if "cursor=" in link]
    assert next_link.startswith("/admin/users?q=example&active=yes&verified=yes&cursor=")
    second = await browser.get(next_link)
    assert re.findall(r'/admin/users/[0-9a-f-]{36}">([^<]+)<', second.text) == [
        "d@example.com",
        "e@example.com",
    ]
    assert not [link for link in links(second.text) if "cursor=" in link]  # the last page
    assert "/admin/users?q=example&active=yes&verified=yes" in links(second.text)


async def test_bad_filter_or_cursor_is_a_page_not_a_crash(dashboard: RunningApp) -> None:
    """An unknown filter value or a forged cursor answers a 422 page."""
    browser = await signed_in(dashboard, "root@example.com")
    bad_choice = await browser.get("/admin/users?active=maybe")
    assert bad_choice.status_code == 422 and "<h1>Invalid input</h1>" in bad_choice.text
    bad_cursor = await browser.get("/admin/users?cursor=bm90LWEtY3Vyc29y")
    assert bad_cursor.status_code == 422
    control = await browser.get("/admin/users?q=a%00b")
    assert control.status_code == 422


async def test_list_is_refused_without_users_list_and_audited(dashboard: RunningApp) -> None:
    """A signed-in user without users:list gets the 403 page; the refusal is audited."""
    browser = await signed_in(dashboard, "plain@example.com")
    page = await browser.get("/admin/users")
    assert page.status_code == 403
    assert "Missing permission: users:list" in page.text
    (denied,) = await audited("permission.denied")
    assert denied.actor_id == await user_id("plain@example.com")
    assert denied.details["action"] == "users.list"
    assert denied.details["permission"] == "users:list"


async def test_a_demoted_admin_loses_the_page_on_the_next_request(dashboard: RunningApp) -> None:
    """Taking the role away refuses the very next request, with the same session."""
    await grant(dashboard, "plain@example.com", "users:list")
    browser = await signed_in(dashboard, "plain@example.com")
    assert (await browser.get("/admin/users")).status_code == 200
    plain = await User.get(email="plain@example.com")
    await dashboard.auth.services.rbac.set_user_roles(None, plain, [])
    again = await browser.get("/admin/users")
    assert again.status_code == 403
    assert "Missing permission: users:list" in again.text


# --- the detail ----------------------------------------------------------------------------


async def test_detail_shows_profile_roles_sessions_keys_identities_plan_and_lock(
    dashboard: RunningApp,
) -> None:
    """A user's page: profile fields, roles, live sessions, API keys, linked providers, plan
    and usage, and the sign-in lock."""
    services = dashboard.auth.services
    ada = await dashboard.create_user("ada@example.com", display_name="Ada")
    await User.filter(id=ada.id).update(profile={"team": "engines"})
    await dashboard.tokens("ada@example.com")
    await services.api_keys.create(
        None, SubjectRef.user(ada.id), name="build bot", scopes=["account:read"]
    )
    now = dashboard.clock.now()
    await OAuthAccount.create(
        provider="github",
        subject="42",
        user=ada,
        email="ada@users.example",
        email_verified=True,
        created_at=now,
    )
    feature = await Feature.create(code="ai_generations", name="AI generations", unit="calls")
    await PlanLimit.create(plan=await Plan.get(code="pro"), feature=feature, limit=100)
    await services.plans.assign_plan(SubjectRef.user(ada.id), "pro")
    await lock(ada, dashboard)
    browser = await signed_in(dashboard, "root@example.com")
    page = await browser.get(f"/admin/users/{ada.id}")
    assert page.status_code == 200, page.text
    text = page.text
    assert "<h1>ada@example.com</h1>" in text
    assert "<dt>team</dt><dd>engines</dd>" in text
    assert '<span class="tag">user</span>' in text
    (session,) = await Session.filter(user_id=ada.id)
    assert f"/sessions/{session.id}/revoke" in text
    assert "build bot" in text and '<span class="tag">account:read</span>' in text
    assert '<span class="tag ok">live</span>' in text
    assert "<td>github</td>" in text and "ada@users.example" in text
    subscribed = now.strftime("%Y-%m-%d %H:%M:%S UTC")
    assert f'<span class="tag">pro</span> — subscribed since {subscribed}' in text
    assert "<td>0 calls</td>" in text and "<td>100</td>" in text
    expected = (now + timedelta(minutes=15)).strftime("%Y-%m-%d %H:%M:%S UTC")
    assert f"locked until {expected}" in text
    assert "Lift the lock" in text and "Send a password reset link" in text


async def test_detail_leaves_out_what_the_visitor_may_not_read(dashboard: RunningApp) -> None:
    """With users:read alone: no sessions, keys or plan, and no action buttons."""
    await grant(dashboard, "plain@example.com", "users:list", "users:read")
    root = await root_id()
    browser = await signed_in(dashboard, "plain@example.com")
    page = await browser.get(f"/admin/users/{root}")
    assert page.status_code == 200
    assert "Reading sessions needs the sessions:read permission." in page.text
    assert "Reading API keys needs the api_keys:read permission." in page.text
    assert "Reading plans needs the plans:read permission." in page.text
    for hidden in ("Deactivate", "Change roles", "End every session", "password reset"):
        assert hidden not in page.text


async def test_detail_is_refused_without_users_read(dashboard: RunningApp) -> None:
    """users:list alone does not open a user's page: 403, audited."""
    await grant(dashboard, "plain@example.com", "users:list")
    browser = await signed_in(dashboard, "plain@example.com")
    page = await browser.get(f"/admin/users/{await root_id()}")
    assert page.status_code == 403
    (denied,) = await audited("permission.denied")
    assert denied.details["action"] == "users.read"


async def test_unknown_user_is_a_404_page(dashboard: RunningApp) -> None:
    """A user id that names nobody answers the 404 page."""
    browser = await signed_in(dashboard, "root@example.com")
    page = await browser.get("/admin/users/00000000-0000-4000-8000-000000000000")
    assert page.status_code == 404 and "No such user" in page.text


# --- escaping ------------------------------------------------------------------------------


def assert_inert(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered
    assert not re.search(r'(href|src|action)\s*=\s*["\']?\s*javascript:', lowered)


async def test_hostile_email_name_and_profile_appear_only_escaped(dashboard: RunningApp) -> None:
    """Markup in an email, a display name and profile fields is shown as text on every page
    that shows the user."""
    hostile = await User.create(
        email=HOSTILE_EMAIL,
        email_normalized=HOSTILE_EMAIL.casefold(),
        username="mallory",
        display_name=IMAGE,
        profile={"site": LINK, SCRIPT: IMAGE},
    )
    browser = await signed_in(dashboard, "root@example.com")
    base = f"/admin/users/{hostile.id}"
    pages = [
        await browser.get("/admin/users"),
        await browser.get(f"/admin/users?{httpx.QueryParams({'q': SCRIPT})}"),
        await browser.get(base),
        await browser.get(f"{base}/deactivate"),
        await browser.get(f"{base}/roles"),
        await browser.get(f"{base}/end-sessions"),
    ]
    escaped_script = "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    escaped_image = "&lt;img src=x onerror=alert(1)&gt;"
    for page in pages:
        assert page.status_code == 200, page.text
        assert_inert(page.text)
        assert escaped_script in page.text
    detail = pages[2].text
    assert escaped_image in detail and f"<dd>{LINK}</dd>" in detail
    assert f"<dt>{escaped_script}</dt><dd>{escaped_image}</dd>" in detail
    assert escaped_image in pages[0].text


async def test_a_hostile_search_is_echoed_escaped(dashboard: RunningApp) -> None:
    """The search box shows what was searched, escaped."""
    browser = await signed_in(dashboard, "root@example.com")
    page = await browser.get(f"/admin/users?{httpx.QueryParams({'q': SCRIPT, 'role': IMAGE})}")
    assert page.status_code == 200
    assert_inert(page.text)
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page.text


# --- actions -------------------------------------------------------------------------------


async def test_deactivate_and_reactivate_with_a_reason(dashboard: RunningApp) -> None:
    """The confirmation page posts the reason; the account is refused, then allowed again;
    both audited with the administrator as actor and the reason."""
    ada = await dashboard.create_user("ada@example.com")
    browser = await signed_in(dashboard, "root@example.com")
    confirm = await browser.get(f"/admin/users/{ada.id}/deactivate")
    assert confirm.status_code == 200
    assert f'action="/admin/users/{ada.id}/deactivate"' in confirm.text
    assert '<label for="reason">' in confirm.text
    done = await browser.post(f"/admin/users/{ada.id}/deactivate", reason="left the company")
    assert (done.status_code, done.headers["location"]) == (
        303,
        f"/admin/users/{ada.id}?done=user_deactivated",
    )
    await ada.refresh_from_db()
    assert ada.is_active is False and ada.deactivation_reason == "left the company"
    (entry,) = await audited("user.deactivated")
    assert (entry.actor_type, entry.actor_id) == ("user", await root_id())
    assert (entry.target_type, entry.target_id) == ("user", str(ada.id))
    assert entry.details == {"reason": "left the company"}
    page = await browser.get(done.headers["location"])
    assert "Account deactivated: its sessions and API keys ended." in page.text
    assert "left the company" in page.text and "Reactivate" in page.text

    assert (await browser.get(f"/admin/users/{ada.id}/reactivate")).status_code == 200
    back = await browser.post(f"/admin/users/{ada.id}/reactivate", reason="came back")
    assert back.headers["location"] == f"/admin/users/{ada.id}?done=user_reactivated"
    await ada.refresh_from_db()
    assert ada.is_active is True
    (entry,) = await audited("user.reactivated")
    assert entry.actor_id == await root_id() and entry.details == {"reason": "came back"}


async def test_deactivate_is_refused_without_the_permission(dashboard: RunningApp) -> None:
    """A visitor who may list and read users but not deactivate gets 403 for the form and
    the action; the account stays active; both refusals audited."""
    ada = await dashboard.create_user("ada@example.com")
    await grant(dashboard, "plain@example.com", "users:list", "users:read")
    browser = await signed_in(dashboard, "plain@example.com")
    await browser.get("/admin/users")
    assert (await browser.get(f"/admin/users/{ada.id}/deactivate")).status_code == 403
    refused = await browser.post(f"/admin/users/{ada.id}/deactivate", reason="x")
    assert refused.status_code == 403 and "users:deactivate" in refused.text
    await ada.refresh_from_db()
    assert ada.is_active is True
    denials = await audited("permission.denied")
    assert [entry.details["action"] for entry in denials] == [
        "users.deactivate",
        "users.deactivate",
    ]
    assert {entry.actor_id for entry in denials} == {await user_id("plain@example.com")}


async def test_deactivating_a_system_admin_is_refused_by_the_service(
    dashboard: RunningApp,
) -> None:
    """Target rules are the service's: a holder of users:deactivate cannot deactivate a
    system administrator (403 page, audited, nothing changed)."""
    await grant(dashboard, "plain@example.com", "users:list", "users:read", "users:deactivate")
    browser = await signed_in(dashboard, "plain@example.com")
    await browser.get("/admin/users")
    root = await root_id()
    refused = await browser.post(f"/admin/users/{root}/deactivate", reason="coup")
    assert refused.status_code == 403
    assert "A system administrator is managed only by itself" in refused.text
    assert (await User.get(id=root)).is_active is True
    (denied,) = await audited("permission.denied")
    assert denied.details["rule"] == "escalation_denied" and denied.target_id == root


async def test_change_roles(dashboard: RunningApp) -> None:
    """The roles form shows every role, held ones checked; saving replaces the roles, audited
    with the administrator as actor."""
    await Role.create(name="support", permissions=["users:list"])
    ada = await dashboard.create_user("ada@example.com")
    browser = await signed_in(dashboard, "root@example.com")
    form = await browser.get(f"/admin/users/{ada.id}/roles")
    assert form.status_code == 200
    assert re.search(r'name="role" value="user" checked>', form.text)
    assert re.search(r'name="role" value="support">', form.text)
    answer = await dashboard.client.post(
        f"/admin/users/{ada.id}/roles",
        data={"csrf_token": browser.csrf, "role": ["support", "user"]},
    )
    assert answer.headers["location"] == f"/admin/users/{ada.id}?done=roles_set"
    assert await dashboard.auth.services.rbac.roles_of(ada.id) == ["support", "user"]
    (entry,) = await audited("user.roles_assigned")
    assert entry.actor_id == await root_id() and entry.target_id == str(ada.id)
    assert entry.details == {"roles": ["support", "user"]}


async def test_giving_a_role_beyond_your_own_permissions_is_a_403_page(
    dashboard: RunningApp,
) -> None:
    """No escalation: a users:modify holder cannot give the admin role (`*`); the service's
    refusal is the 403 page, audited, and the roles stay."""
    ada = await dashboard.create_user("ada@example.com")
    await grant(dashboard, "plain@example.com", "users:list", "users:read", "users:modify")
    browser = await signed_in(dashboard, "plain@example.com")
    await browser.get("/admin/users")
    refused = await browser.client.post(
        f"/admin/users/{ada.id}/roles", data={"csrf_token": browser.csrf, "role": ["admin"]}
    )
    assert refused.status_code == 403
    assert "You do not hold: *" in refused.text
    assert await dashboard.auth.services.rbac.roles_of(ada.id) == ["user"]
    (denied,) = await audited("permission.denied")
    assert denied.details["rule"] == "escalation_denied"
    assert denied.details["action"] == "users.set_roles"


async def test_revoke_one_session_then_all(dashboard: RunningApp) -> None:
    """Ending one session, then every other, each after a confirmation page; audited with
    the administrator as actor."""
    ada = await dashboard.create_user("ada@example.com")
    await dashboard.tokens("ada@example.com")
    await dashboard.tokens("ada@example.com")
    first, second = await Session.filter(user_id=ada.id).order_by("created_at", "id")
    browser = await signed_in(dashboard, "root@example.com")
    confirm = await browser.get(f"/admin/users/{ada.id}/sessions/{first.id}/revoke")
    assert confirm.status_code == 200 and "End session: ada@example.com" in confirm.text
    done = await browser.post(f"/admin/users/{ada.id}/sessions/{first.id}/revoke")
    assert done.headers["location"] == f"/admin/users/{ada.id}?done=session_revoked"
    await first.refresh_from_db()
    await second.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    (entry,) = await audited("session.revoked")
    assert (entry.actor_id, entry.target_type, entry.target_id) == (
        await root_id(),
        "session",
        str(first.id),
    )
    assert entry.details == {"reason": "revoked_by_admin"}

    assert (await browser.get(f"/admin/users/{ada.id}/end-sessions")).status_code == 200
    done = await browser.post(f"/admin/users/{ada.id}/end-sessions")
    assert done.headers["location"] == f"/admin/users/{ada.id}?done=sessions_revoked"
    await second.refresh_from_db()
    assert second.revoked_at is not None
    _, entry = await audited("session.revoked")
    assert (entry.actor_id, entry.target_type, entry.target_id) == (
        await root_id(),
        "user",
        str(ada.id),
    )
    assert entry.details == {"reason": "revoked_by_admin", "sessions_revoked": 1}
    page = await browser.get(done.headers["location"])
    assert "No live sessions." in page.text


async def test_revoking_a_session_of_another_user_is_404(dashboard: RunningApp) -> None:
    """A session id is ended only under its own user."""
    ada = await dashboard.create_user("ada@example.com")
    await dashboard.tokens("plain@example.com")
    (plain_session,) = await Session.filter(user__email="plain@example.com")
    browser = await signed_in(dashboard, "root@example.com")
    await browser.get("/admin/users")
    answer = await browser.post(f"/admin/users/{ada.id}/sessions/{plain_session.id}/revoke")
    assert answer.status_code == 404
    await plain_session.refresh_from_db()
    assert plain_session.revoked_at is None


async def test_unlock(dashboard: RunningApp) -> None:
    """Lifting the lock forgets the failures; audited `auth.unlock` with the administrator."""
    ada = await dashboard.create_user("ada@example.com")
    await lock(ada, dashboard)
    browser = await signed_in(dashboard, "root@example.com")
    await browser.get(f"/admin/users/{ada.id}")
    done = await browser.post(f"/admin/users/{ada.id}/lift-lock")
    assert done.headers["location"] == f"/admin/users/{ada.id}?done=user_unlocked"
    assert await dashboard.auth.services.lockout.locked_until(ada) is None
    (entry,) = await audited("auth.unlock")
    assert entry.actor_id == await root_id()
    assert entry.details == {"scope": "account", "was_locked": True}
    page = await browser.get(done.headers["location"])
    assert "Sign-in lock lifted." in page.text and "not locked" in page.text


async def test_send_a_password_reset_link(dashboard: RunningApp) -> None:
    """The user is mailed a reset link; audited with the administrator as actor."""
    ada = await dashboard.create_user("ada@example.com")
    browser = await signed_in(dashboard, "root@example.com")
    await browser.get(f"/admin/users/{ada.id}")
    done = await browser.post(f"/admin/users/{ada.id}/password-reset")
    assert done.headers["location"] == f"/admin/users/{ada.id}?done=reset_sent"
    mail = await dashboard.outbox.wait_for(to="ada@example.com", kind="password_reset")
    assert "http://localhost:8000/" in mail.text
    (entry,) = await audited("user.password_reset_requested")
    assert (entry.actor_id, entry.target_id) == (await root_id(), str(ada.id))


async def test_password_reset_is_refused_for_a_user_holding_more(dashboard: RunningApp) -> None:
    """A users:modify holder cannot send a reset to a system administrator: 403, no mail."""
    await grant(dashboard, "plain@example.com", "users:list", "users:read", "users:modify")
    browser = await signed_in(dashboard, "plain@example.com")
    await browser.get("/admin/users")
    refused = await browser.post(f"/admin/users/{await root_id()}/password-reset")
    assert refused.status_code == 403
    assert dashboard.outbox.messages == []
    assert await audited("user.password_reset_requested") == []


async def test_invite_then_resend(dashboard: RunningApp) -> None:
    """The invite form creates an account without a password and mails an activation link;
    the detail page offers to send it again. Both audited with the administrator as actor."""
    browser = await signed_in(dashboard, "root@example.com")
    form = await browser.get("/admin/users/invitations/new")
    assert form.status_code == 200 and '<label for="email">' in form.text
    done = await browser.post(
        "/admin/users/invitations", email="new@example.com", display_name="Newcomer"
    )
    assert done.status_code == 303, done.text
    new = await User.get(email="new@example.com")
    assert done.headers["location"] == f"/admin/users/{new.id}?done=user_invited"
    assert new.password_hash is None and new.display_name == "Newcomer"
    await dashboard.outbox.wait_for(to="new@example.com", kind="invite")
    (entry,) = await audited("user.invited")
    assert (entry.actor_id, entry.target_id) == (await root_id(), str(new.id))
    page = await browser.get(done.headers["location"])
    assert "Invitation sent." in page.text and "Send the invitation again" in page.text
    again = await browser.post(f"/admin/users/{new.id}/invitation")
    assert again.headers["location"] == f"/admin/users/{new.id}?done=invitation_sent"
    assert len([m for m in dashboard.outbox.messages if m.kind == "invite"]) == 2
    assert [e.actor_id for e in await audited("user.invited")] == [await root_id()] * 2


async def test_invite_is_refused_without_users_create(dashboard: RunningApp) -> None:
    """Without users:create the form and the action are 403; nobody is created."""
    await grant(dashboard, "plain@example.com", "users:list")
    browser = await signed_in(dashboard, "plain@example.com")
    listing = await browser.get("/admin/users")
    assert "Invite a user" not in listing.text
    assert (await browser.get("/admin/users/invitations/new")).status_code == 403
    refused = await browser.post("/admin/users/invitations", email="new@example.com")
    assert refused.status_code == 403
    assert await User.filter(email="new@example.com").count() == 0


async def test_invite_with_a_bad_address_is_a_page(dashboard: RunningApp) -> None:
    """An address that is not one answers an error page, not a crash; nobody is created."""
    browser = await signed_in(dashboard, "root@example.com")
    await browser.get("/admin/users/invitations/new")
    answer = await browser.post("/admin/users/invitations", email="not an address")
    assert answer.status_code == 422
    assert await User.filter(email="not an address").count() == 0


# --- CSRF ----------------------------------------------------------------------------------


def actions(target: str, session: str) -> list[tuple[str, dict[str, Any]]]:
    base = f"/admin/users/{target}"
    return [
        (f"{base}/deactivate", {"reason": "x"}),
        (f"{base}/reactivate", {"reason": "x"}),
        (f"{base}/roles", {"role": "admin"}),
        (f"{base}/sessions/{session}/revoke", {}),
        (f"{base}/end-sessions", {}),
        (f"{base}/lift-lock", {}),
        (f"{base}/password-reset", {}),
        (f"{base}/invitation", {}),
        ("/admin/users/invitations", {"email": "csrf@example.com"}),
    ]


@pytest.mark.parametrize("token", [None, "0" * 64, "wrong"])
async def test_every_action_needs_the_csrf_field(
    dashboard: RunningApp, other_browser: httpx.AsyncClient, token: str | None
) -> None:
    """A POST without the form's CSRF field, or with another session's, is a 403 page and
    changes nothing (no audit entry but the refusal's)."""
    ada = await dashboard.create_user("ada@example.com")
    await dashboard.tokens("ada@example.com")
    (session,) = await Session.filter(user_id=ada.id)
    browser = await signed_in(dashboard, "root@example.com")
    await browser.get("/admin/users")
    other = await signed_in(dashboard, "root@example.com", other_browser)
    await other.get("/admin/users")
    forged = other.csrf if token == "wrong" else token
    before = await AuditEvent.all().count()
    for path, fields in actions(str(ada.id), str(session.id)):
        data = fields if forged is None else {"csrf_token": forged, **fields}
        answer = await browser.client.post(path, data=data)
        assert answer.status_code == 403, path
        assert "<h1>Not allowed</h1>" in answer.text
    await ada.refresh_from_db()
    await session.refresh_from_db()
    assert ada.is_active and session.revoked_at is None
    assert await dashboard.auth.services.rbac.roles_of(ada.id) == ["user"]
    assert await User.filter(email="csrf@example.com").count() == 0
    assert dashboard.outbox.messages == []
    new_entries = await AuditEvent.filter(seq__gt=before).values_list("action", flat=True)
    assert set(new_entries) <= {"permission.denied", "auth.csrf_failed"}
