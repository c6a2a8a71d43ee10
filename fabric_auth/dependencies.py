"""FastAPI dependencies: who is calling, and how often.

`current_principal` is on every authenticated request's path, so it does no I/O: the token's
signature check is memoised per token string (see `tokens.access`) and revocation is a look-up
in the in-memory list that `services.revocation` keeps current.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NoReturn
from uuid import UUID

from fastapi import Request, Response
from fastapi.openapi.models import APIKey as APIKeyModel
from fastapi.openapi.models import APIKeyIn
from fastapi.openapi.models import HTTPBearer as HTTPBearerModel
from fastapi.openapi.models import SecurityBase as SecuritySchemeModel
from fastapi.security.base import SecurityBase
from limits import RateLimitItem

from fabric_auth.credentials import credentials_of
from fabric_auth.exceptions import (
    ConfigurationError,
    CredentialNotAllowed,
    CsrfFailed,
    EscalationDenied,
    InvalidApiKey,
    InvalidToken,
    NotAuthenticated,
    PermissionDenied,
    RateLimited,
    ReauthRequired,
    ScopeDenied,
)
from fabric_auth.http import client_info, client_ip
from fabric_auth.openapi import API_KEY_SCHEME, BEARER_SCHEME, USER_TOKEN_SCHEME, declare_errors
from fabric_auth.permissions import PermissionSet, validate_code
from fabric_auth.principal import AuthMethod, Principal, PrincipalKind
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.audit import Subject
from fabric_auth.services.authorization import RULES, Action, Denial, permission_denial
from fabric_auth.services.rate_limits import RateLimitResult, parse_limits
from fabric_auth.store.models import ServiceAccount


def resolve_principal(request: Request) -> Principal | None:
    """The caller of this request by access token (bearer or cookie), `None` without one;
    raises for bad ones. API keys need a store look-up when cold: see `resolve_caller`."""
    return credentials_of(request).token_caller(request)


async def resolve_caller(request: Request) -> Principal | None:
    """The caller of this request by any credential — access token or API key — `None`
    without credentials; raises for bad ones. What `current_principal` and `require` use."""
    caller = credentials_of(request).caller(request)
    return caller if caller is None or isinstance(caller, Principal) else await caller


def _narrowed(principal: Principal, permissions: PermissionSet) -> Principal:
    if principal.scopes is not None:
        permissions = permissions.intersect(principal.scopes)
    return principal.granted(permissions)


class _CallerScheme(SecurityBase):
    """A dependency that is its own OpenAPI security scheme (HTTP bearer).

    FastAPI calls a `SecurityBase` dependency directly and lists it under `security` in
    OpenAPI, so no extra scheme sub-dependencies run per request: every dependency layer costs
    a measurable share of a fast route (see bench/RESULTS.md). The cookie transport is
    documented in docs/concepts.md.
    """

    def __init__(self, admits: Admits | None = None) -> None:
        self.admits = admits
        self.model, self.scheme_name = _SCHEMES[admits.scheme if admits else BEARER_SCHEME]


# A cookie-authenticated unsafe request without its CSRF header is 403 `csrf_failed`.
declare_errors(_CallerScheme, NotAuthenticated, InvalidToken, InvalidApiKey, CsrfFailed)


@dataclass(frozen=True, slots=True)
class Admits:
    """Which callers a resolver admits: principal kinds, and how they authenticated."""

    kinds: frozenset[PrincipalKind]
    methods: frozenset[AuthMethod]
    scheme: str
    """The OpenAPI security scheme these callers use."""

    def refusal(self, principal: Principal) -> Denial | None:
        if principal.kind in self.kinds and principal.auth_method in self.methods:
            return None
        kinds = " or ".join(sorted(kind.value.replace("_", " ") for kind in self.kinds))
        methods = " or ".join(sorted(method.value.replace("_", " ") for method in self.methods))
        return Denial(CredentialNotAllowed(f"Only a {kinds} may call this, by {methods}"))


ANY_CALLER = Admits(frozenset(PrincipalKind), frozenset(AuthMethod), BEARER_SCHEME)
USERS = Admits(
    frozenset({PrincipalKind.USER}),
    frozenset({AuthMethod.BEARER, AuthMethod.COOKIE}),
    USER_TOKEN_SCHEME,
)
API_KEYS = Admits(frozenset(PrincipalKind), frozenset({AuthMethod.API_KEY}), API_KEY_SCHEME)
SERVICE_ACCOUNTS = Admits(
    frozenset({PrincipalKind.SERVICE_ACCOUNT}), frozenset({AuthMethod.API_KEY}), API_KEY_SCHEME
)

_SCHEMES: dict[str, tuple[SecuritySchemeModel, str]] = {
    BEARER_SCHEME: (
        HTTPBearerModel(
            bearerFormat="JWT",
            description="Access token (or, with cookie transport, the access cookie; unsafe "
            "methods then need the CSRF header). An API key (fa_... or fas_...) is accepted "
            "here too, or in the X-API-Key header.",
        ),
        BEARER_SCHEME,
    ),
    USER_TOKEN_SCHEME: (
        HTTPBearerModel(
            bearerFormat="JWT",
            description="A user's access token (or, with cookie transport, the access cookie; "
            "unsafe methods then need the CSRF header). API keys are refused.",
        ),
        USER_TOKEN_SCHEME,
    ),
    API_KEY_SCHEME: (
        APIKeyModel(
            **{"in": APIKeyIn.header},
            name="X-API-Key",
            description="An API key (fa_... of a user, fas_... of a service account); also "
            "accepted as `Authorization: Bearer <key>`.",
        ),
        API_KEY_SCHEME,
    ),
}


class CurrentPrincipal(_CallerScheme):
    async def __call__(self, request: Request) -> Principal:
        principal = credentials_of(request).caller(request)
        if principal is not None and not isinstance(principal, Principal):
            principal = await principal  # no extra coroutine on the hot path
        if principal is None:
            raise NotAuthenticated()
        return principal


class KindPrincipal(CurrentPrincipal):
    """The caller, if of the kinds (and credentials) this resolver admits; 401 without a
    credential, 403 `credential_not_allowed` for another kind."""

    async def __call__(self, request: Request) -> Principal:
        principal = await super().__call__(request)
        await _admit_kind(request, principal, self.admits)
        return principal


declare_errors(KindPrincipal, CredentialNotAllowed)


class NamedServiceAccount(KindPrincipal):
    """The caller, if it is the service account `slug` (by one of its keys)."""

    def __init__(self, slug: str) -> None:
        super().__init__(SERVICE_ACCOUNTS)
        self.slug = slug
        self._ids: dict[int, UUID] = {}
        """The account's id by runtime (`id(runtime)`): slugs never change."""

    async def __call__(self, request: Request) -> Principal:
        principal = await super().__call__(request)
        runtime = FabricAuth.of(request)
        if self._ids.get(id(runtime)) != principal.id:
            # Cold, or another account: look the slug up again (it may have been re-created).
            account = await ServiceAccount.get_or_none(slug=self.slug)
            if account is not None:
                self._ids[id(runtime)] = account.id
            if account is None or account.id != principal.id:
                error = CredentialNotAllowed(
                    f"Only the service account {self.slug!r} may call this"
                )
                await runtime.services.authorization.deny(
                    principal,
                    f"service_account {self.slug}",
                    Denial(error),
                    client=client_info(request),
                )
        return principal


async def _admit_kind(request: Request, principal: Principal, admits: Admits | None) -> None:
    denial = admits.refusal(principal) if admits else None
    if denial is not None:
        await FabricAuth.of(request).services.authorization.deny(
            principal, "caller kind", denial, client=client_info(request)
        )


class OptionalPrincipal(_CallerScheme):
    async def __call__(self, request: Request) -> Principal | None:
        principal = credentials_of(request).caller(request)
        if principal is not None and not isinstance(principal, Principal):
            principal = await principal
        return principal


current_principal = CurrentPrincipal()
"""The authenticated caller; 401 when there is none or the credential is not valid."""

optional_principal = OptionalPrincipal()
"""The caller if credentials were sent (they must then be valid), else `None`."""

user_principal = KindPrincipal(USERS)
"""The caller, if a user signed in (bearer access token or cookie); API keys get 403
`credential_not_allowed`."""

api_key_principal = KindPrincipal(API_KEYS)
"""The caller, if it presented an API key (a user's or a service account's); 403
`credential_not_allowed` for access tokens and cookies."""

service_account_principal = KindPrincipal(SERVICE_ACCOUNTS)
"""The caller, if a service account (by one of its API keys); 403 `credential_not_allowed`
for users, whatever their credential."""


def service_account(slug: str) -> NamedServiceAccount:
    """A dependency admitting only the service account `slug` (by one of its keys): for a
    route one other service calls.

    ```python
    @app.post("/internal/reindex", dependencies=[Depends(service_account("data-pipeline"))])
    ```
    """
    return NamedServiceAccount(slug)


_DECISIONS_LIMIT = 10_000
"""Callers remembered per permission check (as many as the access-token cache holds)."""


@dataclass(frozen=True, slots=True)
class _Decision:
    """A permission check's outcome for one caller on one permission set."""

    caller: Principal
    on: PermissionSet
    principal: Principal
    """The caller with its effective permissions, built once per caller and permission set."""
    missing: tuple[str, ...] | None
    """What the caller lacks, when that denies it; `None` when it is admitted."""


class PermissionCheck(_CallerScheme):
    """The dependency `require(...)` / `require_any(...)` return."""

    def __init__(
        self, codes: tuple[str, ...], *, need_all: bool, admits: Admits | None = None
    ) -> None:
        super().__init__(admits)
        self.action: Action | None = None
        if not codes:
            raise ValueError("require() needs at least one permission code")
        for code in codes:
            validate_code(code)
        self.codes = codes
        self.need_all = need_all
        self._decisions: dict[int, _Decision] = {}
        """By the caller's `id()`: the caller and the permission set decided on, and the
        outcome. Both are immutable and kept alive by the entry, so the id cannot be reused
        while it is here."""

    async def __call__(self, request: Request) -> Principal:
        runtime = FabricAuth.of(request)
        caller = runtime.credentials.caller(request)
        if caller is not None and not isinstance(caller, Principal):
            caller = await caller
        if caller is None:
            raise NotAuthenticated()
        rbac = runtime.services.rbac
        permissions = rbac.cached(caller.id)  # warm: no coroutine
        if permissions is None:
            permissions = await rbac.permissions_of(caller.id)
        decision = self._decisions.get(id(caller))
        # The permission cache hands out the same set until the user's permissions change
        # (an invalidation or its time-to-live drops the entry; the next load is a new set):
        # the decision is reused exactly as long as the set it was made on.
        if decision is None or decision.caller is not caller or decision.on is not permissions:
            decision = self._decide(caller, permissions)
        if decision.missing is not None:
            missing = list(decision.missing)
            await _deny(request, decision.principal, permissions, missing, self.action)
        return decision.principal

    def _decide(self, caller: Principal, permissions: PermissionSet) -> _Decision:
        principal = _narrowed(caller, permissions)
        missing = principal.permissions.missing(self.codes)
        denied = bool(missing) if self.need_all else len(missing) == len(self.codes)
        decision = _Decision(caller, permissions, principal, tuple(missing) if denied else None)
        if len(self._decisions) >= _DECISIONS_LIMIT:
            self._decisions.clear()
        self._decisions[id(caller)] = decision
        return decision

    def __repr__(self) -> str:
        return f"require{'' if self.need_all else '_any'}{self.codes!r}"


declare_errors(PermissionCheck, PermissionDenied, ScopeDenied, CredentialNotAllowed)


class ActionCheck(PermissionCheck):
    """The dependency `authorized(action)` returns: the caller, once the decision point
    (`services.authorization`) allows it `action` as far as the request alone tells."""

    def __init__(self, action: Action) -> None:
        self.rule = RULES[action]
        super().__init__((self.rule.permission,), need_all=True)
        self.action = action
        if self.rule.proof:
            declare_errors(self, ReauthRequired)
        if self.rule.touches:
            declare_errors(self, EscalationDenied)

    async def __call__(self, request: Request) -> Principal:
        principal = await super().__call__(request)
        denial = permission_denial(principal, self.rule, None)
        if denial is not None:
            await FabricAuth.of(request).services.authorization.deny(
                principal, self.action or "", denial, client=client_info(request)
            )
        return principal

    def __repr__(self) -> str:
        return f"authorized({self.action!s})"


def authorized(action: Action) -> ActionCheck:
    """A dependency admitting callers the decision point allows `action`, so far as the
    request alone tells (the permission, the kind of credential); returns the `Principal`
    with its effective permissions. What needs the target (who it is, what it holds) is
    decided when the service acts. fabric-auth's own routers guard every route with this."""
    return ActionCheck(action)


class KindPermissionCheck(PermissionCheck):
    """`require(..., kinds=...)`: the kind first, then the permissions."""

    async def __call__(self, request: Request) -> Principal:
        principal = await current_principal(request)
        await _admit_kind(request, principal, self.admits)
        return await super().__call__(request)


def require(*codes: str, kinds: Iterable[PrincipalKind | str] | None = None) -> PermissionCheck:
    """A dependency admitting callers that hold *every* permission named; returns the
    `Principal` with its effective permissions. 403 `permission_denied` names what is missing.
    `kinds` admits only those principal kinds (`"user"`, `"service_account"`; 403
    `credential_not_allowed` for others), e.g. `require("reports:read", kinds=["user"])`.

    ```python
    @app.get("/reports", dependencies=[Depends(require("reports:read"))])
    ```
    """
    return _permission_check(codes, need_all=True, kinds=kinds)


def require_any(*codes: str, kinds: Iterable[PrincipalKind | str] | None = None) -> PermissionCheck:
    """Like `require`, admitting callers that hold *at least one* of the permissions."""
    return _permission_check(codes, need_all=False, kinds=kinds)


def _permission_check(
    codes: tuple[str, ...], *, need_all: bool, kinds: Iterable[PrincipalKind | str] | None
) -> PermissionCheck:
    if kinds is None:
        return PermissionCheck(codes, need_all=need_all)
    admitted = frozenset(PrincipalKind(kind) for kind in kinds)
    if not admitted:
        raise ValueError("kinds= needs at least one principal kind")
    if admitted == {PrincipalKind.USER}:
        admits = Admits(admitted, frozenset(AuthMethod), BEARER_SCHEME)
    elif admitted == {PrincipalKind.SERVICE_ACCOUNT}:
        admits = SERVICE_ACCOUNTS
    else:
        admits = ANY_CALLER
    return KindPermissionCheck(codes, need_all=need_all, admits=admits)


async def _deny(
    request: Request,
    principal: Principal,
    owner: PermissionSet,
    missing: list[str],
    action: Action | None,
) -> NoReturn:
    """Refuse a caller lacking `missing`: `scope_denied` when it is an API key whose owner
    (`owner`: the owner's own permissions) holds them all, `permission_denied` otherwise."""
    scoped_out = principal.is_narrowed and not owner.missing(missing)
    error = (ScopeDenied if scoped_out else PermissionDenied)(
        f"Missing permission: {', '.join(missing)}"
    )
    await FabricAuth.of(request).services.authorization.deny(
        principal,
        action or "route",
        Denial(error, ",".join(missing)),
        Subject("route", request.url.path[:64]),
        client=client_info(request),
        details={"missing": missing, "method": request.method},
    )


# --- rate limits --------------------------------------------------------------------------

RateLimitKey = Callable[[Request], str | Awaitable[str]]
"""A function naming whom a request is counted against."""


def ip_key(request: Request) -> str:
    """Count by client address (behind trusted proxies, the forwarded one)."""
    return f"ip:{client_ip(request)}"


async def principal_key(request: Request) -> str:
    """Count by authenticated principal; anonymous requests by client address."""
    try:
        principal = await resolve_caller(request)
    except (InvalidToken, InvalidApiKey, CsrfFailed):
        principal = None
    return f"principal:{principal.id}" if principal else ip_key(request)


_KEYS: dict[str, RateLimitKey] = {"ip": ip_key, "principal": principal_key}


def rate_limit(
    limit: str,
    *,
    key: Literal["ip", "principal"] | RateLimitKey = "ip",
    scope: str | None = None,
) -> Callable[[Request, Response], Awaitable[None]]:
    """A dependency refusing requests beyond `limit` (`"5/minute"`, `"100/hour;10/minute"`)
    with 429 `rate_limited`, `Retry-After` and `RateLimit-*` headers.

    `key` says whom to count: `"ip"` (default), `"principal"`, or a function of the request.
    `scope` names the bucket; by default each route (method and path template) has its own.
    Counters live in memory, or in Redis when `FABRIC_AUTH_REDIS_URL` is set (shared by every
    instance).

    ```python
    @app.post("/generate", dependencies=[Depends(rate_limit("10/minute", key="principal"))])
    ```
    """
    items = parse_limits(limit)
    key_function = _key_function(key)

    async def enforce_rate_limit(request: Request, response: Response) -> None:
        await _enforce(request, response, items, key_function, scope)

    return declare_errors(enforce_rate_limit, RateLimited)


def configured_rate_limit(
    setting: str, *, key: Literal["ip", "principal"] = "ip"
) -> Callable[[Request, Response], Awaitable[None]]:
    """Like `rate_limit`, with the limit read from the named `AuthSettings` field at request
    time (`None` there turns it off). Used by fabric-auth's own routers."""
    key_function = _key_function(key)

    async def enforce_configured_rate_limit(request: Request, response: Response) -> None:
        limit = getattr(FabricAuth.of(request).settings, setting)
        if limit is not None:
            await _enforce(request, response, _parsed(limit), key_function, setting)

    return declare_errors(enforce_configured_rate_limit, RateLimited)


def _key_function(key: Literal["ip", "principal"] | RateLimitKey) -> RateLimitKey:
    if callable(key):
        return key
    if key not in _KEYS:
        raise ConfigurationError(f"rate_limit key must be 'ip', 'principal' or a function: {key!r}")
    return _KEYS[key]


@lru_cache(maxsize=64)
def _parsed_cached(limit: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_limits(limit))


def _parsed(limit: str) -> list[RateLimitItem]:
    return list(_parsed_cached(limit))


async def _enforce(
    request: Request,
    response: Response,
    items: list[RateLimitItem],
    key_function: RateLimitKey,
    scope: str | None,
) -> None:
    limiter = FabricAuth.of(request).services.rate_limiter
    if not limiter.enabled:
        return
    identity = key_function(request)
    if inspect.isawaitable(identity):
        identity = await identity
    bucket = scope or _route_scope(request)
    result = await limiter.hit_or_allow(items, bucket, str(identity))
    if result is None:
        return
    headers = _headers(result)
    if not result.allowed:
        metrics = FabricAuth.of(request).metrics
        if metrics is not None:
            metrics.rate_limit_hits.labels(route=_route_scope(request)).inc()
        raise RateLimited(retry_after=result.reset_after, headers=headers)
    response.headers.update(headers)


def _route_scope(request: Request) -> str:
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    return f"{request.method} {path}"


def _headers(result: RateLimitResult) -> dict[str, str]:
    return {
        "RateLimit-Limit": str(result.limit),
        "RateLimit-Remaining": str(result.remaining),
        "RateLimit-Reset": str(result.reset_after),
    }
