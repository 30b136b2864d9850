"""Crawl benchmark: our crawler against Scrapy + trafilatura on the same local site.

    python bench/bench_crawl.py [--pages 1000] [--concurrency 16] [--skip-scrapy] [--workers N] [--warc]

Generates a site of PAGES articles with bench/gensite.py, serves it on 127.0.0.1 from a
separate process (a threaded static server, HTTP/1.1 keep-alive), then crawls it, each crawler
in its own subprocess, one after the other, with the same concurrency (16 in flight, all on the
one host) and robots.txt obeyed. Prints, for each: wall time, pages fetched per second, records
per second, CPU seconds (user + system of the process and the children it reaped: steadier than
wall time on a shared machine), peak memory (the child's ru_maxrss from wait4) and the peak of
the whole process tree's resident memory summed (sampled from /proc every 0.1 s: it counts
extraction worker processes), then the ratios. With `--workers N` ours also runs with extraction
in N worker processes (its CPU seconds leave out the workers, which the forkserver reaps).
With `--warc` ours also runs with `--warc` (every exchange archived) and the overhead is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import gensite  # noqa: E402 - bench/ on the path first
from loopback import QuietHandler, free_port  # noqa: E402


def serve_forever(root: str, bind: str) -> None:
    """Serve `root` on bind ("127.0.0.N:PORT"), print the port, stop when stdin closes."""
    host, port = bind.rsplit(":", 1)
    server = ThreadingHTTPServer((host, int(port)), partial(QuietHandler, directory=root))
    server.daemon_threads = True
    import threading

    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


@dataclass
class Run:
    name: str
    seconds: float
    fetched: int
    written: int
    max_rss_mb: float
    cpu_seconds: float
    tree_rss_mb: float

    @property
    def pages_per_second(self) -> float:
        return self.fetched / self.seconds

    @property
    def records_per_second(self) -> float:
        return self.written / self.seconds

    @property
    def pages_per_cpu_second(self) -> float:
        return self.fetched / self.cpu_seconds


def _tree(pid: int) -> list[int]:
    """pid and all its descendants (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            continue
    return out


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process tree now, summed (worker processes count too)."""
    total = 0
    for member in _tree(pid):
        try:
            with open(f"/proc/{member}/status", encoding="ascii") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        except OSError:
            continue
    return total


def measure(name: str, cmd: list[str], stats: Path, timeout: float) -> Run:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    tree_peak = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            raise SystemExit(f"{name}: no result within {timeout:.0f}s")
        tree_peak = max(tree_peak, tree_rss_kb(proc.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{name} failed with status {os.waitstatus_to_exitcode(status)}")
    data = json.loads(stats.read_text("utf-8"))
    return Run(name=name, seconds=seconds, fetched=int(data["fetched"]), written=int(data["written"]),
               max_rss_mb=usage.ru_maxrss / 1024, cpu_seconds=usage.ru_utime + usage.ru_stime,
               tree_rss_mb=tree_peak / 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="articles in the generated site")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--skip-scrapy", action="store_true", help="only our crawler (memory runs)")
    parser.add_argument("--workers", type=int, default=0,
                        help="also run ours with this many extraction worker processes (default 0: no such run)")
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--hosts", type=int, default=1, help="spread the site over K loopback hosts")
    parser.add_argument("--warc", action="store_true", help="also run ours with --warc and print the overhead")
    parser.add_argument("--serve", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--bind", default="127.0.0.1:0", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve_forever(args.serve, args.bind)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        work = Path(tmp)
        port = free_port(args.hosts)
        origin = f"http://127.0.0.{{n}}:{port}" if args.hosts > 1 else None
        gensite.generate(work / "site", articles=args.pages, hosts=args.hosts, origin=origin)
        servers = [subprocess.Popen([sys.executable, __file__, "--serve", str(work / "site" / f"h{n}"),
                                     "--bind", f"127.0.0.{n + 1}:{port}"],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                   for n in range(args.hosts)]
        try:
            for server in servers:
                assert server.stdout is not None
                server.stdout.readline()
            starts = [f"http://127.0.0.{n + 1}:{port}/" for n in range(args.hosts)]
            runs = []
            variants = [(w, False) for w in sorted({0, args.workers})] + ([(0, True)] if args.warc else [])
            for workers, warc in variants:
                name = "scraper" + (f" --workers {workers}" if workers else "") + (" --warc" if warc else "")
                tag = f"ours{workers}{'w' if warc else ''}"
                runs.append(measure(name, [
                    sys.executable, "-m", "scraper", "crawl", *starts, "-o", str(work / f"{tag}.jsonl"),
                    "--allow-private", "--quiet", "--concurrency", str(args.concurrency),
                    "--per-host", str(args.concurrency), "--workers", str(workers),
                    "--stats", str(work / f"{tag}.json"),
                    *(["--warc", str(work / f"{tag}.warc.gz")] if warc else []),
                ], work / f"{tag}.json", args.timeout))
            if not args.skip_scrapy:
                runs.append(measure("scrapy+trafilatura", [
                    sys.executable, str(ROOT / "bench" / "bench_crawl_scrapy.py"), *starts,
                    str(work / "scrapy.jsonl"), str(work / "scrapy.json"),
                    "--concurrency", str(args.concurrency),
                ], work / "scrapy.json", args.timeout))
        finally:
            for server in servers:
                if server.stdin is not None:
                    server.stdin.close()
                server.wait(timeout=10)
    print(f"site: {args.pages} articles on {args.hosts} loopback host(s); concurrency {args.concurrency}")
    print(f"{'crawler':<22} {'seconds':>8} {'CPU s':>7} {'fetched':>8} {'records':>8} {'pages/s':>8} "
          f"{'records/s':>9} {'pages/CPU-s':>11} {'peak RSS MB':>11} {'tree RSS MB':>11}")
    for run in runs:
        print(f"{run.name:<22} {run.seconds:>8.1f} {run.cpu_seconds:>7.1f} {run.fetched:>8} {run.written:>8} "
              f"{run.pages_per_second:>8.1f} {run.records_per_second:>9.1f} {run.pages_per_cpu_second:>11.1f} "
              f"{run.max_rss_mb:>11.0f} {run.tree_rss_mb:>11.0f}")
    if args.warc:
        plain, archived = runs[0], next(r for r in runs if r.name.endswith("--warc"))
        print(f"WARC overhead: pages/s x{archived.pages_per_second / plain.pages_per_second:.2f}, "
              f"CPU seconds per page x{(archived.cpu_seconds / archived.fetched) / (plain.cpu_seconds / plain.fetched):.2f}")
    theirs = runs[-1] if not args.skip_scrapy else None
    for ours in runs:
        if theirs is None or ours is theirs:
            continue
        print(f"ratio {ours.name} / scrapy+trafilatura: "
              f"pages/s x{ours.pages_per_second / theirs.pages_per_second:.2f}, "
              f"records/s x{ours.records_per_second / theirs.records_per_second:.2f}, "
              f"pages/CPU-s x{ours.pages_per_cpu_second / theirs.pages_per_cpu_second:.2f}, "
              f"peak RSS x{ours.max_rss_mb / theirs.max_rss_mb:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
