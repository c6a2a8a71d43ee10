"""`AuthSettings`: every knob, read from `FABRIC_AUTH_*` environment variables or `.env`."""

from __future__ import annotations

import hashlib
import ipaddress
import os
import re
from enum import StrEnum
from typing import Annotated, Literal
from urllib.parse import urlsplit

from limits import parse_many
from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from fabric_auth.exceptions import ConfigurationError, InvalidInput
from fabric_auth.identifiers import email_key
from fabric_auth.passwords import (
    OWASP_MIN_MEMORY_KIB,
    OWASP_MIN_TIME_COST,
    default_hashing_queue,
    default_hashing_threads,
)
from fabric_auth.permissions import validate_code

ENV_PREFIX = "FABRIC_AUTH_"
MIN_SECRET_LENGTH = 32
MIN_SECRET_DISTINCT_CHARACTERS = 8
PLACEHOLDER_WORDS = ("changeme", "replaceme", "secret", "password", "example", "placeholder")
"""Words a production secret may not contain (case and separators ignored): a secret that
reads as a word was typed by a person, e.g. `changeme` padded to length."""
_GENERATE_SECRET = "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"


class RequestIdEcho(StrEnum):
    """Which responses carry the request id back (`FABRIC_AUTH_REQUEST_ID_ECHO`)."""

    ALWAYS = "always"
    """Every response."""
    ERRORS = "errors"
    """Error responses (status 400 and above), and every response to a request that sent the
    header itself. A header costs the server more than our whole token check (under uvicorn's
    h11, about 3% of a minimal request's CPU; see docs/operations.md), and a successful
    response's id is rarely read: the id is in the logs and the audit log either way."""
    NEVER = "never"


OAuthKind = Literal["oidc", "google", "github"]
DEFAULT_ID_TOKEN_ALGORITHMS = ("RS256", "PS256", "ES256", "EdDSA")
ASYMMETRIC_ALGORITHMS = frozenset(
    ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
)
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")
_PROVIDER_NAME = r"^[a-z0-9][a-z0-9_-]{0,31}$"


class OAuthProviderSettings(BaseModel):
    """One OAuth 2 / OpenID Connect provider users may sign in with (`AuthSettings.oauth`,
    e.g. `FABRIC_AUTH_OAUTH__GITHUB__CLIENT_ID`). See docs/oauth.md."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    client_id: str = Field(min_length=1, max_length=512)
    """The client (application) id the provider gave this app."""
    client_secret: SecretStr
    """The client secret the provider gave this app."""
    kind: OAuthKind | None = None
    """`oidc` (any OpenID Connect provider, from `issuer`), `google` or `github`. Default: the
    provider's name when it is `google` or `github`, else `oidc`."""
    issuer: str | None = None
    """OpenID Connect issuer URL; its discovery document is read from
    `<issuer>/.well-known/openid-configuration` and must name exactly this issuer. Required for
    `oidc`; `google` defaults to `https://accounts.google.com`. HTTPS, except on loopback."""
    display_name: str | None = Field(default=None, max_length=100)
    """Shown on sign-in buttons. Default: the provider's name."""
    scopes: list[str] | None = None
    """Scopes asked for. Default: `openid email profile` (OIDC, Google), `read:user user:email`
    (GitHub)."""
    jit_provisioning: bool = False
    """Create an account on a first sign-in from an identity no account is linked to. Off: such
    a sign-in is refused (403 `oauth_account_not_linked`)."""
    link_verified_email: bool = False
    """Link a first sign-in to the existing account holding the same email, **only** when the
    provider asserts that email verified. Off: users link from a signed-in session."""
    roles: list[str] | None = None
    """Roles of accounts created by just-in-time provisioning. Default: `default_roles`."""
    store_tokens: bool = False
    """Keep the provider's access and refresh tokens (AES-GCM encrypted under a key derived from
    `secret_key`), for apps that call the provider's API on the user's behalf."""
    id_token_algorithms: list[str] = Field(
        default_factory=lambda: list(DEFAULT_ID_TOKEN_ALGORITHMS)
    )
    """ID-token signature algorithms accepted (asymmetric only: `none` and HS* are refused)."""
    authorize_url: str | None = None
    """GitHub only: the authorization endpoint (default GitHub's; e.g. GitHub Enterprise)."""
    token_url: str | None = None
    """GitHub only: the token endpoint."""
    api_url: str | None = None
    """GitHub only: the REST API base (default `https://api.github.com`)."""
    redirect_uri: str | None = None
    """The callback URL registered with the provider. Default: `public_base_url` + the callback
    route's path."""

    @field_validator("id_token_algorithms")
    @classmethod
    def _asymmetric_only(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("name at least one algorithm")
        for algorithm in value:
            if algorithm not in ASYMMETRIC_ALGORITHMS:
                raise ValueError(f"{algorithm!r} is not an asymmetric JWS algorithm")
        return value

    @field_validator("issuer", "authorize_url", "token_url", "api_url", "redirect_uri")
    @classmethod
    def _secure_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError(f"{value!r} is not an http(s) URL")
        if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
            raise ValueError(f"{value!r} must use https (http only on loopback)")
        if parts.username or parts.password or parts.fragment:
            raise ValueError(f"{value!r} may not carry a user, password or fragment")
        return value

    def kind_for(self, name: str) -> OAuthKind:
        """The provider's kind, inferred from its name when not set."""
        if self.kind is not None:
            return self.kind
        return "google" if name == "google" else "github" if name == "github" else "oidc"


class AuthSettings(BaseSettings):
    """Configuration of one fabric-auth runtime. Built by the app, never at import time."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        extra="ignore",
        frozen=True,
        env_nested_delimiter="__",
    )

    environment: Literal["development", "test", "production"] = "production"
    """`development` and `test` relax the secret requirement and apply migrations on start."""

    database_url: str = "sqlite://fabric_auth.sqlite3"
    """Tortoise URL of the store: `sqlite://path` (embedded default) or `postgres://...`."""
    store_timeout: float = Field(default=5.0, gt=0, le=300)
    """PostgreSQL: seconds a request waits to connect to the store or for a free pooled
    connection before answering 503 `store_unavailable`. Bounds what an unreachable or hung
    server costs a request; never cuts a statement that is running (see docs/operations.md,
    "When the store fails")."""

    secret_key: SecretStr | None = None
    """Signs tokens and derives sub-keys. At least 32 characters; required in production."""

    redis_url: str | None = None
    """Optional Redis: shared rate-limit counters, and hints that make a change reach every
    instance within milliseconds. Correctness never depends on it (see `max_staleness`)."""
    redis_namespace: str | None = Field(
        default=None, pattern=r"^[A-Za-z0-9_.:-]{1,64}$", validate_default=False
    )
    """Prefix of every Redis channel and key this deployment uses. Default: derived from the
    store's address (scheme, host, port, database; never the password), so deployments on
    different stores sharing one Redis server never hear each other. Set it when instances
    reach one store under different addresses."""
    max_staleness: float = Field(default=1.0, ge=0.05, le=60)
    """Seconds an instance may decide a request on what it keeps in memory (revocations,
    effective permissions, plans and limits) since it last read the store's change feed. Past
    this the request first reads the feed, and answers 503 `store_unavailable` if it cannot:
    a change made on any instance is enforced on every instance within this bound, with or
    without Redis. Instances read the feed every quarter of it, and at once on a Redis hint."""

    auto_migrate: bool | None = None
    """Apply pending migrations on start. Default: on in development and test, off otherwise."""

    registration_open: bool = False
    """Whether `POST /auth/register` accepts new accounts."""
    registration_reveals_existing: bool = False
    """Answer `POST /auth/register` for a taken email or username with 409 `already_exists`
    (friendlier, but anyone can then test which addresses have accounts). Off: the same 202
    as for a new account, and the address's owner is mailed instead."""

    public_base_url: AnyHttpUrl | None = None
    """Where users reach the app; links in mail are built from this, never from `Host`."""

    # Tokens and sessions
    access_token_ttl: int = Field(default=900, ge=30, le=86_400)
    """Access token lifetime, seconds."""
    session_ttl: int = Field(default=30 * 86_400, ge=60)
    """Absolute session lifetime, seconds: refresh stops working after this."""
    session_idle_ttl: int = Field(default=7 * 86_400, ge=60)
    """A session not refreshed for this long, seconds, is dead."""
    refresh_grace_seconds: float = Field(default=10.0, ge=0, le=300)
    """A rotated refresh token replayed within this window gets the same successor."""
    revoke_all_sessions_on_reuse: bool = False
    """On refresh-token reuse, revoke every session of the user, not only the family."""
    audit_refreshes: bool = False
    """Write every rotation to the audit log (`session.refresh`). Off: a rotation then costs
    no audit entry (an insert in its transaction, and its share of the sequencing after it)."""
    max_sessions_per_user: int = Field(default=100, ge=1, le=10_000)
    """Live sessions a user may have: a sign-in beyond this many ends the least recently used
    (audited, reason `session_limit`) rather than being refused."""
    jwt_issuer: str = "fabric-auth"
    jwt_audience: str = "fabric-auth"

    # Signing keys
    signing_algorithm: Literal["HS256", "EdDSA", "ES256"] = "HS256"
    """`HS256` signs with a key derived from `SECRET_KEY` (only this deployment can verify);
    `EdDSA` or `ES256` sign with keys kept in the store and published at
    `/.well-known/jwks.json`, so other services verify tokens locally."""
    signing_key_sync_interval: float = Field(default=60.0, gt=0, le=3600)
    """How often (seconds) an instance reloads signing keys from the store. A rotated-in key
    starts signing twice this long after it was added, once every instance knows it."""
    jwks_cache_max_age: int = Field(default=300, ge=0, le=86_400)
    """`Cache-Control: max-age` (seconds) of the JWKS and OpenID configuration responses."""

    # Audit, observability, operations
    audit_retention_days: int | None = Field(default=None, ge=1)
    """Audit entries older than this are purged by the cleanup; `None` keeps them forever."""
    cleanup_interval: float = Field(default=3600.0, ge=0)
    """Seconds between cleanups of expired sessions, revocations, signing keys and old audit
    entries in each running instance; `0` turns the periodic cleanup off."""
    metrics_enabled: bool = False
    """Collect Prometheus metrics (needs the `metrics` extra); serve them with
    `create_metrics_router()`."""
    request_id_header: str = "X-Request-ID"
    """Header a request id is read from (when well-formed) and echoed in."""
    request_id_echo: RequestIdEcho = RequestIdEcho.ERRORS
    """Which responses carry the request id: `always`, `errors` (status >= 400, and every
    response to a request that sent the header itself) or `never`."""
    shutdown_drain_timeout: float = Field(default=30.0, ge=0)
    """On shutdown, wait up to this long (seconds) for in-flight requests before closing the
    store."""
    drain_seconds: float = Field(default=0.0, ge=0, le=600)
    """On SIGTERM, answer readiness 503 `draining` but go on serving for this long (seconds)
    before the server starts its graceful stop, so load balancers take the instance out of
    rotation before it stops accepting connections. `0` (default): stop at once, as a
    development reload wants. Applies under uvicorn and gunicorn's uvicorn worker (see
    docs/operations.md, "Draining on SIGTERM")."""
    max_body_size: int = Field(default=1_048_576, ge=1024, le=1_073_741_824)
    """Longest request body accepted, in bytes (1 KiB to 1 GiB); a longer one is refused with
    413 `payload_too_large` before the app reads past the limit."""
    gc_freeze_on_startup: bool = True
    """After start-up, move every object alive then out of the cyclic garbage collector's
    reach (`gc.freeze()`): full collections then scan only what requests allocated, so they no
    longer pause the event loop for tens of milliseconds (see docs/operations.md)."""

    # Cookies
    cookie_transport: bool = False
    """Also deliver tokens as HttpOnly cookies (browser apps); needs a CSRF header."""
    cookie_secure: bool = True
    """Mark cookies `Secure` (and use `__Host-`/`__Secure-` names). Off only for plain-HTTP dev."""
    cookie_samesite: Literal["lax", "strict", "none"] = "lax"
    cookie_domain: str | None = None
    """Share cookies with subdomains. Set, it rules out the `__Host-` name prefix."""
    csrf_header_name: str = "X-CSRF-Token"

    # Authorization
    permission_cache_ttl: float = Field(default=60.0, ge=0, le=3600)
    """Seconds an instance keeps a user's effective permissions. Changes made through
    fabric-auth reach every instance through the change feed (see `max_staleness`) whatever
    this is; it only bounds changes made behind its back (SQL run by hand)."""
    extra_permissions: list[str] = Field(default_factory=list)
    """App permission codes that may be granted, besides `register_permissions(...)`."""
    default_roles: list[str] = Field(default_factory=lambda: ["user"])
    """Roles given to every new account."""
    reauth_window: int = Field(default=300, ge=0, le=86_400)
    """Seconds after a sign-in during which its tokens may change a secret or the account's
    identity (email, username, password set by an administrator) without the current
    password. After that, sign in again. 0: always ask."""
    user_delete_mode: Literal["soft", "hard"] = "soft"
    """`DELETE /users/{id}` and `DELETE /users/me`: `soft` keeps the row (email stays reserved)
    until `user_erase_after`, `hard` removes it at once."""
    user_erase_after: float = Field(default=30 * 86_400.0, ge=0)
    """Seconds a deleted account (`soft` mode) keeps its personal data before the cleanup
    (step `erase_deleted_users`) erases it: the grace period during which an administrator
    may still restore it (`POST /users/{id}/restore`)."""

    # Events for other services
    events_enabled: bool = True
    """Write an event to the outbox with each change (`fabric_auth.events`)."""
    events_relay: bool = True
    """Let this instance relay the outbox to Redis Streams and webhooks. One instance relays at
    a time (a lease in the store); turn it off on instances that should never relay."""
    events_stream_maxlen: int = Field(default=100_000, ge=100)
    """Approximate length the Redis stream is trimmed to (`XADD ... MAXLEN ~`)."""
    events_retention: float = Field(default=7 * 86_400.0, ge=3600)
    """Seconds relayed events and finished webhook deliveries are kept (for replays)."""
    events_lease_ttl: float = Field(default=10.0, ge=1, le=300)
    """Seconds the relay's lease lasts unless renewed: how soon another instance takes over
    from one that died."""
    webhook_timeout: float = Field(default=10.0, gt=0, le=120)
    """Seconds a webhook endpoint has to answer one delivery."""
    webhook_retry_window: float = Field(default=86_400.0, ge=1)
    """Seconds a failing delivery is retried (exponential backoff with jitter) before it is
    marked `failed`, to be replayed by hand."""
    webhook_allow_private_targets: bool = False
    """Allow webhook URLs that resolve to loopback, private, link-local or other non-public
    addresses (development, or endpoints inside the deployment's network)."""

    # Passwords
    password_min_length: int = Field(default=8, ge=8)
    password_max_length: int = Field(default=256, ge=64, le=4096)
    argon2_time_cost: int = Field(default=2, ge=1)
    argon2_memory_cost: int = Field(default=OWASP_MIN_MEMORY_KIB, ge=8)
    """argon2id memory in KiB."""
    argon2_parallelism: int = Field(default=1, ge=1)
    password_hashing_threads: int = Field(default_factory=default_hashing_threads, ge=1)
    """Threads hashing passwords: by default one fewer than the cores (at least one), so
    hashing never takes the last core from the event loop."""
    password_hashing_queue: int = Field(default_factory=default_hashing_queue, ge=0)
    """Hashes that may wait for a thread (default 32 per thread); past them a request that
    needs one is answered 503 `busy` with `Retry-After`."""

    # Mail and links
    mail_url: str = "console://"
    """Where mail goes: `console://` (logged, for development), `smtp://user:pass@host:587`
    (STARTTLS when the server offers it), `smtps://...` (implicit TLS) or `smtp+plain://...`
    (no TLS, local relays only)."""
    mail_from: str = "fabric-auth <no-reply@localhost>"
    """The `From` of every message fabric-auth sends."""
    mail_timeout: float = Field(default=10.0, gt=0, le=120)
    """Seconds an SMTP conversation may take."""
    app_name: str = "fabric-auth"
    """The application's name as mail templates show it (`$app_name`)."""
    reset_password_link_path: str = "/reset-password"
    """Page of the app (under `public_base_url`) that takes `?token=` and posts it to
    `/auth/reset-password`."""
    verify_email_link_path: str = "/verify-email"
    """Page that takes `?token=` and posts it to `/auth/verify`."""
    activate_link_path: str = "/activate"
    """Page that takes `?token=` and posts it with a new password to `/auth/activate`."""

    # Password reset, verification, invites
    password_reset_ttl: int = Field(default=30 * 60, ge=60, le=86_400)
    """Seconds a password-reset link stays valid."""
    verify_email_ttl: int = Field(default=48 * 3600, ge=60, le=30 * 86_400)
    """Seconds an email-verification (or email-change) link stays valid."""
    invite_ttl: int = Field(default=7 * 86_400, ge=60, le=90 * 86_400)
    """Seconds an invitation (activation) link stays valid."""
    mail_resend_interval: int = Field(default=60, ge=0, le=3600)
    """A second reset or verification mail to one account within this many seconds is not sent,
    so the forms cannot be used to flood an inbox."""
    require_verified_email: bool = False
    """Refuse password sign-in (403 `email_not_verified`) until the email is verified."""

    # Lockout (Keycloak-style brute-force detection)
    lockout_enabled: bool = True
    """Lock an account, and a client address, after repeated failed sign-ins."""
    lockout_failures: int = Field(default=10, ge=1, le=1000)
    """Failed sign-ins to one account before it is locked."""
    lockout_wait_increment: int = Field(default=60, ge=1)
    """Seconds of the first lock; each further lock in a streak adds this much."""
    lockout_max_wait: int = Field(default=900, ge=1)
    """Longest temporary lock, seconds."""
    lockout_failure_reset: int = Field(default=12 * 3600, ge=1)
    """Seconds without a failed attempt after which the failure streak is forgotten."""
    lockout_permanent: bool = False
    """Lock until an administrator unlocks, instead of temporarily. Lets anybody who knows a
    login lock its owner out: turn on only if that trade is wanted."""
    lockout_ip_failures: int | None = Field(default=100, ge=1)
    """Failed sign-ins from one client address (to any accounts) before that address is locked
    (temporarily, with the same waits). `None` turns per-address lockout off."""

    # Client addresses and rate limits
    trusted_proxies: Annotated[tuple[str, ...], NoDecode] = ()
    """Comma-separated IPs or CIDRs of reverse proxies whose `X-Forwarded-For` is believed.
    Empty: the peer address is the client, whatever the headers say."""
    rate_limits_enabled: bool = True
    """Apply the rate limits below (and any `rate_limit(...)` dependency)."""
    rate_limit_token: str | None = "30/minute"
    """Per client address, on `POST /auth/token` (sign-in and refresh)."""
    rate_limit_register: str | None = "5/minute"
    """Per client address, on `POST /auth/register`."""
    rate_limit_mail: str | None = "5/minute"
    """Per client address, on routes that send mail (forgot-password, request-verify,
    change-email)."""
    rate_limit_link: str | None = "10/minute"
    """Per client address, on routes that take a mailed token (reset-password, verify, activate)."""
    rate_limit_change_password: str | None = "5/minute"
    """Per principal, on `POST /auth/change-password`."""
    rate_limit_oauth: str | None = "20/minute"
    """Per client address, on the OAuth authorize and callback routes."""

    # Seeded system administrator
    admin_email: str | None = None
    admin_password: SecretStr | None = None

    # API keys
    api_key_max_lifetime_days: int = Field(default=365, ge=1, le=3650)
    """Longest lifetime a new API key may be given, days (also the default lifetime)."""
    api_key_last_used_interval: float = Field(default=60.0, gt=0, le=86_400)
    """Seconds between two writes of a key's `last_used_at` by one instance: uses in between
    are not recorded, so a busy key costs no write per request."""
    api_key_cache_size: int = Field(default=10_000, ge=100, le=1_000_000)
    """API keys each instance keeps in memory, so a warm key costs no store query."""
    max_api_keys_per_subject: int = Field(default=100, ge=1, le=10_000)
    """Live (not revoked, not expired) API keys one user or service account may hold: issuing
    one more is 409 `too_many_api_keys`."""
    # Admin dashboard
    admin_in_openapi: bool = False
    """Show the admin dashboard's routes (`create_admin_router()`) in the OpenAPI document.
    Off: they are served but left out, so the public API description does not list them."""

    # OAuth / OpenID Connect sign-in
    oauth: dict[str, OAuthProviderSettings] = Field(default_factory=dict)
    """Providers users may sign in with, by name (lowercase letters, digits, `-`, `_`):
    `FABRIC_AUTH_OAUTH__<NAME>__<FIELD>` variables, or one JSON object in `FABRIC_AUTH_OAUTH`
    (see `OAuthProviderSettings` and docs/oauth.md)."""
    oauth_redirect_allowlist: Annotated[tuple[str, ...], NoDecode] = ()
    """Comma-separated origins (`https://app.example.com`), each optionally with a path prefix
    (`https://example.com/app`), a sign-in may send the browser back to (`redirect_to`).
    Matched exactly (scheme, host, port; path by whole segments); anything else is refused.
    The first entry is where `redirect_to` goes when omitted."""
    oauth_state_ttl: int = Field(default=600, ge=30, le=3600)
    """Seconds a started sign-in may take at the provider before its state expires."""
    oauth_code_ttl: int = Field(default=60, ge=5, le=600)
    """Bearer transport: seconds the single-use sign-in code (exchanged at `/auth/token`)
    lives."""
    oauth_timeout: float = Field(default=10.0, gt=0, le=60)
    """Seconds a call to a provider (discovery, keys, token, user info) may take; past it the
    sign-in is answered 504 `oauth_provider_timeout`."""

    # Plans and quotas
    plans_public: bool = True
    """`GET /plans` and `GET /features` answer anyone; off, they need `plans:read`."""
    quota_idempotency_header: str = "Idempotency-Key"
    """Request header `quota()` reads an idempotency key from."""
    quota_idempotency_ttl: int = Field(default=86_400, ge=60, le=30 * 86_400)
    """Seconds an idempotency key's first outcome is kept (then the cleanup purges it)."""
    quota_idempotency_wait: float = Field(default=10.0, ge=0, le=120)
    """Seconds `PlanService.consume` (jobs, no HTTP) waits for a concurrent call with the same
    idempotency key to decide before raising `IdempotencyKeyInUse`. HTTP requests never wait:
    a duplicate of one in flight is answered 409 `idempotency_in_progress` at once."""
    quota_idempotency_lease: float = Field(default=300.0, ge=1, le=86_400)
    """Seconds the first request with an idempotency key may take to be answered; a key still
    unanswered after that belongs to a request that died, and a retry takes it over."""
    quota_idempotency_max_response: int = Field(default=65_536, ge=0, le=1_048_576)
    """Largest response body, in bytes, kept for replaying to retries with its idempotency
    key; a retry of a larger one is answered 409 `idempotent_response_not_stored`."""
    quota_lease: int = Field(default=0, ge=0, le=1_000_000)
    """Units a `quota()` without its own `lease=` claims per lease block, served from this
    instance's memory (docs/plans-and-quotas.md, "Quota leases"); 0 (the default): every
    consumption is charged in the store."""
    quota_lease_seconds: float = Field(default=15.0, ge=1, le=3600)
    """Seconds a quota lease lives without a write: the most a killed instance's unused units
    stay out of reach before any instance gives them back."""
    quota_cache_ttl: float = Field(default=60.0, ge=0, le=3600)
    """Seconds an instance keeps a subject's plan and limit of a feature. Changes made through
    fabric-auth reach every instance through the change feed (see `max_staleness`) whatever
    this is; it only bounds changes made behind its back. Usage itself is never cached."""

    @property
    def namespace(self) -> str:
        """`redis_namespace`, or one derived from the store's address."""
        if self.redis_namespace is not None:
            return self.redis_namespace
        return "fabric_auth:" + store_identity(self.database_url)

    @property
    def is_development(self) -> bool:
        return self.environment in ("development", "test")

    @property
    def should_auto_migrate(self) -> bool:
        return self.is_development if self.auto_migrate is None else self.auto_migrate

    @field_validator(
        "lockout_ip_failures",
        "rate_limit_token",
        "rate_limit_register",
        "rate_limit_mail",
        "rate_limit_link",
        "rate_limit_change_password",
        "rate_limit_oauth",
        mode="before",
    )
    @classmethod
    def _off_words(cls, value: object) -> object:
        """`""`, `none` and `off` in the environment mean `None` (turned off)."""
        if isinstance(value, str) and value.strip().lower() in ("", "none", "off"):
            return None
        return value

    @field_validator("trusted_proxies", "oauth_redirect_allowlist", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _check_proxies(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for entry in value:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"{entry!r} is not an IP address or CIDR") from None
        return value

    @field_validator(
        "rate_limit_token",
        "rate_limit_register",
        "rate_limit_mail",
        "rate_limit_link",
        "rate_limit_change_password",
        "rate_limit_oauth",
    )
    @classmethod
    def _check_rate_limit(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            parse_many(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a rate limit such as '5/minute'") from None
        return value

    @model_validator(mode="after")
    def _check(self) -> AuthSettings:
        secret = self.secret_key.get_secret_value() if self.secret_key else None
        if secret is None and not self.is_development:
            raise ValueError(f"{ENV_PREFIX}SECRET_KEY is required when environment is production")
        if secret is not None:
            # A placeholder word comes first, even in a short secret: lengthening `changeme` is
            # not the fix. Development keeps memorable secrets (`dev-secret-...`).
            word = None if self.is_development else _placeholder_word(secret)
            problem = f"contains the placeholder word '{word}'" if word else _weakness(secret)
            if problem is not None:
                raise ValueError(f"{ENV_PREFIX}SECRET_KEY {problem}; {_GENERATE_SECRET}")
        if self.environment != "test" and (
            self.argon2_memory_cost < OWASP_MIN_MEMORY_KIB
            or self.argon2_time_cost < OWASP_MIN_TIME_COST
        ):
            raise ValueError(
                f"{ENV_PREFIX}ARGON2_MEMORY_COST/TIME_COST are below the OWASP minimum "
                f"(m={OWASP_MIN_MEMORY_KIB} KiB, t={OWASP_MIN_TIME_COST}); allowed only in test"
            )
        for code in self.extra_permissions:
            try:
                validate_code(code)
            except ValueError as exc:
                raise ValueError(f"{ENV_PREFIX}EXTRA_PERMISSIONS: {exc}") from None
        if self.password_max_length < self.password_min_length:
            raise ValueError(f"{ENV_PREFIX}PASSWORD_MAX_LENGTH is below PASSWORD_MIN_LENGTH")
        if (self.admin_email is None) != (self.admin_password is None):
            raise ValueError(f"{ENV_PREFIX}ADMIN_EMAIL and ADMIN_PASSWORD go together")
        if self.admin_email is not None:
            try:
                email_key(self.admin_email)
            except InvalidInput as exc:
                raise ValueError(f"{ENV_PREFIX}ADMIN_EMAIL: {exc.detail}") from None
        if self.cookie_samesite == "none" and not self.cookie_secure:
            raise ValueError(f"{ENV_PREFIX}COOKIE_SAMESITE=none needs COOKIE_SECURE=true")
        if self.lockout_max_wait < self.lockout_wait_increment:
            raise ValueError(f"{ENV_PREFIX}LOCKOUT_MAX_WAIT is below LOCKOUT_WAIT_INCREMENT")
        for name in ("reset_password_link_path", "verify_email_link_path", "activate_link_path"):
            if not getattr(self, name).startswith("/"):
                raise ValueError(f"{ENV_PREFIX}{name.upper()} must start with '/'")
        _check_oauth_settings(self)
        if not self.database_url.startswith(
            ("sqlite://", "postgres://", "asyncpg://", "psycopg://")
        ):
            raise ValueError(f"{ENV_PREFIX}DATABASE_URL must be a sqlite:// or postgres:// URL")
        return self


def _check_oauth_settings(settings: AuthSettings) -> None:
    for name, provider in settings.oauth.items():
        variable = f"{ENV_PREFIX}OAUTH__{name.upper()}"
        if re.match(_PROVIDER_NAME, name) is None:
            raise ValueError(
                f"{variable}: a provider name is 1-32 lowercase letters, digits, '-' or '_'"
            )
        kind = provider.kind_for(name)
        if kind == "oidc" and provider.issuer is None:
            raise ValueError(f"{variable}__ISSUER is required for an OpenID Connect provider")
        if kind != "github" and (provider.authorize_url or provider.token_url or provider.api_url):
            raise ValueError(
                f"{variable}: AUTHORIZE_URL, TOKEN_URL and API_URL are for GitHub; "
                "an OpenID Connect provider's come from its ISSUER"
            )
    if settings.oauth and not settings.oauth_redirect_allowlist:
        raise ValueError(
            f"{ENV_PREFIX}OAUTH_REDIRECT_ALLOWLIST is required when OAuth providers are "
            "configured: where may a sign-in send the browser back to?"
        )
    for entry in settings.oauth_redirect_allowlist:
        problem = redirect_entry_problem(entry)
        if problem is not None:
            raise ValueError(f"{ENV_PREFIX}OAUTH_REDIRECT_ALLOWLIST: {entry!r} {problem}")


def redirect_entry_problem(entry: str) -> str | None:
    """Why `entry` cannot be an allowlist entry (an origin with an optional path), or None."""
    parts = urlsplit(entry)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return "is not an http(s) origin"
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        return "must use https (http only on loopback)"
    if parts.username or parts.password or parts.query or parts.fragment or "\\" in entry:
        return "may hold only a scheme, host, port and path"
    return None


def _placeholder_word(secret: str) -> str | None:
    """The first of `PLACEHOLDER_WORDS` in `secret`, case and separators ignored, or None."""
    letters = "".join(character for character in secret.lower() if character.isalnum())
    return next((word for word in PLACEHOLDER_WORDS if word in letters), None)


def _weakness(secret: str) -> str | None:
    """Why `secret` is too weak to derive keys from, as the end of a sentence, or None."""
    if len(secret) < MIN_SECRET_LENGTH:
        return f"must be at least {MIN_SECRET_LENGTH} characters long"
    if len(set(secret)) < MIN_SECRET_DISTINCT_CHARACTERS:
        return f"must have at least {MIN_SECRET_DISTINCT_CHARACTERS} distinct characters"
    return None


def load_settings(**overrides: object) -> AuthSettings:
    """Build `AuthSettings`, turning a validation failure into one `ConfigurationError`."""
    try:
        return AuthSettings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages = []
        for error in exc.errors():
            field = "__".join(str(part) for part in error["loc"])
            name = f"{ENV_PREFIX}{field.upper()}" if field else ""
            message = str(error["msg"]).removeprefix("Value error, ")
            messages.append(f"{name}: {message}" if name else message)
        raise ConfigurationError("; ".join(messages)) from None
    except SettingsError as exc:  # a value the environment source cannot parse (bad JSON list)
        raise ConfigurationError(str(exc)) from None


def store_identity(database_url: str) -> str:
    """A short digest of where the store is (scheme, host, port, database or file), without
    user or password: instances reaching one store by one address agree on it."""
    parts = urlsplit(database_url)
    if parts.scheme == "sqlite":
        file = parts.netloc + parts.path
        address = "sqlite:" + (file if file == ":memory:" else os.path.abspath(file))
    else:
        try:
            port = parts.port
        except ValueError:  # refused when the store is opened; any digest will do until then
            port = None
        address = f"{parts.scheme}://{parts.hostname or ''}:{port or ''}{parts.path}"
    return hashlib.sha256(address.encode()).hexdigest()[:12]
