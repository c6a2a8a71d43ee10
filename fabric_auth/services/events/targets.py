"""Which webhook URLs fabric-auth may call: a webhook is a request the server makes to an
address an administrator typed, so an unchecked one reaches whatever the server can (cloud
metadata at 169.254.169.254, an internal admin port, the store itself).

Refused unless `webhook_allow_private_targets` is on: plain `http`, and every address that is
not globally routable (loopback, private, link-local, shared, multicast, reserved, unspecified,
and IPv6 forms of them, IPv4-mapped included). A URL names a host; the check that counts is the
one made at connection time on the addresses the name resolves to then (a name may resolve to a
public address at registration and to 127.0.0.1 later): see `services.events.delivery`.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from fabric_auth.exceptions import InvalidInput

MAX_URL_LENGTH = 2048


def is_forbidden_address(address: str) -> bool:
    """Whether a webhook may not connect to `address` (an IP literal) without
    `webhook_allow_private_targets`."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def check_webhook_url(url: str, *, allow_private: bool) -> str:
    """The URL, once it is one a webhook may be registered with; `InvalidInput` otherwise."""
    if len(url) > MAX_URL_LENGTH:
        raise InvalidInput(f"A webhook URL is at most {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise InvalidInput("The webhook URL is not a valid URL") from None
    allowed = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in allowed:
        raise InvalidInput("A webhook URL must use https")
    host = parts.hostname
    if not host:
        raise InvalidInput("The webhook URL has no host")
    if parts.username is not None or parts.password is not None:
        raise InvalidInput("A webhook URL may not carry credentials")
    if parts.fragment:
        raise InvalidInput("A webhook URL may not have a fragment")
    if port == 0:
        raise InvalidInput("The webhook URL's port is not valid")
    if not allow_private:
        try:
            literal = is_forbidden_address(host)
        except ValueError:  # a name, checked when it is resolved at delivery
            literal = host.rstrip(".").lower() == "localhost" or host.endswith(".localhost")
        if literal:
            raise InvalidInput("A webhook URL may not point to a private or loopback address")
    return url
