"""The article body: blocks of text and the article's own images.

Order of work, each step a small function:

1. drop junk tags from the page's body (`boilerplate.JUNK_TAGS`: scripts, styles, form
   controls...), listing the elements step 2 scores in the same search;
2. score the page's text-bearing elements (`body_density`); when the densest node sits in a
   comment thread or a sidebar, drop readability's unlikely boxes and score again;
3. find the content node(s), first rule that gives a usable node wins:
   a. `body_selectors.CONTENT_RULES`: markup that names the article body (schema.org
      articleBody, CMS classes), used when it agrees with the density winner: the winner
      itself, an ancestor it fills well enough, or a descendant holding most of its text;
   b. density: the winner plus the siblings that score nearly as well;
   in both cases an article cut into same-class chunks is joined (`chunks_of`);
4. prune boilerplate inside the content (`boilerplate.prune`);
5. read the images (captions go with them, out of the text), then the blocks, then drop
   boilerplate lines and the headline (`clean_blocks`); a lead photo just before the content
   node (a WordPress "post-thumbnail" <figure>) goes first among the images.

`source` names the rule of step 3 (`"selector:articleBody"`, `"density"`). It runs after
metadata and related links, and prunes the tree it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas import Block, Image
from scraper.dom import Node, Tree
from scraper.extract.body_blocks import blocks_of, images_of, kept_images, lead_images
from scraper.extract.body_density import SCORED_IDS, Candidate, score_candidates, with_siblings
from scraper.extract.body_selectors import CONTENT_RULES, matches
from scraper.extract.boilerplate import (
    PAGE_IDS,
    Sizes,
    chars,
    drop_junk_and_find,
    drop_unlikely,
    in_unlikely_box,
    is_boilerplate_text,
    is_end_of_article,
    prune,
)

MIN_SELECTOR_CHARS = 100  # a selector match with less text is a teaser or an empty shell
SHARE_OF_SELECTOR = 0.3  # a broader match must owe this share of its text to the density winner
SHARE_OF_BEST = 0.5  # a narrower match must hold this share of the density winner's text
_ANCESTOR_WALK = 40
CHUNK_WALK = 6  # chunks of one article share an ancestor this close

_PLAIN_TAG = re.compile(r"^[a-z][a-z0-9-]*$")  # a tag name that is safe in a CSS selector


@dataclass(frozen=True)
class Body:
    """The body as blocks, the article's images, and which rule found the content node."""

    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    source: str = "none"


def extract_body(tree: Tree, *, url: str | None, title: str | None) -> Body:
    """The article text of the page as blocks, with its images and the rule that found it."""
    root = tree.body or tree.root
    if root is None:
        return Body()
    scored = drop_junk_and_find(root, SCORED_IDS)  # one whole-page walk for both
    sizes = Sizes()
    found = find_content(root, sizes, scored=scored)
    if found is None:
        return Body()
    nodes, source = found
    images = images_of(nodes, url=url)  # sets attributes only: the sizes stay valid
    for index, node in enumerate(nodes):
        # Only the first node's size is surely unchanged: chunks may nest in one another.
        prune(node, size=sizes.of(node) if index == 0 else None)
    for node in nodes:
        # Captions went to the images; reversed so that a nested one goes first (no double free).
        for caption in reversed(node.css("figcaption")):
            if caption.mem_id != node.mem_id:
                caption.decompose()
    blocks = clean_blocks(blocks_of(nodes), title=title)
    kept = kept_images(nodes, images)
    if blocks:
        seen = {image.url for image in kept}
        kept = [image for image in lead_images(nodes[0], url=url) if image.url not in seen] + kept
    return Body(blocks=blocks, images=kept, source=source)


def find_content(
    root: Node, sizes: Sizes | None = None, *, scored: list[Node] | None = None
) -> tuple[list[Node], str] | None:
    """The content nodes of the page and the name of the rule that found them.

    `sizes` caches text lengths for the caller (it stays valid: the tree keeps its text);
    `scored` is `root.css(SCORED_SELECTOR)` when the caller has it.
    """
    sizes = sizes or Sizes()
    candidates = score_candidates(root, sizes, scored=scored)
    best = max(candidates.values(), key=lambda c: c.score) if candidates else None
    if best is not None and in_unlikely_box(best.node):
        # The densest text is a comment thread or a sidebar (macrumors.com): drop readability's
        # unlikely boxes and score again. Most pages never pay for this.
        drop_unlikely(root)
        sizes.forget()
        candidates = score_candidates(root, sizes)
        best = max(candidates.values(), key=lambda c: c.score) if candidates else None
    found = by_selector(root, best, sizes)
    if found is not None:
        match, source = found
        return chunks_of(match, root, sizes) or [match], source
    if best is None:
        return None
    siblings = with_siblings(best, candidates, sizes)
    chunks = chunks_of(best.node, root, sizes)
    if chunks is not None and _size(chunks, sizes) > _size(siblings, sizes):
        return chunks, "density"
    return siblings, "density"


def _size(nodes: list[Node], sizes: Sizes) -> int:
    return sum(sizes.of(node) for node in nodes)


def by_selector(root: Node, best: Candidate | None, sizes: Sizes | None = None) -> tuple[Node, str] | None:
    """The first usable match of the content rules, and the rule's name.

    A usable match is the densest node, one of its ancestors (for rules that may be broader)
    or one of its descendants: so only those are searched, not the whole page.
    """
    sizes = sizes or Sizes()
    if best is None:
        for rule in CONTENT_RULES:
            for match in root.css(rule.css):
                if usable(match, None, broader=rule.broader, sizes=sizes):
                    return match, rule.source
        return None
    ancestors = _named_ancestors(best.node)
    for rule in CONTENT_RULES:
        if rule.broader:
            for node, tag, attrs in ancestors:
                if matches(tag, attrs, rule) and usable(node, best, broader=True, sizes=sizes):
                    return node, rule.source
        for match in best.node.css(rule.css):
            if usable(match, best, broader=rule.broader, sizes=sizes):
                return match, rule.source
    return None


def _named_ancestors(node: Node) -> list[tuple[Node, str, dict[str, str | None]]]:
    """The node's ancestors below <body> that have attributes, outermost first."""
    found = []
    parent = node.parent
    for _ in range(_ANCESTOR_WALK):
        if parent is None or parent.tag_id in PAGE_IDS:
            break
        attrs = parent.attributes
        if attrs:
            found.append((parent, parent.tag or "", attrs))
        parent = parent.parent
    return found[::-1]


def chunks_of(node: Node, root: Node, sizes: Sizes | None = None) -> list[Node] | None:
    """The article's chunks when its text is split over boxes of the same tag and class.

    wired.com and quantamagazine.org cut an article into several "article__body" boxes
    between ads; each box alone is a fraction of the text. Chunks are not nested in each
    other and sit close together (a common ancestor within `CHUNK_WALK` levels), so an
    infinite-scroll page's next article, further away, stays out. None when there is one.
    """
    names = node.attributes.get("class")
    if not names or not node.tag or _PLAIN_TAG.match(node.tag) is None:
        return None
    near = _ancestors(node)
    if not near:
        return None  # no ancestor below <body> to share: no other chunk can qualify
    # Every chunk shares an ancestor in `near`, so all of them sit below the outermost one:
    # its subtree is searched, not the whole page.
    top = near[-1]
    near_ids = {ancestor.mem_id for ancestor in near}
    chunks = []
    for other in top.css(f"{node.tag}[class={css_string(names)}]"):
        if other.mem_id == node.mem_id:
            chunks.append(other)
            continue
        if is_ancestor(other, node) or is_ancestor(node, other) or near_ids.isdisjoint(_ancestor_ids(other)):
            continue
        if (chars(other.text()) if sizes is None else sizes.of(other)) >= MIN_SELECTOR_CHARS:
            chunks.append(other)
    return chunks if len(chunks) > 1 else None


def css_string(value: str) -> str:
    """A CSS string literal for any text: quotes, backslashes and control characters escaped."""
    return '"' + "".join(_css_char(char) for char in value) + '"'


def _css_char(char: str) -> str:
    if ord(char) < 0x20 or ord(char) == 0x7F:
        return f"\\{ord(char):x} "
    return "\\" + char if char in '"\\' else char


def _ancestors(node: Node) -> list[Node]:
    """The node's `CHUNK_WALK` nearest ancestors below <body>, innermost first."""
    found = []
    parent = node.parent
    for _ in range(CHUNK_WALK):
        if parent is None or parent.tag_id in PAGE_IDS:
            break
        found.append(parent)
        parent = parent.parent
    return found


def _ancestor_ids(node: Node) -> set[int]:
    return {ancestor.mem_id for ancestor in _ancestors(node)}


def usable(match: Node, best: Candidate | None, *, broader: bool, sizes: Sizes | None = None) -> bool:
    """A selector match is used when it agrees with the density winner (same subtree, most text)."""
    sizes = sizes or Sizes()
    size = sizes.of(match)
    if size < MIN_SELECTOR_CHARS:
        return False
    if best is None:
        return True
    if match.mem_id == best.node.mem_id:
        return True
    best_size = sizes.of(best.node)
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


def clean_blocks(blocks: list[Block], *, title: str | None) -> list[Block]:
    """Drop boilerplate lines, the headline, immediate repeats (a caption shown twice), and
    whatever follows a related-list label in the second half of the text."""
    headline = " ".join(title.split()) if title else None
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        text = block.text
        if index * 2 >= len(blocks) and is_end_of_article(text):
            break
        if text == headline or is_boilerplate_text(text):
            continue
        if index < 3 and headline and len(text) >= 15 and text in headline:
            continue  # the headline, shown again without the title's " - Site" suffix
        if kept and kept[-1].text == text and block.kind != "table_row":
            continue
        kept.append(block)
    return kept
