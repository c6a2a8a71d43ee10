"""`fabric-auth plans` for service accounts (`--service-account SLUG`), on every store."""

from __future__ import annotations

from pathlib import Path

from fabric_auth.store.models import Subscription
from tests.cli.conftest import on_store
from tests.conftest import RunningApp


async def test_assign_usage_and_cancel_a_service_accounts_plan(
    project: Path, store: str, running: RunningApp
) -> None:
    """plans assign/usage/cancel --service-account store and end the account's subscription;
    giving an email too is a usage error."""
    services = running.auth.services
    account = await services.service_accounts.create(None, slug="exporter", name="Exporter")
    assigned = on_store(project, store, "plans", "assign", "--service-account", "exporter", "pro")
    assert assigned.returncode == 0, assigned.stderr
    assert assigned.stdout == "exporter is on pro\n"
    subscription = await Subscription.get(subject_id=account.id).select_related("plan")
    assert (subscription.subject_kind, subscription.plan.code, subscription.status) == (
        "service_account",
        "pro",
        "active",
    )
    usage = on_store(project, store, "plans", "usage", "--service-account", "exporter")
    assert usage.stdout == "plan: pro\n"
    canceled = on_store(project, store, "plans", "cancel", "--service-account", "exporter")
    assert canceled.stdout == "canceled the subscription of exporter\n"
    subscription = await Subscription.get(id=subscription.id)
    assert (subscription.status, subscription.active_key) == ("canceled", None)
    both = on_store(
        project, store, "plans", "usage", "ada@example.com", "--service-account", "exporter"
    )
    assert both.returncode == 2
    assert "not allowed with argument" in both.stderr
