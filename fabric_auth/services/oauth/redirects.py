"""Where a sign-in may send the browser back to: an allowlist of exact origins, each with an
optional path prefix (`AuthSettings.oauth_redirect_allowlist`).

A candidate is parsed, checked part by part, and **rebuilt** from the entry it matched: the raw
string is never reflected. Refused outright: anything but http(s); userinfo (`a.com@evil.com`);
backslashes, control characters, spaces and non-ASCII (browsers read them differently from
parsers); scheme-relative and relative URLs; fragments; encoded slashes, backslashes and dots in
the path; `.` and `..` segments (which would climb out of a path prefix).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import SplitResult, urlsplit, urlunsplit

from fabric_auth.exceptions import OAuthRedirectRefused

MAX_REDIRECT_LENGTH = 2048
_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")
_ENCODED_SEPARATOR = re.compile(r"%(2f|5c|2e|00)", re.IGNORECASE)


def checked_redirect(candidate: str | None, allowlist: Sequence[str]) -> str:
    """`candidate` (or the first entry when it is None or empty), rebuilt from the allowlist
    entry it matches; `OAuthRedirectRefused` when it matches none."""
    if not allowlist:
        raise OAuthRedirectRefused("No redirect destinations are configured")
    if not candidate:
        return allowlist[0]
    parts = _parsed(candidate)
    for entry in allowlist:
        allowed = urlsplit(entry)
        if _same_origin(parts, allowed) and _under(parts.path or "/", allowed.path):
            return urlunsplit((allowed.scheme, allowed.netloc, parts.path or "/", parts.query, ""))
    raise OAuthRedirectRefused()


def _parsed(candidate: str) -> SplitResult:
    if (
        len(candidate) > MAX_REDIRECT_LENGTH
        or not candidate.isascii()
        or _UNSAFE.search(candidate)
        or _ENCODED_SEPARATOR.search(candidate)
    ):
        raise OAuthRedirectRefused()
    try:
        parts = urlsplit(candidate)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        raise OAuthRedirectRefused() from None
    if (
        parts.scheme not in _DEFAULT_PORTS
        or not parts.hostname
        or "@" in parts.netloc
        or parts.fragment
        or "#" in candidate
    ):
        raise OAuthRedirectRefused()
    segments = parts.path.split("/")
    if "." in segments or ".." in segments:
        raise OAuthRedirectRefused()
    return parts


def _port(parts: SplitResult) -> int:
    return parts.port or _DEFAULT_PORTS[parts.scheme]


def _same_origin(parts: SplitResult, allowed: SplitResult) -> bool:
    return (
        parts.scheme == allowed.scheme
        and parts.hostname == allowed.hostname
        and _port(parts) == _port(allowed)
    )


def _under(path: str, prefix: str) -> bool:
    """Whether `path` is `prefix` or below it, by whole segments (`/app` admits `/app/x`, not
    `/application`)."""
    prefix = prefix.rstrip("/")
    return not prefix or path == prefix or path.startswith(prefix + "/")
