"""Consumptions sent with an idempotency key: the first decides, every retry gets its outcome.

A key is claimed by inserting its row (unique subject, feature, key): exactly one request wins
and charges the ledger; the others consume nothing. Two callers, two ways to wait:

- `charge_once` (the service API, jobs): a retry waits for the first call's outcome and returns
  it as a `Consumption`.
- `charge_request` (`quota()`, HTTP): the row also holds the request's fingerprint and, once
  the web layer has answered it (`keep_response`), the first response; a retry is answered with
  that response (`IdempotentReplay`) without running the route, at once with 409
  `idempotency_in_progress` while the first is still being served, and with 422
  `idempotency_key_reused` when it is another request (method, path, query or body).

A failed request gives its key back (`release`), so a retry runs afresh. A key whose request
died holding it is taken over by a retry after a lease (`wait` for the service API, `lease`
over HTTP, counted from the claim).
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from fabric_auth.clock import Clock
from fabric_auth.exceptions import (
    IdempotencyInProgress,
    IdempotencyKeyInUse,
    IdempotencyKeyReused,
    IdempotentReplay,
    IdempotentResponseNotStored,
    InvalidInput,
)
from fabric_auth.services.plans.ledger import Consumption, Ledger
from fabric_auth.services.plans.subscriber import Subscriber, subject_filter
from fabric_auth.store.errors import ignoring_duplicate
from fabric_auth.store.models import IdempotencyKey

_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")
_POLL_INTERVAL = 0.02


class _KeyState(StrEnum):
    PENDING = "pending"
    GRANTED = "granted"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """The response the first request with an idempotency key got, as retries get it back."""

    status: int
    headers: tuple[tuple[str, str], ...]
    """The headers worth replaying (the web layer chooses them), in order."""
    body: bytes | None
    """`None`: too large to keep; retries are answered 409 `idempotent_response_not_stored`."""


class IdempotencyKeys:
    def __init__(
        self, *, clock: Clock, ledger: Ledger, ttl: int, wait: float, lease: float
    ) -> None:
        self._clock = clock
        self._ledger = ledger
        self._ttl = timedelta(seconds=ttl)
        self._wait = wait
        self._lease = timedelta(seconds=lease)

    async def charge_once(
        self, subscriber: Subscriber, feature: str, amount: int, key: str
    ) -> Consumption:
        """Charge the ledger if this request is the first with `key` (for this subject and
        feature); otherwise the first one's outcome, waiting for it while it runs."""
        names = _names(subscriber, feature, key)
        deadline = time.monotonic() + self._wait
        while True:
            now = self._clock.now()
            claim = await _claim(names, now, now + self._ttl, None)
            if claim is not None:
                outcome = await self._decide(subscriber, feature, amount, claim)
                return outcome if outcome.granted else replace(outcome, idempotency_id=None)
            first = await IdempotencyKey.get_or_none(**names)
            if first is None:
                continue  # the first request failed and gave its key back
            if first.expires_at <= now:
                await IdempotencyKey.filter(id=first.id, expires_at__lte=now).delete()
                continue
            if first.state == _KeyState.PENDING and _abandoned(first, now, max(self._wait, 1.0)):
                # Its request died between claiming the key and recording the outcome.
                await IdempotencyKey.filter(id=first.id, state=_KeyState.PENDING.value).delete()
                continue
            if first.state != _KeyState.PENDING:
                return _replay(first)
            if time.monotonic() >= deadline:
                raise IdempotencyKeyInUse()
            await asyncio.sleep(_POLL_INTERVAL)

    async def charge_request(
        self, subscriber: Subscriber, feature: str, amount: int, key: str, fingerprint: str
    ) -> Consumption:
        """Charge the ledger if this request is the first with `key` (for this subject and
        feature) and hold the key until `keep_response` or `release`; the `Consumption` then
        carries the key's `idempotency_id`, granted or refused.

        A retry raises instead, without consuming: `IdempotentReplay` with the stored response,
        `IdempotencyInProgress` while the first is being served, `IdempotencyKeyReused` for a
        request with another `fingerprint`, `IdempotentResponseNotStored` when the first
        response was too large to keep (or the key was used without HTTP).
        """
        names = _names(subscriber, feature, key)
        while True:
            now = self._clock.now()
            claim = await _claim(names, now, now + self._ttl, fingerprint)
            if claim is not None:
                return await self._decide(subscriber, feature, amount, claim)
            first = await IdempotencyKey.get_or_none(**names)
            if first is None:
                continue  # the first request failed and gave its key back
            if first.expires_at <= now:
                await IdempotencyKey.filter(id=first.id, expires_at__lte=now).delete()
                continue
            if first.fingerprint is None:
                raise IdempotentResponseNotStored()  # a consumption of the service API
            if first.fingerprint != fingerprint:
                raise IdempotencyKeyReused()
            if first.response_status is None:
                if _abandoned(first, now, self._lease.total_seconds()):
                    # Its instance died while serving it: this retry takes the key over.
                    await IdempotencyKey.filter(id=first.id, response_status=None).delete()
                    continue
                raise IdempotencyInProgress(retry_after=1)
            if first.response_body is None:
                raise IdempotentResponseNotStored()
            raise IdempotentReplay(
                first.response_status,
                tuple((str(name), str(value)) for name, value in first.response_headers or ()),
                bytes(first.response_body),
            )

    async def keep_response(self, consumption: Consumption, response: StoredResponse) -> None:
        """Store the response of the request holding `consumption`'s key, for its retries."""
        if consumption.idempotency_id is not None:
            await IdempotencyKey.filter(id=consumption.idempotency_id, response_status=None).update(
                response_status=response.status,
                response_headers=[list(pair) for pair in response.headers],
                response_body=response.body,
            )

    async def _decide(
        self, subscriber: Subscriber, feature: str, amount: int, claim: int
    ) -> Consumption:
        try:
            outcome = await self._ledger.charge(subscriber, feature, amount)
        except BaseException:
            await IdempotencyKey.filter(id=claim).delete()
            raise
        await IdempotencyKey.filter(id=claim).update(
            state=(_KeyState.GRANTED if outcome.granted else _KeyState.REFUSED).value,
            counter_id=outcome.counter_id,
            amount=amount,
            limit=outcome.limit,
            remaining=outcome.remaining,
            resets_at=outcome.resets_at,
        )
        return replace(outcome, idempotency_id=claim)

    async def release(self, consumption: Consumption) -> None:
        """Give back the key `consumption` claimed, if any: a retry with it runs afresh."""
        if consumption.idempotency_id is not None:
            await IdempotencyKey.filter(id=consumption.idempotency_id).delete()

    async def purge_expired(self) -> int:
        """Delete idempotency keys past their expiry (a cleanup step)."""
        return int(await IdempotencyKey.filter(expires_at__lte=self._clock.now()).delete())


def _names(subscriber: Subscriber, feature: str, key: str) -> dict[str, Any]:
    """The unique key of `key`'s row: keys are namespaced by subject and feature."""
    if not _IDEMPOTENCY_KEY.match(key):
        raise InvalidInput("Idempotency keys are 1-200 visible ASCII characters")
    return {**subject_filter(subscriber), "feature_code": feature, "key": key}


def _abandoned(row: IdempotencyKey, now: datetime, lease: float) -> bool:
    """A key still unresolved `lease` seconds after it was claimed: its request is gone (a
    crash after consuming would then count twice)."""
    return row.created_at <= now - timedelta(seconds=lease)


async def _claim(
    names: dict[str, Any], now: datetime, expires_at: datetime, fingerprint: str | None
) -> int | None:
    """Insert the key's row, pending; its id when this request won it, `None` when it exists."""
    with ignoring_duplicate():
        row = await IdempotencyKey.create(
            **names,
            state=_KeyState.PENDING.value,
            fingerprint=fingerprint,
            created_at=now,
            expires_at=expires_at,
        )
        return int(row.id)
    return None


def _replay(first: IdempotencyKey) -> Consumption:
    return Consumption(
        feature=first.feature_code,
        amount=first.amount,
        granted=first.state == _KeyState.GRANTED,
        limit=first.limit,
        remaining=first.remaining,
        resets_at=first.resets_at,
        replayed=True,
    )
