"""Signing in to the dashboard, its cookies, CSRF, and who may see what."""

from __future__ import annotations

from uuid import uuid4

from fabric_auth.admin import create_admin_router
from tests.admin.conftest import admin, start_dashboard
from tests.conftest import AppFactory, RunningApp


async def test_sign_in_sets_strict_cookies_and_shows_the_overview(dashboard: RunningApp) -> None:
    """The form signs the administrator in: HttpOnly, Secure, SameSite=Strict cookies, then
    the overview with the security headers."""
    browser = admin(dashboard)
    answer = await browser.sign_in("root@example.com")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/admin"
    cookies = {h.split("=", 1)[0]: h for h in answer.headers.get_list("set-cookie")}
    access = cookies["__Host-fabric_admin"]
    assert "HttpOnly" in access and "Secure" in access and "SameSite=strict" in access
    assert "Path=/admin" in cookies["__Secure-fabric_admin_refresh"]
    home = await browser.get("/admin")
    assert (home.status_code, home.headers["location"]) == (303, "/admin/overview")
    page = await browser.get("/admin/overview")
    assert page.status_code == 200
    assert '<div class="figure">2</div>' in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src" not in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"


async def test_anonymous_goes_to_the_sign_in_form(dashboard: RunningApp) -> None:
    """Without the dashboard's cookies every page redirects to the form, keeping the page."""
    answer = await dashboard.client.get("/admin/overview")
    assert (answer.status_code, answer.headers["location"]) == (
        303,
        "/admin/login?next=/admin/overview",
    )


async def test_a_user_without_admin_permissions_gets_403(dashboard: RunningApp) -> None:
    """A plain user signs in but is refused every page with a 403 page, not a blank one."""
    browser = admin(dashboard)
    assert (await browser.sign_in("plain@example.com")).status_code == 303
    home = await browser.get("/admin")
    assert home.status_code == 403
    assert "none of the permissions" in home.text
    page = await browser.get("/admin/overview")
    assert page.status_code == 403
    assert "Missing permission: users:list" in page.text


async def test_a_bearer_token_does_not_open_the_dashboard(dashboard: RunningApp) -> None:
    """Only the dashboard's own cookies count: an access token in a header is ignored."""
    tokens = await dashboard.tokens("root@example.com")
    answer = await dashboard.client.get(
        "/admin/overview", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert answer.status_code == 303


async def test_sign_out_needs_the_csrf_field(dashboard: RunningApp) -> None:
    """POST /admin/logout without the form's CSRF field is a 403 page; with it, the session
    ends."""
    browser = admin(dashboard)
    await browser.sign_in("root@example.com")
    await browser.get("/admin/overview")
    refused = await dashboard.client.post("/admin/logout", data={"csrf_token": "0" * 64})
    assert refused.status_code == 403
    done = await browser.post("/admin/logout")
    assert (done.status_code, done.headers["location"]) == (303, "/admin/login")
    after = await browser.get("/admin/overview")
    assert after.status_code == 303


async def test_the_dashboard_is_left_out_of_openapi_unless_asked(make_app: AppFactory) -> None:
    """By default the document lists no dashboard route; `admin_in_openapi` shows them."""
    hidden = await start_dashboard(make_app)
    paths = (await hidden.client.get("/openapi.json")).json()["paths"]
    api_routes = {path for path in paths if path.startswith("/admin/")}
    assert api_routes == {
        "/admin/users/invite",
        "/admin/users/{user_id}/unlock",
        "/admin/users/{user_id}/resend-invitation",
    }  # the JSON API's routes under /admin stay; no page is listed
    # No page shares a path with those API routes: their `Allow` lists documented methods only.
    for path in api_routes:
        answer = await hidden.client.options(path.replace("{user_id}", str(uuid4())))
        allowed = {method.strip() for method in answer.headers["allow"].split(",")}
        assert allowed - {"HEAD", "OPTIONS"} <= {method.upper() for method in paths[path]}, path
    shown = await make_app(admin_in_openapi=True)
    shown.app.include_router(create_admin_router())
    paths = (await shown.client.get("/openapi.json")).json()["paths"]
    assert "/admin/overview" in paths and "/admin/login" in paths
