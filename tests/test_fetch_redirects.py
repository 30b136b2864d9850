"""The redirect policy: 3xx and meta refresh hops, limits, cycles, relative targets."""

from __future__ import annotations

import pytest

from scraper.errors import RedirectError
from scraper.fetch import Fetcher, FetchSettings
from scraper.fetch.redirects import meta_refresh_target, url_key
from tests.fetch_server import LoopbackServer, Route, page, redirect, run

LOOPBACK = FetchSettings(allow_private=True, timeout=5.0, trust_env=False, max_redirects=5)
ARTICLE = b"""<!doctype html><html><head><title>Story</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Story</h1><p>Text.</p></article>
<footer>(c) News</footer></body></html>"""


def refresh_page(content: str) -> Route:
    return page(
        b'<!doctype html><html><head><meta charset="utf-8">'
        + f'<meta http-equiv="refresh" content="{content}">'.encode()
        + b"<title>Moved</title></head><body><p>This page has moved.</p></body></html>"
    )


async def fetch(routes: dict[str, Route], path: str, settings: FetchSettings = LOOPBACK):  # type: ignore[no-untyped-def]
    async with LoopbackServer(routes) as server, Fetcher(settings) as fetcher:
        fetched = await fetcher.fetch(server.url(path))
        return fetched, server


def test_redirect_chain_recorded_hop_by_hop() -> None:
    """Every hop is an Exchange; the final URL and the redirect chain are kept."""
    routes = {"/a": redirect("/b", 301), "/b": redirect("c", 302), "/c": page(ARTICLE)}
    fetched, server = run(fetch(routes, "/a"))
    assert [e.status for e in fetched.exchanges] == [301, 302, 200]
    assert fetched.url == server.url("/c")
    assert fetched.final.body == ARTICLE
    assert fetched.final.redirect_chain == (server.url("/a"), server.url("/b"))


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308], ids=str)
def test_each_redirect_status_followed_with_get(status: int) -> None:
    """All five redirect statuses are followed, always with GET."""
    fetched, server = run(fetch({"/old": redirect("/new", status), "/new": page(ARTICLE)}, "/old"))
    assert fetched.final.status == 200
    assert [r.method for r in server.requests] == ["GET", "GET"]


def test_redirect_without_location_is_final() -> None:
    """A 302 with no Location is returned as the final response."""
    fetched, _ = run(fetch({"/x": page(b"", status=302)}, "/x"))
    assert fetched.final.status == 302
    assert len(fetched.exchanges) == 1


def test_endless_redirects_stop_at_the_limit() -> None:
    """/r/0 -> /r/1 -> ... raises RedirectError after max_redirects hops."""
    routes = {f"/r/{n}": redirect(f"/r/{n + 1}") for n in range(50)}
    with pytest.raises(RedirectError, match="too many redirects"):
        run(fetch(routes, "/r/0"))


def test_redirect_cycle_detected() -> None:
    """/a -> /b -> /a raises RedirectError naming the cycle before the limit."""
    routes = {"/a": redirect("/b"), "/b": redirect("/a")}
    with pytest.raises(RedirectError, match="cycle"):
        run(fetch(routes, "/a"))


def test_cycle_detected_through_url_spelling() -> None:
    """A redirect back to the same URL spelled with a fragment and default port is a cycle."""
    with pytest.raises(RedirectError, match="cycle"):
        run(fetch({"/self": redirect("/self#top")}, "/self"))


def test_redirect_to_other_scheme_refused() -> None:
    """A Location with a non-http(s) scheme raises RedirectError."""
    with pytest.raises(RedirectError, match="non-http"):
        run(fetch({"/x": redirect("file:///etc/passwd")}, "/x"))


def test_meta_refresh_followed_as_a_hop() -> None:
    """A prompt meta refresh is followed and recorded as a hop."""
    routes = {"/m": refresh_page("0; url=/story"), "/story": page(ARTICLE)}
    fetched, server = run(fetch(routes, "/m"))
    assert fetched.url == server.url("/story")
    assert [e.status for e in fetched.exchanges] == [200, 200]


def test_meta_refresh_counts_against_the_limit() -> None:
    """A 302 then a meta refresh is two hops: over a limit of one."""
    routes = {"/a": redirect("/m"), "/m": refresh_page("0;url=/story"), "/story": page(ARTICLE)}
    settings = FetchSettings(allow_private=True, timeout=5.0, trust_env=False, max_redirects=1)
    with pytest.raises(RedirectError, match="too many"):
        run(fetch(routes, "/a", settings))


def test_meta_refresh_not_followed_when_disabled() -> None:
    """follow_meta_refresh=False returns the refresh page itself."""

    async def main() -> int:
        routes = {"/m": refresh_page("0; url=/story"), "/story": page(ARTICLE)}
        async with LoopbackServer(routes) as server, Fetcher(LOOPBACK) as fetcher:
            fetched = await fetcher.fetch(server.url("/m"), follow_meta_refresh=False)
        return len(fetched.exchanges)

    assert run(main()) == 1


def test_meta_refresh_cycle_detected() -> None:
    """/a refreshes to /b which redirects back to /a: a cycle."""
    routes = {"/a": refresh_page("0; url=/b"), "/b": redirect("/a")}
    with pytest.raises(RedirectError, match="cycle"):
        run(fetch(routes, "/a"))


REFRESH = [
    ('<meta http-equiv="refresh" content="0; url=/next">', "http://news.test/next"),
    ("<META HTTP-EQUIV='Refresh' CONTENT='3;URL=https://other.test/a'>", "https://other.test/a"),
    ('<meta content="0;url=\'/q?a=1\'" http-equiv="refresh">', "http://news.test/q?a=1"),
    ('<meta http-equiv="refresh" content="5, next.html">', "http://news.test/dir/next.html"),
    ('<meta http-equiv="refresh" content="600; url=/later">', None),
    ('<meta http-equiv="refresh" content="30">', None),
    ('<meta http-equiv="refresh" content="0">', None),
    ('<meta name="refresh" content="0; url=/no">', None),
    ('<meta charset="utf-8">', None),
]


@pytest.mark.parametrize(("tag", "target"), REFRESH, ids=[t for t, _ in REFRESH])
def test_meta_refresh_target(tag: str, target: str | None) -> None:
    """A prompt refresh with a URL is a redirect; slow or URL-less refreshes are not."""
    body = f"<html><head>{tag}</head><body></body></html>".encode()
    assert meta_refresh_target("http://news.test/dir/page", body) == target


def test_meta_refresh_deep_in_body_ignored() -> None:
    """A refresh tag after the first KiBs of the page is not a redirect."""
    body = b"<html><body>" + b"<p>filler</p>" * 2000 + b'<meta http-equiv="refresh" content="0; url=/x">'
    assert meta_refresh_target("http://news.test/", body) is None


KEYS = [
    ("HTTP://News.Test:80/a#frag", "http://news.test/a"),
    ("https://news.test:443", "https://news.test/"),
    ("http://news.test:8080/a?b=1", "http://news.test:8080/a?b=1"),
    ("http://[::1]:80/", "http://[::1]/"),
]


@pytest.mark.parametrize(("url", "key"), KEYS, ids=[u for u, _ in KEYS])
def test_url_key(url: str, key: str) -> None:
    """Cycle keys ignore case of scheme and host, default ports and fragments."""
    assert url_key(url) == key


def test_credentials_not_carried_to_another_origin() -> None:
    """Authorization and Cookie given by the caller are dropped on a cross-origin redirect."""

    async def main() -> list[dict[str, str]]:
        async with LoopbackServer({"/story": page(ARTICLE)}) as other:
            routes = {"/a": redirect(other.url("/story"))}
            async with LoopbackServer(routes) as server, Fetcher(LOOPBACK) as fetcher:
                await fetcher.fetch(server.url("/a"), headers={"Authorization": "Bearer x", "If-None-Match": '"e1"'})
                return [server.requests[0].headers, other.requests[0].headers]

    first, second = run(main())
    assert first["authorization"] == "Bearer x"
    assert "authorization" not in second
    assert second["if-none-match"] == '"e1"'
