"""Reading the client's address through trusted proxies only."""

from __future__ import annotations

import pytest

from fabric_auth.proxies import TrustedProxies

PROXIES = TrustedProxies.parse(["10.0.0.0/8", "2001:db8::/32", "192.0.2.10"])


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("203.0.113.5", ["1.2.3.4"], "203.0.113.5"),  # untrusted peer: header ignored
        ("10.0.0.1", ["1.2.3.4"], "1.2.3.4"),
        ("10.0.0.1", ["6.6.6.6, 1.2.3.4"], "1.2.3.4"),  # forged left part never reached
        ("10.0.0.1", ["6.6.6.6, 1.2.3.4, 10.9.9.9"], "1.2.3.4"),  # chain of proxies
        ("10.0.0.1", ["6.6.6.6", "1.2.3.4, 192.0.2.10"], "1.2.3.4"),  # several headers
        ("10.0.0.1", [], "10.0.0.1"),
        ("10.0.0.1", ["garbage, 10.0.0.2"], "10.0.0.2"),  # garbage stops the walk
        ("10.0.0.1", ["10.0.0.3, 10.0.0.2"], "10.0.0.3"),  # all trusted: leftmost
        ("2001:db8::1", ["2001:db9::7"], "2001:db9::7"),
        ("", ["1.2.3.4"], ""),
    ],
)
def test_client_address(peer: str, forwarded: list[str], client: str) -> None:
    """X-Forwarded-For is read from the right, only across trusted proxies."""
    assert PROXIES.client_address(peer, forwarded) == client


def test_no_trusted_proxies_means_the_peer() -> None:
    """With nothing trusted, headers never matter."""
    assert TrustedProxies().client_address("10.0.0.1", ["1.2.3.4"]) == "10.0.0.1"
