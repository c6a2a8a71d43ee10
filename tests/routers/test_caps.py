"""Caps on what one subject accumulates (issue 16): live sessions per user (a sign-in beyond
ends the least recently used) and live API keys per user or service account (409)."""

from __future__ import annotations

import asyncio

import pytest

from fabric_auth.exceptions import TooManyApiKeys
from fabric_auth.principal import SubjectRef
from fabric_auth.store.models import ApiKey, AuditEvent, Session
from tests.conftest import AppFactory


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_the_101st_session_ends_the_oldest(make_app: AppFactory) -> None:
    """With the default cap of 100, the 101st sign-in ends the least recently used (here the
    oldest) session, audited as session.revoked with reason session_limit; the other 100
    stay."""
    app = await make_app()
    user = await app.create_user()
    assert app.auth.settings.max_sessions_per_user == 100
    started = []
    for _ in range(100):
        app.clock.advance(1)
        started.append((await app.auth.services.sessions.start(user)).session_id)
    assert not await AuditEvent.filter(action="session.revoked").exists()
    app.clock.advance(1)
    newest = (await app.tokens())["refresh_token"]
    assert newest
    live = await Session.filter(user_id=user.id, revoked_at__isnull=True).values_list(
        "id", flat=True
    )
    newest_id = next(sid for sid in live if sid not in started)
    assert set(live) == {*started[1:], newest_id}
    oldest = await Session.get(id=started[0])
    assert oldest.revoked_reason == "session_limit"
    entry = await AuditEvent.get(action="session.revoked")
    assert (entry.actor_type, entry.actor_id) == ("user", str(user.id))
    assert entry.details == {
        "reason": "session_limit",
        "sessions_revoked": 1,
        "sessions": [str(started[0])],
        "kept": str(newest_id),
    }
    sign_in = await AuditEvent.filter(action="auth.sign_in", outcome="success").order_by("-seq")
    assert sign_in[0].seq > entry.seq and sign_in[0].target_id == str(newest_id)


async def test_the_101st_api_key_is_409_and_nothing_is_created(make_app: AppFactory) -> None:
    """With the default cap of 100 live keys, the 101st is 409 too_many_api_keys, with no row
    and no audit entry; a revoked or expired key leaves room again."""
    app = await make_app()
    user = await app.create_user()
    owner = SubjectRef.user(user.id)
    keys = app.auth.services.api_keys
    issued = [
        await keys.create(None, owner, name=f"k{number}", scopes=["*"]) for number in range(99)
    ]
    headers = bearer((await app.tokens())["access_token"])
    body = {"name": "one more", "scopes": ["account:read"], "expires_in_days": 1}
    response = await app.client.post("/users/me/api-keys", json=body, headers=headers)
    assert response.status_code == 201, response.text
    entries = await AuditEvent.filter(action="api_key.created").count()
    response = await app.client.post("/users/me/api-keys", json=body, headers=headers)
    assert response.status_code == 409
    assert response.json()["code"] == "too_many_api_keys"
    assert await ApiKey.filter(user_id=user.id).count() == 100
    assert await AuditEvent.filter(action="api_key.created").count() == entries
    await keys.revoke(None, owner, issued[0].key.id)
    response = await app.client.post("/users/me/api-keys", json=body, headers=headers)
    assert response.status_code == 201, response.text
    app.clock.advance(2 * 86_400)  # the two one-day keys expire
    for _ in range(2):
        await keys.create(None, owner, name="after expiry", scopes=["*"])
    with pytest.raises(TooManyApiKeys):
        await keys.create(None, owner, name="over", scopes=["*"])
    overlapping = await keys.rotate(None, owner, issued[1].key.id, overlap_seconds=0)
    assert overlapping.key.name == "k1"  # without an overlap the old key makes room


@pytest.mark.parametrize("kind", ["user", "service_account"])
async def test_concurrent_key_issues_do_not_overshoot_the_cap(
    make_app: AppFactory, kind: str
) -> None:
    """20 concurrent issues to an owner with 5 of 10 keys: exactly 5 succeed, the rest are
    TooManyApiKeys, and the owner ends with 10 live keys."""
    app = await make_app(max_api_keys_per_subject=10)
    services = app.auth.services
    if kind == "user":
        owner = SubjectRef.user((await app.create_user()).id)
    else:
        account = await services.service_accounts.create(None, slug="batch", name="Batch")
        owner = SubjectRef.service_account(account.id)
    for number in range(5):
        await services.api_keys.create(None, owner, name=f"k{number}", scopes=["*"])
    results = await asyncio.gather(
        *(
            services.api_keys.create(None, owner, name=f"c{number}", scopes=["*"])
            for number in range(20)
        ),
        return_exceptions=True,
    )
    refused = [result for result in results if isinstance(result, BaseException)]
    assert all(isinstance(result, TooManyApiKeys) for result in refused), refused
    assert len(results) - len(refused) == 5
    field = "user_id" if kind == "user" else "service_account_id"
    assert await ApiKey.filter(**{field: owner.uuid}).count() == 10
