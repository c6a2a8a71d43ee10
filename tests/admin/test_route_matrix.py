"""Every route of the dashboard, against every kind of caller, from the router's own table: a
page added without a rule fails here.

- anonymous, an access token in a header, an API key: sent to the sign-in form (the dashboard
  honours only its own cookies);
- a signed-in user without the route's permission: 403 page, audited `permission.denied`;
- a signed-in holder of exactly that permission: past authorization (no 401, 403, redirect to
  the form, nor server error);
- a POST without the session's CSRF field: 403, whoever sends it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from fabric_auth.admin import create_admin_router
from fabric_auth.admin.access import Allowed
from fabric_auth.principal import SubjectRef
from fabric_auth.services.authorization import RULES, Action
from fabric_auth.store.models import AuditEvent
from tests.admin.conftest import admin, grant, start_dashboard
from tests.conftest import AppFactory
from tests.oauth.conftest import another_browser

OPEN = {
    "admin:login",
    "admin:sign_in",
    "admin:oauth_sign_in",
    "admin:oauth_done",
    "admin:stylesheet",
}
"""Reachable without signing in."""
ANY_SIGNED_IN = {"admin:home", "admin:logout"}
"""Any signed-in visitor: no permission of their own."""


def admin_routes() -> list[APIRoute]:
    return [route for route in create_admin_router().routes if isinstance(route, APIRoute)]


def action_of(dependant: Dependant) -> Action | None:
    for dependency in dependant.dependencies:
        if isinstance(dependency.call, Allowed):
            return dependency.call.action
        found = action_of(dependency)
        if found is not None:
            return found
    return None


def guarded() -> Iterator[tuple[APIRoute, Action]]:
    for route in admin_routes():
        action = action_of(route.dependant)
        if action is not None:
            yield route, action


def fill(path: str) -> str:
    return re.sub(
        r"\{(\w+)(?::\w+)?\}",
        lambda m: str(uuid.uuid4()) if m.group(1).endswith("id") else "x",
        path,
    )


def test_every_route_is_open_or_names_an_action() -> None:
    """No dashboard route is reachable without a rule, except the sign-in form, the stylesheet
    and the home and sign-out routes (any signed-in visitor)."""
    for route in admin_routes():
        action = action_of(route.dependant)
        assert (action is None) == (route.name in OPEN | ANY_SIGNED_IN), route.name


async def test_every_route_holds_every_caller_to_its_rule(make_app: AppFactory) -> None:
    """Per route: other credentials go to the form, a user without the permission gets 403
    (audited), the holder of the permission passes, a POST without CSRF is 403."""
    app = await start_dashboard(make_app, rate_limits_enabled=False)  # a sign-in per route
    failures: list[str] = []
    root = await app.auth.services.users.find_by_login("root@example.com")
    assert root is not None
    key = await app.auth.services.api_keys.create(
        None, SubjectRef.user(root.id), name="k", scopes=["*"]
    )
    bearer = {"Authorization": f"Bearer {(await app.tokens('root@example.com'))['access_token']}"}
    plain = admin(app)
    await plain.sign_in("plain@example.com")
    for route, action in guarded():
        method = next(iter(route.methods))
        path = fill(route.path)
        for who, headers in (("bearer", bearer), ("api key", {"X-API-Key": key.raw})):
            async with another_browser(app) as client:
                answer = await client.request(method, path, headers=headers)
            if answer.status_code != 303 or "/admin/login" not in answer.headers["location"]:
                failures.append(f"{route.name} {who}: {answer.status_code}")
        await _csrf_of(plain)
        before = await AuditEvent.filter(action="permission.denied").count()
        answer = await (plain.post(path) if method == "POST" else plain.client.get(path))
        if answer.status_code != 403:
            failures.append(f"{route.name} plain: {answer.status_code}")
        elif await AuditEvent.filter(action="permission.denied").count() != before + 1:
            failures.append(f"{route.name} plain: refusal not audited")
        holder_email = f"holder-{route.name.replace(':', '-')}@example.com"
        await app.create_user(holder_email)
        await grant(app, holder_email, RULES[action].permission)
        holder = admin(app, another_browser(app))
        async with holder.client:
            await holder.sign_in(holder_email)
            await _csrf_of(holder)
            if method == "POST":
                forged = await holder.client.post(path, data={"csrf_token": "0" * 64})
                if forged.status_code != 403:
                    failures.append(f"{route.name} no csrf: {forged.status_code}")
            answer = await (holder.post(path) if method == "POST" else holder.client.get(path))
            location = answer.headers.get("location", "")
            if (
                answer.status_code in (401, 403)
                or answer.status_code >= 500
                or "/login" in location
            ):
                failures.append(f"{route.name} holder: {answer.status_code} {_alert(answer.text)}")
    assert not failures, "\n".join(failures)


async def _csrf_of(browser) -> None:  # type: ignore[no-untyped-def]
    """Load a page carrying the sign-out form, whose CSRF field is the session's."""
    answer = await browser.client.get("/admin")
    if answer.status_code == 303:
        await browser.get(answer.headers["location"])
    else:
        found = re.search(r'name="csrf_token" value="([^"]+)"', answer.text)
        if found:
            browser.csrf = found.group(1)


def _alert(text: str) -> str:
    found = re.search(r'role="alert">([^<]*)<', text)
    return found.group(1) if found else text[:120]
