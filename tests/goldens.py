"""Golden records of the fixture pages: compare `scraper.extract` with them, or rewrite them.

    python -m tests.goldens                 # compare every fixture, show a diff per change
    python -m tests.goldens --write         # rewrite every expected record
    python -m tests.goldens --write seed-gbk.html wire-ap   # only these

Each `fixtures/pages/NAME.html` has its expected record in `NAME.json` (the full `Article`
as `record.model_dump(mode="json")`); `fixtures/pages/urls.json` maps each file name to the
URL the page was fetched from. The page is read as bytes, so charset decoding is covered.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path
from typing import Any

from scraper.extract import extract

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
URLS_FILE = FIXTURES / "urls.json"


def fixture_names() -> list[str]:
    """Every fixture page, by file name, sorted."""
    return sorted(path.name for path in FIXTURES.glob("*.html"))


def url_of(name: str) -> str | None:
    urls: dict[str, str] = json.loads(URLS_FILE.read_text(encoding="utf-8"))
    return urls.get(name)


def record_of(name: str) -> dict[str, Any]:
    """The record `scraper.extract` makes of a fixture page now."""
    data = (FIXTURES / name).read_bytes()
    return extract(data, url=url_of(name)).model_dump(mode="json")


def expected_path(name: str) -> Path:
    return (FIXTURES / name).with_suffix(".json")


def expected_of(name: str) -> dict[str, Any] | None:
    path = expected_path(name)
    if not path.exists():
        return None
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def dumps(record: dict[str, Any] | None) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def diff(name: str, expected: dict[str, Any] | None, actual: dict[str, Any]) -> str:
    """A unified diff of the expected and actual records, empty when they are equal."""
    if expected == actual:
        return ""
    lines = difflib.unified_diff(
        dumps(expected).splitlines(keepends=True),
        dumps(actual).splitlines(keepends=True),
        fromfile=f"{name} (expected)",
        tofile=f"{name} (actual)",
    )
    return "".join(lines)


def _resolve(names: list[str]) -> list[str]:
    known = fixture_names()
    out = []
    for name in names:
        candidate = name if name.endswith(".html") else f"{name}.html"
        if candidate not in known:
            raise SystemExit(f"no fixture named {name!r}; known: {', '.join(known)}")
        out.append(candidate)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.goldens", description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the expected records")
    parser.add_argument("names", nargs="*", help="fixture file names (default: all)")
    args = parser.parse_args(argv)
    changed = 0
    for name in _resolve(args.names) or fixture_names():
        actual = record_of(name)
        if args.write:
            expected_path(name).write_text(dumps(actual), encoding="utf-8")
            print(f"wrote {expected_path(name).name}")
            continue
        text = diff(name, expected_of(name), actual)
        if text:
            changed += 1
            sys.stdout.write(text)
    if not args.write:
        print(f"{changed} fixture(s) differ" if changed else "all fixtures match")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
