"""Asymmetric signing keys in the store: creation, rotation, reloading, JWKS.

With `signing_algorithm=HS256` there is nothing to keep: the codec signs with a sub-key of the
secret and the JWKS is empty. With `EdDSA` or `ES256`:

- each instance loads every key that can still matter into the codec's key ring at start and
  every `signing_key_sync_interval` seconds, so the request path never waits on the store;
- a rotated-in key is written with `activates_at = now + 2 x sync interval`: by then every
  instance (and, through the JWKS, every verifier) knows it, so no instance ever receives a token
  signed by a key it has not loaded. The key it replaces signs until then and verifies for one
  access-token lifetime more;
- private keys are stored AES-GCM-encrypted under a sub-key of `FABRIC_AUTH_SECRET_KEY`; a key
  sealed under another secret still verifies (its public half is stored in clear) but never signs.

One race is left, and bounded: two instances starting on an empty store at the same moment may
each create a first key; each then refuses the other's tokens until its next reload (at most one
sync interval). Run `fabric-auth signing-keys rotate` before the first deploy to avoid even that.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidTag
from tortoise.expressions import Q

from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.exceptions import ConfigurationError
from fabric_auth.principal import Principal
from fabric_auth.services.audit import SYSTEM, AuditAction, AuditLog, Subject
from fabric_auth.services.authorization import Action, AuthorizationService
from fabric_auth.services.background import cancel, every
from fabric_auth.services.changes import ChangeFeed
from fabric_auth.settings import AuthSettings
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import SigningKey
from fabric_auth.tokens.access import AccessTokenCodec
from fabric_auth.tokens.keys import (
    HS256,
    KeyRing,
    Signer,
    VerificationKey,
    decrypt_private_key,
    encrypt_private_key,
    generate_key,
    load_private_key,
    public_key_of,
    ring_of,
)

logger = logging.getLogger("fabric_auth.signing_keys")

TOPIC = "signing_keys"


class SigningKeyService:
    def __init__(
        self,
        *,
        settings: AuthSettings,
        clock: Clock,
        codec: AccessTokenCodec,
        encryption_key: bytes,
        audit: AuditLog,
        feed: ChangeFeed,
        authorization: AuthorizationService,
    ) -> None:
        self._settings = settings
        self._authorization = authorization
        self._clock = clock
        self._codec = codec
        self._encryption_key = encryption_key
        self._audit = audit
        self._feed = feed
        feed.on(TOPIC, self._on_change)
        self._task: asyncio.Task[None] | None = None

    @property
    def asymmetric(self) -> bool:
        return self._settings.signing_algorithm != HS256

    @property
    def ring(self) -> KeyRing:
        return self._codec.keys

    def jwks(self) -> dict[str, list[object]]:
        """The published keys, from memory."""
        return self.ring.jwks()  # type: ignore[return-value]

    # --- lifecycle ---------------------------------------------------------------------

    async def start(self) -> None:
        if not self.asymmetric:
            return
        await self.reload()
        if not self._has_usable_signer():
            await self._create_first_key()
            await self.reload()
        # A failed reload keeps the keys already loaded.
        self._task = every(self._settings.signing_key_sync_interval, self.reload, "signing-keys")

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None

    async def _on_change(self, payload: str) -> None:
        if self.asymmetric:
            await self.reload()

    # --- reading -----------------------------------------------------------------------

    async def reload(self) -> None:
        """Load every key that signs or still verifies into the codec's key ring."""
        still_verifying = Q(retired_at__isnull=True) | Q(retired_at__gt=self._retired_cutoff())
        rows = await SigningKey.filter(still_verifying).order_by("activates_at")
        now = self._clock.now()
        signers, verifiers = [], []
        for row in rows:
            verifiers.append(self._verification_key(row))
            # A key retired in the future (by a rotation) signs until its successor activates.
            if row.algorithm == self._settings.signing_algorithm and (
                row.retired_at is None or row.retired_at > now
            ):
                signer = self._signer(row)
                if signer is not None:
                    signers.append(signer)
        self._codec.use_keys(ring_of(signers, verifiers))

    async def list_keys(
        self, *, actor: Principal | None = None, client: ClientInfo = NO_CLIENT
    ) -> list[SigningKey]:
        """Every stored key, oldest activation first (`actor=None`: the system itself)."""
        await self._authorization.authorize(actor, Action.SYSTEM_READ, client=client)
        return await SigningKey.all().order_by("activates_at")

    def _retired_cutoff(self) -> datetime:
        """Keys retired before this verify nothing any more."""
        return self._clock.now() - timedelta(seconds=self._settings.access_token_ttl + 1)

    def _verification_key(self, row: SigningKey) -> VerificationKey:
        return VerificationKey(
            kid=row.kid,
            algorithm=row.algorithm,
            key=public_key_of(row.public_jwk),
            valid_until=self._verifies_until(row.retired_at),
            public_jwk=row.public_jwk,
        )

    def _signer(self, row: SigningKey) -> Signer | None:
        try:
            pem = decrypt_private_key(self._encryption_key, row.kid, row.private_key_encrypted)
        except InvalidTag:
            logger.warning(
                "signing key %s was sealed under another FABRIC_AUTH_SECRET_KEY: it verifies "
                "but cannot sign",
                row.kid,
            )
            return None
        return Signer(row.kid, row.algorithm, load_private_key(pem), row.activates_at.timestamp())

    def _verifies_until(self, retired_at: datetime | None) -> float | None:
        if retired_at is None:
            return None
        # One second of slack: token `exp` is whole seconds.
        return retired_at.timestamp() + self._settings.access_token_ttl + 1

    def _has_usable_signer(self) -> bool:
        return bool(self.ring.signers)

    # --- changing ----------------------------------------------------------------------

    async def rotate(
        self,
        activate_in: float | None = None,
        *,
        actor: Principal | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> SigningKey:
        """Add a key that starts signing after `activate_in` seconds (default: twice the sync
        interval); the key it replaces keeps verifying until its tokens have expired. `actor`
        is decided by the authorization service (`signing_keys.rotate`: the permission and a
        recent sign-in); `None` is the system itself (the command line)."""
        await self._authorization.authorize(actor, Action.SIGNING_KEYS_ROTATE, client=client)
        if not self.asymmetric:
            raise ConfigurationError(
                "FABRIC_AUTH_SIGNING_ALGORITHM is HS256: its key derives from "
                "FABRIC_AUTH_SECRET_KEY; choose EdDSA or ES256 to keep rotating keys in the store"
            )
        delay = 2 * self._settings.signing_key_sync_interval if activate_in is None else activate_in
        activates_at = self._clock.now() + timedelta(seconds=max(delay, 0))
        async with transaction():
            replaced = await self._retire_current(activates_at)
            key = await self._create(activates_at)
            await self._audit.record(
                AuditAction.SIGNING_KEY_ROTATED,
                actor=SYSTEM if actor is None else Subject.of(actor),
                target=Subject("signing_key", key.kid),
                client=client,
                details={"replaced": replaced, "activates_at": activates_at.isoformat()},
            )
            await self._feed.record(TOPIC, key.kid)
        await self.reload()
        return key

    async def _create_first_key(self) -> None:
        now = self._clock.now()
        async with transaction():
            # Keys of another algorithm (the setting changed) stop signing now.
            replaced = await self._retire_current(now)
            key = await self._create(now)
            await self._audit.record(
                AuditAction.SIGNING_KEY_CREATED,
                actor=SYSTEM,
                target=Subject("signing_key", key.kid),
                details={"algorithm": key.algorithm, "replaced": replaced},
            )
            await self._feed.record(TOPIC, key.kid)
        logger.info("created signing key %s (%s)", key.kid, key.algorithm)

    async def _retire_current(self, at: datetime) -> list[str]:
        signing = Q(retired_at__isnull=True) | Q(retired_at__gt=at)
        current = await SigningKey.filter(signing).values_list("kid", flat=True)
        await SigningKey.filter(kid__in=list(current)).update(retired_at=at)
        return [str(kid) for kid in current]

    async def _create(self, activates_at: datetime) -> SigningKey:
        generated = generate_key(self._settings.signing_algorithm)
        return await SigningKey.create(
            kid=generated.kid,
            algorithm=generated.algorithm,
            public_jwk=generated.public_jwk,
            private_key_encrypted=encrypt_private_key(
                self._encryption_key, generated.kid, generated.private_pem
            ),
            created_at=self._clock.now(),
            activates_at=activates_at,
        )

    async def purge_expired(self) -> int:
        """Delete keys no token they signed can still be valid for."""
        return int(await SigningKey.filter(retired_at__lt=self._retired_cutoff()).delete())
