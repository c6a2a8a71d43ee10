"""Password hashing and policy."""

from __future__ import annotations

import pytest

from fabric_auth.exceptions import WeakPassword
from fabric_auth.passwords import Argon2Parameters, PasswordHasher, PasswordPolicy

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


async def test_hashing_runs_on_its_own_threads_never_more_than_the_cores() -> None:
    """Hashes run on fabric-auth's `fabric-auth-argon2` threads, at most one per core at a
    time however many are asked for at once."""
    import asyncio
    import os
    import threading
    import time

    from fabric_auth import passwords

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

    cores = os.cpu_count() or 1
    results = await asyncio.gather(*(passwords._off_loop(work, "x") for _ in range(cores + 3)))
    assert results == ["done"] * (cores + 3)
    assert peak == cores
    assert all(name.startswith("fabric-auth-argon2") for name in names)
