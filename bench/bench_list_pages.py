"""How long does a page of `GET /users` take at 100k users: offset + COUNT(*) vs keyset?

Fills a PostgreSQL database with `--users` users (one `INSERT ... SELECT generate_series`, plus
`ANALYZE`), one in `--role-every` of them holding the role `auditor`, then times, interleaved
round after round, the same pages read two ways:

- *offset*: what `UserAdminService.search` ran before keyset pagination (issue 16), rebuilt
  here as the same Tortoise queries: `COUNT(*)` of the filtered users (`DISTINCT` over the role
  join), then `ORDER BY email_normalized OFFSET n LIMIT 50`;
- *keyset*: `UserAdminService.search(cursor=..., limit=50)` as the route calls it now.

Pages: the first, a deep one (the last page), the first filtered by role and a deep one filtered
by role. Prints median / p90 per case and writes the `list_pages` section of RESULTS.md. The
database must exist and be empty (its tables are created by the migrations):

    createdb -h 127.0.0.1 -U postgres fabric_pages_bench
    python bench/bench_list_pages.py --database-url postgres://postgres@127.0.0.1:5432/fabric_pages_bench
    dropdb -h 127.0.0.1 -U postgres fabric_pages_bench
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import secrets
import statistics
import subprocess
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from fastapi import FastAPI
from results import write_section
from tortoise.queryset import QuerySet

from fabric_auth import AuthSettings, FabricAuth
from fabric_auth.pagination import TextKey
from fabric_auth.store.models import Role, User
from fabric_auth.testing import serve

PAGE = 50
ROLE = "auditor"
USERS_CURSOR = TextKey("users", 320)
"""How `UserAdminService.search` writes its cursors: here, to start a page deep in the list."""


async def fill(users: int, role_every: int) -> None:
    """`users` users with scattered emails (md5 of their number), every `role_every`-th with
    the role; then `ANALYZE`, as autovacuum would eventually."""
    db = User._meta.db
    started = time.perf_counter()
    await db.execute_script(
        f"""
        INSERT INTO "fabric_auth_users" ("id", "email", "email_normalized", "display_name",
            "is_active", "is_verified", "is_system_admin", "profile", "created_at", "updated_at")
        SELECT gen_random_uuid(), md5(n::text) || '@example.com', md5(n::text) || '@example.com',
            'User ' || n, n % 10 <> 0, true, false, '{{}}', now(), now()
        FROM generate_series(1, {users}) AS n;
        INSERT INTO "fabric_auth_user_roles" ("user_id", "role_id", "granted_at")
        SELECT u."id", r."id", now()
        FROM "fabric_auth_users" u, "fabric_auth_roles" r
        WHERE r."name" = '{ROLE}' AND ('x' || substr(u."email_normalized", 1, 8))::bit(32)::int
            % {role_every} = 0;
        ANALYZE "fabric_auth_users";
        ANALYZE "fabric_auth_user_roles";
        ANALYZE "fabric_auth_roles";
        """
    )
    print(f"filled {users} users in {time.perf_counter() - started:.1f} s")


def filtered(role: str | None) -> QuerySet[User]:
    """The users `search` considered, with or without the role filter (no `q`)."""
    query = User.filter(deleted_at__isnull=True)
    if role:
        query = query.filter(role_links__role__name=role)
    return query


async def offset_page(role: str | None, offset: int) -> int:
    """The page as `search` read it before issue 16: `COUNT(*)`, then `OFFSET`."""
    query = filtered(role)
    if role:
        query = query.distinct()
    total = await query.count()
    items = await query.order_by("email_normalized").offset(offset).limit(PAGE)
    assert len(items) == min(PAGE, total - offset), (len(items), total, offset)
    return len(items)


async def timed(run: Callable[[], Awaitable[object]]) -> float:
    started = time.perf_counter()
    await run()
    return (time.perf_counter() - started) * 1000


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.9) - 1)]


def source_commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()


async def main(database_url: str, users: int, role_every: int, rounds: int) -> None:
    settings = AuthSettings(
        _env_file=None,
        environment="development",
        secret_key=secrets.token_urlsafe(32),
        database_url=database_url,
    )
    auth = FabricAuth(settings)
    app = FastAPI()
    auth.install(app)
    async with serve(app):
        if await User.all().count() > 0:
            raise SystemExit("the database already holds users: give an empty one")
        await Role.get_or_create(name=ROLE, defaults={"permissions": ["audit:read"]})
        await fill(users, role_every)
        search = auth.services.user_admin.search
        total = await filtered(None).count()
        holders = await filtered(ROLE).count()
        # The row each deep page starts after: the cursor a client walking there would hold.
        deep_offset = (total - 1) // PAGE * PAGE
        deep_role_offset = (holders - 1) // PAGE * PAGE
        after = await filtered(None).order_by("email_normalized").offset(deep_offset - 1).first()
        after_role = (
            await filtered(ROLE).order_by("email_normalized").offset(deep_role_offset - 1).first()
        )
        assert after is not None
        assert after_role is not None
        deep = USERS_CURSOR.encode(after.email_normalized)
        deep_role = USERS_CURSOR.encode(after_role.email_normalized)

        async def keyset(role: str | None, cursor: str | None, expected: int) -> None:
            page = await search(role=role, cursor=cursor, limit=PAGE)
            assert len(page.items) == expected, (len(page.items), expected)

        cases: dict[str, dict[str, Callable[[], Awaitable[object]]]] = {
            "first page": {
                "offset": lambda: offset_page(None, 0),
                "keyset": lambda: keyset(None, None, PAGE),
            },
            f"deep page (after {deep_offset:,} users)": {
                "offset": lambda: offset_page(None, deep_offset),
                "keyset": lambda: keyset(None, deep, total - deep_offset),
            },
            "first page, role filter": {
                "offset": lambda: offset_page(ROLE, 0),
                "keyset": lambda: keyset(ROLE, None, PAGE),
            },
            f"deep page, role filter (after {deep_role_offset:,} holders)": {
                "offset": lambda: offset_page(ROLE, deep_role_offset),
                "keyset": lambda: keyset(ROLE, deep_role, holders - deep_role_offset),
            },
        }
        samples: dict[tuple[str, str], list[float]] = {}
        for round_ in range(rounds + 2):
            for case, ways in cases.items():
                for way, run in ways.items():
                    elapsed = await timed(run)
                    if round_ >= 2:  # two warm-up rounds
                        samples.setdefault((case, way), []).append(elapsed)
        server_version = (await User._meta.db.execute_query_dict("SHOW server_version"))[0][
            "server_version"
        ]
    lines = [
        f"| {case} | {summary(samples[case, 'offset'])[0]:.2f} | "
        f"{summary(samples[case, 'offset'])[1]:.2f} | {summary(samples[case, 'keyset'])[0]:.2f} | "
        f"{summary(samples[case, 'keyset'])[1]:.2f} | "
        f"{summary(samples[case, 'offset'])[0] / summary(samples[case, 'keyset'])[0]:.0f}x |"
        for case in cases
    ]
    commit = source_commit()
    load = os.getloadavg()[0]
    report = "\n".join(
        [
            f"## `GET /users` pages at {total:,} users: offset + COUNT(*) vs keyset "
            "(`bench_list_pages.py`)",
            "",
            f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            f"- Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
            f"1-min load average {load:.2f} at the end (other processes share the cores)",
            f"- Software: Python {platform.python_version()}; PostgreSQL {server_version} on "
            "127.0.0.1 (asyncpg)",
            f"- Source: commit {commit} (the *offset* column is the pre-issue-16 query, rebuilt "
            "in the script)",
            "- Command: `createdb -h 127.0.0.1 -U postgres fabric_pages_bench && "
            ".venv/bin/python bench/bench_list_pages.py --database-url "
            "postgres://postgres@127.0.0.1:5432/fabric_pages_bench && "
            "dropdb -h 127.0.0.1 -U postgres fabric_pages_bench`",
            f"- Data: {total:,} users (emails scattered: md5 of a number), {holders:,} of them "
            f"with the role `{ROLE}`; {PAGE} per page; {rounds} interleaved rounds after 2 "
            "warm-up rounds; the service call as the route makes it (no HTTP), ms.",
            "",
            "| page | offset median | offset p90 | keyset median | keyset p90 | speed-up |",
            "|---|---:|---:|---:|---:|---:|",
            *lines,
        ]
    )
    print(report)
    write_section("list_pages", report)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/fabric_pages_bench"
    )
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--role-every", type=int, default=20, help="1 in N users holds the role")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    asyncio.run(main(args.database_url, args.users, args.role_every, args.rounds))
