"""A content node to `Block`s and `Image`s.

Block boundaries are written into the tree as private-use marker characters (one text
node before and after each block element, one before each <br>), then the node's whole
text is read in one Lexbor call and split on the markers. This keeps the per-node work in
C: Python touches block elements only, never every text node, and nothing recurses.
"""

from __future__ import annotations

import re

from pydantic import TypeAdapter

from schemas import Block, Image
from scraper.dom import Node
from scraper.extract.absolute import join_url
from scraper.extract.boilerplate import chars, is_boilerplate_box, tag_ids

MARK = "\ue001"  # starts every block boundary
END = "\ue002"  # follows MARK after a block element closes
CUT = "\ue003"  # where marking stopped on a page with more than MAX_BLOCK_ELEMENTS elements
MAX_BLOCK_ELEMENTS = 50_000  # block elements marked (10,000 nested <div>s are legal input)
MAX_BLOCKS = 10_000  # blocks kept: no article has more; a 20 MB page stops here

# Block-level tags and the kind of block they open; "paragraph" is the default kind.
KIND_OF_TAG: dict[str, str] = {
    "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "h1": "heading",
    "li": "list_item", "dt": "list_item", "dd": "list_item",
    "blockquote": "quote",
    "tr": "table_row",
    "caption": "caption",
}
PARAGRAPH_TAGS: tuple[str, ...] = (
    "p", "div", "pre", "section", "article", "main", "header", "ul", "ol", "dl", "table",
    "thead", "tbody", "tfoot", "address", "center", "details", "summary", "fieldset", "hr",
    "figure", "picture", "video", "audio",
)
_KIND_CODE: dict[str, str] = {
    "paragraph": "\ue010", "heading": "\ue011", "list_item": "\ue012", "quote": "\ue013",
    "table_row": "\ue014", "caption": "\ue015",
}
_KIND_OF_CODE: dict[str, str] = {code: kind for kind, code in _KIND_CODE.items()}
_CELL_SEPARATOR = " | "
# A table row is one block, its cells joined, when it is a data row: no nested table and at
# most this much text. A longer row is a layout table's (old sites put the whole article in
# a <td>), whose paragraphs stay blocks of their own. stats-table.html (tjj.ningbo.gov.cn)
# needed it: Word-exported tables hold each cell's text in a <p>.
DATA_ROW_MAX_CHARS = 400
_IN_CELL = ", ".join((*KIND_OF_TAG, *PARAGRAPH_TAGS, "br"))
# A source line break between two Chinese characters is no space (a browser shows none).
_CJK = "[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_CJK_BREAK = re.compile(rf"(?<={_CJK})[ \t\r]*\n\s*(?={_CJK})")
# Block elements (`KIND_OF_TAG`, `PARAGRAPH_TAGS`), bold elements, cells and <br>s by Lexbor tag
# id: `_elements` sorts the content's elements with one search instead of four (one of them
# with 37 selectors).
_KIND_CODE_OF_ID: dict[int, str] = {
    **{tag_id: _KIND_CODE["paragraph"] for tag_id in tag_ids(PARAGRAPH_TAGS)},
    **{next(iter(tag_ids((tag,)))): _KIND_CODE[kind] for tag, kind in KIND_OF_TAG.items()},
}
_CELL_IDS = tag_ids(("td", "th"))
_BOLD_IDS = tag_ids(("strong", "b"))
(_BR_ID,) = tag_ids(("br",))
(_P_ID,) = tag_ids(("p",))
(_FIGURE_ID,) = tag_ids(("figure",))
_PAGE_IDS = tag_ids(("body", "html"))
_BLOCKS: TypeAdapter[list[Block]] = TypeAdapter(list[Block])
BOLD_HEADING_MAX = 80
_SENTENCE_END = (".", "。", "!", "！", "?", "？", ":", "：", ",", "，", ";", "；")

# Image URLs that are page furniture, not article pictures.
_SKIP_IMAGE = ("data:", "about:", "javascript:")
_SKIP_IMAGE_WORDS = (
    "logo", "icon", "avatar", "sprite", "spacer", "pixel", "blank.gif", "1x1", "emoji", "placeholder",
    "missing-image",
)
# Lazy-loading attributes first: beside them, "src" is a placeholder (moneycontrol.com's
# "grey_bg.gif" until a script swaps in "data-src").
_SKIP_IMAGE_WORD = re.compile("|".join(map(re.escape, _SKIP_IMAGE_WORDS)))  # any of them, one C call
_IMAGE_SRC_ATTRS: tuple[str, ...] = ("data-src", "data-original", "data-lazy-src", "src", "data-url")
_CAPTION_WALK = 4  # how far up an <img> looks for its <figure>
_CAPTION_BOX_WALK = 2  # how far up it looks for a caption-named box (further is another image's)
_CAPTION_SELECTOR = 'figcaption, [class*="caption" i]'
IMAGE_MARK = "data-scraper-image"
# The lead photo outside the content node (`lead_images`).
LEAD_LEVELS = 2
LEAD_SIBLINGS = 3
LEAD_STEPS = 12  # nodes of any kind looked at per level
LEAD_TEXT_MAX = 200  # a box with more text than this (caption aside) is not a photo box
LEAD_MAX_IMAGES = 3
LEAD_STOP_TAGS = frozenset({"h1", "header", "nav", "aside", "footer"})
_LEAD_SELECTOR = "h1, figure"


def blocks_of(nodes: list[Node]) -> list[Block]:
    """The blocks of the content nodes, in document order, at most `MAX_BLOCKS` of them."""
    blocks: list[Block] = []
    for node in nodes:
        if len(blocks) >= MAX_BLOCKS:
            break
        _mark(node)
        text = node.text(deep=True)
        own = KIND_OF_TAG.get(node.tag or "", "paragraph")
        blocks.extend(_split(_KIND_CODE[own] + text.split(CUT, 1)[0]))
    return blocks[:MAX_BLOCKS]


def _mark(node: Node) -> None:
    elements, brs, cells, bolds = _elements(node)
    bold = _bold_paragraphs(bolds)
    inside_rows = cell_blocks(node) if cells else set()
    heading = _KIND_CODE["heading"]
    for element, code in elements[:MAX_BLOCK_ELEMENTS]:
        if inside_rows and element.mem_id in inside_rows:
            continue
        element.insert_before(MARK + (heading if bold and element.mem_id in bold else code))
        element.insert_after(MARK + END)
    if len(elements) > MAX_BLOCK_ELEMENTS:
        # A 20 MB page of paragraphs: the body stops here rather than spend seconds.
        elements[MAX_BLOCK_ELEMENTS][0].insert_before(CUT)
    for element in brs[:MAX_BLOCK_ELEMENTS]:
        if inside_rows and element.mem_id in inside_rows:
            element.insert_before(" ")
            continue
        element.insert_before(MARK)
    for element in cells[:MAX_BLOCK_ELEMENTS]:
        element.insert_after(_CELL_SEPARATOR)


def _elements(
    node: Node,
) -> tuple[list[tuple[Node, str]], list[Node], list[Node], list[Node]]:
    """The node's block elements (with their kind's code), <br>s, cells and bold elements
    (<strong>, <b>), each in document order, from one Lexbor search (the node included)."""
    elements: list[tuple[Node, str]] = []
    brs: list[Node] = []
    cells: list[Node] = []
    bolds: list[Node] = []
    for element in node.css("*"):
        tag_id = element.tag_id
        code = _KIND_CODE_OF_ID.get(tag_id)
        if code is not None:
            elements.append((element, code))
        elif tag_id == _BR_ID:
            brs.append(element)
        elif tag_id in _CELL_IDS:
            cells.append(element)
        elif tag_id in _BOLD_IDS:
            bolds.append(element)
    return elements, brs, cells, bolds


def cell_blocks(node: Node) -> set[int]:
    """Ids of the block elements and <br>s inside the cells of data rows: not blocks of their
    own, so that each data row reads as one line of cells (`DATA_ROW_MAX_CHARS`)."""
    found: set[int] = set()
    for row in node.css("tr")[:MAX_BLOCKS]:  # each data row gives one block at most
        if row.css_first("table") is not None or chars(row.text()) > DATA_ROW_MAX_CHARS:
            continue
        found.update(element.mem_id for element in row.css(_IN_CELL) if element.tag != "tr")
    return found


def bold_headings(node: Node) -> set[int]:
    """Ids of the paragraphs that are one short bold phrase: the sub-headings of CMSs
    without <h2> (the seed page's "新闻多一点" section: <p><strong>鄞州区潘火街道香园社区</strong></p>).
    """
    return _bold_paragraphs(node.css("strong, b"))


def _bold_paragraphs(bolds: list[Node]) -> set[int]:
    """`bold_headings` from the <strong> and <b> elements of the node: those that are the only
    child element of a <p> (CSS "p > strong:only-child, p > b:only-child")."""
    found: set[int] = set()
    for bold in bolds:
        paragraph = bold.parent
        if paragraph is None or paragraph.tag_id != _P_ID or not _only_child(bold):
            continue
        text = " ".join(paragraph.text().split())
        short = 0 < len(text) <= BOLD_HEADING_MAX and not text.endswith(_SENTENCE_END)
        if short and len(" ".join(bold.text().split())) == len(text):
            found.add(paragraph.mem_id)
    return found


def _only_child(element: Node) -> bool:
    """CSS :only-child: no element before or after it (text and comments do not count)."""
    sibling = element.prev
    while sibling is not None:
        if sibling.is_element_node:
            return False
        sibling = sibling.prev
    sibling = element.next
    while sibling is not None:
        if sibling.is_element_node:
            return False
        sibling = sibling.next
    return True


def _split(text: str) -> list[Block]:
    """Blocks from marked text. A stack of open elements gives each line its kind: the
    innermost non-paragraph kind around it (a <p> inside <blockquote> is a quote line).

    Most pieces are the whitespace between two block elements: one strip tells them apart.
    The blocks are validated in one pydantic call (`_BLOCKS`), not one model at a time.
    """
    found: list[dict[str, str]] = []
    stack: list[str] = ["paragraph"]
    limit = MAX_BLOCKS * 3  # a block takes up to three markers (start, end, <br>)
    pieces = text.split(MARK, limit)
    if len(pieces) > limit:
        pieces.pop()  # the unsplit remainder of a huge page
    for piece in pieces:
        code = piece[:1]
        opened = _KIND_OF_CODE.get(code)
        if opened is not None:
            stack.append(stack[-1] if opened == "paragraph" else opened)
            line = piece[1:].strip()
        elif code == END:
            if len(stack) > 1:
                stack.pop()
            line = piece[1:].strip()
        else:
            line = piece.strip()
        if not line:
            continue  # the common case: the gap between two block elements
        if not line.isprintable() or "  " in line:
            line = _joined(line)  # `_one_line` of a line with other whitespace inside
        line = line.strip(" |")
        if line:
            found.append({"kind": stack[-1], "text": line})
    return _BLOCKS.validate_python(found)


def _one_line(piece: str) -> str:
    """The piece's words joined by single spaces (`" ".join(piece.split())`), with no space
    for a line break between two Chinese characters.

    Most pieces are one line with single spaces inside: stripping them is enough. A piece
    whose stripped text is printable holds no whitespace but spaces (the others are
    "Other" or "Separator" characters), so its line breaks were at its ends, where
    `_CJK_BREAK` changes nothing the split would keep.
    """
    line = piece.strip()
    if line.isprintable() and "  " not in line:
        return line
    return _joined(line)


def _joined(line: str) -> str:
    """`_one_line` of a stripped line that holds more than single spaces."""
    if "\n" in line and not line.isascii() and _CJK_BREAK.search(line):
        line = _CJK_BREAK.sub("", line)
    return " ".join(line.split())


def images_of(nodes: list[Node], *, url: str | None) -> dict[str, Image]:
    """The content's images with their captions, read before pruning, each <img> marked.

    Captions sit in boxes that pruning removes (WordPress "wp-caption-text"), so they are
    read first; `kept_images` then keeps the images whose <img> survived the pruning.
    """
    images: dict[str, Image] = {}
    for node in nodes:
        for img in node.css("img"):
            image = _image(img, url=url)
            if image is not None:
                key = str(len(images))
                img.attrs[IMAGE_MARK] = key
                images[key] = image
    return images


def lead_images(first: Node, *, url: str | None) -> list[Image]:
    """The lead photo shown just before the article text, outside the content node: the
    <figure> of a WordPress "post-thumbnail" (wp-local-news.html) or AP's "Page-lead"
    (wire-ap.html). Only a <figure> between the headline and the text counts: the walk goes
    back over at most `LEAD_SIBLINGS` siblings on `LEAD_LEVELS` levels, and stops at a
    headline, at running text or at page furniture; boilerplate-named boxes are skipped."""
    current: Node | None = first
    for _ in range(LEAD_LEVELS):
        if current is None or current.tag_id in _PAGE_IDS:
            return []
        sibling = current.prev
        seen = steps = 0
        while sibling is not None and seen < LEAD_SIBLINGS and steps < LEAD_STEPS:
            steps += 1  # text and comment nodes count here: 100,000 comments are a short walk
            if sibling.tag and sibling.tag[0].isalpha():
                seen += 1
                stop, imgs = _lead_figure(sibling)
                if imgs:
                    return [image for img in imgs if (image := _image(img, url=url)) is not None]
                if stop:
                    return []
            sibling = sibling.prev
        current = current.parent
    return []


def _lead_figure(sibling: Node) -> tuple[bool, list[Node]]:
    """Whether the walk stops at this sibling, and the <img>s of its lead <figure>."""
    if sibling.tag in LEAD_STOP_TAGS:
        return True, []
    # One subtree search: the first headline or figure inside, in document order.
    first = sibling if sibling.tag == "figure" else sibling.css_first(_LEAD_SELECTOR)
    if first is not None and (first.tag == "h1" or sibling.css_first("h1") is not None):
        return True, []
    if is_boilerplate_box(sibling):
        return False, []
    figure = first
    if figure is None:
        return chars(sibling.text()) > LEAD_TEXT_MAX, []
    caption = figure.css_first("figcaption")
    own_text = chars(sibling.text()) - (chars(caption.text()) if caption is not None else 0)
    if own_text > LEAD_TEXT_MAX or is_boilerplate_box(figure):
        return True, []
    return True, figure.css("img")[:LEAD_MAX_IMAGES]


def kept_images(nodes: list[Node], images: dict[str, Image]) -> list[Image]:
    """The marked images still in the content, once each, in document order."""
    if not images:
        return []  # nothing was marked: no search
    kept: list[Image] = []
    seen: set[str] = set()
    for node in nodes:
        for img in node.css(f"img[{IMAGE_MARK}]"):
            image = images.get(img.attributes.get(IMAGE_MARK) or "")
            if image is not None and image.url not in seen:
                seen.add(image.url)
                kept.append(image)
    return kept


def _image(img: Node, *, url: str | None) -> Image | None:
    attrs = img.attributes
    src = ""
    for name in _IMAGE_SRC_ATTRS:  # the first one that is not blank
        value = attrs.get(name)
        if value and (src := value.strip()):
            break
    if not src:
        srcset = (attrs.get("srcset") or attrs.get("data-srcset") or "").split()
        src = srcset[0].rstrip(",") if srcset else ""
    lowered = src.lower()
    if not src or lowered.startswith(_SKIP_IMAGE) or _SKIP_IMAGE_WORD.search(lowered) is not None:
        return None
    for size in (attrs.get("width"), attrs.get("height")):
        if size and size.strip().isdigit() and int(size) < 50:
            return None
    try:
        absolute = join_url(url or "", src)
    except ValueError:  # "http://[bad": an unparsable URL is not an image we can point to
        return None
    alt = " ".join((attrs.get("alt") or "").split()) or None
    return Image(url=absolute, alt=alt, caption=caption_of(img))


def caption_of(img: Node) -> str | None:
    """The image's caption: the <figcaption> of its <figure>, else a caption-named box next
    to it (WordPress: <div class="wp-caption"><img><p class="wp-caption-text">)."""
    parent = img.parent
    for level in range(_CAPTION_WALK):
        if parent is None or parent.tag_id in _PAGE_IDS:
            return None
        if parent.tag_id == _FIGURE_ID:
            return _text_of(parent.css_first("figcaption"))
        if level < _CAPTION_BOX_WALK:
            for box in parent.css(_CAPTION_SELECTOR):
                if box.mem_id != parent.mem_id and box.css_first("img") is None:
                    return _text_of(box)
        parent = parent.parent
    return None


def _text_of(node: Node | None) -> str | None:
    return " ".join(node.text().split()) or None if node is not None else None
