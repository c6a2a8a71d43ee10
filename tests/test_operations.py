"""Operations: request ids, metrics by route template, health checks, draining, cleanup, logs."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import JSONResponse

from fabric_auth import FabricAuth
from fabric_auth.logs import JsonFormatter, RequestIdFilter, mask_email
from fabric_auth.store.models import AuditEvent, Revocation, Session, User
from fabric_auth.testing import serve, test_settings
from tests.conftest import AppFactory, RunningApp


async def test_request_id_is_created_or_kept(running: RunningApp) -> None:
    """A well-formed X-Request-ID is kept and echoed; a malformed one is replaced, and the
    replacement echoed; without one, a new id is made for each request."""
    kept = await running.client.get("/health/live", headers={"X-Request-ID": "abc-123"})
    assert kept.headers["x-request-id"] == "abc-123"
    bad = await running.client.get("/health/live", headers={"X-Request-ID": "x" * 500})
    assert re.fullmatch(r"[0-9a-f]{12}-[0-9a-f]+", bad.headers["x-request-id"])
    made = [(await running.client.get("/no/such/path")).headers["x-request-id"] for _ in range(2)]
    assert made[0] != made[1]
    assert all(re.fullmatch(r"[0-9a-f]{12}-[0-9a-f]+", made_id) for made_id in made)


async def test_request_id_echo_by_default_on_errors_only(running: RunningApp) -> None:
    """By default a made-up id goes back on error responses only; the audit log has it for
    successful ones too."""
    ok = await running.client.get("/health/live")
    assert ok.status_code == 200 and "x-request-id" not in ok.headers
    refused = await running.client.post(
        "/auth/token",
        data={"grant_type": "password", "username": "ada@example.com", "password": "wrong!!!!!!"},
    )
    assert refused.status_code == 401 and refused.headers["x-request-id"]
    signed_in = await running.sign_in()
    assert signed_in.status_code == 200 and "x-request-id" not in signed_in.headers
    failed, succeeded = await AuditEvent.filter(action="auth.sign_in").order_by("seq")
    assert failed.request_id == refused.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{12}-[0-9a-f]+", succeeded.request_id)
    assert succeeded.request_id != failed.request_id


@pytest.mark.parametrize(
    ("echo", "on_success", "on_error", "when_sent"),
    [("always", True, True, True), ("never", False, False, False)],
)
async def test_request_id_echo_setting(
    make_app: AppFactory, echo: str, on_success: bool, on_error: bool, when_sent: bool
) -> None:
    """`request_id_echo=always` puts the id on every response; `never` on none."""
    app = await make_app(request_id_echo=echo)
    assert ("x-request-id" in (await app.client.get("/health/live")).headers) is on_success
    assert ("x-request-id" in (await app.client.get("/no/such/path")).headers) is on_error
    sent = await app.client.get("/health/live", headers={"X-Request-ID": "abc-123"})
    assert (sent.headers.get("x-request-id") == "abc-123") is when_sent


async def test_request_id_set_by_the_app_is_kept(running: RunningApp) -> None:
    """A route that sets the request-id header itself gets its value out, not a second one."""

    @running.app.get("/own-id")
    async def own_id() -> JSONResponse:
        return JSONResponse({}, status_code=409, headers={"X-Request-ID": "from-the-app"})

    response = await running.client.get("/own-id", headers={"X-Request-ID": "abc-123"})
    assert response.headers.get_list("x-request-id") == ["from-the-app"]


async def test_metrics_label_routes_by_template(make_app: AppFactory) -> None:
    """Request metrics use the route template, sign-ins count by outcome, unmatched paths share
    one label."""
    app = await make_app(metrics_enabled=True)
    await app.create_user()
    tokens = await app.tokens()
    await app.sign_in(password="wrong password!!")
    for session_id in ("4b9c9a3e-0000-4000-8000-000000000001", "random-1", "random-2"):
        await app.client.delete(
            f"/auth/sessions/{session_id}",
            headers={"Authorization": f"Bearer {tokens['access_token']}"},
        )
    await app.client.get("/no/such/path/12345")
    text = (await app.client.get("/metrics")).text
    assert 'route="/auth/sessions/{session_id}"' in text
    assert "random-1" not in text and "12345" not in text
    assert 'route="<unmatched>"' in text
    assert 'fabric_auth_sign_ins_total{outcome="success"} 1.0' in text
    assert 'fabric_auth_sign_ins_total{outcome="failure"} 1.0' in text
    assert 'fabric_auth_token_operations_total{operation="issue"} 1.0' in text
    assert "fabric_auth_http_request_duration_seconds_bucket" in text


async def test_metrics_count_rate_limit_hits_and_lockouts(make_app: AppFactory) -> None:
    """Refusals by a rate limit count by route template; account lockouts are counted."""
    app = await make_app(metrics_enabled=True, rate_limit_token="2/minute")
    await app.create_user()
    for _ in range(3):
        await app.sign_in(password="wrong password!!")
    text = (await app.client.get("/metrics")).text
    assert 'fabric_auth_rate_limit_hits_total{route="POST /auth/token"} 1.0' in text
    app = await make_app(metrics_enabled=True, rate_limit_token=None)
    for _ in range(20):
        await app.sign_in(password="wrong password!!")
    text = (await app.client.get("/metrics")).text
    assert "fabric_auth_lockouts_total 1.0" in text


async def test_metrics_count_permission_denials_by_permission(make_app: AppFactory) -> None:
    """A refused permission is counted under the permission's code."""
    app = await make_app(metrics_enabled=True)
    await app.create_user()
    token = (await app.tokens())["access_token"]
    for _ in range(2):
        response = await app.client.get("/users", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 403
    text = (await app.client.get("/metrics")).text
    assert 'fabric_auth_permission_denials_total{permission="users:list"} 2.0' in text


async def test_metrics_off_by_default(make_app: AppFactory) -> None:
    """Without metrics_enabled the scrape route answers 404 with a hint."""
    app = await make_app()
    response = await app.client.get("/metrics")
    assert response.status_code == 404
    assert "METRICS_ENABLED" in response.json()["detail"]


async def test_registered_checks_critical_and_not(make_app: AppFactory) -> None:
    """A failing non-critical check reports degraded (200); a failing critical one 503."""
    app = await make_app()

    async def fine() -> None:
        return None

    async def broken() -> None:
        raise RuntimeError("down")

    async def slow() -> None:
        await asyncio.sleep(5)

    app.auth.register_check("search", fine)
    app.auth.register_check("mailer", broken, critical=False)
    response = await app.client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"store": "ok", "search": "ok", "mailer": "unavailable"},
    }
    app.auth.register_check("payments", slow, timeout=0.05)
    response = await app.client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["payments"] == "unavailable"


async def test_shutdown_drains_in_flight_requests(store: str) -> None:
    """A request in flight when shutdown starts completes (with the store open); only then does
    the runtime close, and readiness says draining meanwhile."""
    auth = FabricAuth(test_settings(database_url=store))
    app = FastAPI()
    auth.install(app)
    release = asyncio.Event()
    entered = asyncio.Event()

    @app.get("/slow")
    async def slow() -> dict[str, int]:
        entered.set()
        await release.wait()
        return {"events": await AuditEvent.all().count()}

    from fabric_auth.routers import create_health_router

    app.include_router(create_health_router())
    lifespan = app.router.lifespan_context(app)
    await lifespan.__aenter__()
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
    request = asyncio.create_task(client.get("/slow"))
    await entered.wait()
    shutdown = asyncio.create_task(lifespan.__aexit__(None, None, None))
    await asyncio.sleep(0.05)
    assert not shutdown.done()
    assert (await client.get("/health/ready")).json()["status"] == "draining"
    release.set()
    response = await request
    await shutdown
    await client.aclose()
    assert response.status_code == 200


async def test_cleanup_removes_what_expired(running: RunningApp) -> None:
    """Dead sessions (with their refresh tokens) and spent revocations go; live ones stay."""
    live = await running.tokens()
    ended = await running.tokens()
    await running.client.post(
        "/auth/logout", headers={"Authorization": f"Bearer {ended['access_token']}"}
    )
    services = running.auth.services
    assert await Revocation.all().count() == 1
    running.clock.advance(running.auth.settings.access_token_ttl + 2)
    removed = await services.cleanup.run_once()
    assert removed["sessions"] >= 1 and removed["revocations"] == 1
    assert await Session.all().count() == 1
    assert await Revocation.all().count() == 0
    refreshed = await running.client.post(
        "/auth/token", data={"grant_type": "refresh_token", "refresh_token": live["refresh_token"]}
    )
    assert refreshed.status_code == 200


async def test_cleanup_purges_stale_throttles_and_spent_links(make_app: AppFactory) -> None:
    """Lockout counters quiet for lockout_failure_reset go, a lock in force stays; used and
    expired link tokens go, a live one stays."""
    from fabric_auth.store.models import LinkToken, LoginThrottle

    app = await make_app(lockout_failures=3, lockout_failure_reset=3600, rate_limit_token=None)
    await app.create_user()
    await app.create_user("bob@example.com")
    await app.sign_in(password="wrong password!!")  # ada: one failure, no lock
    for _ in range(3):
        await app.sign_in("bob@example.com", "wrong password!!")  # bob: locked
    carol = await app.create_user("carol@example.com", password=None)
    await app.auth.services.account.resend_invitation(carol.id)  # one live activation link
    app.clock.advance(3601)
    bob = await User.get(email_normalized="bob@example.com")
    # Bob's lock is still in force (as a long or permanent one would be).
    await LoginThrottle.filter(key__contains=str(bob.id)).update(
        locked_until=app.clock.now() + timedelta(hours=1)
    )
    before = await LoginThrottle.all().count()
    removed = await app.auth.services.cleanup.run_once()
    assert removed["login_throttles"] >= 1
    assert await LoginThrottle.all().count() == before - removed["login_throttles"]
    assert await LoginThrottle.filter(locked_until__gt=app.clock.now()).count() == 1
    assert removed["link_tokens"] == 0
    app.clock.advance(app.auth.settings.invite_ttl + 1)
    assert (await app.auth.services.cleanup.run_once())["link_tokens"] == 1
    assert await LinkToken.all().count() == 0


async def test_cleanup_applies_audit_retention(make_app: AppFactory) -> None:
    """With audit_retention_days, old entries are purged and the chain still verifies."""
    app = await make_app(audit_retention_days=30)
    await app.create_user()
    app.clock.advance(timedelta(days=31))
    await app.tokens()
    removed = await app.auth.services.cleanup.run_once()
    assert removed["audit_entries"] == 1
    assert (await app.auth.services.audit.verify()).intact


def test_logs_are_json_with_request_id_and_masked_emails() -> None:
    """The JSON formatter masks emails in messages and extra fields and adds the request id."""
    from fabric_auth.context import request_id_var

    record = logging.makeLogRecord(
        {
            "name": "fabric_auth",
            "levelname": "INFO",
            "msg": "sign-in failed for %s",
            "args": ("ada.lovelace@example.com",),
            "login": "grace@example.org",
        }
    )
    token = request_id_var.set("req-1")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "sign-in failed for a***@example.com"
    assert line["login"] == "g***@example.org"
    assert line["request_id"] == "req-1"
    assert mask_email("no email here") == "no email here"


@pytest.mark.parametrize("interval", [0])
async def test_periodic_cleanup_can_be_turned_off(store: str, interval: float) -> None:
    """cleanup_interval=0 starts no background cleanup task."""
    auth = FabricAuth(test_settings(database_url=store, cleanup_interval=interval))
    app = FastAPI()
    auth.install(app)
    async with serve(app):
        assert auth.services.cleanup._task is None


async def test_metrics_show_how_current_the_change_feed_is(make_app: AppFactory) -> None:
    """The feed's age is small while the instance reads it and grows once it stops reading;
    Redis hints that were given up are counted (an unreachable Redis: a closed port)."""
    from tests.scaleout.harness import free_port

    app = await make_app(
        metrics_enabled=True, max_staleness=0.2, redis_url=f"redis://127.0.0.1:{free_port()}/0"
    )
    user = await app.create_user()

    async def metric(name: str) -> float:
        text = (await app.client.get("/metrics")).text
        return next(
            float(line.split()[1]) for line in text.splitlines() if line.startswith(f"{name} ")
        )

    age = "fabric_auth_change_feed_age_seconds"
    assert 0 <= await metric(age) < 5  # read every 50 ms; a loaded machine delays a read or two
    await app.auth.services.changes.stop()
    await asyncio.sleep(0.3)
    assert await metric(age) >= 0.3
    given_up = "fabric_auth_redis_publish_failures_total"
    before = await metric(given_up)  # the account's creation was one (its event)
    assert before == 1.0
    # A transaction with changes and events (sessions, revocations, user.tokens_revoked): one hint.
    await app.auth.services.sessions.refuse_user(user.id, "test")
    assert await metric(given_up) == before + 1
