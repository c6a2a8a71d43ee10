"""POST /auth/register answers a taken email or username exactly as a new one (issue 16)."""

from __future__ import annotations

from typing import Any

import httpx

from fabric_auth.store.models import AuditEvent, User
from tests.conftest import PASSWORD, AppFactory, RunningApp

# Per request, whatever the account: the request id, and the rate-limit budget left (it counts
# every registration attempt from the address alike).
_VARYING = ("x-request-id", "date", "ratelimit-remaining")


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
