"""`scraper extract FILE.warc.gz`: records from archived pages, the same as from the live bytes."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from schemas import Capture
from scraper.archive import WarcWriter
from scraper.cli import main
from scraper.extract import extract
from scraper.fetch.exchange import Exchange
from scraper.page import Page
from tests.test_warc_writer import ARTICLE, make_exchange, read_records

SECOND = """<!DOCTYPE html>
<html><head><title>Prize for river clean-up volunteers - Valley Gazette</title>
<meta property="article:published_time" content="2026-02-14T10:00:00Z"></head>
<body><header><a href="/">Valley Gazette</a><nav><a href="/sport">Sport</a></nav></header>
<div class="ad">Advertisement</div>
<main><article><h1>Prize for river clean-up volunteers</h1>
<p>The Friends of the Weir, a group of 40 volunteers, won the county\u2019s environment award on Friday.</p>
<p>They removed nearly 3 tonnes of rubbish from the river over the past two years, the judges said.</p>
<p>\u201cWe are delighted,\u201d said the group\u2019s chair, who started the clean-ups in 2024.</p>
</article></main>
<footer>Contact us | Privacy</footer></body></html>""".encode("cp1252")

COMPARED = ("url", "title", "published", "body", "figures", "honourees")


def _write(path: Path) -> None:
    with WarcWriter(path) as writer:
        writer.write_fetch(make_exchange())
        writer.write_fetch(make_exchange(
            "http://127.0.0.1:8080/news/prize",
            response_headers=[("Content-Type", "text/html; charset=windows-1252")],
            raw_body=SECOND, body=SECOND,
        ))
        writer.write_fetch(make_exchange("http://127.0.0.1:8080/logo.png",
                                         response_headers=[("Content-Type", "image/png")], raw_body=b"\x89PNG"))


def _run(args: list[str], out: Path) -> list[dict[str, Any]]:
    assert main(["extract", "-q", *args, "-o", str(out)]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_extract_over_a_warc_gives_one_record_per_html_page(tmp_path: Path) -> None:
    """Each HTML response becomes a record with its URL; the image is skipped."""
    _write(tmp_path / "c.warc.gz")
    records = _run([str(tmp_path / "c.warc.gz")], tmp_path / "out.jsonl")
    assert [r["url"] for r in records] == ["http://127.0.0.1:8080/news/library", "http://127.0.0.1:8080/news/prize"]


def test_records_match_extraction_of_the_live_bytes(tmp_path: Path) -> None:
    """URL, title, published, body, figures and honourees equal those from the original bytes."""
    _write(tmp_path / "c.warc.gz")
    records = _run([str(tmp_path / "c.warc.gz")], tmp_path / "out.jsonl")
    live = [
        extract(ARTICLE, "http://127.0.0.1:8080/news/library", {"Content-Type": "text/html; charset=utf-8"}),
        extract(SECOND, "http://127.0.0.1:8080/news/prize", {"Content-Type": "text/html; charset=windows-1252"}),
    ]
    for record, article in zip(records, live, strict=True):
        expected = article.model_dump(mode="json")
        assert {k: record[k] for k in COMPARED} == {k: expected[k] for k in COMPARED}


def test_archived_charset_header_is_used(tmp_path: Path) -> None:
    """A page declaring its charset only in the archived HTTP header is decoded by it."""
    _write(tmp_path / "c.warc.gz")
    record = _run([str(tmp_path / "c.warc.gz")], tmp_path / "out.jsonl")[1]
    assert "county\u2019s" in record["body"]
    assert record["capture"]["encoding_source"] == "http"


def test_capture_points_at_the_warc_record(tmp_path: Path) -> None:
    """Each record's capture names the WARC file, record id and offset, and the WARC-Date."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path) as writer:
        ref = writer.write_fetch(make_exchange())
    [record] = _run([str(path)], tmp_path / "out.jsonl")
    capture = record["capture"]
    assert (capture["warc_file"], capture["warc_record_id"], capture["warc_offset"]) == (str(path), ref.record_id, ref.offset)
    assert capture["fetched_at"].startswith("2026-03-02T09:30:15")
    assert capture["status"] == 200


@pytest.mark.parametrize("damage", ["truncate", "garbage"], ids=["truncated-file", "garbage-tail"])
def test_damaged_warc_reports_and_keeps_good_records(tmp_path: Path, damage: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A damaged tail is reported on stderr naming the file; records before it are written."""
    path = tmp_path / "c.warc.gz"
    _write(path)
    data = path.read_bytes()
    path.write_bytes(data[:-200] if damage == "truncate" else data + b"\x1f\x8b\x08garbage" * 10)
    out = tmp_path / "out.jsonl"
    code = main(["extract", "-q", str(path), "-o", str(out)])
    records = out.read_text(encoding="utf-8").splitlines()
    assert len(records) == 2
    assert code == 1
    assert str(path) in capsys.readouterr().err


@dataclass(frozen=True)
class _Fetched:
    """A private stand-in for scraper.fetch.client.Fetched."""

    exchanges: tuple[Exchange, ...]


def _fake_fetch_page(url: str, *, on_fetched: Callable[[Any], object] | None = None) -> Page:
    """Stands in for scraper.fetch.fetch_page: robots.txt, then a redirect and the page."""
    robots = make_exchange("http://127.0.0.1:8080/robots.txt", response_headers=[("Content-Type", "text/plain")],
                           raw_body=b"User-agent: *\nAllow: /\n")
    hop = make_exchange(url, status=301, reason="Moved Permanently", raw_body=b"",
                        response_headers=[("Location", "/news/library")])
    final = make_exchange(redirect_chain=(url,))
    if on_fetched is not None:
        on_fetched(_Fetched(exchanges=(robots,)))
        on_fetched(_Fetched(exchanges=(hop, final)))
    capture = Capture(fetched_at=final.fetched_at, final_url=final.url, status=200, content_type=final.content_type)
    return Page(name=url, data=final.body, url=final.url, headers=dict(final.response_headers), capture=capture)


def test_extract_url_with_warc_archives_every_fetch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`extract URL --warc` archives robots.txt, the redirect and the page, and the record names its response."""
    monkeypatch.setattr("scraper.fetch.fetch_page", _fake_fetch_page)
    warc = tmp_path / "live.warc.gz"
    [record] = _run(["http://127.0.0.1:8080/old", "--warc", str(warc)], tmp_path / "out.jsonl")
    responses = [r for r in read_records(warc) if r["type"] == "response"]
    assert [r["warc"]["WARC-Target-URI"] for r in responses] == [
        "http://127.0.0.1:8080/robots.txt", "http://127.0.0.1:8080/old", "http://127.0.0.1:8080/news/library",
    ]
    assert record["capture"]["warc_record_id"] == responses[-1]["warc"]["WARC-Record-ID"]
    assert record["capture"]["warc_file"] == str(warc)
    assert record["capture"]["warc_offset"] == responses[-1]["offset"]


def test_extract_with_a_bad_warc_name_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unusable --warc path is a one-line error and exit status 2, nothing extracted."""
    code = main(["extract", "-q", str(tmp_path), "--warc", str(tmp_path / "out.zip")])
    assert code == 2
    assert "must end with .warc.gz" in capsys.readouterr().err


def test_directory_of_a_rotated_series_reads_in_order_and_resolves_revisits(tmp_path: Path) -> None:
    """`extract DIR` reads crawl.warc.gz before crawl-00001.warc.gz; a revisit there finds its original."""
    out_dir = tmp_path / "warcs"
    with WarcWriter(out_dir / "crawl.warc.gz", max_size=1500) as writer:
        writer.write_fetch(make_exchange("http://127.0.0.1:8080/first"))
        writer.write_fetch(make_exchange("http://127.0.0.1:8080/second", raw_body=ARTICLE + b" "))
        revisit = writer.write_fetch(make_exchange("http://127.0.0.1:8080/first?copy=1"))
    assert revisit.file.endswith("crawl-00002.warc.gz")
    records = _run([str(out_dir)], tmp_path / "out.jsonl")
    assert [r["url"] for r in records] == [
        "http://127.0.0.1:8080/first", "http://127.0.0.1:8080/second", "http://127.0.0.1:8080/first?copy=1",
    ]
    assert records[2]["body"] == records[0]["body"]
    assert records[2]["capture"]["warc_record_id"] == revisit.record_id
