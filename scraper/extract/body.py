"""The article body: blocks of text and the article's own images.

STUB laid by the skeleton; the body work (issue 2) replaces `extract_body`, keeping its
signature and the `Body` shape. It runs after metadata and related links and may prune
the tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas import Block, Image
from scraper.dom import Tree


@dataclass(frozen=True)
class Body:
    """The body as blocks, the article's images, and which rule found the content node."""

    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    source: str = "none"


def extract_body(tree: Tree, *, url: str | None, title: str | None) -> Body:
    """The article text of the page as blocks."""
    blocks = []
    for node in tree.css("p"):
        text = node.text(separator=" ", strip=True)
        if text:
            blocks.append(Block(kind="paragraph", text=text))
    return Body(blocks=blocks, source="stub:p")
