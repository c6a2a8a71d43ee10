"""A test OAuth 2 / OpenID Connect identity provider, for tests and the demo app; never production.

It is the provider side of a social sign-in, served over real HTTP so a flow runs end to end on
loopback, and as strict as a real provider: exact redirect URIs, PKCE S256, single-use codes
bound to their client and redirect URI, RFC 6749 errors. Anyone who reaches it signs in as
whoever they like, so it has no place in a deployed app.

Two dialects share one identity:

- OpenID Connect: `/.well-known/openid-configuration`, `/authorize`, `/token`, `/userinfo`,
  `/jwks`; ID tokens are RS256 JWTs;
- GitHub: `/login/oauth/authorize`, `/login/oauth/access_token` (errors answer 200, as GitHub's
  do), `/api/user`, `/api/user/emails`.

Serve it on a free loopback port, in a thread of its own, for a test:

    with TestIdentityProvider.running(redirect_uris=["http://127.0.0.1:8000/cb"]) as provider:
        provider.issuer  # "http://127.0.0.1:PORT"; the discovery document is below it

or mount it in an app: `app.mount("/dev-oidc", TestIdentityProvider(
"http://127.0.0.1:8000/dev-oidc", interactive=True).app)`.

Knobs, plain attributes; each keeps its value until changed or `reset()`:

- `identity`: who signs in on auto-approve (`interactive=False`), bound to the code when issued
  (default `TestIdentity()`);
- `interactive` (also a constructor argument, kept by `reset()`): `/authorize` shows a sign-in
  form (email, name, "email verified") instead of approving; the subject, GitHub id and login
  derive from the email, so one email is one user;
- `id_token_claims`: merged into every later ID token's claims, a value of None removing the claim
  (`{"nonce": "x"}`, `{"aud": "other"}`, `{"exp": 0}`, `{"email": None}`);
- `id_token_algorithm`: `"RS256"` (default, the JWKS key), `"none"` (unsigned), `"HS256"` (the
  client secret as key), `"RS256-unknown-key"` (a key the JWKS lacks, under the same kid);
- `id_token_issuer`: the `iss` of ID tokens when it should differ from the discovery issuer
  (Google's ID tokens say `accounts.google.com`); None means the issuer;
- `token_delay`: seconds both token endpoints wait before answering;
- `token_status`: both token endpoints answer this status with `{"error": "server_error"}`;
- `github_emails`: replaces the list `/api/user/emails` answers (None: built from `identity`);
- `code_lifetime`: seconds a code stays valid (60).

Records, for assertions: `authorize_requests` (the parameters of each authorize request, query or
form), `token_requests` (the form of each token request, plus `"auth"`: `"basic"`, `"post"` or
`"none"`), `jwks_fetches`, `discovery_fetches`. `reset()` restores the knobs and empties the
records and the codes and tokens issued, for a provider shared by several tests.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import socket
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlencode, urlsplit

import anyio
import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from fabric_auth.testing._oauth_wire import (
    DISCOVERY,
    Dialect,
    Refused,
    authorize_error,
    basic_credentials,
    check_verifier,
    hs256,
    json_response,
    redirect,
    refusal_page,
    sign_in_page,
    single_params,
)
from fabric_auth.testing._threaded import served_in_thread

__all__ = ["TestIdentity", "TestIdentityProvider"]

_AUTHORIZE_PATHS: dict[Dialect, str] = {"oidc": "/authorize", "github": "/login/oauth/authorize"}


@dataclass(frozen=True)
class TestIdentity:
    """Who signs in at the provider."""

    __test__ = False  # not a test class, for pytest

    subject: str = "user-1"
    email: str | None = "user@example.com"
    email_verified: bool = True
    name: str = "Test User"
    github_id: int = 1001
    """GitHub's numeric user id."""
    login: str = "testuser"
    """GitHub's login (user name)."""


@dataclass(frozen=True)
class _Grant:
    """What an authorization code stands for, and later its access token."""

    code: str
    dialect: Dialect
    client_id: str
    redirect_uri: str
    code_challenge: str | None
    nonce: str | None
    scope: str
    identity: TestIdentity
    issued_at: float


class TestIdentityProvider:
    """An OAuth 2 / OpenID Connect provider for tests and the demo; see the module docstring."""

    __test__ = False  # not a test class, for pytest

    def __init__(
        self,
        issuer: str,
        *,
        client_id: str = "test-client",
        client_secret: str = "test-secret",  # noqa: S107  # a test provider's default
        redirect_uris: Sequence[str] = (),
        interactive: bool = False,
    ) -> None:
        """`issuer` is the URL the app is served at (every endpoint is issuer + path);
        `redirect_uris` the exact redirect URIs allowed, any when empty."""
        self.issuer = issuer.rstrip("/")
        self.client_id, self.client_secret = client_id, client_secret
        self.redirect_uris = tuple(redirect_uris)
        self.interactive = interactive
        self.kid = secrets.token_hex(8)
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._unknown_key: rsa.RSAPrivateKey | None = None
        self.reset()
        both = ["GET", "POST"]
        self.app = Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self._discovery),
                Route("/jwks", self._jwks),
                Route("/authorize", partial(self._authorize, "oidc"), methods=both),
                Route("/token", self._oidc_token, methods=["POST"]),
                Route("/userinfo", self._userinfo, methods=both),
                Route("/login/oauth/authorize", partial(self._authorize, "github"), methods=both),
                Route("/login/oauth/access_token", self._github_token, methods=["POST"]),
                Route("/api/user", self._github_user),
                Route("/api/user/emails", self._github_emails),
            ]
        )

    @classmethod
    @contextmanager
    def running(cls, **kwargs: Any) -> Iterator[TestIdentityProvider]:
        """A provider served by uvicorn on 127.0.0.1 (a free port), in a thread with its own
        event loop, so a slow endpoint never blocks the caller's loop; stopped on exit."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        with sock:
            sock.bind(("127.0.0.1", 0))
            provider = cls(f"http://127.0.0.1:{sock.getsockname()[1]}", **kwargs)
            with served_in_thread(provider.app, sock):
                yield provider

    def reset(self) -> None:
        """Every knob back to its default, records emptied, codes and tokens forgotten; the
        constructor's arguments and the keys stay (a provider shared by several tests)."""
        self.identity = TestIdentity()
        self.id_token_claims: dict[str, Any] = {}
        self.id_token_algorithm = "RS256"
        self.id_token_issuer: str | None = None
        self.token_delay = 0.0
        self.token_status: int | None = None
        self.github_emails: list[dict[str, Any]] | None = None
        self.code_lifetime = 60.0
        self.authorize_requests: list[dict[str, str]] = []
        self.token_requests: list[dict[str, str]] = []
        self.jwks_fetches = 0
        self.discovery_fetches = 0
        self._codes: dict[str, _Grant] = {}
        self._spent: set[str] = set()
        self._access_tokens: dict[str, _Grant] = {}

    def url(self, path: str) -> str:
        """The absolute URL of one of the provider's paths."""
        return self.issuer + path

    # OpenID Connect

    async def _discovery(self, request: Request) -> Response:
        self.discovery_fetches += 1
        endpoints = {
            "authorization_endpoint": "/authorize",
            "token_endpoint": "/token",
            "userinfo_endpoint": "/userinfo",
            "jwks_uri": "/jwks",
        }
        urls = {name: self.url(path) for name, path in endpoints.items()}
        return JSONResponse({"issuer": self.issuer, **urls, **DISCOVERY})

    async def _jwks(self, request: Request) -> Response:
        self.jwks_fetches += 1
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        return JSONResponse({"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]})

    async def _oidc_token(self, request: Request) -> Response:
        try:
            grant = await self._exchange(request, "oidc")
        except Refused as refused:
            headers = {"WWW-Authenticate": "Basic"} if refused.status == 401 else {}
            body = {"error": refused.error, "error_description": refused.description}
            return json_response(body, refused.status, headers)
        return json_response(
            {
                "access_token": self._access_token_for(grant),
                "token_type": "Bearer",
                "expires_in": 3600,
                "id_token": self._id_token(grant),
                "scope": grant.scope,
            }
        )

    async def _userinfo(self, request: Request) -> Response:
        grant = self._bearer(request, ("bearer",))
        if grant is None:
            headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
            return JSONResponse({"error": "invalid_token"}, 401, headers)
        return JSONResponse({"sub": grant.identity.subject, **_email_claims(grant.identity)})

    def _id_token(self, grant: _Grant) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.id_token_issuer or self.issuer,
            "sub": grant.identity.subject,
            "aud": grant.client_id,
            "azp": grant.client_id,
            "exp": now + 300,
            "iat": now,
            "auth_time": int(grant.issued_at),
            **({"nonce": grant.nonce} if grant.nonce is not None else {}),
            **_email_claims(grant.identity),
        }
        for name, value in self.id_token_claims.items():
            if value is None:
                claims.pop(name, None)
            else:
                claims[name] = value
        return self._sign(claims)

    def _sign(self, claims: dict[str, Any]) -> str:
        algorithm = self.id_token_algorithm
        if algorithm == "none":
            return jwt.encode(claims, "", algorithm="none")
        if algorithm == "HS256":
            return hs256(claims, self.client_secret.encode(), self.kid)
        if algorithm == "RS256":
            key = self._key
        elif algorithm == "RS256-unknown-key":
            if self._unknown_key is None:
                self._unknown_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            key = self._unknown_key
        else:
            raise ValueError(f"unknown id_token_algorithm {algorithm!r}")
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})

    # GitHub

    async def _github_token(self, request: Request) -> Response:
        body: dict[str, Any]
        try:
            grant = await self._exchange(request, "github")
        except Refused as refused:
            if refused.error == "server_error":
                return json_response({"error": refused.error}, refused.status)
            body = {"error": refused.github, "error_description": refused.description}
        else:
            body = {
                "access_token": self._access_token_for(grant),
                "token_type": "bearer",
                "scope": grant.scope,
            }
        if "application/json" in request.headers.get("accept", ""):
            return json_response(body)
        return Response(urlencode(body), media_type="application/x-www-form-urlencoded")

    async def _github_user(self, request: Request) -> Response:
        grant = self._bearer(request, ("bearer", "token"))
        if grant is None:
            return JSONResponse({"message": "Bad credentials"}, 401)
        who = grant.identity
        email = who.email if who.email_verified else None
        return JSONResponse(
            {"id": who.github_id, "login": who.login, "name": who.name, "email": email}
        )

    async def _github_emails(self, request: Request) -> Response:
        grant = self._bearer(request, ("bearer", "token"))
        if grant is None:
            return JSONResponse({"message": "Bad credentials"}, 401)
        if self.github_emails is not None:
            return JSONResponse(self.github_emails)
        who = grant.identity
        if who.email is None:
            return JSONResponse([])
        email = {"email": who.email, "primary": True, "verified": who.email_verified}
        return JSONResponse([{**email, "visibility": "public"}])

    # The authorization endpoint, both dialects

    async def _authorize(self, dialect: Dialect, request: Request) -> Response:
        params = await single_params(request)
        self.authorize_requests.append(params or {})
        if params is None:
            return refusal_page("A parameter was repeated.")
        redirect_uri = params.get("redirect_uri", "")
        if params.get("client_id") != self.client_id:
            return refusal_page("Unknown client_id.")
        if not self._allowed(redirect_uri):
            return refusal_page("This redirect_uri is not registered for the client.")
        back = {"state": params["state"]} if "state" in params else {}
        if dialect == "oidc":
            back["iss"] = self.issuer
        error = authorize_error(params, dialect)
        if error is not None:
            return redirect(
                redirect_uri, {"error": error[0], "error_description": error[1], **back}
            )
        if self.interactive and request.method == "GET":
            action, who = self.url(_AUTHORIZE_PATHS[dialect]), self.identity
            return sign_in_page(
                action, self.client_id, params, who.email or "", who.name, redirect_uri
            )
        identity = _identity_from_form(params) if self.interactive else self.identity
        if identity is None:
            return refusal_page("An email is needed to sign in.")
        code = self._issue_code(dialect, params, identity)
        status = 303 if request.method == "POST" else 302
        return redirect(redirect_uri, {"code": code, **back}, status)

    def _issue_code(self, dialect: Dialect, params: Mapping[str, str], who: TestIdentity) -> str:
        code = secrets.token_urlsafe(32)
        self._codes[code] = _Grant(
            code=code,
            dialect=dialect,
            client_id=self.client_id,
            redirect_uri=params["redirect_uri"],
            code_challenge=params.get("code_challenge"),
            nonce=params.get("nonce"),
            scope=params.get("scope", ""),
            identity=who,
            issued_at=time.time(),
        )
        return code

    def _allowed(self, redirect_uri: str) -> bool:
        if self.redirect_uris:
            return redirect_uri in self.redirect_uris
        parts = urlsplit(redirect_uri)
        return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.fragment

    # The token endpoint, both dialects

    async def _exchange(self, request: Request, dialect: Dialect) -> _Grant:
        form = await single_params(request)
        authorization = request.headers.get("authorization", "")
        basic = authorization[:6].lower() == "basic "
        method = "basic" if basic else "post" if form and "client_secret" in form else "none"
        self.token_requests.append({**(form or {}), "auth": method})
        if self.token_delay:
            await anyio.sleep(self.token_delay)
        if self.token_status is not None:
            raise Refused("server_error", "token_status is set", self.token_status)
        if form is None:
            raise Refused("invalid_request", "a parameter was repeated")
        self._authenticate(form, authorization if basic else None)
        grant_type = form.get("grant_type", "authorization_code" if dialect == "github" else "")
        if grant_type != "authorization_code":
            raise Refused("unsupported_grant_type", f"grant_type {grant_type!r} is not supported")
        grant = self._redeem(form.get("code", ""))
        _check_grant(grant, form, dialect, self.code_lifetime)
        return grant

    def _authenticate(self, form: Mapping[str, str], basic: str | None) -> None:
        status = 401 if basic is not None else 400
        if basic is not None:
            if "client_secret" in form:
                raise Refused("invalid_request", "more than one client authentication")
            client_id, secret = basic_credentials(basic)
            if form.get("client_id", client_id) != client_id:
                raise Refused("invalid_request", "client_id differs from the authenticated one")
        elif "client_secret" in form:
            client_id, secret = form.get("client_id", ""), form["client_secret"]
        else:
            raise Refused("invalid_client", "client authentication is required")
        same_id = hmac.compare_digest(client_id.encode(), self.client_id.encode())
        same_secret = hmac.compare_digest(secret.encode(), self.client_secret.encode())
        if not (same_id and same_secret):
            raise Refused("invalid_client", "client authentication failed", status)

    def _redeem(self, code: str) -> _Grant:
        """The grant of `code`, spent now; a second use also revokes what the first one got."""
        grant = self._codes.pop(code, None)
        if grant is not None:
            self._spent.add(code)
            return grant
        if code in self._spent:
            for token, issued in list(self._access_tokens.items()):
                if issued.code == code:
                    del self._access_tokens[token]
            raise Refused("invalid_grant", "the code was used already")
        raise Refused("invalid_grant", "unknown code")

    def _access_token_for(self, grant: _Grant) -> str:
        token = secrets.token_urlsafe(32)
        self._access_tokens[token] = grant
        return token

    def _bearer(self, request: Request, schemes: tuple[str, ...]) -> _Grant | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        return self._access_tokens.get(token) if scheme.lower() in schemes else None


def _check_grant(grant: _Grant, form: Mapping[str, str], dialect: Dialect, lifetime: float) -> None:
    if grant.dialect != dialect:
        raise Refused("invalid_grant", "the code was issued by the other dialect's endpoint")
    if time.time() - grant.issued_at > lifetime:
        raise Refused("invalid_grant", "the code expired")
    redirect_uri = form.get("redirect_uri")
    if (redirect_uri is not None or dialect == "oidc") and redirect_uri != grant.redirect_uri:
        raise Refused("invalid_grant", "redirect_uri differs", github="redirect_uri_mismatch")
    if grant.code_challenge is not None:
        check_verifier(form.get("code_verifier"), grant.code_challenge)


def _identity_from_form(params: Mapping[str, str]) -> TestIdentity | None:
    email = params.get("email", "").strip()
    if not email:
        return None
    digest = hashlib.sha256(email.casefold().encode()).hexdigest()
    local = email.partition("@")[0]
    return TestIdentity(
        subject=f"user-{digest[:16]}",
        email=email,
        email_verified=params.get("email_verified") == "true",
        name=params.get("name", "").strip() or local,
        github_id=int(digest[:8], 16),
        login=local,
    )


def _email_claims(identity: TestIdentity) -> dict[str, Any]:
    if identity.email is None:
        return {"name": identity.name}
    return {
        "email": identity.email,
        "email_verified": identity.email_verified,
        "name": identity.name,
    }
