"""Tortoise models of the `fabric_auth` app. Tables are prefixed `fabric_auth_`.

Apps that need more fields on users keep their own model with a one-to-one to `User`
(see docs/extending-users.md) rather than subclassing it.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class User(Model):
    id = fields.UUIDField(primary_key=True)
    email = fields.CharField(max_length=320)
    """As typed by the user; `email_normalized` carries the uniqueness."""
    email_normalized = fields.CharField(max_length=320, unique=True)
    """Case-folded email: makes uniqueness case-insensitive on every backend."""
    username = fields.CharField(max_length=150, null=True)
    username_normalized = fields.CharField(max_length=150, null=True, unique=True)
    display_name = fields.CharField(max_length=200, default="")
    password_hash = fields.CharField(max_length=255, null=True)
    """`None` for accounts that cannot sign in with a password (invited, OAuth-only)."""
    is_active = fields.BooleanField(default=True)
    is_verified = fields.BooleanField(default=False)
    is_system_admin = fields.BooleanField(default=False)
    profile: fields.Field[dict[str, object]] = fields.JSONField(default=dict)
    """Free-form fields of the app's own."""
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    last_login_at = fields.DatetimeField(null=True)
    deactivated_at = fields.DatetimeField(null=True)
    deactivation_reason = fields.CharField(max_length=500, null=True)
    deleted_at = fields.DatetimeField(null=True)
    """Set by a soft delete: the account stays (email reserved) but is gone for every purpose."""
    erased_at = fields.DatetimeField(null=True)
    """When a deleted account's personal data was erased (`deleted_at` plus the grace period)."""

    class Meta:
        table = "fabric_auth_users"


class Role(Model):
    """A named set of permission grants (`users:list`, `reports:*`)."""

    id = fields.UUIDField(primary_key=True)
    name = fields.CharField(max_length=64, unique=True)
    description = fields.CharField(max_length=500, default="")
    permissions: fields.Field[list[str]] = fields.JSONField(default=list)
    is_builtin = fields.BooleanField(default=False)
    """Seeded roles (`admin`, `user`): editable, never deleted."""
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "fabric_auth_roles"


class UserRole(Model):
    """A user holding a role."""

    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "fabric_auth.User", related_name="role_links", on_delete=fields.CASCADE
    )
    role: fields.ForeignKeyRelation[Role] = fields.ForeignKeyField(
        "fabric_auth.Role", related_name="user_links", on_delete=fields.CASCADE
    )
    granted_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "fabric_auth_user_roles"
        unique_together = (("user", "role"),)
        indexes = (("role_id", "user_id"),)
        """The users holding a role (`GET /users?role=`), without reading every link."""


class Session(Model):
    """A sign-in: one refresh-token family, listed to and revocable by its user."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "fabric_auth.User", related_name="sessions", on_delete=fields.CASCADE
    )
    salt = fields.CharField(max_length=64)
    """Mixed into refresh-token derivation; useless without the server's key."""
    generation = fields.IntField(default=0)
    """Index of the current refresh token; bumped by exactly one winner per rotation."""
    rotated_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    last_used_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.CharField(max_length=64, null=True)
    user_agent = fields.CharField(max_length=512, default="")
    ip_address = fields.CharField(max_length=64, default="")

    class Meta:
        table = "fabric_auth_sessions"
        indexes = (("user_id", "revoked_at"), ("user_id", "created_at"))
        """`(user_id, created_at)`: a user's sessions a page at a time, newest first."""


class RefreshToken(Model):
    """One issued refresh token, kept as SHA-256 only, to find its session and spot reuse."""

    token_hash = fields.CharField(max_length=64, primary_key=True)
    session: fields.ForeignKeyRelation[Session] = fields.ForeignKeyField(
        "fabric_auth.Session", related_name="refresh_tokens", on_delete=fields.CASCADE
    )
    generation = fields.IntField()
    created_at = fields.DatetimeField()

    class Meta:
        table = "fabric_auth_refresh_tokens"


class Revocation(Model):
    """A session or user whose access tokens must stop working before they expire.

    Read by every instance (at start and, without Redis, by polling) into its in-memory set.
    Rows are useless once `expires_at` (the last moment a token issued before the revocation
    could still be valid) has passed, and are purged then.
    """

    id = fields.BigIntField(primary_key=True)
    subject_type = fields.CharField(max_length=16)
    """`session` or `user`."""
    subject_id = fields.UUIDField()
    revoked_at = fields.DatetimeField()
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "fabric_auth_revocations"


class Change(Model):
    """One change that other instances must apply to what they keep in memory: the change feed.

    Written in the same transaction as the change it announces (a revocation, a role, plan or
    signing-key change); every instance reads the rows after the last `seq` it applied
    (`services.changes`). Rows are purged after `changes.RETENTION`.
    """

    seq = fields.BigIntField(primary_key=True)
    topic = fields.CharField(max_length=32)
    payload = fields.TextField()
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "fabric_auth_changes"


class AuditEvent(Model):
    """One security event, written in the same transaction as the change it records.

    Rows form a hash chain (see `services.audit`): `hash` covers every other column and
    `prev_hash`, the `hash` of the row at `seq - 1`, so editing, removing or reordering a row
    breaks the chain at that row. A row is inserted *unsequenced* (`seq`, `prev_hash` and `hash`
    null) and given its place in the chain just after its transaction commits.
    """

    id = fields.BigIntField(primary_key=True)
    seq = fields.BigIntField(unique=True, null=True)
    """Position in the chain: 1, 2, 3, ... without gaps (a purge removes a prefix only); null
    until the row is sequenced."""
    occurred_at = fields.DatetimeField(db_index=True)
    action = fields.CharField(max_length=64, db_index=True)
    """Dotted name, e.g. `session.refresh_reuse_detected`; see `services.audit.AuditAction`."""
    outcome = fields.CharField(max_length=16)
    """`success` or `failure`."""
    actor_type = fields.CharField(max_length=32, null=True)
    actor_id = fields.CharField(max_length=64, null=True, db_index=True)
    target_type = fields.CharField(max_length=32, null=True)
    target_id = fields.CharField(max_length=64, null=True, db_index=True)
    ip_address = fields.CharField(max_length=64, default="")
    user_agent = fields.CharField(max_length=512, default="")
    request_id = fields.CharField(max_length=128, default="")
    details: fields.Field[dict[str, object]] = fields.JSONField(default=dict)
    prev_hash = fields.CharField(max_length=64, null=True)
    hash = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "fabric_auth_audit_events"
        # The overview's sign-ins per day: counted from this index alone (issue 19's bench).
        indexes = (("action", "occurred_at", "outcome"),)


class LoginThrottle(Model):
    """Failed sign-ins against one account or from one client address, and its lock.

    Every change is a conditional `UPDATE` (see `services.lockout`), so counting stays exact
    when many attempts arrive at once, on any number of instances.
    """

    id = fields.BigIntField(primary_key=True)
    scope = fields.CharField(max_length=16)
    """`account` (key: user id, or `login:<folded login>` when no account matches) or `ip`."""
    key = fields.CharField(max_length=400)
    attempts = fields.IntField(default=0)
    """Attempts counted in the current round: failures plus those still being checked."""
    failures = fields.IntField(default=0)
    """Failed attempts in the current round."""
    lockouts = fields.IntField(default=0)
    """Locks in the current streak; each one waits longer."""
    locked_until = fields.DatetimeField(null=True)
    last_attempt_at = fields.DatetimeField()

    class Meta:
        table = "fabric_auth_login_throttles"
        unique_together = (("scope", "key"),)


class LinkToken(Model):
    """A single-use token mailed as a link: password reset, email verification, activation.

    Only its SHA-256 is stored. Consuming it is one conditional `UPDATE ... WHERE used_at IS
    NULL`, so a token works once however many requests present it at the same moment.
    """

    token_hash = fields.CharField(max_length=64, primary_key=True)
    purpose = fields.CharField(max_length=32)
    """`password_reset`, `verify_email`, `change_email` or `activate`."""
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "fabric_auth.User", related_name="link_tokens", on_delete=fields.CASCADE
    )
    email = fields.CharField(max_length=320)
    """The address the link was mailed to (for `change_email`: the new address)."""
    password_fingerprint = fields.CharField(max_length=64)
    """Digest of the user's password hash when issued: a password change kills the token."""
    browser_hash = fields.CharField(max_length=64, null=True)
    """SHA-256 of the browser binding cookie a token may be used from, when it is bound to one
    (an OAuth sign-in code for the admin dashboard)."""
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "fabric_auth_link_tokens"
        indexes = (("user_id", "purpose"),)


class AuditChain(Model):
    """The single row (id 1) the audit sequencer locks: it serializes sequencing (not appends)
    across instances and remembers the chain's end and, after a purge, where it now begins."""

    id = fields.IntField(primary_key=True, generated=False)
    last_seq = fields.BigIntField(default=0)
    last_hash = fields.CharField(max_length=64, default="")
    anchor_seq = fields.BigIntField(default=0)
    """`seq` of the last purged row; the first kept row links to it."""
    anchor_hash = fields.CharField(max_length=64, default="")
    """`hash` of the last purged row (empty: nothing purged, the chain starts at seq 1)."""

    class Meta:
        table = "fabric_auth_audit_chain"


class SigningKey(Model):
    """An asymmetric access-token signing key. The public half is published in the JWKS; the
    private half is stored encrypted with a key derived from `FABRIC_AUTH_SECRET_KEY`."""

    kid = fields.CharField(max_length=64, primary_key=True)
    algorithm = fields.CharField(max_length=16)
    """`EdDSA` or `ES256`."""
    public_jwk: fields.Field[dict[str, object]] = fields.JSONField()
    private_key_encrypted = fields.TextField()
    created_at = fields.DatetimeField()
    activates_at = fields.DatetimeField()
    """Signing starts then, after every instance and verifier had time to learn the key."""
    retired_at = fields.DatetimeField(null=True)
    """Signing stopped then; tokens it signed keep verifying until they expire."""

    class Meta:
        table = "fabric_auth_signing_keys"


class ServiceAccount(Model):
    """A machine principal: holds roles like a user, signs in only with its API keys."""

    id = fields.UUIDField(primary_key=True)
    slug = fields.CharField(max_length=64, unique=True)
    """Stable, human-readable handle (`billing-exporter`)."""
    name = fields.CharField(max_length=200)
    description = fields.CharField(max_length=1000, default="")
    owner_team = fields.CharField(max_length=200, null=True)
    """Who answers for it, free text."""
    created_by = fields.UUIDField(null=True)
    """The user who created it; `None` for the CLI."""
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    deactivated_at = fields.DatetimeField(null=True)

    class Meta:
        table = "fabric_auth_service_accounts"


class ServiceAccountRole(Model):
    """A service account holding a role."""

    id = fields.BigIntField(primary_key=True)
    service_account: fields.ForeignKeyRelation[ServiceAccount] = fields.ForeignKeyField(
        "fabric_auth.ServiceAccount", related_name="role_links", on_delete=fields.CASCADE
    )
    role: fields.ForeignKeyRelation[Role] = fields.ForeignKeyField(
        "fabric_auth.Role", related_name="service_account_links", on_delete=fields.CASCADE
    )
    granted_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "fabric_auth_service_account_roles"
        unique_together = (("service_account", "role"),)


class ApiKey(Model):
    """An API key of a user or a service account. Only the SHA-256 of the key is stored.

    Exactly one of `user` and `service_account` is set. Rows stay after revocation (listed as
    revoked) and go with their owner.
    """

    id = fields.UUIDField(primary_key=True)
    key_hash = fields.CharField(max_length=64, unique=True)
    display_prefix = fields.CharField(max_length=16)
    """The key's first characters (`fa_Ab12Cd34`): enough to recognise it, not to use it."""
    last4 = fields.CharField(max_length=4)
    name = fields.CharField(max_length=200)
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "fabric_auth.User", related_name="api_keys", null=True, on_delete=fields.CASCADE
    )
    service_account: fields.ForeignKeyNullableRelation[ServiceAccount] = fields.ForeignKeyField(
        "fabric_auth.ServiceAccount", related_name="api_keys", null=True, on_delete=fields.CASCADE
    )
    scopes: fields.Field[list[str]] = fields.JSONField(default=list)
    """Permission grants; effective permissions are these ∩ the owner's current ones."""
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    created_by_type = fields.CharField(max_length=32, null=True)
    """`user`, `service_account` (through one of its keys) or `None` for the CLI."""
    created_by_id = fields.UUIDField(null=True)
    parent_key_id = fields.UUIDField(null=True, db_index=True)
    """The key that minted this one (its owner acting through it); revoking that key revokes
    this one too. `None` when a person, an administrator or the CLI issued it."""
    last_used_at = fields.DatetimeField(null=True)
    """Written at most once per `api_key_last_used_interval` per instance, never per request."""
    last_used_ip = fields.CharField(max_length=64, default="")
    revoked_at = fields.DatetimeField(null=True)
    revoked_by = fields.CharField(max_length=100, null=True)
    """`<type>:<id>` of who revoked it, or why (`owner_deactivated`)."""
    replaced_by = fields.UUIDField(null=True)
    """Set by a rotation: the key that replaces this one."""

    class Meta:
        table = "fabric_auth_api_keys"
        indexes = (("user_id", "created_at"), ("service_account_id", "created_at"))


class Feature(Model):
    """Something plans grant: a metered amount (`ai_generations`) or a capability (`sso`)."""

    code = fields.CharField(max_length=64, primary_key=True)
    name = fields.CharField(max_length=200, default="")
    unit = fields.CharField(max_length=64, default="")
    """What one unit counts (`generation`, `MB`); empty for capabilities."""
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "fabric_auth_features"


class Plan(Model):
    """A named bundle of feature limits (`free`, `pro`)."""

    id = fields.UUIDField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=200, default="")
    is_default = fields.BooleanField(default=False)
    """The plan of every subject without a subscription (one plan at a time)."""
    is_active = fields.BooleanField(default=True)
    """Inactive plans keep their subscribers but take no new ones."""
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "fabric_auth_plans"


class PlanLimit(Model):
    """How much of a feature a plan grants per period; a plan without a row lacks the feature."""

    id = fields.BigIntField(primary_key=True)
    plan: fields.ForeignKeyRelation[Plan] = fields.ForeignKeyField(
        "fabric_auth.Plan", related_name="limits", on_delete=fields.CASCADE
    )
    feature: fields.ForeignKeyRelation[Feature] = fields.ForeignKeyField(
        "fabric_auth.Feature", related_name="plan_limits", on_delete=fields.CASCADE
    )
    limit = fields.BigIntField(null=True)
    """Units per period; `None` is unlimited, `0` denies the feature."""
    period = fields.CharField(max_length=16, default="month")
    """`day`, `week` (ISO, from Monday), `month` (from the subscription's anchor day) or
    `lifetime`, all in UTC."""

    class Meta:
        table = "fabric_auth_plan_limits"
        unique_together = (("plan", "feature"),)


class Subscription(Model):
    """A user or service account on a plan. Keyed by (subject_kind, subject_id), not by a
    foreign key, since subjects live in more than one table."""

    id = fields.UUIDField(primary_key=True)
    subject_kind = fields.CharField(max_length=32)
    subject_id = fields.UUIDField()
    plan: fields.ForeignKeyRelation[Plan] = fields.ForeignKeyField(
        "fabric_auth.Plan", related_name="subscriptions", on_delete=fields.RESTRICT
    )
    status = fields.CharField(max_length=16)
    """`active`, `canceled` or `replaced`."""
    active_key = fields.CharField(max_length=100, null=True, unique=True)
    """`<kind>:<id>` while active, `NULL` otherwise: the unique index lets a subject hold one
    active subscription, on every backend and under any concurrency."""
    anchor_day = fields.SmallIntField(default=1)
    """Day of the month monthly periods start on (clamped to shorter months)."""
    started_at = fields.DatetimeField()
    ends_at = fields.DatetimeField(null=True)
    """When set, the subscription stops counting then (the default plan applies again)."""
    ended_at = fields.DatetimeField(null=True)

    class Meta:
        table = "fabric_auth_subscriptions"
        indexes = (("subject_kind", "subject_id"),)


class LimitOverride(Model):
    """A limit for one subject and feature that wins over its plan's, whatever the plan."""

    id = fields.BigIntField(primary_key=True)
    subject_kind = fields.CharField(max_length=32)
    subject_id = fields.UUIDField()
    feature: fields.ForeignKeyRelation[Feature] = fields.ForeignKeyField(
        "fabric_auth.Feature", related_name="overrides", on_delete=fields.CASCADE
    )
    limit = fields.BigIntField(null=True)
    """`None` is unlimited."""
    period = fields.CharField(max_length=16, null=True)
    """`None`: the plan's period for the feature (`month` when the plan lacks it)."""
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "fabric_auth_limit_overrides"
        unique_together = (("subject_kind", "subject_id", "feature"),)


class UsageCounter(Model):
    """Units of a feature a subject used in one period: the ledger quotas are enforced on.

    Consuming is one conditional `UPDATE ... SET used = used + n WHERE used + n <= limit`, so no
    number of concurrent requests, on any number of instances, can overdraw.
    """

    id = fields.BigIntField(primary_key=True)
    subject_kind = fields.CharField(max_length=32)
    subject_id = fields.UUIDField()
    feature_code = fields.CharField(max_length=64)
    period_start = fields.DatetimeField()
    used = fields.BigIntField(default=0)

    class Meta:
        table = "fabric_auth_usage_counters"
        unique_together = (("subject_kind", "subject_id", "feature_code", "period_start"),)


class QuotaLease(Model):
    """A block of a counter's units claimed by one instance, served from its memory
    (`services.plans.leases`). The block's `units` were added to the counter's `used` when it
    was claimed; `ceiling` is the most of them the instance may have served, raised (in steps,
    renewing `expires_at`) before it serves past it. An instance gives back `units` less what it
    served; once expired, any instance gives back `units - ceiling`, the part provably unused."""

    id = fields.BigIntField(primary_key=True)
    counter_id = fields.BigIntField(db_index=True)
    """The `UsageCounter` the units came from (and go back to)."""
    holder = fields.CharField(max_length=64)
    """The instance serving the block (a random id per process), for operators."""
    units = fields.BigIntField()
    ceiling = fields.BigIntField()
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "fabric_auth_quota_leases"


class IdempotencyKey(Model):
    """The first outcome of a quota consumption sent with an idempotency key, and over HTTP the
    response the first request got; a retry with the same key gets it back instead of consuming
    (or running the route) again. Namespaced by subject and feature."""

    id = fields.BigIntField(primary_key=True)
    subject_kind = fields.CharField(max_length=32)
    subject_id = fields.UUIDField()
    feature_code = fields.CharField(max_length=64)
    key = fields.CharField(max_length=200)
    state = fields.CharField(max_length=16)
    """`pending` (the first request is being served), `granted` or `refused`."""
    counter_id = fields.BigIntField(null=True)
    amount = fields.BigIntField(default=0)
    limit = fields.BigIntField(null=True)
    remaining = fields.BigIntField(null=True)
    resets_at = fields.DatetimeField(null=True)
    fingerprint = fields.CharField(max_length=64, null=True)
    """SHA-256 (hex) of the HTTP request's method, path, query and body; `NULL` for a
    consumption through the service API, which has no response to keep."""
    response_status = fields.IntField(null=True)
    """The first response's status; `NULL` while its request is served (or without HTTP)."""
    response_headers: fields.Field[list[list[str]] | None] = fields.JSONField(null=True)
    """The first response's headers kept for replay, as [name, value] pairs."""
    response_body = fields.BinaryField(null=True)
    """The first response's body; `NULL` with a status when it was too large to keep."""
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "fabric_auth_idempotency_keys"
        unique_together = (("subject_kind", "subject_id", "feature_code", "key"),)


class ProcessedEvent(Model):
    """An external event (a payment webhook) already handled, so a redelivery is skipped."""

    id = fields.BigIntField(primary_key=True)
    source = fields.CharField(max_length=64)
    event_id = fields.CharField(max_length=255)
    processed_at = fields.DatetimeField()

    class Meta:
        table = "fabric_auth_processed_events"
        unique_together = (("source", "event_id"),)


class OAuthAccount(Model):
    """An identity at an OAuth / OpenID Connect provider, linked to a user: sign-in finds the
    user by (`provider`, `subject`), never by email."""

    id = fields.UUIDField(primary_key=True)
    provider = fields.CharField(max_length=32)
    """The provider's name in the settings (`github`, `google`, `keycloak`, ...)."""
    subject = fields.CharField(max_length=255)
    """The provider's stable id of the identity (`sub`; GitHub's numeric user id)."""
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "fabric_auth.User", related_name="oauth_accounts", on_delete=fields.CASCADE
    )
    email = fields.CharField(max_length=320, null=True)
    """The email the provider showed at the last sign-in, as it showed it."""
    email_verified = fields.BooleanField(default=False)
    """Whether the provider asserted that email verified."""
    created_at = fields.DatetimeField()
    last_sign_in_at = fields.DatetimeField(null=True)
    access_token_sealed = fields.TextField(null=True)
    """The provider's access token, AES-GCM encrypted (only with `store_tokens`)."""
    refresh_token_sealed = fields.TextField(null=True)
    """The provider's refresh token, AES-GCM encrypted (only with `store_tokens`)."""
    token_expires_at = fields.DatetimeField(null=True)

    class Meta:
        table = "fabric_auth_oauth_accounts"
        unique_together = (("provider", "subject"),)
        indexes = (("user_id", "provider"),)


class OAuthFlow(Model):
    """A sign-in started at a provider and not finished yet: what the callback needs, kept
    server-side so that the callback may land on any instance. Found by the SHA-256 of its
    `state`, deleted when used (once), bound to the browser that started it by the SHA-256 of
    a cookie it holds."""

    state_hash = fields.CharField(max_length=64, primary_key=True)
    provider = fields.CharField(max_length=32)
    browser_hash = fields.CharField(max_length=64)
    code_verifier = fields.CharField(max_length=128)
    """PKCE verifier (RFC 7636): never leaves the server until the code is exchanged."""
    nonce = fields.CharField(max_length=64)
    redirect_uri = fields.CharField(max_length=2048)
    """The callback URL given to the provider (the exchange must repeat it)."""
    redirect_to = fields.CharField(max_length=2048)
    """Where the browser goes after, already checked against the allowlist."""
    link_user_id = fields.UUIDField(null=True)
    """Set when a signed-in user links an identity rather than signing in."""
    delivery = fields.CharField(max_length=16, default="transport")
    """How the callback hands over the session: `transport` (the settings' cookies, or a code
    for the front end), or `dashboard` (a code for the admin dashboard's sign-in, bound to the
    browser)."""
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "fabric_auth_oauth_flows"


class OutboxEvent(Model):
    """An event for other services (`fabric_auth.events`), written in the transaction of the
    change it announces and relayed from here at least once (`services.events`)."""

    seq = fields.BigIntField(primary_key=True)
    """Delivery order. Events of one subject are numbered in the order they commit (see
    `services.events.outbox`)."""
    id = fields.UUIDField(unique=True)
    """The event's id: the same on every delivery, for consumers to dedupe by."""
    type = fields.CharField(max_length=64, db_index=True)
    version = fields.IntField()
    subject_kind = fields.CharField(max_length=32)
    subject_id = fields.CharField(max_length=64)
    payload = fields.TextField()
    """The event's JSON, as delivered (a webhook's body byte for byte)."""
    occurred_at = fields.DatetimeField(db_index=True)
    dispatched_at = fields.DatetimeField(null=True)
    """When the relay handed it on: added to the stream and queued for each webhook endpoint."""

    class Meta:
        table = "fabric_auth_events"
        indexes = (("dispatched_at", "seq"), ("subject_kind", "subject_id"))


class WebhookEndpoint(Model):
    """Where events are POSTed, signed with the endpoint's own secret (Standard Webhooks)."""

    id = fields.UUIDField(primary_key=True)
    url = fields.CharField(max_length=2048)
    description = fields.CharField(max_length=500, default="")
    event_types: fields.Field[list[str]] = fields.JSONField(default=list)
    """The event types sent here (`user.deleted`, or `user.*`); empty for every type."""
    secret_sealed = fields.TextField()
    """The signing secret, AES-GCM encrypted to the endpoint's id."""
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "fabric_auth_webhook_endpoints"


class WebhookDelivery(Model):
    """One event to one endpoint: attempted until it succeeds or its retry window ends
    (`failed`, replayable)."""

    id = fields.BigIntField(primary_key=True)
    endpoint: fields.ForeignKeyRelation[WebhookEndpoint] = fields.ForeignKeyField(
        "fabric_auth.WebhookEndpoint", related_name="deliveries", on_delete=fields.CASCADE
    )
    event: fields.ForeignKeyRelation[OutboxEvent] = fields.ForeignKeyField(
        "fabric_auth.OutboxEvent", related_name="deliveries", on_delete=fields.CASCADE
    )
    status = fields.CharField(max_length=16, default="pending")
    """`pending`, `succeeded` or `failed`."""
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    last_attempt_at = fields.DatetimeField(null=True)
    response_status = fields.IntField(null=True)
    """The HTTP status of the last attempt; none when it got no answer."""
    last_error = fields.CharField(max_length=500, default="")
    created_at = fields.DatetimeField()
    completed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "fabric_auth_webhook_deliveries"
        indexes = (("endpoint_id", "status", "event_id"), ("status", "next_attempt_at"))


class Lease(Model):
    """A named job only one instance runs at a time (the events relay): held while renewed
    before `expires_at`; an instance that dies loses it when it expires."""

    name = fields.CharField(max_length=64, primary_key=True)
    holder = fields.CharField(max_length=64)
    expires_at = fields.DatetimeField()
    acquired_at = fields.DatetimeField()

    class Meta:
        table = "fabric_auth_leases"
