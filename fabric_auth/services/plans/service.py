"""`PlanService`, reached as `auth.services.plans`: the parts of this package built on one
clock, audit log and change feed, their methods gathered under one name. It holds no logic of
its own; each method is documented in the module that defines it."""

from __future__ import annotations

from fabric_auth.clock import Clock
from fabric_auth.services.audit import AuditLog
from fabric_auth.services.changes import ChangeFeed
from fabric_auth.services.events import EventOutbox
from fabric_auth.services.plans.catalogue import Catalogue, PlanCatalogue
from fabric_auth.services.plans.entitlements import Entitlements
from fabric_auth.services.plans.events import ProcessedEvents
from fabric_auth.services.plans.idempotency import IdempotencyKeys
from fabric_auth.services.plans.leases import LeasedLedger
from fabric_auth.services.plans.ledger import Ledger
from fabric_auth.services.plans.quotas import Quotas
from fabric_auth.services.plans.subscriptions import Subscriptions
from fabric_auth.services.plans.usage import Usage


class PlanService:
    def __init__(
        self,
        *,
        clock: Clock,
        audit: AuditLog,
        events: EventOutbox,
        catalogue: PlanCatalogue,
        idempotency_ttl: int,
        idempotency_wait: float,
        idempotency_lease: float,
        feed: ChangeFeed,
        cache_ttl: float,
        lease_seconds: float = 15.0,
    ) -> None:
        self._clock = clock
        self.catalogue = catalogue
        """What the app declared; `seed` stores what of it is missing."""
        entitlements = Entitlements(clock=clock, feed=feed, cache_ttl=cache_ttl)
        stored = Catalogue(catalogue, audit=audit, entitlements=entitlements)
        subscriptions = Subscriptions(
            clock=clock, audit=audit, events=events, catalogue=stored, entitlements=entitlements
        )
        ledger = Ledger(clock=clock, entitlements=entitlements, events=events)
        keys = IdempotencyKeys(
            clock=clock,
            ledger=ledger,
            ttl=idempotency_ttl,
            wait=idempotency_wait,
            lease=idempotency_lease,
        )
        leases = LeasedLedger(
            clock=clock, ledger=ledger, entitlements=entitlements, lease_seconds=lease_seconds
        )
        quotas = Quotas(clock=clock, ledger=ledger, leases=leases, keys=keys)
        usage = Usage(clock=clock, audit=audit, entitlements=entitlements)

        self.seed = stored.seed
        self.list_plans = stored.list_plans
        self.list_features = stored.list_features
        self.plan_with_limits = stored.plan_with_limits
        self.get_plan = stored.get_plan
        self.get_feature = stored.get_feature
        self.create_feature = stored.create_feature
        self.create_plan = stored.create_plan
        self.update_plan = stored.update_plan
        self.set_plan_limit = stored.set_plan_limit
        self.remove_plan_limit = stored.remove_plan_limit

        self.subscription_of = subscriptions.subscription_of
        self.overrides_of = subscriptions.overrides_of
        self.assign_plan = subscriptions.assign_plan
        self.change_plan = subscriptions.change_plan
        self.cancel_plan = subscriptions.cancel_plan
        self.set_limit_override = subscriptions.set_limit_override
        self.remove_limit_override = subscriptions.remove_limit_override

        self.invalidate = entitlements.invalidate
        self.entitlement = entitlements.entitlement
        self.has_feature = entitlements.has_feature
        self.current_plan = entitlements.current_plan

        self.consume = quotas.consume
        self.charge = quotas.charge
        self.charge_request = quotas.charge_request
        self.keep_response = quotas.keep_response
        self.refund = quotas.refund
        self.purge_expired_idempotency_keys = keys.purge_expired
        self.start_leases = leases.start
        self.return_leases = leases.close
        self.give_back_idle_leases = leases.give_back_idle
        self.sweep_expired_leases = leases.sweep

        self.get_usage = usage.get_usage
        self.reset_usage = usage.reset_usage

        self.processed_once = ProcessedEvents(clock=clock).processed_once
