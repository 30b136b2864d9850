"""WACZ packaging with py-wacz: WARCs plus pages.jsonl, valid by `wacz validate`."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scraper.archive import WarcWriter
from scraper.archive.package import WaczPage, package_wacz, pages_from_records
from scraper.errors import ConfigError
from tests.test_warc_writer import WHEN, make_exchange

pytest.importorskip("wacz")


def _crawl(tmp_path: Path) -> list[str]:
    with WarcWriter(tmp_path / "c.warc.gz", max_size=1500) as writer:
        for n in range(2):
            writer.write_fetch(make_exchange(f"http://127.0.0.1:8080/{n}", raw_body=b"<html><title>x</title>" + bytes([n])))
    return writer.files


def test_wacz_holds_archives_index_and_pages(tmp_path: Path) -> None:
    """The .wacz holds every WARC, an index and a pages.jsonl naming the pages."""
    warcs = _crawl(tmp_path)
    out = tmp_path / "crawl.wacz"
    pages = [WaczPage(url=f"http://127.0.0.1:8080/{n}", ts=WHEN, title=f"Page {n}") for n in range(2)]
    package_wacz(warcs, out, pages=pages)
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        lines = archive.read("pages/pages.jsonl").decode().splitlines()
    assert {"archive/c.warc.gz", "archive/c-00001.warc.gz", "datapackage.json"} <= names
    assert any(name.startswith("indexes/") for name in names)
    assert json.loads(lines[0])["format"] == "json-pages-1.0"
    assert sorted(json.loads(line)["url"] for line in lines[1:]) == [p.url for p in pages]


def test_wacz_passes_wacz_validate(tmp_path: Path) -> None:
    """py-wacz's own validator accepts the package."""
    out = tmp_path / "crawl.wacz"
    package_wacz(_crawl(tmp_path), out, pages=[WaczPage(url="http://127.0.0.1:8080/0", ts=WHEN)])
    result = subprocess.run([Path(sys.executable).parent / "wacz", "validate", "-f", out],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pages_come_from_article_records() -> None:
    """Article records give pages by final URL, capture time and title; records without a capture are left out."""
    lines = [
        json.dumps({"url": "http://a/1", "title": "One", "capture": {"final_url": "http://a/1b", "fetched_at": "2026-03-02T09:30:15+00:00"}}),
        json.dumps({"url": "http://a/2", "title": "Two", "capture": None}),
    ]
    assert list(pages_from_records(lines)) == [WaczPage(url="http://a/1b", ts=WHEN.replace(microsecond=0), title="One")]


def test_wacz_name_must_end_with_wacz(tmp_path: Path) -> None:
    """An output name without .wacz is refused."""
    with pytest.raises(ConfigError):
        package_wacz(_crawl(tmp_path), tmp_path / "crawl.zip", pages=[])
