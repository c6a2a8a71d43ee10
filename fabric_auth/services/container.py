"""`AuthServices`: every service of one runtime, wired from settings, with its lifecycle.

Used by the FastAPI runtime (`fabric_auth.FabricAuth`) and by the CLI alike; nothing here knows
about HTTP.
"""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING, Any

from fabric_auth.clock import Clock
from fabric_auth.exceptions import ConfigurationError
from fabric_auth.passwords import Argon2Parameters, PasswordHasher, PasswordPolicy
from fabric_auth.services.audit import AuditLog
from fabric_auth.services.cleanup import CleanupService
from fabric_auth.services.health import HealthChecks
from fabric_auth.services.revocation import RevocationService
from fabric_auth.services.sessions import SessionService
from fabric_auth.services.signing_keys import SigningKeyService
from fabric_auth.services.users import UserService
from fabric_auth.settings import AuthSettings
from fabric_auth.store import connection, migrate
from fabric_auth.tokens.access import AccessTokenCodec
from fabric_auth.tokens.keys import HS256, KeyRing, derive_key
from fabric_auth.tokens.refresh import RefreshTokenDeriver

if TYPE_CHECKING:
    from redis.asyncio import Redis

logger = logging.getLogger("fabric_auth")


class AuthServices:
    def __init__(self, settings: AuthSettings, *, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or Clock()
        secret = self._secret()
        self.csrf_key = derive_key(secret, "csrf")
        self.redis: Redis | None = _redis_client(settings.redis_url)
        self.hasher = PasswordHasher(
            Argon2Parameters(
                time_cost=settings.argon2_time_cost,
                memory_cost=settings.argon2_memory_cost,
                parallelism=settings.argon2_parallelism,
            )
        )
        self.policy = PasswordPolicy(
            min_length=settings.password_min_length, max_length=settings.password_max_length
        )
        keys = (
            KeyRing.symmetric(derive_key(secret, "access-token/hs256"))
            if settings.signing_algorithm == HS256
            else KeyRing(())  # loaded from the store at start
        )
        self.tokens = AccessTokenCodec(
            keys,
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            ttl=settings.access_token_ttl,
            now=self.clock.timestamp,
        )
        self.revocations = RevocationService(
            clock=self.clock,
            token_ttl=settings.access_token_ttl,
            sync_interval=settings.revocation_sync_interval,
            redis=self.redis,
        )
        self.audit = AuditLog(self.clock)
        self.users = UserService(
            hasher=self.hasher, policy=self.policy, clock=self.clock, audit=self.audit
        )
        self.signing_keys = SigningKeyService(
            settings=settings,
            clock=self.clock,
            codec=self.tokens,
            encryption_key=derive_key(secret, "signing-key-encryption"),
            audit=self.audit,
        )
        self.cleanup = CleanupService(
            settings=settings, clock=self.clock, audit=self.audit, signing_keys=self.signing_keys
        )
        self.health = HealthChecks()
        self.health.register("store", _check_store)
        if self.redis is not None:
            self.health.register("redis", self._check_redis)
        self.sessions = SessionService(
            settings=settings,
            clock=self.clock,
            codec=self.tokens,
            deriver=RefreshTokenDeriver(derive_key(secret, "refresh-token")),
            revocations=self.revocations,
            users=self.users,
            audit=self.audit,
        )
        self.tortoise_config: dict[str, Any] = {}
        self._started = False

    def _secret(self) -> bytes:
        if self.settings.secret_key is not None:
            return self.settings.secret_key.get_secret_value().encode()
        logger.warning(
            "FABRIC_AUTH_SECRET_KEY is not set: using a random key, so tokens end at restart"
        )
        return secrets.token_bytes(32)

    async def open_store(self) -> None:
        """Open the store (or join the app's Tortoise set-up) and migrate if configured."""
        self.tortoise_config = await connection.open_store(self.settings.database_url)
        if self.settings.should_auto_migrate:
            applied = await migrate.upgrade(self.tortoise_config)
            if applied:
                logger.info("applied migrations: %s", ", ".join(applied))

    async def start(self) -> None:
        """Everything a serving runtime needs: store, seed data, revocation sync."""
        await self.open_store()
        try:
            state = await migrate.status(self.tortoise_config)
            if state.pending:
                raise ConfigurationError(
                    f"the store has unapplied migrations ({', '.join(state.pending)}): run "
                    "`fabric-auth db upgrade` or set FABRIC_AUTH_AUTO_MIGRATE=true"
                )
            await self.audit.ensure_chain()
            await self.seed()
            await self.revocations.start()
            await self.signing_keys.start()
            self.cleanup.start()
        except BaseException:
            await self.close()
            raise
        self._started = True

    async def seed(self) -> None:
        settings = self.settings
        if settings.admin_email and settings.admin_password:
            await self.users.ensure_system_admin(
                settings.admin_email, settings.admin_password.get_secret_value()
            )

    async def _check_redis(self) -> None:
        assert self.redis is not None
        await self.redis.ping()

    async def close(self) -> None:
        await self.cleanup.stop()
        await self.signing_keys.stop()
        await self.revocations.stop()
        if self.redis is not None:
            await self.redis.aclose()
        await connection.close_store()
        self._started = False


async def _check_store() -> None:
    await connection.ping()


def _redis_client(url: str | None) -> Redis | None:
    if url is None:
        return None
    try:
        from redis.asyncio import Redis
    except ImportError:
        raise ConfigurationError(
            "FABRIC_AUTH_REDIS_URL is set but the redis package is missing: "
            "install fabric-auth[redis]"
        ) from None
    try:
        return Redis.from_url(url)
    except ValueError as exc:
        raise ConfigurationError(f"FABRIC_AUTH_REDIS_URL: {exc}") from None
