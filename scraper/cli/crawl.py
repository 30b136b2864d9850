"""`scraper crawl`: argv to `CrawlSettings`, signals to a stop event, the summary to the user."""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sqlite3
import sys
import threading
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scraper.crawl.runner import crawl
from scraper.crawl.settings import CrawlSettings
from scraper.crawl.summary import ProgressSink, Summary
from scraper.crawl.urls import normalise
from scraper.errors import ConfigError, ScraperError
from scraper.fetch.guard import classify_address, parse_host_address
from scraper.fetch.settings import FetchSettings

DESCRIPTION = (
    "Crawl politely from SEED URLs (start pages, sitemaps, feeds, or files of URLs one a line) "
    "and write one JSON record per article page to OUT (JSON Lines). Follows links within "
    "scope, reads sitemaps (robots.txt, /sitemap.xml) and RSS/Atom feeds, obeys robots.txt, "
    "Crawl-delay and Retry-After. Running the same command again resumes: nothing written is "
    "fetched or written again, even after a kill. --recheck revisits a finished crawl with "
    "conditional requests. Ctrl-C stops cleanly (the next run resumes). Exit status 0 when the "
    "crawl ran to its end, whatever pages did; 2 when it could not start; 130 when interrupted; "
    "1 when the disk or the state failed mid-crawl."
)


def register(subparsers: Any) -> None:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "crawl", help="crawl sites from seeds into JSON records", description=DESCRIPTION)
    p.add_argument("seeds", nargs="+", metavar="SEED",
                   help="start URL, sitemap or feed URL, or a file of URLs")
    p.add_argument("-o", "--output", required=True, metavar="OUT.jsonl", help="JSON Lines output")
    p.add_argument("--state", metavar="DIR", help="crawl state directory (default: OUT.jsonl.state)")
    p.add_argument("--warc", metavar="OUT.warc.gz", help="also archive every request and response")
    p.add_argument("--wacz", metavar="OUT.wacz",
                   help="after the crawl, package the --warc files and the records' pages as WACZ "
                        "(needs the wacz extra: pip install 'scraper[wacz]')")
    p.add_argument("--warc-max-size", default="1G", metavar="SIZE",
                   help="start a new WARC file past this size: 1G, 500M, bytes (default 1G)")
    p.add_argument("--max-pages", type=int, metavar="N",
                   help="stop after N page fetches (over all runs)")
    p.add_argument("--max-depth", type=int, metavar="N", help="follow links at most N hops from a seed")
    p.add_argument("--scope", choices=("host", "domain", "prefix", "any"), default="domain",
                   help="which links to follow (default: the seeds' registrable domains)")
    p.add_argument("--include", action="append", default=[], metavar="REGEX",
                   help="follow only matching URLs")
    p.add_argument("--exclude", action="append", default=[], metavar="REGEX",
                   help="never follow matching URLs")
    p.add_argument("--concurrency", type=int, default=16, metavar="N",
                   help="requests in flight (default 16)")
    p.add_argument("--per-host", type=int, default=2, metavar="N",
                   help="requests in flight per host (default 2)")
    p.add_argument("--delay", type=float, default=0.0, metavar="SECONDS",
                   help="least time between requests to a host; Crawl-delay may ask for more")
    p.add_argument("--retries", type=int, default=3, metavar="N", help="retries of retryable failures")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="overall deadline per fetch")
    p.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024, metavar="N",
                   help="largest decoded body accepted (default 10 MiB)")
    p.add_argument("--user-agent", metavar="UA", help="User-Agent header")
    p.add_argument("--contact", metavar="URL", help="contact URL or e-mail added to the User-Agent")
    p.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt")
    p.add_argument("--allow-private", action="store_true",
                   help="allow loopback, private and other non-public addresses")
    p.add_argument("--no-sitemaps", action="store_true",
                   help="do not read robots.txt sitemaps or /sitemap.xml")
    p.add_argument("--workers", type=int, default=0, metavar="N",
                   help="extract pages in N worker processes (default 0: in the crawl process)")
    p.add_argument("--recheck", action="store_true",
                   help="re-fetch a finished crawl's pages with conditional requests")
    p.add_argument("--stats", metavar="FILE", help="write the summary as JSON to FILE")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display and no summary")
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="run on a Dask cluster, sharded by registrable domain: local, local:N (N worker "
                   "processes) or a scheduler address tcp://host:8786; needs scraper[cluster]")
    p.add_argument("--shards", type=int, metavar="N",
                   help="with --cluster: how many shards (default 4 per worker thread, at least 64; "
                   "fixed at the start)")
    p.set_defaults(run=run)


def read_seeds(values: list[str]) -> list[str]:
    """URLs as given, and the URLs of seed files (one a line, # comments)."""
    seeds: list[str] = []
    for value in values:
        if value.startswith(("http://", "https://")):
            seeds.append(value)
            continue
        try:
            text = Path(value).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"not a URL, and cannot read it as a seed file: {exc}", url=value) from exc
        seeds += [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return seeds


def check_seeds(seeds: list[str], *, allow_private: bool) -> tuple[str, ...]:
    """Normalised seeds; a seed that is no http(s) URL, or a non-public address, stops the crawl."""
    out: list[str] = []
    for seed in seeds:
        url = normalise(seed)
        if url is None:
            raise ConfigError("not an http(s) URL", url=seed)
        host = (urlsplit(url).hostname or "").lower()
        if not allow_private:
            address = parse_host_address(host)
            reason = "loopback" if host == "localhost" or host.endswith(".localhost") else (
                classify_address(str(address)) if address is not None else None)
            if reason is not None:
                raise ConfigError(f"refused: a {reason} address (use --allow-private to crawl it)", url=seed)
        out.append(url)
    if not out:
        raise ConfigError("no seed URL given")
    return tuple(out)


def _warc_size(args: argparse.Namespace) -> int:
    if not args.warc:
        return 1 << 30
    from scraper.archive import parse_size  # only crawls that archive need warcio

    return parse_size(str(args.warc_max_size))


def settings_from(args: argparse.Namespace) -> CrawlSettings:
    fetch = FetchSettings(contact=args.contact, timeout=args.timeout, max_bytes=args.max_bytes,
                          allow_private=args.allow_private)
    if args.user_agent:
        fetch = replace(fetch, user_agent=args.user_agent)
    seeds = check_seeds(read_seeds(args.seeds), allow_private=args.allow_private)
    return CrawlSettings(
        seeds=seeds, output=Path(args.output), fetch=fetch,
        state_dir=Path(args.state) if args.state else None,
        warc=Path(args.warc) if args.warc else None, warc_max_size=_warc_size(args),
        scope=args.scope, include=tuple(args.include), exclude=tuple(args.exclude),
        max_depth=args.max_depth, max_pages=args.max_pages, sitemaps=not args.no_sitemaps,
        concurrency=args.concurrency, per_host=args.per_host, delay=args.delay,
        ignore_robots=args.ignore_robots, retries=args.retries, recheck=args.recheck,
        extract_workers=args.workers,
    )


async def run_crawl(settings: CrawlSettings, *, progress: ProgressSink | None) -> Summary:
    """The crawl with SIGINT/SIGTERM turned into a clean stop (a second Ctrl-C kills)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    installed = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, _stopper(stop, loop, sig))
            installed.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):
            pass
    try:
        return await crawl(settings, stop=stop, progress=progress)
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


def _stopper(stop: asyncio.Event, loop: asyncio.AbstractEventLoop, sig: signal.Signals) -> Any:
    def handler() -> None:
        if stop.is_set():  # second signal: stop waiting for a clean stop
            loop.remove_signal_handler(sig)
            signal.raise_signal(sig)
        stop.set()
    return handler


def run(args: argparse.Namespace) -> int:
    try:
        settings = settings_from(args)
    except ScraperError as exc:
        print(f"scraper crawl: {exc}", file=sys.stderr)
        return 2
    if args.wacz and (not args.warc or args.cluster is not None):
        print("scraper crawl: --wacz needs --warc, and a crawl without --cluster", file=sys.stderr)
        return 2
    code = execute(settings, quiet=args.quiet, stats=args.stats, cluster=args.cluster,
                   shards=args.shards)
    if code == 0 and args.wacz:
        return package(settings, wacz=args.wacz)
    return code


def package(settings: CrawlSettings, *, wacz: str) -> int:
    """`--wacz`: the crawl's WARC series and the pages of its records, as one WACZ file."""
    from scraper.archive.package import package_wacz, pages_from_records
    from scraper.archive.writer import existing_series, series_path

    assert settings.warc is not None
    warcs = [series_path(settings.warc, index) for index in existing_series(settings.warc)]
    try:
        with open(settings.output, encoding="utf-8") as records:
            package_wacz(warcs, wacz, pages=pages_from_records(records))
    except (ScraperError, OSError) as exc:
        print(f"scraper crawl: cannot write --wacz {wacz}: {exc}", file=sys.stderr)
        return 1
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def execute(settings: CrawlSettings, *, quiet: bool, stats: str | None, cluster: str | None = None,
            shards: int | None = None) -> int:
    """Run a crawl for the CLI, in this process or on a Dask cluster: progress on a terminal,
    the summary, --stats; the exit status."""
    from scraper.crawl.progress import LiveProgress, summary_text  # rich only when crawling

    info: dict[str, Any] = {}
    on_main = threading.current_thread() is threading.main_thread()
    # On a cluster, a Slurm walltime end (SIGTERM) stops the shards cleanly, as Ctrl-C does.
    previous = signal.signal(signal.SIGTERM, _interrupt) if cluster is not None and on_main else None
    try:
        with ExitStack() as stack:
            sink: ProgressSink | None = None
            if not quiet and sys.stderr.isatty():
                sink = stack.enter_context(LiveProgress(sys.stderr))
            if cluster is None:
                summary = asyncio.run(run_crawl(settings, progress=sink))
            else:
                from scraper.cluster.crawl import run_cluster  # Dask only under --cluster

                summary, info = run_cluster(settings, cluster=cluster, shards=shards, progress=sink)
    except ScraperError as exc:
        print(f"scraper crawl: {exc}", file=sys.stderr)
        return 2
    except (OSError, sqlite3.Error) as exc:  # disk full, state or output lost mid-crawl
        print(f"scraper crawl: stopped: {exc}; the next run resumes from the last commit", file=sys.stderr)
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if not quiet:
        print(summary_text(summary), file=sys.stderr)
        for key, value in info.items():
            print(f"  {key}: {value}", file=sys.stderr)
    if stats:
        data = {**summary.as_json(), "cluster": info} if cluster is not None else summary.as_json()
        try:
            Path(stats).write_text(json.dumps(data, indent=2) + "\n", "utf-8")
        except OSError as exc:
            print(f"scraper crawl: cannot write --stats {stats}: {exc.strerror}", file=sys.stderr)
            return 2
    return 130 if summary.interrupted else 0
