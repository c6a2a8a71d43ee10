"""Cookie names and the CSRF token for cookie-authenticated requests.

Names carry the `__Host-` prefix (Secure, Path=/, no Domain) where the settings allow it, and
`__Secure-` otherwise, so a sibling subdomain or a plain-HTTP page cannot plant them.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from uuid import UUID

from fabric_auth.settings import AuthSettings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


@dataclass(frozen=True, slots=True)
class CookieNames:
    access: str
    refresh: str
    csrf: str

    @classmethod
    def for_settings(cls, settings: AuthSettings) -> CookieNames:
        if not settings.cookie_secure:
            return cls("fabric_access", "fabric_refresh", "fabric_csrf")
        host = "__Secure-" if settings.cookie_domain else "__Host-"
        return cls(f"{host}fabric_access", "__Secure-fabric_refresh", f"{host}fabric_csrf")


def csrf_token(key: bytes, session_id: UUID) -> str:
    """The double-submit token, bound to the session so a planted cookie is useless."""
    return hmac.new(key, session_id.bytes, hashlib.sha256).hexdigest()


def csrf_matches(key: bytes, session_id: UUID, presented: str | None) -> bool:
    return presented is not None and hmac.compare_digest(csrf_token(key, session_id), presented)
