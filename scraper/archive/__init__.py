"""WARC writing and reading. STUB laid by the skeleton; the archive work (issue 5) fills it."""

from __future__ import annotations

from collections.abc import Iterator

from scraper.errors import ArchiveError, ScraperError
from scraper.page import Page


def iter_warc_pages(path: str) -> Iterator[Page | ScraperError]:
    """One Page per HTML response in the WARC file at `path`, streaming."""
    raise ArchiveError("reading WARC files is not built yet", url=path)
