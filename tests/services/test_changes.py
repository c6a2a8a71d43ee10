"""The change feed: incremental reads, PostgreSQL's out-of-order commits, after-commit
application, and namespaced hints."""

from __future__ import annotations

import asyncio
import time

import pytest

from fabric_auth.clock import FrozenClock
from fabric_auth.services import changes as changes_module
from fabric_auth.services.broadcast import Broadcast
from fabric_auth.services.changes import ChangeFeed
from fabric_auth.store.connection import dialect, transaction
from fabric_auth.store.models import Change


def feed_with_log() -> tuple[ChangeFeed, list[str]]:
    """A feed (no Redis) that records every payload it applies on the topic `t`."""
    feed = ChangeFeed(clock=FrozenClock(), max_staleness=1.0, hints=Broadcast(None, "test"))
    applied: list[str] = []

    async def apply(payload: str) -> None:
        applied.append(payload)

    feed.on("t", apply)
    return feed, applied


async def read(feed: ChangeFeed) -> None:
    await feed.sync_since(time.monotonic())


async def test_each_poll_reads_only_what_is_new(store: str) -> None:
    """History is never read again: after 1,500 changes, a poll applies the 2 new ones only."""
    feed, applied = feed_with_log()
    await read(feed)
    await Change.bulk_create(
        [Change(topic="t", payload=str(n), created_at=FrozenClock().now()) for n in range(1500)]
    )
    await read(feed)
    assert applied == [str(n) for n in range(1500)]  # two batches, in order
    applied.clear()
    writer, _ = feed_with_log()
    await writer.record("t", "new-1")
    await writer.record("t", "new-2")
    await read(feed)
    assert applied == ["new-1", "new-2"]


async def test_a_change_is_applied_here_once_its_transaction_commits(store: str) -> None:
    """Inside the transaction nothing is applied; after the commit it is, before `transaction`
    returns; a rolled-back change is never applied."""
    feed, applied = feed_with_log()
    await read(feed)
    async with transaction():
        await feed.record("t", "committed")
        assert applied == []
    assert applied == ["committed"]

    async def rolled_back() -> None:
        async with transaction():
            await feed.record("t", "rolled back")
            raise RuntimeError("abort")

    with pytest.raises(RuntimeError):
        await rolled_back()
    await read(feed)
    assert applied == ["committed"]


async def test_a_change_committed_late_behind_a_higher_number_is_not_lost(store: str) -> None:
    """PostgreSQL: seq n+1 commits and is read before seq n commits; the skipped n is asked for
    again and applied when it appears. (SQLite has one writer at a time: no such order.)"""
    if dialect() != "postgres":
        pytest.skip("SQLite serializes writers: a lower number cannot commit after a higher one")
    feed, applied = feed_with_log()
    await read(feed)
    writer, _ = feed_with_log()
    inserted, release = asyncio.Event(), asyncio.Event()

    async def slow_transaction() -> None:
        async with transaction():
            await writer.record("t", "early number, late commit")
            inserted.set()
            await release.wait()

    slow = asyncio.create_task(slow_transaction())
    await inserted.wait()
    await writer.record("t", "late number, early commit")
    await read(feed)
    assert applied == ["late number, early commit"]
    release.set()
    await slow
    await read(feed)
    assert applied == ["late number, early commit", "early number, late commit"]


async def test_a_gap_that_never_fills_is_given_up(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A number taken by a rolled-back insert is asked for until GAP_WINDOW passes, then
    forgotten, and the feed goes on reading."""
    monkeypatch.setattr(changes_module, "GAP_WINDOW", 0.05)
    writer, _ = feed_with_log()
    await writer.record("t", "before")
    feed, applied = feed_with_log()
    await read(feed)  # starts after the newest row
    last = await Change.all().order_by("-seq").first()
    assert last is not None
    # A number skipped: what a rolled-back insert on PostgreSQL leaves behind.
    await Change.create(seq=last.seq + 2, topic="t", payload="after", created_at=last.created_at)
    await read(feed)
    assert applied == ["after"]
    assert list(feed._gaps) == [last.seq + 1]
    await asyncio.sleep(0.06)
    await read(feed)
    assert feed._gaps == {}


async def test_fresh_only_within_max_staleness(store: str) -> None:
    """`fresh` holds right after a poll and stops holding max_staleness later; catching up
    makes it hold again."""
    feed = ChangeFeed(clock=FrozenClock(), max_staleness=0.3, hints=Broadcast(None, "test"))
    assert not feed.fresh
    await feed.catch_up()
    assert feed.fresh
    await asyncio.sleep(0.31)
    assert not feed.fresh
    await feed.catch_up()
    assert feed.fresh


async def test_deployments_sharing_a_redis_server_do_not_wake_each_other(
    redis_url: str | None,
) -> None:
    """A hint goes to the instances of its own namespace only."""
    if redis_url is None:
        return  # without Redis there are no hints to keep apart
    from redis.asyncio import Redis

    clients = [Redis.from_url(redis_url) for _ in range(3)]
    ours, also_ours, theirs = (
        Broadcast(clients[0], "fabric_auth:one"),
        Broadcast(clients[1], "fabric_auth:one"),
        Broadcast(clients[2], "fabric_auth:two"),
    )
    woken: dict[str, int] = {"also_ours": 0, "theirs": 0}
    also_ours.on_hint(lambda: woken.__setitem__("also_ours", woken["also_ours"] + 1))
    theirs.on_hint(lambda: woken.__setitem__("theirs", woken["theirs"] + 1))
    for broadcast in (ours, also_ours, theirs):
        await broadcast.start()
    try:
        assert woken == {"also_ours": 1, "theirs": 1}  # each subscription's own first hint
        await ours.publish()
        for _ in range(200):
            if woken["also_ours"] == 2:
                break
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.05)
        assert woken == {"also_ours": 2, "theirs": 1}
    finally:
        for broadcast in (ours, also_ours, theirs):
            await broadcast.stop()
        for client in clients:
            await client.aclose()
