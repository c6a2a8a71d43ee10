"""FastAPI dependencies for plans: `quota(feature, amount)` and `require_feature(feature)`.

The counting happens in `services.plans` (the store is the ledger); this module reads the
caller, the amount and the idempotency key from the request and answers with the quota headers
(`quota_headers`), on a grant and on a refusal.

A request sent with an idempotency key holds it (`_Held`, left in the ASGI scope) until
`install()`'s middleware has seen its response and stored it for the retries; a retry raises
`IdempotentReplay`, which the installed handler (and `FabricRoute`) answer with that response,
so the route never runs twice.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from fastapi import Request, Response

from fabric_auth.cache import BoundedCache
from fabric_auth.context import RUNTIME_SCOPE_KEY
from fabric_auth.dependencies import resolve_caller
from fabric_auth.exceptions import (
    ConfigurationError,
    FeatureNotAvailable,
    IdempotencyInProgress,
    IdempotencyKeyReused,
    IdempotentResponseNotStored,
    InvalidApiKey,
    InvalidInput,
    InvalidToken,
    NotAuthenticated,
    QuotaExceeded,
)
from fabric_auth.http import REPLAY_HEADER
from fabric_auth.middleware import CHARGES_SCOPE_KEY, IDEMPOTENCY_SCOPE_KEY
from fabric_auth.openapi import declare_errors, extend_operations
from fabric_auth.principal import Principal
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.plans import (
    Consumption,
    PlanService,
    StoredResponse,
    Subscriber,
    validate_catalogue_code,
)
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
    lease: int | None = None,
) -> Callable[[Request, Response], Awaitable[Consumption]]:
    """A dependency consuming `amount` units of `feature` from the caller's plan for the
    current period; it returns the `Consumption`.

    Over the limit: 429 `quota_exceeded` with `Retry-After` (seconds until the period resets).
    Granted or refused, the response carries `X-Quota-Limit`, `X-Quota-Remaining` and
    `X-Quota-Reset`. A plan without the feature: 403 `feature_not_available`. If the request
    fails — the route (or a later dependency) raises, or the answer is a 5xx — the units are
    given back; a 4xx response the route returns is its answer, and the units are kept.

    `amount` may be a function of the request (sync or async). `idempotency_key`: `True` reads
    the header `AuthSettings.quota_idempotency_header` (`Idempotency-Key`), a function reads it
    your way, `False` ignores keys. A retry with a key already used (by this caller, for this
    feature) gets the first response again, marked `Idempotent-Replayed: true`, without running
    the route or consuming; while the first is served, 409 `idempotency_in_progress`; with
    another method, path, query or body, 422 `idempotency_key_reused`. Needs
    `FabricAuth.install(app)`, whose middleware settles the request: it stores the responses
    for the keys, and gives units back when the request fails.

    A plain dependency, not one with `yield`: giving back is the middleware's, which sees how
    the request ended, so a request pays no context-manager machinery (bench/RESULTS.md).

    `lease`: units this instance claims from the store at a time and serves from memory
    (`None`: `AuthSettings.quota_lease`; 0: every request is charged in the store). Never an
    overdraft; usage shown lags by the outstanding blocks (docs/plans-and-quotas.md, "Quota
    leases"). Requests with an idempotency key are charged in the store all the same.

    ```python
    @app.post("/generate")
    async def generate(usage: Consumption = Depends(quota("ai_generations"))): ...
    ```
    """
    validate_catalogue_code(feature)
    if isinstance(amount, int) and (isinstance(amount, bool) or amount < 0):
        raise ValueError("quota() amount must be 0 or more")
    if lease is not None and (isinstance(lease, bool) or lease < 0):
        raise ValueError("quota() lease must be 0 or more")

    async def consume_quota(request: Request, response: Response) -> Consumption:
        runtime: FabricAuth | None = request.scope.get(RUNTIME_SCOPE_KEY)
        if runtime is None:  # no middleware of `install()`'s to settle the request
            raise ConfigurationError(_NEEDS_INSTALL)
        principal = await _caller(request)
        units = await _value(amount(request)) if callable(amount) else amount
        if isinstance(units, bool) or not isinstance(units, int):
            raise InvalidInput("The amount to consume is a whole number")
        key = await _key(request, runtime, idempotency_key)
        plans = runtime.services.plans
        if key is None:
            block = runtime.settings.quota_lease if lease is None else lease
            consumption = await plans.charge(
                _subscriber(principal), feature, units, None, lease=block
            )
            if consumption.counter_id is not None:
                request.scope.setdefault(CHARGES_SCOPE_KEY, []).append(_Held(plans, consumption))
        else:
            consumption = await _hold(request, plans, _subscriber(principal), feature, units, key)
        if runtime.metrics is not None:
            decision = "allowed" if consumption.granted else "denied"
            runtime.metrics.quota_decisions.labels(feature, decision).inc()
        now = runtime.services.clock.now()
        headers = quota_headers(consumption, now)
        if not consumption.granted:
            raise consumption.refusal(now, headers)
        _add_headers(response, headers)
        return consumption

    declare_errors(consume_quota, *QUOTA_ERRORS)
    return extend_operations(consume_quota, document_quota)


QUOTA_ERRORS = (
    NotAuthenticated,
    InvalidToken,
    InvalidApiKey,
    InvalidInput,
    FeatureNotAvailable,
    QuotaExceeded,
    IdempotencyInProgress,
    IdempotencyKeyReused,
    IdempotentResponseNotStored,
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
    headers: dict[str, Any] = {
        name: {"description": text, "schema": {"type": "integer"}}
        for name, text in _QUOTA_HEADERS.items()
    }
    headers[REPLAY_HEADER] = {
        "description": "`true` on the stored answer of an earlier request with the same "
        "idempotency key (the route did not run again).",
        "schema": {"type": "string", "enum": ["true"]},
    }
    for status, response in operation.get("responses", {}).items():
        if status.startswith("2") or status == "429":
            response["headers"] = {**response.get("headers", {}), **headers}


@dataclass(frozen=True, slots=True, eq=False)
class _Held:
    """What a request consumed, left in the ASGI scope for the middleware to settle: units
    charged without a key are given back if the request fails (`failed`); an idempotency key
    this request won gets its response stored for the retries (`answered`), or the key and its
    units are given back (`failed`)."""

    plans: PlanService
    consumption: Consumption

    @property
    def granted(self) -> bool:
        return self.consumption.granted

    async def answered(
        self, status: int, headers: tuple[tuple[str, str], ...], body: bytes | None
    ) -> None:
        await self.plans.keep_response(self.consumption, StoredResponse(status, headers, body))

    async def failed(self) -> None:
        await self.plans.refund(self.consumption)


_NEEDS_INSTALL = (
    "quota() needs FabricAuth.install(app): its middleware gives units back when a request "
    "fails, and stores the responses retries with an idempotency key get"
)


async def _hold(
    request: Request, plans: PlanService, subscriber: Subscriber, feature: str, units: int, key: str
) -> Consumption:
    """Charge once per idempotency key: this request wins the key and holds it (the middleware
    settles it), or `IdempotentReplay` (or a 409, 422) answers it as a retry."""
    fingerprint = await _fingerprint(request)
    consumption = await plans.charge_request(subscriber, feature, units, key, fingerprint)
    request.scope.setdefault(IDEMPOTENCY_SCOPE_KEY, []).append(_Held(plans, consumption))
    return consumption


async def _fingerprint(request: Request) -> str:
    """SHA-256 of the method, path, query and body: what makes a retry the same request."""
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.url.path}?{request.url.query}\n".encode())
    digest.update(await request.body())
    return digest.hexdigest()


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
        if not await plans.has_feature(_subscriber(principal), feature):
            raise FeatureNotAvailable()
        return principal

    return declare_errors(check_feature, FeatureNotAvailable)


_SUBSCRIBERS: BoundedCache[UUID, Subscriber] = BoundedCache(100_000)
"""Subscribers by principal id: `Subscriber.of` formats the UUID as text, a microsecond per
request otherwise. Ids are UUIDs, unique across users and service accounts."""


def _subscriber(principal: Principal) -> Subscriber:
    subscriber = _SUBSCRIBERS.get(principal.id)
    if subscriber is None:
        subscriber = _SUBSCRIBERS.put(principal.id, Subscriber.of(principal))
    return subscriber


def _add_headers(response: Response, headers: dict[str, str]) -> None:
    """Add the quota headers to the response FastAPI builds. Appended as they are unless the
    response has some of them already (a second `quota()` on the route), which `update`
    replaces: it re-scans the headers for every name it sets."""
    raw = response.raw_headers
    if any(name.startswith(b"x-quota-") for name, _ in raw):
        response.headers.update(headers)
    else:
        raw.extend(
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in headers.items()
        )


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
