"""`scraper demo`: the Quick start job on the bundled sample pages, no internet needed.

The crawler work (issue 4) turns this into: serve fixtures/site/ on loopback and crawl it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scraper.cli import extract as extract_cmd

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "demo",
        help="run the main job on the bundled sample pages and write JSON records",
        description="Extract the bundled sample pages (fixtures/) into JSON Lines.",
    )
    parser.add_argument("-o", "--output", default="out/records.jsonl", metavar="OUT.jsonl")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    ns = argparse.Namespace(inputs=[str(FIXTURES)], url=None, output=args.output, quiet=True)
    code = extract_cmd.run(ns)
    print(f"records written to {args.output}")
    return code
