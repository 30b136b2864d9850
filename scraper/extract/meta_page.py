"""What every metadata extractor reads, gathered once per page: meta tags, JSON-LD, text.

Speed: every CSS query walks the whole tree (about 0.1 ms on a news page, plus ~15 µs per
attribute-substring alternative), so `PageView.read` makes one query (`QUERY`: head
elements by tag, and elements whose class or attributes may make them a byline, trail or
source; with `related.QUERY` in the same walk, `FULL_QUERY`) and one C-level text dump of
the body. The field extractors then pick from these
lists with the regex tables of their modules (`MarkTable`), matched against each marked
node's `mark` string (`div class=breadcrumb id=...`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from scraper.dom import Node, Tree
from scraper.extract import jsonld, related

# One query for everything: head elements by tag, and the elements whose class, id or
# attributes may make them a breadcrumb, byline or dateline (they become `Marked`).
QUERY = (
    'title, meta, link[rel=canonical], script[type="application/ld+json"], h1, time, nav, '
    "[class*=crumb], [class*=source], "
    "[class*=byline], [class*=author], [rel~=author], [itemprop]"
)
HEAD_TAGS = frozenset({"title", "meta", "link", "script"})
# The related-link candidates (`related.QUERY`) are found by the same walk: a query costs a
# tree walk (~0.1 ms) plus a little per selector, so one query with both lists costs less
# than two. Lexbor lists a node once per selector it matches, the repeats in a row; of a
# node listed n times, `related.selector_hits` (plain substring tests, as Lexbor's are
# case-sensitive) count for the related selectors and the rest for `QUERY`, so the
# metadata reads each node exactly as often as `QUERY` alone would list it.
FULL_QUERY = f"{QUERY}, {related.QUERY}"
MARK_ATTRS: tuple[str, ...] = ("class", "id", "aria-label", "itemprop", "itemtype", "rel")
# How far around the title's position in the page text the header line (date, source,
# author, view counter) is searched.
HEADER_BEFORE = 1000
HEADER_AFTER = 3000
# A <title> longer than this is not a headline plus a site name.
MAX_TITLE = 1000
# Text is read up to this many characters: the header line is never beyond it.
MAX_TEXT = 200_000
# Inline script text read (on demand) by the script-variable date rule, at most.
MAX_SCRIPT = 400_000


@dataclass(frozen=True)
class MarkTable:
    """(label, pattern) rows in precedence order, matched against `Marked.mark` strings.

    `needles`: literal substrings of which every match of every row holds one. A mark
    without any is passed over with `in` tests, before the (slower) combined search.
    """

    rows: tuple[tuple[str, re.Pattern[str]], ...]
    any: re.Pattern[str]
    needles: tuple[str, ...]

    @classmethod
    def of(cls, rows: Iterable[tuple[str, str]], *, needles: tuple[str, ...]) -> MarkTable:
        compiled = tuple((label, re.compile(pattern)) for label, pattern in rows)
        combined = re.compile("|".join(f"(?:{pattern})" for _, pattern in rows))
        return cls(compiled, combined, needles)


@dataclass(frozen=True)
class Marked:
    """An element found by `MARK_QUERY`, with its attributes flattened for regex tables."""

    node: Node
    mark: str


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
    canonical: str | None
    h1s: list[Node]
    times: list[Node]
    marked: list[Marked]
    raw_text: str
    related: related.Candidates
    # `first_marked`'s combined-search hits by table, kept for the page: several rules
    # read the same table (bylines for authors, then for a source credit).
    hits: dict[int, list[Marked]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def read(cls, tree: Tree, *, url: str | None) -> PageView:
        metas: dict[str, str] = {}
        marked: list[Marked] = []
        ld_texts: list[str] = []
        h1s: list[Node] = []
        times: list[Node] = []
        title_tag = canonical = None
        first_title: Node | None = None
        candidates: list[related.Candidate] = []
        last = -1
        skip = 0  # repeats of the current node still owed to related selectors
        tag: str | None = None
        attrs: dict[str, str | None] = {}
        for node in tree.css(FULL_QUERY):
            mem_id = node.mem_id
            if mem_id != last:
                last = mem_id
                tag = node.tag
                attrs = node.attributes
                klass = attrs.get("class")
                ident = attrs.get("id")
                if (  # a related candidate: most nodes are plain metadata, decided here
                    tag in related.HEADING_TAGS
                    or (klass and related.CLASS_ANY.search(klass))
                    or (ident and related.ID_ANY.search(ident))
                ):
                    candidates.append((node, f"{klass or ''} {ident or ''}", tag in related.HEADING_TAGS))
                    skip = related.selector_hits(tag, klass, ident) - 1
                    continue
                skip = 0
            elif skip:
                skip -= 1
                continue
            if tag not in HEAD_TAGS:
                if tag == "h1":
                    h1s.append(node)
                elif tag == "time":
                    times.append(node)
                if attrs:
                    marked.append(_marked(node, tag, attrs))
            elif tag == "meta":
                _add_meta(metas, attrs)
            elif tag == "script":
                ld_texts.append(node.text(deep=True, strip=False))
            elif tag == "title":
                first_title = first_title or node
                if title_tag is None:
                    title_tag = " ".join(node.text()[:MAX_TITLE].split()) or None
            elif tag == "link" and canonical is None:
                canonical = (attrs.get("href") or "").strip() or None
        ld = jsonld.parse_scripts(ld_texts)
        html = tree.css_first("html")
        lang = (html.attrs.get("lang") or html.attrs.get("xml:lang")) if html is not None else None
        return cls(
            tree=tree, url=url, metas=metas, ld=ld, ld_article=jsonld.article(ld),
            title_tag=title_tag, lang_attr=lang or None, canonical=canonical,
            h1s=h1s, times=times, marked=marked,
            raw_text=body_text(tree),
            related=related.Candidates(candidates, first_title, h1s[0] if h1s else None, complete=True),
        )

    def meta(self, *names: str) -> tuple[str, str] | None:
        """The first of the named meta tags that has content, with its name."""
        for name in names:
            value = self.metas.get(name)
            if value:
                return value, name
        return None

    def first_marked(self, table: MarkTable) -> Iterator[tuple[str, Node]]:
        """Marked nodes matching a table's rows, by table order then document order."""
        # One combined search first (once per table and page): most marked nodes match no
        # row of the table.
        hits = self.hits.get(id(table))
        if hits is None:
            hits = self.hits[id(table)] = [
                item for item in self.marked
                if holds_any(item.mark, table.needles) and table.any.search(item.mark)
            ]
        for label, pattern in table.rows:
            for item in hits:
                if pattern.search(item.mark):
                    yield label, item.node

    def head_text(self, size: int) -> str:
        """The first `size` characters of the raw text."""
        return self.raw_text[:size]

    def sample(self, size: int) -> str:
        """The first `size` characters of the raw text (for script statistics)."""
        return self.raw_text[:size]

    def script_text(self, limit: int = MAX_SCRIPT) -> str:
        """The inline scripts' text, joined by line breaks, up to `limit` characters.

        Not gathered by `read`: one more tree query, made only by the rules that need it.
        """
        parts: list[str] = []
        size = 0
        for node in self.tree.css("script"):
            if "src" in node.attrs:
                continue
            text = node.text(deep=True, strip=False)
            parts.append(text[: limit - size])
            size += len(parts[-1]) + 1
            if size >= limit:
                break
        return "\n".join(parts)

    def before(self, title: str | None, span: int) -> str:
        """Up to `span` characters of raw text before the headline ("" if it is not found)."""
        if not title:
            return ""
        pos = self.raw_text.find(title[:12])
        return self.raw_text[max(0, pos - span) : pos] if pos > 0 else ""

    def header(self, title: str | None) -> str:
        """The raw text around the headline, where bylines and date lines sit.

        Not normalised (that costs more than all the regexes run on it): the patterns that
        read it allow any whitespace, line breaks included, between label and value.
        """
        if title:
            text = self.raw_text
            pos = text.find(title)
            if pos < 0:
                pos = text.find(title[:12])
            if pos >= 0:
                return text[max(0, pos - HEADER_BEFORE) : pos + len(title) + HEADER_AFTER]
        return ""


def _add_meta(metas: dict[str, str], attrs: dict[str, str | None]) -> None:
    """`<meta>` content by lower-cased property/name/itemprop/http-equiv; the first one wins."""
    content = attrs.get("content")
    if not content or not content.strip():
        return
    value = " ".join(content.split())
    if "&" in value:  # double-escaped by the CMS: `&amp;`, `&#8216;`
        value = html.unescape(value)
    for key_attr in ("property", "name", "itemprop", "http-equiv"):
        key = attrs.get(key_attr)
        if key:
            metas.setdefault(key.strip().lower(), value)


def holds_any(text: str, needles: Iterable[str]) -> bool:
    """Whether `text` holds one of `needles`, each decided on its first character first.

    A one-character `in` runs at memchr speed (0.1 µs on a 4,000-character header); a longer
    needle costs about 3 µs there when the text is not Latin-1 (curly quotes suffice), and
    most needles (`来源`, `浏览`, `发布时间` on English pages) are absent. A loop, not `any`
    with a generator: it runs per node and per rule.
    """
    for needle in needles:  # noqa: SIM110 (needles are never empty)
        if needle[0] in text and needle in text:
            return True
    return False


def _marked(node: Node, tag: str | None, attrs: dict[str, str | None]) -> Marked:
    parts = [tag or ""]
    for name in MARK_ATTRS:
        value = attrs.get(name)
        if value:
            parts.append(f"{name}={value.lower()}")
    return Marked(node, " ".join(parts))


# Single plain spaces are left alone (replacing each one is what costs). Both patterns
# start with a character class, so `re` skips ahead to their first character at C speed:
# `_SPACES` is `[ \t\r\f\v\u00a0\u3000]{2,}|[\t\r\f\v\u00a0\u3000]` (a run of two, or one
# that is not a plain space), `_BLANK_LINES` is ` ?\n\s*`, each written with its first
# character consumed and the rest of the condition as a lookaround.
_SPACES = re.compile(
    r"[ \t\r\f\v\u00a0\u3000](?:(?<=[^ ])|(?=[ \t\r\f\v\u00a0\u3000]))[ \t\r\f\v\u00a0\u3000]*"
)
# Starts only at a line break (after `_SPACES` left at most one space before it): linear.
_BLANK_LINES = re.compile(r"[ \n](?:(?<=\n)|(?=\n))\s*")


def body_text(tree: Tree) -> str:
    """The body's text, one line per text node, up to `MAX_TEXT` characters.

    Script text stays in: cutting it out costs more than the header regexes lose to it
    (they look for labels such as `发布时间` that code does not contain).
    """
    body = tree.body
    if body is None:
        return ""
    return body.text(deep=True, separator="\n", strip=False)[:MAX_TEXT]


def normalise(text: str) -> str:
    """Runs of spaces to one space, runs of blank lines to one line break."""
    return _BLANK_LINES.sub("\n", _SPACES.sub(" ", text))


def squash(text: str | None) -> str | None:
    """Whitespace collapsed to single spaces; None for blank."""
    if text is None:
        return None
    out = " ".join(text.split())
    return out or None


def within(node: Node, tags: frozenset[str], *, depth: int = 12) -> bool:
    """Whether an ancestor of `node` (up to `depth` levels) has one of `tags`."""
    parent = node.parent
    for _ in range(depth):
        if parent is None:
            return False
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False
