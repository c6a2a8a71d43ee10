"""The dashboard in a real browser: Debian's Chromium, driven by Playwright, against the app
served by uvicorn on loopback. An administrator signs in, finds a user, deactivates and
reactivates them, changes a role, ends a session, issues and revokes a key and reads the audit
entry; hostile values in a user's email, name and profile run no script. Screenshots of each
main page go to test-output/admin/."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from fabric_auth import FabricAuth
from fabric_auth.admin import create_admin_router
from fabric_auth.services.user_admin import UserChanges
from fabric_auth.services.users import NewUser
from fabric_auth.store.models import ApiKey, AuditEvent, Session, User
from fabric_auth.testing import test_settings
from tests.conftest import PASSWORD, REQUIRE_SERVICES, build_app, uvicorn_on_loopback

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "admin"
HOSTILE_NAME = '"><script>alert("name")</script><img src=x onerror=alert("img")>'
HOSTILE_EMAIL = '"><script>alert(1)</script>@example.com'
HOSTILE_SITE = "javascript:alert('profile')"


@dataclass
class Watched:
    """What the browser reported while the test ran."""

    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp_reports: list[str] = field(default_factory=list)


@pytest.fixture
async def served(store: str) -> AsyncIterator[tuple[str, FabricAuth]]:
    """The dashboard on uvicorn, with an administrator, a target user holding a session, a
    hostile user and a service account."""
    auth = FabricAuth(test_settings(database_url=store, rate_limits_enabled=False))
    app = build_app(auth)
    app.include_router(create_admin_router())
    async with uvicorn_on_loopback(app) as url:
        users = auth.services.users
        await users.create(
            NewUser(email="root@example.com", password=PASSWORD, is_system_admin=True)
        )
        target = await users.create(
            NewUser(email="target@example.com", password=PASSWORD, display_name="Target")
        )
        await auth.services.sessions.start(target)
        hostile = await users.create(
            NewUser(email=HOSTILE_EMAIL, password=PASSWORD, display_name=HOSTILE_NAME)
        )
        await auth.services.user_admin.update(
            None, hostile.id, UserChanges(profile={"site": HOSTILE_SITE, HOSTILE_NAME: "x"})
        )
        await auth.services.rbac.create_role(None, "support", ["users:read"])
        await auth.services.service_accounts.create(None, slug="robot", name=HOSTILE_NAME)
        yield url.replace("127.0.0.1", "localhost"), auth


@pytest.fixture
async def browser_page() -> AsyncIterator[tuple[Any, Watched]]:
    """A Chromium page that records dialogs, console errors and CSP violations."""
    if CHROMIUM is None:
        message = "the browser tests need Debian's chromium on PATH (apt-get install chromium)"
        if REQUIRE_SERVICES:
            pytest.fail(f"{message}; FABRIC_AUTH_TEST_REQUIRE_SERVICES=1 forbids skipping")
        pytest.skip(message)
    from playwright.async_api import async_playwright

    watched = Watched()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        page = await context.new_page()

        async def dismiss(dialog: Any) -> None:
            watched.dialogs.append(dialog.message)
            await dialog.dismiss()

        page.on("dialog", dismiss)

        def console(message: Any) -> None:
            if message.type != "error" or message.location.get("url", "").endswith("/favicon.ico"):
                return  # the browser's own favicon probe (the app has none) is not the page's
            found = (
                watched.csp_reports if "Content Security Policy" in message.text else watched.errors
            )
            found.append(f"{message.text} ({message.location.get('url')})")

        page.on("console", console)
        page.on("pageerror", lambda error: watched.errors.append(str(error)))
        try:
            yield page, watched
        finally:
            await browser.close()


async def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


async def test_an_administrator_works_through_the_dashboard(
    served: tuple[str, FabricAuth], browser_page: tuple[Any, Watched]
) -> None:
    """Sign in, find a user, deactivate and reactivate, change a role, end a session, issue
    and revoke a key, read the audit entry: each step shows its result, and the store and the
    audit log hold it."""
    url, auth = served
    page, watched = browser_page
    await page.goto(f"{url}/admin/overview")
    assert "/admin/login" in page.url
    await shot(page, "login")
    await page.fill("#login", "root@example.com")
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url(f"{url}/admin/overview")
    assert await page.locator("h1").inner_text() == "Overview"
    await shot(page, "overview")

    await page.click("nav >> text=Users")
    await page.fill("#q", "target")
    await page.click("form[role=search] button[type=submit]")
    rows = page.locator("table tbody tr")
    assert await rows.count() == 1
    await shot(page, "users")
    await page.click("text=target@example.com")
    target = await User.get(email_normalized="target@example.com")
    assert page.url == f"{url}/admin/users/{target.id}"
    await shot(page, "user")

    await page.click("text=Deactivate…")
    await page.fill("#reason", "left the company")
    await page.click("button.danger")
    await page.wait_for_url(f"{url}/admin/users/{target.id}?done=*")
    assert not (await User.get(id=target.id)).is_active
    await page.click("text=Reactivate…")
    await page.click("main button[type=submit]")
    await page.wait_for_url(f"{url}/admin/users/{target.id}?done=*")
    assert (await User.get(id=target.id)).is_active

    await page.click("text=Change roles")
    await page.check("input[name=role][value=support]")
    await page.click("text=Save roles")
    await page.wait_for_url(f"{url}/admin/users/{target.id}?done=*")
    assert sorted(await auth.services.rbac.roles_of(target.id)) == ["support", "user"]

    # Deactivation ended the target's sessions: it signs in again.
    await auth.services.sessions.start(await User.get(id=target.id))
    session = await Session.get(user_id=target.id, revoked_at__isnull=True)
    await page.reload()
    await page.click(f"a[href$='/sessions/{session.id}/revoke']")
    await page.click("main button[type=submit]")
    await page.wait_for_url(f"{url}/admin/users/{target.id}?done=*")
    assert (await Session.get(id=session.id)).revoked_at is not None

    await page.click("nav >> text=Service accounts")
    await page.click("text=robot")
    await page.fill("#key-name", "deploy")
    await page.fill("#key-scopes", "users:read")
    await page.click("text=Issue key")
    raw = await page.locator("#raw-key").input_value()
    key = await ApiKey.get(name="deploy")
    assert raw.startswith(key.display_prefix)
    await shot(page, "key-issued")
    await page.goto(f"{url}/admin/service-accounts/{key.service_account_id}")  # type: ignore[attr-defined]
    await page.click(f"a[href$='/keys/{key.id}/revoke']")
    await page.click("button.danger")
    await page.wait_for_load_state()
    assert (await ApiKey.get(id=key.id)).revoked_at is not None

    actions = set(await AuditEvent.filter(actor_type="user").values_list("action", flat=True))
    assert {
        "user.deactivated",
        "user.reactivated",
        "user.roles_assigned",
        "api_key.revoked",
    } <= actions
    assert watched.dialogs == [] and watched.errors == [] and watched.csp_reports == []


async def test_hostile_values_run_no_script(
    served: tuple[str, FabricAuth], browser_page: tuple[Any, Watched]
) -> None:
    """A user whose email, name and profile hold script, an onerror image and a javascript:
    URL: shown as text on the list and detail pages, no dialog, no error, nothing for the CSP
    to block (nothing was injected)."""
    url, _ = served
    page, watched = browser_page
    await page.goto(f"{url}/admin/login")
    await page.fill("#login", "root@example.com")
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url(f"{url}/admin/overview")
    await page.goto(f"{url}/admin/users?q=script")
    assert HOSTILE_EMAIL in await page.locator("main").inner_text()
    hostile = await User.get(display_name=HOSTILE_NAME)
    await page.goto(f"{url}/admin/users/{hostile.id}")
    text = await page.locator("main").inner_text()
    assert HOSTILE_NAME in text and HOSTILE_SITE in text
    assert await page.locator("main script").count() == 0
    assert await page.locator("main img").count() == 0
    assert await page.locator("a[href^='javascript:']").count() == 0
    await shot(page, "hostile-user")
    await page.goto(f"{url}/admin/service-accounts")
    assert HOSTILE_NAME in await page.locator("main").inner_text()
    await page.set_viewport_size({"width": 390, "height": 844})  # a phone
    await page.goto(f"{url}/admin/users")
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, "the page scrolls sideways on a phone"
    await shot(page, "users-phone")
    assert watched.dialogs == [] and watched.errors == [] and watched.csp_reports == []
