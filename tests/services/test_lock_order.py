"""Service-account writes take their locks in one order (account row, then the change, then the
audit chain), so concurrent changes of one account never deadlock on PostgreSQL."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from uuid import UUID

import pytest

from fabric_auth.exceptions import NotFound
from fabric_auth.services.api_keys import Owner
from fabric_auth.services.container import AuthServices
from fabric_auth.services.service_accounts import ServiceAccountChanges
from fabric_auth.store.models import ApiKey, AuditEvent, ServiceAccount, ServiceAccountRole
from tests.conftest import AppFactory

CALLS = 50

Call = Callable[[], Awaitable[object]]


def changes_of(services: AuthServices, account_id: UUID) -> list[Call]:
    accounts = services.service_accounts
    return [
        lambda: accounts.update(None, account_id, ServiceAccountChanges(description="d")),
        lambda: accounts.deactivate(None, account_id),
        lambda: accounts.reactivate(None, account_id),
        lambda: accounts.set_roles(None, account_id, ["user"]),
    ]


async def account_with_a_key(services: AuthServices) -> UUID:
    account = await services.service_accounts.create(
        None, slug="worker", name="Worker", roles=["user"]
    )
    owner = Owner.service_account(account.id)
    await services.api_keys.create(None, owner, name="k", scopes=["account:read"])
    return account.id


async def run_concurrently(calls: list[Call]) -> list[object]:
    results = await asyncio.gather(*(call() for call in calls), return_exceptions=True)
    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, NotFound)]
    assert unexpected == []
    return results


@pytest.fixture
async def postgres_services(make_app: AppFactory, store: str) -> AuthServices:
    if store.startswith("sqlite"):
        pytest.skip("SQLite runs one writing transaction at a time: it cannot deadlock on rows")
    return (await make_app()).auth.services


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_concurrent_changes_of_one_account_do_not_deadlock(
    postgres_services: AuthServices, seed: int
) -> None:
    """50 concurrent update/deactivate/reactivate/set_roles calls against one account all
    succeed, each with its audit entry, and the chain verifies."""
    services = postgres_services
    account_id = await account_with_a_key(services)
    before = await AuditEvent.all().count()
    choices = random.Random(seed)
    calls = [choices.choice(changes_of(services, account_id)) for _ in range(CALLS)]

    results = await run_concurrently(calls)

    assert not any(isinstance(result, NotFound) for result in results)
    assert await AuditEvent.all().count() >= before + CALLS
    account = await ServiceAccount.get(id=account_id)
    assert (account.deactivated_at is None) == account.is_active
    report = await services.audit.verify()
    assert report.broken is None, report


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_concurrent_changes_and_deletions_do_not_deadlock(
    postgres_services: AuthServices, seed: int
) -> None:
    """50 concurrent calls, deletions among them, against one account: nothing but NotFound
    (once it is gone) is raised; it is gone with its role links and keys, the chain intact."""
    services = postgres_services
    account_id = await account_with_a_key(services)
    choices = random.Random(seed)
    calls = [choices.choice(changes_of(services, account_id)) for _ in range(CALLS - 5)]
    calls += [lambda: services.service_accounts.delete(None, account_id)] * 5
    choices.shuffle(calls)

    results = await run_concurrently(calls)

    assert sum(result is None for result in results) >= 1  # one deletion went through
    assert await ServiceAccount.get_or_none(id=account_id) is None
    assert await ServiceAccountRole.filter(service_account_id=account_id).count() == 0
    assert await ApiKey.filter(service_account_id=account_id).count() == 0
    report = await services.audit.verify()
    assert report.broken is None, report
