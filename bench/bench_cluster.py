"""Throughput of `scraper crawl/extract --cluster` on 1 vs 2 local workers, against one process.

    python bench/bench_cluster.py [--articles 400] [--hosts 4] [--latency 0.05] [--workers 1,2]
                                  [--what crawl,extract] [--per-host 2] [--keep DIR]

Generates a site of ARTICLES over HOSTS hosts (bench/gensite.py), serves host n on
127.0.0.n (a separate server process, each response delayed by LATENCY seconds to stand in
for the network), and times, each as a fresh `python -m scraper` process:
- crawl: without --cluster, then --cluster local:N for each N (a new state each time);
- extract: the crawl's pages written into HOSTS WARC files, re-extracted without --cluster and
  with --cluster local:N.
Prints pages/s (records/s for extract), wall time and the CPU seconds used by the command and
its worker processes, so the limit shows: CPU-bound runs use ~1 core per worker.
Only loopback traffic. Start-up of a LocalCluster (~2-3 s) is included in the cluster times.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from functools import partial
from http.server import ThreadingHTTPServer
from multiprocessing import Process
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from loopback import QuietHandler, free_port  # noqa: E402 - bench/ on the path first


def load_gensite() -> Any:
    spec = importlib.util.spec_from_file_location("gensite", ROOT / "bench" / "gensite.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gensite"] = module
    spec.loader.exec_module(module)
    return module


def serve(root: Path, hosts: int, port: int, latency: float, lifetime: float) -> None:
    """Server process: host n's files on 127.0.0.n:port, each response after `latency` seconds."""
    import threading

    class Slow(QuietHandler):
        protocol_version = "HTTP/1.0"  # as before: one connection per request

        def do_GET(self) -> None:
            time.sleep(latency)
            super().do_GET()

    servers = []
    for n in range(hosts):
        server = ThreadingHTTPServer((f"127.0.0.{n + 1}", port), partial(Slow, directory=str(root / f"h{n}")))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    time.sleep(lifetime)  # bounded: the parent terminates it earlier


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the command and its children (workers included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def count_lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def write_warcs(site: Path, hosts: int, port: int, out: Path) -> list[Path]:
    """One WARC per host with every HTML page of the generated site, as if fetched."""
    sys.path.insert(0, str(ROOT))
    from scraper.archive import WarcWriter
    from scraper.fetch.exchange import Exchange

    when = datetime(2026, 3, 2, tzinfo=UTC)
    files = []
    for n in range(hosts):
        path = out / f"host{n}.warc.gz"
        with WarcWriter(path) as writer:
            for page in sorted((site / f"h{n}").rglob("*.html")):
                body = page.read_bytes()
                url = f"http://127.0.0.{n + 1}:{port}/" + page.relative_to(site / f"h{n}").as_posix()
                writer.write_fetch(Exchange(
                    url=url, method="GET", request_headers=[("Host", f"127.0.0.{n + 1}")],
                    http_version="HTTP/1.1", status=200, reason="OK",
                    response_headers=[("Content-Type", "text/html; charset=utf-8")],
                    raw_body=body, body=body, fetched_at=when, ip_address=f"127.0.0.{n + 1}"))
        files.append(path)
    return files


def start_cluster(n: int, threads: int = 1) -> tuple[subprocess.Popen[str], str]:
    """A LocalCluster of n worker processes in its own process; its scheduler address."""
    code = ("import logging, sys, time, distributed\n"
            f"c = distributed.LocalCluster(n_workers={n}, threads_per_worker={threads}, processes=True, "
            "dashboard_address=None, silence_logs=logging.ERROR)\n"
            "print(c.scheduler_address, flush=True)\n"
            "sys.stdin.read()\n"
            "c.close()\n")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def stop_cluster(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.close()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()


def report(label: str, items: int, wall: float, cpu: float) -> dict[str, Any]:
    row = {"run": label, "items": items, "wall_s": round(wall, 2), "items_per_s": round(items / wall, 1),
           "cpu_s": round(cpu, 2), "cores_busy": round(cpu / wall, 2)}
    print(f"{label:<28} {items:>6} items {wall:>7.2f}s {items / wall:>8.1f}/s  cpu {cpu:>6.1f}s "
          f"({cpu / wall:.2f} cores)", flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per response (default 0.05)")
    parser.add_argument("--workers", default="1,2", help="local worker counts to try (default 1,2)")
    parser.add_argument("--what", default="crawl,extract")
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="work here instead of a temporary directory")
    args = parser.parse_args(argv)
    workers = [int(w) for w in args.workers.split(",")]
    what = set(args.what.split(","))
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    work.mkdir(parents=True, exist_ok=True)
    port = free_port(args.hosts)
    site = work / "site"
    load_gensite().generate(site, articles=args.articles, hosts=args.hosts,
                            origin=f"http://127.0.0.{{n}}:{port}")
    print(f"{args.articles} articles on {args.hosts} hosts, {args.latency * 1000:.0f} ms a response, "
          f"{os.cpu_count()} cores", flush=True)
    rows = []
    python = [sys.executable, "-m", "scraper"]
    if "crawl" in what:
        server = Process(target=serve, args=(site, args.hosts, port, args.latency, 1800.0), daemon=True)
        server.start()
        time.sleep(0.5)
        try:
            seeds = [f"http://127.0.0.{n + 1}:{port}/" for n in range(args.hosts)]
            common = ["--allow-private", "-q", "--per-host", str(args.per_host)]
            runs: list[tuple[str, list[str]]] = [("crawl, one process", [])]
            runs += [(f"crawl --cluster local:{n}", ["--cluster", f"local:{n}"]) for n in workers]
            for i, (label, extra) in enumerate(runs):
                out = work / f"crawl{i}.jsonl"
                wall, cpu = timed([*python, "crawl", *seeds, "-o", str(out), *common, *extra])
                rows.append(report(label, count_lines(out), wall, cpu))
            for n in workers:  # a cluster already running: no start-up in the time
                proc, address = start_cluster(n, threads=4)
                try:
                    out = work / f"crawl-warm{n}.jsonl"
                    wall, _ = timed([*python, "crawl", *seeds, "-o", str(out), *common, "--cluster", address])
                    rows.append(report(f"crawl, running cluster of {n}", count_lines(out), wall, float("nan")))
                finally:
                    stop_cluster(proc)
        finally:
            server.terminate()
            server.join(5)
    if "extract" in what:
        warcs = work / "warcs"
        warcs.mkdir(exist_ok=True)
        write_warcs(site, args.hosts, port, warcs)
        runs = [("extract, one process", [])]
        runs += [(f"extract --cluster local:{n}", ["--cluster", f"local:{n}"]) for n in workers]
        for i, (label, extra) in enumerate(runs):
            out = work / f"extract{i}.jsonl"
            wall, cpu = timed([*python, "extract", str(warcs), "-o", str(out), "-q", *extra])
            rows.append(report(label, count_lines(out), wall, cpu))
        for n in workers:  # a cluster already running (workers' imports warm): steady throughput
            proc, address = start_cluster(n)
            try:
                subprocess.run([*python, "extract", str(warcs / "host0.warc.gz"), "-o", os.devnull, "-q",
                                "--cluster", address], cwd=ROOT, check=True, timeout=600)
                out = work / f"extract-warm{n}.jsonl"
                wall, _ = timed([*python, "extract", str(warcs), "-o", str(out), "-q", "--cluster", address])
                rows.append(report(f"extract, running cluster of {n}", count_lines(out), wall, float("nan")))
            finally:
                stop_cluster(proc)
    (work / "bench_cluster.json").write_text(json.dumps(rows, indent=2) + "\n")
    print(f"results in {work / 'bench_cluster.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
