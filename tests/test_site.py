"""fixtures/site is self-consistent: links resolve to files, robots and sitemaps parse, expectations hold."""

from __future__ import annotations

import json
from collections import deque
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from protego import Protego

from scraper.crawl.discover import parse_feed, parse_sitemap
from scraper.crawl.urls import normalise
from scraper.decode import decode
from scraper.dom import Tree, parse
from scraper.extract.links import feed_links, page_links

SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"
ORIGIN = "http://127.0.0.1:8000"
EXPECTED = json.loads((SITE / "expected.json").read_text(encoding="utf-8"))
PAGES = sorted(p for p in SITE.rglob("*") if p.suffix in {".html", ".htm"})
# Pages built from the site's templates (not dropped in from elsewhere): their links are checked.
OWN_PAGES = [p for p in PAGES if "/" + p.relative_to(SITE).as_posix() not in EXPECTED["foreign_pages"]]
# Off-site links the fixture may carry: reserved example domains only, never real hosts.
OFFSITE_HOSTS = {"www.example.org", "ads.example.net", "weibo.example.net", "accounts.example.net",
                 "twitter.example.net"}


def file_of(path: str) -> Path:
    """The file a static server serves for a URL path."""
    target = SITE / urlsplit(path).path.lstrip("/")
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def url_path(file: Path) -> str:
    """The URL path of a page file (directories' index.html as their path, except section indexes)."""
    rel = "/" + file.relative_to(SITE).as_posix()
    for listed in EXPECTED["not_articles"]:
        if listed.endswith("/") and rel == listed + "index.html":
            return listed
    return rel


@cache
def tree_of(file: Path) -> Tree:
    return parse(decode(file.read_bytes(), None).text)


def test_expected_paths_exist() -> None:
    """Every path named in expected.json is a file of the site."""
    for key in ("articles", "not_articles", "disallowed", "sitemap_only", "feed_only", "gbk"):
        for path in EXPECTED[key]:
            assert file_of(path).is_file(), f"{key}: {path}"


def test_every_page_is_expected() -> None:
    """Every HTML page is listed as an article, a non-article or disallowed."""
    listed = set(EXPECTED["articles"]) | set(EXPECTED["not_articles"]) | set(EXPECTED["disallowed"])
    assert {url_path(p) for p in PAGES} == listed


@pytest.mark.parametrize("page", OWN_PAGES, ids=[url_path(p) for p in OWN_PAGES])
def test_every_reference_resolves(page: Path) -> None:
    """Every same-site href/src of a page is a file; off-site links go to reserved example hosts only."""
    base = ORIGIN + url_path(page)
    tree = tree_of(page)
    for node in tree.css("a[href], link[href], img[src], script[src]"):
        raw = node.attributes.get("href") or node.attributes.get("src") or ""
        if raw.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        url = normalise(raw, base=base)
        assert url is not None, raw
        parts = urlsplit(url)
        if not url.startswith(ORIGIN):
            assert parts.hostname in OFFSITE_HOSTS, url
            continue
        assert file_of(parts.path).is_file(), f"{raw} in {url_path(page)}"


def test_robots() -> None:
    """robots.txt disallows /private/ for any crawler and names the sitemap."""
    robots = Protego.parse((SITE / "robots.txt").read_text(encoding="utf-8"))
    assert not robots.can_fetch(ORIGIN + EXPECTED["disallowed"][0], "scraper")
    assert robots.can_fetch(ORIGIN + "/ssxx/index.html", "scraper")
    assert list(robots.sitemaps) == ["/sitemap.xml"]


def sitemap_pages() -> dict[str, str | None]:
    """Pages of every sitemap reachable from /sitemap.xml, by path, with lastmod."""
    index = parse_sitemap((SITE / "sitemap.xml").read_bytes(), url=ORIGIN + "/sitemap.xml")
    pages: dict[str, str | None] = {}
    for child in index.sitemaps:
        sitemap = parse_sitemap(file_of(urlsplit(child).path).read_bytes(), url=child)
        pages.update({urlsplit(e.url).path: e.lastmod for e in sitemap.pages})
    return pages


def test_sitemap_index_plain_and_gzipped() -> None:
    """The index points to a plain and a gzipped sitemap; every entry is a file."""
    index = parse_sitemap((SITE / "sitemap.xml").read_bytes(), url=ORIGIN + "/sitemap.xml")
    assert [urlsplit(u).path for u in index.sitemaps] == ["/sitemap-pages.xml", "/sitemap-articles.xml.gz"]
    assert (SITE / "sitemap-articles.xml.gz").read_bytes()[:2] == b"\x1f\x8b"
    for path in sitemap_pages():
        assert file_of(path).is_file(), path


def test_sitemap_articles_have_lastmod() -> None:
    """Every article in the sitemaps carries a lastmod."""
    pages = sitemap_pages()
    assert all(pages[p] for p in EXPECTED["articles"] if p in pages)


def feed_paths() -> list[str]:
    entries = parse_feed((SITE / "feed.xml").read_bytes(), url=ORIGIN + "/feed.xml")
    return [urlsplit(e.url).path for e in entries]


def test_feed_entries_are_articles() -> None:
    """The feed parses, and its items are articles of the site."""
    paths = feed_paths()
    assert paths and set(paths) <= set(EXPECTED["articles"])


def linked_paths() -> set[str]:
    """Paths any page of the site links to (anchors, normalised)."""
    found: set[str] = set()
    for page in PAGES:
        for url in page_links(tree_of(page), base_url=ORIGIN + url_path(page)):
            if url.startswith(ORIGIN):
                found.add(urlsplit(url).path)
    return found


def test_sitemap_only_page() -> None:
    """The sitemap-only page is in a sitemap and linked from no page."""
    (path,) = EXPECTED["sitemap_only"]
    assert path in sitemap_pages()
    assert path not in linked_paths()
    assert path not in feed_paths()


def test_feed_only_page() -> None:
    """The feed-only page is in the feed, in no sitemap, and linked from no page."""
    (path,) = EXPECTED["feed_only"]
    assert path in feed_paths()
    assert path not in sitemap_pages()
    assert path not in linked_paths()


def test_private_page_is_linked() -> None:
    """The disallowed page is linked, so only robots.txt keeps a crawler away from it."""
    assert EXPECTED["disallowed"][0] in linked_paths()


def test_tracking_duplicates_collapse() -> None:
    """Tracking-parameter links appear in the markup and normalise to the plain article URL."""
    home = (SITE / "index.html").read_text(encoding="utf-8")
    for dup in EXPECTED["tracking_duplicates"]:
        assert f'href="{dup}"' in home
        assert normalise(dup, base=ORIGIN) == ORIGIN + urlsplit(dup).path
    assert not any("utm_" in u for u in page_links(tree_of(SITE / "index.html"), base_url=ORIGIN + "/"))


def test_every_page_reachable() -> None:
    """Links, sitemaps and the feed reach every article and non-article from the start page."""
    robots = Protego.parse((SITE / "robots.txt").read_text(encoding="utf-8"))
    seen = {EXPECTED["start"], *sitemap_pages(), *feed_paths()}
    queue = deque(seen)
    blocked = set()
    while queue:
        path = queue.popleft()
        if not robots.can_fetch(ORIGIN + path, "scraper"):
            blocked.add(path)
            continue
        if path in EXPECTED["foreign_pages"]:
            continue
        tree = tree_of(file_of(path))
        for url in page_links(tree, base_url=ORIGIN + path):
            next_path = urlsplit(url).path
            if url.startswith(ORIGIN) and next_path not in seen and next_path.endswith((".html", ".htm", "/")):
                seen.add(next_path)
                queue.append(next_path)
    fetched = seen - blocked
    assert fetched >= set(EXPECTED["articles"]) | set(EXPECTED["not_articles"])
    assert blocked == set(EXPECTED["disallowed"])


def test_pages_link_the_feed() -> None:
    """Every page advertises the feed with <link rel=alternate>."""
    for page in OWN_PAGES:
        assert feed_links(tree_of(page), base_url=ORIGIN + url_path(page)) == [ORIGIN + "/feed.xml"]


@pytest.mark.parametrize("path", EXPECTED["gbk"], ids=EXPECTED["gbk"])
def test_gbk_pages(path: str) -> None:
    """GBK pages declare gb2312 and are not UTF-8."""
    data = file_of(path).read_bytes()
    assert b"charset=gb2312" in data or b'charset="gb2312"' in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode(data, None).encoding == "gb18030"


def test_seed_title() -> None:
    """The seed article's place holds the seed's title."""
    tree = tree_of(file_of(EXPECTED["seed"]))
    h1 = tree.css_first("h1")
    assert h1 is not None
    assert h1.text(strip=True) == "全国志愿服务“四个100”,宁波5个先进典型上榜"


# ---------------------------------------------------------------- bench/gensite.py
def test_gensite_is_consistent(tmp_path: Path) -> None:
    """A generated benchmark site: links resolve, sitemaps list every article, pages classify."""
    from bench.gensite import generate
    from scraper.crawl.classify import classify
    from scraper.extract import analyse

    manifest = generate(tmp_path, articles=90, hosts=2, seed=7)
    assert [h["articles"] for h in manifest["hosts"]] == [45, 45]  # type: ignore[index]
    root = tmp_path / "h1"
    origin = "http://127.0.0.2:8000"
    index = parse_sitemap((root / "sitemap.xml").read_bytes(), url=origin + "/sitemap.xml")
    pages = [
        e.url
        for child in index.sitemaps
        for e in parse_sitemap((root / urlsplit(child).path.lstrip("/")).read_bytes(), url=child).pages
    ]
    articles = [u for u in pages if "/2025" in u]
    assert len(articles) == 45
    feed = parse_feed((root / "feed.xml").read_bytes(), url=origin + "/feed.xml")
    assert feed and {e.url for e in feed} <= set(articles)
    for url in pages:
        path = urlsplit(url).path
        target = root / path.lstrip("/")
        file = target / "index.html" if path.endswith("/") else target
        analysis = analyse(file.read_bytes(), url)
        for link in analysis.links:
            if link.startswith(origin):
                assert (root / urlsplit(link).path.lstrip("/")).exists(), link
        assert classify(analysis.article, analysis.signals, url=url).is_article is (url in articles), url


def test_gensite_deterministic(tmp_path: Path) -> None:
    """The same arguments give the same bytes."""
    from bench.gensite import generate

    generate(tmp_path / "a", articles=20, hosts=1, seed=3)
    generate(tmp_path / "b", articles=20, hosts=1, seed=3)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)


def test_reference_crawl_records_exactly_the_articles() -> None:
    """A file-backed crawl built from the discover pieces records exactly expected.json's articles."""
    # kind_of dispatches, robots.txt gates, Scope bounds, sitemaps/feeds/links feed the frontier,
    # classify decides: the wiring a crawl engine uses, minus the network.
    import mimetypes

    from scraper.crawl.classify import classify
    from scraper.crawl.discover import kind_of
    from scraper.crawl.scope import Scope
    from scraper.extract import analyse

    robots = Protego.parse((SITE / "robots.txt").read_text(encoding="utf-8"))
    scope = Scope(mode="host", seeds=(ORIGIN + "/",))
    frontier = deque([ORIGIN + "/", *(normalise(s, base=ORIGIN + "/robots.txt") or "" for s in robots.sitemaps)])
    seen = set(frontier)
    fetched: list[str] = []
    records: list[str] = []
    while frontier:
        url = frontier.popleft()
        if scope.check(url) is not None or not robots.can_fetch(url, "scraper"):
            continue
        file = file_of(urlsplit(url).path)
        if not file.is_file():
            continue
        fetched.append(urlsplit(url).path)
        data = file.read_bytes()
        kind = kind_of(mimetypes.guess_type(file.name)[0], data)
        found: list[str] = []
        if kind == "sitemap":
            sitemap = parse_sitemap(data, url=url)
            found = sitemap.sitemaps + [e.url for e in sitemap.pages]
        elif kind == "feed":
            found = [e.url for e in parse_feed(data, url=url)]
        elif kind == "html":
            analysis = analyse(data, url)
            if classify(analysis.article, analysis.signals, url=url).is_article:
                records.append(urlsplit(url).path)
            found = analysis.links + analysis.feeds
        for link in found:
            if link not in seen:
                seen.add(link)
                frontier.append(link)
    assert sorted(records) == sorted(EXPECTED["articles"])
    assert not set(fetched) & set(EXPECTED["disallowed"])
