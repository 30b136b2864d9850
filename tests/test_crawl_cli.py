"""`scraper crawl` from the command line: start-up errors, --stats, and SIGKILL mid-crawl."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scraper.cli import main
from tests.support.pages import article, index
from tests.support.server import Reply, Site, serve

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("seeds", "message"),
    [
        (["http://127.0.0.1:9/"], "allow-private"),
        (["http://localhost/"], "allow-private"),
        (["/nonexistent/seeds.txt"], "seed file"),
        (["ftp://example.com/"], "seed file"),
        (["http://example.com/", "--concurrency", "0"], "concurrency"),
        (["http://example.com/", "--include", "(unclosed"], "regular expression"),
    ],
    ids=["loopback-seed", "localhost-seed", "missing-seed-file", "not-http", "zero-concurrency", "bad-regex"],
)
def test_crawl_refuses_to_start(tmp_path: Path, capsys: pytest.CaptureFixture[str], seeds: list[str], message: str) -> None:
    """A seed that cannot be crawled stops the crawl before it starts, exit 2, with a message."""
    code = main(["crawl", *seeds, "-o", str(tmp_path / "o.jsonl"), "--quiet"])
    assert code == 2
    assert message in capsys.readouterr().err


def test_stats_file_and_seed_file(tmp_path: Path) -> None:
    """Seeds read from a file; --stats writes the summary as JSON."""
    site = Site()
    site.page("/a.html", article("Seeded story"))
    with serve(site) as server:
        seeds = tmp_path / "seeds.txt"
        seeds.write_text(f"# seeds\n{server.url('/a.html')}\n\n", "utf-8")
        code = main(["crawl", str(seeds), "-o", str(tmp_path / "o.jsonl"), "--allow-private", "--quiet",
                     "--no-sitemaps", "--stats", str(tmp_path / "stats.json")])
        assert code == 0
        stats = json.loads((tmp_path / "stats.json").read_text("utf-8"))
        assert stats["written"] == 1 and stats["outcomes"]["written"] == 1


def _kill_site(n: int) -> Site:
    site = Site()
    site.page("/", index("Front page", [f"/news/{i}.html" for i in range(n)]))
    for i in range(n):
        site.route(f"/news/{i}.html", Reply(body=article(f"Story number {i}").encode()))
    return site


def test_sigkill_mid_crawl_then_resume_gives_each_article_once(tmp_path: Path) -> None:
    """SIGKILL at several moments of a crawl, then a resume: every article is in the output exactly once."""
    n = 40
    out = tmp_path / "o.jsonl"
    with serve(_kill_site(n)) as server:
        args = [sys.executable, "-m", "scraper", "crawl", server.url("/"), "-o", str(out), "--allow-private",
                "--quiet", "--no-sitemaps", "--delay", "0.02", "--per-host", "2"]
        for more in (20, 12, 16):  # kill once the server has seen this many more requests
            target = len(server.requests) + more
            proc = subprocess.Popen(args, cwd=ROOT)
            deadline = time.monotonic() + 20
            while len(server.requests) < target and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.005)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        assert 0 < len(out.read_bytes().splitlines()) < n
        finished = subprocess.run(args, cwd=ROOT, timeout=60)
        assert finished.returncode == 0
        urls = [json.loads(line)["url"] for line in out.read_text("utf-8").splitlines()]
        assert sorted(urls) == sorted(server.url(f"/news/{i}.html") for i in range(n))
        assert len(urls) == len(set(urls))


def test_sigterm_stops_cleanly_and_the_next_run_finishes(tmp_path: Path) -> None:
    """SIGTERM mid-crawl: exit 130 with a summary, no partial line; the next run writes the rest once."""
    n = 20
    out = tmp_path / "o.jsonl"
    with serve(_kill_site(n)) as server:
        args = [sys.executable, "-m", "scraper", "crawl", server.url("/"), "-o", str(out), "--allow-private",
                "--no-sitemaps", "--delay", "0.05", "--per-host", "1"]
        proc = subprocess.Popen(args, cwd=ROOT, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 20
        while len(server.requests) < 8 and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=15)
        assert proc.returncode == 130
        assert "crawl interrupted" in err
        assert out.read_bytes().endswith(b"\n") or out.read_bytes() == b""
        assert subprocess.run([*args, "--quiet"], cwd=ROOT, timeout=60).returncode == 0
        urls = [json.loads(line)["url"] for line in out.read_text("utf-8").splitlines()]
        assert sorted(urls) == sorted(server.url(f"/news/{i}.html") for i in range(n))


def test_wacz_packages_the_crawl(tmp_path: Path) -> None:
    """--warc with --wacz leaves a WACZ holding the WARC and one page per record."""
    import zipfile

    pytest.importorskip("wacz")
    site = Site()
    site.page("/a.html", article("Packaged story"))
    with serve(site) as server:
        code = main(["crawl", server.url("/a.html"), "-o", str(tmp_path / "o.jsonl"), "--allow-private",
                     "--quiet", "--no-sitemaps", "--warc", str(tmp_path / "c.warc.gz"),
                     "--wacz", str(tmp_path / "c.wacz")])
    assert code == 0
    with zipfile.ZipFile(tmp_path / "c.wacz") as wacz:
        names = wacz.namelist()
        pages = wacz.read("pages/pages.jsonl").decode("utf-8").splitlines()
    assert "archive/c.warc.gz" in names
    assert any(server.url("/a.html") in line for line in pages[1:])


def test_wacz_needs_warc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--wacz without --warc is refused before the crawl starts."""
    code = main(["crawl", "http://example.com/", "-o", str(tmp_path / "o.jsonl"), "--wacz", str(tmp_path / "c.wacz")])
    assert code == 2
    assert "--wacz needs --warc" in capsys.readouterr().err
