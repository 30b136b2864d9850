"""`scraper extract`: pages from files, directories, WARC files, URLs or stdin to JSON Lines."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from typing import IO, Any

from scraper.archive import WarcWriter, parse_size, settings_info
from scraper.archive.live import FetchArchiver
from scraper.errors import ScraperError
from scraper.extract import extract
from scraper.inputs import iter_pages
from scraper.jsonl import record_text


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "extract",
        help="extract article records from HTML files, directories, WARC files or URLs",
        description=(
            "Extract one JSON record per page. INPUT is an HTML file, a directory (its "
            "*.html, *.htm, *.warc, *.warc.gz, recursively, sorted), a WARC file, an "
            "http(s):// URL, or - for standard input. Records are written as JSON Lines in "
            "input order. A failing input is reported on standard error and the run goes "
            "on; the exit status is 1 when any input failed."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory, WARC, URL or -")
    parser.add_argument("--url", help="the address a single HTML input was fetched from")
    parser.add_argument(
        "-o", "--output", metavar="OUT.jsonl", help="write records here (default: standard output)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    parser.add_argument(
        "--warc", metavar="OUT.warc.gz",
        help="also archive every request and response made for URL inputs (robots.txt included) "
        "to this WARC 1.1 file; later files of the series are OUT-00001.warc.gz, ...",
    )
    parser.add_argument(
        "--warc-max-size", metavar="SIZE", default="1G",
        help="start a new WARC file past this size (e.g. 500M, 1G; default 1G)",
    )
    parser.add_argument(
        "--cluster", metavar="ADDRESS",
        help="extract on a Dask cluster, one task per input file: local, local:N (N worker "
        "processes) or a scheduler address tcp://host:8786; needs scraper[cluster]",
    )
    parser.set_defaults(run=run)


def _progress(done: int, failed: int, name: str, stream: IO[str]) -> None:
    stream.write(f"\r\x1b[K{done} pages, {failed} failed: {name[-60:]}")
    stream.flush()


def _archiver(args: argparse.Namespace, stack: ExitStack) -> FetchArchiver | None:
    """The WARC writer behind --warc, closed with the stack; None without --warc."""
    if not args.warc:
        return None
    writer = WarcWriter(
        args.warc,
        max_size=parse_size(args.warc_max_size),
        info=settings_info(command=["scraper", "extract", *args.inputs]),
    )
    stack.callback(writer.close)
    return FetchArchiver(writer)


def run(args: argparse.Namespace) -> int:
    if args.cluster is not None:
        from scraper.cluster.extract import run_extract  # Dask only under --cluster

        return run_extract(args)
    show_progress = not args.quiet and sys.stderr.isatty()
    done = failed = 0
    with ExitStack() as stack:
        out: IO[str] = (
            stack.enter_context(open(args.output, "w", encoding="utf-8"))
            if args.output
            else sys.stdout
        )
        try:
            archiver = _archiver(args, stack)
        except ScraperError as exc:
            print(f"scraper extract: {exc}", file=sys.stderr)
            return 2
        for item in iter_pages(args.inputs, url=args.url, on_fetched=archiver):
            if archiver is not None and not isinstance(item, ScraperError):
                item = archiver.stamp(item)
            if isinstance(item, ScraperError):
                failed += 1
                print(f"\nscraper extract: {item}" if show_progress else f"scraper extract: {item}",
                      file=sys.stderr)
                continue
            try:
                record = extract(item.data, url=item.url, headers=item.headers, capture=item.capture)
            except ScraperError as exc:
                failed += 1
                exc.url = exc.url or item.name
                print(f"scraper extract: {item.name}: {exc.message}", file=sys.stderr)
                continue
            out.write(record_text(record))
            out.flush()
            done += 1
            if show_progress:
                _progress(done, failed, item.name, sys.stderr)
    if show_progress:
        sys.stderr.write("\n")
    if failed:
        print(f"scraper extract: {done} records written, {failed} inputs failed", file=sys.stderr)
    return 1 if failed else 0
