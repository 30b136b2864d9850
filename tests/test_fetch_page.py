"""fetch_page (behind `scraper extract URL`), settings, and the client's configuration."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from scraper.errors import ConfigError, HTTPStatusError, RefusedAddress, RobotsDisallowed, RobotsUnavailable
from scraper.fetch import Fetcher, FetchSettings, fetch_page
from scraper.fetch.settings import robots_token
from tests.fetch_server import page, redirect, serve_in_thread

LOOPBACK = FetchSettings(allow_private=True, timeout=5.0, trust_env=False)
ARTICLE = b"""<!doctype html><html><head><title>Harbour reopens</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Harbour reopens</h1><p>The harbour reopened on Monday.</p></article>
<aside class="ad">Advertisement</aside><footer>(c) News</footer></body></html>"""
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def routes() -> dict[str, object]:
    return {
        "/robots.txt": page(ROBOTS, content_type="text/plain"),
        "/story": page(ARTICLE),
        "/old-story": redirect("/story", 301),
        "/private/memo": page(ARTICLE),
        "/gone": page(b"<html><body>Gone</body></html>", status=410),
    }


def test_fetch_page_returns_page_with_capture() -> None:
    """A fetched page carries its bytes, final URL, headers and capture."""
    with serve_in_thread(routes()) as server:  # type: ignore[arg-type]
        got = fetch_page(server.url("/old-story"), settings=LOOPBACK)
        assert server.hits["/robots.txt"] == 1
    assert got.data == ARTICLE
    assert got.name == server.url("/old-story")
    assert got.url == server.url("/story")
    assert got.headers["content-type"] == "text/html; charset=utf-8"
    assert got.capture is not None
    assert got.capture.status == 200
    assert got.capture.final_url == server.url("/story")
    assert got.capture.content_type == "text/html; charset=utf-8"
    assert got.capture.fetched_at is not None and got.capture.fetched_at.tzinfo is not None


def test_fetch_page_robots_disallow() -> None:
    """A URL robots.txt disallows raises RobotsDisallowed and is not fetched."""
    with serve_in_thread(routes()) as server, pytest.raises(RobotsDisallowed) as info:  # type: ignore[arg-type]
        fetch_page(server.url("/private/memo"), settings=LOOPBACK)
    assert server.hits["/private/memo"] == 0
    assert info.value.reason == "robots"


def test_fetch_page_robots_unavailable() -> None:
    """A 503 robots.txt raises RobotsUnavailable with a retry time."""
    table = {**routes(), "/robots.txt": page(b"busy", status=503)}
    with serve_in_thread(table) as server, pytest.raises(RobotsUnavailable) as info:  # type: ignore[arg-type]
        fetch_page(server.url("/story"), settings=LOOPBACK)
    assert info.value.retry_at is not None


def test_fetch_page_http_error_status() -> None:
    """A 4xx answer raises HTTPStatusError with the status."""
    with serve_in_thread(routes()) as server, pytest.raises(HTTPStatusError, match="410") as info:  # type: ignore[arg-type]
        fetch_page(server.url("/gone"), settings=LOOPBACK)
    assert info.value.status == 410


def test_fetch_page_refuses_loopback_by_default() -> None:
    """Without allow_private, a loopback URL is refused before any connection."""
    with pytest.raises(RefusedAddress, match="loopback"):
        fetch_page("http://127.0.0.1:9/story")


def test_user_agent_with_contact() -> None:
    """--contact replaces the default contact in the User-Agent, keeping the version."""
    settings = FetchSettings(contact="mailto:desk@example.org")
    assert settings.agent.startswith("scraper/0.1")
    assert settings.agent.endswith("(+mailto:desk@example.org)")
    assert FetchSettings().agent == FetchSettings().user_agent


TOKENS = [
    ("scraper/0.1 (+https://example.invalid/scraper-bot)", "scraper"),
    ("NewsBot/2.0", "NewsBot"),
    ("plain", "plain"),
]


@pytest.mark.parametrize(("agent", "token"), TOKENS, ids=[a for a, _ in TOKENS])
def test_robots_token(agent: str, token: str) -> None:
    """robots.txt groups are matched on the product token only."""
    assert robots_token(agent) == token


BAD = [{"timeout": 0}, {"max_bytes": 0}, {"max_redirects": -1}, {"connect_timeout": -1.0}]


@pytest.mark.parametrize("kwargs", BAD, ids=[next(iter(b)) for b in BAD])
def test_settings_rejected(kwargs: dict[str, float]) -> None:
    """Impossible settings raise ConfigError."""
    with pytest.raises(ConfigError):
        FetchSettings(**kwargs)  # type: ignore[arg-type]


def test_http2_enabled_on_the_client() -> None:
    """http2=True reaches the connection pool (h2 over cleartext cannot be tested on loopback)."""
    fetcher = Fetcher(FetchSettings(http2=True, trust_env=False))
    transport = fetcher._client._transport  # the default transport httpx built
    assert isinstance(transport, httpx.AsyncHTTPTransport)
    assert transport._pool._http2 is True


def test_request_headers_as_sent() -> None:
    """The exchange records the request headers actually sent, caller's included."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok")

    async def main() -> list[tuple[str, str]]:
        async with Fetcher(LOOPBACK, transport=httpx.MockTransport(handler)) as fetcher:
            fetched = await fetcher.fetch("http://news.test/", headers={"If-None-Match": '"abc"'})
        return fetched.final.request_headers

    headers = dict((k.lower(), v) for k, v in asyncio.run(main()))
    assert headers["if-none-match"] == '"abc"'
    assert headers["user-agent"] == LOOPBACK.agent
    assert "br" in headers["accept-encoding"]
    assert headers["host"] == "news.test"
