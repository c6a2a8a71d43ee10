"""The apps under test, one per variant, and the entry point that serves one of them.

```
python bench/apps.py VARIANT --port 8101 --workdir bench/.work [--redis-url URL]
    [--loop uvloop|asyncio] [--http httptools|h11]
```

Every variant serves the same endpoint, `GET /ping` answering `{"ok": true}`; they differ only in
the dependency that guards it. The shared HS256 secret comes from `BENCH_SECRET`.

Servers run as production runs them (`uvicorn[standard]`): uvloop's event loop and httptools'
HTTP parser, named explicitly so that a missing package fails instead of falling back to
asyncio and h11 (`--loop asyncio --http h11` measures those on purpose).
"""

# No `from __future__ import annotations`: FastAPI must see the dependencies defined inside
# the builders below, which string annotations would hide from it.

import argparse
import os
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import jwt
import uvicorn
from fastapi import Depends, FastAPI, HTTPException, Security, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

BENCH_EMAIL = "ada@example.com"
BENCH_PASSWORD = "correct horse battery staple"
PING_BODY = {"ok": True}
UNREACHABLE_RATE_LIMIT = "1000000/minute"
SERVER_LOOP = "uvloop"
SERVER_HTTP = "httptools"
QUOTA_FEATURE = "f"
BENCH_DATABASE_ENV = "BENCH_DATABASE_URL"
"""A store for the fabric-auth variants other than their SQLite file (an empty PostgreSQL
database, say)."""


class Variant(StrEnum):
    BARE = "bare"
    NOOP = "noop"
    """A do-nothing dependency: FastAPI's own floor for any dependency."""
    PYJWT = "pyjwt"
    """The FastAPI-tutorial dependency: `HTTPBearer` + `jwt.decode` HS256 on every request."""
    FABRIC = "fabric"
    """`Depends(current_principal)`, in-memory revocation list, SQLite store."""
    FABRIC_REDIS = "fabric-redis"
    """As `fabric`, with Redis for revocation fan-out."""
    FABRIC_REQUIRE = "fabric-require"
    """`Depends(require("reports:read"))`: authentication plus a warm permission check."""
    FABRIC_QUOTA = "fabric-quota"
    """`Depends(current_principal)` and `Depends(quota("f", 1))` (a limit nothing reaches): one
    consumption in the SQLite store per request."""
    FABRIC_AUDITED = "fabric-audited"
    """As `fabric`, with `audit_refreshes` on: every rotation written to the audit chain."""
    FASTAPI_USERS = "fastapi-users"
    """fastapi-users: JWT strategy, SQLAlchemy + aiosqlite, `current_active_user`."""


def bench_secret() -> str:
    return os.environ["BENCH_SECRET"]


# --- FastAPI floor ---------------------------------------------------------------------


def build_bare() -> FastAPI:
    app = FastAPI()

    @app.get("/ping")
    async def ping() -> dict[str, bool]:
        return PING_BODY

    return app


async def do_nothing() -> None:
    return None


def build_noop() -> FastAPI:
    app = FastAPI()

    @app.get("/ping", dependencies=[Depends(do_nothing)])
    async def ping() -> dict[str, bool]:
        return PING_BODY

    return app


# --- plain pyjwt -----------------------------------------------------------------------

_bearer = HTTPBearer()


def build_pyjwt() -> FastAPI:
    secret = bench_secret()

    async def token_subject(
        credentials: Annotated[HTTPAuthorizationCredentials, Security(_bearer)],
    ) -> str:
        try:
            claims = jwt.decode(credentials.credentials, secret, algorithms=["HS256"])
        except jwt.PyJWTError:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Invalid token") from None
        return str(claims["sub"])

    app = FastAPI()

    @app.get("/ping")
    async def ping(subject: Annotated[str, Depends(token_subject)]) -> dict[str, bool]:
        return PING_BODY

    return app


def mint_pyjwt_token(secret: str, lifetime: int = 3600) -> str:
    """The token the `pyjwt` variant accepts (minted by the client, which shares the secret)."""
    now = int(time.time())
    payload = {"sub": str(uuid.uuid4()), "iat": now, "exp": now + lifetime}
    return jwt.encode(payload, secret, algorithm="HS256")


# --- fabric-auth -----------------------------------------------------------------------


def build_fabric(
    workdir: Path,
    *,
    name: str,
    redis_url: str | None,
    guarded: bool,
    audit_refreshes: bool = False,
    metered: bool = False,
) -> FastAPI:
    """`guarded`: the endpoint needs `reports:read` (new accounts get the `admin` role, `*`);
    `metered`: it also consumes one unit of `quota("f", 1)` per request."""
    from fabric_auth import (
        AuthSettings,
        FabricAuth,
        FeatureLimit,
        FeatureSpec,
        PlanCatalogue,
        PlanSpec,
        Principal,
        current_principal,
        quota,
        register_permissions,
        require,
    )
    from fabric_auth.routers import create_auth_router

    register_permissions("reports:read")

    # Real argon2 parameters (the settings defaults, OWASP m=19 MiB t=2): development
    # environment, not the test helper, whose cheap parameters would flatter sign-in.
    # The client creates its user through open registration. Every client shares one loopback
    # address, so per-address limits are raised out of reach (the limiter still runs).
    settings = AuthSettings(
        _env_file=None,
        environment="development",
        secret_key=bench_secret(),
        database_url=os.environ.get(BENCH_DATABASE_ENV) or f"sqlite://{workdir / name}.sqlite3",
        redis_url=redis_url,
        registration_open=True,
        rate_limit_token=UNREACHABLE_RATE_LIMIT,
        rate_limit_register=UNREACHABLE_RATE_LIMIT,
        default_roles=["admin"] if guarded else ["user"],
        audit_refreshes=audit_refreshes,
    )
    plans = PlanCatalogue(
        features=[FeatureSpec(QUOTA_FEATURE)],
        plans=[PlanSpec("free", default=True, limits={QUOTA_FEATURE: FeatureLimit(10**15)})],
    )
    auth = FabricAuth(settings, plans=plans if metered else None)
    guard: Callable[..., Any] = require("reports:read") if guarded else current_principal
    app = FastAPI()
    auth.install(app)
    metering = [Depends(quota(QUOTA_FEATURE, 1))] if metered else []

    # Registered first, as in every variant, so that route matching costs the same everywhere.
    @app.get("/ping", dependencies=metering)
    async def ping(principal: Annotated[Principal, Depends(guard)]) -> dict[str, bool]:
        return PING_BODY

    app.include_router(create_auth_router())
    return app


# --- fastapi-users (its documented SQLAlchemy full example, JWT strategy) -------------------


def build_fastapi_users(workdir: Path) -> FastAPI:
    from fastapi_users import BaseUserManager, FastAPIUsers, UUIDIDMixin, schemas
    from fastapi_users.authentication import AuthenticationBackend, BearerTransport, JWTStrategy
    from fastapi_users.exceptions import UserAlreadyExists
    from fastapi_users_db_sqlalchemy import SQLAlchemyBaseUserTableUUID, SQLAlchemyUserDatabase
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
    from sqlalchemy.orm import DeclarativeBase

    secret = bench_secret()

    class Base(DeclarativeBase):
        pass

    class User(SQLAlchemyBaseUserTableUUID, Base):
        pass

    class UserCreate(schemas.BaseUserCreate):
        pass

    class UserManager(UUIDIDMixin, BaseUserManager[User, uuid.UUID]):
        reset_password_token_secret = secret
        verification_token_secret = secret

    engine = create_async_engine(f"sqlite+aiosqlite:///{workdir / 'fastapi_users.sqlite3'}")
    session_maker = async_sessionmaker(engine, expire_on_commit=False)

    async def get_async_session() -> AsyncIterator[AsyncSession]:
        async with session_maker() as session:
            yield session

    async def get_user_db(
        session: Annotated[AsyncSession, Depends(get_async_session)],
    ) -> AsyncIterator[SQLAlchemyUserDatabase[User, uuid.UUID]]:
        yield SQLAlchemyUserDatabase(session, User)

    async def get_user_manager(
        user_db: Annotated[SQLAlchemyUserDatabase[User, uuid.UUID], Depends(get_user_db)],
    ) -> AsyncIterator[UserManager]:
        yield UserManager(user_db)

    def get_jwt_strategy() -> JWTStrategy[User, uuid.UUID]:
        return JWTStrategy(secret=secret, lifetime_seconds=3600)

    auth_backend = AuthenticationBackend(
        name="jwt",
        transport=BearerTransport(tokenUrl="auth/jwt/login"),
        get_strategy=get_jwt_strategy,
    )
    fastapi_users = FastAPIUsers[User, uuid.UUID](get_user_manager, [auth_backend])
    current_active_user = fastapi_users.current_user(active=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        async with session_maker() as session:
            manager = UserManager(SQLAlchemyUserDatabase(session, User))
            with suppress(UserAlreadyExists):
                await manager.create(UserCreate(email=BENCH_EMAIL, password=BENCH_PASSWORD))
        yield
        await engine.dispose()

    app = FastAPI(lifespan=lifespan)

    @app.get("/ping")
    async def ping(user: Annotated[User, Depends(current_active_user)]) -> dict[str, bool]:
        return PING_BODY

    app.include_router(fastapi_users.get_auth_router(auth_backend), prefix="/auth/jwt")
    return app


# --- entry point -----------------------------------------------------------------------


def build(variant: Variant, workdir: Path, redis_url: str | None) -> FastAPI:
    match variant:
        case Variant.BARE:
            return build_bare()
        case Variant.NOOP:
            return build_noop()
        case Variant.PYJWT:
            return build_pyjwt()
        case Variant.FABRIC:
            return build_fabric(workdir, name="fabric", redis_url=None, guarded=False)
        case Variant.FABRIC_REDIS:
            return build_fabric(workdir, name="fabric_redis", redis_url=redis_url, guarded=False)
        case Variant.FABRIC_REQUIRE:
            return build_fabric(workdir, name="fabric_require", redis_url=None, guarded=True)
        case Variant.FABRIC_QUOTA:
            return build_fabric(
                workdir, name="fabric_quota", redis_url=None, guarded=False, metered=True
            )
        case Variant.FABRIC_AUDITED:
            return build_fabric(
                workdir, name="fabric_audited", redis_url=None, guarded=False, audit_refreshes=True
            )
        case Variant.FASTAPI_USERS:
            return build_fastapi_users(workdir)


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve one bench variant on 127.0.0.1")
    parser.add_argument("variant", type=Variant, choices=list(Variant))
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    add_server_arguments(parser)
    args = parser.parse_args()
    serve(build(args.variant, args.workdir, args.redis_url), args.port, args.loop, args.http)


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--loop", choices=["uvloop", "asyncio"], default=SERVER_LOOP)
    parser.add_argument("--http", choices=["httptools", "h11"], default=SERVER_HTTP)


def serve(app: Any, port: int, loop: str = SERVER_LOOP, http: str = SERVER_HTTP) -> None:
    """One process, one worker, loopback only; no access log (it would dominate the cost)."""
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        loop=loop,
        http=http,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
