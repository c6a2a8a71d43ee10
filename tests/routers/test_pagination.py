"""Every list route answers pages: bounded `limit`, opaque `cursor`, one shape (issue 16)."""

from __future__ import annotations

import base64
import json
from typing import Any
from uuid import UUID, uuid4

import pytest
from fastapi.routing import APIRoute

from fabric_auth.events import UserUpdated
from fabric_auth.principal import SubjectRef
from fabric_auth.routers.schemas import Page
from fabric_auth.services.sessions import TokenPair
from fabric_auth.store.models import (
    ApiKey,
    OAuthAccount,
    OutboxEvent,
    Session,
    User,
    WebhookDelivery,
)
from tests.authz.test_route_matrix import _flattened as flattened
from tests.conftest import PASSWORD, AppFactory, RunningApp

Headers = dict[str, str]


def bearer(token: str) -> Headers:
    return {"Authorization": f"Bearer {token}"}


def signed_in(pair: TokenPair) -> Headers:
    return bearer(pair.access.token)


async def walk(
    app: RunningApp, path: str, headers: Headers, limit: int | None = None, **params: Any
) -> list[list[dict[str, Any]]]:
    """Every page of a list route, following `next_cursor` to the end."""
    pages: list[list[dict[str, Any]]] = []
    cursor: str | None = None
    while True:
        query = dict(params)
        if limit is not None:
            query["limit"] = limit
        if cursor is not None:
            query["cursor"] = cursor
        response = await app.client.get(path, params=query, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"items", "next_cursor"}
        pages.append(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) < 1000, "the cursor does not move"


def ids(pages: list[list[dict[str, Any]]], key: str = "id") -> list[Any]:
    return [item[key] for page in pages for item in page]


async def admin_app(make_app: AppFactory, **settings: Any) -> tuple[RunningApp, Headers]:
    app = await make_app(admin_email="root@example.com", admin_password=PASSWORD, **settings)
    return app, bearer((await app.tokens("root@example.com"))["access_token"])


# --- the reproductions ------------------------------------------------------------------


async def test_301_sessions_walk_in_pages_of_50_each_once(make_app: AppFactory) -> None:
    """After 301 sign-ins (cap raised), GET /auth/sessions answers pages of at most 50 whose
    cursors walk every live session exactly once, newest first, ties on the second broken by
    id; GET /users/{id}/sessions the same."""
    app, admin = await admin_app(make_app, max_sessions_per_user=1000)
    user = await app.create_user()
    pairs = []
    for number in range(301):
        if number % 7 == 0:
            app.clock.advance(1)  # the rest start in the same microsecond as another
        pairs.append(await app.auth.services.sessions.start(user))
    pages = await walk(app, "/auth/sessions", signed_in(pairs[-1]))
    assert [len(page) for page in pages] == [50] * 6 + [1]
    walked = ids(pages)
    assert sorted(walked) == sorted(str(pair.session_id) for pair in pairs)
    rows = {str(row.id): row for row in await Session.filter(user_id=user.id)}
    order = [(rows[sid].created_at, UUID(sid)) for sid in walked]
    assert order == sorted(order, reverse=True)
    current = [item["id"] for page in pages for item in page if item["current"]]
    assert current == [str(pairs[-1].session_id)]
    by_admin = await walk(app, f"/users/{user.id}/sessions", admin, limit=200)
    assert [len(page) for page in by_admin] == [200, 101]
    assert ids(by_admin) == walked


async def test_150_api_keys_paginate(make_app: AppFactory) -> None:
    """150 keys (cap raised) list as pages of 50, newest first, each key once."""
    app, _ = await admin_app(make_app, max_api_keys_per_subject=200)
    user = await app.create_user()
    keys = app.auth.services.api_keys
    issued = []
    for number in range(150):
        if number % 4 == 0:
            app.clock.advance(1)
        issued.append(
            await keys.create(None, SubjectRef.user(user.id), name=f"k{number}", scopes=["*"])
        )
    headers = bearer((await app.tokens())["access_token"])
    pages = await walk(app, "/users/me/api-keys", headers)
    assert [len(page) for page in pages] == [50, 50, 50]
    assert sorted(ids(pages)) == sorted(str(key.key.id) for key in issued)
    created = [(page_item["created_at"], page_item["id"]) for page_item in pages[0]]
    assert created == sorted(created, reverse=True)


# --- every list route ---------------------------------------------------------------------


def page_routes(app: RunningApp) -> dict[str, APIRoute]:
    """The app's GET routes that answer a page, by path."""
    paged = {}
    for route in flattened(app.app.routes):
        model = route.response_model
        if isinstance(model, type) and issubclass(model, Page):
            paged[route.path] = route
    return paged


async def filled(make_app: AppFactory) -> tuple[RunningApp, Headers, dict[str, str]]:
    """An app with at least three items in every list, and the path parameters to reach them."""
    app, admin = await admin_app(make_app)
    services = app.auth.services
    ada = await app.create_user()
    await app.create_user("bob@example.com")
    await app.create_user("cy@example.com")
    for _ in range(3):
        await app.tokens("root@example.com")
        await app.tokens()
    root = await User.get(email_normalized="root@example.com")
    account = await services.service_accounts.create(None, slug="exporter", name="Exporter")
    await services.service_accounts.create(None, slug="importer", name="Importer")
    await services.service_accounts.create(None, slug="archiver", name="Archiver")
    for number in range(3):
        for owner in (SubjectRef.user(root.id), SubjectRef.user(ada.id)):
            await services.api_keys.create(None, owner, name=f"k{number}", scopes=["*"])
        await services.api_keys.create(
            None, SubjectRef.service_account(account.id), name=f"s{number}", scopes=["*"]
        )
        await services.plans.create_feature(f"feature-{number}")
        await services.plans.create_plan(f"plan-{number}")
    await services.rbac.create_role(None, "auditor", ["audit:read"])
    for number in range(3):  # linked identities of the caller (`admin` is root's key)
        await OAuthAccount.create(
            id=uuid4(),
            provider="github",
            subject=str(number),
            user_id=root.id,
            created_at=app.clock.now(),  # one moment: the id breaks the ties
        )
    for number in range(3):  # events, webhook endpoints and deliveries
        issued = await services.webhooks.create_endpoint(
            None, url=f"https://hooks.example.com/{number}"
        )
        event_id = await services.events.publish(
            UserUpdated(changed=["display_name"]), subject=SubjectRef.user(ada.id)
        )
        event = await OutboxEvent.get(id=event_id)
        await WebhookDelivery.create(
            endpoint_id=issued.endpoint.id,
            event_id=event.seq,
            next_attempt_at=app.clock.now(),
            created_at=app.clock.now(),
        )
    return app, admin, {"user_id": str(ada.id), "account_id": str(account.id)}


async def test_every_list_route_answers_pages(make_app: AppFactory) -> None:
    """Every GET route answering a list answers a page; walked with limit 1 and 2 it yields
    exactly what one page of 200 holds, each page at most `limit` long."""
    app, admin, path_params = await filled(make_app)
    paged = page_routes(app)
    for route in flattened(app.app.routes):
        if "GET" in route.methods:
            assert getattr(route.response_model, "__origin__", None) is not list, route.path
    assert set(paged) == {
        "/auth/sessions",
        "/users",
        "/users/{user_id}/sessions",
        "/users/me/api-keys",
        "/users/{user_id}/api-keys",
        "/service-accounts",
        "/service-accounts/{account_id}/api-keys",
        "/roles",
        "/permissions",
        "/plans",
        "/features",
        "/audit/events",
        "/auth/oauth/accounts",
        "/events",
        "/events/types",
        "/events/webhooks",
        "/events/deliveries",
    }
    for template in paged:
        path = template.format(**path_params)
        everything = await walk(app, path, admin, limit=200)
        assert len(everything) == 1, path
        expected = [json.dumps(item, sort_keys=True) for item in everything[0]]
        assert len(expected) >= 3, path
        for limit in (1, 2):
            pages = await walk(app, path, admin, limit=limit)
            assert all(len(page) <= limit for page in pages), path
            walked = [json.dumps(item, sort_keys=True) for page in pages for item in page]
            assert walked == expected, path
        assert len(set(expected)) == len(expected), path


@pytest.mark.parametrize("limit", ["0", "201", "-1", "x"])
async def test_limit_outside_1_to_200_is_422(make_app: AppFactory, limit: str) -> None:
    """limit 0, 201 (or not a number) is 422 validation_error on every list route."""
    app, admin, path_params = await filled(make_app)
    for template in page_routes(app):
        path = template.format(**path_params)
        response = await app.client.get(path, params={"limit": limit}, headers=admin)
        assert response.status_code == 422, path
        assert response.json()["code"] == "validation_error", path


def kind(cursor: str) -> str:
    """Which list a cursor continues (cursors are opaque to clients; tests may peek)."""
    decoded = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    return str(decoded[0])


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


BAD_CURSORS = [
    "garbage!",
    "",
    b64("seq:99999999999999999999"),
    b64("seq:12"),
    b64(json.dumps(["audit", 10**20])),
    b64(json.dumps(["audit", 0])),
    b64(json.dumps(["audit", True])),
    b64(json.dumps(["users", "a\u0000b"])),
    b64(json.dumps(["users", "x" * 321])),
    b64(json.dumps(["sessions", 10**30, "00000000-0000-0000-0000-000000000000"])),
    b64(json.dumps(["sessions", -1, "00000000-0000-0000-0000-000000000000"])),
    b64(json.dumps(["sessions", 5, "not-a-uuid-not-a-uuid-not-a-uuid-xx"])),
    b64(json.dumps({"kind": "users"})),
    b64(json.dumps(["nobody", "x"])),
    "A" * 5000,
    "\u00e9t\u00e9",
]


async def test_bad_cursors_are_422_invalid_cursor(make_app: AppFactory) -> None:
    """A malformed, out-of-range or foreign cursor (another list's) is 422 invalid_cursor on
    every list route, never a 500."""
    app, admin, path_params = await filled(make_app)
    paged = [template.format(**path_params) for template in page_routes(app)]
    cursors = {}
    for path in paged:
        body = (await app.client.get(path, params={"limit": 1}, headers=admin)).json()
        assert body["next_cursor"] is not None, path
        cursors[path] = body["next_cursor"]
    for path in paged:
        foreign = [cursor for cursor in cursors.values() if kind(cursor) != kind(cursors[path])]
        for cursor in [*BAD_CURSORS, *foreign]:
            response = await app.client.get(path, params={"cursor": cursor}, headers=admin)
            assert response.status_code == 422, (path, cursor, response.text)
            assert response.json()["code"] == "invalid_cursor", (path, cursor)


# --- consistency while rows change ------------------------------------------------------------


async def test_walking_keys_while_new_ones_are_issued(make_app: AppFactory) -> None:
    """Keys issued while a client walks the newest-first list neither repeat nor push out
    an existing key."""
    app, _ = await admin_app(make_app)
    user = await app.create_user()
    owner = SubjectRef.user(user.id)
    keys = app.auth.services.api_keys
    existing = set()
    for number in range(25):
        existing.add(str((await keys.create(None, owner, name=f"k{number}", scopes=["*"])).key.id))
    headers = bearer((await app.tokens())["access_token"])
    walked: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 4}
        if cursor:
            params["cursor"] = cursor
        body = (await app.client.get("/users/me/api-keys", params=params, headers=headers)).json()
        walked += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
        await keys.create(None, owner, name="late", scopes=["*"])  # same instant, or later
        app.clock.advance(0.5)
    assert len(walked) == len(set(walked))
    assert existing <= set(walked)
    assert set(walked) - existing <= {str(k.id) for k in await ApiKey.filter(name="late")}


async def test_walking_users_while_users_are_added_and_filters_hold(
    make_app: AppFactory,
) -> None:
    """Users added before and after the cursor while walking: every existing user once. The
    role, q and is_active filters hold across pages."""
    app, admin = await admin_app(make_app)
    rbac = app.auth.services.rbac
    existing = {"root@example.com"}
    for number in range(20):
        email = f"user{number:02}@example.com"
        user = await app.create_user(email, display_name=f"Name {number}")
        existing.add(email)
        if number % 3 == 0:
            await rbac.set_user_roles(None, user, ["user", "admin"])
    walked: list[str] = []
    cursor: str | None = None
    added = 0
    while True:
        params: dict[str, Any] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        body = (await app.client.get("/users", params=params, headers=admin)).json()
        walked += [item["email"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
        await app.create_user(f"a{added}@example.com")  # before every cursor
        await app.create_user(f"zz{added}@example.com")  # after every cursor
        added += 1
    assert len(walked) == len(set(walked)) and existing <= set(walked)
    assert walked == sorted(walked)
    admins = ids(await walk(app, "/users", admin, limit=2, role="admin"), "email")
    assert admins == [f"user{n:02}@example.com" for n in range(0, 20, 3)]
    named = ids(await walk(app, "/users", admin, limit=2, q="name 1"), "email")
    assert named == [f"user{n:02}@example.com" for n in (1, *range(10, 20))]
    await User.filter(email_normalized__in=["user01@example.com", "user02@example.com"]).update(
        is_active=False
    )
    inactive = ids(await walk(app, "/users", admin, limit=1, is_active="false"), "email")
    assert inactive == ["user01@example.com", "user02@example.com"]
