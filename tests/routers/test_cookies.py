"""Cookie transport: HttpOnly cookies, prefixed names, CSRF double-submit."""

from __future__ import annotations

import pytest

from tests.conftest import AppFactory, RunningApp


@pytest.fixture
async def cookie_app(make_app: AppFactory) -> RunningApp:
    app = await make_app(cookie_transport=True)
    await app.create_user()
    return app


def _set_cookies(response: object) -> dict[str, str]:
    headers = response.headers.get_list("set-cookie")  # type: ignore[attr-defined]
    return {header.split("=", 1)[0]: header for header in headers}


async def test_sign_in_sets_secure_prefixed_cookies(cookie_app: RunningApp) -> None:
    """Access, refresh and CSRF cookies carry __Host-/__Secure- names and the right flags."""
    response = await cookie_app.sign_in()
    assert response.status_code == 200
    body = response.json()
    assert "refresh_token" not in body
    assert body["csrf_token"]
    cookies = _set_cookies(response)
    access = cookies["__Host-fabric_access"]
    refresh = cookies["__Secure-fabric_refresh"]
    csrf = cookies["__Host-fabric_csrf"]
    for header in (access, refresh):
        assert "HttpOnly" in header
        assert "Secure" in header
        assert "SameSite=lax" in header
    assert "Path=/;" in access or access.endswith("Path=/")
    assert "Path=/auth" in refresh
    assert "HttpOnly" not in csrf


async def test_cookie_authenticates_safe_requests(cookie_app: RunningApp) -> None:
    """A GET authenticated by the access cookie needs no CSRF header."""
    await cookie_app.sign_in()
    response = await cookie_app.client.get("/auth/me")
    assert response.status_code == 200


async def test_unsafe_cookie_request_needs_csrf(cookie_app: RunningApp) -> None:
    """POST /auth/logout by cookie without the CSRF header is a 403; with it, 204."""
    body = (await cookie_app.sign_in()).json()
    refused = await cookie_app.client.post("/auth/logout")
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    wrong = await cookie_app.client.post("/auth/logout", headers={"X-CSRF-Token": "0" * 64})
    assert wrong.status_code == 403
    done = await cookie_app.client.post(
        "/auth/logout", headers={"X-CSRF-Token": body["csrf_token"]}
    )
    assert done.status_code == 204
    cleared = _set_cookies(done)
    assert "Max-Age=0" in cleared["__Host-fabric_access"]
    assert "Max-Age=0" in cleared["__Secure-fabric_refresh"]
    assert (await cookie_app.client.get("/auth/me")).status_code == 401


async def test_csrf_token_is_bound_to_its_session(cookie_app: RunningApp) -> None:
    """The CSRF token of one session does not pass for another session's cookie."""
    first = (await cookie_app.sign_in()).json()
    await cookie_app.sign_in()  # the client's cookies now belong to a second session
    response = await cookie_app.client.post(
        "/auth/logout", headers={"X-CSRF-Token": first["csrf_token"]}
    )
    assert response.status_code == 403


async def test_refresh_from_cookie_needs_csrf(cookie_app: RunningApp) -> None:
    """grant_type=refresh_token with the refresh cookie requires the CSRF header."""
    body = (await cookie_app.sign_in()).json()
    refused = await cookie_app.client.post("/auth/token", data={"grant_type": "refresh_token"})
    assert refused.status_code == 403
    refreshed = await cookie_app.client.post(
        "/auth/token",
        data={"grant_type": "refresh_token"},
        headers={"X-CSRF-Token": body["csrf_token"]},
    )
    assert refreshed.status_code == 200, refreshed.text
    assert "__Secure-fabric_refresh" in _set_cookies(refreshed)


async def test_bearer_requests_need_no_csrf(cookie_app: RunningApp) -> None:
    """A bearer-authenticated unsafe request is not subject to CSRF."""
    body = (await cookie_app.sign_in()).json()
    cookie_app.client.cookies.clear()
    response = await cookie_app.client.post(
        "/auth/logout", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert response.status_code == 204


async def test_plain_http_development_drops_prefixes(make_app: AppFactory) -> None:
    """With cookie_secure=false, names have no prefix and no Secure flag."""
    app = await make_app(cookie_transport=True, cookie_secure=False)
    await app.create_user()
    cookies = _set_cookies(await app.sign_in())
    assert set(cookies) == {"fabric_access", "fabric_refresh", "fabric_csrf"}
    assert "Secure" not in cookies["fabric_access"]


async def test_cookies_off_by_default(running: RunningApp) -> None:
    """Without cookie transport no cookie is set and the refresh token is in the body."""
    response = await running.sign_in()
    assert response.headers.get_list("set-cookie") == []
    assert "refresh_token" in response.json()
