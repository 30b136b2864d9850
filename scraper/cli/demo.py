"""`scraper demo`: the Quick start. Serve the bundled sample site on loopback and crawl it.

The site (fixtures/site/) is served by a small threaded static server on 127.0.0.1, port 0,
inside this process; the crawl is allowed to reach that loopback server (and keeps to its
host), writes OUT (default out/records.jsonl), prints the summary, and the server stops.
Each demo starts afresh: the port changes from run to run, so OUT and its state are replaced.
"""

from __future__ import annotations

import argparse
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from scraper.cli.crawl import execute
from scraper.crawl.settings import CrawlSettings
from scraper.fetch.settings import FetchSettings

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "site"


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "demo",
        help="crawl the bundled sample news site (served on loopback) into JSON records",
        description="Serve the bundled sample news site (fixtures/site/) on 127.0.0.1 and crawl it "
        "into JSON Lines, as `scraper crawl` would crawl a real site. No internet needed.",
    )
    parser.add_argument("-o", "--output", default="out/records.jsonl", metavar="OUT.jsonl")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress display and no summary")
    parser.set_defaults(run=run)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1:0 in a thread; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    state = output.with_name(output.name + ".state")
    output.unlink(missing_ok=True)
    shutil.rmtree(state, ignore_errors=True)
    with serve_directory(SITE) as base:
        settings = CrawlSettings(
            seeds=(base,), output=output, scope="host", concurrency=8, per_host=8,
            fetch=FetchSettings(allow_private=True, timeout=10.0),
        )
        code = execute(settings, quiet=args.quiet, stats=None)
    if not args.quiet:
        print(f"records written to {output}")
    return code
