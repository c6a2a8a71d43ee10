"""FastAPI dependencies for plans: `quota(feature, amount)` and `require_feature(feature)`.

The counting happens in `services.plans` (the store is the ledger); this module reads the
caller, the amount and the idempotency key from the request and answers with the quota headers
(`quota_headers`), on a grant and on a refusal.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

from fastapi import Request, Response

from fabric_auth.dependencies import resolve_caller
from fabric_auth.exceptions import (
    FeatureNotAvailable,
    IdempotencyKeyInUse,
    InvalidApiKey,
    InvalidInput,
    InvalidToken,
    NotAuthenticated,
    QuotaExceeded,
)
from fabric_auth.openapi import declare_errors, extend_operations
from fabric_auth.principal import Principal
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.plans import Consumption, Subscriber, validate_catalogue_code
from fabric_auth.settings import AuthSettings

AmountFunction = Callable[[Request], int | Awaitable[int]]
"""Computes the units a request consumes (e.g. from its body or query)."""

T = TypeVar("T")

KeyFunction = Callable[[Request], str | Awaitable[str | None] | None]
"""Reads a request's idempotency key (`None`: it has none)."""


def quota(
    feature: str,
    amount: int | AmountFunction = 1,
    *,
    idempotency_key: bool | KeyFunction = True,
) -> Callable[[Request, Response], AsyncIterator[Consumption]]:
    """A dependency consuming `amount` units of `feature` from the caller's plan for the
    current period; it returns the `Consumption`.

    Over the limit: 429 `quota_exceeded` with `Retry-After` (seconds until the period resets).
    Granted or refused, the response carries `X-Quota-Limit`, `X-Quota-Remaining` and
    `X-Quota-Reset`. A plan without the feature: 403 `feature_not_available`. If the route
    raises, the units are given back.

    `amount` may be a function of the request (sync or async). `idempotency_key`: `True` reads
    the header `AuthSettings.quota_idempotency_header` (`Idempotency-Key`), a function reads it
    your way, `False` ignores keys. A retry with a key already used (by this caller, for this
    feature) gets the first outcome again and consumes nothing.

    ```python
    @app.post("/generate")
    async def generate(usage: Consumption = Depends(quota("ai_generations"))): ...
    ```
    """
    validate_catalogue_code(feature)
    if isinstance(amount, int) and (isinstance(amount, bool) or amount < 0):
        raise ValueError("quota() amount must be 0 or more")

    async def consume_quota(request: Request, response: Response) -> AsyncIterator[Consumption]:
        runtime = FabricAuth.of(request)
        principal = await _caller(request)
        units = await _value(amount(request)) if callable(amount) else amount
        if isinstance(units, bool) or not isinstance(units, int):
            raise InvalidInput("The amount to consume is a whole number")
        key = await _key(request, runtime, idempotency_key)
        plans = runtime.services.plans
        consumption = await plans.charge(Subscriber.of(principal), feature, units, key)
        if runtime.metrics is not None:
            decision = "allowed" if consumption.granted else "denied"
            runtime.metrics.quota_decisions.labels(feature, decision).inc()
        now = runtime.services.clock.now()
        headers = quota_headers(consumption, now)
        if not consumption.granted:
            raise consumption.refusal(now, headers)
        response.headers.update(headers)
        try:
            yield consumption
        except BaseException:
            await plans.refund(consumption)
            raise

    declare_errors(consume_quota, *QUOTA_ERRORS)
    return extend_operations(consume_quota, document_quota)


QUOTA_ERRORS = (
    NotAuthenticated,
    InvalidToken,
    InvalidApiKey,
    InvalidInput,
    FeatureNotAvailable,
    QuotaExceeded,
    IdempotencyKeyInUse,
)
"""What a `quota()` route can answer beyond its own errors."""

_QUOTA_HEADERS = {
    "X-Quota-Limit": "Units the period allows (absent for unlimited features).",
    "X-Quota-Remaining": "Units left in the period after this request.",
    "X-Quota-Reset": "Seconds until the period resets (absent for lifetime limits).",
}


def document_quota(operation: dict[str, Any], settings: AuthSettings) -> None:
    """A `quota()` route in OpenAPI: its idempotency-key header and, on its success and
    `quota_exceeded` answers, the quota headers."""
    header = settings.quota_idempotency_header
    parameters = operation.setdefault("parameters", [])
    if header and not any(p.get("name") == header for p in parameters):
        parameters.append(
            {
                "name": header,
                "in": "header",
                "required": False,
                "description": "Makes a retry safe: the first request with this key (from "
                "this caller, for this feature) decides, a retry gets its answer again and "
                "consumes nothing (docs/plans-and-quotas.md).",
                "schema": {"type": "string", "pattern": "^[\\x21-\\x7e]{1,200}$"},
            }
        )
    headers = {
        name: {"description": text, "schema": {"type": "integer"}}
        for name, text in _QUOTA_HEADERS.items()
    }
    for status, response in operation.get("responses", {}).items():
        if status.startswith("2") or status == "429":
            response["headers"] = {**response.get("headers", {}), **headers}


def quota_headers(consumption: Consumption, now: datetime) -> dict[str, str]:
    """`X-Quota-Limit`, `X-Quota-Remaining`, `X-Quota-Reset` (seconds until the period
    resets; absent for lifetime limits). Nothing for unlimited features."""
    if consumption.limit is None:
        return {}
    headers = {
        "X-Quota-Limit": str(consumption.limit),
        "X-Quota-Remaining": str(consumption.remaining),
    }
    seconds = consumption.seconds_left(now)
    if seconds is not None:
        headers["X-Quota-Reset"] = str(seconds)
    return headers


def require_feature(feature: str) -> Callable[[Request], Awaitable[Principal]]:
    """A dependency admitting callers whose plan (or override) includes `feature` with a
    limit above 0; 403 `feature_not_available` otherwise. Returns the `Principal`.

    ```python
    @app.get("/sso/config", dependencies=[Depends(require_feature("sso"))])
    ```
    """
    validate_catalogue_code(feature)

    async def check_feature(request: Request) -> Principal:
        principal = await _caller(request)
        plans = FabricAuth.of(request).services.plans
        if not await plans.has_feature(Subscriber.of(principal), feature):
            raise FeatureNotAvailable()
        return principal

    return declare_errors(check_feature, FeatureNotAvailable)


async def _caller(request: Request) -> Principal:
    principal = await resolve_caller(request)
    if principal is None:
        raise NotAuthenticated()
    return principal


async def _value(value: T | Awaitable[T]) -> T:
    if inspect.isawaitable(value):
        return await value
    return value


async def _key(request: Request, runtime: FabricAuth, source: bool | KeyFunction) -> str | None:
    if source is False:
        return None
    if source is True:
        return request.headers.get(runtime.settings.quota_idempotency_header)
    return await _value(source(request))
