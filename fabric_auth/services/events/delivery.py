"""Sending one webhook: a POST through a client that decides where it may connect when it
connects.

A URL's host is a name; what it resolves to can change between the check at registration and
the request (DNS rebinding: public at registration, 127.0.0.1 a minute later). So the check
that counts is made here, in the HTTP client's network backend: `GuardedBackend.connect_tcp`
resolves the host itself, refuses when any of its addresses is forbidden
(`targets.is_forbidden_address`, unless `webhook_allow_private_targets`), and connects to the
address it vetted, never resolving the name again. TLS still verifies the certificate against
the URL's host name (httpcore passes it for SNI), so connecting to the IP weakens nothing.

The client never follows redirects (a `3xx` is an answer like any other non-`2xx`: a failed
attempt) and ignores proxy variables from the environment (a proxy would connect in our
place, unchecked). A response body is read only up to `MAX_BODY` bytes.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterable
from dataclasses import dataclass

import httpcore
import httpx

from fabric_auth.exceptions import InvalidInput
from fabric_auth.services.events.targets import check_webhook_url, is_forbidden_address

MAX_BODY = 64 * 1024
"""Bytes of a response read (for the connection to be reused); the rest is not wanted."""
MAX_CONNECTIONS = 100


class ForbiddenTarget(httpcore.ConnectError):
    """The host resolves to an address webhooks may not reach."""


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's own backend, connecting only to addresses it resolved and vetted itself."""

    def __init__(self, *, allow_private: bool) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._allow_private = allow_private

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._resolve(host, port, timeout)
        if not self._allow_private:
            forbidden = [address for address in addresses if is_forbidden_address(address)]
            if forbidden:
                raise ForbiddenTarget(
                    f"refused: {host} resolves to {forbidden[0]}, a private, loopback or "
                    "otherwise non-public address (webhook_allow_private_targets is off)"
                )
        error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    async def _resolve(self, host: str, port: int, within: float | None) -> list[str]:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(within):
                infos = await loop.getaddrinfo(
                    host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
                )
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} took too long") from None
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not addresses:
            raise httpcore.ConnectError(f"{host} resolves to no address")
        return addresses

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise ForbiddenTarget("webhooks do not connect to Unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a connection pool whose network backend is `GuardedBackend`."""

    def __init__(self, *, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        # httpx builds its pool without a way to pass a network backend: replace it.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=MAX_CONNECTIONS,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(allow_private=allow_private),
        )


def webhook_client(*, allow_private: bool, timeout: float) -> httpx.AsyncClient:
    """The one client the relay sends webhooks with."""
    return httpx.AsyncClient(
        transport=GuardedTransport(allow_private=allow_private),
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
    )


@dataclass(frozen=True)
class Attempt:
    """What one attempt got: the status when the endpoint answered, or why it did not."""

    status: int | None
    error: str

    @property
    def succeeded(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


async def post_webhook(
    client: httpx.AsyncClient,
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    within: float,
    allow_private: bool,
) -> Attempt:
    """POST `body` to `url` once, answered `within` seconds or given up; never raises for what
    the endpoint or the network does."""
    try:
        check_webhook_url(url, allow_private=allow_private)
    except InvalidInput as exc:
        return Attempt(None, f"refused: {exc.detail}")
    try:
        async with asyncio.timeout(within):
            request = client.build_request(
                "POST", url, content=body, headers={**headers, "content-type": "application/json"}
            )
            response = await client.send(request, stream=True)
            try:
                read = 0
                async for chunk in response.aiter_raw():
                    read += len(chunk)
                    if read >= MAX_BODY:
                        break
            finally:
                await response.aclose()
    except TimeoutError:
        return Attempt(None, f"no answer within {within} s")
    except httpx.TimeoutException as exc:
        return Attempt(None, f"timed out: {type(exc).__name__}")
    except httpx.HTTPError as exc:
        return Attempt(None, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
    if 200 <= response.status_code < 300:
        return Attempt(response.status_code, "")
    reason = response.reason_phrase or ""
    if 300 <= response.status_code < 400:
        reason = f"{reason} (redirects are not followed)".strip()
    return Attempt(response.status_code, f"HTTP {response.status_code} {reason}".strip())
