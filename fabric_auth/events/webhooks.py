"""Webhook signatures per the Standard Webhooks specification (standardwebhooks.com).

A delivery carries three headers:

- `webhook-id`: the event's id (`msg_` is not added: fabric-auth's ids are UUIDs), the same on
  every retry, so a receiver dedupes by it;
- `webhook-timestamp`: Unix seconds when this attempt was signed;
- `webhook-signature`: `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, several
  separated by spaces while a secret is being rotated.

The secret is `whsec_` followed by base64 bytes; the HMAC key is those bytes. A receiver
verifies in a few lines:

```python
verifier = WebhookVerifier(secret)
event = verifier.verify(body, headers)   # raises WebhookVerificationError
```

Standard library only, so any service can import it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import time
from collections.abc import Mapping
from typing import Any

from fabric_auth.events.catalogue import Event, UnreadableEvent, parse_event

SECRET_PREFIX = "whsec_"
TOLERANCE_SECONDS = 300
"""How far a signature's timestamp may be from the receiver's clock (replay window)."""


class WebhookVerificationError(Exception):
    """The request is not a genuine, fresh delivery: a header is missing, the timestamp is
    outside the tolerance, no signature matches, or the body is not an event."""


def new_secret() -> str:
    """A fresh endpoint secret: `whsec_` and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _key(secret: str) -> bytes:
    encoded = secret.removeprefix(SECRET_PREFIX)
    try:
        return base64.b64decode(encoded, validate=True)
    except binascii.Error:
        raise ValueError("a webhook secret is whsec_ followed by base64") from None


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `v1,...` signature of one attempt."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(secret: str, message_id: str, body: bytes, *, now: float) -> dict[str, str]:
    """The three headers of one attempt, signed at `now` (Unix seconds)."""
    timestamp = int(now)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, message_id, timestamp, body),
    }


class WebhookVerifier:
    """Checks deliveries for one endpoint's secret (or several, while rotating)."""

    def __init__(self, *secrets: str, tolerance: int = TOLERANCE_SECONDS) -> None:
        if not secrets:
            raise ValueError("at least one secret")
        for secret in secrets:
            _key(secret)  # fail now on a malformed secret, not on the first delivery
        self._secrets = secrets
        self._tolerance = tolerance

    def verify(
        self, body: bytes, headers: Mapping[str, str], *, now: float | None = None
    ) -> Event[Any]:
        """The event, once the headers prove `body` came from fabric-auth within the
        tolerance; `WebhookVerificationError` otherwise. `headers` may use any case."""
        lowered = {name.lower(): value for name, value in headers.items()}
        message_id = lowered.get("webhook-id", "")
        sent_at = lowered.get("webhook-timestamp", "")
        offered = lowered.get("webhook-signature", "")
        if not message_id or not sent_at.isdigit() or not offered:
            raise WebhookVerificationError("missing or malformed webhook headers")
        timestamp = int(sent_at)
        if abs((time.time() if now is None else now) - timestamp) > self._tolerance:
            raise WebhookVerificationError("the timestamp is outside the tolerance")
        candidates = [part for part in offered.split(" ") if part.startswith("v1,")]
        expected = [signature(s, message_id, timestamp, body) for s in self._secrets]
        if not any(
            hmac.compare_digest(candidate.encode(), wanted.encode())
            for candidate in candidates
            for wanted in expected
        ):
            raise WebhookVerificationError("no signature matches")
        try:
            event = parse_event(body)
        except UnreadableEvent:
            raise WebhookVerificationError("the body is not an event") from None
        if str(event.id) != message_id:
            raise WebhookVerificationError("the body's id is not the webhook-id")
        return event
