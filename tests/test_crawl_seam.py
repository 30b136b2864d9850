"""The engine's seam for routers: routing rules, `crawl(..., inbox=...)`, the outbox cursor, state reads."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from scraper.crawl.routing import RoutedLink, Router, new_host_links, queue_link, seed_urls
from scraper.crawl.runner import counts_as_failed, crawl
from scraper.crawl.scope import Scope
from scraper.crawl.shard import ShardSpec
from scraper.crawl.state import Done, Link, OutboxLink, State, priority
from scraper.crawl.summary import Summary
from tests.support.pages import article
from tests.support.server import Site, serve
from tests.test_crawl import _settings

HOST = "http://news.test:80"


def _router(**kw: Any) -> Router:
    scope = Scope(mode="host", seeds=("http://news.test/",), exclude=(r"/private/",))
    return Router(scope=scope, **kw)


# -- routing rules ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("depth", "kind", "expected"),
    [(0, "robots", 0), (0, "sitemap", 0), (0, "page", 1), (1, "feed", 2), (1, "page", 3), (4, "page", 9)],
    ids=["robots", "sitemap", "seed-page", "feed", "page", "deep-page"],
)
def test_priority_puts_containers_before_pages_of_their_depth(depth: int, kind: str, expected: int) -> None:
    """The queue's rank: twice the depth, plus one for a page."""
    assert priority(depth, kind) == expected


@pytest.mark.parametrize(
    ("url", "depth", "kind", "seed", "expected"),
    [
        ("http://news.test/a.html", 1, "page", False,
         Link(url="http://news.test/a.html", depth=1, kind="page", priority=3, host=HOST)),
        ("http://news.test/deep.html", 3, "page", False, None),
        ("http://news.test/deep.xml", 3, "sitemap", False,
         Link(url="http://news.test/deep.xml", depth=3, kind="sitemap", priority=6, host=HOST)),
        ("http://other.test/x.html", 1, "page", False,
         Link(url="http://other.test/x.html", depth=1, kind="page", skipped="out-of-scope:host")),
        ("http://news.test/private/1.html", 1, "page", False,
         Link(url="http://news.test/private/1.html", depth=1, kind="page", skipped="excluded:/private/")),
        ("http://news.test/private/map.xml", 1, "sitemap", False,
         Link(url="http://news.test/private/map.xml", depth=1, kind="sitemap", priority=2, host=HOST)),
        ("http://other.test/", 0, "page", True,
         Link(url="http://other.test/", depth=0, kind="page", priority=1, host="http://other.test:80")),
    ],
    ids=["queued", "too-deep", "sitemap-not-a-hop", "out-of-scope", "excluded-page", "excluded-sitemap-kept",
         "seed-not-scoped"],
)
def test_router_routes(url: str, depth: int, kind: str, seed: bool, expected: Link | None) -> None:
    """Each link gets the route the crawl gives it: dropped, skipped or queued with its rank."""
    assert _router(max_depth=2).route(url, depth, kind, seed=seed) == expected


def test_router_sends_other_shards_domains_to_the_outbox() -> None:
    """A domain the shard does not own goes to the outbox, before any scope check."""
    router = _router(shard=ShardSpec(domains=frozenset({"news.test"})))
    link = router.route("http://elsewhere.test/x.html", 1, "page")
    assert link == Link(url="http://elsewhere.test/x.html", depth=1, kind="page", domain="elsewhere.test")


@pytest.mark.parametrize(
    ("url", "depth", "kind", "admitted"),
    [("http://news.test/a.html", 2, "page", True), ("http://news.test/a.html", 3, "page", False),
     ("http://other.test/a.html", 1, "page", False), ("http://news.test/private/m.xml", 5, "sitemap", True)],
    ids=["in-scope", "too-deep", "out-of-scope", "excluded-sitemap-deep"],
)
def test_router_admits_what_some_shard_would_fetch(url: str, depth: int, kind: str, admitted: bool) -> None:
    """`admits` is the depth and scope half of `route`, for a router between shards."""
    assert _router(max_depth=2).admits(url, depth, kind) is admitted


def test_a_new_host_queues_robots_then_sitemap() -> None:
    """A host's bootstrap: robots.txt and /sitemap.xml, ranked before any page."""
    assert [(link.url, link.kind, link.priority) for link in new_host_links(HOST)] == [
        ("http://news.test/robots.txt", "robots", -2), ("http://news.test/sitemap.xml", "sitemap", -1)]


def test_no_bootstrap_without_sitemaps() -> None:
    """With sitemaps off a new host queues nothing more."""
    assert _router(sitemaps=False).new_host(HOST) == []


def test_queue_link_and_seeds_normalise_like_the_crawl() -> None:
    """Seeds are normalised (bad ones dropped); a queued link carries its host and rank."""
    assert seed_urls(["HTTP://News.Test/a.html#top", "not a url"]) == ["http://news.test/a.html"]
    assert queue_link("http://news.test/a.html", 2, "feed").priority == 4


@pytest.mark.parametrize(("outcome", "failed"), [("http-error", True), ("robots", True), ("written", False),
                                                 ("not-article", False)],
                         ids=["http-error", "robots", "written", "not-article"])
def test_counts_as_failed(outcome: str, failed: bool) -> None:
    """robots.txt refusals count as failures with the FAILED outcomes; nothing else does."""
    assert counts_as_failed(outcome) is failed


# -- the state's reads for routers -----------------------------------------------------------

def test_outbox_after_reads_past_a_cursor(tmp_path: Path) -> None:
    """Outbox links come back in the order they were added, each once across cursors."""
    with State(tmp_path / "state") as state:
        state.add([Link(url="http://b.test/2", depth=1, domain="b.test"),
                   Link(url="http://a.test/1", depth=2, kind="feed", domain="a.test")], now=0)
        first, cursor = state.outbox_after(0)
        assert first == [OutboxLink("http://b.test/2", "b.test", 1, "page"),
                         OutboxLink("http://a.test/1", "a.test", 2, "feed")]
        state.add([Link(url="http://c.test/3", depth=1, domain="c.test")], now=0)
        second, cursor = state.outbox_after(cursor)
        assert [link.url for link in second] == ["http://c.test/3"]
        assert state.outbox_after(cursor) == ([], cursor)


def test_state_exists_only_after_opening(tmp_path: Path) -> None:
    """`State.exists` tells a used state directory from an empty one, without creating it."""
    assert not State.exists(tmp_path / "state")
    with State(tmp_path / "state"):
        pass
    assert State.exists(tmp_path / "state")


def test_pages_fetched_survives_reopening(tmp_path: Path) -> None:
    """The life-time fetch count is kept in the state; the with-block releases the directory."""
    with State(tmp_path / "state") as state:
        assert state.pages_fetched == 0
        state.set_pages_fetched(7)
    with State(tmp_path / "state") as again:
        assert again.pages_fetched == 7


def test_recheck_ranks_with_the_same_priority(tmp_path: Path) -> None:
    """A re-check queues a sitemap before the page of its depth, as the first crawl did."""
    with State(tmp_path / "state") as state:
        for url, kind in (("http://a.test/p.html", "page"), ("http://a.test/map.xml", "sitemap")):
            state.add([Link(url=url, depth=0, kind=kind, host="http://a.test:80")], now=0)
            with state.transaction():
                state.record_done(Done(url=url, outcome="written" if kind == "page" else "sitemap",
                                       reason="x", depth=0, kind=kind, attempts=1), now=1)
        state.start_recheck(host_of=lambda url: "http://a.test:80")
        queued = state.next_for_host("http://a.test:80", now=2, limit=5)
        assert [item.kind for item in queued] == ["sitemap", "page"]


# -- crawl(..., inbox=...) -------------------------------------------------------------------

def _deep_site() -> Site:
    site = Site()
    site.page("/", article("Front story"))
    site.page("/deep/a.html", article("Deep story", links=["/deep/b.html"]))
    site.page("/deep/b.html", article("Deeper story"))
    return site


def test_inbox_links_keep_their_depth(tmp_path: Path) -> None:
    """A routed link is crawled at the depth it was given: its own links past --max-depth are not."""
    with serve(_deep_site()) as server:
        settings = _settings(tmp_path, server.url("/"), max_depth=2, sitemaps=False)
        asyncio.run(crawl(settings, inbox=[RoutedLink(server.url("/deep/a.html"), 2, "page")]))
        assert server.count("/deep/a.html") == 1 and server.count("/deep/b.html") == 0
        with State(tmp_path / "out.jsonl.state") as state:
            assert state.outcomes()[server.url("/deep/a.html")][0] == "written"


def test_inbox_bootstraps_a_new_host(tmp_path: Path) -> None:
    """The first routed link of a host also queues its robots.txt and sitemap, as the crawl's own links do."""
    with serve(_deep_site(), host="127.0.0.2") as far, serve(_deep_site()) as near:
        settings = _settings(tmp_path, near.url("/"), scope="any")
        shard = ShardSpec(domains=frozenset({"127.0.0.2"}))
        asyncio.run(crawl(settings, shard=shard, inbox=[RoutedLink(far.url("/deep/b.html"), 1, "page")]))
        assert near.requests == []
        assert [far.count(p) for p in ("/robots.txt", "/sitemap.xml", "/deep/b.html")] == [1, 1, 1]


def test_the_same_inbox_again_fetches_nothing(tmp_path: Path) -> None:
    """Handing a crawl links it has seen (a re-run task) queues nothing new."""
    with serve(_deep_site()) as server:
        settings = _settings(tmp_path, server.url("/"), sitemaps=False)
        inbox = [RoutedLink(server.url("/deep/b.html"), 1, "page")]
        asyncio.run(crawl(settings, inbox=inbox))
        before = len(server.requests)
        again: Summary = asyncio.run(crawl(settings, inbox=inbox))
        assert len(server.requests) == before and again.written == 0
