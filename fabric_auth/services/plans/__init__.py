"""Plans, features, subscriptions and usage quotas, with the store as the ledger.

A subject (user or service account) is on at most one active subscription; without one it is
on the default plan (`free`). A plan grants each of its features a limit per period (or no
limit); a per-subject override wins over the plan. Usage is counted per subject, feature and
period, independent of the plan, so changing plan keeps what the current period already used.

One module a job, each importing only those above it in this list:

- `subscriber`: `Subscriber`, whom subscriptions and usage belong to;
- `entitlements`: what a subject may use of a feature (plan, limit, period, anchor), cached
  per instance and invalidated on every instance;
- `catalogue`: the declared `PlanCatalogue`, seeded; plans, features and limits administered;
- `subscriptions`: who is on which plan (one active subscription each), and overrides;
- `ledger`: the counter rows, charged by one conditional `UPDATE` and refunded;
- `idempotency`: a consumption sent with a key charges once, retries get its outcome (over
  HTTP, the first response);
- `leases`: opt-in quota leases, blocks of a counter's units served from an instance's memory,
  never overdrawn (a killed instance included);
- `quotas`: `consume` (or `charge`, returning a refusal) and `refund`, over the three above;
- `usage`: the usage report, and resetting a period's usage;
- `events`: external events (payment webhooks) handled at most once;
- `service`: `PlanService`, the parts under one name (`auth.services.plans`).

The hard part is exactness under concurrency, on any number of instances: see `ledger`,
`leases`, `idempotency` and `subscriptions`. Administrative changes are audited; consumptions
are not. The quota headers of HTTP responses are the web layer's (`fabric_auth.entitlements`).
"""

from fabric_auth.services.plans.catalogue import (
    MAX_UNITS,
    FeatureLimit,
    FeatureSpec,
    PlanCatalogue,
    PlanSpec,
    validate_catalogue_code,
)
from fabric_auth.services.plans.entitlements import TOPIC, Entitlement
from fabric_auth.services.plans.idempotency import StoredResponse
from fabric_auth.services.plans.ledger import Consumption
from fabric_auth.services.plans.service import PlanService
from fabric_auth.services.plans.subscriber import Subscriber, subject_filter
from fabric_auth.services.plans.subscriptions import SubscriptionStatus
from fabric_auth.services.plans.usage import FeatureUsage

__all__ = [
    "MAX_UNITS",
    "TOPIC",
    "Consumption",
    "Entitlement",
    "FeatureLimit",
    "FeatureSpec",
    "FeatureUsage",
    "PlanCatalogue",
    "PlanService",
    "PlanSpec",
    "StoredResponse",
    "Subscriber",
    "SubscriptionStatus",
    "subject_filter",
    "validate_catalogue_code",
]
