"""Which reverse proxies to believe about the client's address.

`X-Forwarded-For` is a list each proxy appends its peer to, and anything left of the proxy we
trust was written by the client and may be forged. So the list is read from the right: the
peer, then each entry, skipping addresses of trusted proxies; the first address that is not a
trusted proxy is the client. With no trusted proxies the peer is the client, whatever the
headers say.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class TrustedProxies:
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> TrustedProxies:
        return cls(tuple(ipaddress.ip_network(entry, strict=False) for entry in entries))

    def trusts(self, address: IPAddress) -> bool:
        return any(address in network for network in self.networks)

    def client_address(self, peer: str, forwarded_for: Iterable[str] = ()) -> str:
        """The client's address, given the TCP peer and the `X-Forwarded-For` header values."""
        current = _parse(peer)
        if current is None or not self.networks:
            return peer
        hops = [hop.strip() for value in forwarded_for for hop in value.split(",")]
        for hop in reversed(hops):
            if not self.trusts(current):
                break
            parsed = _parse(hop)
            if parsed is None:  # garbage a trusted proxy passed on: stop at what we know
                break
            current = parsed
        return str(current)


def _parse(value: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None
