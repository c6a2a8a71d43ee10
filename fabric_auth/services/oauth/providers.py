"""The providers users sign in with, through httpx-oauth clients: any OpenID Connect provider
(from its issuer's discovery document), Google (OpenID Connect with Google's issuer quirk) and
GitHub (OAuth 2 and its verified-emails API).

Each provider turns an authorization code into a `ProviderIdentity`, or raises:
`OAuthIdentityInvalid` when the answer does not prove who signed in (code refused, an ID token
failing a check), `OAuthProviderUnavailable` (502) when the provider cannot be reached or
answers something unusable, `OAuthProviderTimeout` (504) past `oauth_timeout`.

ID tokens are checked as OpenID Connect Core 3.1.3.7 asks: the signature, by a key of the
provider's JWKS (`fabric_auth.verify.JwksKeys`: cached, at most one fetch a minute however many
unknown `kid`s arrive) with an algorithm of the allowlist (asymmetric only, so a public key can
never be used as an HMAC secret); `iss` equal to the discovered issuer; `aud` containing the
client id and `azp`, when present or needed, equal to it; `exp`, `iat` (not in the future, not
older than `MAX_ID_TOKEN_AGE`) and the `nonce` this sign-in sent.
"""

from __future__ import annotations

import asyncio
import hmac
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
from httpx_oauth.oauth2 import BaseOAuth2, GetAccessTokenError, OAuth2Token

from fabric_auth.exceptions import (
    OAuthIdentityInvalid,
    OAuthProviderTimeout,
    OAuthProviderUnavailable,
    OAuthProviderUnknown,
)
from fabric_auth.settings import LOOPBACK_HOSTS, AuthSettings, OAuthKind, OAuthProviderSettings
from fabric_auth.verify import JwksKeys, TokenVerificationError

GOOGLE_ISSUER = "https://accounts.google.com"
GITHUB_AUTHORIZE_URL = "https://github.com/login/oauth/authorize"
GITHUB_TOKEN_URL = "https://github.com/login/oauth/access_token"
GITHUB_API_URL = "https://api.github.com"
OIDC_SCOPES = ("openid", "email", "profile")
GITHUB_SCOPES = ("read:user", "user:email")
MAX_ID_TOKEN_AGE = 600
"""Seconds: an ID token issued longer ago than this is refused."""
CLOCK_LEEWAY = 60
"""Seconds of clock difference with the provider tolerated on `exp` and `iat`."""
DISCOVERY_RETRY = 5.0
"""Seconds after a failed discovery before it is tried again (meanwhile: 502 at once)."""
DISCOVERY_TTL = 86_400.0
"""Seconds a discovery document is kept."""


@dataclass(frozen=True, slots=True)
class ProviderTokens:
    """The provider's own tokens, kept only with `store_tokens`."""

    access_token: str
    refresh_token: str | None
    expires_in: int | None


@dataclass(frozen=True, slots=True)
class ProviderIdentity:
    """Who signed in, as the provider asserts it."""

    provider: str
    subject: str
    email: str | None
    email_verified: bool
    display_name: str
    tokens: ProviderTokens | None = None


HttpClient = Callable[[], httpx.AsyncClient]


class _Client(BaseOAuth2[dict[str, Any]]):
    """httpx-oauth's client on the runtime's shared `httpx.AsyncClient` (its timeout, its
    connection pool) instead of a new one per call."""

    def __init__(self, http: HttpClient, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._http = http

    def get_httpx_client(self) -> Any:
        return _borrowed(self._http())


@asynccontextmanager
async def _borrowed(client: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    yield client


@asynccontextmanager
async def provider_calls(operation: str) -> AsyncIterator[None]:
    """Map what can go wrong talking to a provider to our errors (the one place that does)."""
    try:
        yield
    except (OAuthIdentityInvalid, OAuthProviderUnavailable):
        raise
    except GetAccessTokenError as exc:
        cause = exc.__cause__
        if isinstance(cause, httpx.TimeoutException):
            raise OAuthProviderTimeout() from None
        status = exc.response.status_code if exc.response is not None else None
        if status is not None and 400 <= status < 500:
            raise OAuthIdentityInvalid.because("code_refused") from None
        raise OAuthProviderUnavailable(f"The provider failed to {operation}") from None
    except (httpx.TimeoutException, TimeoutError):
        raise OAuthProviderTimeout() from None
    except (httpx.HTTPError, OSError, ValueError, KeyError, TypeError, TokenVerificationError):
        raise OAuthProviderUnavailable(f"The provider failed to {operation}") from None


class OAuthProvider:
    """One configured provider. Subclasses say how to start and how to learn who signed in."""

    kind: OAuthKind

    def __init__(
        self, name: str, config: OAuthProviderSettings, http: HttpClient, timeout: float
    ) -> None:
        self.name = name
        self.config = config
        self.display_name = config.display_name or name.capitalize()
        self._http = http
        self._timeout = timeout

    def issuers(self) -> list[str]:
        """Issuer identifiers this provider's answers may carry (RFC 9207 `iss`)."""
        return []

    async def requires_issuer(self) -> bool:
        """Whether an authorization response without `iss` must be refused (RFC 9207)."""
        return False

    async def authorization_url(
        self, *, redirect_uri: str, state: str, code_challenge: str, nonce: str
    ) -> str:
        raise NotImplementedError

    async def identity(
        self, *, code: str, redirect_uri: str, code_verifier: str, nonce: str
    ) -> ProviderIdentity:
        raise NotImplementedError

    def _tokens(self, token: OAuth2Token) -> ProviderTokens | None:
        if not self.config.store_tokens:
            return None
        expires_in = token.get("expires_in")
        return ProviderTokens(
            access_token=str(token["access_token"]),
            refresh_token=str(token["refresh_token"]) if token.get("refresh_token") else None,
            expires_in=int(expires_in) if isinstance(expires_in, int | float) else None,
        )

    async def _json(
        self, url: str, access_token: str, headers: Mapping[str, str] | None = None
    ) -> Any:
        response = await self._http().get(
            url, headers={"Authorization": f"Bearer {access_token}", **(headers or {})}
        )
        if response.status_code in (401, 403):
            raise OAuthIdentityInvalid.because("token_refused")
        response.raise_for_status()
        return response.json()


# --- OpenID Connect ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Discovery:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None
    sends_issuer: bool = False
    """`authorization_response_iss_parameter_supported`: the provider names itself in every
    authorization response (RFC 9207), so a callback without `iss` is refused."""


class OidcProvider(OAuthProvider):
    kind: OAuthKind = "oidc"

    def __init__(
        self, name: str, config: OAuthProviderSettings, http: HttpClient, timeout: float
    ) -> None:
        super().__init__(name, config, http, timeout)
        self.issuer = config.issuer or GOOGLE_ISSUER
        self._discovery: Discovery | None = None
        self._discovered_at = 0.0
        self._failed_at: float | None = None
        self._keys: JwksKeys | None = None
        self._client: _Client | None = None
        self._lock = asyncio.Lock()

    def issuers(self) -> list[str]:
        return [self.issuer]

    async def requires_issuer(self) -> bool:
        return (await self.discovery()).sends_issuer

    async def discovery(self) -> Discovery:
        """The issuer's discovery document (cached), checked: its `issuer` must be exactly the
        configured one, its endpoints https (http on loopback only)."""
        now = time.monotonic()
        if self._discovery is not None and now - self._discovered_at < DISCOVERY_TTL:
            return self._discovery
        async with self._lock:
            if self._discovery is not None and now - self._discovered_at < DISCOVERY_TTL:
                return self._discovery
            if self._failed_at is not None and now - self._failed_at < DISCOVERY_RETRY:
                raise OAuthProviderUnavailable("The provider's discovery document is unavailable")
            try:
                self._discovery = await self._discover()
            except BaseException:
                self._failed_at = time.monotonic()
                raise
            self._failed_at = None
            self._discovered_at = time.monotonic()
            self._keys = JwksKeys(self._discovery.jwks_uri, timeout=self._timeout, cache_ttl=3600.0)
            self._client = _Client(
                self._http,
                self.config.client_id,
                self.config.client_secret.get_secret_value(),
                self._discovery.authorization_endpoint,
                self._discovery.token_endpoint,
                name=self.name,
                base_scopes=list(self.config.scopes or OIDC_SCOPES),
                token_endpoint_auth_method="client_secret_basic",
            )
            return self._discovery

    async def _discover(self) -> Discovery:
        url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
        async with provider_calls("publish its discovery document"):
            response = await self._http().get(url)
            response.raise_for_status()
            document = response.json()
            if not isinstance(document, dict):
                raise ValueError("discovery document is not an object")
            if document.get("issuer") != self.issuer:
                raise OAuthProviderUnavailable(
                    "The provider's discovery document names another issuer"
                )
            endpoints = {
                name: _endpoint(document.get(name))
                for name in ("authorization_endpoint", "token_endpoint", "jwks_uri")
            }
            userinfo = document.get("userinfo_endpoint")
            return Discovery(
                issuer=self.issuer,
                userinfo_endpoint=_endpoint(userinfo) if userinfo else None,
                sends_issuer=document.get("authorization_response_iss_parameter_supported") is True,
                **endpoints,
            )

    async def authorization_url(
        self, *, redirect_uri: str, state: str, code_challenge: str, nonce: str
    ) -> str:
        await self.discovery()
        assert self._client is not None
        return await self._client.get_authorization_url(
            redirect_uri,
            state=state,
            code_challenge=code_challenge,
            code_challenge_method="S256",
            extras_params={"nonce": nonce},
        )

    async def identity(
        self, *, code: str, redirect_uri: str, code_verifier: str, nonce: str
    ) -> ProviderIdentity:
        discovery = await self.discovery()
        assert self._client is not None
        async with provider_calls("exchange the code"):
            token = await self._client.get_access_token(code, redirect_uri, code_verifier)
        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise OAuthIdentityInvalid.because("id_token_missing")
        claims = await self.verified_claims(id_token, nonce)
        email, verified = claims.get("email"), claims.get("email_verified") in (True, "true")
        if not email and discovery.userinfo_endpoint and token.get("access_token"):
            async with provider_calls("answer the user info request"):
                info = await self._json(discovery.userinfo_endpoint, str(token["access_token"]))
            if not isinstance(info, dict) or info.get("sub") != claims["sub"]:
                raise OAuthIdentityInvalid.because("userinfo_subject_mismatch")
            email, verified = info.get("email"), info.get("email_verified") in (True, "true")
        name = claims.get("name") or claims.get("preferred_username") or ""
        return ProviderIdentity(
            provider=self.name,
            subject=str(claims["sub"]),
            email=str(email)[:320] if email else None,
            email_verified=bool(email) and verified,
            display_name=str(name)[:200],
            tokens=self._tokens(token),
        )

    async def verified_claims(self, id_token: str, nonce: str) -> dict[str, Any]:
        """The ID token's claims once every check passed, else `OAuthIdentityInvalid` naming
        the check (for the audit log)."""
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.PyJWTError:
            raise OAuthIdentityInvalid.because("id_token_malformed") from None
        algorithm, kid = header.get("alg"), header.get("kid")
        if algorithm not in self.config.id_token_algorithms:
            raise OAuthIdentityInvalid.because("id_token_algorithm_not_allowed")
        if not isinstance(kid, str):
            raise OAuthIdentityInvalid.because("id_token_without_kid")
        assert self._keys is not None
        async with provider_calls("publish its signing keys"):
            key = await asyncio.wait_for(self._keys.aget(kid), self._timeout + 1)
        if key is None:
            raise OAuthIdentityInvalid.because("id_token_unknown_key")
        try:
            claims = jwt.decode(
                id_token,
                key.key,
                algorithms=[str(algorithm)],
                audience=self.config.client_id,
                issuer=self.issuers(),
                leeway=CLOCK_LEEWAY,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.InvalidIssuerError:
            raise OAuthIdentityInvalid.because("id_token_issuer") from None
        except jwt.InvalidAudienceError:
            raise OAuthIdentityInvalid.because("id_token_audience") from None
        except jwt.ExpiredSignatureError:
            raise OAuthIdentityInvalid.because("id_token_expired") from None
        except jwt.PyJWTError:
            raise OAuthIdentityInvalid.because("id_token_invalid") from None
        self._check_claims(claims, nonce)
        return claims

    def _check_claims(self, claims: Mapping[str, Any], nonce: str) -> None:
        presented = claims.get("nonce")
        if not isinstance(presented, str) or not hmac.compare_digest(presented, nonce):
            raise OAuthIdentityInvalid.because("id_token_nonce")
        audience = claims["aud"]
        azp = claims.get("azp")
        if (isinstance(audience, list) and len(audience) > 1 and azp is None) or (
            azp is not None and azp != self.config.client_id
        ):
            raise OAuthIdentityInvalid.because("id_token_azp")
        issued_at = claims["iat"]
        # The wall clock, not the runtime's: these times are the provider's, and PyJWT checks
        # `exp` against the wall clock too.
        if not isinstance(issued_at, int | float) or time.time() - issued_at > MAX_ID_TOKEN_AGE:
            raise OAuthIdentityInvalid.because("id_token_stale")
        if not isinstance(claims["sub"], str) or not claims["sub"] or len(claims["sub"]) > 255:
            raise OAuthIdentityInvalid.because("id_token_subject")


class GoogleProvider(OidcProvider):
    """Google: OpenID Connect, whose ID tokens may name the issuer without its scheme."""

    kind: OAuthKind = "google"

    def __init__(
        self, name: str, config: OAuthProviderSettings, http: HttpClient, timeout: float
    ) -> None:
        super().__init__(name, config, http, timeout)
        self.display_name = config.display_name or "Google"

    def issuers(self) -> list[str]:
        return [self.issuer, self.issuer.split("://", 1)[-1]]


# --- GitHub -----------------------------------------------------------------------------------


class GitHubProvider(OAuthProvider):
    """GitHub: OAuth 2 (no ID token); the identity is `/user`'s numeric id, the email the
    primary verified one from `/user/emails`."""

    kind: OAuthKind = "github"
    API_HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}

    def __init__(
        self, name: str, config: OAuthProviderSettings, http: HttpClient, timeout: float
    ) -> None:
        super().__init__(name, config, http, timeout)
        self.display_name = config.display_name or "GitHub"
        self.api_url = (config.api_url or GITHUB_API_URL).rstrip("/")
        self._client = _Client(
            http,
            config.client_id,
            config.client_secret.get_secret_value(),
            config.authorize_url or GITHUB_AUTHORIZE_URL,
            config.token_url or GITHUB_TOKEN_URL,
            name=name,
            base_scopes=list(config.scopes or GITHUB_SCOPES),
            token_endpoint_auth_method="client_secret_post",
        )

    async def authorization_url(
        self, *, redirect_uri: str, state: str, code_challenge: str, nonce: str
    ) -> str:
        return await self._client.get_authorization_url(
            redirect_uri, state=state, code_challenge=code_challenge, code_challenge_method="S256"
        )

    async def identity(
        self, *, code: str, redirect_uri: str, code_verifier: str, nonce: str
    ) -> ProviderIdentity:
        async with provider_calls("exchange the code"):
            token = await self._client.get_access_token(code, redirect_uri, code_verifier)
        access_token = token.get("access_token")
        if "error" in token or not isinstance(access_token, str):
            raise OAuthIdentityInvalid.because("code_refused")  # GitHub answers errors with 200
        async with provider_calls("answer the user request"):
            user = await self._json(f"{self.api_url}/user", access_token, self.API_HEADERS)
            emails = await self._json(f"{self.api_url}/user/emails", access_token, self.API_HEADERS)
            if not isinstance(user, dict) or not isinstance(user.get("id"), int):
                raise ValueError("GitHub user without a numeric id")
        email, verified = _github_email(emails if isinstance(emails, list) else [])
        return ProviderIdentity(
            provider=self.name,
            subject=str(user["id"]),
            email=email,
            email_verified=verified,
            display_name=str(user.get("name") or user.get("login") or "")[:200],
            tokens=self._tokens(token),
        )


def _github_email(emails: list[Any]) -> tuple[str | None, bool]:
    """The primary email if verified, else any verified one, else the primary unverified."""
    entries = [entry for entry in emails if isinstance(entry, dict) and entry.get("email")]
    verified = [entry for entry in entries if entry.get("verified") is True]
    verified.sort(key=lambda entry: entry.get("primary") is not True)  # the primary first
    if verified:
        return str(verified[0]["email"])[:320], True
    primary = next((entry for entry in entries if entry.get("primary") is True), None)
    return (str(primary["email"])[:320], False) if primary else (None, False)


def _endpoint(value: object) -> str:
    """A provider endpoint from a discovery document: https, or http on loopback."""
    if not isinstance(value, str):
        raise ValueError("discovery document lacks an endpoint")
    parts = httpx.URL(value)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.host in LOOPBACK_HOSTS):
        raise ValueError(f"provider endpoint is not https: {value}")
    return value


# --- the set of providers ---------------------------------------------------------------------

_KINDS: dict[OAuthKind, type[OAuthProvider]] = {
    "oidc": OidcProvider,
    "google": GoogleProvider,
    "github": GitHubProvider,
}


class OAuthProviders:
    """The configured providers, by name, with the HTTP client they share."""

    def __init__(self, settings: AuthSettings) -> None:
        self._timeout = settings.oauth_timeout
        self._client: httpx.AsyncClient | None = None
        self._providers = {
            name: _KINDS[config.kind_for(name)](name, config, self.http, settings.oauth_timeout)
            for name, config in settings.oauth.items()
        }

    def http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=self._timeout, follow_redirects=False, headers={"User-Agent": "fabric-auth"}
            )
        return self._client

    def get(self, name: str) -> OAuthProvider:
        provider = self._providers.get(name)
        if provider is None:
            raise OAuthProviderUnknown()
        return provider

    def __iter__(self) -> Iterator[OAuthProvider]:
        return iter(self._providers.values())

    def __bool__(self) -> bool:
        return bool(self._providers)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
