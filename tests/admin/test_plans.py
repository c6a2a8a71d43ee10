"""The plans section: the catalogue, a subject's subscription and usage, overrides, resets."""

from __future__ import annotations

from fabric_auth.services.plans import Subscriber
from fabric_auth.store.models import AuditEvent, LimitOverride, ServiceAccount, User
from tests.admin.conftest import Admin, admin, grant
from tests.conftest import RunningApp

SCRIPT = '"><script>alert(1)</script>'
IMAGE = "<img src=x onerror=alert(1)>"
LINK = "javascript:alert(1)"
SCRIPT_ESCAPED = "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
IMAGE_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


async def _signed_in(app: RunningApp, email: str = "root@example.com") -> Admin:
    browser = admin(app)
    assert (await browser.sign_in(email)).status_code == 303
    return browser


async def _user(app: RunningApp, email: str) -> User:
    user = await app.auth.services.users.find_by_login(email)
    assert user is not None
    return user


async def _last(action: str) -> AuditEvent:
    event = await AuditEvent.filter(action=action).order_by("-seq").first()
    assert event is not None, action
    return event


async def _catalogue(app: RunningApp) -> None:
    """A metered feature on the free plan, with hostile display names."""
    plans = app.auth.services.plans
    await plans.create_feature("ai_generations", f"{SCRIPT} {LINK}", IMAGE)
    await plans.set_plan_limit("free", "ai_generations", 10)
    await plans.update_plan("pro", name=f"{IMAGE} {SCRIPT}")


async def _subject_path(app: RunningApp, email: str = "plain@example.com") -> str:
    return f"/admin/plans/subjects/user/{(await _user(app, email)).id}"


async def test_the_catalogue_shows_plans_features_and_limits_escaped(
    dashboard: RunningApp,
) -> None:
    """Plans with their limits and features are listed; hostile names show as text."""
    await _catalogue(dashboard)
    browser = await _signed_in(dashboard)
    page = await browser.get("/admin/plans")
    assert page.status_code == 200
    assert "<div><code>ai_generations</code>: 10 / month</div>" in page.text
    assert '<span class="tag ok">default</span>' in page.text
    assert SCRIPT not in page.text and IMAGE not in page.text
    assert SCRIPT_ESCAPED in page.text and IMAGE_ESCAPED in page.text
    assert f'href="{LINK}' not in page.text


async def test_reading_needs_plans_read(dashboard: RunningApp) -> None:
    """Without `plans:read` the catalogue and a subject's page are 403 pages, audited."""
    browser = await _signed_in(dashboard, "plain@example.com")
    assert (await browser.get("/admin/plans")).status_code == 403
    subject = await browser.get(await _subject_path(dashboard))
    assert subject.status_code == 403
    assert "Missing permission: plans:read" in subject.text
    denied = await _last("permission.denied")
    assert denied.details["action"] == "plans.read"
    assert denied.actor_id == str((await _user(dashboard, "plain@example.com")).id)


async def test_a_subject_is_found_by_email_or_slug(dashboard: RunningApp) -> None:
    """The look-up redirects to the subject's page; an unknown one is a 404 page."""
    account = await ServiceAccount.create(slug="exporter", name="Exporter")
    browser = await _signed_in(dashboard)
    by_email = await browser.get("/admin/plans/lookup?email=Plain@Example.com")
    assert (by_email.status_code, by_email.headers["location"]) == (
        303,
        await _subject_path(dashboard),
    )
    by_slug = await browser.get("/admin/plans/lookup?slug=exporter")
    assert by_slug.headers["location"] == f"/admin/plans/subjects/service_account/{account.id}"
    missing = await browser.get("/admin/plans/lookup?email=nobody@example.com")
    assert missing.status_code == 404
    assert (await browser.get("/admin/plans/lookup")).status_code == 422


async def test_a_subject_page_shows_plan_usage_and_overrides(dashboard: RunningApp) -> None:
    """The subject's plan (the default, without a subscription), used and remaining units,
    and its overrides; its email is escaped."""
    await _catalogue(dashboard)
    hostile = await dashboard.create_user(
        "hostile@example.com", display_name=SCRIPT, username="hostile"
    )
    await dashboard.auth.services.plans.consume(Subscriber.user(hostile.id), "ai_generations", 3)
    browser = await _signed_in(dashboard)
    page = await browser.get(f"/admin/plans/subjects/user/{hostile.id}")
    assert page.status_code == 200
    assert "No subscription: the default plan <code>free</code> applies." in page.text
    assert "<td>3 <span" in page.text and "<td>10</td>" in page.text and "<td>7</td>" in page.text
    assert "No overrides yet" in page.text
    assert SCRIPT not in page.text and IMAGE not in page.text


async def test_a_service_account_page_escapes_its_slug(dashboard: RunningApp) -> None:
    """A service account's plan page shows its slug, and nothing of its hostile name runs."""
    account = await ServiceAccount.create(slug="exporter", name=f"{SCRIPT} {IMAGE}")
    browser = await _signed_in(dashboard)
    page = await browser.get(f"/admin/plans/subjects/service_account/{account.id}")
    assert page.status_code == 200
    assert '<span class="mono">exporter</span>' in page.text
    assert SCRIPT not in page.text and IMAGE not in page.text


async def test_setting_and_removing_an_override_is_audited(dashboard: RunningApp) -> None:
    """The override form saves the subject's own limit; removing it takes it away; both are
    audited with the admin as actor."""
    await _catalogue(dashboard)
    plain = await _user(dashboard, "plain@example.com")
    root = await _user(dashboard, "root@example.com")
    path = await _subject_path(dashboard)
    browser = await _signed_in(dashboard)
    await browser.get(path)
    done = await browser.post(
        f"{path}/overrides", feature="ai_generations", limit="50", period="day"
    )
    assert done.headers["location"] == f"{path}?done=override_set"
    row = await LimitOverride.get(subject_id=plain.id, feature_id="ai_generations")
    assert (row.limit, row.period) == (50, "day")
    event = await _last("quota.override_set")
    assert (event.actor_type, event.actor_id) == ("user", str(root.id))
    assert (event.target_type, event.target_id) == ("user", str(plain.id))
    assert event.details == {"feature": "ai_generations", "limit": 50, "period": "day"}
    page = await browser.get(done.headers["location"])
    assert "Override saved." in page.text and "<td>50</td>" in page.text
    removed = await browser.post(f"{path}/overrides/ai_generations/remove")
    assert removed.headers["location"] == f"{path}?done=override_removed"
    assert not await LimitOverride.exists(subject_id=plain.id)
    event = await _last("quota.override_removed")
    assert (event.actor_id, event.target_id) == (str(root.id), str(plain.id))
    assert event.details == {"feature": "ai_generations"}


async def test_an_empty_limit_is_unlimited(dashboard: RunningApp) -> None:
    """An override left empty is unlimited, with the plan's period."""
    await _catalogue(dashboard)
    path = await _subject_path(dashboard)
    browser = await _signed_in(dashboard)
    await browser.get(path)
    await browser.post(f"{path}/overrides", feature="ai_generations", limit="", period="")
    row = await LimitOverride.get(feature_id="ai_generations")
    assert (row.limit, row.period) == (None, None)
    bad = await browser.post(f"{path}/overrides", feature="ai_generations", limit="-1")
    assert bad.status_code == 422


async def test_overrides_refused_without_csrf_or_permission(dashboard: RunningApp) -> None:
    """No CSRF field, or a reader without `plans:manage`: 403, no override; the reader
    sees no forms."""
    await _catalogue(dashboard)
    path = await _subject_path(dashboard, "root@example.com")
    root = await _signed_in(dashboard)
    no_csrf = await root.client.post(
        f"{path}/overrides", data={"feature": "ai_generations", "limit": "1"}
    )
    assert no_csrf.status_code == 403
    await grant(dashboard, "plain@example.com", "plans:read")
    reader = await _signed_in(dashboard, "plain@example.com")
    page = await reader.get(path)
    assert page.status_code == 200
    assert "/overrides" not in page.text and "/reset" not in page.text
    refused = await reader.post(f"{path}/overrides", feature="ai_generations", limit="1")
    assert refused.status_code == 403
    assert "Missing permission: plans:manage" in refused.text
    assert (await _last("permission.denied")).details["action"] == "plans.manage"
    assert not await LimitOverride.exists()


async def test_resetting_usage_asks_first_and_is_audited(dashboard: RunningApp) -> None:
    """GET shows the confirmation; the POST sets the period's usage back to 0, audited with
    the admin as actor."""
    await _catalogue(dashboard)
    plain = await _user(dashboard, "plain@example.com")
    plans = dashboard.auth.services.plans
    await plans.consume(Subscriber.user(plain.id), "ai_generations", 4)
    path = await _subject_path(dashboard)
    browser = await _signed_in(dashboard)
    confirm = await browser.get(f"{path}/reset?feature=ai_generations")
    assert confirm.status_code == 200
    assert 'name="feature" value="ai_generations"' in confirm.text
    assert (await plans.get_usage(Subscriber.user(plain.id)))[0].used == 4
    done = await browser.post(f"{path}/reset", feature="ai_generations")
    assert done.headers["location"] == f"{path}?done=usage_reset"
    assert (await plans.get_usage(Subscriber.user(plain.id)))[0].used == 0
    event = await _last("quota.usage_reset")
    root = await _user(dashboard, "root@example.com")
    assert (event.actor_id, event.target_type, event.target_id) == (
        str(root.id),
        "user",
        str(plain.id),
    )
    assert event.details == {"feature": "ai_generations"}


async def test_resetting_refused_without_csrf_permission_or_feature(dashboard: RunningApp) -> None:
    """No CSRF field: 403; a reader: 403; an unknown feature: 404; the usage stays."""
    await _catalogue(dashboard)
    plain = await _user(dashboard, "plain@example.com")
    plans = dashboard.auth.services.plans
    await plans.consume(Subscriber.user(plain.id), "ai_generations", 2)
    path = await _subject_path(dashboard)
    root = await _signed_in(dashboard)
    assert (await root.client.post(f"{path}/reset", data={})).status_code == 403
    await root.get(path)
    unknown = await root.post(f"{path}/reset", feature="nothing")
    assert unknown.status_code == 404
    await grant(dashboard, "plain@example.com", "plans:read")
    reader = await _signed_in(dashboard, "plain@example.com")
    assert (await reader.get(f"{path}/reset")).status_code == 403
    await reader.get(path)
    assert (await reader.post(f"{path}/reset")).status_code == 403
    assert (await plans.get_usage(Subscriber.user(plain.id)))[0].used == 2


async def test_changing_plan_and_ending_the_subscription_are_audited(
    dashboard: RunningApp,
) -> None:
    """The plan form moves the subject to another plan; ending the subscription asks first;
    both are audited with the admin as actor."""
    await _catalogue(dashboard)
    plain = await _user(dashboard, "plain@example.com")
    root = await _user(dashboard, "root@example.com")
    path = await _subject_path(dashboard)
    browser = await _signed_in(dashboard)
    page = await browser.get(path)
    assert '<option value="pro">' in page.text and "/cancel" not in page.text
    done = await browser.post(f"{path}/plan", plan="pro", keep_period="1")
    assert done.headers["location"] == f"{path}?done=plan_changed"
    assert await dashboard.auth.services.plans.current_plan(Subscriber.user(plain.id)) == "pro"
    event = await _last("plan.changed")
    assert (event.actor_id, event.target_type, event.target_id) == (
        str(root.id),
        "user",
        str(plain.id),
    )
    assert event.details == {"plan": "pro", "previous": None, "ends_at": None}
    shown = await browser.get(path)
    assert "Subscribed to <code>pro</code>" in shown.text
    confirm = await browser.get(f"{path}/cancel")
    assert confirm.status_code == 200
    ended = await browser.post(f"{path}/cancel")
    assert ended.headers["location"] == f"{path}?done=subscription_canceled"
    assert await dashboard.auth.services.plans.current_plan(Subscriber.user(plain.id)) == "free"
    event = await _last("plan.canceled")
    assert (event.actor_id, event.target_id) == (str(root.id), str(plain.id))
    assert (await browser.get(f"{path}/cancel")).status_code == 404


async def test_changing_plan_refused_without_csrf_or_permission(dashboard: RunningApp) -> None:
    """No CSRF field, or a reader: 403 and the subject stays on its plan."""
    plain = await _user(dashboard, "plain@example.com")
    path = await _subject_path(dashboard)
    root = await _signed_in(dashboard)
    assert (await root.client.post(f"{path}/plan", data={"plan": "pro"})).status_code == 403
    await grant(dashboard, "plain@example.com", "plans:read")
    reader = await _signed_in(dashboard, "plain@example.com")
    page = await reader.get(path)
    assert '/plan"' not in page.text
    assert (await reader.post(f"{path}/plan", plan="pro")).status_code == 403
    assert await dashboard.auth.services.plans.current_plan(Subscriber.user(plain.id)) == "free"


async def test_looking_up_a_user_by_email_needs_users_list(dashboard: RunningApp) -> None:
    """plans:read alone does not tell whether an email has an account: the email lookup also
    needs users:list (403, audited); the slug lookup does not."""
    await dashboard.create_user("planner@example.com")
    await grant(dashboard, "planner@example.com", "plans:read")
    browser = admin(dashboard)
    await browser.sign_in("planner@example.com")
    answer = await browser.client.get("/admin/plans/lookup", params={"email": "plain@example.com"})
    assert answer.status_code == 403
    assert "users:list" in answer.text
    denied = await AuditEvent.filter(action="permission.denied").order_by("-seq").first()
    assert denied is not None and denied.details["permission"] == "users:list"
