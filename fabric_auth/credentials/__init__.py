"""How a request proves who sent it: one module per credential, the order written once.

| credential | module | sent as |
|---|---|---|
| access token | `bearer` | `Authorization: Bearer <jwt>` |
| API key | `api_key` | `Authorization: Bearer <key>` or `X-API-Key: <key>` |
| access cookie | `cookie` | the access cookie (+ the CSRF header on unsafe methods) |

They are tried in that order and the first credential present decides: a request with a bad
bearer token is refused even if it also carries a good cookie. This layer keeps the HTTP state
the services need not know: the verified-token cache, the CSRF key, the trusted proxies.
"""

from __future__ import annotations

from typing import Protocol

from starlette.requests import HTTPConnection, Request

from fabric_auth.context import RUNTIME_SCOPE_KEY, STATE_ATTRIBUTE
from fabric_auth.cookies import CookieNames
from fabric_auth.credentials.api_key import ApiKeyCredential, looks_like_key
from fabric_auth.credentials.base import Caller, Credential
from fabric_auth.credentials.bearer import BearerToken, bearer_token
from fabric_auth.credentials.cookie import AccessCookie
from fabric_auth.credentials.tokens import AccessTokens
from fabric_auth.exceptions import ConfigurationError
from fabric_auth.principal import Principal
from fabric_auth.proxies import TrustedProxies
from fabric_auth.services.container import AuthServices

__all__ = ["Caller", "Credential", "Credentials", "credentials_of"]


class Credentials:
    """The credentials a runtime accepts, and the HTTP state they keep."""

    def __init__(self, services: AuthServices) -> None:
        settings = services.settings
        self.proxies = TrustedProxies.parse(settings.trusted_proxies)
        self._changes = services.changes
        self.tokens = AccessTokens(services.tokens, services.revocations, services.clock)
        self.bearer = BearerToken(self.tokens)
        self.api_key = ApiKeyCredential(services.api_keys, self.client_ip)
        self.cookie = AccessCookie(
            self.tokens,
            CookieNames.for_settings(settings) if settings.cookie_transport else None,
            services.derive_key("csrf"),
            settings.csrf_header_name,
        )

    @property
    def csrf_key(self) -> bytes:
        return self.cookie.csrf_key

    def caller(self, request: Request) -> Caller:
        """The caller by its credential, in order: `Authorization: Bearer` (an API key is told
        from a JWT by its prefix alone), then `X-API-Key`, then the access cookie; `None`
        without one; raises for bad ones. Synchronous except for an API key this instance has
        not seen yet, whose store look-up is returned as an awaitable.

        A bearer token seen before is found by the header's raw bytes, before any decoding or
        parsing; only expiry and revocation are checked again.

        Revocations and permissions in memory decide only while they are current (see
        `services.changes`): otherwise the caller is resolved once this instance has caught up
        with the store, or the request fails with `StoreUnavailable`."""
        if not self._changes.fresh:
            return self._caller_when_current(request)
        return self._resolve(request)

    async def _caller_when_current(self, request: Request) -> Principal | None:
        await self._changes.catch_up()
        caller = self._resolve(request)
        return caller if caller is None or isinstance(caller, Principal) else await caller

    def _resolve(self, request: Request) -> Caller:
        authorization, api_key = _credential_headers(request)
        if authorization is not None:
            seen = self.bearer.seen(authorization)
            if seen is not None:
                return seen
            token = bearer_token(authorization)
            if looks_like_key(token):
                return self.api_key.caller(request, token)
            return self.bearer.caller(authorization, token)
        if api_key is not None:
            return self.api_key.caller(request, api_key.decode("latin-1"))
        return self.cookie.caller(request)

    def token_caller(self, request: Request) -> Principal | None:
        """The caller by access token only (bearer header, then cookie); `None` without one.
        Signing out ends the session of a token, never of a key."""
        authorization, _ = _credential_headers(request)
        if authorization is not None:
            return self.bearer.caller(authorization, bearer_token(authorization))
        return self.cookie.caller(request)

    def client_ip(self, request: Request) -> str:
        """The client's address: the peer, or what `X-Forwarded-For` says when the peer is one
        of the trusted proxies (`AuthSettings.trusted_proxies`, see `fabric_auth.proxies`)."""
        peer = request.client.host if request.client else ""
        return self.proxies.client_address(peer, request.headers.getlist("x-forwarded-for"))


def _credential_headers(request: Request) -> tuple[bytes | None, bytes | None]:
    """The raw `Authorization` and `X-API-Key` header values, read in one pass over the
    request's headers (every authenticated request does this)."""
    authorization = api_key = None
    for name, value in request.scope["headers"]:
        if name == b"authorization":
            authorization = value
        elif name == b"x-api-key":
            api_key = value
    return authorization, api_key


class _Runtime(Protocol):
    credentials: Credentials


def credentials_of(connection: HTTPConnection) -> Credentials:
    """The credential layer of the runtime serving this request (left in the ASGI scope by
    the runtime's middleware, or on `app.state`)."""
    runtime: _Runtime | None = connection.scope.get(RUNTIME_SCOPE_KEY)
    if runtime is None:
        runtime = getattr(connection.app.state, STATE_ATTRIBUTE, None)
        if runtime is None:
            raise ConfigurationError(
                "fabric-auth is not running in this app: call FabricAuth(...).install(app)"
            )
    return runtime.credentials
