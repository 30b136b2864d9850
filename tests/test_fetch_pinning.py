"""The connect-time check: connections go to the address the resolver vetted."""

from __future__ import annotations

import pytest

from scraper.errors import RefusedAddress
from scraper.fetch import Fetcher, FetchSettings
from tests.fetch_server import LoopbackServer, page, run


def test_default_client_is_pinned() -> None:
    """With the default transport, the connect-time check is installed."""
    assert Fetcher(FetchSettings(trust_env=False)).pinned is True


def test_dns_rebinding_refused_at_connect_time() -> None:
    """A name that resolves public for the check, then loopback for the connection, is refused."""
    answers = [["93.184.216.34"], ["127.0.0.1"]]
    calls: list[str] = []

    async def rebinding(host: str, port: int) -> list[str]:
        calls.append(host)
        return answers[min(len(calls), 2) - 1]

    async def main() -> None:
        settings = FetchSettings(allow_private=False, timeout=5.0, trust_env=False)
        async with Fetcher(settings, resolver=rebinding) as fetcher:
            assert fetcher.pinned  # otherwise httpx would ask the system resolver
            with pytest.raises(RefusedAddress, match="connect time") as info:
                await fetcher.fetch("http://rebind.invalid/")
            assert info.value.url == "http://rebind.invalid/"

    run(main())
    assert calls == ["rebind.invalid", "rebind.invalid"]


def test_connection_goes_to_the_resolved_address() -> None:
    """A made-up name mapped by the resolver to loopback is fetched from there, Host kept."""

    async def main() -> None:
        async with LoopbackServer({"/": page(b"<p>pinned</p>")}) as server:
            port = server.port

            async def resolver(host: str, port: int) -> list[str]:
                assert host == "news.invalid"
                return ["127.0.0.1"]

            settings = FetchSettings(allow_private=True, timeout=5.0, trust_env=False)
            async with Fetcher(settings, resolver=resolver) as fetcher:
                fetched = await fetcher.fetch(f"http://news.invalid:{port}/")
            assert fetched.final.body == b"<p>pinned</p>"
            assert fetched.final.ip_address == "127.0.0.1"
            assert server.requests[0].headers["host"] == f"news.invalid:{port}"

    run(main())
