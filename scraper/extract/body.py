"""The article body: blocks of text and the article's own images.

Order of work, each step a small function:

1. drop junk tags from the whole page (`boilerplate.JUNK_TAGS`: scripts, styles, forms
   controls...);
2. find the content node(s), first rule that gives enough text wins:
   a. `CONTENT_SELECTORS`: markup that names the article body (schema.org articleBody,
      common CMS classes), accepted when it holds most of the text the density rule finds;
   b. density: readability-style scores of text-bearing elements (length, punctuation)
      propagated to their ancestors, weighted by class names and link density; the best
      node plus the siblings that score nearly as well;
3. prune boilerplate inside the content (`boilerplate.prune`);
4. read the images (before captions leave the text), then the blocks.

It runs after metadata and related links, and prunes the tree it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas import Block, Image
from scraper.dom import Node, Tree
from scraper.extract.body_blocks import blocks_of, images_of
from scraper.extract.body_selectors import CONTENT_SELECTORS
from scraper.extract.boilerplate import (
    BOILERPLATE_CLASS,
    JUNK_TAGS,
    chars,
    class_id,
    drop_unlikely,
    in_unlikely_box,
    is_boilerplate_text,
    prune,
)

# Elements whose own text is scored: paragraphs, and the parents of <br> runs.
SCORED_SELECTOR = "br, div, td, section, article, span, font"  # after "p, pre"
WHOLE_TEXT_TAGS = frozenset({"p", "pre"})
# A <br> inside these belongs to the block around them.
INLINE_TAGS = frozenset({"span", "font", "b", "strong", "i", "em", "a", "u", "small", "big", "sup", "sub"})
_INLINE_WALK = 6
# Text inside these is counted elsewhere (<p>) or is not running text (lists, headings).
NOT_TEXT_BLOCKS = frozenset({
    "p", "pre", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "th", "label", "button",
    "body", "html", "a", "option", "figcaption", "caption",
})
MAX_SCORED_ELEMENTS = 5_000  # the first 5,000 text elements are enough to choose a container
MIN_SCORED_CHARS = 20  # shorter texts are labels, buttons, captions
MIN_SCORED_CHARS_CJK = 8  # a short Chinese sentence carries as much as an English one

# Readability's starting score by tag: containers up, list and heading furniture down.
TAG_WEIGHT: dict[str, float] = {
    "div": 5, "article": 8, "section": 3, "main": 3, "pre": 3, "td": 3, "blockquote": 3,
    "form": -3, "ol": -3, "ul": -3, "dl": -3, "li": -3, "address": -3,
    "h2": -5, "h3": -5, "h4": -5, "th": -5, "body": -10, "html": -20,
}
POSITIVE_CLASS = re.compile(
    r"article|body|content|entry|hentry|main|page|post|text|blog|story|zhengwen|neirong|wenzhang|detail"
)
CLASS_WEIGHT = 15.0
ANCESTOR_LEVELS = 3  # a paragraph's score reaches its parent, grandparent and great-grandparent
TOP_CANDIDATES = 5  # link density is computed for this many best-scoring nodes only
SIBLING_SHARE = 0.2  # siblings scoring this share of the best node join it (readability)

MIN_SELECTOR_CHARS = 100  # a selector match with less text is a teaser or an empty shell
SHARE_OF_SELECTOR = 0.3  # a broader match must owe this share of its text to the density winner
SHARE_OF_BEST = 0.5  # a narrower match must hold this share of the density winner's text
_ANCESTOR_WALK = 40
CHUNK_WALK = 6  # chunks of one article share an ancestor this close

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_PUNCTUATION = re.compile(r"[,，。、；;！？]")


@dataclass(frozen=True)
class Body:
    """The body as blocks, the article's images, and which rule found the content node."""

    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    source: str = "none"


@dataclass
class _Candidate:
    node: Node
    score: float
    checked: bool = False  # link density applied


def extract_body(tree: Tree, *, url: str | None, title: str | None) -> Body:
    """The article text of the page as blocks, with its images and the rule that found it."""
    tree.strip_tags(JUNK_TAGS)
    root = tree.body or tree.root
    if root is None:
        return Body()
    found = find_content(root)
    if found is None:
        return Body()
    nodes, source = found
    for node in nodes:
        prune(node)
    images = images_of(nodes, url=url)
    for node in nodes:
        # Captions went to the images; reversed so that a nested one goes first (no double free).
        for caption in reversed(node.css("figcaption")):
            if caption.mem_id != node.mem_id:
                caption.decompose()
    blocks = clean_blocks(blocks_of(nodes), title=title)
    return Body(blocks=blocks, images=images, source=source)


def find_content(root: Node) -> tuple[list[Node], str] | None:
    """The content nodes of the page and the name of the rule that found them."""
    candidates = score_candidates(root)
    best = max(candidates.values(), key=lambda c: c.score) if candidates else None
    if best is not None and in_unlikely_box(best.node):
        # The densest text is a comment thread or a sidebar (macrumors.com): drop readability's
        # unlikely boxes and score again. Most pages never pay for this.
        drop_unlikely(root)
        candidates = score_candidates(root)
        best = max(candidates.values(), key=lambda c: c.score) if candidates else None
    for source, selector, broader in CONTENT_SELECTORS:
        for match in root.css(selector):
            if usable(match, best, broader=broader):
                return chunks_of(match, root) or [match], source
    if best is None:
        return None
    siblings = with_siblings(best, candidates)
    chunks = chunks_of(best.node, root)
    if chunks is not None and _size(chunks) > _size(siblings):
        return chunks, "density"
    return siblings, "density"


def _size(nodes: list[Node]) -> int:
    return sum(chars(node.text()) for node in nodes)


def chunks_of(node: Node, root: Node) -> list[Node] | None:
    """The article's chunks when its text is split over boxes of the same tag and class.

    wired.com and quantamagazine.org cut an article into several "article__body" boxes
    between ads; each box alone is a fraction of the text. Chunks are not nested in each
    other and sit close together (a common ancestor within `CHUNK_WALK` levels), so an
    infinite-scroll page's next article, further away, stays out. None when there is one.
    """
    names = node.attributes.get("class")
    if not names or not node.tag:
        return None
    near = _ancestors(node)
    chunks = []
    for other in root.css(node.tag):
        if other.mem_id == node.mem_id:
            chunks.append(other)
            continue
        if other.attributes.get("class") != names or is_ancestor(other, node) or is_ancestor(node, other):
            continue
        if near.isdisjoint(_ancestors(other)) or chars(other.text()) < MIN_SELECTOR_CHARS:
            continue
        chunks.append(other)
    return chunks if len(chunks) > 1 else None


def _ancestors(node: Node) -> set[int]:
    found = set()
    parent = node.parent
    for _ in range(CHUNK_WALK):
        if parent is None or parent.tag in ("body", "html"):
            break
        found.add(parent.mem_id)
        parent = parent.parent
    return found


def usable(match: Node, best: _Candidate | None, *, broader: bool) -> bool:
    """A selector match is used when it agrees with the density winner (same subtree, most text)."""
    size = chars(match.text())
    if size < MIN_SELECTOR_CHARS:
        return False
    if best is None:
        return True
    if match.mem_id == best.node.mem_id:
        return True
    best_size = chars(best.node.text())
    if broader and is_ancestor(match, best.node):
        return best_size >= SHARE_OF_SELECTOR * size
    if is_ancestor(best.node, match):
        return size >= SHARE_OF_BEST * best_size
    return False


def is_ancestor(node: Node, of: Node) -> bool:
    """True when `node` is an ancestor of `of` (bounded walk: deep pages stay cheap)."""
    target = node.mem_id
    parent = of.parent
    for _ in range(_ANCESTOR_WALK):
        if parent is None:
            return False
        if parent.mem_id == target:
            return True
        parent = parent.parent
    return False


def score_candidates(root: Node) -> dict[int, _Candidate]:
    """Readability scores of the ancestors of text-bearing blocks, by node id."""
    candidates: dict[int, _Candidate] = {}
    for block, text in text_blocks(root):
        score = text_score(text)
        if score <= 0:
            continue
        # A <div> holding its own running text (<br> lines) is a container itself.
        parent = block.parent if block.tag in WHOLE_TEXT_TAGS else block
        for level in range(ANCESTOR_LEVELS):
            if parent is None or parent.tag in ("html", "#document"):
                break
            key = parent.mem_id
            candidate = candidates.get(key)
            if candidate is None:
                candidate = candidates[key] = _Candidate(parent, initial_score(parent))
            candidate.score += score if level == 0 else score / (2 * level)
            parent = parent.parent
    top = sorted(candidates.values(), key=lambda c: c.score, reverse=True)[:TOP_CANDIDATES]
    for candidate in top:
        candidate.score *= 1.0 - link_density(candidate.node)
        candidate.checked = True
    return candidates


def text_blocks(root: Node) -> list[tuple[Node, str]]:
    """Elements that hold running text, with that text.

    A <p> or <pre> holds its whole text; a block broken by <br>s holds its whole text; a
    <div> or <td> holds its own text plus that of its inline children (<span>, <font>):
    linknaija.com's Blogger posts are <div><span><span>text</span></span></div>.
    """
    texts: dict[int, tuple[Node, list[str]]] = {}
    whole: set[int] = set()  # blocks whose whole text is already taken
    # Paragraphs first: a cap on a page of 10,000 nested <div>s must not hide its <p>s.
    elements = root.css("p, pre")[:MAX_SCORED_ELEMENTS] + root.css(SCORED_SELECTOR)[:MAX_SCORED_ELEMENTS]
    for element in elements:
        tag = element.tag
        if tag in WHOLE_TEXT_TAGS:
            whole.add(element.mem_id)
            texts[element.mem_id] = (element, [element.text()])
            continue
        if tag == "br":
            block = text_block(element)
            if block is not None and block.mem_id not in whole:
                whole.add(block.mem_id)
                texts[block.mem_id] = (block, [block.text()])
            continue
        own = element.text(deep=False)
        if not own or own.isspace():
            continue
        found = text_block(element) if tag in INLINE_TAGS else element
        if found is not None and found.mem_id not in whole:
            texts.setdefault(found.mem_id, (found, []))[1].append(own)
    return [(node, " ".join(parts)) for node, parts in texts.values()]


def text_block(element: Node) -> Node | None:
    """The block element around an inline element or a <br>, None inside a <p> or list item."""
    parent = element.parent
    for _ in range(_INLINE_WALK):
        if parent is None or parent.tag not in INLINE_TAGS:
            break
        parent = parent.parent
    if parent is None or parent.tag in NOT_TEXT_BLOCKS:
        return None
    return parent


def text_score(text: str) -> float:
    """The score a text-bearing element gives its ancestors: 0 for short texts."""
    size = chars(text)
    if size < MIN_SCORED_CHARS and (size < MIN_SCORED_CHARS_CJK or not _CJK.search(text)):
        return 0.0
    return 1.0 + len(_PUNCTUATION.findall(text)) + min(size / 100, 3.0)


def initial_score(node: Node) -> float:
    """Readability's starting score: the tag's weight plus or minus the class weight."""
    score = TAG_WEIGHT.get(node.tag or "", 0.0)
    names = class_id(node)
    if names.strip():
        if BOILERPLATE_CLASS.search(names):
            score -= CLASS_WEIGHT
        if POSITIVE_CLASS.search(names):
            score += CLASS_WEIGHT
    return score


def link_density(node: Node) -> float:
    """Share of the node's text that sits in links."""
    total = chars(node.text())
    if not total:
        return 1.0
    linked = sum(chars(a.text()) for a in node.css("a"))
    return min(linked / total, 1.0)


def with_siblings(best: _Candidate, candidates: dict[int, _Candidate]) -> list[Node]:
    """The best node, plus siblings that score nearly as well or read as prose (readability)."""
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
        strong = candidate is not None and candidate.score >= threshold
        if strong or (sibling.tag == "p" and _prose(sibling)):
            nodes.append(sibling)
    return nodes


def _prose(node: Node) -> bool:
    text = node.text()
    size = chars(text)
    density = link_density(node) if size else 1.0
    if size > 80:
        return density < 0.25
    return size > 0 and density == 0 and text.rstrip().endswith((".", "。"))


def clean_blocks(blocks: list[Block], *, title: str | None) -> list[Block]:
    """Drop boilerplate lines, the headline, and immediate repeats (a caption shown twice)."""
    headline = " ".join(title.split()) if title else None
    kept: list[Block] = []
    for block in blocks:
        text = block.text
        if text == headline or is_boilerplate_text(text):
            continue
        if kept and kept[-1].text == text and block.kind != "table_row":
            continue
        kept.append(block)
    return kept
