"""FastAPI dependencies: who is calling, and how often.

`current_principal` is on every authenticated request's path, so it does no I/O: the token's
signature check is memoised per token string (see `tokens.access`) and revocation is a look-up
in the in-memory list that `services.revocation` keeps current.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, NoReturn

from fastapi import Request, Response
from fastapi.openapi.models import HTTPBearer as HTTPBearerModel
from fastapi.security.base import SecurityBase
from limits import RateLimitItem

from fabric_auth.cookies import SAFE_METHODS, CookieNames, csrf_matches
from fabric_auth.exceptions import (
    ConfigurationError,
    CsrfFailed,
    InvalidApiKey,
    InvalidToken,
    NotAuthenticated,
    PermissionDenied,
    RateLimited,
    ScopeDenied,
)
from fabric_auth.http import client_info, client_ip
from fabric_auth.permissions import PermissionSet, validate_code
from fabric_auth.principal import AuthMethod, Principal
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.audit import Subject
from fabric_auth.services.authorization import RULES, Action, Denial, permission_denial
from fabric_auth.services.rate_limits import RateLimitResult, parse_limits
from fabric_auth.tokens.access import VerifiedToken
from fabric_auth.tokens.api_keys import looks_like_key

if TYPE_CHECKING:
    from fabric_auth.services.container import AuthServices

logger = logging.getLogger("fabric_auth.rate_limits")


def resolve_principal(request: Request) -> Principal | None:
    """The caller of this request by access token (bearer or cookie), `None` without one;
    raises for bad ones. API keys need a store look-up when cold: see `resolve_caller`."""
    return _resolve(FabricAuth.of(request), request)


async def resolve_caller(request: Request) -> Principal | None:
    """The caller of this request by any credential — access token or API key — `None`
    without credentials; raises for bad ones. What `current_principal` and `require` use."""
    return await _awaited(_caller(FabricAuth.of(request), request))


def _credentials(request: Request) -> tuple[bytes | None, bytes | None]:
    """The raw `Authorization` and `X-API-Key` header values, read in one pass over the
    request's headers (every authenticated request does this)."""
    authorization = api_key = None
    for name, value in request.scope["headers"]:
        if name == b"authorization":
            authorization = value
        elif name == b"x-api-key":
            api_key = value
    return authorization, api_key


def _bearer_token(authorization: bytes) -> str:
    scheme, _, token = authorization.decode("latin-1").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise InvalidToken()
    return token


def _caller(runtime: FabricAuth, request: Request) -> Principal | Awaitable[Principal] | None:
    """The caller by its credential, in order: `Authorization: Bearer` (an API key is told from
    a JWT by its prefix alone), then `X-API-Key`, then the access cookie; `None` without one;
    raises for bad ones. Synchronous except for an API key this instance has not seen yet,
    whose store look-up is returned as an awaitable (see `_awaited`).

    A bearer token seen before is found by the header's raw bytes, before any decoding or
    parsing; only expiry and revocation are checked again (see `_admit`)."""
    authorization, api_key = _credentials(request)
    services = runtime.services
    if authorization is not None:
        verified = services.principals.get(authorization)
        if verified is None or verified.expires_at <= services.clock.timestamp():
            token = _bearer_token(authorization)
            if looks_like_key(token):
                return _by_key(services, request, token)
            verified = _verify(services, token, authorization)
        return _admit(services, verified)
    if api_key is not None:
        return _by_key(services, request, api_key.decode("latin-1"))
    return _from_cookie(runtime, request)


def _by_key(services: AuthServices, request: Request, key: str) -> Principal | Awaitable[Principal]:
    keys = services.api_keys

    def address() -> str:
        return client_ip(request)

    return keys.known(key, address) or keys.authenticate(key, address)


async def _awaited(caller: Principal | Awaitable[Principal] | None) -> Principal | None:
    """`_caller`'s answer, its store look-up awaited if it needed one."""
    return caller if caller is None or isinstance(caller, Principal) else await caller


def _resolve(runtime: FabricAuth, request: Request) -> Principal | None:
    authorization, _ = _credentials(request)
    if authorization is not None:
        services = runtime.services
        token = _bearer_token(authorization)
        return _admit(services, _verify(services, token, authorization))
    return _from_cookie(runtime, request)


def _from_cookie(runtime: FabricAuth, request: Request) -> Principal | None:
    names = _cookie_names(runtime)
    cookie = request.cookies.get(names.access) if names else None
    if cookie is None:
        return None
    services = runtime.services
    token = cookie.strip()
    principal = _admit(services, _verify(services, token, (token, AuthMethod.COOKIE)))
    if request.method not in SAFE_METHODS:
        header = request.headers.get(runtime.settings.csrf_header_name)
        assert principal.session_id is not None
        if not csrf_matches(services.csrf_key, principal.session_id, header):
            raise CsrfFailed()
    return principal


def _verify(
    services: AuthServices, token: str, cache_key: bytes | tuple[str, AuthMethod]
) -> VerifiedToken:
    """The token verified (or `InvalidToken`), remembered under `cache_key`. A verified
    token's Principal is immutable: it is built once per token, and checked on each use."""
    verified = services.principals.get(cache_key)
    if verified is None or verified.expires_at <= services.clock.timestamp():
        claims = services.tokens.verify(token)  # raises for expired tokens too
        method = AuthMethod.BEARER if isinstance(cache_key, bytes) else AuthMethod.COOKIE
        principal = Principal(
            id=claims.subject,
            kind=claims.kind,
            auth_method=method,
            session_id=claims.session_id,
            expires_at=claims.expires_at,
            authenticated_at=claims.auth_time,
        )
        verified = VerifiedToken(
            principal=principal,
            issued_at=claims.issued_at,
            expires_at=claims.expires_at,
            session=claims.session_id.int,
            user=claims.subject.int,
        )
        services.principals.put(cache_key, verified)
    return verified


def _admit(services: AuthServices, verified: VerifiedToken) -> Principal:
    """The token's caller, unless its session or user was revoked after it was issued."""
    if services.revocations.revoked.is_revoked(verified.session, verified.user, verified.issued_at):
        raise InvalidToken()
    return verified.principal


def _narrowed(principal: Principal, permissions: PermissionSet) -> Principal:
    if principal.scopes is not None:
        permissions = permissions.intersect(principal.scopes)
    return principal.granted(permissions)


def _cookie_names(runtime: FabricAuth) -> CookieNames | None:
    if not runtime.settings.cookie_transport:
        return None
    return CookieNames.for_settings(runtime.settings)


class _CallerScheme(SecurityBase):
    """A dependency that is its own OpenAPI security scheme (HTTP bearer).

    FastAPI calls a `SecurityBase` dependency directly and lists it under `security` in
    OpenAPI, so no extra scheme sub-dependencies run per request: every dependency layer costs
    a measurable share of a fast route (see bench/RESULTS.md). The cookie transport is
    documented in docs/concepts.md.
    """

    def __init__(self) -> None:
        self.model = HTTPBearerModel(
            bearerFormat="JWT",
            description="Access token (or, with cookie transport, the access cookie; unsafe "
            "methods then need the CSRF header). An API key (fa_... or fas_...) is accepted "
            "here too, or in the X-API-Key header.",
        )
        self.scheme_name = "BearerToken"


class CurrentPrincipal(_CallerScheme):
    async def __call__(self, request: Request) -> Principal:
        principal = _caller(FabricAuth.of(request), request)
        if principal is not None and not isinstance(principal, Principal):
            principal = await principal  # not `_awaited`: no extra coroutine on the hot path
        if principal is None:
            raise NotAuthenticated()
        return principal


class OptionalPrincipal(_CallerScheme):
    async def __call__(self, request: Request) -> Principal | None:
        principal = _caller(FabricAuth.of(request), request)
        if principal is not None and not isinstance(principal, Principal):
            principal = await principal
        return principal


current_principal = CurrentPrincipal()
"""The authenticated caller; 401 when there is none or the credential is not valid."""

optional_principal = OptionalPrincipal()
"""The caller if credentials were sent (they must then be valid), else `None`."""


class PermissionCheck(_CallerScheme):
    """The dependency `require(...)` / `require_any(...)` return."""

    def __init__(self, codes: tuple[str, ...], *, need_all: bool) -> None:
        super().__init__()
        self.action: Action | None = None
        if not codes:
            raise ValueError("require() needs at least one permission code")
        for code in codes:
            validate_code(code)
        self.codes = codes
        self.need_all = need_all

    async def __call__(self, request: Request) -> Principal:
        runtime = FabricAuth.of(request)
        caller = _caller(runtime, request)
        if caller is not None and not isinstance(caller, Principal):
            caller = await caller
        if caller is None:
            raise NotAuthenticated()
        rbac = runtime.services.rbac
        permissions = rbac.cached(caller.id)  # warm: no coroutine
        if permissions is None:
            permissions = await rbac.permissions_of(caller.id)
        principal = _narrowed(caller, permissions)
        missing = principal.permissions.missing(self.codes)
        denied = bool(missing) if self.need_all else len(missing) == len(self.codes)
        if denied:
            await _deny(request, principal, permissions, missing, self.action)
        return principal

    def __repr__(self) -> str:
        return f"require{'' if self.need_all else '_any'}{self.codes!r}"


class ActionCheck(PermissionCheck):
    """The dependency `authorized(action)` returns: the caller, once the decision point
    (`services.authorization`) allows it `action` as far as the request alone tells."""

    def __init__(self, action: Action) -> None:
        self.rule = RULES[action]
        super().__init__((self.rule.permission,), need_all=True)
        self.action = action

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


def require(*codes: str) -> PermissionCheck:
    """A dependency admitting callers that hold *every* permission named; returns the
    `Principal` with its effective permissions. 403 `permission_denied` names what is missing.

    ```python
    @app.get("/reports", dependencies=[Depends(require("reports:read"))])
    ```
    """
    return PermissionCheck(codes, need_all=True)


def require_any(*codes: str) -> PermissionCheck:
    """Like `require`, admitting callers that hold *at least one* of the permissions."""
    return PermissionCheck(codes, need_all=False)


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
        Denial(error),
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

    return enforce_rate_limit


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

    return enforce_configured_rate_limit


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
    try:
        result = await limiter.hit(items, bucket, str(identity))
    except Exception:
        # Counters are not worth an outage: an unreachable Redis lets requests through.
        logger.exception("rate limit storage failed; request allowed")
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
