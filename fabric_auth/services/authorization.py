"""The one place that decides "may this principal do this action, to this target?".

Every router, the command line and any admin UI ask here; none decides for itself. The rules
(docs/authorization.md has them as a table, which a test holds to the code):

1. **Effective permissions, on every route.** Each action names the permission it needs
   (`RULES`). A caller's effective permissions are its roles' grants; for an API key, the key's
   scopes ∩ its owner's current permissions. Self-service is no exception: reading or changing
   one's own account, sessions and keys need the `account:*` permissions, which the built-in
   `user` role grants and which a key holds only when scoped to them. A system administrator
   passes every permission check, with a credential that is not narrowed: its scoped key is
   exactly as narrow as its scopes.
2. **Proof for secrets.** An action that changes a secret or the account's identity (`proof`)
   is never done by an API key, and needs the current password or a sign-in within
   `reauth_window` seconds (the token's `auth_time`).
3. **Touching another subject** (`touches`) needs holding every permission the target holds
   through its roles, whether the target is active or not; a system administrator target is
   covered only by a system administrator.
4. **System administrators** are managed only by an interactive sign-in of that same
   administrator, or by another system administrator for demotion or deactivation (so a
   compromised one can be contained); the last active one is never removed (see
   `services.rbac`).
5. **Nobody grants what they do not hold**, and a key never mints a key broader than itself or
   outliving it.

Every refusal is audited as `permission.denied` with the rule that refused it (the error code)
and the action. `actor=None` is the system itself (seeding, the command line): never refused.
Checks that need the store run before the change's transaction, so that a refusal's audit entry
is not rolled back with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NoReturn

from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.exceptions import (
    CredentialNotAllowed,
    EscalationDenied,
    Forbidden,
    PermissionDenied,
    ReauthRequired,
    ScopeDenied,
)
from fabric_auth.permissions import PermissionSet
from fabric_auth.principal import AuthMethod, Principal, SubjectRef
from fabric_auth.services.audit import AuditAction, AuditLog, Outcome, Subject
from fabric_auth.store.models import Role, ServiceAccount, User


class Action(StrEnum):
    """What a caller asks to do; `RULES` says what each needs."""

    ACCOUNT_READ = "account.read"
    ACCOUNT_UPDATE = "account.update"
    ACCOUNT_CHANGE_USERNAME = "account.change_username"
    ACCOUNT_CHANGE_PASSWORD = "account.change_password"
    ACCOUNT_CHANGE_EMAIL = "account.change_email"
    ACCOUNT_DELETE = "account.delete"
    ACCOUNT_SESSIONS = "account.sessions"
    ACCOUNT_API_KEYS = "account.api_keys"
    ACCOUNT_OAUTH_READ = "account.oauth_read"
    ACCOUNT_OAUTH_LINK = "account.oauth_link"
    ACCOUNT_OAUTH_UNLINK = "account.oauth_unlink"

    USERS_LIST = "users.list"
    USERS_READ = "users.read"
    USERS_CREATE = "users.create"
    USERS_UPDATE = "users.update"
    USERS_CHANGE_IDENTITY = "users.change_identity"
    USERS_SET_PASSWORD = "users.set_password"
    USERS_SET_SYSTEM_ADMIN = "users.set_system_admin"
    USERS_SET_ROLES = "users.set_roles"
    USERS_DEACTIVATE = "users.deactivate"
    USERS_REACTIVATE = "users.reactivate"
    USERS_DELETE = "users.delete"
    USERS_RESTORE = "users.restore"
    USERS_UNLOCK = "users.unlock"
    USERS_RESEND_INVITATION = "users.resend_invitation"
    SESSIONS_READ = "sessions.read"
    SESSIONS_REVOKE = "sessions.revoke"
    API_KEYS_READ = "api_keys.read"
    API_KEYS_CREATE = "api_keys.create"
    API_KEYS_REVOKE = "api_keys.revoke"

    SERVICE_ACCOUNTS_READ = "service_accounts.read"
    SERVICE_ACCOUNTS_CREATE = "service_accounts.create"
    SERVICE_ACCOUNTS_CHANGE = "service_accounts.change"

    ROLES_READ = "roles.read"
    ROLES_MANAGE = "roles.manage"
    PLANS_READ = "plans.read"
    PLANS_MANAGE = "plans.manage"
    AUDIT_READ = "audit.read"
    SYSTEM_READ = "system.read"
    SIGNING_KEYS_ROTATE = "signing_keys.rotate"
    EVENTS_READ = "events.read"
    WEBHOOKS_MANAGE = "webhooks.manage"


@dataclass(frozen=True, slots=True)
class Rule:
    """What an action needs."""

    permission: str
    """The permission the caller's effective permissions must include."""
    touches: bool = False
    """Acts on another subject: the caller must hold all the target holds (rule 3)."""
    proof: bool = False
    """Changes a secret or identity: never an API key; current password or recent sign-in."""


RULES: dict[Action, Rule] = {
    Action.ACCOUNT_READ: Rule("account:read"),
    Action.ACCOUNT_UPDATE: Rule("account:write"),
    Action.ACCOUNT_CHANGE_USERNAME: Rule("account:write", proof=True),
    Action.ACCOUNT_CHANGE_PASSWORD: Rule("account:write", proof=True),
    Action.ACCOUNT_CHANGE_EMAIL: Rule("account:write", proof=True),
    Action.ACCOUNT_DELETE: Rule("account:write", proof=True),
    Action.ACCOUNT_SESSIONS: Rule("account:sessions"),
    Action.ACCOUNT_API_KEYS: Rule("account:api_keys"),
    Action.ACCOUNT_OAUTH_READ: Rule("account:read"),
    Action.ACCOUNT_OAUTH_LINK: Rule("account:write", proof=True),
    Action.ACCOUNT_OAUTH_UNLINK: Rule("account:write", proof=True),
    Action.USERS_LIST: Rule("users:list"),
    Action.USERS_READ: Rule("users:read"),
    Action.USERS_CREATE: Rule("users:create"),
    Action.USERS_UPDATE: Rule("users:modify", touches=True),
    Action.USERS_CHANGE_IDENTITY: Rule("users:modify", touches=True, proof=True),
    Action.USERS_SET_PASSWORD: Rule("users:modify", touches=True, proof=True),
    Action.USERS_SET_SYSTEM_ADMIN: Rule("users:modify", touches=True, proof=True),
    Action.USERS_SET_ROLES: Rule("users:modify", touches=True),
    Action.USERS_DEACTIVATE: Rule("users:deactivate", touches=True),
    Action.USERS_REACTIVATE: Rule("users:deactivate", touches=True),
    Action.USERS_DELETE: Rule("users:delete", touches=True),
    Action.USERS_RESTORE: Rule("users:delete", touches=True),
    Action.USERS_UNLOCK: Rule("users:modify", touches=True),
    Action.USERS_RESEND_INVITATION: Rule("users:create", touches=True),
    Action.SESSIONS_READ: Rule("sessions:read"),
    Action.SESSIONS_REVOKE: Rule("sessions:revoke", touches=True),
    Action.API_KEYS_READ: Rule("api_keys:read"),
    Action.API_KEYS_CREATE: Rule("api_keys:create", touches=True),
    Action.API_KEYS_REVOKE: Rule("api_keys:revoke", touches=True),
    Action.SERVICE_ACCOUNTS_READ: Rule("service_accounts:read"),
    Action.SERVICE_ACCOUNTS_CREATE: Rule("service_accounts:manage"),
    Action.SERVICE_ACCOUNTS_CHANGE: Rule("service_accounts:manage", touches=True),
    Action.ROLES_READ: Rule("roles:read"),
    Action.ROLES_MANAGE: Rule("roles:manage"),
    Action.PLANS_READ: Rule("plans:read"),
    Action.PLANS_MANAGE: Rule("plans:manage"),
    Action.AUDIT_READ: Rule("audit:read"),
    # Readiness and the public half of the key ring are what `/health/ready` and the JWKS
    # already publish; one permission for seeing and rotating keeps the catalogue small.
    Action.SYSTEM_READ: Rule("signing_keys:manage"),
    Action.SIGNING_KEYS_ROTATE: Rule("signing_keys:manage", proof=True),
    Action.EVENTS_READ: Rule("events:read"),
    # Not `proof`: webhook endpoints are managed by deployment automation with API keys too;
    # the permission is granted by no built-in role but `admin` (`*`).
    Action.WEBHOOKS_MANAGE: Rule("webhooks:manage"),
}

CONTAINMENT = frozenset({Action.USERS_DEACTIVATE, Action.USERS_SET_SYSTEM_ADMIN})
"""What one system administrator may do to another (rule 4)."""


@dataclass(frozen=True, slots=True)
class Denial:
    """Why an action is refused: the error to answer with (its code names the rule)."""

    error: Forbidden | ReauthRequired
    permission: str = ""
    """The permission the caller lacked, when that is the reason."""

    @property
    def rule(self) -> str:
        return self.error.code.value


def permission_denial(
    principal: Principal, rule: Rule, owner: PermissionSet | None
) -> Denial | None:
    """Rules 1 and 2's credential part, without I/O: `principal.permissions` are its
    effective ones, `owner` its owner's unnarrowed ones when the credential is a key (to tell
    `scope_denied` from `permission_denied`)."""
    if not principal.permissions.has(rule.permission):
        if owner is not None and owner.has(rule.permission):
            error: Forbidden = ScopeDenied(f"The API key is not scoped to {rule.permission}")
        else:
            error = PermissionDenied(f"Missing permission: {rule.permission}")
        return Denial(error, rule.permission)
    if rule.proof and principal.auth_method is AuthMethod.API_KEY:
        return Denial(CredentialNotAllowed("An API key cannot change a secret or an identity"))
    return None


def missing_holdings(actor: PermissionSet, held: PermissionSet) -> list[str]:
    """What `held` grants that `actor` does not cover (empty: `actor` covers it all)."""
    beyond = sorted(grant for grant in held.granted if not actor.covers(grant))
    if held.is_system_admin and not actor.is_system_admin:
        beyond.insert(0, "system administration")
    return beyond


class AuthorizationService:
    def __init__(self, *, audit: AuditLog, clock: Clock, reauth_window: int) -> None:
        self._audit = audit
        self._clock = clock
        self._reauth_window = reauth_window

    # --- deciding ----------------------------------------------------------------------

    async def authorize(
        self,
        actor: Principal | None,
        action: Action,
        target: SubjectRef | None = None,
        *,
        password_proven: bool = False,
        client: ClientInfo = NO_CLIENT,
    ) -> None:
        """Raise (after auditing the refusal) unless `actor`, with its effective permissions,
        may do `action` to `target`. `password_proven`: the caller will check the current
        password itself before the change (`change-password`, `change-email`)."""
        if actor is None:
            return
        denial = await self._decide(actor, action, target, password_proven)
        if denial is not None:
            await self.deny(actor, action, denial, target, client)

    async def _decide(
        self,
        actor: Principal,
        action: Action,
        target: SubjectRef | None,
        password_proven: bool,
    ) -> Denial | None:
        rule = RULES[action]
        denial = permission_denial(actor, rule, None)
        if denial is None and rule.proof and not password_proven:
            denial = self._fresh_sign_in(actor)
        if denial is None and action is Action.USERS_SET_SYSTEM_ADMIN:
            denial = _system_admin_only(actor)
        if denial is None and rule.touches and target is not None:
            denial = await self._touch(actor, action, target)
        return denial

    def _fresh_sign_in(self, actor: Principal) -> Denial | None:
        signed_in = actor.authenticated_at
        if signed_in is None or self._clock.timestamp() - signed_in > self._reauth_window:
            return Denial(ReauthRequired())
        return None

    async def _touch(self, actor: Principal, action: Action, target: SubjectRef) -> Denial | None:
        held = await self.holdings(target)
        itself = SubjectRef.of(actor) == target
        if held.is_system_admin and not itself:
            if action in CONTAINMENT and actor.permissions.is_system_admin:
                return None
            return Denial(EscalationDenied("A system administrator is managed only by itself"))
        beyond = missing_holdings(actor.permissions, held)
        if beyond:
            whom = "You hold" if itself else "The target holds"
            return Denial(
                EscalationDenied(f"{whom} permissions this credential lacks: {', '.join(beyond)}")
            )
        return None

    async def authorize_grant(
        self,
        actor: Principal | None,
        action: Action,
        grants: Iterable[str],
        *,
        client: ClientInfo = NO_CLIENT,
    ) -> None:
        """Rule 5: nobody grants (or takes away) a permission they do not hold."""
        if actor is None:
            return
        beyond = sorted({grant for grant in grants if not actor.permissions.covers(grant)})
        if beyond:
            denial = Denial(EscalationDenied(f"You do not hold: {', '.join(beyond)}"))
            await self.deny(actor, action, denial, None, client)

    async def authorize_key(
        self,
        actor: Principal | None,
        action: Action,
        owner: SubjectRef,
        scopes: Iterable[str],
        expires_at: float,
        *,
        client: ClientInfo = NO_CLIENT,
    ) -> None:
        """Issuing a key to `owner`, once `authorize(actor, action, owner)` passed: scopes the
        actor holds, and, for a key minted by a key, no later expiry than the minting key's."""
        if actor is None:
            return
        await self.authorize_grant(actor, action, scopes, client=client)
        if actor.auth_method is AuthMethod.API_KEY and (
            actor.expires_at is None or expires_at > actor.expires_at
        ):
            denial = Denial(EscalationDenied("A key cannot mint a key that outlives it"))
            await self.deny(actor, action, denial, owner, client)

    async def deny(
        self,
        actor: Principal,
        action: Action | str,
        denial: Denial,
        target: SubjectRef | None = None,
        client: ClientInfo = NO_CLIENT,
        details: dict[str, object] | None = None,
    ) -> NoReturn:
        """Audit the refusal, then raise its error."""
        await self._audit.record(
            AuditAction.PERMISSION_DENIED,
            outcome=Outcome.FAILURE,
            actor=Subject.of(actor),
            target=target,
            client=client,
            details={
                "rule": denial.rule,
                "action": str(action),
                "permission": denial.permission,
                "credential": actor.auth_method.value,
                "reason": denial.error.detail,
                **(details or {}),
            },
        )
        raise denial.error

    # --- what a subject holds ----------------------------------------------------------

    async def holdings(self, target: SubjectRef) -> PermissionSet:
        """Every grant `target` holds through its roles, and its system administration,
        whether it is active or not: deactivation must not make it easier to touch."""
        if target.is_user:
            user = await User.get_or_none(id=target.uuid)
            if user is None:
                return PermissionSet()
            links = Role.filter(user_links__user_id=target.uuid)
            is_system_admin = user.is_system_admin
        else:
            if not await ServiceAccount.exists(id=target.uuid):
                return PermissionSet()
            links = Role.filter(service_account_links__service_account_id=target.uuid)
            is_system_admin = False
        grants: set[str] = set()
        for permissions in await links.values_list("permissions", flat=True):
            grants.update(permissions)
        return PermissionSet(frozenset(grants), is_system_admin=is_system_admin)


def _system_admin_only(actor: Principal) -> Denial | None:
    if actor.permissions.is_system_admin:
        return None
    return Denial(EscalationDenied("Only a system administrator grants system administration"))
