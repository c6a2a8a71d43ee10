"""Password hashing and policy."""

from __future__ import annotations

import asyncio
import os
import threading

import pytest

from fabric_auth.exceptions import HashingBusy, WeakPassword
from fabric_auth.passwords import (
    HASHING_NICENESS,
    Argon2Parameters,
    HashingPool,
    PasswordHasher,
    PasswordPolicy,
    default_hashing_queue,
    default_hashing_threads,
)
from fabric_auth.settings import AuthSettings

CHEAP = Argon2Parameters(time_cost=1, memory_cost=8, parallelism=1)


async def test_hash_is_argon2id_and_verifies() -> None:
    """Hashes are argon2id and verify only the right password."""
    hasher = PasswordHasher(CHEAP)
    hashed = await hasher.hash("a fine password")
    assert hashed.startswith("$argon2id$")
    assert (await hasher.verify(hashed, "a fine password")).valid
    assert not (await hasher.verify(hashed, "another password")).valid


async def test_rehash_when_parameters_change() -> None:
    """A correct password under old parameters comes back with a hash under the new ones."""
    old = await PasswordHasher(CHEAP).hash("a fine password")
    stronger = PasswordHasher(Argon2Parameters(time_cost=2, memory_cost=16, parallelism=1))
    result = await stronger.verify(old, "a fine password")
    assert result.valid
    assert result.new_hash is not None
    assert "t=2" in result.new_hash
    assert (await stronger.verify(result.new_hash, "a fine password")).new_hash is None


async def test_unknown_account_verify_fails_and_does_the_work() -> None:
    """Verifying against no hash fails (after hashing work against a dummy hash)."""
    hasher = PasswordHasher(CHEAP)
    assert not (await hasher.verify(None, "anything")).valid


async def test_garbage_hash_fails_cleanly() -> None:
    """A corrupt stored hash is a failed verification, not an exception."""
    assert not (await PasswordHasher(CHEAP).verify("not-a-hash", "x")).valid


async def test_default_parameters_meet_owasp_minimum() -> None:
    """The defaults hash with argon2id m=19 MiB, t=2, p=1 (OWASP's minimum)."""
    hashed = await PasswordHasher(Argon2Parameters()).hash("x")
    assert hashed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short", "at least 8"),
        ("x" * 257, "at most 256"),
        ("password123", "too common"),
        ("Password123", "too common"),
        ("ada@example.com", "similar"),
    ],
)
def test_policy_refuses(password: str, reason: str) -> None:
    """Short, overlong, common and account-derived passwords are refused with a reason."""
    with pytest.raises(WeakPassword, match=reason):
        PasswordPolicy().check(password, context=("ada@example.com",))


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "x" * 64, "ü" * 12, "aaaaaaaaaaaaab"]
)
def test_policy_accepts_without_composition_rules(password: str) -> None:
    """Long passphrases, 64+ characters and non-ASCII are fine; no composition rules."""
    PasswordPolicy().check(password)


def test_common_passphrases_with_spaces_are_refused() -> None:
    """List entries containing spaces are matched whole, not word by word."""
    with pytest.raises(WeakPassword, match="too common"):
        PasswordPolicy().check("friend of emily")


async def test_hashing_runs_on_its_own_threads_never_more_than_the_pool() -> None:
    """Hashes run on fabric-auth's `fabric-auth-argon2` threads, at most the pool's threads
    at a time however many are asked for at once."""
    import time

    running = peak = 0
    names: set[str] = set()
    lock = threading.Lock()

    def work(_: str) -> str:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
            names.add(threading.current_thread().name)
        time.sleep(0.02)
        with lock:
            running -= 1
        return "done"

    threads = default_hashing_threads()
    pool = HashingPool(threads, queue=3)
    results = await asyncio.gather(*(pool.run(work, "x") for _ in range(threads + 3)))
    assert results == ["done"] * (threads + 3)
    assert peak == threads
    assert all(name.startswith("fabric-auth-argon2") for name in names)


def test_hashing_leaves_the_event_loop_a_core() -> None:
    """By default the pool has one thread fewer than the cores (at least one), and the
    settings take those defaults."""
    cores = os.cpu_count() or 1
    assert default_hashing_threads() == max(1, cores - 1)
    assert default_hashing_queue() == 32 * default_hashing_threads()
    settings = AuthSettings(_env_file=None, environment="test")
    assert settings.password_hashing_threads == default_hashing_threads()
    assert settings.password_hashing_queue == default_hashing_queue()


async def test_pool_refuses_past_its_queue_and_takes_work_again_once_free(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """With every thread busy and the queue full, one more hash is `HashingBusy` at once (one
    warning for the spell of refusals, not one per request); when the work ends, the pool
    admits hashes again."""
    pool = HashingPool(threads=1, queue=1)
    hasher = PasswordHasher(CHEAP, pool)
    gate = threading.Event()
    try:
        held = [asyncio.ensure_future(pool.run(gate.wait)) for _ in range(2)]
        await asyncio.sleep(0)  # both admitted: one running, one waiting
        with pytest.raises(HashingBusy) as refused:
            await hasher.hash("a fine password")
        assert refused.value.status_code == 503
        assert refused.value.code == "busy"
        assert refused.value.headers == {"Retry-After": "1"}
        with pytest.raises(HashingBusy):
            await hasher.verify(None, "a fine password")
        warnings = [r.getMessage() for r in caplog.records if r.name == "fabric_auth"]
        assert warnings == [
            "password hashing is saturated (1 threads, 1 waiting): refusing with 503 busy; "
            "see FABRIC_AUTH_PASSWORD_HASHING_THREADS/_QUEUE"
        ]
    finally:
        gate.set()
    assert await asyncio.gather(*held) == [True, True]
    assert (await hasher.verify(await hasher.hash("a fine password"), "a fine password")).valid


async def test_a_spell_of_refusals_logs_once_until_the_queue_drains(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A slot freed while hashes still wait does not end the spell (a refusal after it logs
    nothing new); once no hash waits, the next refusal starts a new spell and logs again."""
    pool = HashingPool(threads=1, queue=2)
    gates = [threading.Event() for _ in range(4)]

    async def run_held(index: int) -> asyncio.Future[bool]:
        held = asyncio.ensure_future(pool.run(gates[index].wait))
        await asyncio.sleep(0)
        return held

    def saturated_warnings() -> int:
        return sum("saturated" in r.getMessage() for r in caplog.records)

    try:
        first = [await run_held(index) for index in range(3)]  # one running, two waiting
        with pytest.raises(HashingBusy):
            await pool.run(gates[3].wait)
        gates[0].set()
        await first[0]  # a slot frees; the other two still hold the pool
        fourth = await run_held(3)  # fills the freed place
        with pytest.raises(HashingBusy):
            await pool.run(gates[3].wait)
        assert saturated_warnings() == 1
        for gate in gates:
            gate.set()
        assert await asyncio.gather(*first[1:], fourth) == [True, True, True]
        for gate in gates:
            gate.clear()
        again = [await run_held(index) for index in range(3)]
        with pytest.raises(HashingBusy):
            await pool.run(gates[3].wait)
        assert saturated_warnings() == 2
    finally:
        for gate in gates:
            gate.set()
    await asyncio.gather(*again)


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="thread priorities are Linux's")
async def test_hashing_threads_yield_to_the_event_loop() -> None:
    """A hashing thread runs HASHING_NICENESS steps nicer than the process (Linux)."""

    def niceness() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    expected = min(os.getpriority(os.PRIO_PROCESS, 0) + HASHING_NICENESS, 19)
    assert await HashingPool(threads=1, queue=0).run(niceness) == expected


async def test_cancelled_waiter_gives_its_place_back() -> None:
    """A hash cancelled while it waits leaves the queue: the next one is admitted."""
    pool = HashingPool(threads=1, queue=1)
    gate = threading.Event()
    try:
        running = asyncio.ensure_future(pool.run(gate.wait))
        waiting = asyncio.ensure_future(pool.run(gate.wait))
        await asyncio.sleep(0)
        waiting.cancel()
        await asyncio.sleep(0)
        again = asyncio.ensure_future(pool.run(gate.wait))
        await asyncio.sleep(0)
        assert not again.done()  # admitted and waiting, not refused
    finally:
        gate.set()
    assert await running is True
    assert await again is True
