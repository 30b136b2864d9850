"""URL normalisation, politeness keys and registrable domains."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.crawl.urls import host_key, normalise, registrable_domain

NORMALISE = [
    ("scheme-host-case", "HTTP://WWW.Example.COM/a", None, "http://www.example.com/a"),
    ("default-port-http", "http://example.com:80/a", None, "http://example.com/a"),
    ("default-port-https", "https://example.com:443/a", None, "https://example.com/a"),
    ("other-port-kept", "http://example.com:8080/a", None, "http://example.com:8080/a"),
    ("fragment-dropped", "http://example.com/a#top", None, "http://example.com/a"),
    ("empty-path", "http://example.com", None, "http://example.com/"),
    ("dot-segments", "http://example.com/a/./b/../c.html", None, "http://example.com/a/c.html"),
    ("query-sorted", "http://example.com/?b=2&a=1", None, "http://example.com/?a=1&b=2"),
    ("utm-removed", "http://example.com/a?id=3&utm_source=x&utm_medium=y", None, "http://example.com/a?id=3"),
    ("spm-from-removed", "http://example.com/a?spm=a2.b&from=timeline&id=1", None, "http://example.com/a?id=1"),
    ("click-ids-removed", "http://example.com/a?fbclid=1&gclid=2&igshid=3&_ga=4", None, "http://example.com/a"),
    ("mailchimp-removed", "http://example.com/a?mc_cid=1&mc_eid=2&ref_src=tw&share=1", None, "http://example.com/a"),
    ("tracking-case-insensitive", "http://example.com/a?UTM_Source=x", None, "http://example.com/a"),
    ("idn-punycode", "http://例子.中国/新闻", None, "http://xn--fsqu00a.xn--fiqs8s/%E6%96%B0%E9%97%BB"),
    ("percent-case", "http://example.com/%e4%b8%ad", None, "http://example.com/%E4%B8%AD"),
    ("unreserved-decoded", "http://example.com/%7Euser", None, "http://example.com/~user"),
    ("space-encoded", "http://example.com/a b", None, "http://example.com/a%20b"),
    ("trailing-dot-host", "http://example.com./a", None, "http://example.com/a"),
    ("whitespace-stripped", "  http://example.com/a\n", None, "http://example.com/a"),
    ("newline-inside-dropped", "http://exam\nple.com/a", None, "http://example.com/a"),
    ("ipv6-default-port", "http://[::1]:80/a", None, "http://[::1]/a"),
    ("ipv6-port", "http://[::1]:8080/a", None, "http://[::1]:8080/a"),
    ("relative", "b.html", "http://example.com/news/a.html", "http://example.com/news/b.html"),
    ("relative-parent", "../x/2.html", "http://example.com/a/b/1.html", "http://example.com/a/x/2.html"),
    ("root-relative", "/x", "https://example.com/a/b", "https://example.com/x"),
    ("scheme-relative", "//cdn.example.com/x", "https://example.com/", "https://cdn.example.com/x"),
    ("query-only", "?page=2", "http://example.com/list.html?page=1", "http://example.com/list.html?page=2"),
    ("absolute-ignores-base", "http://other.com/x", "http://example.com/", "http://other.com/x"),
    ("fragment-only-is-page", "#comments", "http://example.com/a.html", "http://example.com/a.html"),
    ("fullwidth-host", "http://ｅｘａｍｐｌｅ.com/", None, "http://example.com/"),
    ("ipv4-decimal", "http://2130706433/", None, "http://127.0.0.1/"),
    ("ipv4-hex", "http://0x7f.1/", None, "http://127.0.0.1/"),
    ("ipv4-octal", "http://0177.0.0.1:80/", None, "http://127.0.0.1/"),
    ("ipv6-compressed", "http://[0:0:0::1]/", None, "http://[::1]/"),
    ("jsessionid-path", "http://example.com/a.jsp;jsessionid=ABC123?id=1", None, "http://example.com/a.jsp?id=1"),
    ("session-query", "http://example.com/a?PHPSESSID=9&id=1&jsessionid=2", None, "http://example.com/a?id=1"),
    ("blank-value-kept", "http://example.com/a?b&a=", None, "http://example.com/a?a=&b="),
]


@pytest.mark.parametrize(("url", "base", "expected"), [c[1:] for c in NORMALISE], ids=[c[0] for c in NORMALISE])
def test_normalise(url: str, base: str | None, expected: str) -> None:
    """normalise gives the canonical absolute form."""
    assert normalise(url, base=base) == expected


REFUSED = [
    ("mailto", "mailto:news@example.com"),
    ("javascript", "javascript:void(0)"),
    ("tel", "tel:+86-574-1234"),
    ("data", "data:text/html,<p>x</p>"),
    ("ftp", "ftp://example.com/file"),
    ("empty", ""),
    ("blank", "   "),
    ("no-host", "http:///path"),
    ("bad-ipv6", "http://[::1/x"),
    ("bad-port", "http://example.com:99999/"),
    ("relative-without-base", "/news/1.html"),
    ("bad-host-escape", "http://%zz/"),
    ("empty-label", "http://a..b/"),
    ("long-label", "http://" + "a" * 64 + ".com/"),
    ("ipv4-too-many-parts", "http://1.2.3.4.5/"),
    ("ipv4-out-of-range", "http://256.1.1.1/"),
    ("ipv4-bad-octal", "http://1.2.3.08/"),
    ("too-long", "http://example.com/" + "x" * 9000),
]


@pytest.mark.parametrize("url", [c[1] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_normalise_refuses(url: str) -> None:
    """normalise gives None for non-http(s) or unparsable URLs."""
    assert normalise(url) is None


def test_normalise_is_idempotent() -> None:
    """Normalising a normalised URL changes nothing."""
    once = normalise("HTTP://例子.中国:80/a/../b?z=1&a=%e4#x")
    assert once is not None
    assert normalise(once) == once


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=30),
    st.sampled_from(["http://", "http://a.com/", "https://Ex.com:443/x/", "http://0x", "http://[", "/"]),
    st.one_of(st.none(), st.just("http://a.com/x/"), st.text(max_size=15)),
)
def test_normalise_never_raises_and_is_a_fixed_point(tail: str, prefix: str, base: str | None) -> None:
    """Any text normalises to None or to a URL that normalises to itself."""
    result = normalise(prefix + tail, base=base)
    if result is not None:
        assert normalise(result) == result
        assert result.startswith(("http://", "https://"))


HOST_KEYS = [
    ("http-default", "http://Example.com/a", "http://example.com:80"),
    ("https-default", "https://example.com/a", "https://example.com:443"),
    ("explicit-port", "http://127.0.0.1:8000/x", "http://127.0.0.1:8000"),
    ("ipv6", "http://[::1]:8080/", "http://[::1]:8080"),
]


@pytest.mark.parametrize(("url", "expected"), [c[1:] for c in HOST_KEYS], ids=[c[0] for c in HOST_KEYS])
def test_host_key(url: str, expected: str) -> None:
    """host_key is scheme://host:port with the port always explicit."""
    assert host_key(url) == expected


DOMAINS = [
    ("url", "https://news.example.co.uk/a", "example.co.uk"),
    ("cn", "http://news.cnnb.com.cn/x.html", "cnnb.com.cn"),
    ("bare-host", "www.xinhuanet.com", "xinhuanet.com"),
    ("gov-cn-suffix", "www.ningbo.gov.cn", "ningbo.gov.cn"),
    ("host-port", "www.example.com:8080", "example.com"),
    ("ipv4-url", "http://127.0.0.1:8000/x", "127.0.0.1"),
    ("ipv4-host-port", "127.0.0.2:8000", "127.0.0.2"),
    ("ipv6", "http://[::1]:8000/", "::1"),
    ("localhost", "http://localhost:8000/", "localhost"),
    ("unknown-suffix", "intranet.corp.internal", "intranet.corp.internal"),
    ("upper-case", "WWW.EXAMPLE.COM", "example.com"),
]


@pytest.mark.parametrize(("value", "expected"), [c[1:] for c in DOMAINS], ids=[c[0] for c in DOMAINS])
def test_registrable_domain(value: str, expected: str) -> None:
    """registrable_domain uses the public suffix list; IPs and localhost map to themselves."""
    assert registrable_domain(value) == expected


def test_registrable_domain_never_fetches(monkeypatch: pytest.MonkeyPatch) -> None:
    """The public suffix list comes from tldextract's bundled snapshot, not the network."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from scraper.crawl import urls

    urls._extractor.cache_clear()
    assert registrable_domain("a.b.example.com.au") == "example.com.au"


BASES = ["http://Example.com:80/a/b/c.html?x=1", "https://news.example.cn/ssxx/", "http://127.0.0.1:8000/", "http://u:p@a.com/d/"]


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="abZ09_~-./", max_size=20),
    st.sampled_from(["", "/", "//", "http://", "https://", "http://a.com", "http://a.com:80", "http://a.com:8080",
                     "http://127.0.0.1:443", "http://0x7f.1", "http://a..com", "http://A.com"]),
    st.sampled_from(BASES),
)
def test_fast_paths_match_full_path(tail: str, prefix: str, base: str) -> None:
    """The fast paths for simple URLs give exactly what urljoin + canonicalisation give."""
    from urllib.parse import urljoin

    from scraper.crawl import urls

    raw = prefix + tail
    if not raw.strip():
        return
    assert normalise(raw, base=base) == urls._canonical(urljoin(base, raw))
    assert normalise(raw) == urls._canonical(raw)
