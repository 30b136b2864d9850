"""The crawl state: frontier, seen set, outcomes and the outbox in SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper.crawl.state import Done, Link, Retry, State


def _state(tmp_path: Path) -> State:
    return State(tmp_path / "state")


def _page(url: str, depth: int = 0) -> Link:
    return Link(url=url, depth=depth, host="http://a.test:80", priority=depth)


def test_a_url_is_queued_once(tmp_path: Path) -> None:
    """Adding the same URL twice queues it once."""
    state = _state(tmp_path)
    assert state.add([_page("http://a.test/1")], now=0) == {"http://a.test:80": 1}
    assert state.add([_page("http://a.test/1")], now=0) == {}
    assert state.queued() == 1


def test_queue_order_is_priority_then_insertion(tmp_path: Path) -> None:
    """Lower priority (depth) first, then first-come."""
    state = _state(tmp_path)
    state.add([_page("http://a.test/deep", 2), _page("http://a.test/b", 1), _page("http://a.test/c", 1)], now=0)
    urls = [i.url for i in state.next_for_host("http://a.test:80", now=0, limit=10)]
    assert urls[0] in {"http://a.test/b", "http://a.test/c"}
    assert urls[-1] == "http://a.test/deep"


def test_done_leaves_the_queue_and_records_the_outcome(tmp_path: Path) -> None:
    """A final outcome removes the URL from the queue and keeps its reason."""
    state = _state(tmp_path)
    state.add([_page("http://a.test/1")], now=0)
    with state.transaction():
        state.record_done(Done(url="http://a.test/1", outcome="http-error", reason="http-404",
                               depth=0, kind="page", attempts=1, status=404), now=1)
    assert state.queued() == 0
    assert state.outcome_counts() == {("http-error", "http-404"): 1}


def test_written_line_moves_output_end(tmp_path: Path) -> None:
    """A written record commits its line's end as the output's committed size."""
    state = _state(tmp_path)
    state.add([_page("http://a.test/1")], now=0)
    with state.transaction():
        state.record_done(Done(url="http://a.test/1", outcome="written", reason="article", depth=0,
                               kind="page", attempts=1, line=(0, 42), content_hash="h"), now=1)
    assert state.output_end == 42
    assert state.page("http://a.test/1").written  # type: ignore[union-attr]


def test_not_modified_keeps_the_earlier_record(tmp_path: Path) -> None:
    """A 304 on re-check keeps the earlier line, etag and hash."""
    state = _state(tmp_path)
    state.add([_page("http://a.test/1")], now=0)
    with state.transaction():
        state.record_done(Done(url="http://a.test/1", outcome="written", reason="article", depth=0,
                               kind="page", attempts=1, line=(0, 10), etag='"v1"', content_hash="h"), now=1)
    state.start_recheck(host_of=lambda url: "http://a.test:80")
    with state.transaction():
        state.record_done(Done(url="http://a.test/1", outcome="not-modified", reason="http-304",
                               depth=0, kind="page", attempts=1), now=2)
    info = state.page("http://a.test/1")
    assert info is not None and info.written and info.etag == '"v1"' and info.outcome == "not-modified"


def test_retry_keeps_the_url_queued_until_its_time(tmp_path: Path) -> None:
    """A retry is not handed out before its not-before time."""
    state = _state(tmp_path)
    state.add([_page("http://a.test/1")], now=0)
    state.record_retry(Retry(url="http://a.test/1", not_before=100.0, attempts=1))
    assert state.next_for_host("http://a.test:80", now=50, limit=5) == []
    assert state.next_for_host("http://a.test:80", now=100, limit=5)[0].attempts == 1
    assert state.earliest("http://a.test:80", after=50) == 100.0


def test_new_host_hook_queues_its_discovery(tmp_path: Path) -> None:
    """The first URL of a host queues what the hook returns (robots.txt, sitemap.xml), once."""
    state = _state(tmp_path)
    calls: list[str] = []

    def hook(host: str) -> list[Link]:
        calls.append(host)
        return [Link(url=f"{host}/sitemap.xml", depth=0, kind="sitemap", host=host, priority=-1)]

    state.add([_page("http://a.test/1"), _page("http://a.test/2")], now=0, on_new_host=hook)
    assert calls == ["http://a.test:80"]
    assert state.queued() == 3


@pytest.mark.parametrize(
    ("link", "table"),
    [
        (Link(url="http://b.test/x", depth=1, domain="b.test"), "outbox"),
        (Link(url="http://c.test/x", depth=1, skipped="out-of-scope:host"), "pages"),
    ],
    ids=["other-shard", "out-of-scope"],
)
def test_links_not_fetched_are_routed(tmp_path: Path, link: Link, table: str) -> None:
    """Other shards' links go to the outbox; out-of-scope links are recorded, not queued."""
    state = _state(tmp_path)
    state.add([link], now=0)
    assert state.queued() == 0
    if table == "outbox":
        assert state.outbox() == [("http://b.test/x", "b.test", 1, "page")]
    else:
        assert state.outcome_counts() == {("out-of-scope", "out-of-scope:host"): 1}


def test_state_survives_reopening(tmp_path: Path) -> None:
    """Queue and seen set are on disk: a new State sees them."""
    state = _state(tmp_path)
    state.add([_page("http://a.test/1")], now=0)
    state.close()
    again = _state(tmp_path)
    assert again.queued() == 1
    assert again.is_seen("http://a.test/1")
    assert again.add([_page("http://a.test/1")], now=0) == {}


def test_one_crawl_per_state_directory(tmp_path: Path) -> None:
    """A second State on a directory in use is refused with a clear error."""
    from scraper.errors import ConfigError

    state = _state(tmp_path)
    with pytest.raises(ConfigError, match="another crawl"):
        _state(tmp_path)
    state.close()
    _state(tmp_path).close()


def test_outcome_counts_group_reasons_by_kind(tmp_path: Path) -> None:
    """Reasons carrying a message or URL after ": " are counted by their kind, not one line per page."""
    state = _state(tmp_path)
    state.add([_page("http://a.test/1"), _page("http://a.test/2")], now=0)
    with state.transaction():
        for n in (1, 2):
            state.record_done(Done(url=f"http://a.test/{n}", outcome="fetch-error", reason=f"connect: refused {n}",
                                   depth=0, kind="page", attempts=1), now=1)
    assert state.outcome_counts() == {("fetch-error", "connect"): 2}
    state.close()


def test_outcome_counts_keep_distinct_reasons(tmp_path: Path) -> None:
    """Distinct reasons of one outcome and one item kind are counted apart."""
    state = _state(tmp_path)
    state.add([_page("http://a.test/1"), _page("http://a.test/2")], now=0)
    with state.transaction():
        for n, reason in ((1, "url-article"), (2, "jsonld-article")):
            state.record_done(Done(url=f"http://a.test/{n}", outcome="not-article", reason=reason,
                                   depth=0, kind="page", attempts=1), now=1)
    assert state.outcome_counts() == {("not-article", "url-article"): 1, ("not-article", "jsonld-article"): 1}
    state.close()
