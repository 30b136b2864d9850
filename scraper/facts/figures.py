"""Figures: every quantity stated in a text, with its exact span, value, unit and qualifier.

`find_figures` walks the positions where a numeral may start, reads each with the Chinese or
English reader (by the characters around it), and keeps those no exclusion covers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scraper.facts.chinese import read_arabic_zh, read_chinese, read_zh_fraction
from scraper.facts.english import read_arabic_en, read_english_words
from scraper.facts.guard import AFTER, Guard
from scraper.facts.numerals import parse_arabic
from scraper.facts.plain_en import Undecided, read_plain_en
from scraper.facts.scanner import (
    EN_UNIT,
    SCANNER,
    ZH_UNIT,
    RawFigure,
    after_ordinal,
    candidates,
    currency_before,
    is_cjk,
)

__all__ = ["RawFigure", "find_figures"]


# 1+3+N, G20, COVID-19, 5G: numerals glued to letters or plus signs.
_GLUED_BEFORE = re.compile(r"(?:[A-Za-z]-?|\+|\d\.)$")


def find_figures(text: str, *, protected: Iterable[tuple[int, int]] = ()) -> list[RawFigure]:
    """Every figure in `text`, in order, none inside a quotation, protected span or exclusion."""
    starts = candidates(text)
    if not starts:
        return []
    guard = Guard.build(text, protected)
    figures: list[RawFigure] = []
    last_end = 0
    for pos in starts:
        if pos < last_end:
            continue
        m = SCANNER.match(text, pos)
        if m is None or m.end() <= pos:
            continue
        figure, until = _reading(text, m, guard)
        if figure is None:
            after = AFTER.match(text, pos)  # 2023-24: skip the rest of a date or identifier
            last_end = after.end() if after else last_end
            continue
        if until > pos:
            last_end = max(until, m.end())  # 0574-87654321: the whole identifier
        else:
            figures.append(figure)
            last_end = figure.end
    return figures


def _reading(text: str, m: re.Match[str], guard: Guard) -> tuple[RawFigure | None, int]:
    """The figure read at `m` and the end of the exclusion covering its numeral (its start when none).

    Most English Arabic numerals are read by `read_plain_en`, which also hands the guard the
    token before the numeral (its label look-behind then costs a set lookup).
    """
    pos = m.start()
    plain = read_plain_en(text, m) if m.lastgroup == "ar" else Undecided.UNDECIDED
    if plain is Undecided.UNDECIDED:
        figure = _read(text, m, guard)
        return figure, guard.until(pos) if figure is not None else pos
    if plain is None:
        return None, pos
    if plain.before is None:
        return plain.figure, guard.until(pos)
    return plain.figure, guard.until_after(pos, plain.before)


def _read(text: str, m: re.Match[str], guard: Guard) -> RawFigure | None:
    # each alternative of SCANNER is one outer group that closes last: `lastgroup` names it
    kind = m.lastgroup
    if kind == "ar":
        return _arabic(text, m, guard)
    if kind == "frac":
        return read_zh_fraction(text, m)
    if kind == "cn":
        return read_chinese(text, m)
    return read_english_words(text, m)


def _arabic(text: str, m: re.Match[str], guard: Guard) -> RawFigure | None:
    raw = m.group("ar")
    value = parse_arabic(raw)
    if value is None or (len(raw) > 1 and raw[0] == "0" and raw[1] != "."):
        return None  # 00960.HK, 08时: codes and clock times
    start, end = m.span()
    before = text[max(0, start - 2) : start]
    if _GLUED_BEFORE.search(before) or after_ordinal(text, start):
        return None
    nxt = text[end : end + 1]
    prev = text[start - 1 : start] if start else ""
    if nxt == "、" or (nxt in (".", ")", "．") and (start == 0 or prev == "\n")):
        return None  # enumerators: 3、回复…, 1. Kyle Busch
    if nxt == " " and _after_chinese(text, start):
        if ZH_UNIT.match(text, end + 1):
            return read_arabic_zh(text, m, value, end + 1)  # 售价 999 美元
        if not EN_UNIT.match(text, end) and not currency_before(text, start):
            return None  # 骁龙 855 Plus, 麒麟990 5G: model numbers
    if is_cjk(nxt) or (nxt and not nxt.isascii() and nxt not in "–—"):
        return read_arabic_zh(text, m, value)
    if nxt == "%" and not is_cjk(prev):
        return read_arabic_en(text, m, value, guard)
    if (is_cjk(prev) or prev in "，、：；（“") and not nxt.isalpha() and nxt != " ":
        return read_arabic_zh(text, m, value)
    return read_arabic_en(text, m, value, guard)


def _after_chinese(text: str, start: int) -> bool:
    at = start - 1
    while at >= 0 and text[at] == " ":
        at -= 1
    return at >= 0 and (is_cjk(text[at]) or text[at] in "，、：；（“”。")
