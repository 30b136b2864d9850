"""A shard's files as the client and its task share them: the inbox, and the engine state read through the engine."""

from __future__ import annotations

from pathlib import Path

from scraper.cluster.plan import engine_state, inbox_files, inbox_links, post_inbox
from scraper.cluster.shardtask import committed_end, fetched_total, read_outbox
from scraper.crawl.routing import RoutedLink
from scraper.crawl.state import Link, OutboxLink, State


def test_inbox_links_come_back_in_the_order_posted(tmp_path: Path) -> None:
    """Links posted in two batches are read back, oldest file first, with their depth and kind."""
    first = [RoutedLink("http://a.test/1", 2, "page"), RoutedLink("http://a.test/feed", 1, "feed")]
    second = [RoutedLink("http://a.test/3", 4, "page")]
    paths = [post_inbox(tmp_path, first), post_inbox(tmp_path, second)]
    files = inbox_files(tmp_path)
    assert files == paths and list(inbox_links(files)) == first + second


def test_an_empty_inbox_reads_nothing(tmp_path: Path) -> None:
    """A shard no link was routed to has no inbox files and no links."""
    assert inbox_files(tmp_path) == [] and list(inbox_links([])) == []


def test_a_shard_before_its_first_run(tmp_path: Path) -> None:
    """Before any run: nothing fetched, nothing committed, an empty outbox at the same cursor (no state made)."""
    assert (fetched_total(tmp_path), committed_end(tmp_path)) == (0, 0)
    assert read_outbox(tmp_path, after=5) == ([], 5)
    assert not State.exists(engine_state(tmp_path))


def test_the_outbox_is_read_through_the_engine(tmp_path: Path) -> None:
    """Outbox links past the client's cursor come back with the new cursor."""
    with State(engine_state(tmp_path)) as state:
        state.add([Link(url="http://b.test/1", depth=1, domain="b.test")], now=0)
        state.set_pages_fetched(3)
    links, cursor = read_outbox(tmp_path, after=0)
    assert links == [OutboxLink("http://b.test/1", "b.test", 1, "page")] and fetched_total(tmp_path) == 3
    assert read_outbox(tmp_path, after=cursor) == ([], cursor)
