"""Permission codes, wildcards and the catalogue. Pure: no I/O.

A permission is a `resource:action` code; segments may nest (`admin:users:delete`). A `*` as the
whole last segment of a *granted* code matches any remainder: `users:*` grants `users:list` and
`users:keys:revoke`; `*` grants everything. Required codes never contain wildcards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

WILDCARD = "*"
_ANSWERS_KEPT = 256
_SEGMENT = r"[a-z][a-z0-9_-]*"
_CODE = re.compile(rf"^{_SEGMENT}(:{_SEGMENT})+$")
GRANT_PATTERN = rf"^(\*|{_SEGMENT}(:{_SEGMENT})*:\*|{_SEGMENT}(:{_SEGMENT})+)$"
"""What a grant looks like (`*`, `users:*`, `users:read`), as a regular expression that is
also a JSON Schema `pattern`."""
_GRANT = re.compile(GRANT_PATTERN)


def validate_code(code: str) -> str:
    """A concrete permission code (`users:list`), or `ValueError`."""
    if not _CODE.fullmatch(code):
        raise ValueError(f"invalid permission code {code!r}: expected 'resource:action'")
    return code


def validate_grant(code: str) -> str:
    """A code that may be granted: concrete, or ending in a whole `*` segment."""
    if not _GRANT.fullmatch(code):
        raise ValueError(f"invalid permission {code!r}: expected 'resource:action' or 'resource:*'")
    return code


def _prefixes(code: str) -> Iterable[str]:
    """The wildcard grants that would cover a concrete code: `*`, `a:*`, `a:b:*`, ..."""
    yield WILDCARD
    segments = code.split(":")
    for end in range(1, len(segments)):
        yield ":".join(segments[:end]) + ":*"


@dataclass(frozen=True, slots=True)
class PermissionSet:
    """What a principal may do. `has` costs a few set look-ups, however many grants there are."""

    granted: frozenset[str] = frozenset()
    is_system_admin: bool = False
    """System administrators pass every check."""
    _answers: dict[str, bool] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    """`has` answers so far: a set lives as long as its cache entry, and routes ask it the
    same few codes on every request."""
    _narrowed: dict[tuple[str, ...], PermissionSet] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    """`intersect` answers so far, by the key's scopes."""

    def has(self, code: str) -> bool:
        answer = self._answers.get(code)
        if answer is None:
            answer = self.is_system_admin or any(
                grant in self.granted for grant in (code, *_prefixes(code))
            )
            if len(self._answers) < _ANSWERS_KEPT:
                self._answers[code] = answer
        return answer

    def missing(self, codes: Iterable[str]) -> list[str]:
        return [code for code in codes if not self.has(code)]

    def covers(self, grant: str) -> bool:
        """Whether everything `grant` (possibly a wildcard) allows is allowed here too.

        The rule behind "nobody grants what they do not hold": `users:*` is covered by
        `users:*` or `*`, not by `users:list`.
        """
        if not grant.endswith(WILDCARD):
            return self.has(grant)
        if self.is_system_admin or grant in self.granted or WILDCARD in self.granted:
            return True
        stem = grant[: -len(WILDCARD)]  # "users:" for "users:*"
        return any(prefix in self.granted for prefix in _prefixes(stem + "x") if prefix != "*")

    def intersect(self, scopes: tuple[str, ...]) -> PermissionSet:
        """The grants of `scopes` that this set covers (an API key's effective permissions)."""
        narrowed = self._narrowed.get(scopes)
        if narrowed is None:
            narrowed = PermissionSet(frozenset(scope for scope in scopes if self.covers(scope)))
            if len(self._narrowed) < _ANSWERS_KEPT:
                self._narrowed[scopes] = narrowed
        return narrowed


@dataclass(frozen=True, slots=True)
class PermissionInfo:
    code: str
    description: str = ""


BUILTIN_PERMISSIONS: tuple[PermissionInfo, ...] = (
    PermissionInfo("account:read", "Read one's own account, roles and usage"),
    PermissionInfo("account:write", "Change one's own profile, username, email and password"),
    PermissionInfo("account:sessions", "List and end one's own sessions"),
    PermissionInfo("account:api_keys", "List, issue, rotate and revoke one's own API keys"),
    PermissionInfo("users:list", "List and search users"),
    PermissionInfo("users:read", "Read any user"),
    PermissionInfo("users:create", "Create users"),
    PermissionInfo("users:modify", "Change users, their roles and passwords"),
    PermissionInfo("users:deactivate", "Deactivate and reactivate users"),
    PermissionInfo("users:delete", "Delete users"),
    PermissionInfo("roles:read", "Read roles and the permission catalogue"),
    PermissionInfo("roles:manage", "Create, change and delete roles"),
    PermissionInfo("sessions:read", "List any user's sessions"),
    PermissionInfo("sessions:revoke", "End any user's sessions"),
    PermissionInfo("api_keys:read", "List any principal's API keys"),
    PermissionInfo("api_keys:create", "Create API keys for others"),
    PermissionInfo("api_keys:revoke", "Revoke any API key"),
    PermissionInfo("service_accounts:read", "Read service accounts"),
    PermissionInfo("service_accounts:manage", "Create and change service accounts"),
    PermissionInfo("plans:read", "Read plans, subscriptions and usage"),
    PermissionInfo("plans:manage", "Change plans, limits and subscriptions"),
    PermissionInfo("audit:read", "Read and export the audit log"),
    PermissionInfo(
        "events:read", "Read event types, the event outbox, webhook deliveries and their status"
    ),
    PermissionInfo(
        "webhooks:manage", "Create, change and delete webhook endpoints, and replay deliveries"
    ),
    PermissionInfo(
        "signing_keys:manage", "See readiness and the signing key ring, and rotate signing keys"
    ),
)

_registered: dict[str, PermissionInfo] = {}


def register_permissions(*codes: str | PermissionInfo) -> None:
    """Add an app's own permission codes to the catalogue, so they can be granted.

    Call it at start-up (e.g. in the module that defines the routes). Registering a code twice
    is harmless.
    """
    for item in codes:
        info = item if isinstance(item, PermissionInfo) else PermissionInfo(item)
        validate_code(info.code)
        _registered[info.code] = info


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The codes that may be granted: built-in, registered and from settings."""

    permissions: dict[str, PermissionInfo] = field(default_factory=dict)

    @classmethod
    def build(cls, extra: Iterable[str] = ()) -> Catalogue:
        entries = {info.code: info for info in BUILTIN_PERMISSIONS}
        entries.update(_registered)
        for code in extra:
            entries.setdefault(validate_code(code), PermissionInfo(code))
        return cls(entries)

    def check_grantable(self, grants: Iterable[str]) -> list[str]:
        """The grants that name nothing in the catalogue (typos); empty when all are known."""
        unknown = []
        for grant in grants:
            try:
                validate_grant(grant)
            except ValueError:
                unknown.append(grant)
                continue
            if grant == WILDCARD or grant in self.permissions:
                continue
            if grant.endswith(":*") and any(
                code.startswith(grant[:-1]) for code in self.permissions
            ):
                continue
            unknown.append(grant)
        return unknown
