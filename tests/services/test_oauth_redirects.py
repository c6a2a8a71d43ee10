"""`checked_redirect`: the allowlist of exact origins and path prefixes, on its own."""

from __future__ import annotations

import pytest

from fabric_auth.exceptions import OAuthRedirectRefused
from fabric_auth.services.oauth.redirects import checked_redirect

ALLOWLIST = ("https://app.example.com", "https://example.com/app", "http://localhost:3000/")


@pytest.mark.parametrize(
    ("candidate", "rebuilt"),
    [
        (None, "https://app.example.com"),
        ("", "https://app.example.com"),
        ("https://app.example.com", "https://app.example.com/"),
        ("https://App.Example.COM/x?y=1&z=%20", "https://app.example.com/x?y=1&z=%20"),
        ("https://app.example.com:443/x", "https://app.example.com/x"),
        ("https://example.com/app", "https://example.com/app"),
        ("https://example.com/app/", "https://example.com/app/"),
        ("https://example.com/app/a/b", "https://example.com/app/a/b"),
        ("http://localhost:3000/anything", "http://localhost:3000/anything"),
    ],
)
def test_allowed_destinations_are_rebuilt(candidate: str | None, rebuilt: str) -> None:
    """What matches an entry comes back built from that entry's scheme and host."""
    assert checked_redirect(candidate, ALLOWLIST) == rebuilt


@pytest.mark.parametrize(
    "candidate",
    [
        "https://app.example.com.evil.com",
        "https://evilapp.example.com",
        "https://app.example.com@evil.com",
        "https://user:pass@app.example.com/",
        "https://app.example.com\\@evil.com",
        "https://evil.com\\app.example.com",
        "//app.example.com/",
        "///evil.com",
        "/local",
        "app.example.com",
        "https:app.example.com",
        "ftp://app.example.com/",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://app.example.com:444/",
        "http://app.example.com/",
        "https://app.example.com:99999/",
        "https://app.example.com:abc/",
        "https://example.com/application",
        "https://example.com/ap",
        "https://example.com/",
        "https://example.com/app/../admin",
        "https://example.com/app/./x",
        "https://example.com/app/%2e%2e/admin",
        "https://example.com/app%2f..%2fadmin",
        "https://example.com/app%5c..",
        "https://app.example.com/%00",
        "https://app.example.com/#x",
        "https://app.example.com/\t",
        "https://app.example.com /",
        "https://app.exämple.com/",
        "https://app.example.com/\u202e",
        "https://xn--app-example.com/",
        "https://app.example.com./",
        "https://" + "a" * 2050,
        "http://localhost:3001/",
        "http://127.0.0.1:3000/",
    ],
)
def test_everything_else_is_refused(candidate: str) -> None:
    """Prefix tricks, userinfo, backslashes, scheme-relative and relative URLs, other schemes
    and ports, dot segments (plain or encoded), control and non-ASCII characters, fragments:
    refused."""
    with pytest.raises(OAuthRedirectRefused):
        checked_redirect(candidate, ALLOWLIST)


def test_an_empty_allowlist_refuses_everything() -> None:
    """No entries: even the default is refused."""
    with pytest.raises(OAuthRedirectRefused):
        checked_redirect(None, ())
