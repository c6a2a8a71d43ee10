"""`fabric-auth service-accounts deactivate` and `delete`, on every store."""

from __future__ import annotations

from pathlib import Path

from fabric_auth.principal import SubjectRef
from fabric_auth.store.models import ApiKey, ServiceAccount
from tests.cli.conftest import on_store
from tests.conftest import RunningApp


async def exporter_with_a_key(running: RunningApp) -> tuple[ServiceAccount, ApiKey]:
    services = running.auth.services
    account = await services.service_accounts.create(None, slug="exporter", name="Exporter")
    issued = await services.api_keys.create(
        None, SubjectRef.service_account(account.id), name="prod", scopes=["roles:read"]
    )
    return account, issued.key


async def test_deactivate_refuses_the_account_and_revokes_its_keys(
    project: Path, store: str, running: RunningApp
) -> None:
    """service-accounts deactivate stores is_active False and revokes every key of it; an
    unknown slug exits 1."""
    account, key = await exporter_with_a_key(running)
    result = on_store(project, store, "service-accounts", "deactivate", "exporter")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"deactivated service account exporter ({account.id}); its API keys are revoked\n"
    )
    stored = await ServiceAccount.get(id=account.id)
    assert stored.is_active is False and stored.deactivated_at is not None
    revoked = await ApiKey.get(id=key.id)
    assert revoked.revoked_at is not None and revoked.revoked_by == "owner_deactivated"
    unknown = on_store(project, store, "service-accounts", "deactivate", "nobody")
    assert (unknown.returncode, unknown.stderr) == (1, "fabric-auth: No such service account\n")


async def test_delete_needs_yes_and_removes_the_account_and_its_keys(
    project: Path, store: str, running: RunningApp
) -> None:
    """service-accounts delete without --yes exits 2 and keeps everything; with --yes the
    account and its keys are gone from the store."""
    account, key = await exporter_with_a_key(running)
    refused = on_store(project, store, "service-accounts", "delete", "exporter")
    assert refused.returncode == 2
    assert refused.stderr == (
        "fabric-auth: delete removes the service account, its roles and its API keys; "
        "repeat with --yes to proceed\n"
    )
    assert await ServiceAccount.exists(id=account.id)
    deleted = on_store(project, store, "service-accounts", "delete", "exporter", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    assert deleted.stdout == f"deleted service account exporter ({account.id})\n"
    assert not await ServiceAccount.exists(id=account.id)
    assert not await ApiKey.exists(id=key.id)
