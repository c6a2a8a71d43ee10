"""Every route fabric-auth's routers mount, against every kind of credential.

The routes come from the app's route table, so a new route is covered (or fails this test) on
its own. Each route's rule is read from the route itself (the action its `authorized(...)`
dependency names) and held to the table in docs/authorization.md; the expected answer of every
credential follows from that rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from fabric_auth.dependencies import ActionCheck
from fabric_auth.events import UserUpdated
from fabric_auth.permissions import BUILTIN_PERMISSIONS, PermissionSet, register_permissions
from fabric_auth.principal import SubjectRef
from fabric_auth.services.authorization import RULES, Action
from fabric_auth.store.models import (
    OutboxEvent,
    Role,
    Session,
    UserRole,
    WebhookDelivery,
    WebhookEndpoint,
)
from tests.authz.store_state import store_state
from tests.conftest import PASSWORD, AppFactory, RunningApp, build_app

register_permissions("reports:read")

DOCS = Path(__file__).parents[2] / "docs" / "authorization.md"
_ROW = re.compile(r"^\| `([a-z_]+:[a-z_]+)` \| `([A-Z]+)` \| `([^`]+)` \| (.+?) \| (.+?) \|")
PUBLIC = "public"
NEW_PASSWORD = "another long passphrase"


@dataclass(frozen=True)
class Documented:
    method: str
    path: str
    action: str
    permission: str


def documented_rules() -> dict[str, Documented]:
    """The rules table of docs/authorization.md, by route name."""
    rows = {}
    for line in DOCS.read_text().splitlines():
        match = _ROW.match(line)
        if match:
            name, method, path, action, permission = match.groups()
            rows[name] = Documented(method, path, action.strip("`"), permission.strip("`"))
    return rows


def action_of(dependant: Dependant) -> Action | None:
    """The action the route's `authorized(...)` dependency names, if any."""
    for dependency in dependant.dependencies:
        if isinstance(dependency.call, ActionCheck):
            return dependency.call.action
        found = action_of(dependency)
        if found is not None:
            return found
    return None


def library_routes() -> list[APIRoute]:
    from fabric_auth import FabricAuth
    from fabric_auth.testing import test_settings

    app = build_app(FabricAuth(test_settings()))
    return list(_flattened(app.routes))


def _flattened(routes: Iterable[Any]) -> Iterator[APIRoute]:
    """Every API route, through included routers (which FastAPI may include lazily)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _flattened(included.routes)


def test_the_rules_table_is_the_routes() -> None:
    """Every mounted route has a row in docs/authorization.md naming its method, path, action
    and permission as the code has them; every row is a route."""
    rows = documented_rules()
    routes = {route.name: route for route in library_routes()}
    assert set(routes) == set(rows), (
        f"routes without a row: {sorted(set(routes) - set(rows))}; "
        f"rows without a route: {sorted(set(rows) - set(routes))}"
    )
    for name, route in routes.items():
        action = action_of(route.dependant)
        row = rows[name]
        assert (row.method, row.path) in {(method, route.path) for method in route.methods}, name
        assert row.action == (action.value if action else PUBLIC), name
        expected = RULES[action].permission if action else "none"
        assert row.permission == expected, name


# --- the matrix ---------------------------------------------------------------------------

HOLDER_GRANTS = [info.code for info in BUILTIN_PERMISSIONS]
"""Every built-in permission, one by one: all a route needs, but not `*`."""


class World:
    """The callers and targets: a holder of every built-in permission, a plain user, the
    system administrator, narrow keys, live targets and deactivated ones holding `admin`."""

    def __init__(self, app: RunningApp) -> None:
        self.app = app
        self.services = app.auth.services
        self.serial = 0

    async def setup(self) -> World:
        holder_role = await Role.create(name="holder", permissions=HOLDER_GRANTS)
        await Role.create(name="reporter", permissions=["reports:read"])
        self.holder = await self.app.create_user("holder@example.com")
        await UserRole.create(user=self.holder, role=holder_role)
        await UserRole.create(user=self.holder, role=await Role.get(name="reporter"))
        self.plain = await self.app.create_user("plain@example.com")
        self.root = await self.app.create_user("root@example.com", is_system_admin=True)
        self.holder_key = await self.key(SubjectRef.user(self.holder.id), ["reports:read"])
        self.root_key = await self.key(SubjectRef.user(self.root.id), ["reports:read"])
        self.boss = await self.app.create_user("boss@example.com")
        await UserRole.create(user=self.boss, role=await Role.get(name="admin"))
        await self.services.user_admin.deactivate(None, self.boss.id, "on leave")
        robot = await self.services.service_accounts.create(
            None, slug="robot", name="Robot", roles=["admin"]
        )
        self.robot_key = await self.key(SubjectRef.service_account(robot.id), ["reports:read"])
        await self.services.service_accounts.deactivate(None, robot.id)
        self.robot = robot
        await self.services.plans.create_feature("matrix_f", "F")
        await self.services.plans.create_plan("matrix", "Matrix")
        return self

    async def key(self, owner: SubjectRef, scopes: list[str]) -> Any:
        return await self.services.api_keys.create(None, owner, name="k", scopes=scopes)

    async def token(self, email: str) -> str:
        """A fresh sign-in's access token (routes may have changed the password)."""
        user = {"holder@example.com": self.holder, "plain@example.com": self.plain}[email]
        return (await self.services.sessions.start(user)).access.token

    async def targets(self, caller: str) -> dict[str, str]:
        """Fresh path values for one request: a live target user with a session and a key, a
        service account with a key, a role, and the caller's own session and key."""
        self.serial += 1
        n = self.serial
        target = await self.app.create_user(f"target{n}@example.com")
        await self.services.sessions.start(target)
        session = await Session.filter(user_id=target.id).first()
        assert session is not None
        target_key = await self.key(SubjectRef.user(target.id), ["account:read"])
        account = await self.services.service_accounts.create(None, slug=f"sa{n}", name="SA")
        account_key = await self.key(SubjectRef.service_account(account.id), ["reports:read"])
        await Role.create(name=f"role{n}", permissions=["account:read"])
        caller_user = {"holder": self.holder, "plain": self.plain}.get(caller, self.holder)
        own_session = await Session.filter(user_id=caller_user.id).order_by("-created_at").first()
        own_key = await self.key(SubjectRef.user(caller_user.id), ["account:read"])
        endpoint, event, delivery = await self.webhook_targets(target)
        return {
            "n": str(n),
            "user_id": str(target.id),
            "session_id": str(session.id),
            "key_id": str(target_key.key.id),
            "account_id": str(account.id),
            "account_key_id": str(account_key.key.id),
            "name": f"role{n}",
            "code": "matrix",
            "feature": "matrix_f",
            "kind": "user",
            "subject_id": str(target.id),
            "own_session_id": str(own_session.id if own_session else UUID(int=0)),
            "own_key_id": str(own_key.key.id),
            "provider": "matrix",
            "oauth_account_id": str(uuid4()),
            "endpoint_id": str(endpoint.id),
            "event_id": str(event.id),
            "delivery_id": str(delivery.id),
        }

    async def webhook_targets(
        self, subject: Any
    ) -> tuple[WebhookEndpoint, OutboxEvent, WebhookDelivery]:
        """An active webhook endpoint, a relayed event and its failed delivery there."""
        issued = await self.services.webhooks.create_endpoint(
            None, url="https://hooks.example.com/matrix"
        )
        event_id = await self.services.events.publish(
            UserUpdated(changed=["display_name"]), subject=SubjectRef.user(subject.id)
        )
        event = await OutboxEvent.get(id=event_id)
        now = self.app.clock.now()
        event.dispatched_at = now
        await event.save()
        delivery = await WebhookDelivery.create(
            endpoint_id=issued.endpoint.id,
            event_id=event.seq,
            status="failed",
            attempts=3,
            next_attempt_at=now,
            created_at=now,
            completed_at=now,
        )
        return issued.endpoint, event, delivery


def fill(route: APIRoute, values: dict[str, str], deactivated: World | None = None) -> str:
    """The route's path with its parameters filled in (the deactivated targets when asked)."""
    path = route.path
    if deactivated is not None:
        path = path.replace("{user_id}", str(deactivated.boss.id))
        path = path.replace("{account_id}", str(deactivated.robot.id))
        path = path.replace("{key_id}", str(deactivated.robot_key.key.id))
    if route.name == "auth:revoke_session":
        path = path.replace("{session_id}", values["own_session_id"])
    if route.path.startswith("/users/me/api-keys"):
        path = path.replace("{key_id}", values["own_key_id"])
    if route.path.startswith("/service-accounts/"):
        path = path.replace("{key_id}", values["account_key_id"])
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


def body(name: str, values: dict[str, str]) -> dict[str, Any] | None:
    """A valid body for the route, so that an allowed request reaches its service."""
    n = values["n"]
    bodies: dict[str, dict[str, Any]] = {
        "auth:change_password": {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        "auth:change_email": {"current_password": PASSWORD, "new_email": f"moved{n}@example.com"},
        "users:create": {"email": f"new{n}@example.com", "password": PASSWORD},
        "users:invite": {"email": f"invited{n}@example.com"},
        "users:update_me": {"display_name": "Me"},
        # A wrong password: past the decision point, without deleting the caller the later
        # routes need.
        "users:delete_me": {"current_password": "not the password"},
        "users:update": {"display_name": "Renamed"},
        "users:set_password": {"password": NEW_PASSWORD},
        "users:set_roles": {"roles": ["user"]},
        "users:deactivate": {"reason": "r"},
        "users:reactivate": {"reason": "r"},
        "api_keys:create_own": {"name": "k", "scopes": ["account:read"]},
        "api_keys:rotate_own": {},
        "api_keys:create": {"name": "k", "scopes": ["account:read"]},
        "service_accounts:create": {"slug": f"new{n}", "name": "New"},
        "service_accounts:update": {"name": "Renamed"},
        "service_accounts:set_roles": {"roles": []},
        "service_accounts:create_key": {"name": "k", "scopes": ["reports:read"]},
        "service_accounts:rotate_key": {},
        "roles:create": {"name": f"new{n}", "permissions": ["account:read"]},
        "roles:update": {"description": "d"},
        "roles:set_permissions": {"permissions": ["account:read"]},
        "plans:create": {"code": f"plan{n}", "name": "P"},
        "plans:update": {"name": "Pro+"},
        "plans:set_limit": {"limit": 5, "period": "month"},
        "plans:create_feature": {"code": f"feature{n}", "name": "F"},
        "plans:subscribe": {"plan": "matrix"},
        "plans:set_override": {"limit": 3},
        "plans:reset_usage": {},
        "webhooks:create": {"url": f"https://hooks.example.com/{n}"},
        "webhooks:update": {"description": "d"},
        "events:replay": {"endpoint_id": values["endpoint_id"]},
    }
    return bodies.get(name)


PLAIN_HOLDS = PermissionSet(frozenset({"account:*"}))


async def test_every_route_holds_every_credential_to_its_rule(make_app: AppFactory) -> None:
    """Per route: anonymous 401; a plain user 403 unless the route is its own account's; the
    holder of the route's permission passes; keys scoped to an unrelated permission (the
    holder's, the system administrator's) 403 scope_denied; a target holding more, though
    deactivated, 403 escalation_denied. A refused request changes nothing in the store."""
    app = await make_app(  # the caller gets a key per request
        max_api_keys_per_subject=10_000,
        # GitHub's kind starts a flow without calling the provider: nothing is reached.
        oauth={"matrix": {"kind": "github", "client_id": "c", "client_secret": "s"}},
        oauth_redirect_allowlist=("https://app.example.com",),
        public_base_url="https://api.example.com",
    )
    world = await World(app).setup()
    failures: list[str] = []

    async def expect(
        who: str,
        route: APIRoute,
        values: dict[str, str],
        headers: dict[str, str],
        want: int | None,
        code: str,
        *,
        deactivated: bool = False,
    ) -> None:
        method = next(iter(route.methods))
        path = fill(route, values, world if deactivated else None)
        before = await store_state() if want is not None else None
        response = await app.client.request(
            method, path, headers=headers, json=body(route.name, values)
        )
        got = response.status_code
        if want is None:  # allowed: past authorization, and no server error
            if got in (401, 403) or got >= 500:
                failures.append(f"{route.name} {who}: {got} {response.text[:120]}")
            return
        if got != want or response.json().get("code") != code:
            failures.append(f"{route.name} {who}: want {want} {code}, got {got} {response.text}")
        elif await store_state() != before:
            failures.append(f"{route.name} {who}: refused but the store changed")

    for route in library_routes():
        action = action_of(route.dependant)
        if action is None:
            continue
        rule = RULES[action]
        values = await world.targets("holder")
        await expect("anonymous", route, values, {}, 401, "not_authenticated")
        holder_key = {"X-API-Key": world.holder_key.raw}
        await expect("holder's unrelated key", route, values, holder_key, 403, "scope_denied")
        root_key = {"Authorization": f"Bearer {world.root_key.raw}"}
        await expect("root's narrow key", route, values, root_key, 403, "scope_denied")
        if rule.touches and re.search(r"\{(user_id|account_id)\}", route.path):
            token = {"Authorization": f"Bearer {await world.token('holder@example.com')}"}
            await expect(
                "deactivated admin target",
                route,
                values,
                token,
                403,
                "escalation_denied",
                deactivated=True,
            )
        plain = {"Authorization": f"Bearer {await world.token('plain@example.com')}"}
        plain_values = await world.targets("plain")
        allowed_plain = PLAIN_HOLDS.has(rule.permission)
        want, code = (None, "") if allowed_plain else (403, "permission_denied")
        await expect("plain user", route, plain_values, plain, want, code)
        token = {"Authorization": f"Bearer {await world.token('holder@example.com')}"}
        await expect("holder", route, await world.targets("holder"), token, None, "")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("action", list(Action))
def test_every_action_is_used_by_a_route_or_a_service(action: Action) -> None:
    """No rule in the table is dead: each action guards a route, or is asked by a service."""
    routes = {action_of(route.dependant) for route in library_routes()}
    services = Path(__file__).parents[2] / "fabric_auth" / "services"
    asked = any(f"Action.{action.name}" in path.read_text() for path in services.rglob("*.py"))
    assert action in routes or asked
