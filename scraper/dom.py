"""The DOM layer: the only module that imports selectolax (Lexbor backend).

Text goes in, never bytes: selectolax assumes UTF-8, so decoding happens first
(`scraper.decode`). Extraction modules use the `Node` and `Tree` aliases from here.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

Tree = LexborHTMLParser
Node = LexborNode


def parse(text: str) -> Tree:
    """Parse HTML text into a tree. Lexbor never raises on malformed markup."""
    return LexborHTMLParser(text)


__all__ = ["Node", "Tree", "parse"]
