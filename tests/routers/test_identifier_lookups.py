"""Every route that finds or changes an account by email or username goes by its key
(NFKC_Casefold, issue 16): another spelling finds the account, or is the same taken one, and
look-alike identifiers are refused with 422 invalid_identifier."""

from __future__ import annotations

from typing import Any

import pytest

from fabric_auth.store.models import User
from tests.conftest import PASSWORD, AppFactory, RunningApp

# Escaped: the point of these values is that they look like others.
CAFE_NFC = "caf\u00e9@example.com"
CAFE_NFD = "CAFE\u0301@example.com"  # NFD and upper case
FULLWIDTH_BOB = "\uff42\uff4f\uff42"  # "bob" in fullwidth letters
CYRILLIC_A = "\u0430"


def bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


@pytest.fixture
async def app(make_app: AppFactory) -> RunningApp:
    """An app with root (system administrator), cafe (NFC email) and bob (username)."""
    app = await make_app(lockout_failures=3, rate_limits_enabled=False)
    await app.create_user("root@example.com", is_system_admin=True)
    await app.create_user(CAFE_NFC)
    await app.create_user("bob@example.com", username="bob")
    return app


async def test_forgot_password_finds_the_account_by_another_spelling(app: RunningApp) -> None:
    """A reset requested for the NFD spelling is mailed to the account's own address."""
    response = await app.client.post("/auth/forgot-password", json={"email": CAFE_NFD})
    assert response.status_code == 202
    message = await app.outbox.wait_for(kind="password_reset")
    assert message.to == CAFE_NFC


async def test_request_verify_finds_the_account_by_another_spelling(app: RunningApp) -> None:
    """A verification requested for the NFD spelling is mailed to the account."""
    response = await app.client.post("/auth/request-verify", json={"email": CAFE_NFD})
    assert response.status_code == 202
    message = await app.outbox.wait_for(kind="verify_email")
    assert message.to == CAFE_NFC


@pytest.mark.parametrize("path", ["/auth/forgot-password", "/auth/request-verify"])
async def test_mail_requests_refuse_look_alike_addresses(app: RunningApp, path: str) -> None:
    """A mixed-script address is 422 invalid_identifier, and nothing is mailed."""
    response = await app.client.post(path, json={"email": f"c{CYRILLIC_A}fe@example.com"})
    assert (response.status_code, response.json()["code"]) == (422, "invalid_identifier")
    await app.auth.services.background.drain()
    assert app.outbox.messages == []


async def test_change_email_to_another_spelling_of_the_own_address(app: RunningApp) -> None:
    """The own address in another spelling is no change (422), a mixed-script one is 422
    invalid_identifier, and another spelling of a taken one fails at confirmation (409)."""
    access = await app.tokens(CAFE_NFC)

    async def change(new_email: str) -> Any:
        return await app.client.post(
            "/auth/change-email",
            json={"current_password": PASSWORD, "new_email": new_email},
            headers=bearer(access),
        )

    same = await change(CAFE_NFD)
    assert (same.status_code, same.json()["detail"]) == (
        422,
        "This is already the account's address",
    )
    mixed = await change(f"b{CYRILLIC_A}b@example.com")
    assert (mixed.status_code, mixed.json()["code"]) == (422, "invalid_identifier")
    assert (await change("\uff22\uff2f\uff22@example.com")).status_code == 202
    message = await app.outbox.wait_for(kind="change_email")
    confirmed = await app.client.post("/auth/verify", json={"token": app.outbox.token_of(message)})
    assert (confirmed.status_code, confirmed.json()["code"]) == (409, "already_exists")
    assert await User.filter(email_normalized="bob@example.com").count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"email": CAFE_NFD, "password": PASSWORD},  # created by the administrator
        {"email": CAFE_NFD},  # invited
        {"email": "new@example.com", "password": PASSWORD, "username": FULLWIDTH_BOB},
        {"email": "new@example.com", "username": "BOB"},
    ],
)
async def test_admin_create_refuses_another_spelling_of_a_taken_identifier(
    app: RunningApp, body: dict[str, str]
) -> None:
    """POST /users (with a password, or inviting) with a taken key is 409 already_exists."""
    root = await app.tokens("root@example.com")
    response = await app.client.post("/users", json=body, headers=bearer(root))
    assert (response.status_code, response.json()["code"]) == (409, "already_exists")
    assert await User.all().count() == 3


async def test_admin_invite_refuses_another_spelling_of_a_taken_address(app: RunningApp) -> None:
    """POST /admin/users/invite with a taken key is 409; a look-alike username is 422."""
    root = await app.tokens("root@example.com")
    taken = await app.client.post(
        "/admin/users/invite", json={"email": CAFE_NFD}, headers=bearer(root)
    )
    assert (taken.status_code, taken.json()["code"]) == (409, "already_exists")
    mixed = await app.client.post(
        "/admin/users/invite",
        json={"email": "new@example.com", "username": f"b{CYRILLIC_A}b"},
        headers=bearer(root),
    )
    assert (mixed.status_code, mixed.json()["code"]) == (422, "invalid_identifier")
    assert await User.all().count() == 3


async def test_addresses_are_stored_and_mailed_in_nfkc_with_their_case(
    make_app: AppFactory,
) -> None:
    """An address typed in fullwidth letters or NFD is stored, and mailed to, as NFKC with its
    case kept: the mail server never sees the look-alike spelling."""
    app = await make_app(registration_open=True)
    typed = "\uff35\uff53\uff45\uff52\uff20Example.com"  # "User@Example.com", fullwidth
    response = await app.client.post("/auth/register", json={"email": typed, "password": PASSWORD})
    assert response.status_code == 202, response.text
    user = await User.get()
    assert (user.email, user.email_normalized) == ("User@Example.com", "user@example.com")
    access = await app.tokens("user@example.com")
    changed = await app.client.post(
        "/auth/change-email",
        json={"current_password": PASSWORD, "new_email": CAFE_NFD},
        headers=bearer(access),
    )
    assert changed.status_code == 202, changed.text
    message = await app.outbox.wait_for(kind="change_email")
    assert message.to == "CAF\u00c9@example.com"
    confirmed = await app.client.post("/auth/verify", json={"token": app.outbox.token_of(message)})
    assert confirmed.json()["email"] == "CAF\u00c9@example.com"
    stored = await User.get()
    assert (stored.email, stored.email_normalized) == ("CAF\u00c9@example.com", CAFE_NFC)


async def test_admin_update_goes_by_the_key(app: RunningApp) -> None:
    """PATCH /users/{id}: another spelling of a taken username or email is 409, a look-alike
    one is 422 invalid_identifier, and the typed form is kept beside the key."""
    root = await app.tokens("root@example.com")
    cafe = await User.get(email_normalized=CAFE_NFC)

    async def patch(**changes: str) -> Any:
        return await app.client.patch(f"/users/{cafe.id}", json=changes, headers=bearer(root))

    taken = await patch(username=FULLWIDTH_BOB)
    assert (taken.status_code, taken.json()["code"]) == (409, "already_exists")
    taken = await patch(email="BOB@example.com")
    assert (taken.status_code, taken.json()["code"]) == (409, "already_exists")
    mixed = await patch(username=f"c{CYRILLIC_A}fe")
    assert (mixed.status_code, mixed.json()["code"]) == (422, "invalid_identifier")
    renamed = await patch(username="Caf\u00e9")
    assert renamed.status_code == 200, renamed.text
    stored = await User.get(id=cafe.id)
    assert (stored.username, stored.username_normalized) == ("Caf\u00e9", "caf\u00e9")
    assert (await app.sign_in("CAFE\u0301", PASSWORD)).status_code == 200


async def test_own_username_change_refuses_look_alikes(app: RunningApp) -> None:
    """PATCH /users/me: a username mixing scripts is 422 invalid_identifier."""
    access = await app.tokens(CAFE_NFC)
    response = await app.client.patch(
        "/users/me", json={"username": f"c{CYRILLIC_A}fe"}, headers=bearer(access)
    )
    assert (response.status_code, response.json()["code"]) == (422, "invalid_identifier")


async def test_failed_sign_ins_count_alike_for_every_spelling(app: RunningApp) -> None:
    """Wrong passwords under different spellings of one unknown login share one lockout
    count, so spelling variants buy no extra guesses."""
    spellings = ["ghost@example.com", "GHOST@example.com", "\uff47host@example.com"]
    answers = [await app.sign_in(login, "wrong password!") for login in spellings]
    assert [answer.status_code for answer in answers] == [401, 401, 401]
    assert (await app.sign_in("ghost\uff20example.com", "wrong password!")).status_code == 429
