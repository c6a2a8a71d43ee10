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
from fabric_auth.exceptions import (
    EmailNotVerified,
    InvalidCredentials,
    InvalidRefreshToken,
    NotFound,
)
from fabric_auth.principal import PrincipalKind
from fabric_auth.services.audit import (
    NO_CLIENT,
    AuditAction,
    AuditLog,
    ClientInfo,
    Outcome,
    Subject,
)
from fabric_auth.services.revocation import RevocationEntry, RevocationService, SubjectType
from fabric_auth.services.users import UserService
from fabric_auth.settings import AuthSettings
from fabric_auth.store.connection import transaction
from fabric_auth.store.models import RefreshToken, Session, User
from fabric_auth.store.sql import Statement, as_datetime, as_optional_datetime, as_uuid
from fabric_auth.tokens.access import AccessTokenCodec, IssuedAccessToken
from fabric_auth.tokens.refresh import RefreshTokenDeriver, hash_token, new_salt

_ROTATION_ATTEMPTS = 3

# Every sign-in and refresh runs these; written out (see `store.sql`).
_ROTATION_STATE = Statement(
    RefreshToken,
    'SELECT t."generation" AS "presented", s."id", s."user_id", s."salt", s."generation", '
    's."rotated_at", s."last_used_at", s."created_at", s."expires_at", s."revoked_at", '
    'u."is_active" '
    'FROM "fabric_auth_refresh_tokens" t '
    'JOIN "fabric_auth_sessions" s ON s."id" = t."session_id" '
    'JOIN "fabric_auth_users" u ON u."id" = s."user_id" '
    'WHERE t."token_hash" = ?',
)
"""A refresh token's session and user, read in one go."""
_ADVANCE = Statement(
    Session,
    'UPDATE "fabric_auth_sessions" SET "generation" = "generation" + 1, "rotated_at" = ?, '
    '"last_used_at" = ? WHERE "id" = ? AND "generation" = ? AND "revoked_at" IS NULL',
)
"""Rotate: only the refresh that still sees `generation` wins."""
_OPEN_SESSION = Statement(
    Session,
    'INSERT INTO "fabric_auth_sessions" ("id", "user_id", "salt", "generation", "created_at", '
    '"last_used_at", "expires_at", "user_agent", "ip_address") '
    "VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)",
)
_STORE_TOKEN = Statement(
    RefreshToken,
    'INSERT INTO "fabric_auth_refresh_tokens" ("token_hash", "session_id", "generation", '
    '"created_at") VALUES (?, ?, ?, ?) ON CONFLICT ("token_hash") DO NOTHING',
)
"""Idempotent: every refresh racing for the same rotation stores the same successor."""

RefreshListener = Callable[[], None]
"""Called after each rotation this instance performed, e.g. to count it in metrics."""


@dataclass(frozen=True, slots=True)
class _Rotation:
    """What a refresh is judged on: the presented token's generation, its session, its user."""

    presented: int
    session_id: UUID
    user_id: UUID
    salt: str
    generation: int
    rotated_at: datetime | None
    last_used_at: datetime
    created_at: datetime
    """When the user signed in: every token of the session carries it as `auth_time`."""
    expires_at: datetime
    revoked_at: datetime | None
    user_active: bool

    @classmethod
    async def read(cls, token_hash: str) -> _Rotation | None:
        rows = await _ROTATION_STATE.rows(token_hash)
        if not rows:
            return None
        row = rows[0]
        return cls(
            presented=int(row["presented"]),
            session_id=as_uuid(row["id"]),
            user_id=as_uuid(row["user_id"]),
            salt=str(row["salt"]),
            generation=int(row["generation"]),
            rotated_at=as_optional_datetime(row["rotated_at"]),
            last_used_at=as_datetime(row["last_used_at"]),
            created_at=as_datetime(row["created_at"]),
            expires_at=as_datetime(row["expires_at"]),
            revoked_at=as_optional_datetime(row["revoked_at"]),
            user_active=bool(row["is_active"]),
        )


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
        published: list[RevocationEntry] = []
        async with transaction():
            await _OPEN_SESSION.execute(
                str(session_id),
                str(user.id),
                salt,
                now,
                now,
                expires_at,
                client.user_agent[:512],
                client.ip_address[:64],
            )
            await self._store_refresh_token(session_id, salt, 0)
            if self._settings.max_sessions_per_user is not None:
                published = await self._enforce_session_cap(user.id, session_id)
            await self._audit.record(
                AuditAction.SIGN_IN,
                actor=Subject.user(user.id),
                target=Subject.session(session_id),
                client=client,
            )
        await self._revocations.publish(published)
        return self._pair(user.id, session_id, salt, now, expires_at, 0)

    async def refresh(self, refresh_token: str, client: ClientInfo = NO_CLIENT) -> TokenPair:
        """Rotate a refresh token; see the module docstring for the rules."""
        token_hash = hash_token(refresh_token)
        for _ in range(_ROTATION_ATTEMPTS):
            state = await _Rotation.read(token_hash)
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

    async def _advance(self, state: _Rotation, client: ClientInfo) -> bool:
        """Move the session on from the presented generation, if no one else did first.

        The successor's hash is stored before the move, so that the move alone decides: a
        successor stored by a refresh that then loses is the very one the winner stores (it is
        derived, not random), and it is never handed out by the loser.
        """
        successor = state.presented + 1
        await self._store_refresh_token(state.session_id, state.salt, successor)
        now = self._clock.now()
        if not self._settings.audit_refreshes:
            won = await _ADVANCE.execute(now, now, str(state.session_id), state.presented)
        else:
            async with transaction():
                won = await _ADVANCE.execute(now, now, str(state.session_id), state.presented)
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
        return bool(won)

    def _within_grace(self, state: _Rotation) -> bool:
        grace = timedelta(seconds=self._settings.refresh_grace_seconds)
        return (
            state.generation == state.presented + 1
            and state.rotated_at is not None
            and self._clock.now() - state.rotated_at <= grace
        )

    def _usable(self, state: _Rotation) -> bool:
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
        await _STORE_TOKEN.execute(
            hash_token(token), str(session_id), generation, self._clock.now()
        )

    def _successor(self, state: _Rotation) -> TokenPair:
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

    async def _revoke_after_reuse(self, state: _Rotation, client: ClientInfo) -> None:
        user_id = state.user_id
        async with transaction():
            query = Session.filter(user_id=user_id, revoked_at__isnull=True)
            if not self._settings.revoke_all_sessions_on_reuse:
                query = query.filter(id=state.session_id)
            ids = list(await query.values_list("id", flat=True))
            entries = await self._end(ids, RevokeReason.REFRESH_TOKEN_REUSED)  # type: ignore[arg-type]
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
        await self._revocations.publish(entries)

    async def end(
        self,
        session_id: UUID,
        reason: str,
        *,
        user_id: UUID | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> None:
        """End one session (of `user_id`, when given); `NotFound` if there is no such session."""
        query = Session.filter(id=session_id)
        if user_id is not None:
            query = query.filter(user_id=user_id)
        async with transaction():
            session = await query.first()
            if session is None:
                raise NotFound("No such session")
            entries = await self._end([session_id], reason)
            await self._audit.record(
                AuditAction.LOGOUT
                if reason == RevokeReason.LOGOUT
                else AuditAction.SESSION_REVOKED,
                actor=Subject.user(session.user_id),  # type: ignore[attr-defined]
                target=Subject.session(session_id),
                client=client,
                details={"reason": reason},
            )
        await self._revocations.publish(entries)

    async def end_all(
        self,
        user_id: UUID,
        reason: str,
        *,
        except_session: UUID | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> int:
        """End every live session of a user (but `except_session`); return how many."""
        async with transaction():
            entries = await self.record_end_all(
                user_id, reason, except_session=except_session, client=client
            )
        await self.publish(entries)
        return len(entries)

    async def refuse_user(self, user_id: UUID, reason: str) -> None:
        """End every session and refuse every access token issued so far (deactivation)."""
        async with transaction():
            entries = await self.record_user_refused(user_id, reason)
        await self.publish(entries)

    async def record_user_refused(self, user_id: UUID, reason: str) -> list[RevocationEntry]:
        """`refuse_user` inside the caller's transaction: `publish` the result after it
        commits."""
        entries = await self._end_of_user(user_id, reason, except_session=None)
        entries.append(await self._revocations.record(SubjectType.USER, user_id))
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
        client: ClientInfo = NO_CLIENT,
    ) -> list[RevocationEntry]:
        """End every session of the user but `except_session`, inside the caller's
        transaction; `publish` the result after it commits.

        Unlike `refuse_user` this refuses tokens by session, not by issue time, so a
        sign-in right after (a password reset, say) is not caught by the revocation.
        """
        entries = await self._end_of_user(user_id, reason, except_session=except_session)
        await self._audit.record(
            AuditAction.SESSION_REVOKED,
            actor=Subject.user(user_id),
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
        return await self._end(list(ids), reason)  # type: ignore[arg-type]

    async def publish(self, entries: list[RevocationEntry]) -> None:
        """Spread revocations recorded in a committed transaction to every instance."""
        await self._revocations.publish(entries)

    async def _end(self, ids: list[UUID], reason: str) -> list[RevocationEntry]:
        if not ids:
            return []
        await Session.filter(id__in=ids, revoked_at__isnull=True).update(
            revoked_at=self._clock.now(), revoked_reason=reason
        )
        return [await self._revocations.record(SubjectType.SESSION, sid) for sid in ids]

    async def _enforce_session_cap(self, user_id: UUID, keep: UUID) -> list[RevocationEntry]:
        cap = self._settings.max_sessions_per_user
        assert cap is not None
        now = self._clock.now()
        live = await (
            Session.filter(user_id=user_id, revoked_at__isnull=True, expires_at__gt=now)
            .exclude(id=keep)
            .order_by("-last_used_at")
            .values_list("id", flat=True)
        )
        surplus = list(live)[cap - 1 :]
        return await self._end(surplus, RevokeReason.SESSION_LIMIT)  # type: ignore[arg-type]

    # --- reading -----------------------------------------------------------------------

    async def list_live(self, user_id: UUID) -> list[Session]:
        now = self._clock.now()
        idle_cutoff = now - timedelta(seconds=self._settings.session_idle_ttl)
        return await Session.filter(
            user_id=user_id,
            revoked_at__isnull=True,
            expires_at__gt=now,
            last_used_at__gt=idle_cutoff,
        ).order_by("-last_used_at")
