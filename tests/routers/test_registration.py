"""POST /auth/register answers a taken email or username exactly as a new one (issue 16)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from fabric_auth.store.models import AuditEvent, User
from tests.conftest import PASSWORD, AppFactory, RunningApp

# Per request, whatever the account: the request id, and the rate-limit budget left (it counts
# every registration attempt from the address alike).
_VARYING = ("x-request-id", "date", "ratelimit-remaining")

# Escaped: the point of these values is that they look like others.
CAFE_NFC = "caf\u00e9"
CAFE_NFD = "cafe\u0301"
FULLWIDTH_U = "\uff55"
CYRILLIC_A = "\u0430"
ZERO_WIDTH_SPACE = "\u200b"


def _comparable(response: httpx.Response) -> tuple[int, dict[str, str], Any]:
    headers = {name: value for name, value in response.headers.items() if name not in _VARYING}
    return response.status_code, headers, response.json()


async def _register(app: RunningApp, **body: Any) -> httpx.Response:
    return await app.client.post("/auth/register", json={"password": PASSWORD, **body})


async def _settled(app: RunningApp) -> None:
    await app.auth.services.background.drain(within=5)


async def test_a_taken_email_is_answered_like_a_new_one(make_app: AppFactory) -> None:
    """Fresh and taken email (in another case) give the same status, headers and body."""
    app = await make_app(registration_open=True)
    fresh = await _register(app, email="New@Example.com")
    taken = await _register(app, email="new@EXAMPLE.com")
    assert fresh.status_code == 202, fresh.text
    assert _comparable(taken) == _comparable(fresh)
    assert set(fresh.json()) == {"detail"}
    assert len(fresh.content) == len(taken.content)
    assert await User.filter(email_normalized="new@example.com").count() == 1
    assert (await app.sign_in("new@example.com")).status_code == 200


async def test_a_taken_username_is_answered_like_a_new_one(make_app: AppFactory) -> None:
    """A taken username with a fresh email creates nothing and answers the same 202."""
    app = await make_app(registration_open=True)
    fresh = await _register(app, email="ada@example.com", username="ada")
    taken = await _register(app, email="other@example.com", username="ADA")
    assert _comparable(taken) == _comparable(fresh)
    assert await User.all().count() == 1
    event = await AuditEvent.filter(action="user.registration_refused").get()
    assert event.details == {"taken": "username"}


async def test_the_owner_of_a_taken_email_is_mailed(make_app: AppFactory) -> None:
    """The existing owner gets the "already have an account" mail; a new account gets none."""
    app = await make_app(registration_open=True, public_base_url="https://app.example.com")
    await _register(app, email="ada@example.com")
    await _settled(app)
    assert app.outbox.messages == []
    await _register(app, email="ADA@example.com", password=PASSWORD + "x")
    message = await app.outbox.wait_for(to="ada@example.com", kind="account_exists")
    assert message.to == "ada@example.com"
    assert "already has an account" in message.text
    assert app.outbox.links_of(message) == ["https://app.example.com"]
    await _settled(app)
    assert [m.kind for m in app.outbox.messages] == ["account_exists"]
    assert (await app.sign_in("ada@example.com", PASSWORD + "x")).status_code == 401


async def test_the_owner_is_mailed_at_most_once_per_resend_interval(
    make_app: AppFactory,
) -> None:
    """Registering a taken email again and again mails its owner once per
    `mail_resend_interval` (60 s here), however many tries: the address cannot be flooded."""
    app = await make_app(registration_open=True, mail_resend_interval=60)
    await _register(app, email="ada@example.com")
    for _ in range(3):
        assert (await _register(app, email="ada@example.com")).status_code == 202
    await _settled(app)
    assert [m.kind for m in app.outbox.messages] == ["account_exists"]
    app.clock.advance(61)
    await _register(app, email="ada@example.com")
    await _settled(app)
    assert [m.kind for m in app.outbox.messages] == ["account_exists", "account_exists"]
    assert await AuditEvent.filter(action="user.registration_refused").count() == 4


async def test_the_audit_log_says_what_really_happened(make_app: AppFactory) -> None:
    """A new account is `user.registered`; a taken email `user.registration_refused` on the
    owner, as a failure."""
    app = await make_app(registration_open=True)
    await _register(app, email="ada@example.com")
    await _register(app, email="ada@example.com")
    owner = await User.get(email_normalized="ada@example.com")
    events = await AuditEvent.all().order_by("seq")
    assert [(e.action, e.outcome, e.target_id) for e in events] == [
        ("user.registered", "success", str(owner.id)),
        ("user.registration_refused", "failure", str(owner.id)),
    ]
    assert events[1].details == {"taken": "email"}


async def test_the_setting_restores_the_explicit_conflict(make_app: AppFactory) -> None:
    """With registration_reveals_existing a taken email is 409 already_exists, and no mail."""
    app = await make_app(registration_open=True, registration_reveals_existing=True)
    assert (await _register(app, email="ada@example.com")).status_code == 202
    taken = await _register(app, email="ADA@example.com")
    assert (taken.status_code, taken.json()["code"]) == (409, "already_exists")
    await _settled(app)
    assert app.outbox.messages == []
    assert await User.all().count() == 1


async def test_registration_stays_closed_for_taken_emails_too(make_app: AppFactory) -> None:
    """With registration closed, a taken email is 403 registration_closed like any other."""
    app = await make_app()
    await app.create_user("ada@example.com")
    for email in ("ada@example.com", "new@example.com"):
        response = await _register(app, email=email)
        assert (response.status_code, response.json()["code"]) == (403, "registration_closed")
    await _settled(app)
    assert app.outbox.messages == []


# --- identifiers (issue 16): one account per NFKC_Casefold key ---------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (f"{CAFE_NFC}@example.com", f"{CAFE_NFD}@example.com"),
        (f"{CAFE_NFD}@example.com", f"{CAFE_NFC}@example.com"),
        ("user@example.com", f"{FULLWIDTH_U}ser@example.com"),
    ],
)
async def test_another_spelling_of_a_taken_email_creates_nothing(
    make_app: AppFactory, first: str, second: str
) -> None:
    """NFC and NFD cafe, fullwidth u: the second is the taken email's answer, one row."""
    app = await make_app(registration_open=True)
    fresh = await _register(app, email=first)
    again = await _register(app, email=second)
    assert fresh.status_code == 202, fresh.text
    assert _comparable(again) == _comparable(fresh)
    assert await User.all().count() == 1
    event = await AuditEvent.filter(action="user.registration_refused").get()
    assert event.details == {"taken": "email"}


@pytest.mark.parametrize(
    ("first", "second"),
    [(CAFE_NFC, CAFE_NFD.upper()), ("user", f"{FULLWIDTH_U}ser"), (f"{FULLWIDTH_U}ser", "USER")],
)
async def test_another_spelling_of_a_taken_username_creates_nothing(
    make_app: AppFactory, first: str, second: str
) -> None:
    """NFC and NFD, fullwidth: a second account with the same username key is refused."""
    app = await make_app(registration_open=True)
    fresh = await _register(app, email="ada@example.com", username=first)
    again = await _register(app, email="bob@example.com", username=second)
    assert fresh.status_code == 202, fresh.text
    assert _comparable(again) == _comparable(fresh)
    assert await User.all().count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"email": f"us{ZERO_WIDTH_SPACE}er@example.com"},
        {"email": f"p{CYRILLIC_A}ypal@example.com"},
        {"email": f"paypal@ex{CYRILLIC_A}mple.com"},
        {"email": "new@example.com", "username": f"us{ZERO_WIDTH_SPACE}er"},
        {"email": "new@example.com", "username": f"p{CYRILLIC_A}ypal"},
    ],
)
async def test_look_alike_identifiers_are_refused(
    make_app: AppFactory, body: dict[str, str]
) -> None:
    """A zero-width space or a Cyrillic a beside an existing account is 422
    invalid_identifier, and no second row."""
    app = await make_app(registration_open=True)
    await app.create_user("user@example.com", username="user")
    await app.create_user("paypal@example.com", username="paypal")
    response = await _register(app, **body)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid_identifier"
    assert await User.all().count() == 2
    assert await AuditEvent.filter(action="user.registration_refused").count() == 0


@pytest.mark.parametrize(
    ("email", "username"),
    [
        ("jos\u00e9@example.com", "jos\u00e9"),
        (
            "\u043f\u043e\u043b\u044c\u0437\u043e\u0432\u0430\u0442\u0435\u043b\u044c@example.com",
            "\u043f\u043e\u043b\u044c\u0437\u043e\u0432\u0430\u0442\u0435\u043b\u044c",
        ),
        ("\u30e6\u30fc\u30b6\u30fc@example.jp", "\u30e6\u30fc\u30b6\u30fc"),
    ],
)
async def test_single_script_identifiers_register_and_sign_in(
    make_app: AppFactory, email: str, username: str
) -> None:
    """Accented Latin, Cyrillic and Japanese identifiers are accounts like any other."""
    app = await make_app(registration_open=True)
    response = await _register(app, email=email, username=username)
    assert response.status_code == 202, response.text
    user = await User.get()
    assert (user.email, user.username) == (email, username)
    assert (await app.sign_in(email.upper())).status_code == 200
    assert (await app.sign_in(username)).status_code == 200
