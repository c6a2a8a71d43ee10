"""Deleting an account (`DELETE /users/me`, `DELETE /users/{user_id}`), restoring it within the
grace period, and erasing its personal data after it (issue 20)."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

import pytest

from fabric_auth.events import Event, UserDeleted, parse_event
from fabric_auth.exceptions import NotFound
from fabric_auth.principal import SubjectRef
from fabric_auth.services.user_admin import erased_email
from fabric_auth.store.models import (
    AuditEvent,
    LinkToken,
    OAuthAccount,
    OutboxEvent,
    Role,
    Session,
    User,
    UserRole,
)
from tests.authz.store_state import store_state
from tests.conftest import PASSWORD, AppFactory, RunningApp

GRACE = 3600.0


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def events(*types: str) -> list[Event[Any]]:
    """The outbox's events of these types, in delivery order."""
    rows = await OutboxEvent.filter(type__in=list(types)).order_by("seq")
    return [parse_event(row.payload) for row in rows]


async def refresh(app: RunningApp, token: str) -> Any:
    return await app.client.post(
        "/auth/token", data={"grant_type": "refresh_token", "refresh_token": token}
    )


async def test_deleting_ones_own_account_with_the_password(make_app: AppFactory) -> None:
    """With the current password: 204; sign-in then fails as a wrong password does, the access
    token, refresh token and API key are refused, one `user.deleted` event and an audit entry
    holding no email."""
    app = await make_app(user_erase_after=GRACE)
    ada = await app.create_user("ada@example.com")
    tokens = await app.tokens("ada@example.com")
    key = await app.auth.services.api_keys.create(
        None, SubjectRef.user(ada.id), name="k", scopes=["account:read"]
    )
    assert (await app.client.get("/users/me", headers={"X-API-Key": key.raw})).status_code == 200

    response = await app.client.request(
        "DELETE",
        "/users/me",
        json={"current_password": PASSWORD},
        headers=bearer(tokens["access_token"]),
    )

    assert response.status_code == 204, response.text
    wrong_password = await app.sign_in("nobody@example.com", "not the password")
    deleted = await app.sign_in("ada@example.com")
    assert (deleted.status_code, deleted.json()) == (401, wrong_password.json())
    assert wrong_password.json()["code"] == "invalid_credentials"
    me = await app.client.get("/auth/me", headers=bearer(tokens["access_token"]))
    assert me.status_code == 401
    assert (await refresh(app, tokens["refresh_token"])).status_code == 401
    by_key = await app.client.get("/users/me", headers={"X-API-Key": key.raw})
    assert (by_key.status_code, by_key.json()["code"]) == (401, "invalid_api_key")
    row = await User.get(id=ada.id)
    assert (row.is_active, row.deleted_at, row.erased_at) == (False, app.clock.now(), None)
    assert row.email == "ada@example.com"  # kept, and the address reserved, until erased
    (event,) = await events("user.deleted")
    assert isinstance(event.data, UserDeleted)
    assert event.data.erase_after == app.clock.now() + timedelta(seconds=GRACE)
    assert event.data.requested_by_user is True
    assert (event.subject.kind, event.subject.id) == ("user", str(ada.id))
    assert event.actor is not None and (event.actor.kind, event.actor.id) == ("user", str(ada.id))
    (entry,) = await AuditEvent.filter(action="user.deleted")
    assert (entry.actor_type, entry.actor_id) == ("user", str(ada.id))
    assert (entry.target_type, entry.target_id) == ("user", str(ada.id))
    assert entry.details == {"mode": "soft", "requested_by_user": True}
    for recorded in await AuditEvent.filter(target_id=str(ada.id)).values():
        assert "ada@example.com" not in json.dumps(recorded, default=str)


async def test_deletion_needs_proof(make_app: AppFactory) -> None:
    """After reauth_window, no password is 401 reauth_required and a wrong one 400
    invalid_current_password, changing nothing; the right password still deletes."""
    app = await make_app()
    ada = await app.create_user("ada@example.com")
    token = bearer((await app.tokens("ada@example.com"))["access_token"])
    app.clock.advance(301)  # the access token lives on (900 s); the sign-in is too old
    before = await store_state()

    unproven = await app.client.request("DELETE", "/users/me", headers=token)
    wrong = await app.client.request(
        "DELETE", "/users/me", json={"current_password": "not the password"}, headers=token
    )

    assert (unproven.status_code, unproven.json()["code"]) == (401, "reauth_required")
    assert (wrong.status_code, wrong.json()["code"]) == (400, "invalid_current_password")
    assert await store_state() == before
    assert await OutboxEvent.filter(type="user.deleted").count() == 0
    proven = await app.client.request(
        "DELETE", "/users/me", json={"current_password": PASSWORD}, headers=token
    )
    assert proven.status_code == 204, proven.text
    assert (await User.get(id=ada.id)).deleted_at == app.clock.now()


async def test_an_account_without_a_password_deletes_after_a_fresh_sign_in(
    make_app: AppFactory,
) -> None:
    """An OAuth-only account cannot prove a password (400); within reauth_window of its
    sign-in it deletes without one."""
    app = await make_app()
    ada = await app.create_user("ada@example.com", password=None)
    started = await app.auth.services.sessions.start(ada)
    token = bearer(started.access.token)

    guessed = await app.client.request(
        "DELETE", "/users/me", json={"current_password": PASSWORD}, headers=token
    )
    assert (guessed.status_code, guessed.json()["code"]) == (400, "invalid_current_password")
    assert (await User.get(id=ada.id)).deleted_at is None
    response = await app.client.request("DELETE", "/users/me", headers=token)

    assert response.status_code == 204, response.text
    assert (await User.get(id=ada.id)).deleted_at == app.clock.now()


async def test_keys_cannot_delete_their_owner(make_app: AppFactory) -> None:
    """A user's key scoped to `account:*`, even with the password, and a service account's key
    are refused 403 credential_not_allowed; nothing changes."""
    app = await make_app()
    ada = await app.create_user("ada@example.com")
    services = app.auth.services
    own = await services.api_keys.create(
        None, SubjectRef.user(ada.id), name="k", scopes=["account:*"]
    )
    robot = await services.service_accounts.create(None, slug="robot", name="R", roles=["admin"])
    robot_key = await services.api_keys.create(
        None, SubjectRef.service_account(robot.id), name="k", scopes=["account:write"]
    )
    before = await store_state()

    for key in (own.raw, robot_key.raw):
        response = await app.client.request(
            "DELETE", "/users/me", json={"current_password": PASSWORD}, headers={"X-API-Key": key}
        )
        assert (response.status_code, response.json()["code"]) == (403, "credential_not_allowed")

    assert await store_state() == before
    denials = await AuditEvent.filter(action="permission.denied").values_list("details", flat=True)
    assert [details["action"] for details in denials] == ["account.delete", "account.delete"]


async def test_the_last_system_administrator_cannot_delete_themselves(
    make_app: AppFactory,
) -> None:
    """403 last_system_admin, and the account stays."""
    app = await make_app()
    root = await app.create_user("root@example.com", is_system_admin=True)
    token = bearer((await app.tokens("root@example.com"))["access_token"])
    before = await store_state()

    response = await app.client.request(
        "DELETE", "/users/me", json={"current_password": PASSWORD}, headers=token
    )

    assert (response.status_code, response.json()["code"]) == (403, "last_system_admin")
    assert await store_state() == before
    assert (await User.get(id=root.id)).is_active


async def _admin(app: RunningApp) -> tuple[User, dict[str, str]]:
    admin = await app.create_user("admin@example.com")
    await UserRole.create(user=admin, role=await Role.get(name="admin"))
    return admin, bearer((await app.tokens("admin@example.com"))["access_token"])


async def test_an_administrator_deletes_and_restores(make_app: AppFactory) -> None:
    """DELETE /users/{id} publishes `user.deleted` with requested_by_user false and the
    administrator as actor; POST /users/{id}/restore within the grace period brings the
    account back (`user.restored`), after which it signs in again."""
    app = await make_app(user_erase_after=GRACE)
    admin, as_admin = await _admin(app)
    ada = await app.create_user("ada@example.com")

    deleted = await app.client.delete(f"/users/{ada.id}", headers=as_admin)

    assert deleted.status_code == 204, deleted.text
    (event,) = await events("user.deleted")
    assert event.data == UserDeleted(
        erase_after=app.clock.now() + timedelta(seconds=GRACE), requested_by_user=False
    )
    assert event.actor is not None and event.actor.id == str(admin.id)
    (entry,) = await AuditEvent.filter(action="user.deleted")
    assert (entry.actor_id, entry.target_id) == (str(admin.id), str(ada.id))
    assert entry.details == {"mode": "soft", "requested_by_user": False}
    assert (await app.sign_in("ada@example.com")).status_code == 401

    app.clock.advance(GRACE - 1)
    as_admin = bearer((await app.tokens("admin@example.com"))["access_token"])
    restored = await app.client.post(f"/users/{ada.id}/restore", headers=as_admin)

    assert restored.status_code == 200, restored.text
    assert (restored.json()["email"], restored.json()["is_active"]) == ("ada@example.com", True)
    (back,) = await events("user.restored")
    assert back.actor is not None and (back.subject.id, back.actor.id) == (
        str(ada.id),
        str(admin.id),
    )
    assert await AuditEvent.filter(action="user.restored", target_id=str(ada.id)).count() == 1
    assert (await app.sign_in("ada@example.com")).status_code == 200
    again = await app.client.post(f"/users/{ada.id}/restore", headers=as_admin)
    assert (again.status_code, again.json()["code"]) == (404, "not_found")
    app.clock.advance(2)
    assert await app.auth.services.user_admin.erase_deleted() == 0  # restored: not erased


async def test_a_deactivated_account_is_restored_deactivated(make_app: AppFactory) -> None:
    """Restoring gives back the state before the deletion: a deactivated account stays so."""
    app = await make_app()
    _, as_admin = await _admin(app)
    ada = await app.create_user("ada@example.com")
    await app.auth.services.user_admin.deactivate(None, ada.id, "on leave")
    await app.auth.services.user_admin.delete(None, ada.id)

    restored = await app.client.post(f"/users/{ada.id}/restore", headers=as_admin)

    assert restored.status_code == 200, restored.text
    assert restored.json()["is_active"] is False
    assert (await User.get(id=ada.id)).deactivation_reason == "on leave"


async def test_a_hard_delete_erases_at_once(make_app: AppFactory) -> None:
    """With user_delete_mode=hard the row goes now: `user.deleted` (erase_after now) and
    `user.erased` are published together; nothing is left to restore."""
    app = await make_app(user_delete_mode="hard")
    _, as_admin = await _admin(app)
    ada = await app.create_user("ada@example.com")
    token = bearer((await app.tokens("ada@example.com"))["access_token"])

    response = await app.client.request(
        "DELETE", "/users/me", json={"current_password": PASSWORD}, headers=token
    )

    assert response.status_code == 204, response.text
    assert await User.get_or_none(id=ada.id) is None
    published = await events("user.deleted", "user.erased")
    assert [event.type for event in published] == ["user.deleted", "user.erased"]
    assert published[0].data == UserDeleted(erase_after=app.clock.now(), requested_by_user=True)
    (entry,) = await AuditEvent.filter(action="user.deleted")
    assert entry.details == {"mode": "hard", "requested_by_user": True}
    gone = await app.client.post(f"/users/{ada.id}/restore", headers=as_admin)
    assert gone.status_code == 404


async def _register(app: RunningApp, email: str) -> Any:
    response = await app.client.post("/auth/register", json={"email": email, "password": PASSWORD})
    assert response.status_code == 202, response.text
    return response.json()


async def test_erasure_after_the_grace_period(make_app: AppFactory) -> None:
    """Nothing is erased before `user_erase_after`; after it, two instances erasing at once
    erase the account once: personal fields replaced, provider links, pending links and
    sessions gone, one `user.erased`. The address is reserved until then (a registration with
    it answers as for any taken one, mailing nobody), free after."""
    first = await make_app(user_erase_after=GRACE, registration_open=True)
    second = await make_app(clock=first.clock, user_erase_after=GRACE)
    clock = first.clock
    ada = await first.create_user("Ada@Example.com", username="ada", display_name="Ada L")
    await User.filter(id=ada.id).update(profile={"tz": "UTC"})
    await OAuthAccount.create(
        provider="github", subject="42", user=ada, email="ada@users.example", created_at=clock.now()
    )
    await first.auth.services.account.send_verification(ada)
    await first.tokens("ada@example.com")
    await first.auth.services.user_admin.delete(None, ada.id)
    deleted_at = clock.now()
    first.outbox.clear()
    taken = await _register(first, "ada@example.com")
    await first.auth.services.background.drain(within=5)
    assert first.outbox.messages == []  # a deleted account is mailed nothing

    clock.advance(GRACE - 1)
    assert (await first.auth.services.cleanup.run_once())["erase_deleted_users"] == 0
    kept = await User.get(id=ada.id)
    assert (kept.email, kept.username, kept.profile) == (ada.email, "ada", {"tz": "UTC"})
    assert kept.erased_at is None
    assert await User.filter(email_normalized="ada@example.com").count() == 1

    clock.advance(2)
    counts = await asyncio.gather(
        first.auth.services.user_admin.erase_deleted(),
        second.auth.services.user_admin.erase_deleted(),
    )

    assert sorted(counts) == [0, 1]
    row = await User.get(id=ada.id)
    placeholder = f"deleted-{ada.id.hex}@invalid"
    assert erased_email(ada.id) == placeholder
    assert (row.email, row.email_normalized) == (placeholder, placeholder)
    assert (row.username, row.username_normalized, row.display_name, row.profile) == (
        None,
        None,
        "",
        {},
    )
    assert (row.password_hash, row.is_active) == (None, False)
    assert (row.deleted_at, row.erased_at) == (deleted_at, clock.now())
    assert await OAuthAccount.filter(user_id=ada.id).count() == 0
    assert await LinkToken.filter(user_id=ada.id).count() == 0
    assert await Session.filter(user_id=ada.id).count() == 0
    (erased,) = await events("user.erased")
    assert (erased.subject.id, erased.actor) == (str(ada.id), None)
    (entry,) = await AuditEvent.filter(action="user.erased")
    assert (entry.actor_type, entry.target_id, entry.details) == ("system", str(ada.id), {})
    assert (await second.auth.services.cleanup.run_once())["erase_deleted_users"] == 0
    assert await OutboxEvent.filter(type="user.erased").count() == 1

    assert await _register(first, "ada@example.com") == taken
    fresh = await User.get(email_normalized="ada@example.com")
    assert fresh.id != ada.id and fresh.deleted_at is None
    with pytest.raises(NotFound):
        await first.auth.services.user_admin.restore(None, ada.id)
    assert await first.auth.services.user_admin.erase_deleted() == 0


async def test_two_deletions_at_once_delete_once(make_app: AppFactory) -> None:
    """Two deletions of one account at the same time: one succeeds, the other finds no user;
    one `user.deleted` event and one audit entry."""
    app = await make_app()
    ada = await app.create_user("ada@example.com")
    user_admin = app.auth.services.user_admin

    results = await asyncio.gather(
        user_admin.delete(None, ada.id), user_admin.delete(None, ada.id), return_exceptions=True
    )

    assert sorted(type(result).__name__ for result in results) == ["NoneType", "NotFound"]
    assert await OutboxEvent.filter(type="user.deleted").count() == 1
    assert await AuditEvent.filter(action="user.deleted").count() == 1
