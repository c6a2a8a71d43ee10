"""The relay: hands the outbox on to Redis Streams and to webhook endpoints, at least once, in
order per subject.

One instance relays at a time: the one holding the store lease `events-relay`
(`services.events.leases`), renewed every third of `events_lease_ttl`. Another instance takes
over once the holder stopped renewing for `events_lease_ttl` seconds (it died, or lost the
store); a clean stop gives the lease up at once.

While it holds the lease, the relay works whenever a transaction with events commits (on this
instance: `EventOutbox.on_committed`; on another: the broadcast hint shared with the change
feed) and at least every second:

- **dispatch**: the undispatched events, in `seq` order, a batch at a time: each is added to the
  stream `<namespace>:events` (`XADD ... MAXLEN ~ events_stream_maxlen`, one pipeline, when Redis
  is configured), then one transaction queues a `WebhookDelivery` for every active endpoint whose
  `event_types` match and marks the events dispatched. A crash (or an error) between the `XADD`
  and that commit adds them again later: delivery is at least once, consumers dedupe by event
  id. After taking the lease, and after a failed `XADD`, the relay first reads the stream's tail
  and skips events found there already (`stream_duplicates_skipped`), so a takeover rarely
  repeats anything. While Redis is configured but unreachable nothing is dispatched (the
  webhooks of events already dispatched carry on); once it is back, the backlog goes in order.
- **webhooks**: per endpoint, its pending deliveries in event order, one at a time: a delivery
  waiting for a retry holds back the endpoint's later ones (head of line), so an endpoint gets
  each subject's events in order. Endpoints are served in parallel (`MAX_PARALLEL_ENDPOINTS`).
  A `2xx` answer succeeds; any other answer, a timeout (`webhook_timeout`) or a connection error
  is retried after an exponential backoff with full jitter (`RetryPolicy`), until
  `webhook_retry_window` seconds after the delivery was queued; then the delivery is `failed`
  (no longer holding the others back) until `replay`. See `services.events.delivery` for what
  may be connected to.

Nothing on the request path waits for the relay; a store or Redis outage is logged once per
state change and retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from cryptography.exceptions import InvalidTag
from tortoise.expressions import Subquery
from tortoise.functions import Count

from fabric_auth.clock import Clock
from fabric_auth.events.webhooks import signed_headers
from fabric_auth.logs import StateLog
from fabric_auth.services.background import cancel
from fabric_auth.services.broadcast import Broadcast
from fabric_auth.services.events.delivery import Attempt, post_webhook, webhook_client
from fabric_auth.services.events.leases import StoreLease
from fabric_auth.services.events.outbox import EventOutbox
from fabric_auth.settings import AuthSettings
from fabric_auth.store.connection import transaction
from fabric_auth.store.errors import reported_outage
from fabric_auth.store.models import Lease, OutboxEvent, WebhookDelivery, WebhookEndpoint
from fabric_auth.tokens.keys import unseal

if TYPE_CHECKING:
    import httpx
    from redis.asyncio import Redis

logger = logging.getLogger("fabric_auth.events")

LEASE_NAME = "events-relay"
BATCH = 500
"""Events read, added to the stream and marked dispatched at a time."""
ENDPOINT_BATCH = 100
"""Pending deliveries of one endpoint read at a time."""
MAX_PARALLEL_ENDPOINTS = 16
"""Endpoints being sent to at once."""
IDLE_WAKE = 1.0
"""Seconds the relay waits for a signal before looking anyway (retries fall due, hints lost)."""
REDIS_TIMEOUT = 5.0
"""Seconds one pipeline of `XADD`s may take before it counts as failed."""
ERROR_LENGTH = 500

PENDING, SUCCEEDED, FAILED = "pending", "succeeded", "failed"

_random = secrets.SystemRandom()


@dataclass(frozen=True)
class RetryPolicy:
    """When a failed webhook attempt is tried again: after a random wait between zero and
    `min(cap, base * 2 ** (attempts - 1))` seconds (exponential backoff, full jitter)."""

    base: float = 5.0
    """Seconds: the longest wait after the first failed attempt."""
    cap: float = 3600.0
    """Seconds: the longest wait after any attempt."""

    def delay(self, attempts: int) -> float:
        """The wait after the `attempts`-th failed attempt (1 for the first)."""
        ceiling = min(self.cap, self.base * 2 ** min(max(attempts - 1, 0), 60))
        return _random.uniform(0, ceiling)


@dataclass
class RelayCounters:
    """What this instance's relay did since it started (for metrics)."""

    events_dispatched: int = 0
    """Events handed on (added to the stream if any, deliveries queued, marked dispatched)."""
    stream_adds: int = 0
    """Entries added to the Redis stream."""
    stream_duplicates_skipped: int = 0
    """Events found in the stream already when dispatching them (added by a relay that died or
    failed before marking them dispatched), not added again."""
    deliveries_succeeded: int = 0
    deliveries_retried: int = 0
    """Failed attempts that will be tried again."""
    deliveries_failed: int = 0
    """Deliveries given up at the end of their retry window."""
    lease_acquisitions: int = 0
    """Times this instance took the lease (not counting renewals)."""


@dataclass(frozen=True)
class OutboxStatus:
    """The outbox as the store sees it, whichever instance relays."""

    pending_events: int
    """Events not dispatched yet."""
    oldest_pending_seconds: float | None
    """Age of the oldest undispatched event (`None` when there is none): the relay's lag."""
    deliveries_pending: int
    deliveries_succeeded: int
    deliveries_failed: int
    relay_holder: str | None
    """The lease holder (host:pid:random), if the lease has not expired."""


async def outbox_status(clock: Clock) -> OutboxStatus:
    """Read the outbox's state from the store (any instance, the CLI alike)."""
    now = clock.now()
    pending = OutboxEvent.filter(dispatched_at__isnull=True)
    count = await pending.count()
    oldest = await pending.order_by("seq").first().values_list("occurred_at", flat=True)
    rows = (
        await WebhookDelivery.all()
        .annotate(n=Count("id"))
        .group_by("status")
        .values_list("status", "n")
    )
    by_status: dict[str, int] = {str(status): int(n) for status, n in rows}
    lease = await Lease.filter(name=LEASE_NAME, expires_at__gte=now).first()
    return OutboxStatus(
        pending_events=count,
        oldest_pending_seconds=(
            max((now - oldest).total_seconds(), 0.0) if isinstance(oldest, datetime) else None
        ),
        deliveries_pending=by_status.get(PENDING, 0),
        deliveries_succeeded=by_status.get(SUCCEEDED, 0),
        deliveries_failed=by_status.get(FAILED, 0),
        relay_holder=lease.holder if lease else None,
    )


def matches(patterns: list[str], event_type: str) -> bool:
    """Whether an endpoint subscribed to `patterns` gets `event_type`: an exact type, a
    `prefix.*` pattern, or no patterns at all (every type)."""
    if not patterns:
        return True
    for pattern in patterns:
        if pattern == event_type or pattern == "*":
            return True
        if pattern.endswith(".*") and event_type.startswith(pattern[:-1]):
            return True
    return False


class _LostRace(Exception):
    """Some events of the batch were dispatched meanwhile by another relay."""


class EventRelay:
    def __init__(
        self,
        *,
        settings: AuthSettings,
        clock: Clock,
        redis: Redis | None,
        events: EventOutbox,
        hints: Broadcast,
        webhook_key: bytes,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        """`webhook_key` unseals endpoints' secrets (`derive_key("webhook-secret")`)."""
        self._settings = settings
        self._clock = clock
        self._redis = redis
        self._webhook_key = webhook_key
        self.stream = f"{settings.namespace}:events"
        self.retry_policy = retry_policy or RetryPolicy()
        """Read at each failed attempt; tests set a short one."""
        self.lease = StoreLease(LEASE_NAME, ttl=settings.events_lease_ttl, clock=clock)
        self.counters = RelayCounters()
        self._wake = asyncio.Event()
        events.on_committed(self._wake.set)
        hints.on_hint(self._wake.set)
        self._stream_uncertain = True
        """The stream may hold events not marked dispatched: look before adding."""
        self._relaying = False
        self._client: httpx.AsyncClient | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._workers: dict[UUID, asyncio.Task[None]] = {}
        self._parallel = asyncio.Semaphore(MAX_PARALLEL_ENDPOINTS)
        self._store_state = StateLog(logger, "store (events relay)", consequence="not relaying")
        self._redis_state = StateLog(
            logger, "Redis (events stream)", consequence="events wait in the outbox"
        )
        self._lease_state = StateLog(logger, "store (events relay lease)")

    @property
    def relaying(self) -> bool:
        """Whether this instance holds the lease, so relays now."""
        return self.lease.held

    # --- lifecycle ----------------------------------------------------------------------

    async def start(self) -> None:
        self._client = webhook_client(
            allow_private=self._settings.webhook_allow_private_targets,
            timeout=self._settings.webhook_timeout,
        )
        self._tasks = [
            asyncio.create_task(self._hold_lease(), name="fabric-auth-events-lease"),
            asyncio.create_task(self._run(), name="fabric-auth-events-relay"),
        ]

    async def stop(self) -> None:
        """Stop relaying and give the lease up; an attempt in flight is sent again later."""
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            await cancel(task)
        workers, self._workers = list(self._workers.values()), {}
        for worker in workers:
            await cancel(worker)
        if self.lease.held:
            try:
                async with asyncio.timeout(self._settings.store_timeout):
                    await self.lease.release()
            except Exception as exc:  # it expires by itself
                logger.debug("releasing the events relay lease failed: %s", exc)
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def wake(self) -> None:
        """Look for work now."""
        self._wake.set()

    async def _hold_lease(self) -> None:
        while True:
            try:
                won = await self.lease.acquire()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if not reported_outage(exc):
                    self._lease_state.failed(exc)
                won = self.lease.held  # still valid until its time to live has passed
            else:
                self._lease_state.recovered()
            if won and not self._relaying:
                logger.info("this instance relays events now (lease %s)", self.lease.holder)
                self.counters.lease_acquisitions += 1
                self._stream_uncertain = True
                self._wake.set()
            elif not won and self._relaying:
                logger.info("this instance no longer relays events")
            self._relaying = won
            await asyncio.sleep(self.lease.ttl / 3)

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=IDLE_WAKE)
            self._wake.clear()
            if not self.lease.held:
                continue
            try:
                await self.relay_once()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if not reported_outage(exc):
                    self._store_state.failed(exc)
            else:
                self._store_state.recovered()

    async def relay_once(self) -> None:
        """Dispatch every undispatched event, then start sending the webhooks due."""
        with contextlib.suppress(_RedisDown):  # logged once per state change; next round
            more = True
            while more:
                more = await self._dispatch_batch()
        await self._start_webhooks()

    # --- dispatch -----------------------------------------------------------------------

    async def _dispatch_batch(self) -> bool:
        """Dispatch the next batch; whether there may be more."""
        rows = (
            await OutboxEvent.filter(dispatched_at__isnull=True)
            .order_by("seq")
            .limit(BATCH)
            .values_list("seq", "id", "type", "subject_kind", "subject_id", "payload")
        )
        if not rows or not self.lease.held:
            return False
        if self._redis is not None:
            await self._add_to_stream(self._redis, rows)
        endpoints = await WebhookEndpoint.filter(is_active=True).values_list("id", "event_types")
        now = self._clock.now()
        seqs = [row[0] for row in rows]
        deliveries = [
            WebhookDelivery(
                endpoint_id=endpoint_id,
                event_id=seq,
                status=PENDING,
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
            for seq, _, event_type, *_ in rows
            for endpoint_id, patterns in endpoints
            if matches(list(patterns or []), event_type)
        ]
        try:
            async with transaction():
                marked = await OutboxEvent.filter(seq__in=seqs, dispatched_at__isnull=True).update(
                    dispatched_at=now
                )
                if marked != len(seqs):
                    raise _LostRace()
                if deliveries:
                    await WebhookDelivery.bulk_create(deliveries)
        except _LostRace:
            logger.debug("events were dispatched meanwhile by another relay; reading again")
            return True
        self.counters.events_dispatched += len(rows)
        return len(rows) == BATCH

    async def _add_to_stream(self, redis: Redis, rows: list[Any]) -> None:
        try:
            async with asyncio.timeout(REDIS_TIMEOUT):
                present = await self._in_stream() if self._stream_uncertain else set()
                pipe = redis.pipeline(transaction=False)
                added = 0
                for _, event_id, event_type, kind, subject_id, payload in rows:
                    if str(event_id) in present:
                        self.counters.stream_duplicates_skipped += 1
                        continue
                    subject = f"{kind}:{subject_id}"
                    pipe.xadd(
                        self.stream,
                        {"type": event_type, "subject": subject, "event": payload},
                        maxlen=self._settings.events_stream_maxlen,
                        approximate=True,
                    )
                    added += 1
                if added:
                    await pipe.execute()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._stream_uncertain = True  # some entries may have been added
            self._redis_state.failed(exc if str(exc) else TimeoutError("no answer in time"))
            raise _RedisDown() from exc
        self._redis_state.recovered()
        self._stream_uncertain = False
        self.counters.stream_adds += added

    async def _in_stream(self) -> set[str]:
        """The event ids among the stream's last `BATCH` entries."""
        assert self._redis is not None
        entries = await self._redis.xrevrange(self.stream, count=BATCH)
        ids: set[str] = set()
        for _, fields in entries or ():
            if fields is None:
                continue
            with contextlib.suppress(ValueError, KeyError, TypeError):
                ids.add(str(json.loads(fields[b"event"])["id"]))
        return ids

    # --- webhooks -----------------------------------------------------------------------

    async def _start_webhooks(self) -> None:
        now = self._clock.now()
        due = (
            await WebhookDelivery.filter(
                status=PENDING, next_attempt_at__lte=now, endpoint__is_active=True
            )
            .distinct()
            .values_list("endpoint_id", flat=True)
        )
        for endpoint_id in due:
            assert isinstance(endpoint_id, UUID)
            worker = self._workers.get(endpoint_id)
            if worker is None or worker.done():
                self._workers[endpoint_id] = asyncio.create_task(
                    self._serve_endpoint(endpoint_id), name="fabric-auth-webhooks"
                )

    async def _serve_endpoint(self, endpoint_id: UUID) -> None:
        try:
            async with self._parallel:
                await self._send_due(endpoint_id)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if not reported_outage(exc):
                logger.exception("sending webhooks to endpoint %s failed", endpoint_id)

    async def _send_due(self, endpoint_id: UUID) -> None:
        """Send the endpoint's pending deliveries in event order until one must wait."""
        endpoint = await WebhookEndpoint.get_or_none(id=endpoint_id, is_active=True)
        if endpoint is None:
            return
        try:
            secret = unseal(self._webhook_key, str(endpoint.id), endpoint.secret_sealed).decode()
        except (InvalidTag, ValueError):
            secret = None
        while self.lease.held:
            deliveries = (
                await WebhookDelivery.filter(endpoint_id=endpoint_id, status=PENDING)
                .order_by("event_id")
                .limit(ENDPOINT_BATCH)
                .select_related("event")
            )
            for delivery in deliveries:
                if not self.lease.held or delivery.next_attempt_at > self._clock.now():
                    return  # head of line: the endpoint's later events wait for this one
                if not await self._attempt(endpoint, secret, delivery):
                    return
            if len(deliveries) < ENDPOINT_BATCH:
                return

    async def _attempt(
        self, endpoint: WebhookEndpoint, secret: str | None, delivery: WebhookDelivery
    ) -> bool:
        """Send one delivery and record the outcome; whether the endpoint's next may follow."""
        assert self._client is not None
        event = delivery.event
        if secret is None:
            attempt = Attempt(None, "the endpoint's secret cannot be unsealed (secret_key?)")
        else:
            body = event.payload.encode()
            headers = signed_headers(secret, str(event.id), body, now=self._clock.timestamp())
            attempt = await post_webhook(
                self._client,
                endpoint.url,
                body,
                headers,
                within=self._settings.webhook_timeout,
                allow_private=self._settings.webhook_allow_private_targets,
            )
        now = self._clock.now()
        attempts = delivery.attempts + 1
        changes: dict[str, Any] = {
            "attempts": attempts,
            "last_attempt_at": now,
            "response_status": attempt.status,
            "last_error": attempt.error[:ERROR_LENGTH],
        }
        deadline = delivery.created_at + timedelta(seconds=self._settings.webhook_retry_window)
        if attempt.succeeded:
            changes |= {"status": SUCCEEDED, "completed_at": now}
        elif now >= deadline:
            changes |= {"status": FAILED, "completed_at": now}
        else:
            wait = timedelta(seconds=self.retry_policy.delay(attempts))
            changes["next_attempt_at"] = min(now + wait, deadline)
        await WebhookDelivery.filter(id=delivery.id, status=PENDING).update(**changes)
        status = changes.get("status")
        if status == SUCCEEDED:
            self.counters.deliveries_succeeded += 1
        elif status == FAILED:
            self.counters.deliveries_failed += 1
            logger.warning(
                "webhook delivery %s to %s failed for good after %d attempts: %s",
                delivery.id,
                endpoint.id,
                attempts,
                attempt.error,
            )
        else:
            self.counters.deliveries_retried += 1
        return status is not None

    # --- cleanup ------------------------------------------------------------------------

    async def purge_expired(self) -> int:
        """Delete finished deliveries completed more than `events_retention` ago, then the
        dispatched events older than that which no delivery refers to any more (a cleanup
        step)."""
        cutoff = self._clock.now() - timedelta(seconds=self._settings.events_retention)
        deliveries = await WebhookDelivery.filter(
            status__in=(SUCCEEDED, FAILED), completed_at__lt=cutoff
        ).delete()
        referenced = Subquery(WebhookDelivery.all().values("event_id"))
        events = (
            await OutboxEvent.filter(dispatched_at__lt=cutoff, occurred_at__lt=cutoff)
            .exclude(seq__in=referenced)
            .delete()
        )
        return int(deliveries) + int(events)


class _RedisDown(Exception):
    """Adding to the stream failed (logged once per state change already)."""
