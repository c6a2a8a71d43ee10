"""Accounts: creation, password sign-in, the seeded system administrator."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal
from uuid import UUID

from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.events.catalogue import UserCreated
from fabric_auth.exceptions import (
    AlreadyExists,
    EmailNotVerified,
    InvalidCredentials,
    InvalidCurrentPassword,
)
from fabric_auth.identifiers import email_address, email_key, identifier_key, username_key
from fabric_auth.passwords import PasswordHasher, PasswordPolicy
from fabric_auth.principal import SubjectRef
from fabric_auth.services.audit import AuditAction, AuditLog, Outcome, Subject
from fabric_auth.services.events import EventOutbox
from fabric_auth.services.lockout import LockoutService, account_key
from fabric_auth.store.connection import transaction
from fabric_auth.store.errors import mapped_store_errors
from fabric_auth.store.models import Role, User, UserRole
from fabric_auth.store.queries import users as queries

UserSource = Literal["registration", "admin", "invitation", "oauth", "system"]


@dataclass(frozen=True, slots=True)
class NewUser:
    email: str
    password: str | None
    username: str | None = None
    display_name: str = ""
    is_verified: bool = False
    is_system_admin: bool = False
    roles: Sequence[str] | None = None
    """Roles to give the account; `None`: the default roles (`default_roles`)."""
    source: UserSource = "admin"
    """How the account came to be, as `user.created` tells other services (self-service
    sign-up is always `registration`)."""


@dataclass(frozen=True, slots=True)
class Registration:
    """What a sign-up did: `created` the new account, or nothing when the email or username
    was taken; then `email_owner` is the account holding the email, if that was the clash."""

    created: User | None
    email_owner: User | None = None


class UserService:
    def __init__(
        self,
        *,
        hasher: PasswordHasher,
        policy: PasswordPolicy,
        clock: Clock,
        lockout: LockoutService,
        audit: AuditLog,
        events: EventOutbox,
        require_verified_email: bool = False,
        default_roles: Sequence[str] = (),
    ) -> None:
        self._hasher = hasher
        self._policy = policy
        self._clock = clock
        self._audit = audit
        self._events = events
        self._lockout = lockout
        self._default_roles = list(default_roles)
        self._require_verified_email = require_verified_email

    @property
    def hasher(self) -> PasswordHasher:
        return self._hasher

    @property
    def policy(self) -> PasswordPolicy:
        return self._policy

    async def create(self, new: NewUser, client: ClientInfo = NO_CLIENT) -> User:
        """Create an account (audited as `user.created`); `AlreadyExists` when the email or
        username is taken."""
        return await self._create(new, AuditAction.USER_CREATED, client)

    async def register(self, new: NewUser, client: ClientInfo = NO_CLIENT) -> Registration:
        """Self-service sign-up: `create`, audited as `user.registered`. A taken email or
        username creates nothing and raises nothing: it is audited as
        `user.registration_refused` on the account holding it, after the same hashing work."""
        try:
            user = await self._create(
                replace(new, source="registration"), AuditAction.USER_REGISTERED, client
            )
        except AlreadyExists:
            return await self._refuse_registration(new, client)
        return Registration(created=user)

    async def _refuse_registration(self, new: NewUser, client: ClientInfo) -> Registration:
        email_owner = await queries.user_by_email(email_key(new.email))
        holder = email_owner
        if holder is None and new.username:
            holder = await queries.user_by_username(username_key(new.username))
        await self._audit.record(
            AuditAction.USER_REGISTRATION_REFUSED,
            outcome=Outcome.FAILURE,
            target=Subject.user(holder.id) if holder else None,
            client=client,
            details={"taken": "email" if email_owner else "username"},
        )
        return Registration(created=None, email_owner=email_owner)

    async def _create(self, new: NewUser, action: AuditAction, client: ClientInfo) -> User:
        email_normalized = email_key(new.email)
        username_normalized = username_key(new.username) if new.username else None
        password_hash = None
        if new.password is not None:
            self._policy.check(new.password, context=(new.email, new.username or ""))
            password_hash = await self._hasher.hash(new.password)
        with mapped_store_errors(
            already_exists="An account with this email or username already exists"
        ):
            async with transaction():
                user = await User.create(
                    email=email_address(new.email),
                    email_normalized=email_normalized,
                    username=new.username,
                    username_normalized=username_normalized,
                    display_name=new.display_name,
                    password_hash=password_hash,
                    is_verified=new.is_verified,
                    is_system_admin=new.is_system_admin,
                )
                roles = self._default_roles if new.roles is None else list(new.roles)
                for role in await Role.filter(name__in=roles):
                    await UserRole.create(user=user, role=role)
                await self._audit.record(
                    action,
                    target=Subject.user(user.id),
                    client=client,
                    details={"system_admin": new.is_system_admin} if new.is_system_admin else {},
                )
                await self._events.publish(
                    UserCreated(
                        email=user.email,
                        username=user.username,
                        is_verified=user.is_verified,
                        source=new.source,
                    ),
                    subject=SubjectRef.user(user.id),
                )
                return user

    async def get(self, user_id: UUID) -> User | None:
        return await User.get_or_none(id=user_id)

    async def find_by_login(self, login: str) -> User | None:
        """An account by email or username, by its key (`fabric_auth.identifiers`): any case,
        any Unicode normalisation form. Nothing is refused here: an identifier no account may
        have simply finds none."""
        key = identifier_key(login.strip())
        if "@" in key:
            return await queries.user_by_email(key)
        return await queries.user_by_username(key)

    async def authenticate(self, login: str, password: str, client: ClientInfo = NO_CLIENT) -> User:
        """The account whose credentials these are, or `InvalidCredentials`.

        Unknown account, wrong password and deactivated account fail alike, after the same
        amount of hashing work and the same lockout counting, so the answer says nothing about
        which accounts exist. `AccountLocked` once there were too many failures (see
        `services.lockout`); `EmailNotVerified` after a right password when the settings
        require a verified email.
        """
        if len(password) > self._policy.max_length or len(login) > 320:
            await self._hasher.verify(None, password[: self._policy.max_length])
            raise InvalidCredentials.because("input_too_long")
        user = await self.find_by_login(login)
        async with self._lockout.attempt(account_key(user, login), client):
            result = await self._hasher.verify(user.password_hash if user else None, password)
            if user is None:
                raise InvalidCredentials.because("unknown_account")
            if not result.valid:
                raise InvalidCredentials.because("wrong_password")
            if not user.is_active:
                raise InvalidCredentials.because("inactive_account")
        if self._require_verified_email and not user.is_verified:
            raise EmailNotVerified()
        user.last_login_at = self._clock.now()
        if result.new_hash is None:
            await queries.signed_in(user.id, user.last_login_at)
        else:
            user.password_hash = result.new_hash
            await queries.signed_in_rehashed(user.id, user.last_login_at, user.password_hash)
        return user

    async def check_current_password(
        self, user: User, password: str, client: ClientInfo = NO_CLIENT
    ) -> None:
        """`InvalidCurrentPassword` unless `password` is `user`'s (an account without one
        never matches). Counted by the lockout like a sign-in: a stolen access token cannot
        guess freely."""
        try:
            async with self._lockout.attempt(str(user.id), client):
                result = await self._hasher.verify(
                    user.password_hash, password[: self._policy.max_length]
                )
                if not result.valid:
                    raise InvalidCredentials()
        except InvalidCredentials:
            raise InvalidCurrentPassword() from None

    async def ensure_system_admin(self, email: str, password: str) -> User:
        """Create the system administrator if absent; never resets an existing password."""
        user = await User.get_or_none(email_normalized=email_key(email))
        if user is None:
            try:
                return await self.create(
                    NewUser(
                        email=email,
                        password=password,
                        is_verified=True,
                        is_system_admin=True,
                        source="system",
                    )
                )
            except AlreadyExists:  # another instance seeded it at the same moment
                user = await User.get(email_normalized=email_key(email))
        if not user.is_system_admin:
            async with transaction():
                user.is_system_admin = True
                await user.save(update_fields=["is_system_admin", "updated_at"])
                await self._audit.record(
                    AuditAction.USER_UPDATED,
                    target=Subject.user(user.id),
                    details={"is_system_admin": True},
                )
        return user
