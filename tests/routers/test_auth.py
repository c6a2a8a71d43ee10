"""The auth router: sign-in, refresh, sessions, sign-out, registration."""

from __future__ import annotations

import asyncio
import threading

import pytest

from tests.conftest import PASSWORD, AppFactory, RunningApp


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_password_grant_returns_tokens_with_expiry_in_seconds(running: RunningApp) -> None:
    """A correct password yields an access token, a refresh token and expires_in in seconds."""
    response = await running.sign_in()
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == running.auth.settings.access_token_ttl
    assert len(body["refresh_token"]) >= 43  # 256 bits, base64url
    me = await running.client.get("/auth/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200
    assert me.json()["email"] == "ada@example.com"


async def test_json_body_and_username_login(running: RunningApp) -> None:
    """The token endpoint takes JSON as well as a form, and a username instead of an email."""
    await running.create_user("bob@example.com", username="Bob")
    response = await running.client.post(
        "/auth/token", json={"grant_type": "password", "username": "bob", "password": PASSWORD}
    )
    assert response.status_code == 200, response.text


async def test_login_is_case_insensitive_on_email(running: RunningApp) -> None:
    """ADA@EXAMPLE.COM signs in to ada@example.com."""
    assert (await running.sign_in("ADA@Example.com")).status_code == 200


@pytest.mark.parametrize(
    "login",
    [
        "CAFE\u0301@example.com",  # NFD, upper case
        "caf\u00e9@example.com",  # NFC
        "\uff43\uff41\uff46\u00e9\uff20example.com",  # fullwidth letters and at sign
        "\uff22\uff4f\uff42",  # the username in fullwidth letters
        "BOB",
    ],
)
async def test_sign_in_with_another_spelling_of_the_identifier(
    running: RunningApp, login: str
) -> None:
    """Any normalisation form, fullwidth or case of the email or username signs in."""
    await running.create_user("Caf\u00e9@example.com", username="Bob")
    assert (await running.sign_in(login)).status_code == 200


@pytest.mark.parametrize(
    ("login", "password"),
    [("ada@example.com", "wrong password!"), ("nobody@example.com", PASSWORD)],
)
async def test_wrong_password_and_unknown_user_answer_alike(
    running: RunningApp, login: str, password: str
) -> None:
    """Unknown account and wrong password get the same status, body and code."""
    response = await running.sign_in(login, password)
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid credentials", "code": "invalid_credentials"}


async def test_deactivated_user_cannot_sign_in_and_answer_is_uniform(running: RunningApp) -> None:
    """A deactivated account fails exactly like a wrong password."""
    from fabric_auth.store.models import User

    await User.filter(email_normalized="ada@example.com").update(is_active=False)
    response = await running.sign_in()
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"


@pytest.mark.parametrize(
    ("content", "headers"),
    [
        (b"{not json", {"content-type": "application/json"}),
        (b"[1,2]", {"content-type": "application/json"}),
        (b'{"grant_type": 5}', {"content-type": "application/json"}),
        (b"grant_type=password", {"content-type": "application/x-www-form-urlencoded"}),
        (b"hello", {"content-type": "text/plain"}),
        (b"", {}),
    ],
)
async def test_malformed_token_requests_get_4xx_with_code(
    running: RunningApp, content: bytes, headers: dict[str, str]
) -> None:
    """Garbage in the token request is a 422 with a stable code, never a 500."""
    response = await running.client.post("/auth/token", content=content, headers=headers)
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


async def test_unknown_grant_type(running: RunningApp) -> None:
    """An unsupported grant_type is a 400 unsupported_grant_type."""
    response = await running.client.post("/auth/token", data={"grant_type": "client_credentials"})
    assert response.status_code == 400
    assert response.json()["code"] == "unsupported_grant_type"


async def test_refresh_rotates(running: RunningApp) -> None:
    """A refresh gives a new refresh token and a working access token."""
    first = await running.tokens()
    response = await running.client.post(
        "/auth/token", data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    )
    assert response.status_code == 200
    second = response.json()
    assert second["refresh_token"] != first["refresh_token"]
    me = await running.client.get("/auth/me", headers=bearer(second["access_token"]))
    assert me.status_code == 200


async def refresh(running: RunningApp, token: str) -> tuple[int, dict[str, str]]:
    response = await running.client.post(
        "/auth/token", data={"grant_type": "refresh_token", "refresh_token": token}
    )
    return response.status_code, response.json()


async def test_concurrent_refreshes_with_one_token_share_one_successor(
    running: RunningApp,
) -> None:
    """Twenty simultaneous refreshes with one token all get the same successor."""
    first = await running.tokens()
    results = await asyncio.gather(*(refresh(running, first["refresh_token"]) for _ in range(20)))
    assert {status for status, _ in results} == {200}
    successors = {body["refresh_token"] for _, body in results}
    assert len(successors) == 1
    # ...and that successor is the session's one live token: it rotates once more.
    status, _ = await refresh(running, successors.pop())
    assert status == 200


async def test_reuse_after_grace_revokes_the_family(running: RunningApp) -> None:
    """A rotated token presented after the grace window kills the whole session."""
    first = await running.tokens()
    status, second = await refresh(running, first["refresh_token"])
    assert status == 200
    running.clock.advance(running.auth.settings.refresh_grace_seconds + 1)
    status, body = await refresh(running, first["refresh_token"])
    assert status == 401
    assert body["code"] == "invalid_refresh_token"
    # The legitimate successor is dead too, and so is its access token.
    status, _ = await refresh(running, second["refresh_token"])
    assert status == 401
    me = await running.client.get("/auth/me", headers=bearer(second["access_token"]))
    assert me.status_code == 401


async def test_reuse_within_grace_returns_same_successor(running: RunningApp) -> None:
    """A duplicate refresh inside the grace window is answered, not punished."""
    first = await running.tokens()
    _, second = await refresh(running, first["refresh_token"])
    running.clock.advance(running.auth.settings.refresh_grace_seconds - 1)
    status, again = await refresh(running, first["refresh_token"])
    assert status == 200
    assert again["refresh_token"] == second["refresh_token"]


async def test_reuse_can_revoke_every_session(make_app: AppFactory) -> None:
    """With revoke_all_sessions_on_reuse, reuse ends the user's other sessions as well."""
    app = await make_app(revoke_all_sessions_on_reuse=True)
    await app.create_user()
    other = await app.tokens()
    first = await app.tokens()
    await refresh(app, first["refresh_token"])
    app.clock.advance(60)
    await refresh(app, first["refresh_token"])
    status, _ = await refresh(app, other["refresh_token"])
    assert status == 401


async def test_unknown_refresh_token(running: RunningApp) -> None:
    """A made-up refresh token is a 401 invalid_refresh_token."""
    status, body = await refresh(running, "x" * 43)
    assert status == 401
    assert body["code"] == "invalid_refresh_token"


async def test_session_absolute_and_idle_lifetimes(make_app: AppFactory) -> None:
    """Refresh stops after the idle limit and after the absolute limit."""
    app = await make_app(session_idle_ttl=3600, session_ttl=7200)
    await app.create_user()
    idle = await app.tokens()
    app.clock.advance(3601)
    assert (await refresh(app, idle["refresh_token"]))[0] == 401

    tokens = await app.tokens()
    for _ in range(3):  # keep it busy: never idle, but absolute age grows
        app.clock.advance(2000)
        status, tokens = await refresh(app, tokens["refresh_token"])
        assert status == 200
    app.clock.advance(2000)
    assert (await refresh(app, tokens["refresh_token"]))[0] == 401


async def test_logout_ends_this_session_only(running: RunningApp) -> None:
    """Logout revokes the caller's session; another device stays signed in."""
    phone = await running.tokens()
    laptop = await running.tokens()
    response = await running.client.post("/auth/logout", headers=bearer(phone["access_token"]))
    assert response.status_code == 204
    assert (
        await running.client.get("/auth/me", headers=bearer(phone["access_token"]))
    ).status_code == 401
    assert (await refresh(running, phone["refresh_token"]))[0] == 401
    assert (
        await running.client.get("/auth/me", headers=bearer(laptop["access_token"]))
    ).status_code == 200


async def test_logout_with_refresh_token_only(running: RunningApp) -> None:
    """A client whose access token lapsed can still end its session with the refresh token."""
    tokens = await running.tokens()
    response = await running.client.post(
        "/auth/logout", json={"refresh_token": tokens["refresh_token"]}
    )
    assert response.status_code == 204
    assert (await refresh(running, tokens["refresh_token"]))[0] == 401


async def test_logout_all(running: RunningApp) -> None:
    """logout-all ends every session of the user."""
    one, two = await running.tokens(), await running.tokens()
    response = await running.client.post("/auth/logout-all", headers=bearer(one["access_token"]))
    assert response.status_code == 204
    for tokens in (one, two):
        me = await running.client.get("/auth/me", headers=bearer(tokens["access_token"]))
        assert me.status_code == 401
        assert (await refresh(running, tokens["refresh_token"]))[0] == 401


async def test_list_and_revoke_own_sessions(running: RunningApp) -> None:
    """Users see their sessions, the current one marked, and can end another one."""
    other = await running.tokens()
    mine = await running.tokens()
    response = await running.client.get("/auth/sessions", headers=bearer(mine["access_token"]))
    assert response.status_code == 200
    sessions = response.json()["items"]
    assert len(sessions) == 2
    assert sum(session["current"] for session in sessions) == 1
    other_id = next(s["id"] for s in sessions if not s["current"])
    deleted = await running.client.delete(
        f"/auth/sessions/{other_id}", headers=bearer(mine["access_token"])
    )
    assert deleted.status_code == 204
    assert (
        await running.client.get("/auth/me", headers=bearer(other["access_token"]))
    ).status_code == 401


async def test_cannot_revoke_someone_elses_session(running: RunningApp) -> None:
    """Another user's session id is answered 404, and the session lives on."""
    await running.create_user("eve@example.com")
    ada = await running.tokens()
    eve = await running.tokens("eve@example.com")
    ada_sessions = (
        await running.client.get("/auth/sessions", headers=bearer(ada["access_token"]))
    ).json()["items"]
    response = await running.client.delete(
        f"/auth/sessions/{ada_sessions[0]['id']}", headers=bearer(eve["access_token"])
    )
    assert response.status_code == 404
    assert (
        await running.client.get("/auth/me", headers=bearer(ada["access_token"]))
    ).status_code == 200


async def test_bad_session_id_is_422(running: RunningApp) -> None:
    """A session id that is not a UUID is a validation error, not a 500."""
    tokens = await running.tokens()
    response = await running.client.delete(
        "/auth/sessions/nope", headers=bearer(tokens["access_token"])
    )
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


async def test_session_cap_ends_the_oldest(make_app: AppFactory) -> None:
    """With max_sessions_per_user=2, a third sign-in ends the least recently used session."""
    app = await make_app(max_sessions_per_user=2)
    await app.create_user()
    oldest = await app.tokens()
    app.clock.advance(1)
    await app.tokens()
    app.clock.advance(1)
    await app.tokens()
    assert (
        await app.client.get("/auth/me", headers=bearer(oldest["access_token"]))
    ).status_code == 401
    assert (await refresh(app, oldest["refresh_token"]))[0] == 401


async def test_registration_closed_by_default(running: RunningApp) -> None:
    """POST /auth/register is refused unless registration is open."""
    response = await running.client.post(
        "/auth/register", json={"email": "new@example.com", "password": PASSWORD}
    )
    assert response.status_code == 403
    assert response.json()["code"] == "registration_closed"


async def test_registration_when_open(make_app: AppFactory) -> None:
    """Open registration creates an account that can sign in (202, no account in the body);
    weak passwords and bad emails fail. Taken emails: tests/routers/test_registration.py."""
    app = await make_app(registration_open=True)
    created = await app.client.post(
        "/auth/register", json={"email": "New@Example.com", "password": PASSWORD}
    )
    assert created.status_code == 202, created.text
    assert list(created.json()) == ["detail"]
    access = (await app.tokens("new@example.com"))["access_token"]
    me = await app.client.get("/auth/me", headers=bearer(access))
    assert me.json()["email"] == "New@Example.com"
    weak = await app.client.post(
        "/auth/register", json={"email": "w@example.com", "password": "password1"}
    )
    assert weak.status_code == 422
    assert weak.json()["code"] == "weak_password"
    bad_email = await app.client.post(
        "/auth/register", json={"email": "not-an-email", "password": PASSWORD}
    )
    assert bad_email.status_code == 422


async def test_concurrent_refreshes_across_two_instances(make_app: AppFactory) -> None:
    """One token refreshed at once on two instances of one store yields one successor."""
    a = await make_app()
    b = await make_app()
    await a.create_user()
    first = await a.tokens()
    results = await asyncio.gather(*(refresh(app, first["refresh_token"]) for app in (a, b) * 10))
    assert {status for status, _ in results} == {200}
    assert len({body["refresh_token"] for _, body in results}) == 1


async def test_logout_with_lapsed_access_token_uses_the_refresh_token(running: RunningApp) -> None:
    """An expired access token beside a valid refresh token still logs out."""
    tokens = await running.tokens()
    running.clock.advance(running.auth.settings.access_token_ttl + 1)
    response = await running.client.post(
        "/auth/logout",
        json={"refresh_token": tokens["refresh_token"]},
        headers=bearer(tokens["access_token"]),
    )
    assert response.status_code == 204
    assert (await refresh(running, tokens["refresh_token"]))[0] == 401


async def test_logout_with_lapsed_access_token_alone_is_401(running: RunningApp) -> None:
    """Without a refresh token, a lapsed access token cannot log out."""
    tokens = await running.tokens()
    running.clock.advance(running.auth.settings.access_token_ttl + 1)
    response = await running.client.post("/auth/logout", headers=bearer(tokens["access_token"]))
    assert response.status_code == 401


async def test_sign_in_past_the_hashing_queue_is_503_busy(make_app: AppFactory) -> None:
    """With the hashing thread busy and the queue full, a password sign-in is refused at once
    with 503 `busy` and `Retry-After`, without counting as a failed attempt; once the pool is
    free, the same sign-in succeeds."""
    app = await make_app(password_hashing_threads=1, password_hashing_queue=1)
    await app.create_user()
    pool = app.auth.services.hashing
    gate = threading.Event()
    try:
        held = [asyncio.ensure_future(pool.run(gate.wait)) for _ in range(2)]
        await asyncio.sleep(0)  # one hash running, one waiting: the queue is full
        for _ in range(app.auth.settings.lockout_failures + 1):
            response = await app.sign_in()
            assert response.status_code == 503
            assert response.json() == {
                "detail": "Too many password checks at once: try again shortly",
                "code": "busy",
            }
            assert response.headers["retry-after"] == "1"
    finally:
        gate.set()
    await asyncio.gather(*held)
    assert (await app.sign_in()).status_code == 200
