"""JSON-LD: the page's `<script type="application/ld+json">` objects, flattened and typed.

Real pages break JSON-LD in every way: HTML comments or CDATA around it, trailing commas,
raw newlines inside strings, several objects in one script, `@graph` lists, arrays of
objects, nested `mainEntity`. `objects` survives all of those and never raises; a script
that cannot be repaired is skipped.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from scraper.dom import Tree

ARTICLE_TYPES: frozenset[str] = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle",
    "techarticle", "liveblogposting", "socialmediaposting", "posting", "webpage", "report",
})
# WebPage is an article type of last resort: sites put dates on it when they have no Article.
PAGE_TYPES: frozenset[str] = frozenset({"webpage", "itempage", "collectionpage"})
ORG_TYPES: frozenset[str] = frozenset({"organization", "newsmediaorganization", "corporation"})

_WRAPPERS = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")
# On stripped text `_WRAPPERS` can only match at its very start or end: these tests skip the
# regex (which tries its closing alternative at every character of the script) on clean JSON.
_OPENERS = ("<!--", "<![CDATA[")
_CLOSERS = ("-->", "]]>")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_MAX_DEPTH = 6


# Larger scripts are not article metadata (some sites inline whole app states as JSON-LD).
MAX_SCRIPT = 1_000_000


def _load(text: str) -> Any:
    """Parse one script's JSON, repairing the usual breakage; None when it cannot."""
    if len(text) > MAX_SCRIPT:
        return None
    text = text.strip()
    if text.startswith(_OPENERS) or text.endswith(_CLOSERS):
        text = _WRAPPERS.sub("", text)
    text = text.strip().rstrip(";")
    if not text:
        return None
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):  # RecursionError: `[[[[…` nested past the stack
        pass
    repaired = _TRAILING_COMMA.sub(r"\1", text)
    try:
        return json.loads(repaired, strict=False)
    except (ValueError, RecursionError):
        pass
    # Several objects back to back: decode them one after another.
    decoder = json.JSONDecoder(strict=False)
    items: list[Any] = []
    pos = 0
    while pos < len(repaired):
        while pos < len(repaired) and repaired[pos] in " \t\r\n,;":
            pos += 1
        if pos >= len(repaired):
            break
        try:
            item, pos = decoder.raw_decode(repaired, pos)
        except (ValueError, RecursionError):
            break
        items.append(item)
    return items or None


def _walk(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every dict with an `@type`, through lists, `@graph` and nested properties."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, depth + 1)
    elif isinstance(value, dict):
        if "@type" in value:
            yield value
        graph = value.get("@graph")
        if graph is not None:
            yield from _walk(graph, depth + 1)
        for key in ("mainEntity", "mainEntityOfPage", "itemReviewed"):
            nested = value.get(key)
            if isinstance(nested, (dict, list)):
                yield from _walk(nested, depth + 1)


def parse_scripts(texts: list[str]) -> list[dict[str, Any]]:
    """All typed objects of the given JSON-LD script texts, in order."""
    found: list[dict[str, Any]] = []
    for text in texts:
        data = _load(text)
        if data is not None:
            found.extend(_walk(data))
    return found


def objects(tree: Tree) -> list[dict[str, Any]]:
    """All typed JSON-LD objects of the page, in document order."""
    scripts = tree.css('script[type="application/ld+json"]')
    return parse_scripts([script.text(deep=True, strip=False) for script in scripts])


def types(obj: dict[str, Any]) -> set[str]:
    """The object's `@type`s, lower-cased (`@type` may be a string or a list)."""
    kind = obj.get("@type")
    if isinstance(kind, str):
        return {kind.lower()}
    if isinstance(kind, list):
        return {k.lower() for k in kind if isinstance(k, str)}
    return set()


def article(objs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The article object: the first of an article type, else the first WebPage."""
    fallback = None
    for obj in objs:
        kinds = types(obj)
        if kinds & (ARTICLE_TYPES - PAGE_TYPES):
            return obj
        if fallback is None and kinds & PAGE_TYPES:
            fallback = obj
    return fallback


def of_type(objs: list[dict[str, Any]], wanted: frozenset[str]) -> dict[str, Any] | None:
    for obj in objs:
        if types(obj) & wanted:
            return obj
    return None


def resolve(value: Any, objs: list[dict[str, Any]]) -> Any:
    """A `{"@id": ...}` reference replaced by the object of the graph with that id."""
    if isinstance(value, dict) and set(value) == {"@id"}:
        for obj in objs:
            if obj.get("@id") == value["@id"]:
                return obj
    return value


def text(value: Any) -> str | None:
    """A plain string property (first of a list; `name` of an object), stripped, or None."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        value = " ".join(value.split())
        if "&" in value:
            value = html.unescape(value)
        return value or None
    return None


def names(value: Any, objs: list[dict[str, Any]], *, people_only: bool) -> list[str]:
    """Names of an `author`-like property: string, object, list; organisations dropped if asked."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        item = resolve(item, objs)
        if isinstance(item, dict):
            if people_only and types(item) & ORG_TYPES:
                continue
            name = text(item.get("name"))
        else:
            name = text(item)
        if name and name not in out:
            out.append(name)
    return out


def breadcrumb(objs: list[dict[str, Any]]) -> list[str]:
    """The names of a BreadcrumbList, in position order."""
    crumbs = of_type(objs, frozenset({"breadcrumblist"}))
    if crumbs is None:
        return []
    items = crumbs.get("itemListElement")
    if not isinstance(items, list):
        return []
    ordered: list[tuple[float, str]] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        name = text(item.get("name")) or text(item.get("item"))
        position = item.get("position", index)
        try:
            rank = float(position)
        except (TypeError, ValueError):
            rank = float(index)
        if name:
            ordered.append((rank, name))
    return [name for _, name in sorted(ordered, key=lambda pair: pair[0])]
