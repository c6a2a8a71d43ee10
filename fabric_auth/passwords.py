"""Password hashing (argon2id) and the password policy.

Hashing and verifying run in worker threads: argon2 is deliberately slow, and a sign-in must not
stall every other request on the event loop. The threads are fabric-auth's own, one per CPU core,
shared by every hasher in the process, not the event loop's default executor: concurrent hashes
can then never outnumber the cores (nor use more than cores x `memory_cost` of memory), and other
blocking work on the default executor never queues behind them. Measured with the sign-in phase
of `bench/bench_auth.py` (p99 of a 200 req/s endpoint while 10 password sign-ins/s run, over its
idle p99), three alternating pairs of runs on one machine: 1.66, 1.61, 1.98 with this pool;
2.62, 3.68, 3.87 with `asyncio.to_thread`.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TypeVar

from argon2 import PasswordHasher as _Argon2Hasher
from argon2 import Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from fabric_auth.exceptions import WeakPassword

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

_HASHING = ThreadPoolExecutor(
    max_workers=os.cpu_count() or 1, thread_name_prefix="fabric-auth-argon2"
)


async def _off_loop(work: Callable[..., T], *args: str) -> T:
    return await asyncio.get_running_loop().run_in_executor(_HASHING, work, *args)


class PasswordHasher:
    """argon2id hashing off the event loop, with rehash-on-login."""

    def __init__(self, parameters: Argon2Parameters) -> None:
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
        return await _off_loop(self._hasher.hash, password)

    async def verify(self, password_hash: str | None, password: str) -> VerifyResult:
        """Check a password; with `password_hash=None` burn the same time and fail."""
        if password_hash is None:
            await _off_loop(self._verify, self._dummy_hash, password)
            return VerifyResult(valid=False)
        if not await _off_loop(self._verify, password_hash, password):
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
