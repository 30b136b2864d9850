"""Page metadata with provenance: title, dates, authors, source, site, language, ...

STUB laid by the skeleton; the metadata work (issue 2) replaces the body of
`extract_metadata`, keeping its signature and the `Metadata` shape.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from scraper.dom import Tree
from scraper.found import Found

# The Article fields this module may fill, each at most once.
FIELDS: tuple[str, ...] = (
    "title", "published", "modified", "authors", "source", "site_name", "language",
    "description", "canonical_url", "breadcrumb", "view_count",
)


@dataclass(frozen=True)
class Metadata:
    """Found values by Article field name; absent fields are simply missing."""

    found: Mapping[str, Found[Any]] = field(default_factory=dict)

    def value(self, name: str) -> Any:
        item = self.found.get(name)
        return None if item is None else item.value

    def items(self) -> Iterator[tuple[str, Found[Any]]]:
        return iter(self.found.items())


def extract_metadata(
    tree: Tree, *, url: str | None, headers: Mapping[str, str] | None = None
) -> Metadata:
    """All metadata fields of the page, each with its source."""
    found: dict[str, Found[Any]] = {}
    h1 = tree.css_first("h1")
    if h1 is not None:
        text = h1.text(separator=" ", strip=True)
        if text:
            found["title"] = Found(text, "h1")
    return Metadata(found)
