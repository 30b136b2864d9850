"""The body as lines with offsets and kinds; headings; the passage under each heading.

The body is the blocks joined by "\\n". When the blocks line up with the lines their kinds
are used; otherwise (a body without blocks) a short line without closing punctuation is a
heading (the seed's `新闻多一点` and its five passage titles).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from schemas import Block

TABLE_SEPARATORS = (" | ", "\t")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLOSING = "。！？；：，.!?;:,、”\"）)"


class Line(NamedTuple):
    """One line of the body: its text, offsets and block kind."""

    number: int
    start: int
    end: int
    text: str
    kind: str

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"

    @property
    def cells(self) -> list[str]:
        """The cells of a table row (`A | B | C` or tab-separated), else the whole line."""
        return [text for text, _, _ in self.cell_spans] or [self.text]

    @property
    def cell_spans(self) -> list[tuple[str, int, int]]:
        """The cells of a table row, each stripped, with its offsets in the body; [] for a
        line that is no table row."""
        separator = next((sep for sep in TABLE_SEPARATORS if sep in self.text), None)
        if separator is None:
            return []
        spans: list[tuple[str, int, int]] = []
        at = self.start
        for piece in self.text.split(separator):
            text = piece.strip()
            first = at + len(piece) - len(piece.lstrip())
            spans.append((text, first, first + len(text)))
            at += len(piece) + len(separator)
        return spans


def split_lines(body: str, blocks: list[Block]) -> list[Line]:
    """The body's lines with offsets; kinds from `blocks` when they line up, else guessed."""
    texts = body.split("\n")
    aligned = len(blocks) == len(texts) and [b.text for b in blocks] == texts
    # a line holds a separator only if the body does: most bodies are scanned once, not by line
    separated = any(sep in body for sep in TABLE_SEPARATORS)
    lines: list[Line] = []
    offset = 0
    for index, text in enumerate(texts):
        kind = blocks[index].kind if aligned else "paragraph"
        if kind == "paragraph":
            if separated and any(sep in text for sep in TABLE_SEPARATORS):
                kind = "table_row"
            elif _looks_like_heading(text, texts, index):
                kind = "heading"
        lines.append(Line(index, offset, offset + len(text), text, kind))
        offset += len(text) + 1
    return lines


def _looks_like_heading(text: str, texts: list[str], index: int) -> bool:
    stripped = text.strip()
    if not stripped or index + 1 >= len(texts) or stripped[-1] in _CLOSING:
        return False
    if _CJK.search(stripped):
        return len(stripped) <= 40 and "，" not in stripped and "。" not in stripped
    return len(stripped.split()) <= 10 and ". " not in stripped and ", " not in stripped


def passage_after(lines: list[Line], heading: Line) -> list[Line]:
    """The lines under `heading` up to the next heading."""
    out: list[Line] = []
    for line in lines[heading.number + 1 :]:
        if line.is_heading:
            break
        if line.text.strip():
            out.append(line)
    return out


def line_at(lines: list[Line], offset: int) -> Line:
    """The line that holds character `offset` (lines are few; a scan is fine)."""
    for line in lines:
        if line.start <= offset <= line.end:
            return line
    return lines[-1]
