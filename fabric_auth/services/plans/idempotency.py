"""Consumptions sent with an idempotency key: the first decides, every retry gets its outcome.

A key is claimed by inserting its row (unique subject, feature, key): exactly one request wins
and charges the ledger; the others wait for its outcome and return that, consuming nothing. A
failed request gives its key back (`release`), so a retry runs afresh.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from fabric_auth.clock import Clock
from fabric_auth.exceptions import IdempotencyKeyInUse, InvalidInput
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


class IdempotencyKeys:
    def __init__(self, *, clock: Clock, ledger: Ledger, ttl: int, wait: float) -> None:
        self._clock = clock
        self._ledger = ledger
        self._ttl = timedelta(seconds=ttl)
        self._wait = wait

    async def charge_once(
        self, subscriber: Subscriber, feature: str, amount: int, key: str
    ) -> Consumption:
        """Charge the ledger if this request is the first with `key` (for this subject and
        feature); otherwise the first one's outcome, waiting for it while it runs."""
        if not _IDEMPOTENCY_KEY.match(key):
            raise InvalidInput("Idempotency keys are 1-200 visible ASCII characters")
        names = {**subject_filter(subscriber), "feature_code": feature, "key": key}
        deadline = time.monotonic() + self._wait
        while True:
            now = self._clock.now()
            claim = await _claim(names, now, now + self._ttl)
            if claim is not None:
                return await self._decide(subscriber, feature, amount, claim)
            first = await IdempotencyKey.get_or_none(**names)
            if first is None:
                continue  # the first request failed and gave its key back
            if first.expires_at <= now:
                await IdempotencyKey.filter(id=first.id, expires_at__lte=now).delete()
                continue
            if first.state == _KeyState.PENDING and _abandoned(first, now, self._wait):
                # Its request died between claiming the key and recording the outcome.
                await IdempotencyKey.filter(id=first.id, state=_KeyState.PENDING.value).delete()
                continue
            if first.state != _KeyState.PENDING:
                return _replay(first)
            if time.monotonic() >= deadline:
                raise IdempotencyKeyInUse()
            await asyncio.sleep(_POLL_INTERVAL)

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
        return replace(outcome, idempotency_id=claim) if outcome.granted else outcome

    async def release(self, consumption: Consumption) -> None:
        """Give back the key `consumption` claimed, if any: a retry with it runs afresh."""
        if consumption.idempotency_id is not None:
            await IdempotencyKey.filter(id=consumption.idempotency_id).delete()

    async def purge_expired(self) -> int:
        """Delete idempotency keys past their expiry (a cleanup step)."""
        return int(await IdempotencyKey.filter(expires_at__lte=self._clock.now()).delete())


def _abandoned(row: IdempotencyKey, now: datetime, wait: float) -> bool:
    """A key still pending long after it was claimed: recording an outcome takes a few
    queries, so its request is gone (a crash after consuming would then count twice)."""
    return row.created_at <= now - timedelta(seconds=max(wait, 1.0))


async def _claim(names: dict[str, Any], now: datetime, expires_at: datetime) -> int | None:
    """Insert the key's row, pending; its id when this request won it, `None` when it exists."""
    with ignoring_duplicate():
        row = await IdempotencyKey.create(
            **names, state=_KeyState.PENDING.value, created_at=now, expires_at=expires_at
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
