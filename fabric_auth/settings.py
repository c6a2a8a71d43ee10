"""`AuthSettings`: every knob, read from `FABRIC_AUTH_*` environment variables or `.env`."""

from __future__ import annotations

from typing import Literal

from pydantic import AnyHttpUrl, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from fabric_auth.exceptions import ConfigurationError
from fabric_auth.passwords import OWASP_MIN_MEMORY_KIB, OWASP_MIN_TIME_COST

ENV_PREFIX = "FABRIC_AUTH_"
MIN_SECRET_LENGTH = 32
_PLACEHOLDER_SECRETS = frozenset(
    {"secret", "changeme", "change-me", "change_me", "password", "your-secret-key", "supersecret"}
)


class AuthSettings(BaseSettings):
    """Configuration of one fabric-auth runtime. Built by the app, never at import time."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", extra="ignore", frozen=True
    )

    environment: Literal["development", "test", "production"] = "production"
    """`development` and `test` relax the secret requirement and apply migrations on start."""

    database_url: str = "sqlite://fabric_auth.sqlite3"
    """Tortoise URL of the store: `sqlite://path` (embedded default) or `postgres://...`."""

    secret_key: SecretStr | None = None
    """Signs tokens and derives sub-keys. At least 32 characters; required in production."""

    redis_url: str | None = None
    """Optional Redis for rate limits and instant revocation across instances."""

    auto_migrate: bool | None = None
    """Apply pending migrations on start. Default: on in development and test, off otherwise."""

    registration_open: bool = False
    """Whether `POST /auth/register` accepts new accounts."""

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
    max_sessions_per_user: int | None = Field(default=None, ge=1)
    """When set, a new sign-in beyond this many live sessions ends the oldest."""
    jwt_issuer: str = "fabric-auth"
    jwt_audience: str = "fabric-auth"
    revocation_sync_interval: float = Field(default=1.0, gt=0, le=60)
    """Without Redis, how often (seconds) an instance reads revocations made by other instances."""

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
    shutdown_drain_timeout: float = Field(default=30.0, ge=0)
    """On shutdown, wait up to this long (seconds) for in-flight requests before closing the
    store."""

    # Cookies
    cookie_transport: bool = False
    """Also deliver tokens as HttpOnly cookies (browser apps); needs a CSRF header."""
    cookie_secure: bool = True
    """Mark cookies `Secure` (and use `__Host-`/`__Secure-` names). Off only for plain-HTTP dev."""
    cookie_samesite: Literal["lax", "strict", "none"] = "lax"
    cookie_domain: str | None = None
    """Share cookies with subdomains. Set, it rules out the `__Host-` name prefix."""
    csrf_header_name: str = "X-CSRF-Token"

    # Passwords
    password_min_length: int = Field(default=8, ge=8)
    password_max_length: int = Field(default=256, ge=64, le=4096)
    argon2_time_cost: int = Field(default=2, ge=1)
    argon2_memory_cost: int = Field(default=OWASP_MIN_MEMORY_KIB, ge=8)
    """argon2id memory in KiB."""
    argon2_parallelism: int = Field(default=1, ge=1)

    # Seeded system administrator
    admin_email: str | None = None
    admin_password: SecretStr | None = None

    @property
    def is_development(self) -> bool:
        return self.environment in ("development", "test")

    @property
    def should_auto_migrate(self) -> bool:
        return self.is_development if self.auto_migrate is None else self.auto_migrate

    @model_validator(mode="after")
    def _check(self) -> AuthSettings:
        secret = self.secret_key.get_secret_value() if self.secret_key else None
        if secret is None and not self.is_development:
            raise ValueError(f"{ENV_PREFIX}SECRET_KEY is required when environment is production")
        if secret is not None:
            if secret.strip().lower() in _PLACEHOLDER_SECRETS or len(set(secret)) < 8:
                raise ValueError(f"{ENV_PREFIX}SECRET_KEY is a placeholder; generate a real one")
            if len(secret) < MIN_SECRET_LENGTH:
                raise ValueError(
                    f"{ENV_PREFIX}SECRET_KEY must be at least {MIN_SECRET_LENGTH} characters"
                )
        if self.environment != "test" and (
            self.argon2_memory_cost < OWASP_MIN_MEMORY_KIB
            or self.argon2_time_cost < OWASP_MIN_TIME_COST
        ):
            raise ValueError(
                f"{ENV_PREFIX}ARGON2_MEMORY_COST/TIME_COST are below the OWASP minimum "
                f"(m={OWASP_MIN_MEMORY_KIB} KiB, t={OWASP_MIN_TIME_COST}); allowed only in test"
            )
        if self.password_max_length < self.password_min_length:
            raise ValueError(f"{ENV_PREFIX}PASSWORD_MAX_LENGTH is below PASSWORD_MIN_LENGTH")
        if (self.admin_email is None) != (self.admin_password is None):
            raise ValueError(f"{ENV_PREFIX}ADMIN_EMAIL and ADMIN_PASSWORD go together")
        if self.cookie_samesite == "none" and not self.cookie_secure:
            raise ValueError(f"{ENV_PREFIX}COOKIE_SAMESITE=none needs COOKIE_SECURE=true")
        if not self.database_url.startswith(
            ("sqlite://", "postgres://", "asyncpg://", "psycopg://")
        ):
            raise ValueError(f"{ENV_PREFIX}DATABASE_URL must be a sqlite:// or postgres:// URL")
        return self


def load_settings(**overrides: object) -> AuthSettings:
    """Build `AuthSettings`, turning a validation failure into one `ConfigurationError`."""
    try:
        return AuthSettings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages = []
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"])
            name = f"{ENV_PREFIX}{field.upper()}" if field else ""
            messages.append(f"{name}: {error['msg']}" if name else str(error["msg"]))
        raise ConfigurationError("; ".join(messages)) from None
