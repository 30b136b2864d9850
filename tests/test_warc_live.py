"""Real fetches (loopback server, the fetch layer) archived, checked by warcio, read back."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

from scraper.archive import WarcWriter, iter_warc_pages
from scraper.archive.live import FetchArchiver
from scraper.extract import extract
from scraper.fetch import FetchSettings, fetch_page
from scraper.page import Page
from tests.fetch_server import page, redirect, serve_in_thread
from tests.test_warc_writer import ARTICLE, read_records

LOOPBACK = FetchSettings(allow_private=True, timeout=5.0, trust_env=False)
GZIPPED = gzip.compress(ARTICLE, mtime=0)


def routes() -> dict[str, object]:
    return {
        "/robots.txt": page(b"User-agent: *\nAllow: /\n", content_type="text/plain"),
        "/old": redirect("/news/library", 301),
        "/news/library": page(GZIPPED, extra=[("Content-Encoding", "gzip")]),
    }


def _fetch_archived(tmp_path: Path) -> tuple[Page, Path, str]:
    path = tmp_path / "live.warc.gz"
    with serve_in_thread(routes()) as server, WarcWriter(path) as writer:  # type: ignore[arg-type]
        archiver = FetchArchiver(writer)
        got = archiver.stamp(fetch_page(server.url("/old"), settings=LOOPBACK, on_fetched=archiver))
        base = server.url("")
    return got, path, base


def test_live_fetch_archives_robots_redirect_and_page(tmp_path: Path) -> None:
    """robots.txt, the redirect hop and the gzip page are archived as response+request pairs."""
    got, path, base = _fetch_archived(tmp_path)
    records = read_records(path)
    responses = [r for r in records if r["type"] == "response"]
    assert [r["warc"]["WARC-Target-URI"] for r in responses] == [
        f"{base}/robots.txt", f"{base}/old", f"{base}/news/library",
    ]
    assert [r["type"] for r in records].count("request") == 3
    assert responses[-1]["payload"] == GZIPPED
    assert responses[-1]["warc"]["WARC-IP-Address"] == "127.0.0.1"
    assert got.capture is not None and got.capture.warc_record_id == responses[-1]["warc"]["WARC-Record-ID"]


def test_live_warc_passes_warcio_check(tmp_path: Path) -> None:
    """warcio's own checker verifies every digest of the archived live fetch."""
    _, path, _ = _fetch_archived(tmp_path)
    check = subprocess.run([Path(sys.executable).parent / "warcio", "check", "-v", path],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout
    assert "digest pass" in check.stdout


def test_archived_page_extracts_like_the_live_one(tmp_path: Path) -> None:
    """Extracting from the WARC gives the same record fields as extracting the fetched page."""
    got, path, _ = _fetch_archived(tmp_path)
    [archived] = [item for item in iter_warc_pages(str(path)) if isinstance(item, Page)]
    live = extract(got.data, url=got.url, headers=got.headers).model_dump(mode="json")
    again = extract(archived.data, url=archived.url, headers=archived.headers).model_dump(mode="json")
    for key in ("url", "title", "published", "body", "figures", "honourees"):
        assert again[key] == live[key], key
