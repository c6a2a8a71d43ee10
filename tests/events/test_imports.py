"""`fabric_auth.events` and `fabric_auth.verify` import in a service without the auth server's
dependencies (FastAPI, Starlette, Tortoise)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
import sys
sys.modules["fastapi"] = None
sys.modules["starlette"] = None
sys.modules["tortoise"] = None
import fabric_auth.events
import fabric_auth.events.revocation
import fabric_auth.events.subscriber
import fabric_auth.events.webhooks
import fabric_auth.verify
loaded = sorted(m for m in sys.modules if m.startswith("fabric_auth"))
print(" ".join(loaded))
"""


def test_the_sdk_imports_without_fastapi_starlette_or_tortoise() -> None:
    """With those packages made unimportable, the SDK and the verifier import, and load no
    other module of fabric_auth than the package itself."""
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert set(done.stdout.split()) == {
        "fabric_auth",
        "fabric_auth.events",
        "fabric_auth.events.catalogue",
        "fabric_auth.events.revocation",
        "fabric_auth.events.streams",
        "fabric_auth.events.subscriber",
        "fabric_auth.events.webhooks",
        "fabric_auth.verify",
    }


WITHOUT_REDIS = """
import sys
sys.modules["redis"] = None
from fabric_auth.events import UserDeleted, WebhookVerifier, parse_event
import fabric_auth.events
try:
    fabric_auth.events.EventSubscriber
except ImportError:
    print("EventSubscriber needs redis")
"""


def test_the_event_types_and_webhooks_import_without_redis() -> None:
    """Without the `redis` extra (the auth server, a webhook receiver), the event types and
    the webhook verifier import; only the subscriber and the revocation helper need it."""
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_REDIS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[0] == "EventSubscriber needs redis"


def test_every_listed_name_resolves() -> None:
    """Each name in `fabric_auth.events.__all__` exists, the lazily imported ones included,
    and `dir()` lists them."""
    import fabric_auth.events as events

    for name in events.__all__:
        assert getattr(events, name) is not None, name
    assert set(events.__all__) <= set(dir(events))
