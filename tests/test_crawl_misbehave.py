"""Crawling a server that misbehaves on purpose: each case's outcome, reason and requests."""

from __future__ import annotations

import gzip
import itertools
from pathlib import Path

import pytest

from tests.support.pages import article, index
from tests.support.server import Reply, Site, bomb_reply, redirect, serve
from tests.test_crawl import _outcomes, _records, _run, _settings


def _site_with(path: str, reply: Reply | list[Reply]) -> Site:
    site = Site()
    site.page("/", index("Front page", [path, "/news/ok.html"]))
    site.page("/news/ok.html", article("A calm story"))
    site.route(path, reply)
    return site


@pytest.mark.parametrize(
    ("reply", "outcome", "reason_start", "requests"),
    [
        (Reply(status=404), "http-error", "http-404", 1),
        (Reply(status=410), "http-error", "http-410", 1),
        (Reply(status=403), "http-error", "http-403", 1),
        (Reply(status=503), "http-error", "http-503", 2),
        (Reply(status=502), "http-error", "http-502", 2),
        (Reply(mode="reset"), "fetch-error", "", 2),
        (bomb_reply(8 * 1024 * 1024), "too-large", "", 1),
        (Reply(mode="huge", size=50 * 1024 * 1024), "too-large", "", 1),
        (Reply(mode="trickle", trickle_every=0.05, trickle_for=5.0), "timeout", "", 1),
        (Reply(body=b"%PDF-1.4 binary", content_type="application/pdf"), "not-html", "", 1),
    ],
    ids=["404", "410", "403", "503-retried", "502-retried", "reset-retried", "gzip-bomb", "50mb-page",
         "endless-trickle", "pdf"],
)
def test_bad_page_is_recorded_and_crawl_goes_on(
    tmp_path: Path, reply: Reply, outcome: str, reason_start: str, requests: int
) -> None:
    """A misbehaving page gets its outcome and reason, is retried only when retryable, and the good page is written."""
    with serve(_site_with("/news/bad.html", reply)) as server:
        _run(_settings(tmp_path, server.url("/"), retries=1, fetch=_settings(tmp_path, "x").fetch.__class__(
            allow_private=True, timeout=1.0, connect_timeout=1.0, max_bytes=1024 * 1024)))
        got, reason = _outcomes(tmp_path)[server.url("/news/bad.html")]
        assert got == outcome
        assert reason.startswith(reason_start)
        assert server.count("/news/bad.html") == requests
        assert [r["url"] for r in _records(tmp_path)] == [server.url("/news/ok.html")]


def test_truncated_body_is_not_written(tmp_path: Path) -> None:
    """A body cut short of its Content-Length is a retryable fetch error, never a record."""
    cut = Reply(body=article("Cut story").encode()[:300], mode="truncate")
    with serve(_site_with("/news/cut.html", cut)) as server:
        _run(_settings(tmp_path, server.url("/"), retries=1))
        assert _outcomes(tmp_path)[server.url("/news/cut.html")][0] == "fetch-error"
        assert server.count("/news/cut.html") == 2
        assert len(_records(tmp_path)) == 1


def test_retry_after_slows_the_whole_host(tmp_path: Path) -> None:
    """After a 429 with Retry-After: 1, no request reaches that host for a second."""
    busy = [Reply(status=429, headers=(("Retry-After", "1"),)), Reply(body=article("Busy story").encode())]
    site = _site_with("/news/busy.html", busy)
    site.page("/", index("Front page", ["/news/busy.html", *[f"/news/{i}.html" for i in range(4)]]))
    for i in range(4):
        site.page(f"/news/{i}.html", article(f"Story {i}"))
    with serve(site) as server:
        _run(_settings(tmp_path, server.url("/"), per_host=1, sitemaps=False))
        seen = server.requests
        first_429 = next(r.at for r in seen if r.path == "/news/busy.html")
        later = [r.at - first_429 for r in seen if r.at > first_429]
        assert later and min(later) >= 0.95
        assert _outcomes(tmp_path)[server.url("/news/busy.html")][0] == "written"
        assert len(_records(tmp_path)) == 5


def test_redirect_loop(tmp_path: Path) -> None:
    """A redirect cycle is recorded as a redirect failure, not followed forever."""
    site = _site_with("/loop/a", redirect("/loop/b"))
    site.route("/loop/b", redirect("/loop/a"))
    with serve(site) as server:
        _run(_settings(tmp_path, server.url("/")))
        assert _outcomes(tmp_path)[server.url("/loop/a")][0] == "redirect"
        assert server.count("/loop/a") + server.count("/loop/b") <= 12


def test_robots_disallow_is_obeyed(tmp_path: Path) -> None:
    """A disallowed path is recorded as robots and never requested."""
    site = _site_with("/private/secret.html", Reply(body=article("Secret").encode()))
    site.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    with serve(site) as server:
        _run(_settings(tmp_path, server.url("/")))
        assert _outcomes(tmp_path)[server.url("/private/secret.html")][0] == "robots"
        assert server.count("/private/secret.html") == 0


def test_crawl_delay_spaces_requests(tmp_path: Path) -> None:
    """Crawl-delay: 0.2 keeps requests to the host at least 0.2 s apart (one at a time)."""
    site = Site()
    site.page("/", index("Front page", [f"/news/{i}.html" for i in range(3)]))
    for i in range(3):
        site.page(f"/news/{i}.html", article(f"Story {i}"))
    site.route("/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 0.2\n", content_type="text/plain"))
    with serve(site) as server:
        _run(_settings(tmp_path, server.url("/"), sitemaps=False))
        times = [r.at for r in server.requests if r.path != "/robots.txt"]
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert len(times) >= 4 and min(gaps) >= 0.15  # 0.2 s, less timer and scheduling noise


def _urlset(urls: list[str]) -> bytes:
    body = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'.encode()


def test_sitemaps_from_robots_index_and_gzip(tmp_path: Path) -> None:
    """Pages only listed in sitemaps (robots.txt -> index -> plain and gzipped sitemaps) are written."""
    site = Site()
    site.page("/", index("Front page", []))
    with serve(site) as server:
        index_xml = (
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{server.url('/sm1.xml.gz')}</loc></sitemap>"
            f"<sitemap><loc>{server.url('/sm2.xml')}</loc></sitemap></sitemapindex>"
        ).encode()
        site.route("/robots.txt", Reply(body=f"Sitemap: {server.url('/sm-index.xml')}\n".encode(),
                                        content_type="text/plain"))
        site.route("/sm-index.xml", Reply(body=index_xml, content_type="application/xml"))
        site.route("/sm1.xml.gz", Reply(body=gzip.compress(_urlset([server.url("/a.html")])),
                                        content_type="application/x-gzip"))
        site.route("/sm2.xml", Reply(body=_urlset([server.url("/b.html")]), content_type="application/xml"))
        site.page("/a.html", article("Listed story A"))
        site.page("/b.html", article("Listed story B"))
        _run(_settings(tmp_path, server.url("/")))
        assert sorted(r["url"] for r in _records(tmp_path)) == [server.url("/a.html"), server.url("/b.html")]
        assert _outcomes(tmp_path)[server.url("/sm-index.xml")][0] == "sitemap"


def test_feed_linked_from_page(tmp_path: Path) -> None:
    """Entries of an RSS feed the front page links to are crawled."""
    head = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    site = Site()
    site.page("/", index("Front page", [], head=head))
    site.page("/fed.html", article("Fed story"))
    with serve(site) as server:
        rss = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>R</title><item><title>Fed</title>'
               f"<link>{server.url('/fed.html')}</link></item></channel></rss>").encode()
        site.route("/feed.xml", Reply(body=rss, content_type="application/rss+xml"))
        _run(_settings(tmp_path, server.url("/"), sitemaps=False))
        assert [r["url"] for r in _records(tmp_path)] == [server.url("/fed.html")]
        assert _outcomes(tmp_path)[server.url("/feed.xml")][0] == "feed"


def test_tracking_parameters_fetch_once(tmp_path: Path) -> None:
    """Links differing only in tracking parameters are one URL: fetched and written once."""
    site = Site()
    site.page("/", index("Front page", ["/s.html?utm_source=a", "/s.html?utm_medium=b&utm_source=c", "/s.html"]))
    site.page("/s.html", article("Tracked story"))
    with serve(site) as server:
        _run(_settings(tmp_path, server.url("/"), sitemaps=False))
        assert server.count("/s.html") == 1
        assert len(_records(tmp_path)) == 1


def test_gbk_page(tmp_path: Path) -> None:
    """A GBK page declared in its header is decoded and written with its charset."""
    html = article("城市公园开放").replace('charset="utf-8"', 'charset="gbk"')
    site = Site()
    site.page("/", index("Front page", ["/gbk.html"]))
    site.page("/gbk.html", html, content_type="text/html; charset=gbk", encoding="gbk")
    with serve(site) as server:
        _run(_settings(tmp_path, server.url("/"), sitemaps=False))
        (record,) = _records(tmp_path)
        assert "城市公园开放" in record["body"]
        assert record["capture"]["encoding"].lower() in {"gbk", "gb18030"}


def test_redirect_out_of_scope_is_not_written(tmp_path: Path) -> None:
    """A page that redirects to another host (scope host) is recorded out-of-scope, not written."""
    far_site = Site()
    far_site.page("/elsewhere.html", article("Elsewhere story"))
    with serve(far_site, host="127.0.0.2") as far:
        site = _site_with("/news/away.html", redirect(far.url("/elsewhere.html")))
        with serve(site) as server:
            _run(_settings(tmp_path, server.url("/"), scope="host", sitemaps=False))
            outcome, reason = _outcomes(tmp_path)[server.url("/news/away.html")]
            assert (outcome, reason) == ("out-of-scope", "redirect:out-of-scope:host")
            assert [r["url"] for r in _records(tmp_path)] == [server.url("/news/ok.html")]


def test_robots_5xx_waits_then_retries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A robots.txt answering 503 holds the host back; once it answers, the pages are crawled."""
    monkeypatch.setattr("scraper.fetch.robots.RETRY_BASE", 0.2)
    site = _site_with("/news/later.html", Reply(body=article("Later story").encode()))
    site.route("/robots.txt", [Reply(status=503), Reply(body=b"User-agent: *\nAllow: /\n", content_type="text/plain")])
    with serve(site) as server:
        _run(_settings(tmp_path, server.url("/"), sitemaps=False))
        assert server.paths()[:2] == ["/robots.txt", "/robots.txt"]
        assert server.count("/") == 1
        assert len(_records(tmp_path)) == 2


def test_refused_connection_is_retried_then_recorded(tmp_path: Path) -> None:
    """A host that refuses connections gives a retried fetch-error, and the crawl ends."""
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    seed = f"http://127.0.0.1:{port}/"
    summary = _run(_settings(tmp_path, seed, retries=1, sitemaps=False, ignore_robots=True))
    outcome, reason = _outcomes(tmp_path)[seed]
    assert outcome == "fetch-error" and reason.startswith("connect")
    assert summary.queued == 0


def test_private_address_refused_without_allow_private(tmp_path: Path) -> None:
    """Without allow_private a loopback seed is recorded refused-address and never contacted."""
    from scraper.fetch.settings import FetchSettings

    with serve(_site_with("/news/x.html", Reply(status=404))) as server:
        _run(_settings(tmp_path, server.url("/"), fetch=FetchSettings(timeout=1.0)))
        assert _outcomes(tmp_path)[server.url("/")][0] == "refused-address"
        assert server.requests == []


def test_extraction_bug_is_isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception while extracting one page is recorded as extract-error; the rest is written."""
    import scraper.crawl.extractor as extractor

    real = extractor.analyse

    def flaky(body: bytes, url: str, *args: object, **kw: object) -> object:
        if url.endswith("/news/boom.html"):
            raise ZeroDivisionError("a bug in an extractor")
        return real(body, url, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(extractor, "analyse", flaky)
    with serve(_site_with("/news/boom.html", Reply(body=article("Boom story").encode()))) as server:
        _run(_settings(tmp_path, server.url("/"), sitemaps=False))
        outcome, reason = _outcomes(tmp_path)[server.url("/news/boom.html")]
        assert (outcome, reason) == ("extract-error", "ZeroDivisionError: a bug in an extractor")
        assert [r["url"] for r in _records(tmp_path)] == [server.url("/news/ok.html")]


def test_sitemap_address_answering_html_is_no_record(tmp_path: Path) -> None:
    """A /sitemap.xml that answers an HTML page (a soft 404) is never written as an article."""
    site = _site_with("/news/x.html", Reply(status=404))
    site.page("/sitemap.xml", article("Page not found, but here is a long story instead"))
    with serve(site) as server:
        _run(_settings(tmp_path, server.url("/")))
        assert _outcomes(tmp_path)[server.url("/sitemap.xml")] == ("not-article", "sitemap-answered-html")
        assert [r["url"] for r in _records(tmp_path)] == [server.url("/news/ok.html")]
