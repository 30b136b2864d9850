"""WACZ packaging (optional): WARC files + a `pages.jsonl` -> one `.wacz`, with py-wacz.

py-wacz (`pip install wacz`, Webrecorder's reference implementation) writes the CDXJ index,
the page list, `datapackage.json` and its digest; replay tools (ReplayWeb.page, pywb) open the
result directly. It is imported only when packaging is asked for, so the rest of the archive
works without it.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType

from scraper.archive.records import warc_date
from scraper.errors import ArchiveError, ConfigError

PAGES_FORMAT = "json-pages-1.0"


@dataclass(frozen=True)
class WaczPage:
    """One entry of `pages.jsonl`: a page a user will want to open first."""

    url: str
    ts: datetime
    title: str | None = None


def _wacz_main() -> ModuleType:
    try:
        return importlib.import_module("wacz.main")
    except ImportError:
        raise ConfigError("WACZ packaging needs py-wacz: pip install wacz") from None


def pages_from_records(lines: Iterable[str]) -> Iterator[WaczPage]:
    """Pages from JSON Lines article records: final URL, capture time, title."""
    for line in lines:
        if not line.strip():
            continue
        record = json.loads(line)
        capture = record.get("capture") or {}
        url = capture.get("final_url") or record.get("url")
        fetched = capture.get("fetched_at")
        if url and fetched:
            yield WaczPage(url=url, ts=datetime.fromisoformat(fetched), title=record.get("title"))


def write_pages(pages: Iterable[WaczPage], stream: io.TextIOBase, *, title: str) -> int:
    """`pages.jsonl` as WACZ 1.1 defines it: a header line, then one line per page."""
    stream.write(json.dumps({"format": PAGES_FORMAT, "id": "pages", "title": title}) + "\n")
    count = 0
    for page in pages:
        entry = {"url": page.url, "ts": warc_date(page.ts)}
        if page.title:
            entry["title"] = page.title
        stream.write(json.dumps(entry, ensure_ascii=False) + "\n")
        count += 1
    return count


def package_wacz(
    warcs: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str], *,
    pages: Iterable[WaczPage], title: str = "scraper crawl",
) -> None:
    """Write `out` (.wacz) holding the WARC files, their index and the given pages."""
    if not str(out).endswith(".wacz"):
        raise ConfigError("a WACZ output file name must end with .wacz")
    if not warcs:
        raise ArchiveError("no WARC files to package", url=str(out))
    main = _wacz_main()
    with tempfile.TemporaryDirectory() as scratch:
        pages_path = Path(scratch) / "pages.jsonl"
        with open(pages_path, "w", encoding="utf-8") as stream:
            write_pages(pages, stream, title=title)
        log = io.StringIO()
        args = ["create", "-o", str(out), "-p", str(pages_path), "--title", title, *map(str, warcs)]
        with contextlib.redirect_stdout(log):
            code = main.main(args)
    if code != 0:
        raise ArchiveError(f"py-wacz failed: {' '.join(log.getvalue().split())[-300:]}", url=str(out))
