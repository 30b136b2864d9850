"""Out-links of a page: anchors and feed links, absolute. STUB: the discovery work fills it."""

from __future__ import annotations

from scraper.dom import Tree


def page_links(tree: Tree, *, base_url: str) -> list[str]:
    """Absolute http(s) URLs of the page's anchors, in document order, without duplicates."""
    return []


def feed_links(tree: Tree, *, base_url: str) -> list[str]:
    """Absolute URLs of RSS/Atom feeds the page links to (`<link rel=alternate type=...>`)."""
    return []
