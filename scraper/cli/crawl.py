"""`scraper crawl`: STUB laid by the skeleton; the crawler work (issue 4) replaces it."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "crawl",
        help="crawl sites from seeds into JSON records",
        description="Crawl from SEED URLs politely and write one JSON record per article.",
    )
    parser.add_argument("seeds", nargs="+", metavar="SEED")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print("scraper crawl: not built yet", file=sys.stderr)
    return 2
