"""The `scraper` command line: a thin layer over the library.

Only this package knows argv, exit codes and terminals. Each subcommand lives in its own
module exposing `register(subparsers)`, which adds its parser and sets `run`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from scraper import __version__
from scraper.cli import crawl, demo, extract, schema

COMMANDS = (extract, crawl, schema, demo)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scraper",
        description="Extract news articles (title, time, body, related links, figures, "
        "honourees) from pages, archives and crawls into JSON records.",
    )
    parser.add_argument("--version", action="version", version=f"scraper {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        print("scraper: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return code


if __name__ == "__main__":
    raise SystemExit(main())
