"""RobotsCache: one robots.txt fetch per host, Protego answers, failures mean "wait"."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pytest

from scraper.fetch import Fetcher, FetchSettings, RobotsCache
from scraper.fetch.robots import ROBOTS_MAX_BYTES, host_of
from tests.fetch_server import LoopbackServer, page, run

UA = "scraper/0.1 (+https://example.invalid/scraper-bot)"
SETTINGS = FetchSettings(allow_private=True, timeout=5.0, trust_env=False)
ROBOTS = """# robots.txt for news.test
User-agent: *
Disallow: /search
Disallow: /private/
Allow: /private/press/

User-agent: scraper
Disallow: /drafts/
Crawl-delay: 2.5

User-agent: example
Disallow: /

Sitemap: https://news.test/sitemap.xml
Sitemap: https://news.test/news-sitemap.xml
"""


class Site:
    """A mock site: robots.txt per host, request counts per URL."""

    def __init__(self, robots: dict[str, httpx.Response]) -> None:
        self.robots = robots
        self.hits: Counter[str] = Counter()

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.hits[str(request.url)] += 1
        return self.robots.get(str(request.url), httpx.Response(404))


async def check_all(site: Site, urls: list[str], clock=None):  # type: ignore[no-untyped-def]
    async with Fetcher(SETTINGS, transport=httpx.MockTransport(site.handler)) as fetcher:
        robots = RobotsCache(fetcher, user_agent=UA, **({"clock": clock} if clock else {}))
        return [await robots.check(url) for url in urls], robots


def ok(text: str, **headers: str) -> httpx.Response:
    return httpx.Response(200, text=text, headers={"content-type": "text/plain", **headers})


RULES = [
    ("https://news.test/2024/05/story.html", True),
    ("https://news.test/drafts/story.html", False),  # our own group applies...
    ("https://news.test/search?q=x", True),  # ...and replaces the * group entirely
    ("https://news.test/", True),
]


@pytest.mark.parametrize(("url", "allowed"), RULES, ids=[u for u, _ in RULES])
def test_rules_for_our_group(url: str, allowed: bool) -> None:
    """Our product token's group applies, not `*` and not a group matching the contact URL."""
    site = Site({"https://news.test/robots.txt": ok(ROBOTS)})
    (verdict,), _ = run(check_all(site, [url]))
    assert verdict.allowed is allowed
    assert verdict.reason == ("allowed" if allowed else "robots")


def test_crawl_delay_parsed() -> None:
    """Crawl-delay of our group is reported with each verdict."""
    site = Site({"https://news.test/robots.txt": ok(ROBOTS)})
    (verdict,), _ = run(check_all(site, ["https://news.test/a"]))
    assert verdict.crawl_delay == 2.5


def test_star_group_applies_without_our_group() -> None:
    """Without a group for us, the * group applies."""
    text = "User-agent: *\nDisallow: /private/\nAllow: /private/press/\n"
    site = Site({"http://blog.test/robots.txt": ok(text)})
    verdicts, _ = run(check_all(site, ["http://blog.test/private/x", "http://blog.test/private/press/y"]))
    assert [v.allowed for v in verdicts] == [False, True]


def test_fetched_once_per_host() -> None:
    """Many checks on one host fetch robots.txt once; another port is another host."""
    site = Site({"https://news.test/robots.txt": ok(ROBOTS)})
    urls = [f"https://news.test/{n}.html" for n in range(50)] + ["https://news.test:8443/x"]
    run(check_all(site, urls))
    assert site.hits == {"https://news.test/robots.txt": 1, "https://news.test:8443/robots.txt": 1}


def test_concurrent_checks_share_one_fetch() -> None:
    """Checks racing for an uncached host wait for a single fetch."""
    site = Site({"https://news.test/robots.txt": ok(ROBOTS)})

    async def main() -> None:
        async with Fetcher(SETTINGS, transport=httpx.MockTransport(site.handler)) as fetcher:
            robots = RobotsCache(fetcher, user_agent=UA)
            verdicts = await asyncio.gather(*(robots.check(f"https://news.test/{n}") for n in range(20)))
        assert all(v.allowed for v in verdicts)

    run(main())
    assert site.hits["https://news.test/robots.txt"] == 1


@pytest.mark.parametrize("status", [401, 403, 404, 410], ids=str)
def test_client_error_allows_everything(status: int) -> None:
    """A 4xx robots.txt (other than 429) means no rules."""
    site = Site({"https://news.test/robots.txt": httpx.Response(status)})
    (verdict,), _ = run(check_all(site, ["https://news.test/drafts/x"]))
    assert verdict.allowed
    assert verdict.reason == "no-robots"


@pytest.mark.parametrize("status", [429, 500, 503], ids=str)
def test_server_error_disallows_for_now(status: int) -> None:
    """A 5xx or 429 robots.txt means nothing is allowed yet; retry_at says when to ask again."""
    site = Site({"https://news.test/robots.txt": httpx.Response(status)})
    (verdict,), _ = run(check_all(site, ["https://news.test/a"], clock=lambda: 1000.0))
    assert not verdict.allowed
    assert verdict.reason == "robots-unavailable"
    assert verdict.retry_at is not None and verdict.retry_at > 1000.0


def test_retry_after_respected() -> None:
    """A 503 with Retry-After: 600 sets retry_at at least 600 s ahead."""
    site = Site({"https://news.test/robots.txt": httpx.Response(503, headers={"Retry-After": "600"})})
    (verdict,), _ = run(check_all(site, ["https://news.test/a"], clock=lambda: 1000.0))
    assert verdict.retry_at == 1600.0


def test_unavailable_is_fetched_again_after_retry_at() -> None:
    """Before retry_at the failure is cached; after it robots.txt is fetched again."""
    now = [1000.0]
    responses = iter([httpx.Response(503), ok("User-agent: *\nDisallow:\n")])

    def handler(request: httpx.Request) -> httpx.Response:
        return next(responses)

    async def main() -> list[bool]:
        async with Fetcher(SETTINGS, transport=httpx.MockTransport(handler)) as fetcher:
            robots = RobotsCache(fetcher, user_agent=UA, clock=lambda: now[0])
            first = await robots.check("https://news.test/a")
            second = await robots.check("https://news.test/a")
            assert first.retry_at is not None
            now[0] = first.retry_at + 1
            third = await robots.check("https://news.test/a")
            return [first.allowed, second.allowed, third.allowed]

    assert run(main()) == [False, False, True]


def test_unreachable_host_disallows_for_now() -> None:
    """A robots.txt that cannot be fetched at all (connection refused) means wait."""

    async def main() -> None:
        async with LoopbackServer({}) as server:
            url = server.url("/page")
        async with Fetcher(SETTINGS) as fetcher:
            verdict = await RobotsCache(fetcher, user_agent=UA).check(url)
        assert not verdict.allowed
        assert verdict.reason == "robots-unavailable"

    run(main())


def test_robots_redirect_followed() -> None:
    """robots.txt redirected to another host is read from there."""
    site = Site({
        "http://news.test/robots.txt": httpx.Response(301, headers={"Location": "https://www.news.test/robots.txt"}),
        "https://www.news.test/robots.txt": ok("User-agent: *\nDisallow: /x\n"),
    })
    verdicts, _ = run(check_all(site, ["http://news.test/x", "http://news.test/y"]))
    assert [v.allowed for v in verdicts] == [False, True]


def test_sitemaps_listed() -> None:
    """Sitemap: lines are returned in order."""
    site = Site({"https://news.test/robots.txt": ok(ROBOTS)})

    async def main() -> list[str]:
        async with Fetcher(SETTINGS, transport=httpx.MockTransport(site.handler)) as fetcher:
            return await RobotsCache(fetcher, user_agent=UA).sitemaps("https://news.test/any")

    assert run(main()) == ["https://news.test/sitemap.xml", "https://news.test/news-sitemap.xml"]


def test_fetched_exchanges_drained() -> None:
    """fetched() hands over the robots.txt fetches once, for the archive."""
    site = Site({"https://news.test/robots.txt": ok(ROBOTS)})
    _, robots = run(check_all(site, ["https://news.test/a", "https://news.test/b", "https://other.test/"]))
    first = robots.fetched()
    assert [f.url for f in first] == ["https://news.test/robots.txt", "https://other.test/robots.txt"]
    assert robots.fetched() == []


def test_robots_body_capped() -> None:
    """Only the first 500 KiB of a robots.txt are read."""

    async def main() -> tuple[int, str | None]:
        big = "User-agent: *\n" + "Disallow: /x\n" * 60_000
        routes = {"/robots.txt": page(big.encode(), content_type="text/plain")}
        async with LoopbackServer(routes) as server, Fetcher(SETTINGS) as fetcher:
            robots = RobotsCache(fetcher, user_agent=UA)
            await robots.check(server.url("/a"))
            (fetched,) = robots.fetched()
        return len(fetched.final.body), fetched.final.truncated

    assert run(main()) == (ROBOTS_MAX_BYTES, "length")


def test_cache_bounded() -> None:
    """At most max_hosts hosts are kept; the least recent is fetched again."""
    site = Site({})

    async def main() -> None:
        async with Fetcher(SETTINGS, transport=httpx.MockTransport(site.handler)) as fetcher:
            robots = RobotsCache(fetcher, user_agent=UA, max_hosts=2)
            for host in ["a", "b", "c", "a"]:
                await robots.check(f"https://{host}.test/")

    run(main())
    assert site.hits["https://a.test/robots.txt"] == 2
    assert site.hits["https://b.test/robots.txt"] == 1


HOSTS = [
    ("https://News.Test/a", "https://news.test:443"),
    ("http://news.test:8080/a", "http://news.test:8080"),
    ("http://[::1]/a", "http://[::1]:80"),
]


@pytest.mark.parametrize(("url", "key"), HOSTS, ids=[u for u, _ in HOSTS])
def test_host_key(url: str, key: str) -> None:
    """The cache key is scheme://host:port with the port spelled out."""
    assert host_of(url) == key


def test_cancelled_checker_does_not_cancel_the_shared_fetch() -> None:
    """When the first caller is cancelled, the others still get their answer from one fetch."""
    hits: list[str] = []

    async def slow(request: httpx.Request) -> httpx.Response:
        hits.append(str(request.url))
        await asyncio.sleep(0.2)
        return ok("User-agent: *\nDisallow: /x\n")

    async def main() -> bool:
        async with Fetcher(SETTINGS, transport=httpx.MockTransport(slow)) as fetcher:
            robots = RobotsCache(fetcher, user_agent=UA)
            first = asyncio.ensure_future(robots.check("https://news.test/a"))
            second = asyncio.ensure_future(robots.check("https://news.test/x"))
            await asyncio.sleep(0.05)
            first.cancel()
            verdict = await second
            return verdict.allowed

    assert run(main()) is False
    assert hits == ["https://news.test/robots.txt"]
