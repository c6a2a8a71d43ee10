"""Every input answered: text with control characters and out-of-range numbers are 422s, with
their code, before the store sees them (on PostgreSQL a NUL byte used to be a 500)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from fabric_auth.store.models import AuditEvent, Role, User
from tests.conftest import PASSWORD, AppFactory, RunningApp

NUL_LOGIN = "a\x00b@x.example"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def cursor_of(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


async def admin_app(make_app: AppFactory, **settings: Any) -> tuple[RunningApp, dict[str, str]]:
    app = await make_app(admin_email="root@example.com", admin_password=PASSWORD, **settings)
    await app.create_user()
    return app, bearer((await app.tokens("root@example.com"))["access_token"])


def assert_invalid_characters(response: Any) -> None:
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid_characters", response.text


async def assert_chain_holds(app: RunningApp) -> None:
    report = await app.auth.services.audit.verify()
    assert report.broken is None, report


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f"])
async def test_token_request_refuses_control_characters(
    running: RunningApp, character: str
) -> None:
    """POST /auth/token, as a form and as JSON: a login with a control character is 422
    invalid_characters, and nothing is written to the audit log."""
    before = await AuditEvent.all().count()
    login = f"a{character}b@x.example"
    body = {"grant_type": "password", "username": login, "password": PASSWORD}
    assert_invalid_characters(await running.client.post("/auth/token", data=body))
    assert_invalid_characters(await running.client.post("/auth/token", json=body))
    refresh = {"grant_type": "refresh_token", "refresh_token": f"x{character}y"}
    assert_invalid_characters(await running.client.post("/auth/token", json=refresh))
    assert await AuditEvent.all().count() == before
    await assert_chain_holds(running)


async def test_token_request_other_errors_keep_their_code(running: RunningApp) -> None:
    """A token request missing grant_type as well is still validation_error."""
    response = await running.client.post("/auth/token", json={"username": NUL_LOGIN})
    assert response.status_code == 422 and response.json()["code"] == "validation_error"


async def test_register_refuses_control_characters(make_app: AppFactory) -> None:
    """POST /auth/register: NUL in the e-mail, an escape in the display name or username are
    422 invalid_characters; no user is created."""
    app = await make_app(registration_open=True)
    for body in (
        {"email": NUL_LOGIN, "password": PASSWORD},
        {"email": "new@example.com", "password": PASSWORD, "display_name": "N\x1b[31m"},
        {"email": "new@example.com", "password": PASSWORD, "username": "n\x00"},
    ):
        assert_invalid_characters(await app.client.post("/auth/register", json=body))
    assert await User.all().count() == 0
    await assert_chain_holds(app)


async def test_password_may_hold_any_character(make_app: AppFactory) -> None:
    """Passwords are hashed, never stored as text: a control character in one is not refused."""
    app = await make_app(registration_open=True)
    password = PASSWORD + "\x01"
    response = await app.client.post(
        "/auth/register", json={"email": "new@example.com", "password": password}
    )
    assert response.status_code == 202, response.text
    assert (await app.tokens("new@example.com", password))["access_token"]


@pytest.mark.parametrize(
    "profile",
    [
        {"a\x00": "x"},
        {"tz": "U\x00TC"},
        {"nested": {"deep": ["ok", "n\x00"]}},
        {"nested": {"k\x07": 1}},
    ],
)
async def test_own_profile_refuses_control_characters(
    running: RunningApp, profile: dict[str, Any]
) -> None:
    """PATCH /users/me: a control character in a profile key or string value, at any depth,
    is 422 invalid_characters and the stored profile is unchanged."""
    me = bearer((await running.tokens())["access_token"])
    response = await running.client.patch("/users/me", json={"profile": profile}, headers=me)
    assert_invalid_characters(response)
    assert (await User.get(email="ada@example.com")).profile == {}
    await assert_chain_holds(running)


async def test_roles_refuse_control_characters(make_app: AppFactory) -> None:
    """POST /roles: NUL in the name, a description or a permission is 422 invalid_characters
    and no role is stored; the role routes' path refuses it too."""
    app, admin = await admin_app(make_app)
    roles_before = await Role.all().count()
    for body in (
        {"name": "r\x00", "permissions": []},
        {"name": "r", "description": "\x00", "permissions": []},
        {"name": "r", "permissions": ["users:\x00read"]},
    ):
        assert_invalid_characters(await app.client.post("/roles", json=body, headers=admin))
    assert await Role.all().count() == roles_before
    assert_invalid_characters(await app.client.get("/roles/r%00", headers=admin))
    await assert_chain_holds(app)


async def test_free_text_keeps_tabs_and_line_breaks(make_app: AppFactory) -> None:
    """Tab, line feed and carriage return stay allowed in free text such as a description."""
    app, admin = await admin_app(make_app)
    description = "first line\r\nsecond\tline"
    response = await app.client.post(
        "/roles", json={"name": "r", "description": description, "permissions": []}, headers=admin
    )
    assert response.status_code == 201, response.text
    assert (await Role.get(name="r")).description == description


async def test_audit_filters_refuse_control_characters(make_app: AppFactory) -> None:
    """GET /audit/events?action=...: a filter with NUL is 422 invalid_characters."""
    app, admin = await admin_app(make_app)
    response = await app.client.get("/audit/events", params={"action": "a\x00"}, headers=admin)
    assert_invalid_characters(response)


@pytest.mark.parametrize(
    "cursor",
    [
        cursor_of("seq:99999999999999999999"),
        cursor_of(f"seq:{2**63}"),
        cursor_of("seq:0"),
        cursor_of("seq:-1"),
        cursor_of("seq:1e3"),
        cursor_of("seq: 5"),
        cursor_of("row:5"),
        cursor_of("seq:\x00"),
        cursor_of(json.dumps(["audit", 10**20])),
        cursor_of(json.dumps(["audit", 2**63])),
        cursor_of(json.dumps(["audit", 0])),
        cursor_of(json.dumps(["audit", 1.5])),
        cursor_of(json.dumps(["audit", "5"])),
        cursor_of(json.dumps(["users", 5])),
        "not base64!",
        "A" * 65,
    ],
)
async def test_audit_cursor_out_of_range_or_malformed(make_app: AppFactory, cursor: str) -> None:
    """GET /audit/events?cursor=...: a cursor the router did not write (out of the store's
    range or malformed, the old `seq:N` form included) is 422 invalid_cursor, not a store
    error."""
    app, admin = await admin_app(make_app)
    response = await app.client.get("/audit/events", params={"cursor": cursor}, headers=admin)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid_cursor"


async def test_audit_cursor_at_the_edge_of_the_range(make_app: AppFactory) -> None:
    """The largest seq the store holds is a valid cursor: every entry is older."""
    app, admin = await admin_app(make_app)
    response = await app.client.get(
        "/audit/events",
        params={"cursor": cursor_of(json.dumps(["audit", 2**63 - 1]))},
        headers=admin,
    )
    assert response.status_code == 200, response.text
    assert len(response.json()["items"]) == await AuditEvent.all().count()


async def test_audit_export_refuses_a_filter_longer_than_its_column(
    make_app: AppFactory,
) -> None:
    """A 200-character actor_type on the export was a 500 in the middle of the stream; now
    422 validation_error before anything is streamed."""
    app, headers = await admin_app(make_app)
    for path in ("/audit/events", "/audit/events/export"):
        response = await app.client.get(
            path, params={"actor_type": "0" * 200, "format": "jsonl"}, headers=headers
        )
        assert response.status_code == 422, response.text
        body = response.json()
        assert body["code"] == "validation_error"
        assert body["errors"][0]["loc"] == ["query", "actor_type"]


async def test_a_grant_with_a_trailing_line_feed_is_refused(make_app: AppFactory) -> None:
    """Python's `$` matched before a final line feed: `users:read\\n` passed as a grant."""
    app, headers = await admin_app(make_app)
    response = await app.client.post(
        "/roles", json={"name": "reader", "permissions": ["users:read\n"]}, headers=headers
    )
    assert response.status_code == 422, response.text
    assert await Role.filter(name="reader").count() == 0


async def test_framework_errors_have_the_error_shape(make_app: AppFactory) -> None:
    """A body that does not parse (not UTF-8) is 400 bad_request, an unknown path 404
    not_found, a method the path lacks 405 method_not_allowed with Allow naming every method
    of that path (not those of /users/{user_id}, whose pattern matches /users/me too)."""
    app, headers = await admin_app(make_app)
    unparsable = await app.client.post(
        "/roles",
        content=b'{"name": "\xff"}',
        headers={**headers, "Content-Type": "application/json"},
    )
    assert (unparsable.status_code, unparsable.json()["code"]) == (400, "bad_request")
    missing = await app.client.get("/no/such/path")
    assert missing.json() == {"detail": "Not found", "code": "not_found"}
    assert missing.status_code == 404
    wrong = await app.client.put("/users/me", headers=headers)
    assert wrong.status_code == 405
    assert wrong.json()["code"] == "method_not_allowed"
    assert wrong.headers["allow"] == "DELETE, GET, HEAD, PATCH"


async def test_request_validation_error_shape(running: RunningApp) -> None:
    """422 from request validation: detail is a string naming the first problem, errors lists
    each one without the value sent."""
    response = await running.client.post("/auth/register", json={"password": "hunter2hunter2"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["detail"] == "Invalid input: body.email: Field required"
    assert body["errors"] == [
        {"type": "missing", "loc": ["body", "email"], "msg": "Field required"}
    ]
    assert "hunter2" not in response.text
