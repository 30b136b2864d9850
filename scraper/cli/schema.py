"""`scraper schema`: print the JSON Schema of the article record."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from schemas import json_schema


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the article record",
        description="Print the JSON Schema of the article record (generated from schemas.Article).",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    json.dump(json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
