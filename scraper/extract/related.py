"""Related / recommended / previous-next article links shown with the article.

Lists are found two ways, both tables below: containers with a telling class or id
(`.related`, `.xgwz`, WordPress `.post-navigation`), and short headings with a telling word
(`相关文章`, `推荐阅读`, `Related`, `上一篇`) whose following siblings hold the links. Site-wide
lists (`热门`, `最新`, `Most read`) are not related to the article and are not looked for.
Headings found only by their words in arbitrary tags (`<p>相关文章:</p>`) are looked for only
on Chinese pages where nothing else found a list (that search costs a tree walk per word).

Each link's title loses a date glued to it (`…上榜07-03` -> `…上榜`, `07-03`); a date shown
beside the link in the same list item counts as well. Month-day dates get the year of the
article's own date, rolling back a year when the month-day lies after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from schemas import Link
from scraper.dom import Node, Tree
from scraper.extract.absolute import join_url
from scraper.extract.dates import MONTH_DAY_RE, find_list_date, parse_month_day
from scraper.found import Found

# Lists by class or id: one query (`CONTAINER_QUERY`: (attribute, substring) rows), then
# this table, in order, on the `class`/`id` strings (Tailwind's `relative` must not count).
CONTAINER_SUBSTRINGS: tuple[tuple[str, str], ...] = (
    ("class", "related"), ("id", "related"), ("class", "xg"), ("class", "tjyd"),
    ("class", "post-nav"), ("class", "pre"),
)
CONTAINER_QUERY = ", ".join(f"[{attr}*={needle}]" for attr, needle in CONTAINER_SUBSTRINGS)
CLASS_NEEDLES = tuple(needle for attr, needle in CONTAINER_SUBSTRINGS if attr == "class")
ID_NEEDLES = tuple(needle for attr, needle in CONTAINER_SUBSTRINGS if attr == "id")
# Whether a class or id may match a row of CONTAINER_SUBSTRINGS (one C-level search each).
CLASS_ANY = re.compile("|".join(re.escape(needle) for needle in CLASS_NEEDLES))
ID_ANY = re.compile("|".join(re.escape(needle) for needle in ID_NEEDLES))
CONTAINER_TABLE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE))
    for label, pattern in (
        ("related", r"(?:^|[\s_-])related(?:$|[\s_-]|posts|news|articles|stories)"),
        ("xgwz", r"(?:^|[\s_-])(?:xgwz|xgyd|xgxw|xgxx|tjyd)(?:$|[\s_-])"),
        ("prev-next", r"post-navigation|prev-?next|pre-?next"),
    )
)
# Any row of CONTAINER_TABLE: one search per node first (most nodes are plain headings).
CONTAINER_ANY = re.compile("|".join(f"(?:{p.pattern})" for _, p in CONTAINER_TABLE), re.IGNORECASE)
# Headings with a telling word: h2-h6/dt by query; other tags only for the words of
# `TEXT_WORDS`, looked for (with `:lexbor-contains`) only when the page text holds them.
HEADING_QUERY = "h2, h3, h4, h5, h6, dt"
HEADING_TAGS = frozenset(HEADING_QUERY.split(", "))
# The candidates of a page: headings and containers, by one query (or, through
# `meta_page.PageView.read`, within the metadata's query: one tree walk for both).
QUERY = f"{HEADING_QUERY}, {CONTAINER_QUERY}"
CJK = re.compile(r"[\u4e00-\u9fff]")
HEADING_WORDS: tuple[str, ...] = (
    "相关文章", "相关阅读", "相关新闻", "相关报道", "相关信息", "相关链接", "相关推荐", "推荐阅读",
    "延伸阅读", "猜你喜欢", "Related", "More stories", "More on this story", "Read more", "Read next",
    "Recommended", "You may also like", "Previous article", "Next article",
)
TEXT_WORDS: tuple[str, ...] = (
    "相关文章", "相关阅读", "相关新闻", "相关报道", "相关信息", "推荐阅读", "延伸阅读", "上一篇", "下一篇",
)
# Headings that name lists of topics or tags, not articles ("Related topics").
HEADING_EXCLUDE = re.compile(r"topics?\b|\btags?\b|标签|关键词|专题", re.IGNORECASE)
HEADING_RE = re.compile("|".join(re.escape(w) for w in HEADING_WORDS + TEXT_WORDS), re.IGNORECASE)
# HEADING_RE in lower case, without IGNORECASE (which keeps `re` from skipping ahead to the
# words' first letters), for texts that `str.lower` keeps one character per character and
# that hold no dotless i or long s (which `re` folds onto i and s but `str.lower` does not).
HEADING_LOWER = re.compile("|".join(re.escape(w.lower()) for w in HEADING_WORDS + TEXT_WORDS))
# A heading is short; longer text holding a heading word is a paragraph that mentions it.
MAX_HEADING = 30
MAX_LINKS = 40
# Link texts that are list furniture, not article titles.
FURNITURE = re.compile(r"^(更多|更多>>|more|more\s*»|查看更多|see all|view all|»|>>)$", re.IGNORECASE)
LABEL_PREFIX = re.compile(
    r"^\s*(?:上一篇|下一篇|上一条|下一条|Previous(?: article| post| story)?|Next(?: article| post| story)?)"
    r"\s*[:：]?\s*",
    re.IGNORECASE,
)
GLUED_DATE = re.compile(
    r"\s*[(\[（【]?(" + MONTH_DAY_RE.pattern + r"(?:\s+\d{1,2}:\d{2})?)[)\]）】]?\s*$"
)
GLUED_LAST = "日)]）】"
LEADING_DATE = re.compile(
    r"^\s*[(\[（【]?((\d{4})([-/.])\d{1,2}\3\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)[)\]）】]?\s*"
)


def _links_after(heading: Node) -> list[Node]:
    """Links in the heading itself, else in its first following sibling that has any
    (a run of bare anchors counts as one); climbs two levels when the heading has none."""
    node: Node | None = heading
    for _ in range(3):
        if node is None:
            break
        links: list[Node] = list(node.css("a[href]")) if node is heading else []
        if links:
            return links
        sibling = node.next
        hops = 0
        while sibling is not None and hops < 4:
            tag = sibling.tag
            if tag == "a":
                links.append(sibling)
            elif tag not in ("-text", "br", "span", "em", "i"):
                if links or tag in ("h1", "h2", "h3", "h4"):
                    break
                links = list(sibling.css("a[href]"))
                hops += 1
                if links:
                    break
            sibling = sibling.next
        if links:
            return links
        node = node.parent
    return []


def _split_date(text: str) -> tuple[str, str | None]:
    """A link text and the date glued to its end or start."""
    # GLUED_DATE ends in a digit, 日 or a closing bracket, then only spaces: decided on the last
    # character before the search (which tries every position of the text)
    tail = text.rstrip()
    glued = tail and (tail[-1].isdecimal() or tail[-1] in GLUED_LAST)
    m = GLUED_DATE.search(text) if glued else None
    if m is not None and MONTH_DAY_RE.fullmatch(m.group(1).split()[0]) and m.start() > 0:
        return text[: m.start()].strip(), m.group(1)
    m = LEADING_DATE.match(text)
    if m is not None and m.end() < len(text):
        return text[m.end() :].strip(), m.group(1)
    return text, None


def _holds_two_links(node: Node) -> bool:
    """Whether `node` holds a second link: a walk that stops at it (a box of thousands of
    links is not counted in full for each of its links)."""
    seen = 0
    for inner in node.traverse():
        if inner.tag == "a":
            seen += 1
            if seen > 1:
                return True
    return False


def _item_date(anchor: Node, title: str) -> str | None:
    """A date shown next to the link in its list item: the largest ancestor (up to three
    levels) that holds no other link, e.g. `<li><a>…</a><span>07-03</span></li>` or
    Jetpack's `<div><h4><a>…</a></h4><p>April 10, 2025</p></div>`."""
    item = None
    node = anchor.parent
    for _ in range(3):
        if node is None or node.tag in ("ul", "ol", "body") or _holds_two_links(node):
            break
        item = node
        node = node.parent
    if item is None:
        return None
    rest = " ".join(item.text(separator=" ").split()).replace(title, " ")
    return find_list_date(rest)


def _link(anchor: Node, *, url: str | None, reference: date | None) -> Link | None:
    href = (anchor.attrs.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return None
    text = " ".join(anchor.text(separator=" ").split())
    text = LABEL_PREFIX.sub("", text)
    title, date_text = _split_date(text)
    if len(title) < 4 or FURNITURE.match(title):
        return None
    if date_text is None:
        date_text = _item_date(anchor, text)
    iso = None
    if date_text is not None:
        stamp = parse_month_day(date_text, reference=reference)
        iso = stamp.day_iso() if stamp is not None else None
    return Link(title=title, url=join_url(url or "", href), date=iso, date_text=date_text)


def _reference(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _inside_link(node: Node) -> bool:
    parent = node.parent
    for _ in range(3):
        if parent is None:
            return False
        if parent.tag == "a":
            return True
        parent = parent.parent
    return False


def _text_headings(tree: Tree, page: Candidates) -> list[Node]:
    """Elements whose own text holds a word of `TEXT_WORDS` (Chinese pages only)."""
    title = page.title if page.complete else tree.css_first("title")
    if title is None or not CJK.search(title.text()):
        h1 = page.h1 if page.complete else tree.css_first("h1")
        if h1 is None or not CJK.search(h1.text()):
            return []
    body = tree.body
    text = body.text(deep=True, separator=" ", strip=False) if body is not None else ""
    found: list[Node] = []
    for word in TEXT_WORDS:
        if word in text:
            found.extend(tree.css(f'*:lexbor-contains("{word}")'))
    return found


# A node `QUERY` finds: (node, its `class id` string, whether it is a heading).
Candidate = tuple[Node, str, bool]


@dataclass(frozen=True)
class Candidates:
    """The page's candidate nodes (`QUERY`, each once, in document order) and, when the
    query that found them also looked for them (`complete`), its first `<title>` and `<h1>`
    (the language test of `_text_headings`)."""

    nodes: list[Candidate]
    title: Node | None = None
    h1: Node | None = None
    complete: bool = False


def selector_hits(tag: str | None, klass: str | None, ident: str | None) -> int:
    """How many selectors of `QUERY` an element with these tag, class and id matches (Lexbor
    lists a node once per selector of a group that it matches; its substring tests are
    case-sensitive, as `in` is)."""
    hits = 1 if tag in HEADING_TAGS else 0
    if klass and CLASS_ANY.search(klass):
        hits += sum(1 for needle in CLASS_NEEDLES if needle in klass)
    if ident and ID_ANY.search(ident):
        hits += sum(1 for needle in ID_NEEDLES if needle in ident)
    return hits


def candidates(tree: Tree) -> Candidates:
    """The nodes `QUERY` finds, each once, in document order."""
    found: list[Candidate] = []
    last = -1
    for node in tree.css(QUERY):
        mem_id = node.mem_id
        if mem_id != last:  # else listed again for another selector it matches
            last = mem_id
            attrs = node.attributes
            tag = node.tag
            found.append((node, f"{attrs.get('class') or ''} {attrs.get('id') or ''}", tag in HEADING_TAGS))
    return Candidates(found)


def _containers(tree: Tree, page: Candidates) -> list[tuple[str, list[Node]]]:
    found: list[tuple[str, list[Node]]] = []
    headings = [node for node, _, heading in page.nodes if heading]
    hits = [(node, mark) for node, mark, _ in page.nodes if mark != " " and CONTAINER_ANY.search(mark)]
    for label, pattern in CONTAINER_TABLE:
        for node, mark in hits:
            if pattern.search(mark):
                found.append((f"dom:{label}", list(node.css("a[href]"))))
    for heading in headings:
        _add_heading(found, heading)
    # Headings found only by their words (`<p>相关文章:</p>`, `上一篇：`) cost a text dump and a
    # `:lexbor-contains` walk per word: looked for only when nothing above found a list.
    if not any(anchors for _, anchors in found):
        for heading in _text_headings(tree, page):
            _add_heading(found, heading)
    return found


def _add_heading(found: list[tuple[str, list[Node]]], heading: Node) -> None:
    text = " ".join(heading.text(separator=" ").split())
    if len(text) > MAX_HEADING:
        return
    word = _heading_word(text)
    # the word test before the ancestor walk: most headings hold no heading word
    if word is not None and not HEADING_EXCLUDE.search(text) and not _inside_link(heading):
        found.append((f"heading:{word}", _links_after(heading)))


def _heading_word(text: str) -> str | None:
    """The first heading word in `text`, as written (`HEADING_RE.search(text).group(0)`)."""
    lowered = text.lower()
    if len(lowered) == len(text) and "ı" not in text and "ſ" not in text:
        found = HEADING_LOWER.search(lowered)
        return None if found is None else text[found.start() : found.end()]
    m = HEADING_RE.search(text)
    return None if m is None else m.group(0)


def extract_related(
    tree: Tree, *, url: str | None, published: str | None,
    found: Candidates | None = None,
) -> Found[list[Link]] | None:
    """The related-article lists of the page with their sources, or None when it has none.

    `found`: the page's `candidates` when the caller already has them (the metadata's query
    finds them too); else they are queried here.
    """
    reference = _reference(published)
    links: list[Link] = []
    seen: set[str] = set()
    sources: list[str] = []
    for source, anchors in _containers(tree, candidates(tree) if found is None else found):
        added = False
        # Bounded: a hostile "related" box with thousands of links costs MAX_LINKS look-ups.
        for anchor in anchors[:MAX_LINKS]:
            if len(links) >= MAX_LINKS:
                break
            link = _link(anchor, url=url, reference=reference)
            if link is None or link.url in seen:
                continue
            seen.add(link.url)
            links.append(link)
            added = True
        if added and source not in sources:
            sources.append(source)
    if not links:
        return None
    return Found(links, "+".join(sources))
