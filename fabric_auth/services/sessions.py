"""Sign-in sessions and their rotating refresh tokens.

Rotation is the one truly hard part here. A refresh token of generation *g* may move its session
to *g+1* exactly once: the move is a conditional `UPDATE ... WHERE generation = g`, so among any
number of concurrent refreshes (on any number of instances) exactly one wins. The others re-read
the session; if it moved to *g+1* within the grace window they hand out the same successor (it is
derived, not random, see `tokens.refresh`). Presenting an older token after that is reuse: the
session family is revoked, and the event audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

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
from fabric_auth.store.sql import Statement
from fabric_auth.tokens.access import AccessTokenCodec, IssuedAccessToken
from fabric_auth.tokens.refresh import RefreshTokenDeriver, hash_token, new_salt

_ROTATION_ATTEMPTS = 3

# Every refresh runs these two; written out (see `store.sql`).
_ADVANCE = Statement(
    Session,
    'UPDATE "fabric_auth_sessions" SET "generation" = "generation" + 1, "rotated_at" = ?, '
    '"last_used_at" = ? WHERE "id" = ? AND "generation" = ? AND "revoked_at" IS NULL',
)
"""Rotate: only the refresh that still sees `generation` wins."""
_USER_ACTIVE = Statement(
    User, 'SELECT 1 FROM "fabric_auth_users" WHERE "id" = ? AND "is_active" = ? LIMIT 1'
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
        published: list[RevocationEntry] = []
        async with transaction():
            session = await Session.create(
                user=user,
                salt=new_salt(),
                created_at=now,
                last_used_at=now,
                expires_at=now + timedelta(seconds=self._settings.session_ttl),
                user_agent=client.user_agent[:512],
                ip_address=client.ip_address[:64],
            )
            await self._store_refresh_token(session, 0)
            if self._settings.max_sessions_per_user is not None:
                published = await self._enforce_session_cap(user.id, session.id)
            await self._audit.record(
                AuditAction.SIGN_IN,
                actor=Subject.user(user.id),
                target=Subject.session(session.id),
                client=client,
            )
        await self._revocations.publish(published)
        return self._pair(session, 0)

    async def refresh(self, refresh_token: str, client: ClientInfo = NO_CLIENT) -> TokenPair:
        """Rotate a refresh token; see the module docstring for the rules."""
        row = await RefreshToken.get_or_none(token_hash=hash_token(refresh_token))
        if row is None:
            raise InvalidRefreshToken()
        for _ in range(_ROTATION_ATTEMPTS):
            session = await Session.get(id=row.session_id)  # type: ignore[attr-defined]
            await self._check_usable(session)
            if session.generation == row.generation:
                if await self._advance(session, row.generation, client):
                    return self._pair(session, row.generation + 1)
                continue  # lost the race: re-read and judge again
            if self._within_grace(session, row.generation):
                return self._pair(session, row.generation + 1)
            await self._revoke_after_reuse(session, row.generation, client)
            raise InvalidRefreshToken()
        raise InvalidRefreshToken()

    async def _advance(self, session: Session, generation: int, client: ClientInfo) -> bool:
        now = self._clock.now()
        async with transaction():
            won = await _ADVANCE.execute(now, now, str(session.id), generation)
            if won:
                await self._store_refresh_token(session, generation + 1)
                await self._audit.record(
                    AuditAction.REFRESH,
                    actor=Subject.user(session.user_id),  # type: ignore[attr-defined]
                    target=Subject.session(session.id),
                    client=client,
                    details={"generation": generation + 1},
                )
        if won:
            session.generation, session.rotated_at, session.last_used_at = generation + 1, now, now
        return bool(won)

    def _within_grace(self, session: Session, presented_generation: int) -> bool:
        grace = timedelta(seconds=self._settings.refresh_grace_seconds)
        return (
            session.generation == presented_generation + 1
            and session.rotated_at is not None
            and self._clock.now() - session.rotated_at <= grace
        )

    async def _check_usable(self, session: Session) -> None:
        now = self._clock.now()
        idle_limit = timedelta(seconds=self._settings.session_idle_ttl)
        if (
            session.revoked_at is not None
            or session.expires_at <= now
            or now - session.last_used_at > idle_limit
        ):
            raise InvalidRefreshToken()
        user_id = session.user_id  # type: ignore[attr-defined]
        if not await _USER_ACTIVE.rows(str(user_id), True):
            raise InvalidRefreshToken()

    async def _store_refresh_token(self, session: Session, generation: int) -> None:
        token = self._deriver.token(session.id, session.salt, generation)
        await RefreshToken.create(
            token_hash=hash_token(token),
            session_id=session.id,
            generation=generation,
            created_at=self._clock.now(),
        )

    def _pair(self, session: Session, generation: int) -> TokenPair:
        user_id = session.user_id  # type: ignore[attr-defined]
        access = self._codec.issue(user_id, session.id, PrincipalKind.USER)
        return TokenPair(
            access=access,
            refresh_token=self._deriver.token(session.id, session.salt, generation),
            session_id=session.id,
            session_expires_at=session.expires_at,
        )

    # --- ending ------------------------------------------------------------------------

    async def _revoke_after_reuse(
        self, session: Session, presented_generation: int, client: ClientInfo
    ) -> None:
        user_id: UUID = session.user_id  # type: ignore[attr-defined]
        async with transaction():
            query = Session.filter(user_id=user_id, revoked_at__isnull=True)
            if not self._settings.revoke_all_sessions_on_reuse:
                query = query.filter(id=session.id)
            ids = list(await query.values_list("id", flat=True))
            entries = await self._revoke_sessions(ids, RevokeReason.REFRESH_TOKEN_REUSED)  # type: ignore[arg-type]
            await self._audit.record(
                AuditAction.REFRESH_REUSE_DETECTED,
                outcome=Outcome.FAILURE,
                actor=Subject.user(user_id),
                target=Subject.session(session.id),
                client=client,
                details={
                    "presented_generation": presented_generation,
                    "current_generation": session.generation,
                    "sessions_revoked": len(entries),
                },
            )
        await self._revocations.publish(entries)

    async def revoke(
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
            entries = await self._revoke_sessions([session_id], reason)
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

    async def revoke_all(
        self,
        user_id: UUID,
        reason: str,
        *,
        except_session: UUID | None = None,
        client: ClientInfo = NO_CLIENT,
    ) -> int:
        """End every live session of a user; return how many were ended."""
        async with transaction():
            query = Session.filter(user_id=user_id, revoked_at__isnull=True)
            if except_session is not None:
                query = query.exclude(id=except_session)
            ids = await query.values_list("id", flat=True)
            entries = await self._revoke_sessions(list(ids), reason)  # type: ignore[arg-type]
            await self._audit.record(
                AuditAction.SESSION_REVOKED,
                actor=Subject.user(user_id),
                target=Subject.user(user_id),
                client=client,
                details={"reason": reason, "sessions_revoked": len(entries)},
            )
        await self._revocations.publish(entries)
        return len(entries)

    async def revoke_user_tokens(self, user_id: UUID, reason: str) -> None:
        """End every session and refuse every access token issued so far (deactivation)."""
        async with transaction():
            entries = await self.record_user_tokens_revoked(user_id, reason)
        await self.publish(entries)

    async def record_user_tokens_revoked(self, user_id: UUID, reason: str) -> list[RevocationEntry]:
        """`revoke_user_tokens` inside the caller's transaction: `publish` the result after it
        commits."""
        entries = await self._end_sessions(user_id, reason, except_session=None)
        entries.append(await self._revocations.record(SubjectType.USER, user_id))
        await self._audit.record(
            AuditAction.USER_TOKENS_REVOKED,
            target=Subject.user(user_id),
            details={"reason": reason, "sessions_revoked": len(entries) - 1},
        )
        return entries

    async def record_sessions_ended(
        self, user_id: UUID, reason: str, *, except_session: UUID | None = None
    ) -> list[RevocationEntry]:
        """End every session of the user but `except_session`, inside the caller's
        transaction; `publish` the result after it commits.

        Unlike `revoke_user_tokens` this refuses tokens by session, not by issue time, so a
        sign-in right after (a password reset, say) is not caught by the revocation.
        """
        entries = await self._end_sessions(user_id, reason, except_session=except_session)
        await self._audit.record(
            AuditAction.SESSION_REVOKED,
            actor=Subject.user(user_id),
            target=Subject.user(user_id),
            details={"reason": reason, "sessions_revoked": len(entries)},
        )
        return entries

    async def _end_sessions(
        self, user_id: UUID, reason: str, *, except_session: UUID | None
    ) -> list[RevocationEntry]:
        query = Session.filter(user_id=user_id, revoked_at__isnull=True)
        if except_session is not None:
            query = query.exclude(id=except_session)
        ids = await query.values_list("id", flat=True)
        return await self._revoke_sessions(list(ids), reason)  # type: ignore[arg-type]

    async def publish(self, entries: list[RevocationEntry]) -> None:
        """Spread revocations recorded in a committed transaction to every instance."""
        await self._revocations.publish(entries)

    async def _revoke_sessions(self, ids: list[UUID], reason: str) -> list[RevocationEntry]:
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
        return await self._revoke_sessions(surplus, RevokeReason.SESSION_LIMIT)  # type: ignore[arg-type]

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
