"""Deleting what has expired: dead sessions (their refresh tokens go with them), revocations
past their use, retired signing keys, and audit entries beyond the retention period.

Every running instance runs it every `cleanup_interval` seconds, and `fabric-auth cleanup` runs it
once. Each step is an idempotent `DELETE ... WHERE`, so instances running it at the same time do
no harm. Later modules add their own steps (idempotency rows of quotas) with `register`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from tortoise.expressions import Q

from fabric_auth.clock import Clock
from fabric_auth.services.audit import AuditLog
from fabric_auth.services.background import cancel, every
from fabric_auth.services.signing_keys import SigningKeyService
from fabric_auth.settings import AuthSettings
from fabric_auth.store.errors import reported_outage
from fabric_auth.store.models import Session

logger = logging.getLogger("fabric_auth.cleanup")

CleanupStep = Callable[[], Awaitable[int]]
"""Deletes what it owns that has expired; returns how many rows went."""


class CleanupService:
    def __init__(
        self,
        *,
        settings: AuthSettings,
        clock: Clock,
        audit: AuditLog,
        signing_keys: SigningKeyService,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._audit = audit
        self._steps: dict[str, CleanupStep] = {
            "sessions": self._sessions,
            "signing_keys": signing_keys.purge_expired,
            "audit_entries": self._audit_entries,
        }
        self._task: asyncio.Task[None] | None = None

    def register(self, name: str, step: CleanupStep) -> None:
        """Add a step, e.g. expired idempotency rows."""
        self._steps[name] = step

    async def run_once(self) -> dict[str, int]:
        """Run every step; a failing step is logged and the others still run."""
        removed: dict[str, int] = {}
        for name, step in self._steps.items():
            try:
                removed[name] = await step()
            except Exception as exc:
                if not reported_outage(exc):
                    logger.exception("cleanup step %s failed", name)
                removed[name] = -1
        return removed

    def start(self) -> None:
        if self._settings.cleanup_interval > 0:
            self._task = every(self._settings.cleanup_interval, self._run_and_log, "cleanup")

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None

    async def _run_and_log(self) -> None:
        removed = await self.run_once()
        if any(removed.values()):
            logger.info("cleanup removed %s", removed)

    async def _sessions(self) -> int:
        now = self._clock.now()
        idle_cutoff = now - timedelta(seconds=self._settings.session_idle_ttl)
        dead = (
            Q(expires_at__lte=now) | Q(revoked_at__isnull=False) | Q(last_used_at__lte=idle_cutoff)
        )
        return int(await Session.filter(dead).delete())

    async def _audit_entries(self) -> int:
        days = self._settings.audit_retention_days
        if days is None:
            return 0
        return await self._audit.purge(self._clock.now() - timedelta(days=days))
