"""`scraper extract ... --cluster`: one Dask task per WARC file, the same records as without it."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scraper.archive import WarcWriter
from scraper.cli import main
from scraper.fetch.exchange import Exchange

distributed = pytest.importorskip("distributed")

SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"
WHEN = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A two-process local Dask cluster for the module; yields its scheduler address."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                  silence_logs=logging.ERROR) as local:
        yield str(local.scheduler_address)


def exchange(url: str, body: bytes, content_type: str = "text/html") -> Exchange:
    return Exchange(url=url, method="GET", request_headers=[("Host", "127.0.0.1:8080")],
                    http_version="HTTP/1.1", status=200, reason="OK",
                    response_headers=[("Content-Type", content_type), ("Content-Length", str(len(body)))],
                    raw_body=body, body=body, fetched_at=WHEN, ip_address="127.0.0.1")


def fixture_pages() -> list[Path]:
    return sorted(p for p in SITE.rglob("*.html"))


@pytest.fixture
def warcs(tmp_path: Path) -> Path:
    """Four WARC files, each with a share of the fixture site's pages and an image."""
    folder = tmp_path / "warcs"
    folder.mkdir()
    pages = fixture_pages()
    for n in range(4):
        with WarcWriter(folder / f"crawl{n}.warc.gz") as writer:
            for page in pages[n::4]:
                url = "http://127.0.0.1:8080/" + page.relative_to(SITE).as_posix()
                writer.write_fetch(exchange(url, page.read_bytes()))
            writer.write_fetch(exchange(f"http://127.0.0.1:8080/logo{n}.png", b"\x89PNG", "image/png"))
    return folder


def run_cli(args: list[str], out: Path) -> tuple[int, bytes]:
    code = main(["extract", "-q", *args, "-o", str(out)])
    return code, out.read_bytes()


def test_cluster_output_is_the_plain_output(warcs: Path, cluster: str, tmp_path: Path) -> None:
    """Over several WARC files the cluster run writes the same bytes, in the same order."""
    plain_code, plain = run_cli([str(warcs)], tmp_path / "plain.jsonl")
    code, clustered = run_cli([str(warcs), "--cluster", cluster], tmp_path / "cluster.jsonl")
    assert (code, plain_code) == (0, 0)
    assert clustered == plain and len(plain.splitlines()) == len(fixture_pages())


def test_glob_pattern_expands_in_sorted_order(warcs: Path, cluster: str, tmp_path: Path) -> None:
    """A quoted glob pattern gives the records of the files it matches, sorted."""
    _, plain = run_cli([str(warcs / "crawl1.warc.gz"), str(warcs / "crawl3.warc.gz")], tmp_path / "p.jsonl")
    code, clustered = run_cli([str(warcs / "crawl[13].warc.gz"), "--cluster", cluster], tmp_path / "c.jsonl")
    assert code == 0 and clustered == plain


def test_a_broken_file_fails_alone(warcs: Path, cluster: str, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A file that is no WARC is reported by name; the other files' records are all written."""
    (warcs / "crawl1b.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage" * 5)
    plain_code, plain = run_cli([str(warcs)], tmp_path / "plain.jsonl")
    capsys.readouterr()
    code, clustered = run_cli([str(warcs), "--cluster", cluster], tmp_path / "cluster.jsonl")
    assert (code, plain_code) == (1, 1) and clustered == plain
    assert "crawl1b.warc.gz" in capsys.readouterr().err


def test_workers_report_progress_to_the_client(warcs: Path, cluster: str, tmp_path: Path) -> None:
    """The progress callback sees every file finish, with the running record count."""
    from scraper.cluster.extract import cluster_inputs, extract_files

    seen = []
    names = cluster_inputs([str(warcs)])
    with distributed.Client(cluster) as client:
        summary = extract_files(client, names, out=io.StringIO(), parts=tmp_path / "parts",
                                on_progress=seen.append)
    assert seen[-1].files_done == len(names) == 4 and seen[-1].records == summary.records
    assert summary.records == len(fixture_pages())


def test_parts_directory_is_removed(warcs: Path, cluster: str, tmp_path: Path) -> None:
    """Nothing is left beside the output but the output."""
    run_cli([str(warcs), "--cluster", cluster], tmp_path / "out.jsonl")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "warcs"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("local", None), ("local:3", "local:3"), ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
     ("tcp://sched", "tcp://sched:8786"), ("tls://sched:9000", "tls://sched:9000")],
    ids=["local", "local-n", "tcp", "default-port", "tls"],
)
def test_cluster_values_parse(value: str, expected: str | None) -> None:
    """`--cluster` takes local, local:N and scheduler addresses."""
    from scraper.cluster.address import parse_cluster

    address = parse_cluster(value)
    assert str(address) == expected if expected else address.is_local


@pytest.mark.parametrize("value", ["locale", "local:0", "http://x:8786", "tcp://", ""],
                         ids=["word", "zero", "http", "no-host", "empty"])
def test_bad_cluster_values_are_refused(value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A value that names no cluster stops the command with status 2 and a message."""
    (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>")
    assert main(["extract", "-q", str(tmp_path / "a.html"), "--cluster", value]) == 2
    assert "--cluster" in capsys.readouterr().err


def test_urls_are_refused_on_a_cluster(capsys: pytest.CaptureFixture[str]) -> None:
    """URL inputs cannot run on workers: a clear refusal, exit status 2."""
    assert main(["extract", "-q", "http://127.0.0.1:9/x", "--cluster", "local:1"]) == 2
    assert "files only" in capsys.readouterr().err


def test_plain_extract_imports_no_dask() -> None:
    """Without --cluster, neither dask nor distributed is imported by the CLI's extract and crawl paths."""
    code = ("import sys, scraper.cli, scraper.cli.extract, scraper.cli.crawl; "
            "scraper.cli.main(['extract', '-q', '-o', '/dev/null', sys.argv[1]]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    page = next(iter(fixture_pages()))
    done = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True,
                          timeout=60, check=True, cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.strip() == "[]"
