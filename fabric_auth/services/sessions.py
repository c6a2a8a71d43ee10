"""Sign-in sessions and their rotating refresh tokens.

Rotation is the one truly hard part here. A refresh token of generation *g* may move its session
to *g+1* exactly once: the move is a conditional `UPDATE ... WHERE generation = g`, so among any
number of concurrent refreshes (on any number of instances) exactly one wins. The others re-read
the session; if it moved to *g+1* within the grace window they hand out the same successor (it is
derived, not random, see `tokens.refresh`). Presenting an older token after that is reuse: the
session family is revoked, and the event audited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID, uuid4

from fabric_auth.clock import Clock
from fabric_auth.context import NO_CLIENT, ClientInfo
from fabric_auth.exceptions import (
    EmailNotVerified,
    InvalidCredentials,
    InvalidRefreshToken,
    NotFound,
)
from fabric_auth.pagination import DEFAULT_PAGE_SIZE, MomentKey, Page, checked_limit, page_of
from fabric_auth.principal import PrincipalKind
from fabric_auth.services.audit import AuditAction, AuditLog, Outcome, Subject
from fabric_auth.services.revocation import RevocationEntry, RevocationService
from fabric_auth.services.users import UserService
from fabric_auth.settings import AuthSettings
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import Session, User
from fabric_auth.store.queries import sessions as queries
from fabric_auth.store.queries.pages import newest_first
from fabric_auth.store.queries.sessions import RotationState
from fabric_auth.tokens.access import AccessTokenCodec, IssuedAccessToken
from fabric_auth.tokens.refresh import RefreshTokenDeriver, hash_token, new_salt

_ROTATION_ATTEMPTS = 3
_SESSION_CURSOR = MomentKey("sessions")

RefreshListener = Callable[[], None]
"""Called after each rotation this instance performed, e.g. to count it in metrics."""


@dataclass(frozen=True, slots=True)
class TokenPair:
    access: IssuedAccessToken
    refresh_token: str
    session_id: UUID
    session_expires_at: datetime


class RevokeReason:
    LOGOUT = "logout"
    LOGOUT_ALL = "logout_all"
    REVOKED_BY_USER = "revoked_by_user"
    REFRESH_TOKEN_REUSED = "refresh_token_reused"
    SESSION_LIMIT = "session_limit"
    USER_DEACTIVATED = "user_deactivated"
    PASSWORD_RESET = "password_reset"
    PASSWORD_CHANGED = "password_changed"
    EMAIL_CHANGED = "email_changed"
    USER_DELETED = "user_deleted"
    PASSWORD_RESET_BY_ADMIN = "password_reset_by_admin"
    REVOKED_BY_ADMIN = "revoked_by_admin"


class SessionService:
    def __init__(
        self,
        *,
        settings: AuthSettings,
        clock: Clock,
        codec: AccessTokenCodec,
        deriver: RefreshTokenDeriver,
        revocations: RevocationService,
        users: UserService,
        audit: AuditLog,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._codec = codec
        self._deriver = deriver
        self._revocations = revocations
        self._users = users
        self._audit = audit
        self._refresh_listeners: list[RefreshListener] = []

    def add_refresh_listener(self, listener: RefreshListener) -> None:
        self._refresh_listeners.append(listener)

    # --- starting and refreshing -------------------------------------------------------

    async def sign_in(self, login: str, password: str, client: ClientInfo) -> TokenPair:
        """Password sign-in: a new session, or `InvalidCredentials` (audited either way),
        `AccountLocked` or `EmailNotVerified`."""
        try:
            user = await self._users.authenticate(login, password, client)
        except (InvalidCredentials, EmailNotVerified) as exc:
            await self._audit.record(
                AuditAction.SIGN_IN,
                outcome=Outcome.FAILURE,
                client=client,
                details={
                    "login": login[:320],
                    "method": "password",
                    "reason": getattr(exc, "reason", None) or exc.code.value,
                },
            )
            raise
        return await self.start(user, client)

    async def start(self, user: User, client: ClientInfo = NO_CLIENT) -> TokenPair:
        """Open a session for a user who just proved who they are."""
        now = self._clock.now()
        session_id, salt = uuid4(), new_salt()
        expires_at = now + timedelta(seconds=self._settings.session_ttl)
        async with transaction():
            await queries.open_session(
                session_id,
                user.id,
                salt,
                now,
                expires_at,
                client.user_agent[:512],
                client.ip_address[:64],
            )
            await self._store_refresh_token(session_id, salt, 0)
            await self._enforce_session_cap(user.id, session_id, client)
            await self._audit.record(
                AuditAction.SIGN_IN,
                actor=Subject.user(user.id),
                target=Subject.session(session_id),
                client=client,
            )
        return self._pair(user.id, session_id, salt, now, expires_at, 0)

    async def refresh(self, refresh_token: str, client: ClientInfo = NO_CLIENT) -> TokenPair:
        """Rotate a refresh token; see the module docstring for the rules."""
        token_hash = hash_token(refresh_token)
        for _ in range(_ROTATION_ATTEMPTS):
            state = await queries.rotation_state(token_hash)
            if state is None or not self._usable(state):
                raise InvalidRefreshToken()
            if state.generation == state.presented:
                if await self._advance(state, client):
                    return self._successor(state)
                continue  # lost the race: re-read and judge again
            if self._within_grace(state):
                return self._successor(state)
            await self._revoke_after_reuse(state, client)
            raise InvalidRefreshToken()
        raise InvalidRefreshToken()

    async def _advance(self, state: RotationState, client: ClientInfo) -> bool:
        """Move the session on from the presented generation, if no one else did first.

        The successor's hash is stored before the move, so that the move alone decides: a
        successor stored by a refresh that then loses is the very one the winner stores (it is
        derived, not random), and it is never handed out by the loser.
        """
        successor = state.presented + 1
        await self._store_refresh_token(state.session_id, state.salt, successor)
        now = self._clock.now()
        if not self._settings.audit_refreshes:
            won = await queries.advance(state.session_id, state.presented, now)
        else:
            async with transaction():
                won = await queries.advance(state.session_id, state.presented, now)
                if won:
                    await self._audit.record(
                        AuditAction.REFRESH,
                        actor=Subject.user(state.user_id),
                        target=Subject.session(state.session_id),
                        client=client,
                        details={"generation": successor},
                    )
        if won:
            for listener in self._refresh_listeners:
                listener()
        return won

    def _within_grace(self, state: RotationState) -> bool:
        grace = timedelta(seconds=self._settings.refresh_grace_seconds)
        return (
            state.generation == state.presented + 1
            and state.rotated_at is not None
            and self._clock.now() - state.rotated_at <= grace
        )

    def _usable(self, state: RotationState) -> bool:
        now = self._clock.now()
        idle_limit = timedelta(seconds=self._settings.session_idle_ttl)
        return (
            state.user_active
            and state.revoked_at is None
            and state.expires_at > now
            and now - state.last_used_at <= idle_limit
        )

    async def _store_refresh_token(self, session_id: UUID, salt: str, generation: int) -> None:
        token = self._deriver.token(session_id, salt, generation)
        await queries.store_refresh_token(
            hash_token(token), session_id, generation, self._clock.now()
        )

    def _successor(self, state: RotationState) -> TokenPair:
        """The pair of the generation after the presented one."""
        return self._pair(
            state.user_id,
            state.session_id,
            state.salt,
            state.created_at,
            state.expires_at,
            state.presented + 1,
        )

    def _pair(
        self,
        user_id: UUID,
        session_id: UUID,
        salt: str,
        signed_in_at: datetime,
        expires_at: datetime,
        generation: int,
    ) -> TokenPair:
        return TokenPair(
            access=self._codec.issue(
                user_id, session_id, PrincipalKind.USER, signed_in_at.timestamp()
            ),
            refresh_token=self._deriver.token(session_id, salt, generation),
            session_id=session_id,
            session_expires_at=expires_at,
        )

    # --- ending ------------------------------------------------------------------------

    async def _revoke_after_reuse(self, state: RotationState, client: ClientInfo) -> None:
        user_id = state.user_id
        async with transaction():
            query = Session.filter(user_id=user_id, revoked_at__isnull=True)
            if not self._settings.revoke_all_sessions_on_reuse:
                query = query.filter(id=state.session_id)
            ids = list(await query.values_list("id", flat=True))
            entries = await self._end(user_id, ids, RevokeReason.REFRESH_TOKEN_REUSED)  # type: ignore[arg-type]
            await self._audit.record(
                AuditAction.REFRESH_REUSE_DETECTED,
                outcome=Outcome.FAILURE,
                actor=Subject.user(user_id),
                target=Subject.session(state.session_id),
                client=client,
                details={
                    "presented_generation": state.presented,
                    "current_generation": state.generation,
                    "sessions_revoked": len(entries),
                },
            )

    async def end(
        self,
        session_id: UUID,
        reason: str,
        *,
        user_id: UUID | None = None,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> None:
        """End one session (of `user_id`, when given); `NotFound` if there is no such session.
        Audited with `actor` (an administrator) as the one who ended it, else its owner."""
        query = Session.filter(id=session_id)
        if user_id is not None:
            query = query.filter(user_id=user_id)
        async with transaction():
            session = await query.first()
            if session is None:
                raise NotFound("No such session")
            await self._end(session.user_id, [session_id], reason)  # type: ignore[attr-defined]
            await self._audit.record(
                AuditAction.LOGOUT
                if reason == RevokeReason.LOGOUT
                else AuditAction.SESSION_REVOKED,
                actor=actor or Subject.user(session.user_id),  # type: ignore[attr-defined]
                target=Subject.session(session_id),
                client=client,
                details={"reason": reason},
            )

    async def end_all(
        self,
        user_id: UUID,
        reason: str,
        *,
        except_session: UUID | None = None,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> int:
        """End every live session of a user (but `except_session`); return how many.
        Audited with `actor` (an administrator) as the one who ended them, else the user."""
        async with transaction():
            entries = await self.record_end_all(
                user_id, reason, except_session=except_session, actor=actor, client=client
            )
        return len(entries)

    async def refuse_user(self, user_id: UUID, reason: str) -> None:
        """End every session and refuse every access token issued so far (deactivation)."""
        async with transaction():
            await self.record_user_refused(user_id, reason)

    async def record_user_refused(self, user_id: UUID, reason: str) -> list[RevocationEntry]:
        """`refuse_user` inside the caller's transaction."""
        entries = await self._end_of_user(user_id, reason, except_session=None)
        entries.append(await self._revocations.record_user(user_id))
        await self._audit.record(
            AuditAction.USER_TOKENS_REVOKED,
            target=Subject.user(user_id),
            details={"reason": reason, "sessions_revoked": len(entries) - 1},
        )
        return entries

    async def record_end_all(
        self,
        user_id: UUID,
        reason: str,
        *,
        except_session: UUID | None = None,
        actor: Subject | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> list[RevocationEntry]:
        """End every session of the user but `except_session`, inside the caller's
        transaction.

        Unlike `refuse_user` this refuses tokens by session, not by issue time, so a
        sign-in right after (a password reset, say) is not caught by the revocation.
        """
        entries = await self._end_of_user(user_id, reason, except_session=except_session)
        await self._audit.record(
            AuditAction.SESSION_REVOKED,
            actor=actor or Subject.user(user_id),
            target=Subject.user(user_id),
            client=client,
            details={"reason": reason, "sessions_revoked": len(entries)},
        )
        return entries

    async def _end_of_user(
        self, user_id: UUID, reason: str, *, except_session: UUID | None
    ) -> list[RevocationEntry]:
        query = Session.filter(user_id=user_id, revoked_at__isnull=True)
        if except_session is not None:
            query = query.exclude(id=except_session)
        ids = await query.values_list("id", flat=True)
        return await self._end(user_id, list(ids), reason)  # type: ignore[arg-type]

    async def _end(self, user_id: UUID, ids: list[UUID], reason: str) -> list[RevocationEntry]:
        if not ids:
            return []
        await Session.filter(id__in=ids, revoked_at__isnull=True).update(
            revoked_at=self._clock.now(), revoked_reason=reason
        )
        return [
            await self._revocations.record_session(sid, user_id=user_id, reason=reason)
            for sid in ids
        ]

    async def _enforce_session_cap(
        self, user_id: UUID, keep: UUID, client: ClientInfo
    ) -> list[RevocationEntry]:
        """End the least recently used of the user's sessions beyond `max_sessions_per_user`,
        the new one `keep` counted (audited as `session.revoked`, reason `session_limit`).
        Ending old sessions rather than refusing the sign-in: a refusal would let anyone who
        holds the password lock the owner out. Reads only the surplus (an `OFFSET` bounded by
        the cap), so a sign-in costs the same however many sessions the user has."""
        cap = self._settings.max_sessions_per_user
        now = self._clock.now()
        surplus = await (
            Session.filter(user_id=user_id, revoked_at__isnull=True, expires_at__gt=now)
            .exclude(id=keep)
            .order_by("-last_used_at", "-created_at", "-id")
            .offset(cap - 1)
            .values_list("id", flat=True)
        )
        if not surplus:
            return []
        ids: list[UUID] = list(surplus)  # type: ignore[arg-type]
        entries = await self._end(user_id, ids, RevokeReason.SESSION_LIMIT)
        await self._audit.record(
            AuditAction.SESSION_REVOKED,
            actor=Subject.user(user_id),
            target=Subject.user(user_id),
            client=client,
            details={
                "reason": RevokeReason.SESSION_LIMIT,
                "sessions_revoked": len(ids),
                "sessions": sorted(str(sid) for sid in ids),
                "kept": str(keep),
            },
        )
        return entries

    # --- reading -----------------------------------------------------------------------

    async def list_live(
        self, user_id: UUID, *, cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE
    ) -> Page[Session]:
        """The user's live sessions, most recently started first: one page of at most
        `limit`, after `cursor`. (Not by last use: a refresh would move a session across
        pages while a client walks them.)"""
        limit = checked_limit(limit)
        after = None if cursor is None else _SESSION_CURSOR.decode(cursor)
        now = self._clock.now()
        idle_cutoff = now - timedelta(seconds=self._settings.session_idle_ttl)
        query = Session.filter(
            user_id=user_id,
            revoked_at__isnull=True,
            expires_at__gt=now,
            last_used_at__gt=idle_cutoff,
        )
        rows = await newest_first(query, after, limit)
        return page_of(rows, limit, lambda row: _SESSION_CURSOR.encode(row.created_at, row.id))
