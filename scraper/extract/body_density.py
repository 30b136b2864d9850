"""Readability-style density scoring: which element holds the page's running text.

Text-bearing blocks (paragraphs, <br>-broken runs, boxes with their own text) give a score
for their length and punctuation to their parent, grandparent and great-grandparent. Each
candidate starts from a weight for its tag and class names, and the best few are scaled
down by their link density. The best candidate is joined by the siblings that score
nearly as well or read as prose, as readability does. No recursion: ancestor walks are
bounded loops; subtree walks are Lexbor's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.dom import Node
from scraper.extract.boilerplate import (
    BOILERPLATE_CLASS,
    MAX_ANCHORS,
    Sizes,
    chars,
    class_id,
    is_boilerplate_box,
    tag_ids,
)

# Elements whose own text is scored: paragraphs, and the parents of <br> runs. One query
# finds both kinds; the paragraphs are then taken first.
SCORED_SELECTOR = "p, pre, br, div, td, section, article, span, font"
WHOLE_TEXT_TAGS = frozenset({"p", "pre"})
# A <br> inside these belongs to the block around them.
INLINE_TAGS = frozenset({"span", "font", "b", "strong", "i", "em", "a", "u", "small", "big", "sup", "sub"})
_INLINE_WALK = 6
# Text inside these is counted elsewhere (<p>) or is not running text (lists, headings).
NOT_TEXT_BLOCKS = frozenset({
    "p", "pre", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "th", "label", "button",
    "body", "html", "a", "option", "figcaption", "caption",
})
SCORED_IDS = tag_ids(tuple(SCORED_SELECTOR.split(", ")))  # `drop_junk_and_find` lists them
_WHOLE_TEXT_IDS = tag_ids(WHOLE_TEXT_TAGS)
_INLINE_IDS = tag_ids(INLINE_TAGS)
_NOT_TEXT_BLOCK_IDS = tag_ids(NOT_TEXT_BLOCKS)
(_BR_ID,) = tag_ids(("br",))
(_HTML_ID,) = tag_ids(("html",))
MAX_SCORED_ELEMENTS = 5_000  # the first 5,000 text elements are enough to choose a container
MIN_SCORED_CHARS = 20  # shorter texts are labels, buttons, captions
MIN_SCORED_CHARS_CJK = 8  # a short Chinese sentence carries as much as an English one

# Readability's starting score by tag: containers up, list and heading furniture down.
TAG_WEIGHT: dict[str, float] = {
    "div": 5, "article": 8, "section": 3, "main": 3, "pre": 3, "td": 3, "blockquote": 3,
    "form": -3, "ol": -3, "ul": -3, "dl": -3, "li": -3, "address": -3,
    "h2": -5, "h3": -5, "h4": -5, "th": -5, "body": -10, "html": -20,
}
_TAG_WEIGHT_BY_ID: dict[int, float] = {
    next(iter(tag_ids((tag,)))): weight for tag, weight in TAG_WEIGHT.items()
}
POSITIVE_CLASS = re.compile(
    r"article|body|content|entry|hentry|main|page|post|text|blog|story|zhengwen|neirong|wenzhang|detail"
)
CLASS_WEIGHT = 15.0
ANCESTOR_LEVELS = 3  # a paragraph's score reaches its parent, grandparent and great-grandparent
TOP_CANDIDATES = 5  # link density is computed for this many best-scoring nodes only
SIBLING_SHARE = 0.2  # siblings scoring this share of the best node join it (readability)

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_PUNCTUATION = ",，。、；;！？"  # each one adds a point: counted with str.count (C speed)
_ASCII_PUNCTUATION = ",;"  # the only ones an ASCII text can hold (`str.isascii` is O(1))


@dataclass(slots=True)
class Candidate:
    """A node that may hold the article, with its score."""

    node: Node
    score: float
    checked: bool = False  # link density applied


def score_candidates(
    root: Node, sizes: Sizes | None = None, *, scored: list[Node] | None = None
) -> dict[int, Candidate]:
    """Readability scores of the ancestors of text-bearing blocks, by node id.

    `scored` is `root.css(SCORED_SELECTOR)` when the caller has it (`drop_junk_and_find`).
    """
    sizes = sizes or Sizes()
    candidates: dict[int, Candidate] = {}
    weights: dict[str, float] = {}  # class weight by class-and-id names: pages repeat them
    chains: dict[int, list[Candidate]] = {}  # by the first node: paragraphs share parents
    for block, text, whole in _text_blocks(root, scored):
        score = text_score(text)
        if score <= 0:
            continue
        # A <div> holding its own running text (<br> lines) is a container itself.
        first = block.parent if whole else block
        if first is None:
            continue
        chain = chains.get(first.mem_id)
        if chain is None:
            chain = chains[first.mem_id] = _chain(first, candidates, weights)
        for level, candidate in enumerate(chain):
            candidate.score += score if level == 0 else score / (2 * level)
    top = sorted(candidates.values(), key=lambda c: c.score, reverse=True)[:TOP_CANDIDATES]
    leader = float("-inf")  # the best score scaled so far
    for candidate in top:
        if max(candidate.score, 0.0) < leader:
            # Scaling moves a score towards 0, so this one cannot reach the leader: the best
            # node is the same without it. Its link density is left unread (the outer
            # wrappers, whose text and links are the longest); `with_siblings` reads it
            # when it needs it, so every score it compares is the same.
            continue
        candidate.score *= 1.0 - link_density(candidate.node, sizes)
        candidate.checked = True
        leader = max(leader, candidate.score)
    return candidates


def _chain(first: Node, candidates: dict[int, Candidate], weights: dict[str, float]) -> list[Candidate]:
    """The candidates a block's score goes to: `first` and its ancestors, `ANCESTOR_LEVELS`
    of them below <html>, each made (in `candidates`) when first seen."""
    chain = []
    parent: Node | None = first
    for _ in range(ANCESTOR_LEVELS):
        if parent is None or parent.tag_id == _HTML_ID:
            break
        key = parent.mem_id
        candidate = candidates.get(key)
        if candidate is None:
            candidate = candidates[key] = Candidate(parent, _initial_score(parent, weights))
        chain.append(candidate)
        parent = parent.parent
    return chain


def text_blocks(root: Node) -> list[tuple[Node, str]]:
    """Elements that hold running text, with that text.

    A <p> or <pre> holds its whole text; a block broken by <br>s holds its whole text; a
    <div> or <td> holds its own text plus that of its inline children (<span>, <font>):
    linknaija.com's Blogger posts are <div><span><span>text</span></span></div>.
    """
    return [(node, text) for node, text, _ in _text_blocks(root)]


def _text_blocks(root: Node, scored: list[Node] | None = None) -> list[tuple[Node, str, bool]]:
    """`text_blocks`, each with whether it is a <p> or <pre> (its score goes to its parent).

    Tags are tested by Lexbor id (`tag_ids`): no tag name is built per element.
    """
    texts: dict[int, tuple[Node, list[str]]] = {}
    whole: set[int] = set()  # blocks whose whole text is already taken
    # Paragraphs first: a cap on a page of 10,000 nested <div>s must not hide its <p>s.
    paragraphs: list[Node] = []
    # The other elements that may give a block: <br>s (no text) and those with their own
    # text. Most are boxes with none, dropped in this one pass.
    others: list[tuple[Node, int, str | None]] = []
    seen = 0  # other elements, with or without text: the first `MAX_SCORED_ELEMENTS` count
    elements = root.css(SCORED_SELECTOR) if scored is None else scored
    capped = len(elements) > MAX_SCORED_ELEMENTS  # else no count can pass the cap
    for element in elements:
        tag_id = element.tag_id
        if tag_id in _WHOLE_TEXT_IDS:
            paragraphs.append(element)
            continue
        if capped:
            seen += 1
            if seen > MAX_SCORED_ELEMENTS:
                continue
        if tag_id == _BR_ID:
            others.append((element, tag_id, None))
            continue
        own = element.text(deep=False)
        if own and not own.isspace():
            others.append((element, tag_id, own))
    for element in paragraphs[:MAX_SCORED_ELEMENTS]:
        key = element.mem_id
        whole.add(key)
        texts[key] = (element, [element.text()])
    paragraph_keys = set(texts)
    for element, tag_id, text in others:
        if text is None:  # a <br>
            block = text_block(element)
            if block is not None and block.mem_id not in whole:
                whole.add(block.mem_id)
                texts[block.mem_id] = (block, [block.text()])
            continue
        found = text_block(element) if tag_id in _INLINE_IDS else element
        if found is not None and found.mem_id not in whole:
            texts.setdefault(found.mem_id, (found, []))[1].append(text)
    return [(node, " ".join(parts), key in paragraph_keys) for key, (node, parts) in texts.items()]


def text_block(element: Node) -> Node | None:
    """The block element around an inline element or a <br>, None inside a <p> or list item."""
    parent = element.parent
    for _ in range(_INLINE_WALK):
        if parent is None or parent.tag_id not in _INLINE_IDS:
            break
        parent = parent.parent
    if parent is None or parent.tag_id in _NOT_TEXT_BLOCK_IDS:
        return None
    return parent


def text_score(text: str) -> float:
    """The score a text-bearing element gives its ancestors: 0 for short texts."""
    if len(text) < MIN_SCORED_CHARS_CJK:
        return 0.0  # shorter than the shortest scored text even with its spaces
    size = chars(text)
    ascii_only = text.isascii()
    if size < MIN_SCORED_CHARS and (size < MIN_SCORED_CHARS_CJK or ascii_only or not _CJK.search(text)):
        return 0.0
    marks = sum(map(text.count, _ASCII_PUNCTUATION if ascii_only else _PUNCTUATION))
    return 1.0 + marks + min(size / 100, 3.0)


def initial_score(node: Node) -> float:
    """Readability's starting score: the tag's weight plus or minus the class weight."""
    return _initial_score(node, {})


def _initial_score(node: Node, weights: dict[str, float]) -> float:
    """`initial_score`, with the class weights of names already seen in `weights`."""
    names = class_id(node)
    weight = weights.get(names)
    if weight is None:
        weight = weights[names] = class_weight(names)
    return _TAG_WEIGHT_BY_ID.get(node.tag_id, 0.0) + weight  # by Lexbor id: no tag name built


def class_weight(names: str) -> float:
    """Readability's class weight: down for boilerplate names, up for content names."""
    weight = 0.0
    if names.strip():
        if BOILERPLATE_CLASS.search(names):
            weight -= CLASS_WEIGHT
        if POSITIVE_CLASS.search(names):
            weight += CLASS_WEIGHT
    return weight


def link_density(node: Node, sizes: Sizes | None = None) -> float:
    """Share of the node's text that sits in links."""
    total = chars(node.text()) if sizes is None else sizes.of(node)
    if not total:
        return 1.0
    linked = chars("".join([a.text() for a in node.css("a")[:MAX_ANCHORS]]))
    return min(linked / total, 1.0)


def with_siblings(
    best: Candidate, candidates: dict[int, Candidate], sizes: Sizes | None = None
) -> list[Node]:
    """The best node, plus siblings that score nearly as well or read as prose (readability)."""
    sizes = sizes or Sizes()
    parent = best.node.parent
    if parent is None:
        return [best.node]
    threshold = max(10.0, best.score * SIBLING_SHARE)
    nodes = []
    for sibling in parent.iter():
        if sibling.mem_id == best.node.mem_id:
            nodes.append(sibling)
            continue
        candidate = candidates.get(sibling.mem_id)
        if candidate is not None and not candidate.checked and candidate.score >= threshold:
            candidate.score *= 1.0 - link_density(candidate.node, sizes)
            candidate.checked = True
        strong = candidate is not None and candidate.score >= threshold
        if (strong or (sibling.tag == "p" and _prose(sibling))) and not is_boilerplate_box(sibling):
            # A boilerplate-named sibling (a byline, the "Article_dek" standfirst of
            # jsonld-only.html) is not joined: pruning never looks at the content nodes themselves.
            nodes.append(sibling)
    return nodes


def _prose(node: Node) -> bool:
    text = node.text()
    size = chars(text)
    density = link_density(node) if size else 1.0
    if size > 80:
        return density < 0.25
    return size > 0 and density == 0 and text.rstrip().endswith((".", "。"))
