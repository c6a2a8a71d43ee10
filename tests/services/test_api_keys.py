"""API keys on the request path: checksum, cache, scopes, revocation across instances,
last-used writes."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from typing import Annotated, Any
from uuid import uuid4

import pytest
from fastapi import Depends
from tortoise import Tortoise

from fabric_auth import Principal, current_principal, register_permissions, require
from fabric_auth.principal import AuthMethod, PrincipalKind
from fabric_auth.services.api_keys import IssuedKey, Owner
from fabric_auth.services.revocation import RevocationEntry, RevocationList, SubjectType
from fabric_auth.store.models import ApiKey, Role, User, UserRole
from fabric_auth.tokens import api_keys
from tests.conftest import AppFactory, RunningApp, seconds_until

register_permissions("reports:read", "reports:write")

INVALID = {"detail": "Invalid API key", "code": "invalid_api_key"}


def key_header(raw: str) -> dict[str, str]:
    return {"X-API-Key": raw}


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def add_routes(app: RunningApp) -> None:
    @app.app.get("/whoami")
    async def whoami(who: Annotated[Principal, Depends(current_principal)]) -> dict[str, Any]:
        return {
            "id": str(who.id),
            "kind": who.kind.value,
            "method": who.auth_method.value,
            "key_id": str(who.key_id),
            "scopes": list(who.scopes or ()),
        }

    @app.app.get("/reports")
    async def reports(_: Annotated[Principal, Depends(require("reports:read"))]) -> str:
        return "read"

    @app.app.post("/reports")
    async def write_report(_: Annotated[Principal, Depends(require("reports:write"))]) -> str:
        return "written"


async def reporter(app: RunningApp, email: str = "ada@example.com") -> User:
    """A user holding reports:read and reports:write through the `reporter` role."""
    user = await app.create_user(email)
    role, _ = await Role.get_or_create(
        name="reporter", defaults={"permissions": ["reports:read", "reports:write"]}
    )
    await UserRole.create(user=user, role=role)
    return user


async def issue(app: RunningApp, user: User, scopes: list[str], **kwargs: Any) -> IssuedKey:
    return await app.auth.services.api_keys.create(
        None, Owner.user(user.id), name="ci", scopes=scopes, **kwargs
    )


@pytest.fixture
def queries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every SQL statement sent to the store (outside transactions) while the test runs."""
    seen: list[str] = []
    client = Tortoise.get_connection(User._meta.default_connection or "default")
    for name in ("execute_query", "execute_query_dict", "execute_insert"):
        owner = next(cls for cls in type(client).__mro__ if name in cls.__dict__)
        original = owner.__dict__[name]

        def spy(self: Any, sql: str, *args: Any, _original: Any = original, **kw: Any) -> Any:
            seen.append(sql)
            return _original(self, sql, *args, **kw)

        monkeypatch.setattr(owner, name, spy)
    return seen


@pytest.fixture
async def app(make_app: AppFactory) -> RunningApp:
    running = await make_app()
    add_routes(running)
    return running


async def test_bearer_and_header_resolve_to_the_same_principal(app: RunningApp) -> None:
    """`Authorization: Bearer <key>` and `X-API-Key` give the owner, key id and scopes."""
    user = await reporter(app)
    issued = await issue(app, user, ["reports:read"])
    for headers in (bearer(issued.raw), key_header(issued.raw)):
        response = await app.client.get("/whoami", headers=headers)
        assert response.status_code == 200, response.text
        assert response.json() == {
            "id": str(user.id),
            "kind": PrincipalKind.USER.value,
            "method": AuthMethod.API_KEY.value,
            "key_id": str(issued.key.id),
            "scopes": ["reports:read"],
        }


async def test_bad_checksum_is_refused_without_a_store_query(
    app: RunningApp, queries: list[str]
) -> None:
    """A mistyped or truncated key gets the uniform 401 and sends no query to the store."""
    user = await reporter(app)
    issued = await issue(app, user, ["reports:read"])
    typo = issued.raw[:-5] + ("a" if issued.raw[-5] != "a" else "b") + issued.raw[-4:]
    queries.clear()
    for bad in (typo, issued.raw[:-1], "fa_short"):
        for headers in (bearer(bad), key_header(bad)):
            response = await app.client.get("/whoami", headers=headers)
            assert (response.status_code, response.json()) == (401, INVALID)
    assert queries == []


async def test_warm_key_costs_no_store_query(app: RunningApp, queries: list[str]) -> None:
    """After its first use a key is authenticated, and require() answered, from memory."""
    user = await reporter(app)
    issued = await issue(app, user, ["reports:read"])
    assert (await app.client.get("/reports", headers=key_header(issued.raw))).status_code == 200
    await app.auth.services.background.drain()
    queries.clear()
    for _ in range(20):
        assert (await app.client.get("/reports", headers=key_header(issued.raw))).status_code == 200
    await app.auth.services.background.drain()
    assert queries == []


async def test_unknown_expired_revoked_and_malformed_get_one_answer(app: RunningApp) -> None:
    """Unknown, expired, revoked and bad-checksum keys all get the same 401 body."""
    user = await reporter(app)
    revoked = await issue(app, user, ["reports:read"])
    expiring = await issue(app, user, ["reports:read"], expires_in_days=1)
    unknown = api_keys.generate(PrincipalKind.USER).raw  # well-formed, never issued
    assert (await app.client.get("/whoami", headers=key_header(expiring.raw))).status_code == 200
    await app.auth.services.api_keys.revoke(None, Owner.user(user.id), revoked.key.id)
    app.clock.advance(86_400 + 1)
    answers = [
        await app.client.get("/whoami", headers=key_header(raw))
        for raw in (unknown, expiring.raw, revoked.raw, unknown[:-1] + "0")
    ]
    assert [(r.status_code, r.json()) for r in answers] == [(401, INVALID)] * 4
    assert all(r.headers["www-authenticate"] == "Bearer" for r in answers)


async def test_effective_permissions_follow_the_owner_losing_a_role(app: RunningApp) -> None:
    """Scopes ∩ owner's current permissions: the key loses what the owner loses."""
    user = await reporter(app)
    issued = await issue(app, user, ["reports:read"])
    assert (await app.client.get("/reports", headers=key_header(issued.raw))).status_code == 200
    # Beyond its scopes even though the owner holds it.
    assert (await app.client.post("/reports", headers=key_header(issued.raw))).status_code == 403
    await app.auth.services.rbac.set_user_roles(None, user, [])
    response = await app.client.get("/reports", headers=key_header(issued.raw))
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


async def test_scoped_key_cannot_mint_a_broader_key(app: RunningApp) -> None:
    """A key scoped to reports:read (and its owner's keys) creates keys within that scope,
    never beyond it."""
    user = await reporter(app)
    issued = await issue(app, user, ["reports:read", "account:api_keys"])
    broader = await app.client.post(
        "/users/me/api-keys",
        json={"name": "more", "scopes": ["reports:write"]},
        headers=key_header(issued.raw),
    )
    assert broader.status_code == 403
    assert broader.json()["code"] == "escalation_denied"
    wildcard = await app.client.post(
        "/users/me/api-keys",
        json={"name": "more", "scopes": ["reports:*"]},
        headers=key_header(issued.raw),
    )
    assert wildcard.status_code == 403
    same = await app.client.post(
        "/users/me/api-keys",
        json={"name": "same", "scopes": ["reports:read"]},
        headers=key_header(issued.raw),
    )
    assert same.status_code == 201, same.text
    # By default a minted key ends when the key that minted it does.
    assert datetime.fromisoformat(same.json()["expires_at"]) == issued.key.expires_at
    assert await ApiKey.filter(parent_key_id=issued.key.id).count() == 1
    assert await ApiKey.all().count() == 2


async def test_revocation_is_seen_by_a_second_instance(
    make_app: AppFactory, redis_url: str | None
) -> None:
    """A key revoked on A is refused by B within max_staleness, with or without Redis.

    B has the key warm in its cache, so only the shared revocation list can refuse it.
    """
    a = await make_app(redis_url=redis_url, max_staleness=0.2)
    b = await make_app(redis_url=redis_url, max_staleness=0.2)
    add_routes(b)
    user = await reporter(a)
    for _ in range(3):
        issued = await issue(a, user, ["reports:read", "account:api_keys"])
        assert (await b.client.get("/whoami", headers=key_header(issued.raw))).status_code == 200
        revoked = await a.client.delete(
            f"/users/me/api-keys/{issued.key.id}", headers=key_header(issued.raw)
        )
        assert revoked.status_code == 204

        async def refused_on_b(raw: str = issued.raw) -> bool:
            response = await b.client.get("/whoami", headers=key_header(raw))
            return (response.status_code, response.json()) == (401, INVALID)

        await seconds_until(refused_on_b, within=0.2)


async def test_burst_writes_last_used_once_per_interval(
    app: RunningApp, queries: list[str]
) -> None:
    """Fifty concurrent requests write last_used_at once; uses within the interval write
    nothing; the first use after it writes again, with the time and client address."""
    user = await reporter(app)
    issued = await issue(app, user, ["reports:read"])
    start = app.clock.now()
    queries.clear()

    async def burst() -> None:
        responses = await asyncio.gather(
            *(app.client.get("/whoami", headers=key_header(issued.raw)) for _ in range(50))
        )
        assert {r.status_code for r in responses} == {200}
        await app.auth.services.background.drain()

    def writes() -> int:
        return sum(
            1 for sql in queries if sql.lstrip().upper().startswith("UPDATE") and "api_keys" in sql
        )

    await burst()
    assert writes() == 1
    key = await ApiKey.get(id=issued.key.id)
    assert key.last_used_at == start and key.last_used_ip
    app.clock.advance(59)
    await burst()
    assert writes() == 1
    app.clock.advance(2)
    await burst()
    assert writes() == 2
    assert (await ApiKey.get(id=issued.key.id)).last_used_at == app.clock.now()


async def test_deactivating_the_owner_revokes_its_keys(app: RunningApp) -> None:
    """Deactivating (or deleting) a user revokes every key of it, at once."""
    user = await reporter(app)
    other = await reporter(app, "bob@example.com")
    first, second = (
        await issue(app, user, ["reports:read"]),
        await issue(app, other, ["reports:read"]),
    )
    for raw in (first.raw, second.raw):
        assert (await app.client.get("/whoami", headers=key_header(raw))).status_code == 200
    await app.auth.services.user_admin.deactivate(None, user.id, "left")
    await app.auth.services.user_admin.delete(None, other.id)
    for raw in (first.raw, second.raw):
        assert (await app.client.get("/whoami", headers=key_header(raw))).status_code == 401
    assert await ApiKey.filter(revoked_at__isnull=True).count() == 0


async def test_rotation_keeps_the_old_key_for_the_overlap_on_every_instance(
    make_app: AppFactory, redis_url: str | None
) -> None:
    """After a rotation with overlap both keys work; once the overlap ends the old one is
    refused by an instance that had it cached too."""
    a = await make_app(redis_url=redis_url)
    b = await make_app(redis_url=redis_url, clock=a.clock)
    add_routes(b)
    user = await reporter(a)
    old = await issue(a, user, ["reports:read"])
    assert (await b.client.get("/whoami", headers=key_header(old.raw))).status_code == 200
    new = await a.auth.services.api_keys.rotate(
        None, Owner.user(user.id), old.key.id, overlap_seconds=300
    )
    await b.auth.services.changes.sync_since(time.monotonic())  # B has read the rotation
    for raw in (old.raw, new.raw):
        assert (await b.client.get("/whoami", headers=key_header(raw))).status_code == 200
    a.clock.advance(301)
    assert (await b.client.get("/whoami", headers=key_header(old.raw))).status_code == 401
    assert (await b.client.get("/whoami", headers=key_header(new.raw))).status_code == 200
    assert new.key.scopes == ["reports:read"] and new.key.name == old.key.name


async def test_a_bearer_jwt_comes_before_an_api_key_header(app: RunningApp) -> None:
    """Credentials in order: a bearer JWT decides even when an X-API-Key is also sent."""
    user = await reporter(app)
    tokens = await app.tokens()
    both = {**bearer(tokens["access_token"]), "X-API-Key": "fa_not-a-key"}
    response = await app.client.get("/whoami", headers=both)
    assert response.status_code == 200
    assert response.json()["method"] == "bearer" and response.json()["id"] == str(user.id)
    assert (
        await app.client.get("/whoami", headers={"X-API-Key": "fa_not-a-key"})
    ).status_code == 401


async def test_revoking_during_a_rotation_overlap_ends_the_old_key_at_once(
    app: RunningApp, make_app: AppFactory
) -> None:
    """A revocation inside the overlap wins over the later end the rotation scheduled."""
    user = await reporter(app)
    old = await issue(app, user, ["reports:read"])
    owner = Owner.user(user.id)
    await app.auth.services.api_keys.rotate(None, owner, old.key.id, overlap_seconds=3600)
    assert (await app.client.get("/whoami", headers=key_header(old.raw))).status_code == 200
    await app.auth.services.api_keys.revoke(None, owner, old.key.id)
    assert (await app.client.get("/whoami", headers=key_header(old.raw))).status_code == 401
    # So does an instance started afterwards.
    later = await make_app(clock=app.clock)
    add_routes(later)
    assert (await later.client.get("/whoami", headers=key_header(old.raw))).status_code == 401


def test_the_earliest_key_revocation_wins_in_any_order() -> None:
    """Entries for one key, applied in either order, refuse it from the earliest one on."""
    key = uuid4()
    now = 1_000_000.0
    at_once = RevocationEntry(SubjectType.API_KEY, key, now, now + 10)
    scheduled = RevocationEntry(SubjectType.API_KEY, key, now + 3600, now + 3700)
    for order in ((at_once, scheduled), (scheduled, at_once)):
        revoked = RevocationList()
        for entry in order:
            revoked.apply(entry)
        assert revoked.is_key_revoked(key.int, now + 1)
        assert not revoked.is_key_revoked(key.int, now - 1)
