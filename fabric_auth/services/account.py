"""Account security flows: password reset and change, email verification and change,
invitations and activation.

Requests that take an email address from anybody (forgot-password, request-verify) do all their
work in the background: the response goes out before the store is even asked whether the
account exists, so status, body and timing are the same for every address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.events.catalogue import EmailVerified, PasswordChanged, UserUpdated
from fabric_auth.exceptions import (
    AlreadyExists,
    Conflict,
    InvalidCurrentPassword,
    InvalidInput,
    InvalidLinkToken,
    NotFound,
)
from fabric_auth.identifiers import email_address, email_key
from fabric_auth.mail.base import Mailer
from fabric_auth.mail.templates import MailTemplate, MailTemplates
from fabric_auth.principal import Principal, SubjectRef
from fabric_auth.services.audit import AuditAction, AuditLog, Subject
from fabric_auth.services.authorization import Action, AuthorizationService
from fabric_auth.services.background import BackgroundWork
from fabric_auth.services.events import EventOutbox
from fabric_auth.services.links import LinkBuilder, LinkPurpose, LinkTokens
from fabric_auth.services.lockout import LockoutService
from fabric_auth.services.sessions import RevokeReason, SessionService
from fabric_auth.services.users import NewUser, UserService
from fabric_auth.settings import AuthSettings
from fabric_auth.store.connection import transaction
from fabric_auth.store.errors import mapped_store_errors
from fabric_auth.store.models import AuditEvent, LinkToken, User

_RESET_KILLERS = (LinkPurpose.PASSWORD_RESET, LinkPurpose.ACTIVATE)
_EMAIL_PURPOSES = (LinkPurpose.VERIFY_EMAIL, LinkPurpose.CHANGE_EMAIL)


@dataclass(frozen=True, slots=True)
class Invitation:
    user: User
    link: str
    """The activation link that was mailed (show it to the administrator only)."""


class AccountService:
    def __init__(
        self,
        *,
        settings: AuthSettings,
        clock: Clock,
        users: UserService,
        sessions: SessionService,
        lockout: LockoutService,
        audit: AuditLog,
        events: EventOutbox,
        authorization: AuthorizationService,
        mailer: Mailer,
        templates: MailTemplates,
        background: BackgroundWork,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._users = users
        self._sessions = sessions
        self._lockout = lockout
        self._audit = audit
        self._events = events
        self._authorization = authorization
        self._mailer = mailer
        self._templates = templates
        self._background = background
        self._tokens = LinkTokens(clock)
        self.links = LinkBuilder(settings)

    # --- password reset ----------------------------------------------------------------

    async def purge_expired_links(self) -> int:
        """Delete used or expired link tokens (a cleanup step)."""
        return await self._tokens.purge_expired()

    def request_password_reset(self, email: str, client: ClientInfo = NO_CLIENT) -> None:
        """Mail a reset link if `email` belongs to an active account; returns at once."""
        self._background.spawn(
            self._mail_password_reset(email_key(email), client), "password-reset-mail"
        )

    async def _mail_password_reset(self, email_normalized: str, client: ClientInfo) -> None:
        user = await User.get_or_none(email_normalized=email_normalized, is_active=True)
        if user is None or await self._tokens.issued_recently(
            user.id, LinkPurpose.PASSWORD_RESET, self._settings.mail_resend_interval
        ):
            return
        await self._issue_password_reset(user, None, client)

    async def send_password_reset(
        self, actor: Principal | None, user_id: UUID, client: ClientInfo = NO_CLIENT
    ) -> None:
        """An administrator mails a user a reset link, so the user chooses the new password
        (`users:modify` on the user; audited with the administrator as actor). Unlike the
        forgot-password request it answers `NotFound` for an unknown or inactive account:
        the administrator already sees who exists."""
        await self._authorization.authorize(
            actor, Action.USERS_UPDATE, SubjectRef.user(user_id), client=client
        )
        user = await self._active_user(user_id)
        await self._issue_password_reset(user, actor, client)

    async def _issue_password_reset(
        self, user: User, actor: Principal | None, client: ClientInfo
    ) -> None:
        ttl = self._settings.password_reset_ttl
        async with transaction():
            token = await self._tokens.issue(
                LinkPurpose.PASSWORD_RESET, user, email=user.email_normalized, ttl=ttl
            )
            await self._audit.record(
                AuditAction.PASSWORD_RESET_REQUESTED,
                actor=Subject.of(actor) if actor else None,
                target=Subject.user(user.id),
                client=client,
            )
        link = self.links.link(self._settings.reset_password_link_path, token)
        await self._send(self._templates.password_reset, "password_reset", user.email, link, ttl)

    async def reset_password(
        self, token: str, new_password: str, client: ClientInfo = NO_CLIENT
    ) -> User:
        """Set a new password with a reset link's token; every session of the user ends."""
        row, user = await self._tokens.find(token, [LinkPurpose.PASSWORD_RESET])
        await self._set_password(
            user,
            new_password,
            client,
            used=row,
            action=AuditAction.PASSWORD_RESET,
            keep_session=None,
            reason=RevokeReason.PASSWORD_RESET,
        )
        return user

    # --- password change ---------------------------------------------------------------

    async def change_password(
        self,
        actor: Principal,
        current_password: str,
        new_password: str,
        *,
        client: ClientInfo = NO_CLIENT,
    ) -> None:
        """Change the caller's password, proving the current one; the user's other sessions
        end (the caller's own stays)."""
        await self._authorization.authorize(
            actor, Action.ACCOUNT_CHANGE_PASSWORD, password_proven=True, client=client
        )
        keep_session = actor.session_id
        user = await self._active_user(actor.id)
        self._users.policy.check(new_password, context=(user.email, user.username or ""))
        await self._users.check_current_password(user, current_password, client)
        await self._set_password(
            user,
            new_password,
            client,
            used=None,
            action=AuditAction.PASSWORD_CHANGED,
            keep_session=keep_session,
            reason=RevokeReason.PASSWORD_CHANGED,
        )

    async def _set_password(
        self,
        user: User,
        new_password: str,
        client: ClientInfo,
        *,
        used: LinkToken | None,
        action: AuditAction,
        keep_session: UUID | None,
        reason: str,
    ) -> None:
        self._users.policy.check(new_password, context=(user.email, user.username or ""))
        new_hash = await self._users.hasher.hash(new_password)
        async with transaction():
            if used is not None:
                await self._tokens.use(used)
            # Only if the password is still the one we checked against: a concurrent change
            # (or reset) wins, this one fails.
            unchanged = User.filter(id=user.id, is_active=True)
            unchanged = (
                unchanged.filter(password_hash__isnull=True)
                if user.password_hash is None
                else unchanged.filter(password_hash=user.password_hash)
            )
            values: dict[str, object] = {"password_hash": new_hash}
            if used is not None:  # the link proved the mailbox is theirs
                values["is_verified"] = True
            if not await unchanged.update(**values):
                raise InvalidLinkToken() if used is not None else InvalidCurrentPassword()
            await self._tokens.discard(user.id, _RESET_KILLERS)
            await self._sessions.record_end_all(user.id, reason, except_session=keep_session)
            await self._audit.record(action, actor=Subject.user(user.id), client=client)
            await self._events.publish(
                EmailVerified(email=user.email)
                if action == AuditAction.USER_ACTIVATED  # an invitation's first password
                else PasswordChanged(
                    method="reset" if action == AuditAction.PASSWORD_RESET else "change"
                ),
                subject=Subject.user(user.id),
                actor=Subject.user(user.id),
            )
        user.password_hash = new_hash

    # --- registration -------------------------------------------------------------------

    async def register(self, new: NewUser, client: ClientInfo = NO_CLIENT) -> None:
        """Self-service sign-up that says nothing about which accounts exist.

        A taken email or username creates nothing and, unless `registration_reveals_existing`
        (then `AlreadyExists`), returns just as a new account does, after the same hashing
        work; the email's owner is mailed in the background that they already have an account.
        """
        registration = await self._users.register(new, client)
        if registration.created is not None:
            return
        if self._settings.registration_reveals_existing:
            raise AlreadyExists("An account with this email or username already exists")
        # A deleted account's address stays taken until erased, but its owner hears nothing.
        owner = registration.email_owner
        if owner is not None and owner.deleted_at is None:
            self._background.spawn(self._mail_account_exists(owner), "account-exists-mail")

    async def _mail_account_exists(self, owner: User) -> None:
        """Mail `owner` that someone tried to register with their address, at most once per
        `mail_resend_interval`: each try is audited on the owner (`user.registration_refused`),
        so an earlier one within the interval means the mail already went."""
        since = self._clock.now() - timedelta(seconds=self._settings.mail_resend_interval)
        tries = await AuditEvent.filter(
            action=AuditAction.USER_REGISTRATION_REFUSED.value,
            target_id=str(owner.id),
            occurred_at__gte=since,
        ).count()
        if tries > 1:
            return
        sign_in = self.links.base_url()  # here, not in the request: a failure must not show
        await self._send(self._templates.account_exists, "account_exists", owner.email, sign_in, 0)

    # --- email verification and change --------------------------------------------------

    def request_verification(self, email: str, client: ClientInfo = NO_CLIENT) -> None:
        """Mail a verification link if `email` is an active, unverified account's address."""
        self._background.spawn(
            self._mail_verification(email_key(email), client), "verification-mail"
        )

    async def _mail_verification(self, email_normalized: str, client: ClientInfo) -> None:
        user = await User.get_or_none(
            email_normalized=email_normalized, is_active=True, is_verified=False
        )
        if user is None or await self._tokens.issued_recently(
            user.id, LinkPurpose.VERIFY_EMAIL, self._settings.mail_resend_interval
        ):
            return
        await self.send_verification(user, client)

    async def send_verification(self, user: User, client: ClientInfo = NO_CLIENT) -> None:
        """Mail `user` a link that verifies their current address."""
        ttl = self._settings.verify_email_ttl
        async with transaction():
            token = await self._tokens.issue(
                LinkPurpose.VERIFY_EMAIL, user, email=user.email_normalized, ttl=ttl
            )
            await self._audit.record(
                AuditAction.VERIFICATION_REQUESTED, target=Subject.user(user.id), client=client
            )
        link = self.links.link(self._settings.verify_email_link_path, token)
        await self._send(self._templates.verify_email, "verify_email", user.email, link, ttl)

    async def request_email_change(
        self,
        actor: Principal,
        current_password: str,
        new_email: str,
        client: ClientInfo = NO_CLIENT,
    ) -> None:
        """Mail the new address a confirmation link; the address changes when it is used.

        Whether the new address is taken is not told here (that would reveal accounts); the
        confirmation then fails with `AlreadyExists`.
        """
        await self._authorization.authorize(
            actor, Action.ACCOUNT_CHANGE_EMAIL, password_proven=True, client=client
        )
        user = await self._active_user(actor.id)
        new_normalized = email_key(new_email)
        if new_normalized == user.email_normalized:
            raise InvalidInput("This is already the account's address")
        await self._users.check_current_password(user, current_password, client)
        ttl = self._settings.verify_email_ttl
        async with transaction():
            await self._tokens.discard(user.id, [LinkPurpose.CHANGE_EMAIL])
            token = await self._tokens.issue(
                LinkPurpose.CHANGE_EMAIL, user, email=email_address(new_email), ttl=ttl
            )
            await self._audit.record(
                AuditAction.EMAIL_CHANGE_REQUESTED,
                actor=Subject.user(user.id),
                client=client,
                details={"new_email": new_normalized},
            )
        link = self.links.link(self._settings.verify_email_link_path, token)
        self._background.spawn(
            self._send(
                self._templates.change_email, "change_email", email_address(new_email), link, ttl
            ),
            "email-change-mail",
        )

    async def verify_email(self, token: str, client: ClientInfo = NO_CLIENT) -> User:
        """Use a verification or email-change link: the address is verified (and changed)."""
        row, user = await self._tokens.find(token, _EMAIL_PURPOSES)
        if row.purpose == LinkPurpose.VERIFY_EMAIL:
            if row.email != user.email_normalized:  # the address changed since: dead link
                raise InvalidLinkToken()
            async with transaction():
                await self._tokens.use(row)
                await User.filter(id=user.id).update(is_verified=True)
                await self._audit.record(
                    AuditAction.EMAIL_VERIFIED, actor=Subject.user(user.id), client=client
                )
                await self._events.publish(
                    EmailVerified(email=user.email),
                    subject=Subject.user(user.id),
                    actor=Subject.user(user.id),
                )
            user.is_verified = True
            return user
        old_email, new_email = user.email, email_address(row.email)
        new_normalized = email_key(new_email)
        with mapped_store_errors(already_exists="An account with this email already exists"):
            async with transaction():
                await self._tokens.use(row)
                await User.filter(id=user.id).update(
                    email=new_email, email_normalized=new_normalized, is_verified=True
                )
                await self._tokens.discard(user.id, (*_EMAIL_PURPOSES, *_RESET_KILLERS))
                await self._audit.record(
                    AuditAction.EMAIL_CHANGED,
                    actor=Subject.user(user.id),
                    client=client,
                    details={"old_email": user.email_normalized, "new_email": new_normalized},
                )
                await self._events.publish(
                    UserUpdated(changed=["email"]),
                    subject=Subject.user(user.id),
                    actor=Subject.user(user.id),
                )
                await self._events.publish(
                    EmailVerified(email=new_email),
                    subject=Subject.user(user.id),
                    actor=Subject.user(user.id),
                )
        user.email, user.email_normalized, user.is_verified = new_email, new_normalized, True
        self._background.spawn(
            self._send(self._templates.email_changed, "email_changed", old_email, "", 0),
            "email-changed-notice",
        )
        return user

    # --- invitations -------------------------------------------------------------------

    async def invite(
        self,
        email: str,
        *,
        username: str | None = None,
        display_name: str = "",
        invited_by: UUID | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> Invitation:
        """Create an account without a password and mail it a single-use activation link.

        Raises `AlreadyExists` for a taken address and `MailDeliveryFailed` if the mail cannot
        be sent (the account then exists: `resend_invitation` tries again).
        """
        async with transaction():
            user = await self._users.create(
                NewUser(
                    email=email,
                    password=None,
                    username=username,
                    display_name=display_name,
                    source="invitation",
                )
            )
            token = await self._issue_activation(user, invited_by, client)
        return await self._mail_invitation(user, token)

    async def resend_invitation(
        self, user_id: UUID, *, invited_by: UUID | None = None, client: ClientInfo = NO_CLIENT
    ) -> Invitation:
        """A fresh activation link for an invited account that has not activated yet."""
        user = await self._active_user(user_id)
        if user.password_hash is not None:
            raise Conflict("This account is already activated")
        async with transaction():
            await self._tokens.discard(user.id, [LinkPurpose.ACTIVATE])
            token = await self._issue_activation(user, invited_by, client)
        return await self._mail_invitation(user, token)

    async def _issue_activation(
        self, user: User, invited_by: UUID | None, client: ClientInfo
    ) -> str:
        token = await self._tokens.issue(
            LinkPurpose.ACTIVATE, user, email=user.email_normalized, ttl=self._settings.invite_ttl
        )
        await self._audit.record(
            AuditAction.USER_INVITED,
            actor=Subject.user(invited_by) if invited_by else None,
            target=Subject.user(user.id),
            client=client,
        )
        return token

    async def _mail_invitation(self, user: User, token: str) -> Invitation:
        link = self.links.link(self._settings.activate_link_path, token)
        await self._send(
            self._templates.invite, "invite", user.email, link, self._settings.invite_ttl
        )
        return Invitation(user=user, link=link)

    async def activate(self, token: str, password: str, client: ClientInfo = NO_CLIENT) -> User:
        """Set the first password of an invited account with its activation link."""
        row, user = await self._tokens.find(token, [LinkPurpose.ACTIVATE])
        if user.password_hash is not None:
            raise InvalidLinkToken()
        await self._set_password(
            user,
            password,
            client,
            used=row,
            action=AuditAction.USER_ACTIVATED,
            keep_session=None,
            reason=RevokeReason.PASSWORD_RESET,
        )
        user.is_verified = True
        return user

    # --- helpers -----------------------------------------------------------------------

    async def _active_user(self, user_id: UUID) -> User:
        user = await User.get_or_none(id=user_id, is_active=True)
        if user is None:
            raise NotFound("No such account")
        return user

    async def _send(self, template: MailTemplate, kind: str, to: str, link: str, ttl: int) -> None:
        message = template.render(
            kind,
            to,
            link=link,
            app_name=self._settings.app_name,
            expires_minutes=str(ttl // 60),
        )
        await self._mailer.send(message)
