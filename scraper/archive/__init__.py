"""WARC 1.1 writing and reading (warcio).

- `WarcWriter` appends fetches (request + response, or a revisit) and metadata records to a
  rotating, crash-safe series of `.warc.gz` files: see `scraper.archive.writer` for naming,
  rotation, resume and revisit rules, and `scraper.archive.records` for how an `Exchange`
  becomes records.
- `iter_warc_pages` streams any WARC back into Pages for `scraper extract FILE.warc.gz`.
"""

from __future__ import annotations

from scraper.archive.options import parse_size, settings_info
from scraper.archive.reader import iter_warc_pages
from scraper.archive.writer import WarcRef, WarcWriter

__all__ = ["WarcRef", "WarcWriter", "iter_warc_pages", "parse_size", "settings_info"]
