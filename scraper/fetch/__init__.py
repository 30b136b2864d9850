"""The fetch layer: the only package that imports httpx.

STUB laid by the skeleton; the crawler work (issue 4) fills it.
"""

from __future__ import annotations

from scraper.errors import FetchError
from scraper.page import Page


def fetch_page(url: str) -> Page:
    """Fetch one URL politely (robots.txt, guards, caps) for `scraper extract URL`."""
    raise FetchError("fetching is not built yet", url=url)
