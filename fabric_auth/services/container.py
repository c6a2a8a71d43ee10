"""`AuthServices`: every service of one runtime, wired from settings, with its lifecycle.

Used by the FastAPI runtime (`fabric_auth.FabricAuth`) and by the CLI alike; nothing here knows
about HTTP.
"""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING, Any

from tortoise.exceptions import DBConnectionError

from fabric_auth.clock import Clock
from fabric_auth.exceptions import ConfigurationError, InvalidInput
from fabric_auth.mail import Mailer, MailTemplates, mailer_from_url
from fabric_auth.passwords import (
    Argon2Parameters,
    HashingPool,
    PasswordHasher,
    PasswordPolicy,
)
from fabric_auth.permissions import Catalogue
from fabric_auth.services.account import AccountService
from fabric_auth.services.api_keys import ApiKeyService
from fabric_auth.services.audit import AuditLog
from fabric_auth.services.authorization import AuthorizationService
from fabric_auth.services.background import BackgroundWork
from fabric_auth.services.broadcast import Broadcast
from fabric_auth.services.changes import ChangeFeed
from fabric_auth.services.cleanup import CleanupService
from fabric_auth.services.events import EventOutbox, WebhookService
from fabric_auth.services.events.relay import EventRelay
from fabric_auth.services.health import HealthChecks
from fabric_auth.services.lockout import LockoutService
from fabric_auth.services.oauth import OAuthProviders, OAuthService
from fabric_auth.services.plans import PlanCatalogue, PlanService
from fabric_auth.services.rate_limits import RateLimiter
from fabric_auth.services.rbac import RbacService
from fabric_auth.services.revocation import RevocationService
from fabric_auth.services.service_accounts import ServiceAccountService
from fabric_auth.services.sessions import SessionService
from fabric_auth.services.signing_keys import SigningKeyService
from fabric_auth.services.user_admin import UserAdminService
from fabric_auth.services.users import UserService
from fabric_auth.settings import AuthSettings
from fabric_auth.store import connection, migrate
from fabric_auth.store.errors import STORE_STATE
from fabric_auth.tokens.access import AccessTokenCodec
from fabric_auth.tokens.keys import HS256, KeyRing, derive_key
from fabric_auth.tokens.refresh import RefreshTokenDeriver

if TYPE_CHECKING:
    from redis.asyncio import Redis

logger = logging.getLogger("fabric_auth")


class AuthServices:
    def __init__(
        self,
        settings: AuthSettings,
        *,
        clock: Clock | None = None,
        mailer: Mailer | None = None,
        mail_templates: MailTemplates | None = None,
        plans: PlanCatalogue | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock or Clock()
        secret = self._secret()
        self._root_secret = secret
        self.redis: Redis | None = _redis_client(settings.redis_url)
        self.hashing = HashingPool(
            settings.password_hashing_threads, settings.password_hashing_queue
        )
        self.hasher = PasswordHasher(
            Argon2Parameters(
                time_cost=settings.argon2_time_cost,
                memory_cost=settings.argon2_memory_cost,
                parallelism=settings.argon2_parallelism,
            ),
            self.hashing,
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
        self.broadcast = Broadcast(self.redis, settings.namespace)
        self.changes = ChangeFeed(
            clock=self.clock,
            max_staleness=settings.max_staleness,
            hints=self.broadcast,
            timeout=settings.store_timeout,
        )
        self.events = EventOutbox(
            clock=self.clock, enabled=settings.events_enabled, hints=self.broadcast
        )
        self.relay = EventRelay(
            settings=settings,
            clock=self.clock,
            redis=self.redis,
            events=self.events,
            hints=self.broadcast,
            webhook_key=derive_key(secret, "webhook-secret"),
        )
        """Relays the outbox to Redis Streams and webhooks (started when `events_relay`)."""
        self.revocations = RevocationService(
            clock=self.clock,
            token_ttl=settings.access_token_ttl,
            feed=self.changes,
            events=self.events,
        )
        self.audit = AuditLog(self.clock)
        self.rate_limiter = RateLimiter(
            settings.redis_url or "memory://",
            enabled=settings.rate_limits_enabled,
            namespace=settings.namespace,
        )
        self.lockout = LockoutService(settings=settings, clock=self.clock, audit=self.audit)
        self.users = UserService(
            hasher=self.hasher,
            policy=self.policy,
            clock=self.clock,
            lockout=self.lockout,
            audit=self.audit,
            events=self.events,
            require_verified_email=settings.require_verified_email,
            default_roles=settings.default_roles,
        )
        self.mailer = mailer or mailer_from_url(
            settings.mail_url, sender=settings.mail_from, timeout=settings.mail_timeout
        )
        self.background = BackgroundWork()
        self.authorization = AuthorizationService(
            audit=self.audit, clock=self.clock, reauth_window=settings.reauth_window
        )
        self.signing_keys = SigningKeyService(
            settings=settings,
            clock=self.clock,
            codec=self.tokens,
            encryption_key=derive_key(secret, "signing-key-encryption"),
            audit=self.audit,
            feed=self.changes,
            authorization=self.authorization,
        )
        self.cleanup = CleanupService(
            settings=settings, clock=self.clock, audit=self.audit, signing_keys=self.signing_keys
        )
        self.health = HealthChecks()
        self.health.register("store", _check_store, state=STORE_STATE)
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
        self.rbac = RbacService(
            catalogue=Catalogue.build(settings.extra_permissions),
            feed=self.changes,
            audit=self.audit,
            events=self.events,
            authorization=self.authorization,
            cache_ttl=settings.permission_cache_ttl,
        )
        self.api_keys = ApiKeyService(
            settings=settings,
            clock=self.clock,
            revocations=self.revocations,
            rbac=self.rbac,
            authorization=self.authorization,
            audit=self.audit,
            events=self.events,
            background=self.background,
        )
        self.service_accounts = ServiceAccountService(
            rbac=self.rbac,
            authorization=self.authorization,
            api_keys=self.api_keys,
            audit=self.audit,
            events=self.events,
            clock=self.clock,
        )
        self.user_admin = UserAdminService(
            users=self.users,
            sessions=self.sessions,
            rbac=self.rbac,
            authorization=self.authorization,
            audit=self.audit,
            events=self.events,
            clock=self.clock,
            delete_mode=settings.user_delete_mode,
            erase_after=settings.user_erase_after,
            api_keys=self.api_keys,
        )
        self.cleanup.register("erase_deleted_users", self.user_admin.erase_deleted)
        self.account = AccountService(
            settings=settings,
            clock=self.clock,
            users=self.users,
            sessions=self.sessions,
            lockout=self.lockout,
            audit=self.audit,
            events=self.events,
            authorization=self.authorization,
            mailer=self.mailer,
            templates=mail_templates or MailTemplates(),
            background=self.background,
        )
        self.cleanup.register("revocations", self.revocations.purge_expired)
        self.cleanup.register("changes", self.changes.purge_expired)
        self.cleanup.register("login_throttles", self.lockout.purge_stale)
        self.cleanup.register("link_tokens", self.account.purge_expired_links)
        self.oauth = OAuthService(
            settings=settings,
            clock=self.clock,
            providers=OAuthProviders(settings),
            users=self.users,
            lockout=self.lockout,
            authorization=self.authorization,
            audit=self.audit,
            events=self.events,
            sealing_key=derive_key(secret, "oauth-token-encryption"),
        )
        self.cleanup.register("oauth_flows", self.oauth.purge_expired)
        self.plans = PlanService(
            clock=self.clock,
            audit=self.audit,
            events=self.events,
            catalogue=plans or PlanCatalogue(),
            idempotency_ttl=settings.quota_idempotency_ttl,
            idempotency_wait=settings.quota_idempotency_wait,
            idempotency_lease=settings.quota_idempotency_lease,
            feed=self.changes,
            cache_ttl=settings.quota_cache_ttl,
            lease_seconds=settings.quota_lease_seconds,
        )
        self.cleanup.register("idempotency_keys", self.plans.purge_expired_idempotency_keys)
        self.cleanup.register("quota_leases", self.plans.sweep_expired_leases)
        self.webhooks = WebhookService(
            settings=settings,
            clock=self.clock,
            audit=self.audit,
            authorization=self.authorization,
            sealing_key=self.derive_key("webhook-secret"),
        )
        self.cleanup.register("events", self.relay.purge_expired)
        self.tortoise_config: dict[str, Any] = {}

    def derive_key(self, purpose: str) -> bytes:
        """A key for one `purpose`, derived from the one secret (`secret_key`)."""
        return derive_key(self._root_secret, purpose)

    def _secret(self) -> bytes:
        if self.settings.secret_key is not None:
            return self.settings.secret_key.get_secret_value().encode()
        logger.warning(
            "FABRIC_AUTH_SECRET_KEY is not set: using a random key, so access tokens and CSRF "
            "tokens stop working at restart"
        )
        return secrets.token_bytes(32)

    async def open_store(self) -> None:
        """Open the store (or join the app's Tortoise set-up) and migrate if configured."""
        try:
            self.tortoise_config = await connection.open_store(
                self.settings.database_url, store_timeout=self.settings.store_timeout
            )
            await connection.ping()
        except (OSError, DBConnectionError) as exc:
            await connection.close_store()
            raise ConfigurationError(
                f"FABRIC_AUTH_DATABASE_URL: cannot reach the store ({exc})"
            ) from None
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
            await self.audit.start()  # places entries a stopped process left unsequenced
            await self.seed()
            await self.revocations.start()
            await self.signing_keys.start()
            await self.changes.start()  # loads revocations, and whatever else caches changes
            if self.settings.events_relay:
                await self.relay.start()
            self.cleanup.start()
            self.plans.start_leases()
            await self.broadcast.start()
        except BaseException:
            await self.close()
            raise

    async def seed(self) -> None:
        settings = self.settings
        await self.rbac.seed_default_roles()
        await self.plans.seed()
        if settings.admin_email and settings.admin_password:
            try:
                await self.users.ensure_system_admin(
                    settings.admin_email, settings.admin_password.get_secret_value()
                )
            except InvalidInput as exc:
                raise ConfigurationError(
                    f"FABRIC_AUTH_ADMIN_EMAIL/ADMIN_PASSWORD: {exc.detail}"
                ) from None

    async def _check_redis(self) -> None:
        assert self.redis is not None
        await self.redis.ping()

    async def close(self) -> None:
        await self.relay.stop()
        await self.broadcast.stop()
        await self.changes.stop()
        await self.plans.return_leases()
        # Mail still being sent needs the store: finish it first.
        await self.background.drain(within=self.settings.mail_timeout + 5)
        await self.cleanup.stop()
        await self.audit.stop()
        await self.signing_keys.stop()
        await self.revocations.stop()
        await self.rate_limiter.close()
        await self.oauth.close()
        if self.redis is not None:
            await self.redis.aclose()
        await connection.close_store()


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
