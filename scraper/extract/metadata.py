"""Page metadata with provenance: title, dates, authors, source, site, language, ...

Each field has its own module and its own order of precedence (documented there); this
module reads the page once (`PageView`) and runs them in dependency order: the title
first (it locates the header line), the language before the dates (it picks the zone of
local times).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from scraper.dom import Tree
from scraper.extract import meta_dates, meta_misc, meta_people, meta_title
from scraper.extract.meta_page import PageView
from scraper.extract.related import Candidates
from scraper.found import Found

# The Article fields this module may fill, each at most once.
FIELDS: tuple[str, ...] = (
    "title", "published", "modified", "authors", "source", "site_name", "language",
    "description", "canonical_url", "breadcrumb", "view_count",
)


@dataclass(frozen=True)
class Metadata:
    """Found values by Article field name; absent fields are simply missing. `related`: the
    related-link candidates the same tree query found (for `related.extract_related`)."""

    found: Mapping[str, Found[Any]] = field(default_factory=dict)
    related: Candidates | None = None

    def value(self, name: str) -> Any:
        item = self.found.get(name)
        return None if item is None else item.value

    def items(self) -> Iterator[tuple[str, Found[Any]]]:
        return iter(self.found.items())


def extract_metadata(
    tree: Tree, *, url: str | None, headers: Mapping[str, str] | None = None
) -> Metadata:
    """All metadata fields of the page, each with its source."""
    view = PageView.read(tree, url=url)
    title = meta_title.title(view)
    headline = title.value if title is not None else None
    language = meta_misc.language(view, title=headline)
    header = view.header(headline)
    published, modified = meta_dates.dates(
        view, header=header, title=headline,
        language=language.value if language is not None else None,
        now=meta_dates.http_date(headers),
    )
    found: dict[str, Found[Any] | None] = {
        "title": title,
        "published": published,
        "modified": modified,
        "authors": meta_people.authors(view, header=header),
        "source": meta_people.source(view, header=header),
        "site_name": meta_title.site_name(view, headline),
        "language": language,
        "description": meta_misc.description(view),
        "canonical_url": meta_misc.canonical_url(view),
        "breadcrumb": meta_misc.breadcrumb(view, title=headline),
        "view_count": meta_misc.view_count(view, header=header),
    }
    found["authors"] = _people_only(found["authors"], found["source"], found["site_name"])
    return Metadata({name: item for name, item in found.items() if item is not None}, view.related)


def _people_only(
    authors: Found[Any] | None, source: Found[Any] | None, site: Found[Any] | None
) -> Found[Any] | None:
    """Authors without the outlet or site names that bylines and meta tags often hold
    ("网易" on 163.com, "参考消息" credited as author and source)."""
    if authors is None:
        return None
    outlets = [item.value for item in (source, site) if item is not None]
    names = [
        name for name in authors.value
        if not any(name == outlet or name in outlet for outlet in outlets)
    ]
    return Found(names, authors.source) if names else None
