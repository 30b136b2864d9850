"""Page-level signals for deciding "article or not", read before the body prunes the tree.

STUB: the discovery work (issue 4) fills it; the decision itself is `scraper.crawl.classify`.
"""

from __future__ import annotations

from dataclasses import dataclass

from scraper.dom import Tree


@dataclass(frozen=True)
class Signals:
    og_type: str | None = None
    jsonld_types: tuple[str, ...] = ()
    link_count: int = 0
    link_text_chars: int = 0
    text_chars: int = 0


def page_signals(tree: Tree, *, url: str | None) -> Signals:
    """Signals read from the whole page."""
    return Signals()
