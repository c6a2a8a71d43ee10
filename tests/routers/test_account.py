"""Password reset and change, email verification and change, invitations and activation."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from fabric_auth.store.models import AuditEvent, User
from tests.conftest import PASSWORD, AppFactory, RunningApp

NEW_PASSWORD = "a brand new passphrase 42"
APP_URL = "https://app.example"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def forgot(app: RunningApp, email: str, **kwargs: Any) -> Any:
    return await app.client.post("/auth/forgot-password", json={"email": email}, **kwargs)


async def reset_token(app: RunningApp, email: str = "ada@example.com") -> str:
    assert (await forgot(app, email)).status_code == 202
    message = await app.outbox.wait_for(to=email, kind="password_reset")
    return app.outbox.token_of(message)


async def reset(app: RunningApp, token: str, password: str = NEW_PASSWORD) -> Any:
    return await app.client.post(
        "/auth/reset-password", json={"token": token, "password": password}
    )


# --- password reset ------------------------------------------------------------------------


async def test_forgot_password_answers_alike_for_known_unknown_and_inactive(
    running: RunningApp,
) -> None:
    """Known, unknown and deactivated addresses get the same status and body."""
    gone = await running.create_user("gone@example.com")
    await User.filter(id=gone.id).update(is_active=False)
    answers = [
        await forgot(running, email)
        for email in ("ada@example.com", "nobody@example.com", "gone@example.com")
    ]
    assert {response.status_code for response in answers} == {202}
    assert len({response.text for response in answers}) == 1
    await running.auth.services.background.drain()
    assert [message.to for message in running.outbox.messages] == ["ada@example.com"]


async def test_reset_sets_the_password_and_ends_every_session(running: RunningApp) -> None:
    """A reset works once, changes the password, and revokes the user's sessions and tokens."""
    tokens = await running.tokens()
    token = await reset_token(running)
    assert (await reset(running, token)).status_code == 204
    me = await running.client.get("/auth/me", headers=bearer(tokens["access_token"]))
    assert me.status_code == 401
    refreshed = await running.client.post(
        "/auth/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
    )
    assert refreshed.status_code == 401
    assert (await running.sign_in(password=PASSWORD)).status_code == 401
    # Signing in again in the same second works: sessions end, the user is not revoked.
    fresh = await running.tokens(password=NEW_PASSWORD)
    me = await running.client.get("/auth/me", headers=bearer(fresh["access_token"]))
    assert me.status_code == 200
    actions = await AuditEvent.all().values_list("action", flat=True)
    assert "user.password_reset" in actions and "user.password_reset_requested" in actions


async def test_reset_token_is_single_use_even_in_parallel(running: RunningApp) -> None:
    """Eight simultaneous resets with one token: exactly one succeeds; replay fails."""
    token = await reset_token(running)
    results = await asyncio.gather(
        *(reset(running, token, f"{NEW_PASSWORD} {n}") for n in range(8))
    )
    assert sorted(response.status_code for response in results) == [204] + [400] * 7
    again = await reset(running, token)
    assert again.status_code == 400
    assert again.json()["code"] == "invalid_link_token"


async def test_reset_token_dies_when_the_password_changes(running: RunningApp) -> None:
    """A reset link issued before a password change is useless after it."""
    token = await reset_token(running)
    access = (await running.tokens())["access_token"]
    changed = await running.client.post(
        "/auth/change-password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        headers=bearer(access),
    )
    assert changed.status_code == 204
    response = await reset(running, token, "yet another passphrase")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_link_token"


async def test_reset_token_bound_to_the_password_hash(running: RunningApp) -> None:
    """Even a token whose row survived dies if the password hash it was issued for changed."""
    token = await reset_token(running)
    await User.filter(email_normalized="ada@example.com").update(
        password_hash=await running.auth.services.hasher.hash("changed elsewhere 123")
    )
    assert (await reset(running, token)).status_code == 400


async def test_reset_token_expires(running: RunningApp) -> None:
    """A reset link is dead after password_reset_ttl (30 minutes by default)."""
    token = await reset_token(running)
    running.clock.advance(30 * 60 + 1)
    assert (await reset(running, token)).status_code == 400


async def test_weak_password_does_not_burn_the_token(running: RunningApp) -> None:
    """A refused new password leaves the link usable."""
    token = await reset_token(running)
    weak = await reset(running, token, "password1")
    assert weak.status_code == 422
    assert weak.json()["code"] == "weak_password"
    assert (await reset(running, token)).status_code == 204


async def test_mail_resend_interval_limits_mails_per_account(running: RunningApp) -> None:
    """A second reset request within mail_resend_interval sends no second mail."""
    await reset_token(running)
    await forgot(running, "ada@example.com")
    await running.auth.services.background.drain()
    assert len(running.outbox.messages) == 1
    running.clock.advance(61)
    await forgot(running, "ada@example.com")
    await running.auth.services.background.drain()
    assert len(running.outbox.messages) == 2


async def test_mailed_links_never_use_the_host_header(make_app: AppFactory) -> None:
    """With Host and X-Forwarded-Host set to evil.example, links still use public_base_url."""
    app = await make_app(public_base_url=APP_URL)
    await app.create_user()
    spoof = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    await forgot(app, "ada@example.com", headers=spoof)
    await app.client.post("/auth/request-verify", json={"email": "ada@example.com"}, headers=spoof)
    await app.auth.services.background.drain()
    assert len(app.outbox.messages) == 2
    for message in app.outbox.messages:
        assert "evil.example" not in message.text + message.subject
        links = app.outbox.links_of(message)
        assert links and all(link.startswith(f"{APP_URL}/") for link in links)
    reset_mail = await app.outbox.wait_for(kind="password_reset")
    reset_link = app.outbox.links_of(reset_mail)[0]
    assert reset_link.startswith(f"{APP_URL}/reset-password?token=")


# --- password change -----------------------------------------------------------------------


async def test_change_password_needs_the_current_one(running: RunningApp) -> None:
    """A wrong current password is a 400 invalid_current_password; nothing changes."""
    access = (await running.tokens())["access_token"]
    response = await running.client.post(
        "/auth/change-password",
        json={"current_password": "wrong wrong wrong", "new_password": NEW_PASSWORD},
        headers=bearer(access),
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_current_password"
    assert (await running.sign_in()).status_code == 200


async def test_change_password_keeps_this_session_and_ends_the_others(
    running: RunningApp,
) -> None:
    """After a change the caller stays signed in; other devices are signed out."""
    other = await running.tokens()
    mine = await running.tokens()
    response = await running.client.post(
        "/auth/change-password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        headers=bearer(mine["access_token"]),
    )
    assert response.status_code == 204
    assert (
        await running.client.get("/auth/me", headers=bearer(mine["access_token"]))
    ).status_code == 200
    assert (
        await running.client.get("/auth/me", headers=bearer(other["access_token"]))
    ).status_code == 401
    assert (await running.sign_in(password=NEW_PASSWORD)).status_code == 200


async def test_change_password_guesses_count_towards_lockout(make_app: AppFactory) -> None:
    """A stolen access token cannot guess the current password without limit."""
    app = await make_app(lockout_failures=3, rate_limits_enabled=False)
    await app.create_user()
    access = (await app.tokens())["access_token"]
    codes = []
    for _ in range(4):
        response = await app.client.post(
            "/auth/change-password",
            json={"current_password": "guess guess guess", "new_password": NEW_PASSWORD},
            headers=bearer(access),
        )
        codes.append(response.status_code)
    assert codes == [400, 400, 400, 429]


# --- email verification ---------------------------------------------------------------------


async def test_verify_email(running: RunningApp) -> None:
    """request-verify mails a link; using it marks the account verified, once."""
    assert (
        await running.client.post("/auth/request-verify", json={"email": "ada@example.com"})
    ).status_code == 202
    message = await running.outbox.wait_for(kind="verify_email")
    token = running.outbox.token_of(message)
    verified = await running.client.post("/auth/verify", json={"token": token})
    assert verified.status_code == 200
    assert verified.json()["is_verified"] is True
    assert (await running.client.post("/auth/verify", json={"token": token})).status_code == 400


async def test_request_verify_answers_alike(running: RunningApp) -> None:
    """Unknown, unverified and already verified addresses get the same answer."""
    await running.create_user("done@example.com", is_verified=True)
    answers = [
        await running.client.post("/auth/request-verify", json={"email": email})
        for email in ("ada@example.com", "nobody@example.com", "done@example.com")
    ]
    assert {(response.status_code, response.text) for response in answers} == {
        (answers[0].status_code, answers[0].text)
    }
    await running.auth.services.background.drain()
    assert [message.to for message in running.outbox.messages] == ["ada@example.com"]


async def test_unverified_users_may_not_sign_in_when_required(make_app: AppFactory) -> None:
    """With require_verified_email, a right password of an unverified account is a 403;
    a wrong one is the usual 401."""
    app = await make_app(require_verified_email=True)
    await app.create_user()
    refused = await app.sign_in()
    assert refused.status_code == 403
    assert refused.json()["code"] == "email_not_verified"
    assert (await app.sign_in(password="wrong password!")).status_code == 401
    await app.client.post("/auth/request-verify", json={"email": "ada@example.com"})
    token = app.outbox.token_of(await app.outbox.wait_for(kind="verify_email"))
    await app.client.post("/auth/verify", json={"token": token})
    assert (await app.sign_in()).status_code == 200


# --- email change --------------------------------------------------------------------------


async def change_email(
    app: RunningApp, access: str, new_email: str, password: str = PASSWORD
) -> Any:
    return await app.client.post(
        "/auth/change-email",
        json={"current_password": password, "new_email": new_email},
        headers=bearer(access),
    )


async def test_change_email_needs_password_and_confirmation(running: RunningApp) -> None:
    """The address changes only when the link mailed to the new address is used; the old
    address is told."""
    access = (await running.tokens())["access_token"]
    assert (await change_email(running, access, "ada@new.example", "wrong!!!!")).status_code == 400
    assert (await change_email(running, access, "ada@new.example")).status_code == 202
    message = await running.outbox.wait_for(to="ada@new.example", kind="change_email")
    me = (await running.client.get("/auth/me", headers=bearer(access))).json()
    assert me["email"] == "ada@example.com"
    confirmed = await running.client.post(
        "/auth/verify", json={"token": running.outbox.token_of(message)}
    )
    assert confirmed.status_code == 200
    assert confirmed.json()["email"] == "ada@new.example"
    assert confirmed.json()["is_verified"] is True
    await running.outbox.wait_for(to="ada@example.com", kind="email_changed")
    assert (await running.sign_in("ada@new.example")).status_code == 200
    assert (await running.sign_in("ada@example.com")).status_code == 401


async def test_change_email_to_a_taken_address_fails_at_confirmation(
    running: RunningApp,
) -> None:
    """Asking reveals nothing; confirming a taken address is a 409."""
    await running.create_user("bob@example.com")
    access = (await running.tokens())["access_token"]
    assert (await change_email(running, access, "BOB@example.com")).status_code == 202
    message = await running.outbox.wait_for(kind="change_email")
    response = await running.client.post(
        "/auth/verify", json={"token": running.outbox.token_of(message)}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "already_exists"


# --- invitations ---------------------------------------------------------------------------


async def test_invite_and_activate(make_app: AppFactory) -> None:
    """An administrator invites; the activation link sets the password once and verifies."""
    app = await make_app(public_base_url=APP_URL)
    await app.create_user("root@example.com", is_system_admin=True)
    root = (await app.tokens("root@example.com"))["access_token"]
    invited = await app.client.post(
        "/admin/users/invite", json={"email": "new@example.com"}, headers=bearer(root)
    )
    assert invited.status_code == 201, invited.text
    message = await app.outbox.wait_for(to="new@example.com", kind="invite")
    assert app.outbox.links_of(message)[0].startswith(f"{APP_URL}/activate?token=")
    token = app.outbox.token_of(message)
    assert (await app.sign_in("new@example.com")).status_code == 401
    activated = await app.client.post("/auth/activate", json={"token": token, "password": PASSWORD})
    assert activated.status_code == 200
    assert activated.json()["is_verified"] is True
    assert (await app.sign_in("new@example.com")).status_code == 200
    again = await app.client.post("/auth/activate", json={"token": token, "password": PASSWORD})
    assert again.status_code == 400


async def test_only_system_admins_invite(running: RunningApp) -> None:
    """A signed-in ordinary user cannot invite (403); anonymous callers get 401."""
    access = (await running.tokens())["access_token"]
    body = {"email": "new@example.com"}
    assert (
        await running.client.post("/admin/users/invite", json=body, headers=bearer(access))
    ).status_code == 403
    assert (await running.client.post("/admin/users/invite", json=body)).status_code == 401


async def test_resend_invitation_kills_the_old_link(running: RunningApp) -> None:
    """A re-sent invitation replaces the earlier link."""
    account = running.auth.services.account
    first = await account.invite("new@example.com")
    second = await account.resend_invitation(first.user.id)
    old_token = running.outbox.token_of(running.outbox.messages[0])
    new_token = running.outbox.token_of(running.outbox.messages[1])
    assert second.link != first.link
    old = await running.client.post(
        "/auth/activate", json={"token": old_token, "password": PASSWORD}
    )
    assert old.status_code == 400
    new = await running.client.post(
        "/auth/activate", json={"token": new_token, "password": PASSWORD}
    )
    assert new.status_code == 200


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/auth/forgot-password", {"email": "not an email"}),
        ("/auth/forgot-password", {"email": "x" * 400}),
        ("/auth/forgot-password", {"mail": "ada@example.com"}),
        ("/auth/forgot-password", ["ada@example.com"]),
        ("/auth/reset-password", {"token": "nope", "password": NEW_PASSWORD}),
        ("/auth/reset-password", {"token": "t" * 500, "password": NEW_PASSWORD}),
        ("/auth/reset-password", {"token": None, "password": NEW_PASSWORD}),
        ("/auth/verify", {"token": ""}),
        ("/auth/verify", {"token": "\u0000\u2603"}),
        ("/auth/activate", {"token": "nope", "password": "short"}),
        ("/auth/request-verify", {}),
    ],
)
async def test_bad_input_is_4xx_with_a_code(running: RunningApp, path: str, body: Any) -> None:
    """Garbage on every account route is answered 4xx with a stable code, never 500."""
    response = await running.client.post(path, json=body)
    assert 400 <= response.status_code < 500
    assert response.json()["code"] in {
        "validation_error",
        "invalid_characters",
        "invalid_link_token",
        "weak_password",
    }


async def test_production_refuses_to_start_mail_routes_without_public_url() -> None:
    """Mounted account routes + production + no public_base_url: a clear startup error."""
    from fastapi import FastAPI

    from fabric_auth import AuthSettings, FabricAuth
    from fabric_auth.exceptions import ConfigurationError
    from fabric_auth.routers import create_account_router, create_auth_router
    from fabric_auth.testing import Outbox

    settings = AuthSettings(
        _env_file=None,
        environment="production",
        secret_key="k3Jx9-qLw2Zr8VtY1pNm4HsB7cD0eFgA",
        database_url="sqlite://:memory:",
    )
    auth = FabricAuth(settings, mailer=Outbox())
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())
    app.include_router(create_account_router())
    with pytest.raises(ConfigurationError, match="FABRIC_AUTH_PUBLIC_BASE_URL"):
        async with app.router.lifespan_context(app):
            pass
