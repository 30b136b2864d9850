"""The bounded payload index behind revisit records."""

from __future__ import annotations

from pathlib import Path

from scraper.archive import WarcWriter
from scraper.archive.records import Original
from scraper.archive.revisits import PayloadIndex, rebuild
from tests.test_warc_writer import ARTICLE, make_exchange, read_records


def _original(n: int) -> Original:
    return Original(url=f"http://127.0.0.1/{n}", date="2026-03-02T09:30:15Z", record_id=f"<urn:uuid:{n}>")


def test_index_forgets_the_least_recently_used() -> None:
    """Past its capacity the index drops the digest used longest ago."""
    index = PayloadIndex(2)
    index.add("sha1:A", _original(1))
    index.add("sha1:B", _original(2))
    assert index.get("sha1:A") == _original(1)  # A is now the most recent
    index.add("sha1:C", _original(3))
    assert index.get("sha1:B") is None
    assert index.get("sha1:A") is not None and index.get("sha1:C") is not None


def test_index_keeps_the_first_original() -> None:
    """A digest stored again keeps pointing at its first record."""
    index = PayloadIndex(4)
    index.add("sha1:A", _original(1))
    index.add("sha1:A", _original(2))
    assert index.get("sha1:A") == _original(1)


def test_zero_window_turns_revisits_off(tmp_path: Path) -> None:
    """With revisit_window=0 every payload is stored in full."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path, revisit_window=0) as writer:
        writer.write_fetch(make_exchange())
        writer.write_fetch(make_exchange("http://127.0.0.1:8080/copy"))
    assert [r["type"] for r in read_records(path)].count("revisit") == 0


def test_rebuild_reads_newest_files_until_the_window_is_full(tmp_path: Path) -> None:
    """Rebuilding a window of 2 from a 4-file series keeps the two newest payloads."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path, max_size=1500) as writer:
        for n in range(4):
            writer.write_fetch(make_exchange(f"http://127.0.0.1:8080/{n}", raw_body=ARTICLE + bytes([n])))
        files = [Path(name) for name in writer.files]
    index = rebuild(files, capacity=2)
    assert len(index) == 2
    with WarcWriter(path, max_size=1 << 20, revisit_window=2) as writer:
        kept = writer.write_fetch(make_exchange("http://127.0.0.1:8080/again3", raw_body=ARTICLE + bytes([3])))
        writer.write_fetch(make_exchange("http://127.0.0.1:8080/again0", raw_body=ARTICLE + bytes([0])))
    last = read_records(Path(kept.file))
    assert [r["type"] for r in last if r["type"] in ("response", "revisit")] == ["response", "revisit", "response"]
