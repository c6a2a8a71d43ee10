"""Password hashing (argon2id) and the password policy.

Hashing and verifying run in worker threads: argon2 is deliberately slow, and a sign-in must not
stall every other request on the event loop. The threads are fabric-auth's own (`HashingPool`),
not the event loop's default executor, so other blocking work never queues behind them, and
there are fewer of them than cores: one core less (at least one thread,
`password_hashing_threads`), so saturating sign-ins never take the last core from the event
loop, and concurrent hashes never use more than threads x `memory_cost` of memory. Measured with
the sign-in phase of `bench/bench_auth.py` (p99 of a 200 req/s endpoint while 10 password
sign-ins/s run, over its idle p99), three alternating pairs of runs on one machine: 1.66, 1.61,
1.98 with a pool of one thread per core; 2.62, 3.68, 3.87 with `asyncio.to_thread`.

Past the pool, at most `password_hashing_queue` hashes wait for a thread; one more is refused at
once with `HashingBusy` (503 `busy`, `Retry-After`) instead of queueing without limit, so a
flood of sign-ins gets quick refusals rather than answers that come too late for anyone.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import logging
import os
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TypeVar

from argon2 import PasswordHasher as _Argon2Hasher
from argon2 import Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from fabric_auth.exceptions import HashingBusy, WeakPassword

logger = logging.getLogger("fabric_auth")

# OWASP Password Storage Cheat Sheet, argon2id minimum: m=19 MiB, t=2, p=1.
OWASP_MIN_MEMORY_KIB = 19 * 1024
OWASP_MIN_TIME_COST = 2


@dataclass(frozen=True, slots=True)
class Argon2Parameters:
    time_cost: int = 2
    """Iterations."""
    memory_cost: int = OWASP_MIN_MEMORY_KIB
    """Memory in KiB."""
    parallelism: int = 1


@dataclass(frozen=True, slots=True)
class VerifyResult:
    valid: bool
    new_hash: str | None = None
    """Set when the password was right but its hash used old parameters: store this one."""


T = TypeVar("T")


def default_hashing_threads() -> int:
    """One thread fewer than the cores, at least one: the event loop keeps a core."""
    return max(1, (os.cpu_count() or 1) - 1)


def default_hashing_queue() -> int:
    """32 waiting hashes per thread: about 1.5 s of waiting at the default argon2 parameters
    (~45 ms a hash), beyond which a client is better told to come back."""
    return 32 * default_hashing_threads()


@cache
def _threads(count: int) -> ThreadPoolExecutor:
    """Pools of one size share their threads within the process (in production there is one
    app, so one pool; a test suite starting many apps does not keep threads for each)."""
    return ThreadPoolExecutor(
        count, thread_name_prefix="fabric-auth-argon2", initializer=_yield_to_the_event_loop
    )


HASHING_NICENESS = 10
"""How much lower than the process's the hashing threads' scheduling priority is (Linux)."""


def _yield_to_the_event_loop() -> None:
    """Lower this hashing thread's priority (Linux schedules threads one by one): when the
    cores are contended — hashes saturating the pool while the event loop, and whatever else
    runs on the machine, want a core too — the scheduler serves the loop first, so a burst of
    sign-ins delays other requests less. A hash still runs at full speed on an idle core.
    Raising one's own niceness needs no privilege; where it cannot be done, nothing changes."""
    if hasattr(os, "setpriority") and hasattr(threading, "get_native_id"):
        with contextlib.suppress(OSError):
            thread = threading.get_native_id()
            os.setpriority(
                os.PRIO_PROCESS, thread, os.getpriority(os.PRIO_PROCESS, thread) + HASHING_NICENESS
            )


class HashingPool:
    """The threads that hash passwords, and how many hashes may wait for them."""

    def __init__(self, threads: int, queue: int) -> None:
        if threads < 1 or queue < 0:
            raise ValueError("a hashing pool needs at least one thread and a queue of 0 or more")
        self.threads = threads
        self.queue = queue
        self._executor = _threads(threads)
        self._lock = threading.Lock()
        self._admitted = 0
        """Hashes running or waiting; given back by the worker thread when one ends."""
        self._refusing = False
        """In a spell of refusals: from the first refusal until the queue has drained (no hash
        waiting for a thread), so a saturated pool logs once, not once per freed slot."""

    async def run(self, work: Callable[..., T], *args: str) -> T:
        """`work(*args)` on a hashing thread, or `HashingBusy` at once when every thread is
        busy and `queue` hashes already wait."""
        with self._lock:
            if self._admitted >= self.threads + self.queue:
                refusing, self._refusing = self._refusing, True
            else:
                refusing = None
                self._admitted += 1
        if refusing is not None:
            if not refusing:  # once per spell of refusals, not once per refused request
                logger.warning(
                    "password hashing is saturated (%d threads, %d waiting): refusing with "
                    "503 busy; see FABRIC_AUTH_PASSWORD_HASHING_THREADS/_QUEUE",
                    self.threads,
                    self.queue,
                )
            raise HashingBusy()
        try:
            future = self._executor.submit(work, *args)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(self._release)
        return await asyncio.wrap_future(future)

    def _release(self, _: object = None) -> None:
        with self._lock:
            self._admitted -= 1
            if self._admitted <= self.threads:
                self._refusing = False


@cache
def _shared_pool() -> HashingPool:
    """The pool of hashers built without one (the runtime gives its own, from the settings)."""
    return HashingPool(default_hashing_threads(), default_hashing_queue())


class PasswordHasher:
    """argon2id hashing off the event loop, with rehash-on-login."""

    def __init__(self, parameters: Argon2Parameters, pool: HashingPool | None = None) -> None:
        self._pool = pool or _shared_pool()
        self._hasher = _Argon2Hasher(
            time_cost=parameters.time_cost,
            memory_cost=parameters.memory_cost,
            parallelism=parameters.parallelism,
            type=Type.ID,
        )
        # A hash nobody knows the password of, to verify against when the account does not
        # exist, so an unknown email costs the same time as a known one.
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))

    async def hash(self, password: str) -> str:
        return await self._pool.run(self._hasher.hash, password)

    async def verify(self, password_hash: str | None, password: str) -> VerifyResult:
        """Check a password; with `password_hash=None` burn the same time and fail."""
        if password_hash is None:
            await self._pool.run(self._verify, self._dummy_hash, password)
            return VerifyResult(valid=False)
        if not await self._pool.run(self._verify, password_hash, password):
            return VerifyResult(valid=False)
        if self._hasher.check_needs_rehash(password_hash):
            return VerifyResult(valid=True, new_hash=await self.hash(password))
        return VerifyResult(valid=True)

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False


@cache
def _common_passwords() -> frozenset[str]:
    data = resources.files("fabric_auth").joinpath("data/common-passwords.txt.gz").read_bytes()
    return frozenset(
        line.strip().casefold() for line in gzip.decompress(data).decode().splitlines()
    )


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    """NIST SP 800-63B style: length limits and a deny-list, no composition rules."""

    min_length: int = 8
    max_length: int = 256
    refuse_common: bool = True

    def check(self, password: str, *, context: tuple[str, ...] = ()) -> None:
        """Raise `WeakPassword` saying why, or return if the password is acceptable.

        `context` holds values the password must not equal, such as the user's email.
        """
        if len(password) < self.min_length:
            raise WeakPassword(f"Password must be at least {self.min_length} characters")
        if len(password) > self.max_length:
            raise WeakPassword(f"Password must be at most {self.max_length} characters")
        folded = password.casefold()
        if self.refuse_common and folded in _common_passwords():
            raise WeakPassword("Password is too common")
        if any(folded == value.casefold() for value in context if value):
            raise WeakPassword("Password is too similar to the account's details")
