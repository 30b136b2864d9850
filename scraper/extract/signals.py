"""Page-level signals for deciding "article or not", read before the body prunes the tree.

Kept cheap (a handful of CSS queries, no full-text passes beyond one `body.text()`): the
decision itself is `scraper.crawl.classify`, as an ordered table of rules over these values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scraper.dom import Tree

# Metadata that states a publication date (the record's `published` may still be empty when
# the metadata extractor rejects the value; the classifier uses both).
DATE_SELECTORS: tuple[str, ...] = (
    'meta[property="article:published_time"]',
    'meta[name="pubdate" i]',
    'meta[name="publishdate" i]',
    'meta[name="publish-date" i]',
    'meta[name="publish_date" i]',
    'meta[itemprop="datePublished"]',
)
_DATE_SELECTOR = ", ".join(DATE_SELECTORS)
# Not `<time datetime>`: listing cards carry one per item.
_JSONLD_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"([A-Za-z]+)"')


@dataclass(frozen=True)
class Signals:
    og_type: str | None = None
    jsonld_types: tuple[str, ...] = ()
    link_count: int = 0
    link_text_chars: int = 0
    text_chars: int = 0
    has_date_meta: bool = False
    noindex: bool = False

    @property
    def link_density(self) -> float:
        """Link text over all visible text of the page, 0 for an empty page."""
        return self.link_text_chars / self.text_chars if self.text_chars else 0.0


def _chars(text: str) -> int:
    """Non-whitespace characters: comparable across Chinese and English text."""
    return sum(map(len, text.split()))  # str.split() knows Unicode spaces: \xa0, \u3000


def _types_of(item: Any) -> Iterator[str]:
    """`@type` values of a JSON-LD item, its `@graph` and its `mainEntity`."""
    if isinstance(item, list):
        for element in item:
            yield from _types_of(element)
        return
    if not isinstance(item, dict):
        return
    kind = item.get("@type")
    if isinstance(kind, str):
        yield kind
    elif isinstance(kind, list):
        yield from (k for k in kind if isinstance(k, str))
    for key in ("@graph", "mainEntity", "mainEntityOfPage"):
        if isinstance(item.get(key), dict | list):
            yield from _types_of(item[key])


def _jsonld_types(tree: Tree) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True)
        try:
            types = list(_types_of(json.loads(raw)))
        except ValueError:  # broken JSON-LD is common: read the types it names anyway
            types = _JSONLD_TYPE.findall(raw)
        found.update(dict.fromkeys(types))
    return tuple(found)


def _text_chars(tree: Tree) -> int:
    body = tree.body
    if body is None:
        return 0
    total = _chars(body.text(deep=True))
    hidden = _chars("".join(node.text(deep=True) for node in body.css("script, style, noscript, template")))
    return max(total - hidden, 0)


def page_signals(tree: Tree, *, url: str | None) -> Signals:
    """Signals read from the whole page."""
    og = tree.css_first('meta[property="og:type"]')
    og_type = None
    if og is not None:
        og_type = (og.attributes.get("content") or "").strip().lower() or None
    anchors = tree.css("body a[href]")
    robots = " ".join((n.attributes.get("content") or "").lower() for n in tree.css('meta[name="robots"]'))
    return Signals(
        og_type=og_type,
        jsonld_types=_jsonld_types(tree),
        link_count=len(anchors),
        link_text_chars=_chars(" ".join(a.text(deep=True) for a in anchors)),
        text_chars=_text_chars(tree),
        has_date_meta=tree.css_first(_DATE_SELECTOR) is not None,
        noindex="noindex" in robots or "none" in robots.replace(",", " ").split(),
    )


__all__ = ["DATE_SELECTORS", "Signals", "page_signals"]
