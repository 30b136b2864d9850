"""`scraper crawl ... --cluster`: shards by registrable domain on a two-process LocalCluster."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bench.gensite import generate
from bench.loopback import free_port
from scraper.cli import main
from scraper.crawl.runner import crawl
from scraper.crawl.settings import CrawlSettings
from scraper.fetch.settings import FetchSettings

distributed = pytest.importorskip("distributed")

HOSTS = 3
ARTICLES = 30
SLOW = 0.01  # seconds each response takes: overlapping requests become visible
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Log:
    """Every request each host served: (host, path, start, end)."""

    hits: list[tuple[str, str, float, float]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def most_at_once(self) -> dict[str, int]:
        """The largest number of requests one host was serving at the same moment."""
        peak: dict[str, int] = {}
        with self.lock:
            hits = list(self.hits)
        for host in {h for h, *_ in hits}:
            events = sorted([(s, 1) for h, _, s, _ in hits if h == host] + [(e, -1) for h, _, _, e in hits if h == host],
                            key=lambda ev: (ev[0], ev[1]))
            now = top = 0
            for _, step in events:
                now += step
                top = max(top, now)
            peak[host] = top
        return peak


class Handler(SimpleHTTPRequestHandler):
    log: Log

    def do_GET(self) -> None:
        start = time.monotonic()
        time.sleep(SLOW)
        super().do_GET()
        with self.log.lock:
            self.log.hits.append((self.server.server_address[0], self.path, start, time.monotonic()))  # type: ignore[index]

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Site:
    root: Path
    port: int
    log: Log

    def url(self, n: int, path: str = "/") -> str:
        return f"http://127.0.0.{n + 1}:{self.port}{path}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The generated benchmark site on 127.0.0.1-3 (one registrable domain each), same port."""
    root = tmp_path_factory.mktemp("site")
    port = free_port(HOSTS)
    generate(root, articles=ARTICLES, hosts=HOSTS, origin=f"http://127.0.0.{{n}}:{port}")
    log = Log()
    servers = []
    for n in range(HOSTS):
        handler = type("H", (Handler,), {"log": log})
        server = ThreadingHTTPServer((f"127.0.0.{n + 1}", port), partial(handler, directory=str(root / f"h{n}")))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
    try:
        yield Site(root=root, port=port, log=log)
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A two-process local Dask cluster and a client for the module."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                  silence_logs=logging.ERROR) as local, \
            distributed.Client(local) as client:
        yield client


def settings(site: Site, out: Path, **changes: Any) -> CrawlSettings:
    values: dict[str, Any] = {
        "seeds": (site.url(0),), "output": out, "scope": "any", "per_host": 1, "concurrency": 4,
        "fetch": FetchSettings(allow_private=True, timeout=10.0),
    }
    values.update(changes)
    return CrawlSettings(**values)


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def comparable(path: Path) -> list[tuple[str, str]]:
    """Each record whole, as sorted JSON, but for the moment it was fetched."""
    out = []
    for r in records(path):
        r["capture"].pop("fetched_at")
        out.append((r["url"], json.dumps(r, sort_keys=True, ensure_ascii=False)))
    return sorted(out)


@pytest.fixture(scope="module")
def single(site: Site, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    """The single-process crawl's records, for comparison."""
    out = tmp_path_factory.mktemp("single") / "out.jsonl"
    asyncio.run(crawl(settings(site, out)))
    return comparable(out)


def test_single_process_crawl_crosses_every_host(single: list[tuple[str, str]]) -> None:
    """The baseline itself reaches all three hosts' articles from one seed."""
    assert len(single) == ARTICLES and {u.split("/")[2].split(":")[0] for u, _ in single} == {
        f"127.0.0.{n + 1}" for n in range(HOSTS)}


def test_cluster_crawl_writes_the_same_records(site: Site, cluster: Any, single: list[tuple[str, str]],
                                               tmp_path: Path) -> None:
    """Three domains over two workers: the same records as one process, each once."""
    from scraper.cluster.crawl import ClusterCrawl

    out = tmp_path / "out.jsonl"
    summary = ClusterCrawl(cluster, settings(site, out), shards=3).run()
    assert comparable(out) == single and summary.written == len(single)
    plan = json.loads((tmp_path / "out.jsonl.state" / "cluster.json").read_text())
    assert sorted(plan["domains"].values()) == [0, 1, 2]


@pytest.mark.parametrize("per_host", [1, 2], ids=["one", "two"])
def test_no_host_sees_more_than_per_host_requests(site: Site, cluster: Any, tmp_path: Path, per_host: int) -> None:
    """No host ever serves more than --per-host requests at once, though shards run in parallel."""
    from scraper.cluster.crawl import ClusterCrawl

    with site.log.lock:
        site.log.hits.clear()
    ClusterCrawl(cluster, settings(site, tmp_path / "out.jsonl", per_host=per_host), shards=3).run()
    peaks = site.log.most_at_once()
    assert len(peaks) == HOSTS and max(peaks.values()) <= per_host


def test_a_second_run_fetches_nothing(site: Site, cluster: Any, tmp_path: Path) -> None:
    """Running the same cluster crawl again resumes: nothing fetched, the same output."""
    from scraper.cluster.crawl import ClusterCrawl

    out = tmp_path / "out.jsonl"
    ClusterCrawl(cluster, settings(site, out), shards=3).run()
    first = out.read_bytes()
    summary = ClusterCrawl(cluster, settings(site, out), shards=3).run()
    assert summary.fetched == 0 and out.read_bytes() == first


def test_cli_cluster_option(site: Site, cluster: Any, single: list[tuple[str, str]], tmp_path: Path) -> None:
    """`scraper crawl SEED -o OUT --cluster tcp://...` writes OUT as without --cluster."""
    out = tmp_path / "out.jsonl"
    address = cluster.scheduler.address
    code = main(["crawl", site.url(0), "-o", str(out), "--allow-private", "--scope", "any", "-q",
                 "--cluster", address, "--shards", "4", "--stats", str(tmp_path / "stats.json")])
    assert code == 0 and comparable(out) == single
    assert json.loads((tmp_path / "stats.json").read_text())["written"] == len(single)


def test_workers_report_progress_to_the_client(site: Site, cluster: Any, tmp_path: Path) -> None:
    """The client's progress sink receives the shards' counts, summed, while they run."""
    from scraper.cluster.crawl import ClusterCrawl

    seen: list[Any] = []
    ClusterCrawl(cluster, settings(site, tmp_path / "out.jsonl", delay=0.02), shards=3, progress=seen.append).run()
    assert seen and max(p.fetched for p in seen) > 0


def test_stop_file_interrupts_and_a_rerun_completes(site: Site, cluster: Any, single: list[tuple[str, str]],
                                                    tmp_path: Path) -> None:
    """The stop file stops every shard cleanly; running again finishes with every record once."""
    from scraper.cluster.crawl import ClusterCrawl

    out = tmp_path / "out.jsonl"
    state = tmp_path / "out.jsonl.state"
    result: dict[str, Any] = {}
    slow = settings(site, out, delay=0.05)
    runner = threading.Thread(target=lambda: result.setdefault("summary", ClusterCrawl(cluster, slow, shards=3).run()))
    runner.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(p.stat().st_size for p in state.glob("shards/*/records.jsonl")):
        time.sleep(0.05)
    (state / "stop").touch()
    runner.join(timeout=60)
    assert result["summary"].interrupted and len(records(out)) < len(single)
    ClusterCrawl(cluster, settings(site, out), shards=3).run()
    assert comparable(out) == single


def test_max_pages_is_shared_between_shards(site: Site, cluster: Any, tmp_path: Path) -> None:
    """--max-pages bounds the page fetches of all shards together."""
    from scraper.cluster.crawl import ClusterCrawl

    summary = ClusterCrawl(cluster, settings(site, tmp_path / "out.jsonl", max_pages=12), shards=3).run()
    assert 0 < summary.fetched <= 12


def test_warc_files_per_shard_are_listed_in_a_manifest(site: Site, cluster: Any, tmp_path: Path) -> None:
    """--warc: each shard archives to its own series, named in OUT.warc.gz.manifest."""
    from scraper.archive import iter_warc_pages
    from scraper.cluster.crawl import ClusterCrawl

    warc = tmp_path / "crawl.warc.gz"
    out = tmp_path / "out.jsonl"
    ClusterCrawl(cluster, settings(site, out, warc=warc), shards=3).run()
    names = (tmp_path / "crawl.warc.gz.manifest").read_text().split()
    assert len(names) == 3
    archived = {p.url for n in names for p in iter_warc_pages(str(tmp_path / n)) if not isinstance(p, Exception)}
    assert {r["url"] for r in records(out)} <= archived


def test_killed_worker_loses_and_duplicates_nothing(site: Site, cluster: Any, single: list[tuple[str, str]],
                                                   tmp_path: Path) -> None:
    """A worker killed mid-crawl: its shard is re-run elsewhere and resumes; every record once."""
    from scraper.cluster.crawl import ClusterCrawl

    out = tmp_path / "out.jsonl"
    slow = settings(site, out, delay=0.05)
    result: dict[str, Any] = {}
    runner = threading.Thread(target=lambda: result.setdefault("summary", ClusterCrawl(cluster, slow, shards=3).run()))
    runner.start()
    victim = None
    deadline = time.monotonic() + 30
    while victim is None and time.monotonic() < deadline:
        written = sum(p.stat().st_size for p in (tmp_path / "out.jsonl.state").glob("shards/*/records.jsonl"))
        busy = [w for w, keys in cluster.processing().items() if keys]
        if written > 0 and busy:
            victim = busy[0]
        time.sleep(0.05)
    assert victim is not None and runner.is_alive(), "no shard was running"
    pid = cluster.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)
    runner.join(timeout=120)
    assert not runner.is_alive() and pid not in cluster.run(os.getpid).values()
    urls = [r["url"] for r in records(out)]
    assert len(urls) == len(set(urls)) and comparable(out) == single


def test_plain_crawl_imports_no_dask(tmp_path: Path) -> None:
    """A crawl without --cluster runs without importing dask or distributed."""
    import subprocess

    code = ("import sys, scraper.cli; "
            "scraper.cli.main(['crawl', 'http://127.0.0.1:9/', '-o', sys.argv[1], '--allow-private', '-q', "
            "'--retries', '0', '--timeout', '2', '--ignore-robots', '--no-sitemaps']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "out.jsonl")], capture_output=True,
                          text=True, timeout=60, check=True, cwd=ROOT)
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--cluster", "nowhere"], "--cluster"), (["--workers", "2"], "--workers"), (["--shards", "0"], "--shards")],
    ids=["bad-address", "workers", "zero-shards"],
)
def test_cli_refuses_what_a_cluster_cannot_do(site: Site, cluster: Any, tmp_path: Path, extra: list[str],
                                              message: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad --cluster value, --workers with --cluster, or no shards: status 2 and a message naming it."""
    args = ["crawl", site.url(0), "-o", str(tmp_path / "out.jsonl"), "--allow-private", "-q"]
    if extra[0] != "--cluster":
        args += ["--cluster", cluster.scheduler.address]
    assert main([*args, *extra]) == 2
    assert message in capsys.readouterr().err


def test_recheck_revisits_each_page_once(site: Site, cluster: Any, tmp_path: Path) -> None:
    """--recheck on a finished cluster crawl re-fetches its pages once, writing nothing new."""
    from scraper.cluster.crawl import ClusterCrawl

    out = tmp_path / "out.jsonl"
    first = ClusterCrawl(cluster, settings(site, out), shards=3).run()
    before = out.read_bytes()
    with site.log.lock:
        site.log.hits.clear()
    again = ClusterCrawl(cluster, settings(site, out, recheck=True), shards=3).run()
    with site.log.lock:
        paths = [(h, p) for h, p, *_ in site.log.hits]
    assert again.written == 0 and out.read_bytes() == before
    assert len(paths) == len(set(paths)) and again.fetched >= first.written
