"""Connect-time address check: the connection goes to an address that was just vetted.

The guard in the client checks a host before each request, but httpx would then resolve the
name again when it connects, and a hostile DNS server can answer differently the second time
(DNS rebinding). This network backend resolves with the same resolver, refuses non-public
answers, and connects to the vetted address itself, so what was checked is what is used.
TLS still verifies the certificate against the URL's host name (httpcore passes the origin host
as server_hostname, independent of the address connected to).

It is installed on the direct connection pool of the client only; connections through a proxy
from the environment go to the proxy, which resolves the target itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

import httpcore
import httpx

from scraper.errors import RefusedAddress
from scraper.fetch.guard import Resolver, classify_address, parse_host_address

# httpcore's SOCKET_OPTION, spelled out (it is not exported).
SocketOption = tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolve, refuse non-public addresses (unless allowed), connect to a vetted address."""

    def __init__(
        self, inner: httpcore.AsyncNetworkBackend, *, resolver: Resolver, allow_private: bool
    ) -> None:
        self._inner = inner
        self._resolver = resolver
        self._allow_private = allow_private

    async def _addresses(self, host: str, port: int, timeout: float | None) -> list[str]:
        literal = parse_host_address(host)
        if literal is not None:
            return [str(literal)]
        try:
            async with asyncio.timeout(timeout):
                addresses = await self._resolver(host, port)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} took too long") from None
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise httpcore.ConnectError(f"{host} resolves to no address")
        return addresses

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._addresses(host, port, timeout)
        if not self._allow_private:
            for address in addresses:
                reason = classify_address(address)
                if reason is not None:
                    raise RefusedAddress(
                        f"{host} resolves to {address} at connect time, which is {reason}"
                    )
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:  # in resolver order, like getaddrinfo's preference
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not used by the fetcher")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def install(client: httpx.AsyncClient, *, resolver: Resolver, allow_private: bool) -> bool:
    """Put a GuardedBackend under the client's direct connection pool.

    httpx has no public hook for the network backend, so this reaches into the default
    transport (httpx 0.28 / httpcore 1.0). Returns False, changing nothing, when the layout
    is not the expected one; the pre-request guard still runs then.
    """
    transport = getattr(client, "_transport", None)
    if not isinstance(transport, httpx.AsyncHTTPTransport):
        return False
    pool = getattr(transport, "_pool", None)
    inner = getattr(pool, "_network_backend", None)
    if not isinstance(inner, httpcore.AsyncNetworkBackend):
        return False
    guarded = GuardedBackend(inner, resolver=resolver, allow_private=allow_private)
    setattr(pool, "_network_backend", guarded)  # noqa: B010 - private attribute, see docstring
    return True
