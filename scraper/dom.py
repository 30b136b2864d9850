"""The DOM layer: the only module that imports selectolax (Lexbor backend).

Text goes in, decoded first (`scraper.decode`): selectolax assumes UTF-8 bytes. The one
exception is bytes that `decode` vouches for (`Decoded.utf8`: exactly the UTF-8 encoding
of the text), which selectolax takes as they are, the same tree without re-encoding the
text. Extraction modules use the `Node` and `Tree` aliases from here.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

Tree = LexborHTMLParser
Node = LexborNode


def parse(text: str | bytes) -> Tree:
    """Parse HTML text (or its UTF-8 bytes, `Decoded.utf8`) into a tree. Lexbor never raises
    on malformed markup."""
    return LexborHTMLParser(text)


__all__ = ["Node", "Tree", "parse"]
