"""The crawl engine against a real loopback server: outcomes, reasons, requests, exactly once."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from scraper.crawl.runner import crawl
from scraper.crawl.settings import CrawlSettings
from scraper.crawl.state import State
from scraper.crawl.summary import Summary
from scraper.fetch.settings import FetchSettings
from tests.support.pages import article, index
from tests.support.server import Reply, Running, Site, serve


def _settings(tmp_path: Path, *seeds: str, **kw: Any) -> CrawlSettings:
    base = CrawlSettings(
        seeds=seeds, output=tmp_path / "out.jsonl",
        fetch=FetchSettings(allow_private=True, timeout=2.0, connect_timeout=1.0),
        backoff_base=0.05, backoff_max=0.3, batch_seconds=0.05, concurrency=8, per_host=4,
    )
    return replace(base, **kw)


def _run(settings: CrawlSettings) -> Summary:
    return asyncio.run(crawl(settings))


def _records(tmp_path: Path) -> list[dict[str, Any]]:
    lines = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _outcomes(tmp_path: Path) -> dict[str, tuple[str, str]]:
    state = State(tmp_path / "out.jsonl.state")
    try:
        return state.outcomes()
    finally:
        state.close()


def _news_site(n: int = 5) -> Site:
    site = Site()
    site.page("/", index("Front page", [f"/news/{i}.html" for i in range(n)]))
    for i in range(n):
        site.page(f"/news/{i}.html", article(f"Story {i}", links=[f"/news/{(i + 1) % n}.html"]))
    return site


def _urls(server: Running, records: list[dict[str, Any]]) -> list[str]:
    return sorted(r["url"].removeprefix(server.base) for r in records)


def test_crawl_writes_each_article_once(tmp_path: Path) -> None:
    """Every article linked from the front page is written once; the front page is not an article."""
    with serve(_news_site()) as server:
        summary = _run(_settings(tmp_path, server.url("/")))
        assert _urls(server, _records(tmp_path)) == [f"/news/{i}.html" for i in range(5)]
        assert summary.written == 5
        assert _outcomes(tmp_path)[server.url("/")][0] == "not-article"
        assert all(server.count(f"/news/{i}.html") == 1 for i in range(5))


def test_rerun_fetches_and_writes_nothing(tmp_path: Path) -> None:
    """Running the same crawl again fetches no page and writes no record."""
    with serve(_news_site()) as server:
        _run(_settings(tmp_path, server.url("/")))
        before = len(server.requests)
        summary = _run(_settings(tmp_path, server.url("/")))
        assert summary.written == 0
        assert len(server.requests) == before
        assert len(_records(tmp_path)) == 5


def test_stop_then_resume_writes_everything_once(tmp_path: Path) -> None:
    """A crawl stopped mid-way (Ctrl-C) leaves its in-flight pages queued; the next run finishes them, each once."""
    site = _news_site(12)
    for i in range(12):
        site.route(f"/news/{i}.html", Reply(body=article(f"Story {i}").encode(), headers=()))

    async def stop_soon(settings: CrawlSettings) -> Summary:
        stop = asyncio.Event()
        asyncio.get_running_loop().call_later(0.35, stop.set)
        return await crawl(settings, stop=stop)

    with serve(site) as server:
        settings = _settings(tmp_path, server.url("/"), delay=0.05, per_host=1, sitemaps=False)
        first = asyncio.run(stop_soon(settings))
        assert first.interrupted and first.queued > 0
        second = _run(settings)
        assert not second.interrupted
        assert _urls(server, _records(tmp_path)) == sorted(f"/news/{i}.html" for i in range(12))


def test_recheck_sends_conditional_requests(tmp_path: Path) -> None:
    """--recheck asks again with If-None-Match; a 304 is recorded as not-modified and nothing is written again."""
    site = Site()
    site.page("/", index("Front page", ["/news/e.html"]))

    def etagged(count: int) -> Reply:
        return Reply(body=article("Tagged story").encode(), headers=(("ETag", '"v1"'),))

    site.route("/news/e.html", etagged)
    with serve(site) as server:
        _run(_settings(tmp_path, server.url("/"), sitemaps=False))
        site.route("/news/e.html", Reply(status=304, body=b"", headers=(("ETag", '"v1"'),)))
        summary = _run(_settings(tmp_path, server.url("/"), sitemaps=False, recheck=True))
        last = [r for r in server.requests if r.path == "/news/e.html"][-1]
        assert last.header("If-None-Match") == '"v1"'
        assert _outcomes(tmp_path)[server.url("/news/e.html")] == ("not-modified", "http-304")
        assert summary.written == 0
        assert len(_records(tmp_path)) == 1


def test_shard_sends_other_domains_to_the_outbox(tmp_path: Path) -> None:
    """A shard fetches only its own domains; links to others land in the outbox, unfetched."""
    from scraper.crawl.shard import ShardSpec

    other = _news_site(2)
    with serve(other, host="127.0.0.2") as far:
        site = Site()
        site.page("/", index("Front page", ["/news/0.html", far.url("/news/1.html")]))
        site.page("/news/0.html", article("Near story"))
        with serve(site) as near:
            settings = _settings(tmp_path, near.url("/"), scope="any", sitemaps=False, exclude=(r"\.invalid/",))
            summary = asyncio.run(crawl(settings, shard=ShardSpec(domains=frozenset({"127.0.0.1"}))))
            assert far.requests == []
            state = State(tmp_path / "out.jsonl.state")
            outbox = [row[0] for row in state.outbox()]
            assert far.url("/news/1.html") in outbox and summary.outbox == len(outbox)
            state.close()


def test_hosts_are_polite_independently(tmp_path: Path) -> None:
    """A Retry-After on one host does not hold back another host."""
    slow = Site()
    slow.page("/", index("Slow front", ["/x.html"]))
    slow.route("/x.html", [Reply(status=503, headers=(("Retry-After", "1"),)), Reply(body=article("Slow story").encode())])
    with serve(slow, host="127.0.0.2") as far, serve(_news_site(4)) as near:
        _run(_settings(tmp_path, far.url("/"), near.url("/"), scope="any", sitemaps=False, per_host=1,
                       exclude=(r"\.invalid/",)))  # the pages' ad link: no DNS, no traffic off loopback
        first_503 = next(r.at for r in far.requests if r.path == "/x.html")
        near_after = [r.at for r in near.requests if r.at > first_503]
        assert near_after and min(near_after) - first_503 < 0.9
        assert len(_records(tmp_path)) == 5


def test_max_depth_zero_fetches_only_the_seed(tmp_path: Path) -> None:
    """--max-depth 0 fetches the seed (and robots.txt), none of its links."""
    with serve(_news_site(5)) as server:
        _run(_settings(tmp_path, server.url("/news/0.html"), max_depth=0, sitemaps=False))
        assert server.paths() == ["/robots.txt", "/news/0.html"]


def test_max_pages_caps_fetches_and_leaves_the_rest_queued(tmp_path: Path) -> None:
    """--max-pages 3 stops after three page fetches; the rest stays queued for a later run."""
    with serve(_news_site(5)) as server:
        summary = _run(_settings(tmp_path, server.url("/"), max_pages=3, sitemaps=False))
        assert summary.fetched == 3
        assert summary.queued > 0


def test_sitemap_seed(tmp_path: Path) -> None:
    """A sitemap given as the seed is read as a sitemap: its pages are crawled."""
    site = Site()
    site.page("/a.html", article("Listed story A"))
    with serve(site) as server:
        urlset = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                  f"<url><loc>{server.url('/a.html')}</loc></url></urlset>").encode()
        site.route("/news-sitemap.xml", Reply(body=urlset, content_type="application/xml"))
        _run(_settings(tmp_path, server.url("/news-sitemap.xml"), sitemaps=False))
        assert [r["url"] for r in _records(tmp_path)] == [server.url("/a.html")]


def test_resume_cuts_lines_the_state_never_committed(tmp_path: Path) -> None:
    """Lines written after the last commit (a kill between write and commit) are cut, then written once."""
    with serve(_news_site(6)) as server:
        seeds = [server.url(f"/news/{i}.html") for i in range(6)]
        settings = _settings(tmp_path, *seeds, max_pages=3, max_depth=0, sitemaps=False)
        _run(settings)
        out = tmp_path / "out.jsonl"
        committed = out.read_bytes()
        with out.open("ab") as f:  # what a kill after fsync but before the commit leaves behind
            f.write(committed.splitlines(keepends=True)[0] + b'{"url": "partial')
        summary = _run(replace(settings, max_pages=None))
        assert summary.cut_bytes > 0
        urls = [r["url"] for r in _records(tmp_path)]
        assert sorted(urls) == sorted(server.url(f"/news/{i}.html") for i in range(6))


def test_warc_archives_every_exchange_and_records_point_at_it(tmp_path: Path) -> None:
    """With a WARC, robots.txt, sitemap, redirect hops and pages are archived; records name their response."""
    from warcio.archiveiterator import ArchiveIterator

    site = _news_site(2)
    site.route("/moved.html", Reply(status=301, headers=(("Location", "/news/0.html"),)))
    site.page("/", index("Front page", ["/moved.html", "/news/1.html"]))
    with serve(site) as server:
        _run(_settings(tmp_path, server.url("/"), warc=tmp_path / "crawl.warc.gz"))
        records = _records(tmp_path)
        with (tmp_path / "crawl.warc.gz").open("rb") as f:
            seen = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"))
                    for r in ArchiveIterator(f) if r.rec_type in ("response", "revisit")]
        targets = {url for _, url in seen}
        assert {server.url("/robots.txt"), server.url("/sitemap.xml"), server.url("/moved.html"),
                server.url("/news/0.html"), server.url("/news/1.html")} <= targets
        for record in records:
            capture = record["capture"]
            assert capture["warc_file"] and capture["warc_record_id"] and capture["warc_offset"] is not None
            with Path(capture["warc_file"]).open("rb") as f:
                f.seek(capture["warc_offset"])
                archived = next(iter(ArchiveIterator(f)))
            assert archived.rec_headers.get_header("WARC-Record-ID") == capture["warc_record_id"]


def test_demo_crawls_the_bundled_site(tmp_path: Path) -> None:
    """`scraper demo` serves fixtures/site on loopback and writes exactly its articles."""
    from scraper.cli import main

    expected = json.loads((Path(__file__).resolve().parents[1] / "fixtures/site/expected.json").read_text("utf-8"))
    out = tmp_path / "records.jsonl"
    assert main(["demo", "-o", str(out), "--quiet"]) == 0
    paths = sorted("/" + json.loads(line)["url"].split("/", 3)[3] for line in out.read_text("utf-8").splitlines())
    assert paths == sorted(expected["articles"])


def test_hosts_take_turns(tmp_path: Path) -> None:
    """With more hosts than request slots, hosts are served round robin: each is asked early."""
    with serve(_news_site(5)) as a, serve(_news_site(5), host="127.0.0.2") as b, \
            serve(_news_site(5), host="127.0.0.3") as c:
        seeds = [a.url("/"), *(a.url(f"/news/{i}.html") for i in range(5)), b.url("/"), c.url("/")]
        _run(_settings(tmp_path, *seeds, scope="any", sitemaps=False, concurrency=2, per_host=2,
                       exclude=(r"\.invalid/",)))
        pages = sorted((r.at, r.server) for s in (a, b, c) for r in s.requests if r.path != "/robots.txt")
        assert len({server for _, server in pages[:5]}) == 3


def test_worker_processes_give_the_same_records(tmp_path: Path) -> None:
    """Extraction in a worker process writes the same records as in the crawl process."""
    with serve(_news_site(3)) as server:
        _run(_settings(tmp_path, server.url("/"), sitemaps=False, extract_workers=1))
        assert _urls(server, _records(tmp_path)) == [f"/news/{i}.html" for i in range(3)]


@pytest.mark.parametrize(
    ("second", "outcome", "lines"),
    [
        (article("Tagged story"), ("not-modified", "same-content"), 1),
        (article("Tagged story, updated"), ("written", "changed"), 2),
    ],
    ids=["same-text", "changed-text"],
)
def test_recheck_without_validators(tmp_path: Path, second: str, outcome: tuple[str, str], lines: int) -> None:
    """A re-check answered 200: unchanged text is not written again, changed text is (a second line)."""
    site = Site()
    site.page("/", index("Front page", ["/news/e.html"]))
    site.page("/news/e.html", article("Tagged story"))
    with serve(site) as server:
        _run(_settings(tmp_path, server.url("/"), sitemaps=False))
        site.page("/news/e.html", second)
        _run(_settings(tmp_path, server.url("/"), sitemaps=False, recheck=True))
        assert _outcomes(tmp_path)[server.url("/news/e.html")] == outcome
        assert len(_records(tmp_path)) == lines
