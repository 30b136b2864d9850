"""The bundled sample site fetched over loopback and archived: warcio check, cdxj-indexer, and
extraction from the WARC equal to extraction from the live pages (a stand-in for the crawl)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper.archive import WarcWriter, iter_warc_pages
from scraper.archive.live import FetchArchiver
from scraper.cli.demo import serve_directory
from scraper.extract import extract
from scraper.fetch import FetchSettings, fetch_page
from scraper.page import Page

SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"
ARTICLES: list[str] = json.loads((SITE / "expected.json").read_text(encoding="utf-8"))["articles"]
LOOPBACK = FetchSettings(allow_private=True, timeout=5.0, trust_env=False)
COMPARED = ("url", "title", "published", "body", "figures", "honourees")
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[Page]]]:
    """Every article of the site fetched with fetch_page and archived into one WARC."""
    path = tmp_path_factory.mktemp("site") / "site.warc.gz"
    with serve_directory(SITE) as root:
        base = root.rstrip("/")
        with WarcWriter(path, info={"seeds": base + "/"}) as writer:
            archiver = FetchArchiver(writer)
            live = [archiver.stamp(fetch_page(base + article, settings=LOOPBACK, on_fetched=archiver))
                    for article in ARTICLES]
    yield path, live


def test_site_warc_passes_warcio_check(archived: tuple[Path, list[Page]]) -> None:
    """warcio check verifies every record's digests."""
    path, _ = archived
    check = subprocess.run([BIN / "warcio", "check", path], capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout


def test_site_warc_is_indexed_by_cdxj_indexer(archived: tuple[Path, list[Page]]) -> None:
    """cdxj-indexer indexes every article response (and the robots.txt revisits)."""
    path, _ = archived
    index = subprocess.run([BIN / "cdxj-indexer", path], capture_output=True, text=True, timeout=120)
    assert index.returncode == 0, index.stderr
    lines = index.stdout.splitlines()
    assert sum('"mime": "warc/revisit"' in line for line in lines) == len(ARTICLES) - 1
    assert sum('"status": "200"' in line and "robots" not in line for line in lines) == len(ARTICLES)


def test_extract_from_the_warc_equals_the_live_records(archived: tuple[Path, list[Page]]) -> None:
    """Every article's record from the WARC equals the one from the live page."""
    path, live = archived
    from_warc = [item for item in iter_warc_pages(str(path)) if isinstance(item, Page)]
    assert [page.url for page in from_warc] == [page.url for page in live]
    for archived_page, live_page in zip(from_warc, live, strict=True):
        again = extract(archived_page.data, url=archived_page.url, headers=archived_page.headers).model_dump(mode="json")
        first = extract(live_page.data, url=live_page.url, headers=live_page.headers).model_dump(mode="json")
        assert {k: again[k] for k in COMPARED} == {k: first[k] for k in COMPARED}, live_page.url
        assert archived_page.capture is not None and live_page.capture is not None
        assert archived_page.capture.warc_record_id == live_page.capture.warc_record_id
