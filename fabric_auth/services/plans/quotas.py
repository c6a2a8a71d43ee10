"""Consuming a feature, the entry point of `quota()` and of jobs: the amount checked, the
ledger charged directly or once per idempotency key, a refusal raised (or returned), and units
(and the key) given back when the request they served failed.

Consumptions are not audited (an entry per request, inserted and then sequenced into the
chain, costs more than the hot path can afford).
"""

from __future__ import annotations

from fabric_auth.clock import Clock
from fabric_auth.exceptions import InvalidInput
from fabric_auth.services.plans.catalogue import MAX_UNITS
from fabric_auth.services.plans.idempotency import IdempotencyKeys, StoredResponse
from fabric_auth.services.plans.leases import LeasedConsumption, LeasedLedger
from fabric_auth.services.plans.ledger import Consumption, Ledger
from fabric_auth.services.plans.subscriber import Subscriber


class Quotas:
    def __init__(
        self, *, clock: Clock, ledger: Ledger, leases: LeasedLedger, keys: IdempotencyKeys
    ) -> None:
        self._clock = clock
        self._ledger = ledger
        self._leases = leases
        self._keys = keys

    async def consume(
        self,
        subscriber: Subscriber,
        feature: str,
        amount: int = 1,
        *,
        idempotency_key: str | None = None,
        lease: int = 0,
    ) -> Consumption:
        """Use `amount` units of `feature`; `QuotaExceeded` (429) when the period's limit would
        be passed, `FeatureNotAvailable` (403) when the plan lacks the feature.

        With `idempotency_key`, the first call decides and every retry with the same key (for
        this subject and feature) returns its outcome without consuming, also while the first
        is still running (the retry waits for it).

        `lease` > 0 serves the consumption from a block of up to that many units this instance
        claims from the store (`leases`); a consumption with an idempotency key is always
        charged in the store.
        """
        outcome = await self.charge(subscriber, feature, amount, idempotency_key, lease=lease)
        if not outcome.granted:
            raise outcome.refusal(self._clock.now())
        return outcome

    async def charge(
        self,
        subscriber: Subscriber,
        feature: str,
        amount: int,
        idempotency_key: str | None,
        *,
        lease: int = 0,
    ) -> Consumption:
        """Try to consume, as `consume` does; a refusal is returned (`granted` false), not
        raised, for a caller that answers it itself (`quota()` adds its headers)."""
        _check_amount(amount)
        if idempotency_key is None:
            if lease > 0:
                return await self._leases.charge(subscriber, feature, amount, lease)
            return await self._ledger.charge(subscriber, feature, amount)
        return await self._keys.charge_once(subscriber, feature, amount, idempotency_key)

    async def charge_request(
        self, subscriber: Subscriber, feature: str, amount: int, key: str, fingerprint: str
    ) -> Consumption:
        """Try to consume for an HTTP request sent with an idempotency key: a retry of it is
        answered with the first request's response (`IdempotencyKeys.charge_request`), and the
        key stays held until `keep_response` stores that response or `refund` gives it back."""
        _check_amount(amount)
        return await self._keys.charge_request(subscriber, feature, amount, key, fingerprint)

    async def keep_response(self, consumption: Consumption, response: StoredResponse) -> None:
        """Store the response the request holding `consumption`'s key got, for its retries."""
        await self._keys.keep_response(consumption, response)

    async def refund(self, consumption: Consumption) -> None:
        """Give back what `consumption` charged (the request it served failed); an idempotency
        key it claimed is released, so a retry with that key runs afresh."""
        if isinstance(consumption, LeasedConsumption):
            await self._leases.refund(consumption)
        else:
            await self._ledger.refund(consumption)
        await self._keys.release(consumption)


def _check_amount(amount: int) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount <= MAX_UNITS:
        raise InvalidInput(f"The amount to consume is a whole number from 0 to {MAX_UNITS}")
