"""The Fetcher: one httpx.AsyncClient, a guard on every hop, redirects followed by hand,
bodies streamed through a capped decoder, and one overall deadline per fetch.

Order of work for one fetch: check the URL (scheme, address guard), send, wait for the
headers (FetchTimeout if the deadline passes first), stream the body (cut at the byte cap
-> "length", at the deadline -> "time", by a disconnect -> "disconnect"), record the hop as an
Exchange, then follow a 3xx Location or a prompt <meta refresh> as the next hop, each counted
against max_redirects and checked for cycles.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncGenerator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import TracebackType
from typing import cast
from urllib.parse import urlsplit

import httpx

from scraper.errors import (
    ConnectError,
    FetchError,
    FetchTimeout,
    ProtocolError,
    RedirectError,
    RefusedAddress,
    TLSError,
    UnsupportedURL,
)
from scraper.fetch import pinning
from scraper.fetch.decoding import CappedDecoder, supported_codings
from scraper.fetch.exchange import Exchange
from scraper.fetch.guard import (
    Resolver,
    classify_address,
    classify_name,
    default_resolver,
    parse_host_address,
)
from scraper.fetch.redirects import is_http_url, location_target, meta_refresh_target, url_key
from scraper.fetch.settings import FetchSettings

# Sent on every request unless the caller overrides it.
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# Caller headers not carried to another origin by a redirect (as browsers and httpx do).
CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
# Time allowed to close a response after its body was cut (the deadline may already be gone).
CLOSE_GRACE = 1.0


@dataclass(frozen=True)
class Fetched:
    """Every hop of one fetch, in order; the last one is the final response."""

    exchanges: tuple[Exchange, ...]

    @property
    def final(self) -> Exchange:
        return self.exchanges[-1]

    @property
    def url(self) -> str:
        """The final URL (after redirects)."""
        return self.final.url


@dataclass(frozen=True)
class _Body:
    raw: bytes
    decoded: bytes
    truncated: str | None


def _no_cookies() -> CookieJar:
    """A jar that keeps nothing: fetches share one client, and must not share state."""
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


def _is_tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _translate(exc: httpx.HTTPError, url: str) -> FetchError:
    """An httpx error raised before a response arrived, as one of ours."""
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return FetchTimeout(f"no response in time ({type(exc).__name__})", url=url)
    if isinstance(exc, httpx.ConnectError | httpx.ProxyError):
        if _is_tls_failure(exc):
            return TLSError(f"TLS failure: {detail}", url=url)
        return ConnectError(f"cannot connect: {detail}", url=url)
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return UnsupportedURL(f"cannot request this URL: {detail}", url=url)
    if isinstance(exc, httpx.ProtocolError | httpx.NetworkError):
        return ProtocolError(f"connection broke before a response: {detail}", url=url)
    return FetchError(f"fetch failed: {detail}", url=url)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def _peer_ip(response: httpx.Response) -> str | None:
    stream = response.extensions.get("network_stream")
    if stream is None:
        return None
    address = stream.get_extra_info("server_addr")
    if isinstance(address, tuple) and address:
        return str(address[0])
    return None


class Fetcher:
    """Fetches URLs politely and defensively; an async context manager owning one client."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.settings = settings
        self._resolver: Resolver = resolver or default_resolver
        self._client = httpx.AsyncClient(
            http2=settings.http2,
            trust_env=settings.trust_env,
            follow_redirects=False,
            transport=transport,
            cookies=_no_cookies(),
            timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
            headers={
                "User-Agent": settings.agent,
                "Accept": ACCEPT,
                "Accept-Encoding": ", ".join(supported_codings()),
            },
        )
        # With the default transport, connections also go through the connect-time check.
        self.pinned = transport is None and pinning.install(
            self._client, resolver=self._resolver, allow_private=settings.allow_private
        )

    async def __aenter__(self) -> Fetcher:
        await self._client.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc: BaseException | None = None,
        tb: TracebackType | None = None,
    ) -> None:
        await self._client.__aexit__(exc_type, exc, tb)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        follow_meta_refresh: bool = True,
        max_bytes: int | None = None,
    ) -> Fetched:
        """GET `url`, following redirects; returns for any HTTP status (the caller decides).

        `max_bytes` lowers the settings' cap for this fetch (robots.txt uses 500 KiB).
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.settings.timeout
        cap = min(max_bytes, self.settings.max_bytes) if max_bytes else self.settings.max_bytes
        exchanges: list[Exchange] = []
        seen = {url_key(url)}
        current = url
        hop_headers = dict(headers or {})
        while True:
            exchange = await self._hop(
                current, headers=hop_headers, deadline=deadline, cap=cap,
                chain=tuple(e.url for e in exchanges),
            )
            exchanges.append(exchange)
            target = location_target(current, exchange.status, exchange.header("location"))
            if target is None and follow_meta_refresh and 200 <= exchange.status < 300:
                target = self._refresh_target(exchange)
                if target is not None and url_key(target) == url_key(current):
                    target = None  # a page refreshing itself is not a redirect
            if target is None:
                return Fetched(tuple(exchanges))
            if not is_http_url(target):
                raise RedirectError(f"redirect to a non-http(s) URL: {target[:200]}", url=url)
            if len(exchanges) > self.settings.max_redirects:
                raise RedirectError(
                    f"too many redirects (more than {self.settings.max_redirects}), last to {target}",
                    url=url,
                )
            key = url_key(target)
            if key in seen:
                raise RedirectError(f"redirect cycle back to {target}", url=url)
            seen.add(key)
            if _origin(target) != _origin(current):
                hop_headers = {k: v for k, v in hop_headers.items() if k.lower() not in CREDENTIAL_HEADERS}
            current = target

    @staticmethod
    def _refresh_target(exchange: Exchange) -> str | None:
        content_type = (exchange.content_type or "").lower()
        if "html" not in content_type:
            return None
        return meta_refresh_target(exchange.url, exchange.body)

    async def _check_address(self, url: str, deadline: float) -> str | None:
        """Refuse a non-public address (literal or resolved); return the address when known."""
        if not is_http_url(url):
            raise UnsupportedURL("not an absolute http(s) URL", url=url)
        # urllib, not httpx: httpx rejects some spellings ("0177.0.0.1") the C resolver accepts.
        parsed = urlsplit(url)
        host = parsed.hostname or ""
        literal = parse_host_address(host)
        if literal is not None:
            reason = classify_address(literal)
            if reason is not None and not self.settings.allow_private:
                raise RefusedAddress(f"address {literal} is {reason}", url=url)
            return str(literal)
        if self.settings.allow_private:
            return None
        if classify_name(host) is not None:
            raise RefusedAddress(f"{host} is a {classify_name(host)} name", url=url)
        try:
            port = parsed.port or (443 if parsed.scheme.lower() == "https" else 80)
        except ValueError as exc:
            raise UnsupportedURL(f"bad port: {exc}", url=url) from None
        try:
            async with asyncio.timeout_at(deadline):
                addresses = await self._resolver(host, port)
        except TimeoutError:
            raise FetchTimeout(f"resolving {host} took too long", url=url) from None
        except OSError as exc:
            raise ConnectError(f"cannot resolve {host}: {exc}", url=url) from exc
        if not addresses:
            raise ConnectError(f"{host} resolves to no address", url=url)
        for address in addresses:
            reason = classify_address(address)
            if reason is not None:
                raise RefusedAddress(f"{host} resolves to {address}, which is {reason}", url=url)
        return addresses[0]

    async def _hop(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None,
        deadline: float,
        cap: int,
        chain: tuple[str, ...],
    ) -> Exchange:
        resolved = await self._check_address(url, deadline)
        try:
            request = self._client.build_request("GET", url, headers=dict(headers or {}))
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise UnsupportedURL(f"cannot request this URL: {exc}", url=url) from exc
        fetched_at = datetime.now(UTC)
        try:
            async with asyncio.timeout_at(deadline):
                response = await self._client.send(request, stream=True)
        except TimeoutError:
            raise FetchTimeout(
                f"no response within the {self.settings.timeout:g} s deadline", url=url
            ) from None
        except httpx.HTTPError as exc:
            raise _translate(exc, url) from exc
        except RefusedAddress as exc:  # from the connect-time check, which does not know the URL
            exc.url = exc.url or url
            raise
        try:
            body = await self._read_body(response, url=url, deadline=deadline, cap=cap)
        finally:
            with contextlib.suppress(httpx.HTTPError, OSError, TimeoutError):
                async with asyncio.timeout(CLOSE_GRACE):
                    await response.aclose()
        return Exchange(
            url=url,
            method=request.method,
            request_headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw],
            http_version=response.http_version,
            status=response.status_code,
            reason=response.reason_phrase,
            response_headers=[
                (k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw
            ],
            raw_body=body.raw,
            body=body.decoded,
            fetched_at=fetched_at,
            ip_address=_peer_ip(response) or resolved,
            truncated=body.truncated,
            redirect_chain=chain,
        )

    async def _read_body(
        self, response: httpx.Response, *, url: str, deadline: float, cap: int
    ) -> _Body:
        if response.is_stream_consumed:
            # A response built with its content (httpx.MockTransport, respx) arrives already
            # read and decoded by httpx: there is no raw stream left to read.
            content = response.content
            cut = "length" if len(content) > cap else None
            return _Body(content[:cap], content[:cap], cut)
        decoder = CappedDecoder(response.headers.get("content-encoding"), limit=cap, url=url)
        raw = bytearray()
        truncated: str | None = None
        try:
            async with asyncio.timeout_at(deadline):
                stream = cast(AsyncGenerator[bytes, None], response.aiter_raw())
                async with contextlib.aclosing(stream) as chunks:
                    async for chunk in chunks:
                        room = cap - len(raw)
                        raw += chunk[:room]
                        if not decoder.feed(chunk) or len(chunk) > room:
                            truncated = "length"
                            break
        except (TimeoutError, httpx.TimeoutException):
            truncated = "time"
        except (httpx.RemoteProtocolError, httpx.ReadError):
            truncated = "disconnect"
        return _Body(bytes(raw), decoder.body, truncated)
