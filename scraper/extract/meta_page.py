"""What every metadata extractor reads, gathered once per page: meta tags, JSON-LD, text.

`PageView.read` does the only whole-page work of the metadata step (a CSS query for the
meta tags, one for JSON-LD, one C-level text dump of the body), so that each field's
extractor is a handful of dictionary look-ups and targeted regexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scraper.dom import Tree
from scraper.extract import jsonld

# How far around the title's position in the page text the header line (date, source,
# author, view counter) is searched before the whole text is.
HEADER_BEFORE = 400
HEADER_AFTER = 1500
# Text is read up to this many characters: the header line is never beyond it.
MAX_TEXT = 200_000


@dataclass(frozen=True)
class PageView:
    """The parts of a page the metadata extractors read."""

    tree: Tree
    url: str | None
    metas: dict[str, str]
    ld: list[dict[str, Any]]
    ld_article: dict[str, Any] | None
    title_tag: str | None
    lang_attr: str | None
    text: str

    @classmethod
    def read(cls, tree: Tree, *, url: str | None) -> PageView:
        ld = jsonld.objects(tree)
        title_node = tree.css_first("title")
        title_tag = " ".join(title_node.text().split()) if title_node is not None else None
        html = tree.css_first("html")
        lang = html.attrs.get("lang") or html.attrs.get("xml:lang") if html is not None else None
        return cls(
            tree=tree,
            url=url,
            metas=read_metas(tree),
            ld=ld,
            ld_article=jsonld.article(ld),
            title_tag=title_tag or None,
            lang_attr=lang or None,
            text=visible_text(tree),
        )

    def meta(self, *names: str) -> tuple[str, str] | None:
        """The first of the named meta tags that has content, with its name."""
        for name in names:
            value = self.metas.get(name)
            if value:
                return value, name
        return None

    def header(self, title: str | None) -> str:
        """The text around the headline, where bylines and date lines sit."""
        if title:
            pos = self.text.find(title)
            if pos < 0:
                pos = self.text.find(title[:12])
            if pos >= 0:
                return self.text[max(0, pos - HEADER_BEFORE) : pos + len(title) + HEADER_AFTER]
        return ""


def read_metas(tree: Tree) -> dict[str, str]:
    """`<meta>` content by lower-cased property/name/itemprop/http-equiv; the first one wins."""
    metas: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attrs
        content = attrs.get("content")
        if not content or not content.strip():
            continue
        for key_attr in ("property", "name", "itemprop", "http-equiv"):
            key = attrs.get(key_attr)
            if key:
                metas.setdefault(key.strip().lower(), " ".join(content.split()))
    return metas


_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def visible_text(tree: Tree) -> str:
    """The body's text with scripts and styles left out, one line per text node."""
    body = tree.body
    if body is None:
        return ""
    text = body.text(deep=True, separator="\n", strip=False)
    for node in body.css("script, style, noscript, template"):
        inner = node.text(deep=True, separator="\n", strip=False)
        if len(inner) > 2:
            text = text.replace(inner, "\n", 1)
    text = _SPACES.sub(" ", text[:MAX_TEXT])
    return _BLANK_LINES.sub("\n", text)


def squash(text: str | None) -> str | None:
    """Whitespace collapsed to single spaces; None for blank."""
    if text is None:
        return None
    out = " ".join(text.split())
    return out or None
