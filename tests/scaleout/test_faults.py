"""Two instances under faults (issue 17's "Done when"): Redis stopped, hung and restarted; an
instance paused and resumed; PostgreSQL cut, hung and restored. During each, a mix of requests
on A and B: no 500, every mutation 2xx or a coded 503 (`store_unavailable` / `store_busy`), no
stale authorization beyond max_staleness, nothing lost (the store's quota usage equals the
consumes granted), no traceback in the instances' output."""

from __future__ import annotations

import asyncio
import re
import statistics
import time
from collections.abc import Awaitable

import httpx

from tests.scaleout.cluster import (
    READER_ROLE,
    Cluster,
    Mix,
    bearer,
    granted,
    limit_propagation,
    logout,
    logout_times,
    permission_removal,
    propagation,
)
from tests.scaleout.harness import (
    MAX_STALENESS,
    PUBLISH_BOUND,
    STORE_CODES,
    Instance,
    Tally,
    median_ms,
    ms,
    poll,
    record,
)

MUTATION_BOUND = 1.0
"""Seconds any mutation may take while Redis misbehaves: the publish is bounded to 100 ms, so
anything near a second is a stall (the issue measured 1-5 s)."""
RECOVERY_TIMEOUT = 15.0


_LOG_RECORD = re.compile(r"^(\d{4}-\d\d-\d\d |(ERROR|WARNING|INFO|CRITICAL):)")
"""The first line of a log record: ours (timestamped) or uvicorn's (`ERROR:    ...`)."""


class Logs:
    """What A and B wrote from now on."""

    def __init__(self, cluster: Cluster) -> None:
        self.instances = (cluster.a, cluster.b)
        self.offsets = {i.name: i.log_size() for i in self.instances}

    def text(self, name: str) -> str:
        instance = next(i for i in self.instances if i.name == name)
        return instance.log_since(self.offsets[name])

    def tracebacks(self) -> dict[str, int]:
        """Per instance, the log records carrying a stack trace, but asyncpg's own when its
        pool cannot reconnect (the library's warning, once per retry, not one per request)."""
        counts = {}
        for instance in self.instances:
            traced: set[int] = set()
            header, number = "", 0
            for line in self.text(instance.name).splitlines():
                if _LOG_RECORD.match(line):
                    header, number = line, number + 1
                elif line.startswith("Traceback") and "asyncpg.pool" not in header:
                    traced.add(number)
            counts[instance.name] = len(traced)
        return counts

    def lines(self, pattern: str) -> dict[str, int]:
        """Per instance, the lines matching `pattern` (case-insensitive)."""
        regex = re.compile(pattern, re.IGNORECASE)
        return {
            i.name: sum(1 for line in self.text(i.name).splitlines() if regex.search(line))
            for i in self.instances
        }


def consumed(*tallies: Tally) -> int:
    return sum(t.statuses("consume")[200] for t in tallies)


def mutation_times(tally: Tally) -> list[float]:
    return [a.seconds for a in tally.answers if a.mutation]


Measured = tuple[float | None, int] | str


async def attempt(measuring: Awaitable[tuple[float | None, int]]) -> Measured:
    """The propagation measured, or why the change itself failed (kept for the summary, so one
    failing step does not hide the others)."""
    try:
        return await measuring
    except (AssertionError, httpx.HTTPError) as error:
        return str(error) or repr(error)


def describe(measured: Measured) -> str:
    if isinstance(measured, str):
        return f"not measured ({measured})"
    seconds, served = measured
    shown = "not within 5 s" if seconds is None else ms(seconds)
    return f"{shown}, {served} granted meanwhile"


def within_bound(measured: Measured) -> bool:
    return (
        not isinstance(measured, str) and measured[0] is not None and measured[0] <= MAX_STALENESS
    )


async def readiness_of(instance: Instance) -> tuple[int | None, str]:
    """`/health/ready`'s status and its `status` field (or what went wrong)."""
    try:
        answer = await instance.http.get("/health/ready", timeout=10)
    except httpx.HTTPError as error:
        return None, repr(error)
    try:
        return answer.status_code, str(answer.json().get("status"))
    except ValueError:
        return answer.status_code, answer.text[:80]


async def recovered(cluster: Cluster, headers: dict[str, str]) -> float | None:
    """Seconds until a guarded read succeeds on A and on B (None: not within the timeout)."""
    started = time.monotonic()

    async def both() -> bool | None:
        answers = await asyncio.gather(
            *(i.http.get("/things", headers=headers, timeout=5) for i in (cluster.a, cluster.b)),
            return_exceptions=True,
        )
        ok = all(not isinstance(a, BaseException) and a.status_code == 200 for a in answers)
        return True if ok else None

    if await poll(both, within=RECOVERY_TIMEOUT, interval=0.05) is None:
        return None
    return time.monotonic() - started


async def test_redis_stopped(cluster: Cluster) -> None:
    """Redis stopped: every mutation answers 2xx within the publish bound, a permission removed
    and a limit cut on A are refused on B within max_staleness, the outage is logged once per
    instance without traceback; after Redis returns, the first mutations are 2xx and quick."""
    mix = await Mix.prepare(cluster)
    logs = Logs(cluster)
    await cluster.redis.stop()
    tally = Tally()
    await mix.run(tally, seconds=2.0)
    removal = await attempt(propagation(cluster, permission_removal))
    cut = await attempt(limit_propagation(cluster))
    logouts = await logout_times(cluster, 10)
    record(
        f"Redis stopped: logout on A median {median_ms(logouts)}, max {ms(max(logouts))} "
        f"(10 one after the other; {median_ms(tally.seconds('logout'))} in the mix); "
        f"mutations {tally.mutations()}"
    )
    record(f"Redis stopped: permission removed on A refused on B after {describe(removal)}")
    record(f"Redis stopped: limit cut to 0 on A refused on B after {describe(cut)}")
    outage_lines = logs.lines(r"redis.*unavailable")
    record(f"Redis stopped: log lines saying so {outage_lines} for {len(tally.answers)} requests")
    await cluster.redis.start()
    after = Tally()
    await mix.one_round(after)
    record(
        f"Redis back: first mutations {after.mutations()}, slowest "
        f"{ms(max(mutation_times(after), default=0))}"
    )
    assert tally.problems() == []
    assert after.problems() == []
    assert tally.transport_errors() == []
    assert {status for status, _ in tally.mutations()} <= {200, 204}
    assert {status for status, _ in after.mutations()} <= {200, 204}
    assert statistics.median(logouts) <= PUBLISH_BOUND + 0.05
    assert max(mutation_times(tally)) <= MUTATION_BOUND
    assert max(mutation_times(after)) <= MUTATION_BOUND
    assert within_bound(removal), describe(removal)
    assert within_bound(cut), describe(cut)
    assert await cluster.used(mix.reader) == consumed(tally, after)
    assert logs.tracebacks() == {"A": 0, "B": 0}
    # Once per state change: the subscription and the publishing connection, one line each, and
    # on the instance that relays events, the events stream.
    assert outage_lines["A"] >= 1
    assert all(count <= 3 for count in outage_lines.values()), outage_lines


async def test_redis_hung(cluster: Cluster) -> None:
    """Redis paused (SIGSTOP): mutations answer 2xx within the publish bound, not after a
    client timeout; removals on A are refused on B within max_staleness."""
    mix = await Mix.prepare(cluster)
    logs = Logs(cluster)
    cluster.redis.pause()
    tally = Tally()
    try:
        await mix.run(tally, seconds=2.0)
        removal = await attempt(propagation(cluster, permission_removal))
        cut = await attempt(limit_propagation(cluster))
        logouts = await logout_times(cluster, 10)
    finally:
        cluster.redis.resume()
    record(
        f"Redis hung: logout on A median {median_ms(logouts)}, max {ms(max(logouts))} "
        f"(10 one after the other; {median_ms(tally.seconds('logout'))} in the mix); "
        f"mutations {tally.mutations()}"
    )
    record(f"Redis hung: permission removed on A refused on B after {describe(removal)}")
    record(f"Redis hung: limit cut to 0 on A refused on B after {describe(cut)}")
    assert tally.problems() == []
    assert tally.transport_errors() == []
    assert {status for status, _ in tally.mutations()} <= {200, 204}
    assert statistics.median(logouts) <= PUBLISH_BOUND + 0.05
    assert max(mutation_times(tally)) <= MUTATION_BOUND
    assert within_bound(removal), describe(removal)
    assert within_bound(cut), describe(cut)
    assert await cluster.used(mix.reader) == consumed(tally)
    assert logs.tracebacks() == {"A": 0, "B": 0}


async def test_redis_restarted(cluster: Cluster) -> None:
    """Redis restarted: the mutations right after answer 2xx without stalling, and a logout on
    A is refused on B within max_staleness."""
    mix = await Mix.prepare(cluster)
    logs = Logs(cluster)
    await cluster.redis.stop()
    await cluster.redis.start()
    tally = Tally()
    await mix.run(tally, seconds=3.0)
    ended = await attempt(propagation(cluster, logout))
    record(
        f"Redis restarted: mutations {tally.mutations()}, slowest "
        f"{ms(max(mutation_times(tally), default=0))}, logout median "
        f"{median_ms(tally.seconds('logout'))}; logout on A refused on B after {describe(ended)}"
    )
    assert tally.problems() == []
    assert tally.transport_errors() == []
    assert {status for status, _ in tally.mutations()} <= {200, 204}
    assert max(mutation_times(tally)) <= MUTATION_BOUND
    assert within_bound(ended), describe(ended)
    assert await cluster.used(mix.reader) == consumed(tally)
    assert logs.tracebacks() == {"A": 0, "B": 0}


PAUSE = 3.0


async def test_instance_paused_and_resumed(cluster: Cluster) -> None:
    """B paused for 3 s while, on A, a token is revoked, a key revoked, a permission removed
    and a limit cut to 0: A answers each at once, and B's first request after resuming with
    each credential is refused."""
    role = await cluster.new_role()
    user = await cluster.new_user(READER_ROLE)
    token = (await cluster.sign_in(cluster.a, user.email))["access_token"]
    key_id, key = await cluster.new_key(token)
    other = bearer((await cluster.sign_in(cluster.a, user.email))["access_token"])
    holder = await cluster.new_user(role)
    holding = bearer((await cluster.sign_in(cluster.a, holder.email))["access_token"])
    spender = await cluster.new_user(READER_ROLE, limit=1000)
    spending = bearer((await cluster.sign_in(cluster.a, spender.email))["access_token"])
    for headers in (bearer(token), {"X-API-Key": key}, holding):
        await granted(cluster.b, headers)
    assert (await cluster.b.http.post("/generate", headers=spending)).status_code == 200

    cluster.b.pause()
    paused = time.monotonic()
    tally = Tally()
    try:
        a, admin = cluster.a, cluster.admin
        await tally.send(a, "logout", "POST", "/auth/logout", mutation=True, headers=other)
        await tally.send(
            a, "key revocation", "DELETE", f"/users/me/api-keys/{key_id}",
            mutation=True, headers=bearer(token),
        )  # fmt: skip
        await tally.send(
            a, "permission removal", "PUT", f"/roles/{role}/permissions",
            mutation=True, json={"permissions": []}, headers=admin,
        )  # fmt: skip
        await tally.send(
            a, "limit cut", "PUT", f"{spender.subject}/overrides/generations",
            mutation=True, json={"limit": 0}, headers=admin,
        )  # fmt: skip
        await tally.send(a, "logout", "POST", "/auth/logout", mutation=True, headers=bearer(token))
        await asyncio.sleep(max(0.0, PAUSE - (time.monotonic() - paused)))  # the fault itself
    finally:
        cluster.b.resume()
    firsts = {
        "revoked token": (await cluster.b.http.get("/things", headers=bearer(token))).status_code,
        "revoked key": (
            await cluster.b.http.get("/things", headers={"X-API-Key": key})
        ).status_code,
        "removed permission": (await cluster.b.http.get("/things", headers=holding)).status_code,
        "limit cut": (await cluster.b.http.post("/generate", headers=spending)).status_code,
    }
    times = {a.what: a.seconds for a in tally.answers}
    record(
        f"B paused {PAUSE} s: A answered "
        + ", ".join(f"{what} in {ms(seconds)}" for what, seconds in times.items())
        + f"; B's first answers after resume: {firsts}"
    )
    assert tally.problems() == []
    assert {status for status, _ in tally.mutations()} <= {200, 204}
    assert max(mutation_times(tally)) <= MUTATION_BOUND
    assert firsts["limit cut"] in (403, 429)  # feature_not_available or quota_exceeded
    assert {**firsts, "limit cut": 429} == {
        "revoked token": 401,
        "revoked key": 401,
        "removed permission": 403,
        "limit cut": 429,
    }


async def test_postgres_cut_and_restored(cluster: Cluster) -> None:
    """PostgreSQL cut (proxy closed, connections dropped) for 2.5 s: every answer is 2xx or a
    coded 503 with Retry-After, guarded reads fail closed once max_staleness has passed, the
    outage is logged without traceback; after the restore both instances recover on their own
    and nothing is lost."""
    mix = await Mix.prepare(cluster)
    logs = Logs(cluster)
    await cluster.proxy.cut()
    cut_at = time.monotonic()
    tally = Tally()
    try:
        await mix.run(tally, seconds=2.5)
        readiness = [await readiness_of(i) for i in (cluster.a, cluster.b)]
    finally:
        await cluster.proxy.restore()
    back = await recovered(cluster, mix.reads)
    after = Tally()
    await mix.one_round(after)
    stored = await cluster.used(mix.reader)
    late_reads = [
        (a.status, a.code)
        for a in tally.answers
        if a.what == "guarded read" and a.started - cut_at > MAX_STALENESS + 0.25
    ]
    record(
        f"PostgreSQL cut 2.5 s: statuses {dict(tally.statuses())}, late guarded reads "
        f"{dict((f'{s} {c}', late_reads.count((s, c))) for s, c in set(late_reads))}, "
        f"recovered {'never' if back is None else ms(back)} after restore; "
        f"readiness during the cut {readiness}; tracebacks {logs.tracebacks()}, log lines "
        f"saying unavailable {logs.lines(r'unavailable|unreachable')}; "
        f"{consumed(tally, after)} consumes granted, {stored} in the store; "
        f"no answer: {tally.transport_errors()}"
    )
    assert tally.problems() == []
    assert after.problems() == []
    assert tally.transport_errors() == []
    assert {code for _, code in tally.mutations()} <= STORE_CODES | {None}
    assert late_reads, "no guarded read after max_staleness"
    assert {status for status, _ in late_reads} == {503}
    assert [status for status, _ in readiness] == [503, 503]
    assert back is not None
    assert {status for status, _ in after.mutations()} <= {200, 204}
    assert stored == consumed(tally, after)
    assert logs.tracebacks() == {"A": 0, "B": 0}
    assert all(n <= 4 for n in logs.lines(r"unavailable|unreachable").values())


async def test_postgres_hung_and_restored(cluster: Cluster) -> None:
    """PostgreSQL hung (connections accepted, nothing forwarded): one round of the mix answers
    within the client's timeout, each 2xx or a coded 503; after the restore both instances
    recover and nothing is lost."""
    mix = await Mix.prepare(cluster)
    logs = Logs(cluster)
    await cluster.proxy.hang()
    tally = Tally()
    try:
        await mix.one_round(tally)
    finally:
        await cluster.proxy.restore()
    back = await recovered(cluster, mix.reads)
    slowest = max((a.seconds for a in tally.answers), default=0)
    stored = await cluster.used(mix.reader)
    record(
        f"PostgreSQL hung: statuses {dict(tally.statuses())}, slowest answer {ms(slowest)}, "
        f"recovered {'never' if back is None else ms(back)} after restore; "
        f"{consumed(tally)} consumes granted, {stored} in the store"
    )
    assert tally.problems() == []
    assert tally.transport_errors() == []
    assert {code for _, code in tally.mutations()} <= STORE_CODES | {None}
    assert back is not None
    assert stored == consumed(tally)
    assert logs.tracebacks() == {"A": 0, "B": 0}
