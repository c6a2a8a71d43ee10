"""Sign-in with OAuth 2 / OpenID Connect providers: starting a flow, finishing it, and the
accounts linked to users.

A flow (`start`) makes a random `state`, PKCE verifier and nonce, and stores them server-side
(`OAuthFlow`, found by the state's SHA-256, expiring after `oauth_state_ttl`) bound to the
browser by the SHA-256 of a random cookie that browser holds. The callback (`finish`) takes the
flow out of the store in one delete, so it works once, on whichever instance the browser
reaches; a state from another browser, another provider, expired or used is refused alike.

Who signed in is then found by (provider, subject), never by email alone:

1. a linked account signs its user in (deactivated users and locked accounts refused);
2. otherwise, when the provider asserts the email verified and `link_verified_email` is on, the
   account holding that email is linked and signed in;
3. otherwise, with `jit_provisioning` on and a verified email nobody holds, an account is
   created (roles: the provider's `roles`, else `default_roles`) and linked;
4. anything else is refused (403 `oauth_account_not_linked`, the reason in the audit log).

An unverified email never links or creates anything: whoever could claim someone's address at
a careless provider would otherwise take over, or pre-register, that person's account.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from uuid import UUID, uuid4

from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.events.catalogue import OAuthAccountLinked
from fabric_auth.exceptions import (
    AccountLocked,
    AlreadyExists,
    EmailNotVerified,
    FabricAuthError,
    InvalidCredentials,
    InvalidSignInCode,
    LastSignInMethod,
    NotFound,
    OAuthAccountLinkedElsewhere,
    OAuthAccountNotLinked,
    OAuthIdentityInvalid,
    OAuthProviderError,
    OAuthStateInvalid,
)
from fabric_auth.identifiers import email_key
from fabric_auth.pagination import DEFAULT_PAGE_SIZE, MomentKey, Page, checked_limit, page_of
from fabric_auth.principal import Principal, SubjectRef
from fabric_auth.services.audit import AuditAction, AuditLog, Outcome, Subject
from fabric_auth.services.authorization import Action, AuthorizationService
from fabric_auth.services.events import EventOutbox
from fabric_auth.services.links import LinkPurpose, LinkTokens
from fabric_auth.services.lockout import LockoutService
from fabric_auth.services.oauth.providers import (
    OAuthProvider,
    OAuthProviders,
    ProviderIdentity,
)
from fabric_auth.services.oauth.redirects import checked_redirect
from fabric_auth.services.users import NewUser, UserService
from fabric_auth.settings import AuthSettings
from fabric_auth.store.connection import transaction
from fabric_auth.store.errors import mapped_store_errors
from fabric_auth.store.models import OAuthAccount, OAuthFlow, User
from fabric_auth.store.queries.pages import newest_first
from fabric_auth.tokens.keys import seal
from fabric_auth.tokens.refresh import hash_token

__all__ = [
    "Delivery",
    "Finished",
    "OAuthProviders",
    "OAuthService",
    "ProviderIdentity",
    "Started",
]

MAX_STATE_LENGTH = 128
_ACCOUNT_CURSOR = MomentKey("oauth_accounts")
BROWSER_TOKEN_BYTES = 32


class Delivery(StrEnum):
    """How the callback hands over a finished sign-in (`OAuthFlow.delivery`)."""

    TRANSPORT = "transport"
    """As the settings say: session cookies (cookie transport) or a code for the front end."""
    DASHBOARD = "dashboard"
    """A code for the admin dashboard's sign-in, usable only from the browser that started."""


@dataclass(frozen=True, slots=True)
class Started:
    authorization_url: str
    """Where to send the browser."""
    browser: str
    """The browser's binding token: set it as the binding cookie (it may be the one given)."""


@dataclass(frozen=True, slots=True)
class Finished:
    user: User
    redirect_to: str
    linked: bool
    """True when a signed-in user linked an identity (no new session is wanted)."""
    delivery: Delivery = Delivery.TRANSPORT
    browser_hash: str = ""
    """The SHA-256 of the browser binding the flow was started with."""


_BROWSER_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
_ERROR_CODE = re.compile(r"[a-z0-9_.-]{1,64}")


def _error_code(error: str | None) -> str:
    """The provider's `error` (RFC 6749 4.1.2.1) as shown and audited: a short code, or
    `invalid` for anything else, so no text of the caller's choosing is echoed."""
    if error is None:
        return "no_code"
    return error if _ERROR_CODE.fullmatch(error) else "invalid"


def new_browser_token() -> str:
    return secrets.token_urlsafe(BROWSER_TOKEN_BYTES)


def _pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(64)[:96]
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.rstrip(b"=").decode()


class OAuthService:
    def __init__(
        self,
        *,
        settings: AuthSettings,
        clock: Clock,
        providers: OAuthProviders,
        users: UserService,
        lockout: LockoutService,
        authorization: AuthorizationService,
        audit: AuditLog,
        events: EventOutbox,
        sealing_key: bytes,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self.providers = providers
        self._users = users
        self._lockout = lockout
        self._authorization = authorization
        self._audit = audit
        self._events = events
        self._sealing_key = sealing_key
        self._codes = LinkTokens(clock)

    # --- starting ----------------------------------------------------------------------

    async def start(
        self,
        provider_name: str,
        *,
        redirect_uri: str,
        redirect_to: str | None,
        browser: str | None,
        link_for: Principal | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> Started:
        """Begin a sign-in (or, with `link_for`, a signed-in user's linking) at a provider;
        the browser comes back to `redirect_to`, once checked against the allowlist."""
        provider = self.providers.get(provider_name)
        destination = checked_redirect(redirect_to, self._settings.oauth_redirect_allowlist)
        if link_for is not None:
            await self._authorization.authorize(
                link_for, Action.ACCOUNT_OAUTH_LINK, SubjectRef.of(link_for), client=client
            )
        return await self._start(
            provider, redirect_uri, destination, browser, link_for, Delivery.TRANSPORT
        )

    async def start_dashboard_sign_in(
        self, provider_name: str, *, redirect_uri: str, destination: str, browser: str | None
    ) -> Started:
        """Begin a sign-in to the admin dashboard: the callback hands a code bound to this
        browser to `destination`, a page of the dashboard (built by it from `public_base_url`,
        so not checked against the allowlist)."""
        provider = self.providers.get(provider_name)
        return await self._start(
            provider, redirect_uri, destination, browser, None, Delivery.DASHBOARD
        )

    async def _start(
        self,
        provider: OAuthProvider,
        redirect_uri: str,
        destination: str,
        browser: str | None,
        link_for: Principal | None,
        delivery: Delivery,
    ) -> Started:
        if browser is None or _BROWSER_TOKEN.fullmatch(browser) is None:
            browser = new_browser_token()  # none yet, or not one we made: a fresh one
        state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        verifier, challenge = _pkce_pair()
        url = await provider.authorization_url(
            redirect_uri=redirect_uri, state=state, code_challenge=challenge, nonce=nonce
        )
        now = self._clock.now()
        await OAuthFlow.create(
            state_hash=hash_token(state),
            provider=provider.name,
            browser_hash=hash_token(browser),
            code_verifier=verifier,
            nonce=nonce,
            redirect_uri=redirect_uri,
            redirect_to=destination,
            link_user_id=link_for.id if link_for is not None else None,
            delivery=delivery.value,
            created_at=now,
            expires_at=now + timedelta(seconds=self._settings.oauth_state_ttl),
        )
        return Started(authorization_url=url, browser=browser)

    # --- finishing ---------------------------------------------------------------------

    async def finish(
        self,
        provider_name: str,
        *,
        state: str | None,
        code: str | None,
        error: str | None,
        browser: str | None,
        issuer: str | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> Finished:
        """The callback: check the state, exchange the code, and find (or link, or create)
        the user. Every refusal is audited as `oauth.refused` with its reason."""
        provider = self.providers.get(provider_name)
        try:
            flow = await self._take_flow(provider, state, browser)
            if issuer is None and await provider.requires_issuer():
                raise OAuthIdentityInvalid.because("issuer_missing")
            if issuer is not None and issuer not in provider.issuers():
                # RFC 9207: the answer comes from another provider than the one asked (mix-up)
                raise OAuthIdentityInvalid.because("issuer_mismatch")
            if error is not None or not code:
                answer = _error_code(error)
                raise OAuthProviderError.because(
                    f"provider_error:{answer}", f"The provider answered: {answer}"
                )
            identity = await provider.identity(
                code=code[:2048],
                redirect_uri=flow.redirect_uri,
                code_verifier=flow.code_verifier,
                nonce=flow.nonce,
            )
            if flow.link_user_id is not None:
                user = await self._link(flow.link_user_id, identity, client)
                return Finished(user=user, redirect_to=flow.redirect_to, linked=True)
            user = await self._sign_in(provider, identity, client)
            return Finished(
                user=user,
                redirect_to=flow.redirect_to,
                linked=False,
                delivery=Delivery(flow.delivery),
                browser_hash=flow.browser_hash,
            )
        except FabricAuthError as exc:
            await self._refused(provider.name, exc.reason or exc.code.value, client)
            raise

    async def _take_flow(
        self, provider: OAuthProvider, state: str | None, browser: str | None
    ) -> OAuthFlow:
        """The flow of `state`, deleted from the store (so it works once), if it was started
        for this provider, by this browser, and has not expired."""
        if not state or len(state) > MAX_STATE_LENGTH:
            raise OAuthStateInvalid.because("state_missing")
        state_hash = hash_token(state)
        flow = await OAuthFlow.get_or_none(state_hash=state_hash)
        if flow is None or not await OAuthFlow.filter(state_hash=state_hash).delete():
            raise OAuthStateInvalid.because(
                "state_unknown"
            )  # never issued, or used (maybe just now)
        if flow.provider != provider.name:
            raise OAuthStateInvalid.because("state_other_provider")
        if flow.expires_at <= self._clock.now():
            raise OAuthStateInvalid.because("state_expired")
        if browser is None or not hmac.compare_digest(flow.browser_hash, hash_token(browser)):
            raise OAuthStateInvalid.because("state_other_browser")
        return flow

    async def _sign_in(
        self, provider: OAuthProvider, identity: ProviderIdentity, client: ClientInfo
    ) -> User:
        how = "linked_account"
        linked = await self._linked_user(identity)
        if linked is not None:
            user = linked
        else:
            user, how = await self._first_sign_in(provider, identity, client)
        await self._admit(user)
        async with transaction():
            await self._remember(identity, user)
            await self._audit.record(
                AuditAction.OAUTH_SIGNED_IN,
                actor=Subject.user(user.id),
                target=Subject.user(user.id),
                client=client,
                details={"provider": identity.provider, "subject": identity.subject, "via": how},
            )
        return user

    async def _first_sign_in(
        self, provider: OAuthProvider, identity: ProviderIdentity, client: ClientInfo
    ) -> tuple[User, str]:
        """A user for an identity no account is linked to yet: linked by verified email, or
        created; else `OAuthAccountNotLinked`."""
        config = provider.config
        if identity.email is None:
            raise OAuthAccountNotLinked.because("email_missing")
        if not identity.email_verified:
            raise OAuthAccountNotLinked.because("email_unverified")
        try:
            holder = await User.get_or_none(email_normalized=email_key(identity.email))
        except FabricAuthError:
            raise OAuthAccountNotLinked.because("email_invalid") from None
        if holder is not None:
            linked = await self._linked_user(identity)
            if linked is not None:  # a concurrent first sign-in of this identity made it
                return linked, "linked_account"
            if not config.link_verified_email:
                raise OAuthAccountNotLinked.because("email_taken")
            await self._admit(holder)
            await self._record_link(holder, identity, client, reason="verified_email")
            return holder, "verified_email"
        if not config.jit_provisioning:
            raise OAuthAccountNotLinked.because("jit_disabled")
        try:
            async with transaction():
                user = await self._users.create(
                    NewUser(
                        email=identity.email,
                        password=None,
                        display_name=identity.display_name,
                        is_verified=True,
                        roles=config.roles,
                        source="oauth",
                    ),
                    client,
                )
                await self._record_link(user, identity, client, reason="provisioned")
        except AlreadyExists:
            # A concurrent first sign-in of the same identity (or email) won: use its result.
            linked = await self._linked_user(identity)
            if linked is None:
                raise OAuthAccountNotLinked.because("email_taken") from None
            return linked, "linked_account"
        return user, "provisioned"

    async def _linked_user(self, identity: ProviderIdentity) -> User | None:
        account = await OAuthAccount.get_or_none(
            provider=identity.provider, subject=identity.subject
        ).prefetch_related("user")
        return account.user if account is not None else None

    async def _admit(self, user: User) -> None:
        """Refuse what a password sign-in refuses: deactivated, locked, unverified (when the
        settings require verification)."""
        if not user.is_active or user.deleted_at is not None:
            raise InvalidCredentials.because("inactive_account")
        locked_until = await self._lockout.locked_until(user)
        if locked_until is not None:
            wait = int((locked_until - self._clock.now()).total_seconds())
            raise AccountLocked(retry_after=wait)
        if self._settings.require_verified_email and not user.is_verified:
            raise EmailNotVerified()

    async def _link(self, user_id: UUID, identity: ProviderIdentity, client: ClientInfo) -> User:
        user = await User.get_or_none(id=user_id)
        if user is None or not user.is_active:
            raise InvalidCredentials.because("inactive_account")
        await self._record_link(user, identity, client, reason="signed_in_user")
        return user

    async def _record_link(
        self, user: User, identity: ProviderIdentity, client: ClientInfo, *, reason: str
    ) -> None:
        """Link `identity` to `user` (audited `oauth.linked`); `OAuthAccountLinkedElsewhere`
        when another user holds it."""
        async with transaction():
            existing = await OAuthAccount.get_or_none(
                provider=identity.provider, subject=identity.subject
            )
            if existing is not None and existing.user_id != user.id:  # type: ignore[attr-defined]
                raise OAuthAccountLinkedElsewhere()
            if existing is not None:
                await self._remember(identity, user)
                return
            with mapped_store_errors(already_exists="This identity was linked concurrently"):
                account = await OAuthAccount.create(
                    id=uuid4(),
                    provider=identity.provider,
                    subject=identity.subject,
                    user_id=user.id,
                    email=identity.email,
                    email_verified=identity.email_verified,
                    created_at=self._clock.now(),
                )
            await self._audit.record(
                AuditAction.OAUTH_LINKED,
                actor=Subject.user(user.id),
                target=Subject.user(user.id),
                client=client,
                details={
                    "provider": identity.provider,
                    "subject": identity.subject,
                    "email": identity.email,
                    "email_verified": identity.email_verified,
                    "via": reason,
                },
            )
            await self._events.publish(
                OAuthAccountLinked(provider=identity.provider, account_id=account.id),
                subject=Subject.user(user.id),
                actor=Subject.user(user.id),
            )

    async def _remember(self, identity: ProviderIdentity, user: User) -> None:
        """What the provider showed this time: email, verified flag, time, tokens if kept."""
        now = self._clock.now()
        values: dict[str, object] = {
            "email": identity.email,
            "email_verified": identity.email_verified,
            "last_sign_in_at": now,
        }
        account = await OAuthAccount.get(provider=identity.provider, subject=identity.subject)
        if identity.tokens is not None:
            context = f"oauth:{account.id}"
            values["access_token_sealed"] = seal(
                self._sealing_key, context, identity.tokens.access_token.encode()
            )
            refresh = identity.tokens.refresh_token
            values["refresh_token_sealed"] = (
                seal(self._sealing_key, context, refresh.encode()) if refresh else None
            )
            expires_in = identity.tokens.expires_in
            values["token_expires_at"] = (
                now + timedelta(seconds=expires_in) if expires_in is not None else None
            )
        await OAuthAccount.filter(id=account.id).update(**values)

    async def _refused(self, provider: str, reason: str, client: ClientInfo) -> None:
        await self._audit.record(
            AuditAction.OAUTH_REFUSED,
            outcome=Outcome.FAILURE,
            client=client,
            details={"provider": provider, "reason": reason[:128]},
        )

    # --- bearer transport: the single-use sign-in code ---------------------------------

    async def issue_sign_in_code(self, finished: Finished) -> str:
        """A code for a finished sign-in, good once within `oauth_code_ttl` seconds: the front
        end exchanges it at `/auth/token` (`grant_type=authorization_code`); a dashboard's code
        is bound to the browser that started the flow."""
        bound = finished.browser_hash if finished.delivery is Delivery.DASHBOARD else None
        return await self._codes.issue(
            LinkPurpose.OAUTH_SIGN_IN,
            finished.user,
            email=finished.user.email,
            ttl=self._settings.oauth_code_ttl,
            browser_hash=bound,
        )

    async def redeem_sign_in_code(self, code: str, *, browser: str | None = None) -> User:
        """The user a sign-in code was issued to; the code is used up. `InvalidSignInCode`
        for an unknown, expired or used code, one whose user was deactivated since, or one
        bound to another browser than `browser` (the binding cookie)."""
        try:
            row, user = await self._codes.find(code, [LinkPurpose.OAUTH_SIGN_IN])
            if row.browser_hash is not None and (
                browser is None or not hmac.compare_digest(row.browser_hash, hash_token(browser))
            ):
                raise InvalidSignInCode()
            await self._codes.use(row)
        except FabricAuthError:
            raise InvalidSignInCode() from None
        await self._admit(user)
        return user

    # --- linked accounts ---------------------------------------------------------------

    async def accounts(
        self, user_id: UUID, *, cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE
    ) -> Page[OAuthAccount]:
        """The identities linked to a user, most recently linked first: one page of at most
        `limit`, after `cursor`."""
        limit = checked_limit(limit)
        after = None if cursor is None else _ACCOUNT_CURSOR.decode(cursor)
        rows = await newest_first(OAuthAccount.filter(user_id=user_id), after, limit)
        return page_of(rows, limit, lambda row: _ACCOUNT_CURSOR.encode(row.created_at, row.id))

    async def unlink(
        self,
        actor: Principal | None,
        user_id: UUID,
        account_id: UUID,
        *,
        client: ClientInfo = NO_CLIENT,
    ) -> None:
        """Remove a linked identity (audited `oauth.unlinked`), never the account's last way
        to sign in (409 `last_sign_in_method`). `actor=None`: the command line."""
        await self._authorization.authorize(
            actor, Action.ACCOUNT_OAUTH_UNLINK, SubjectRef.user(user_id), client=client
        )
        async with transaction():
            account = await OAuthAccount.get_or_none(id=account_id, user_id=user_id)
            user = await User.get_or_none(id=user_id)
            if account is None or user is None:
                raise NotFound("No such linked account")
            others = await OAuthAccount.filter(user_id=user_id).exclude(id=account_id).count()
            if user.password_hash is None and others == 0:
                raise LastSignInMethod()
            await OAuthAccount.filter(id=account_id).delete()
            await self._audit.record(
                AuditAction.OAUTH_UNLINKED,
                actor=Subject.of(actor) if actor is not None else None,
                target=Subject.user(user_id),
                client=client,
                details={"provider": account.provider, "subject": account.subject},
            )

    async def purge_expired(self) -> int:
        """Delete flows whose state expired (a cleanup step)."""
        return int(await OAuthFlow.filter(expires_at__lte=self._clock.now()).delete())

    async def close(self) -> None:
        await self.providers.close()
