"""Related / recommended / previous-next article links shown with the article.

STUB laid by the skeleton; the metadata work (issue 2) fills it.
"""

from __future__ import annotations

from schemas import Link
from scraper.dom import Tree
from scraper.found import Found


def extract_related(
    tree: Tree, *, url: str | None, published: str | None
) -> Found[list[Link]] | None:
    """The related-article list of the page with its source, or None when it has none."""
    return None
