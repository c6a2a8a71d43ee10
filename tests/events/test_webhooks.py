"""Standard Webhooks signatures: the spec's published vector, and what a receiver refuses."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from fabric_auth.events import UserUpdated, WebhookVerificationError, WebhookVerifier
from fabric_auth.events.webhooks import new_secret, signature, signed_headers
from tests.events.conftest import event

# The example of the Standard Webhooks reference library's tests (standard-webhooks/
# standard-webhooks: libraries/python/tests/test_webhooks.py, test_sign_function).
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

Tamper = Callable[[bytes, dict[str, str]], tuple[bytes, dict[str, str]]]


def delivery(secret: str, *, now: float | None = None) -> tuple[bytes, dict[str, str]]:
    published = event(UserUpdated(changed=["email"]), "u1")
    body = published.model_dump_json().encode()
    return body, signed_headers(secret, str(published.id), body, now=now or time.time())


def test_signatures_match_the_specs_published_example() -> None:
    """Our signature of the spec's example message is the one the spec gives."""
    assert signature(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY) == SPEC_SIGNATURE
    assert signed_headers(SPEC_SECRET, SPEC_ID, SPEC_BODY, now=SPEC_TIMESTAMP + 0.9) == {
        "webhook-id": SPEC_ID,
        "webhook-timestamp": str(SPEC_TIMESTAMP),
        "webhook-signature": SPEC_SIGNATURE,
    }


def test_a_genuine_delivery_is_accepted_whatever_the_header_case() -> None:
    """A signed body verifies and gives the event back; header names in any case."""
    secret = new_secret()
    body, headers = delivery(secret)
    verified = WebhookVerifier(secret).verify(body, {k.title(): v for k, v in headers.items()})
    assert verified.model_dump_json().encode() == body
    assert verified.data == UserUpdated(changed=["email"])


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda body, headers: (body.replace(b"email", b"phone"), headers), id="body"),
        pytest.param(
            lambda body, headers: (body, {k: v for k, v in headers.items() if k != "webhook-id"}),
            id="no-id",
        ),
        pytest.param(
            lambda body, headers: (
                body,
                {k: v for k, v in headers.items() if k != "webhook-timestamp"},
            ),
            id="no-timestamp",
        ),
        pytest.param(
            lambda body, headers: (
                body,
                {k: v for k, v in headers.items() if k != "webhook-signature"},
            ),
            id="no-signature",
        ),
        pytest.param(
            lambda body, headers: (body, {**headers, "webhook-timestamp": "soon"}),
            id="timestamp-not-a-number",
        ),
    ],
)
def test_a_tampered_or_incomplete_delivery_is_refused(tamper: Tamper) -> None:
    """A changed body, or a missing or malformed header, is refused."""
    secret = new_secret()
    body, headers = tamper(*delivery(secret))
    with pytest.raises(WebhookVerificationError):
        WebhookVerifier(secret).verify(body, headers)


def test_another_secret_is_refused() -> None:
    """Signed with one endpoint's secret, refused with another's."""
    body, headers = delivery(new_secret())
    with pytest.raises(WebhookVerificationError, match="no signature matches"):
        WebhookVerifier(new_secret()).verify(body, headers)


def test_an_old_or_future_timestamp_is_refused() -> None:
    """Outside the tolerance (5 minutes by default) either way: a replay, or a forged clock."""
    secret = new_secret()
    for offset in (-301, 301):
        body, headers = delivery(secret, now=time.time() + offset)
        with pytest.raises(WebhookVerificationError, match="tolerance"):
            WebhookVerifier(secret).verify(body, headers)
    body, headers = delivery(secret, now=time.time() - 200)
    assert WebhookVerifier(secret).verify(body, headers).data == UserUpdated(changed=["email"])


def test_a_webhook_id_other_than_the_events_is_refused() -> None:
    """A valid signature over another id than the body's event id (a replayed body under a
    fresh id) is refused."""
    secret = new_secret()
    body, _ = delivery(secret)
    headers = signed_headers(secret, "00000000-0000-0000-0000-000000000000", body, now=time.time())
    with pytest.raises(WebhookVerificationError, match="webhook-id"):
        WebhookVerifier(secret).verify(body, headers)


def test_a_body_that_is_not_an_event_is_refused_even_when_signed() -> None:
    """The spec's example is correctly signed but is not an event of ours."""
    headers = signed_headers(SPEC_SECRET, SPEC_ID, SPEC_BODY, now=time.time())
    with pytest.raises(WebhookVerificationError, match="not an event"):
        WebhookVerifier(SPEC_SECRET).verify(SPEC_BODY, headers)


def test_rotation_accepts_either_secret() -> None:
    """While rotating, the receiver holds both secrets and the sender signs with both: a
    delivery signed by either, or by both, is accepted."""
    old, new = new_secret(), new_secret()
    verifier = WebhookVerifier(new, old)
    for secret in (old, new):
        body, headers = delivery(secret)
        assert verifier.verify(body, headers).data == UserUpdated(changed=["email"])
    body, headers = delivery(old)
    both = signature(new, headers["webhook-id"], int(headers["webhook-timestamp"]), body)
    headers["webhook-signature"] = f"{both} {headers['webhook-signature']}"
    assert WebhookVerifier(new).verify(body, headers).data == UserUpdated(changed=["email"])
    assert WebhookVerifier(old).verify(body, headers).data == UserUpdated(changed=["email"])


def test_a_malformed_secret_fails_at_construction() -> None:
    """A secret that is not `whsec_` + base64 is refused when the verifier is made."""
    with pytest.raises(ValueError, match="whsec_"):
        WebhookVerifier("whsec_not base64!")
    with pytest.raises(ValueError, match="at least one secret"):
        WebhookVerifier()
