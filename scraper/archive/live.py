"""Archiving the fetches of `scraper extract URL --warc OUT.warc.gz`.

The fetch layer hands every `Fetched` it makes (robots.txt, then the page with its redirect
hops) to a callback; `FetchArchiver` is that callback. It writes them and remembers where each
final response went, so the page's capture can name its WARC record (`stamp`).
"""

from __future__ import annotations

from scraper.archive.writer import HasExchanges, WarcRef, WarcWriter
from scraper.page import Page


class FetchArchiver:
    """Writes each `Fetched` to the WARC; `stamp` points a Page's capture at its record."""

    def __init__(self, writer: WarcWriter) -> None:
        self._writer = writer
        self._final: dict[str, WarcRef] = {}  # final URL -> ref of its response record

    def __call__(self, fetched: HasExchanges) -> None:
        refs = self._writer.write_fetched(fetched)
        if refs:
            self._final[fetched.exchanges[-1].url] = refs[-1]

    def stamp(self, page: Page) -> Page:
        """The page with `warc_file`, `warc_record_id` and `warc_offset` set, when archived."""
        ref = self._final.pop(page.url, None) if page.url else None
        if ref is None or page.capture is None:
            return page
        capture = page.capture.model_copy(
            update={"warc_file": ref.file, "warc_record_id": ref.record_id, "warc_offset": ref.offset}
        )
        return Page(name=page.name, data=page.data, url=page.url, headers=page.headers, capture=capture)
