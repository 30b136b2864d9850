"""Inputs of `scraper extract`: files, directories, WARC files, URLs and standard input.

Each input yields Pages, or a `ScraperError` naming the input when it cannot be read; the
caller records the error and goes on.
"""

from __future__ import annotations

import hashlib
import re
import sys
from base64 import b32encode
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from schemas import Capture
from scraper.errors import InputError, ScraperError
from scraper.page import Page

HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
_SERIES_MEMBER = re.compile(r"-\d{5}\.warc(\.gz)?$", re.IGNORECASE)
# A single file larger than this is refused rather than read whole into memory.
MAX_FILE_BYTES = 64 * 1024 * 1024


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def payload_digest(data: bytes) -> str:
    """SHA-1 in base32, as WARC payload digests write it."""
    return "sha1:" + b32encode(hashlib.sha1(data).digest()).decode("ascii")


def _sort_key(path: Path) -> str:
    """Sort key of a found file: a WARC series' first file (`crawl.warc.gz`) sorts before its
    later ones (`crawl-00001.warc.gz`), as if it were `crawl-00000.warc.gz`."""
    for suffix in WARC_SUFFIXES[::-1]:
        if path.name.lower().endswith(suffix) and not _SERIES_MEMBER.search(path.name):
            return str(path.with_name(path.name[: -len(suffix)] + "-00000" + path.name[-len(suffix):]))
    return str(path)


def expand(inputs: Sequence[str]) -> Iterator[str]:
    """Inputs in order; a directory becomes its HTML and WARC files, recursively, sorted."""
    for name in inputs:
        path = Path(name)
        if name != "-" and not is_url(name) and path.is_dir():
            found = [
                str(p) for p in sorted(path.rglob("*"), key=_sort_key)
                if p.is_file() and p.name.lower().endswith(HTML_SUFFIXES + WARC_SUFFIXES)
            ]
            yield from found
        else:
            yield name


def read_file(name: str, *, url: str | None) -> Page:
    path = Path(name)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit", url=name)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", url=name) from None
    except IsADirectoryError:
        raise InputError("is a directory", url=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", url=name) from None
    capture = Capture(input=name, content_sha1=payload_digest(data))
    return Page(name=name, data=data, url=url, capture=capture)


def read_stdin(*, url: str | None) -> Page:
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"standard input is over the {MAX_FILE_BYTES}-byte limit", url="-")
    return Page(name="-", data=data, url=url, capture=Capture(input="-", content_sha1=payload_digest(data)))


def iter_pages(
    inputs: Sequence[str], *, url: str | None = None, on_fetched: Callable[[Any], object] | None = None
) -> Iterator[Page | ScraperError]:
    """Every page of every input, in order; errors are yielded, not raised.

    `on_fetched`, when given, receives every `Fetched` made for URL inputs (to archive them).
    """
    originals: Any = None  # shared by the WARC inputs, so revisits resolve across a series
    for name in expand(inputs):
        try:
            if name == "-":
                yield read_stdin(url=url)
            elif is_url(name):
                from scraper.fetch import fetch_page

                yield fetch_page(name, on_fetched=on_fetched)
            elif is_warc(name):
                from scraper.archive.reader import Originals, iter_warc_pages

                if originals is None:
                    originals = Originals()
                yield from iter_warc_pages(name, originals=originals)
            else:
                yield read_file(name, url=url)
        except ScraperError as exc:
            if exc.url is None:
                exc.url = name
            yield exc
