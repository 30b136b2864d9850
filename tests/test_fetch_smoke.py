"""Smoke tests for the Fetcher against the loopback server."""

from __future__ import annotations

from scraper.fetch import Fetcher, FetchSettings
from tests.fetch_server import LoopbackServer, page, run

LOOPBACK = FetchSettings(allow_private=True, timeout=5.0, trust_env=False)


def test_plain_page_over_http11() -> None:
    """A plain page comes back with status, headers, body and peer address."""

    async def main() -> None:
        routes = {"/": page(b"<html><body>hi</body></html>")}
        async with LoopbackServer(routes) as server, Fetcher(LOOPBACK) as fetcher:
            fetched = await fetcher.fetch(server.url("/"))
        final = fetched.final
        assert final.status == 200
        assert final.http_version == "HTTP/1.1"
        assert final.body == b"<html><body>hi</body></html>"
        assert final.ip_address == "127.0.0.1"
        assert final.truncated is None
        assert ("User-Agent", LOOPBACK.agent) in [(k.title(), v) for k, v in final.request_headers]

    run(main())
