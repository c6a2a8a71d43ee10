"""Lockout: exact counting under concurrency, growing temporary locks, per-address locks."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import httpx

from fabric_auth.services.audit import AuditAction
from fabric_auth.store.models import AuditEvent, LoginThrottle
from tests.conftest import PASSWORD, AppFactory, RunningApp

NO_RATE_LIMITS: dict[str, Any] = {"rate_limits_enabled": False}


async def wrong(app: RunningApp, login: str = "ada@example.com") -> httpx.Response:
    response: httpx.Response = await app.sign_in(login, "not the password at all")
    return response


async def test_fifty_parallel_wrong_passwords_lock_after_exactly_the_threshold(
    make_app: AppFactory,
) -> None:
    """Of 50 simultaneous guesses exactly `lockout_failures` are checked (401); the rest get
    429 with Retry-After, and then even the right password waits."""
    app = await make_app(lockout_failures=5, **NO_RATE_LIMITS)
    await app.create_user()
    responses = await asyncio.gather(*(wrong(app) for _ in range(50)))
    statuses = Counter(response.status_code for response in responses)
    assert statuses == {401: 5, 429: 45}
    locked = next(response for response in responses if response.status_code == 429)
    assert locked.json()["code"] == "account_locked"
    assert 1 <= int(locked.headers["Retry-After"]) <= 60
    right = await app.sign_in()
    assert right.status_code == 429
    assert right.headers["Retry-After"] == "60"
    assert await AuditEvent.filter(action=AuditAction.LOCKOUT.value).count() == 1


async def test_parallel_guesses_on_two_instances_share_one_count(make_app: AppFactory) -> None:
    """Two instances on one store still check exactly `lockout_failures` guesses."""
    a = await make_app(lockout_failures=4, **NO_RATE_LIMITS)
    b = await make_app(lockout_failures=4, **NO_RATE_LIMITS)
    await a.create_user()
    responses = await asyncio.gather(*(wrong(app) for app in (a, b) * 15))
    assert Counter(response.status_code for response in responses) == {401: 4, 429: 26}


async def test_lock_is_temporary_and_grows_up_to_the_maximum(make_app: AppFactory) -> None:
    """Each lock in a streak waits one increment longer, capped at lockout_max_wait."""
    app = await make_app(
        lockout_failures=2, lockout_wait_increment=60, lockout_max_wait=150, **NO_RATE_LIMITS
    )
    await app.create_user()
    waits = []
    for _ in range(4):
        assert [(await wrong(app)).status_code for _ in range(2)] == [401, 401]
        locked = await wrong(app)
        assert locked.status_code == 429
        waits.append(int(locked.headers["Retry-After"]))
        app.clock.advance(waits[-1])
    assert waits == [60, 120, 150, 150]
    assert (await app.sign_in()).status_code == 200


async def test_success_ends_the_streak(make_app: AppFactory) -> None:
    """A right password before the threshold forgets earlier failures."""
    app = await make_app(lockout_failures=3, **NO_RATE_LIMITS)
    await app.create_user()
    for _ in range(2):
        assert (await wrong(app)).status_code == 401
    assert (await app.sign_in()).status_code == 200
    for _ in range(2):
        assert (await wrong(app)).status_code == 401
    assert (await app.sign_in()).status_code == 200


async def test_failures_are_forgotten_after_the_reset_time(make_app: AppFactory) -> None:
    """Failures older than lockout_failure_reset no longer count."""
    app = await make_app(lockout_failures=3, lockout_failure_reset=600, **NO_RATE_LIMITS)
    await app.create_user()
    for _ in range(2):
        await wrong(app)
    app.clock.advance(601)
    for _ in range(2):
        assert (await wrong(app)).status_code == 401
    assert (await app.sign_in()).status_code == 200


async def test_unknown_logins_lock_like_real_accounts(make_app: AppFactory) -> None:
    """An unknown email is counted and locked exactly like a real one: no enumeration."""
    app = await make_app(lockout_failures=3, **NO_RATE_LIMITS)
    await app.create_user()
    real = [await wrong(app, "ada@example.com") for _ in range(4)]
    ghost = [await wrong(app, "ghost@example.com") for _ in range(4)]
    assert [r.status_code for r in real] == [r.status_code for r in ghost] == [401] * 3 + [429]
    assert [r.json() for r in real] == [r.json() for r in ghost]
    assert real[-1].headers["Retry-After"] == ghost[-1].headers["Retry-After"]


async def test_one_address_cannot_lock_many_accounts(make_app: AppFactory) -> None:
    """After lockout_ip_failures failures from one address, that address is locked; other
    addresses still reach the accounts."""
    app = await make_app(lockout_failures=50, lockout_ip_failures=6, **NO_RATE_LIMITS)
    await app.create_user()
    for n in range(6):
        assert (await wrong(app, f"victim{n}@example.com")).status_code == 401
    blocked = await app.sign_in()
    assert blocked.status_code == 429
    transport = httpx.ASGITransport(app=app.app, client=("203.0.113.9", 4000))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as other:
        response = await other.post(
            "/auth/token",
            data={"grant_type": "password", "username": "ada@example.com", "password": PASSWORD},
        )
    assert response.status_code == 200


async def test_permanent_lock_only_when_configured(make_app: AppFactory) -> None:
    """With lockout_permanent the lock outlasts any wait and only an administrator lifts it."""
    app = await make_app(lockout_failures=2, lockout_permanent=True, **NO_RATE_LIMITS)
    user = await app.create_user()
    for _ in range(2):
        await wrong(app)
    app.clock.advance(365 * 86_400)
    locked = await app.sign_in()
    assert locked.status_code == 429
    assert "administrator" in locked.json()["detail"]
    assert await app.auth.services.lockout.unlock_user(user) is True
    assert (await app.sign_in()).status_code == 200


async def test_admin_unlock_route(make_app: AppFactory) -> None:
    """A system administrator unlocks an account over HTTP; others get 403."""
    app = await make_app(lockout_failures=2, **NO_RATE_LIMITS)
    user = await app.create_user()
    await app.create_user("root@example.com", is_system_admin=True)
    await app.create_user("eve@example.com")
    for _ in range(3):
        await wrong(app)
    eve = (await app.tokens("eve@example.com"))["access_token"]
    root = (await app.tokens("root@example.com"))["access_token"]
    refused = await app.client.post(
        f"/admin/users/{user.id}/unlock", headers={"Authorization": f"Bearer {eve}"}
    )
    assert refused.status_code == 403
    unlocked = await app.client.post(
        f"/admin/users/{user.id}/unlock", headers={"Authorization": f"Bearer {root}"}
    )
    assert unlocked.status_code == 200
    assert unlocked.json() == {"was_locked": True}
    assert (await app.sign_in()).status_code == 200
    assert await AuditEvent.filter(action=AuditAction.UNLOCK.value).count() == 1


async def test_lockout_can_be_turned_off(make_app: AppFactory) -> None:
    """lockout_enabled=false counts nothing and never locks."""
    app = await make_app(lockout_enabled=False, lockout_failures=1, **NO_RATE_LIMITS)
    await app.create_user()
    assert [(await wrong(app)).status_code for _ in range(3)] == [401] * 3
    assert await LoginThrottle.all().count() == 0
