"""Sitemaps and feeds: formats, dates, and hostile documents refused safely."""

from __future__ import annotations

import gzip

import pytest

from scraper.crawl.discover import DiscoveryError, SitemapEntry, kind_of, parse_feed, parse_sitemap

BASE = "http://news.example.com/sitemap.xml"

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>http://news.example.com/ssxx/20250703/7928711.html</loc><lastmod>2025-07-03T13:57:00+08:00</lastmod></url>
  <url><loc> http://news.example.com/ssxx/20250702/7928650.html?utm_source=sitemap </loc></url>
  <url><loc>http://news.example.com/ssxx/20250702/7928650.html</loc></url>
  <url><loc>/bkzs/202506/t20250620_1234567.html</loc></url>
  <url><loc>javascript:alert(1)</loc></url>
  <url>
    <loc>http://news.example.com/en/world/2025/07/02/award.html</loc>
    <news:news><news:publication_date>2025-07-02</news:publication_date></news:news>
  </url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://news.example.com/sitemap-pages.xml</loc><lastmod>2025-07-03</lastmod></sitemap>
  <sitemap><loc>/sitemap-articles.xml.gz</loc></sitemap>
</sitemapindex>"""

RSS = """<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0"><channel><title>实时讯息</title><link>http://news.example.com/</link>
  <item><title>宁波5个先进典型上榜</title><link>http://news.example.com/ssxx/20250703/7928711.html</link>
    <pubDate>Thu, 03 Jul 2025 13:57:00 +0800</pubDate></item>
  <item><title>guid only</title><guid isPermaLink="true">http://news.example.com/ssxx/20250701/1.html</guid></item>
  <item><title>not a permalink</title><guid isPermaLink="false">tag:example,2025:2</guid></item>
  <item><title>bad date</title><link>/ssxx/20250630/2.html</link><pubDate>yesterday</pubDate></item>
</channel></rss>""".encode("gb18030")

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>World</title><link rel="self" href="http://news.example.com/feed.atom"/>
  <entry><title>City wins award</title>
    <link rel="alternate" type="text/html" href="http://news.example.com/en/world/2025/07/02/award.html"/>
    <link rel="edit" href="http://news.example.com/edit/1"/>
    <published>2025-07-02T08:00:00Z</published><updated>2025-07-02T09:00:00Z</updated></entry>
  <entry><title>No rel</title><link href="/en/world/2025/06/30/volunteers.html"/><updated>2025-06-30T10:00:00Z</updated></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://news.example.com/"><title>News</title></channel>
  <item rdf:about="http://news.example.com/a/1.html"><title>One</title><link>http://news.example.com/a/1.html</link>
    <dc:date>2025-07-01T10:00:00+08:00</dc:date></item>
  <item rdf:about="http://news.example.com/a/2.html"><title>Two</title></item>
</rdf:RDF>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://a.com/&lol9;</loc></url></urlset>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://a.com/&xxe;</loc></url></urlset>"""

XXE_PARAMETER = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://a.com/x</loc></url></urlset>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE urlset SYSTEM "http://127.0.0.1:9/sitemap.dtd">
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://a.com/x</loc></url></urlset>"""


def test_urlset_pages_and_lastmod() -> None:
    """A urlset gives normalised, deduplicated pages with lastmod (or news publication date)."""
    sitemap = parse_sitemap(URLSET, url=BASE)
    assert sitemap.sitemaps == []
    assert sitemap.pages == [
        SitemapEntry("http://news.example.com/ssxx/20250703/7928711.html", "2025-07-03T13:57:00+08:00"),
        SitemapEntry("http://news.example.com/ssxx/20250702/7928650.html", None),
        SitemapEntry("http://news.example.com/bkzs/202506/t20250620_1234567.html", None),
        SitemapEntry("http://news.example.com/en/world/2025/07/02/award.html", "2025-07-02"),
    ]


def test_sitemap_index() -> None:
    """A sitemap index gives child sitemap URLs, resolved against the index URL."""
    sitemap = parse_sitemap(INDEX, url=BASE)
    assert sitemap.pages == []
    assert sitemap.sitemaps == [
        "http://news.example.com/sitemap-pages.xml",
        "http://news.example.com/sitemap-articles.xml.gz",
    ]


def test_gzipped_sitemap_by_magic() -> None:
    """Gzip is recognised by its magic bytes, whatever the URL says."""
    sitemap = parse_sitemap(gzip.compress(URLSET), url="http://news.example.com/sitemap")
    assert len(sitemap.pages) == 4


def test_text_sitemap() -> None:
    """A plain-text sitemap is one URL a line; other lines are ignored."""
    data = b"\xef\xbb\xbfhttp://a.com/1.html\r\n\n# comment\nhttps://a.com/2.html?utm_source=x\nnot a url\n"
    sitemap = parse_sitemap(data, url="http://a.com/sitemap.txt")
    assert [p.url for p in sitemap.pages] == ["http://a.com/1.html", "https://a.com/2.html"]


def test_feed_as_sitemap() -> None:
    """A feed submitted as a sitemap is read as a feed."""
    assert len(parse_sitemap(ATOM, url=BASE).pages) == 2


def test_oversized_refused_before_parsing() -> None:
    """Input over the cap is refused before any parsing."""
    with pytest.raises(DiscoveryError, match="cap") as info:
        parse_sitemap(URLSET, url=BASE, max_bytes=100)
    assert info.value.reason == "too-large"


def test_gzip_bomb_stopped_at_cap() -> None:
    """Decompression stops at the cap: a small gzip of huge output is refused."""
    bomb = gzip.compress(b"<urlset>" + b" " * 20_000_000 + b"</urlset>")
    assert len(bomb) < 100_000
    with pytest.raises(DiscoveryError, match="decompressed") as info:
        parse_sitemap(bomb, url=BASE, max_bytes=1_000_000)
    assert info.value.reason == "too-large"


def test_corrupt_gzip() -> None:
    """Corrupt gzip data is a DiscoveryError naming the URL."""
    with pytest.raises(DiscoveryError, match="gzip") as info:
        parse_sitemap(gzip.compress(URLSET)[:60], url=BASE)
    assert info.value.url == BASE


HOSTILE = [
    ("billion-laughs", BILLION_LAUGHS),
    ("xxe-file", XXE),
    ("xxe-parameter-entity", XXE_PARAMETER),
]


@pytest.mark.parametrize("data", [c[1] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_entity_documents_refused(data: bytes) -> None:
    """Documents declaring entities are refused, never expanded or fetched."""
    with pytest.raises(DiscoveryError, match="unsafe XML") as info:
        parse_sitemap(data, url=BASE)
    assert info.value.reason == "unsafe-xml"


def test_external_dtd_not_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    """An external DTD reference is ignored, never fetched: the document still parses."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert parse_sitemap(EXTERNAL_DTD, url=BASE).pages == [SitemapEntry("http://a.com/x", None)]


def test_html_served_as_sitemap() -> None:
    """An HTML error page served as a sitemap is a DiscoveryError naming its root, not a crash."""
    with pytest.raises(DiscoveryError, match="root element <html>"):
        parse_sitemap(b"<html><body><p>Not found<br></body></html>", url=BASE)


def test_malformed_xml() -> None:
    """A cut-off sitemap is a DiscoveryError."""
    with pytest.raises(DiscoveryError, match="not well-formed"):
        parse_sitemap(URLSET[:300], url=BASE)


def test_many_elements_memory_stays_flat() -> None:
    """Elements are freed as they end: 100,000 empty tags stay far below the size of a tree."""
    import tracemalloc

    data = b"<urlset>" + b"<x/>" * 100_000 + b"<url><loc>http://a.com/1.html</loc></url></urlset>"
    tracemalloc.start()
    try:
        sitemap = parse_sitemap(data, url=BASE)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sitemap.pages == [SitemapEntry("http://a.com/1.html", None)]
    assert peak < 3_000_000  # about 1 MB; ElementTree.fromstring of the same bytes peaks at 8.5 MB


def test_entry_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries past MAX_ENTRIES are not read."""
    from scraper.crawl import discover

    monkeypatch.setattr(discover, "MAX_ENTRIES", 10)
    data = b"<urlset>" + b"".join(b"<url><loc>http://a.com/%d</loc></url>" % i for i in range(30)) + b"</urlset>"
    assert len(parse_sitemap(data, url=BASE).pages) == 10


def test_unknown_root() -> None:
    """Well-formed XML that is not a sitemap is refused by name."""
    with pytest.raises(DiscoveryError, match="<svg>"):
        parse_sitemap(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', url=BASE)


def test_rss_gbk_links_and_dates() -> None:
    """RSS 2.0 in GB2312: item links (or permalink guids) with ISO dates."""
    entries = parse_feed(RSS, url="http://news.example.com/feed.xml")
    assert entries == [
        SitemapEntry("http://news.example.com/ssxx/20250703/7928711.html", "2025-07-03T13:57:00+08:00"),
        SitemapEntry("http://news.example.com/ssxx/20250701/1.html", None),
        SitemapEntry("http://news.example.com/ssxx/20250630/2.html", "yesterday"),
    ]


def test_atom_links_and_dates() -> None:
    """Atom: the alternate link (or a rel-less one), published before updated."""
    entries = parse_feed(ATOM, url="http://news.example.com/feed.atom")
    assert entries == [
        SitemapEntry("http://news.example.com/en/world/2025/07/02/award.html", "2025-07-02T08:00:00Z"),
        SitemapEntry("http://news.example.com/en/world/2025/06/30/volunteers.html", "2025-06-30T10:00:00Z"),
    ]


def test_rdf_links() -> None:
    """RDF / RSS 1.0: item links, falling back to rdf:about, with dc:date."""
    entries = parse_feed(RDF, url="http://news.example.com/index.rdf")
    assert entries == [
        SitemapEntry("http://news.example.com/a/1.html", "2025-07-01T10:00:00+08:00"),
        SitemapEntry("http://news.example.com/a/2.html", None),
    ]


def test_feed_billion_laughs_refused() -> None:
    """Feeds get the same entity protection as sitemaps."""
    with pytest.raises(DiscoveryError, match="unsafe XML"):
        parse_feed(BILLION_LAUGHS.replace(b"urlset", b"rss"), url=BASE)


def test_feed_rejects_sitemap() -> None:
    """parse_feed refuses a document that is not a feed."""
    with pytest.raises(DiscoveryError, match="not a feed"):
        parse_feed(URLSET, url=BASE)


KINDS = [
    ("html-type", "text/html; charset=utf-8", b"<!DOCTYPE html><html><head>", "html"),
    ("html-sniffed", None, b"  <html lang=zh>", "html"),
    ("sitemap-xml-type", "application/xml", URLSET, "sitemap"),
    ("sitemap-text-xml", "text/xml", INDEX, "sitemap"),
    ("sitemap-mislabelled-html", "text/html", URLSET, "sitemap"),
    ("sitemap-gzip", "application/x-gzip", gzip.compress(URLSET), "sitemap"),
    ("sitemap-text", "text/plain", b"http://a.com/1.html\nhttp://a.com/2.html\n", "sitemap"),
    ("rss-type", "application/rss+xml", RSS, "feed"),
    ("rss-sniffed", "text/xml", RSS, "feed"),
    ("atom", "application/atom+xml", ATOM, "feed"),
    ("rdf", "application/xml", RDF, "feed"),
    ("robots", "text/plain", b"User-agent: *\nDisallow: /private/\n", "robots"),
    ("robots-no-type", None, b"# robots\nUser-Agent: *\nAllow: /\n", "robots"),
    ("pdf", "application/pdf", b"%PDF-1.7", "other"),
    ("json", "application/json", b'{"a": 1}', "other"),
    ("svg", "image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg">', "other"),
]


@pytest.mark.parametrize(
    ("content_type", "data", "kind"), [c[1:] for c in KINDS], ids=[c[0] for c in KINDS]
)
def test_kind_of(content_type: str | None, data: bytes, kind: str) -> None:
    """kind_of sniffs html, sitemap, feed, robots or other."""
    assert kind_of(content_type, data) == kind


def test_garbage_after_gzip_magic() -> None:
    """Bytes that start like gzip but are not: a DiscoveryError, not a zlib crash."""
    with pytest.raises(DiscoveryError, match="gzip"):
        parse_sitemap(b"\x1f\x8bnot really gzip at all", url=BASE)


def test_multi_member_gzip() -> None:
    """Concatenated gzip members are read as one document."""
    half = len(URLSET) // 2
    data = gzip.compress(URLSET[:half]) + gzip.compress(URLSET[half:])
    assert len(parse_sitemap(data, url=BASE).pages) == 4


def test_bom_whitespace_and_no_namespace() -> None:
    """A BOM, leading blank lines and a missing namespace are tolerated."""
    data = b"\xef\xbb\xbf\n\n<urlset><url><loc>http://a.com/1.html</loc><lastmod> 2025-07-03 </lastmod></url></urlset>"
    assert parse_sitemap(data, url=BASE).pages == [SitemapEntry("http://a.com/1.html", "2025-07-03")]


def test_empty_text_sitemap() -> None:
    """A text sitemap without URLs is empty, not an error."""
    assert parse_sitemap(b"nothing here\n", url=BASE).pages == []


def test_xhtml_is_html() -> None:
    """An XHTML page with an XML declaration is html."""
    data = b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">'
    assert kind_of("application/xhtml+xml", data) == "html"
    assert kind_of(None, data) == "html"


def test_image_and_alternate_children_ignored() -> None:
    """Image-sitemap <image:loc> and hreflang alternates do not replace the page's <loc>."""
    data = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" xmlns:xhtml="http://www.w3.org/1999/xhtml">
      <url><image:image><image:loc>http://a.com/img/1.jpg</image:loc></image:image>
        <xhtml:link rel="alternate" hreflang="en" href="http://a.com/en/1.html"/>
        <loc>http://a.com/1.html</loc></url>
    </urlset>"""
    assert parse_sitemap(data, url=BASE).pages == [SitemapEntry("http://a.com/1.html", None)]


def test_atom_source_link_ignored() -> None:
    """An Atom entry's <source> feed link is not the entry's link."""
    data = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry>
      <source><link rel="alternate" href="http://other.com/"/></source>
      <link href="http://a.com/2.html"/><updated>2025-07-01T00:00:00Z</updated></entry></feed>"""
    assert parse_feed(data, url=BASE) == [SitemapEntry("http://a.com/2.html", "2025-07-01T00:00:00Z")]
