"""`fabric-auth events` and `fabric-auth webhooks`, on every store."""

from __future__ import annotations

from pathlib import Path

from fabric_auth.settings import load_settings
from fabric_auth.store.models import AuditEvent, OutboxEvent, WebhookDelivery, WebhookEndpoint
from fabric_auth.tokens.keys import derive_key, unseal
from tests.cli.conftest import on_store
from tests.conftest import RunningApp
from tests.routers.test_events import delivery, published

HOOK = "https://hooks.example.com/cli"


def sealing_key(project: Path) -> bytes:
    """The key the project's secret seals webhook secrets with."""
    settings = load_settings(_env_file=project / ".env")
    assert settings.secret_key is not None
    return derive_key(settings.secret_key.get_secret_value().encode(), "webhook-secret")


async def test_webhooks_add_list_rotate_and_remove(
    project: Path, store: str, running: RunningApp
) -> None:
    """webhooks add prints the endpoint and its secret once (stored sealed under the
    project's secret); list shows it without the secret; rotate-secret prints a new one;
    remove needs --yes; an unknown type and a private URL exit 1 with the reason."""
    added = on_store(
        project, store, "webhooks", "add", HOOK, "--event", "user.deleted", "--event", "session.*"
    )
    assert added.returncode == 0, added.stderr
    endpoint = await WebhookEndpoint.get(url=HOOK)
    first, second, third = added.stdout.splitlines()
    assert first == f"webhook endpoint {endpoint.id}  {HOOK}  events user.deleted,session.*"
    secret = second.removeprefix("secret ")
    assert (
        second.startswith("secret whsec_") and third == "(shown once: give it to the receiver now)"
    )
    assert secret not in endpoint.secret_sealed
    assert unseal(sealing_key(project), str(endpoint.id), endpoint.secret_sealed) == secret.encode()
    listed = on_store(project, store, "webhooks", "list")
    assert listed.stdout == f"{endpoint.id}  {HOOK}  active  events user.deleted,session.*\n"
    rotated = on_store(project, store, "webhooks", "rotate-secret", str(endpoint.id))
    assert rotated.returncode == 0, rotated.stderr
    new_secret = rotated.stdout.splitlines()[1].removeprefix("secret ")
    assert new_secret.startswith("whsec_") and new_secret != secret
    stored = await WebhookEndpoint.get(id=endpoint.id)
    assert (
        unseal(sealing_key(project), str(endpoint.id), stored.secret_sealed) == new_secret.encode()
    )
    refused = on_store(project, store, "webhooks", "remove", str(endpoint.id))
    assert refused.returncode == 2 and await WebhookEndpoint.exists(id=endpoint.id)
    removed = on_store(project, store, "webhooks", "remove", str(endpoint.id), "--yes")
    assert removed.stdout == f"removed webhook endpoint {endpoint.id} ({HOOK})\n"
    assert not await WebhookEndpoint.exists(id=endpoint.id)
    assert on_store(project, store, "webhooks", "list").stdout == "no webhook endpoints\n"
    unknown = on_store(project, store, "webhooks", "add", HOOK, "--event", "user.delted")
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("fabric-auth: Unknown event type: user.delted")
    private = on_store(project, store, "webhooks", "add", "https://10.0.0.1/hook")
    assert (private.returncode, private.stderr) == (
        1,
        "fabric-auth: A webhook URL may not point to a private or loopback address\n",
    )
    actions = await AuditEvent.filter(action__startswith="webhook.").values_list(
        "action", "actor_type"
    )
    assert sorted(actions) == [
        ("webhook.created", "system"),
        ("webhook.deleted", "system"),
        ("webhook.secret_rotated", "system"),
    ]


async def test_events_status_deliveries_and_replay(
    project: Path, store: str, running: RunningApp
) -> None:
    """events status counts the outbox and deliveries; events deliveries lists and filters;
    events replay puts a failed delivery back to pending; events types lists the catalogue."""
    await OutboxEvent.all().delete()  # the fixture's own events (its account): not counted
    issued = await running.auth.services.webhooks.create_endpoint(None, url=HOOK)
    relayed = await published(running)
    await published(running, dispatched=False)
    failed = await delivery(running, issued.endpoint.id, relayed)
    succeeded = await delivery(running, issued.endpoint.id, relayed, "succeeded")
    status = on_store(project, store, "events", "status")
    assert status.returncode == 0, status.stderr
    lines = status.stdout.splitlines()
    assert lines[0].startswith("outbox: 1 events not relayed yet, the oldest ")
    assert lines[1] == "webhook deliveries: pending 0, succeeded 1, failed 1"
    listed = on_store(project, store, "events", "deliveries", "--status", "failed")
    assert listed.stdout == (
        f"{failed.id}  failed  user.updated {relayed.id}  endpoint {issued.endpoint.id}"
        "  attempts 7  HTTP 503\n"
    )
    both = on_store(project, store, "events", "deliveries", "--endpoint", str(issued.endpoint.id))
    assert [line.split()[0] for line in both.stdout.splitlines()] == [
        str(succeeded.id),
        str(failed.id),
    ]
    replayed = on_store(project, store, "events", "replay", str(failed.id))
    assert replayed.returncode == 0, replayed.stderr
    assert replayed.stdout == f"delivery {failed.id} is pending again: user.updated {relayed.id}\n"
    stored = await WebhookDelivery.get(id=failed.id)
    assert (stored.status, stored.attempts, stored.completed_at) == ("pending", 0, None)
    again = on_store(project, store, "events", "replay", str(failed.id))
    assert (again.returncode, again.stderr) == (
        1,
        "fabric-auth: This delivery is still pending: it is being attempted\n",
    )
    types = on_store(project, store, "events", "types").stdout.splitlines()
    names = [line.split()[0] for line in types]
    assert names == sorted(names) and "session.revoked" in names
    assert any(line.startswith("user.updated v1  Profile fields changed;") for line in types)
