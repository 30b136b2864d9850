"""The common English Arabic figure, read by two C-level pattern matches.

`figures._arabic` and `english.read_arabic_en` decide an Arabic numeral with about forty
small Python checks (slices, `endswith`, short pattern matches): glued letters, ordinals,
enumerators, Chinese context, currency, names, hedges, plain word after, scale, range,
unit, `or more`. For most numerals of an English text the answer is the plain one: a
lowercase word (no hedge) or `(` before it; punctuation, a lowercase word, a scale, a unit
or `or more` after it. `read_plain_en` tells those apart with one search of a short window
before the numeral and one match after it, whose named groups Python only interprets, and
answers `UNDECIDED` for anything else (the detailed path then runs as before). Every
pattern is composed from the same tables and pattern texts as the detailed path;
`tests/test_plain_en.py` runs both paths side by side on generated text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import Enum
from typing import NamedTuple

from scraper.facts import tables as t
from scraper.facts.english import (
    MONEY_SCALE_PATTERN,
    POST_PATTERN,
    RANGE_PATTERN,
    SCALE_PATTERN,
    en_hedge_before,
    name_before,
    tail_word,
)
from scraper.facts.numerals import parse_arabic, scaled
from scraper.facts.scanner import EN_UNIT, EN_UNIT_PATTERN, EN_UNIT_TABLE, RawFigure, currency_before, make


class Undecided(Enum):
    """The fast patterns do not decide this numeral: run the detailed path."""

    UNDECIDED = "undecided"


UNDECIDED = Undecided.UNDECIDED


class Plain(NamedTuple):
    """A figure read by the fast patterns, and what it learned before the numeral."""

    figure: RawFigure
    # the token before the numeral's one space; "" when `(` or a currency mark is glued to it;
    # None after a line break (the guard then looks further back itself)
    before: str | None


# The whitespace-delimited token (at most 15 characters) right before the numeral's one
# space, searched on the 17 characters before it: the detailed path's look-behinds (hedge,
# currency, name, ordinal, Chinese context) all end in it.
_TOKEN_BEFORE = re.compile(r"(?:^|\s)(?P<tok>\S{1,15}) \Z")


# The last word of every English hedge (`more than`): the token that may end one.
_HEDGE_LAST = frozenset(hedge.rpartition(" ")[2] for hedge in t.EN_PRE_HEDGES)


# A token ending in one of these may end a currency written before the number.
_SYMBOLS = tuple(t.PREFIX_CURRENCIES)


# Marks right before a numeral that no look-behind of the detailed path reads (no currency,
# hedge, name, ordinal or label ends in one): the numeral reads as after a space would
# with no word before it.
_BARE_MARKS = frozenset(("(", "[", "/", "-", "–", "—", "−"))


# What may stand right before a numeral the fast path reads: a space (then a token), a line
# break, a bare mark, or a one-character currency symbol (`$5`, `€20`).
_PREV_MARKS = frozenset(
    (" ", "\n", *_BARE_MARKS, *(symbol for symbol in t.PREFIX_CURRENCIES if len(symbol) == 1))
)


# What follows the numeral, as `english._plain_after` and the glued check see it (ASCII
# only, and `–`/`—`; anything else goes to the detailed path):
# - `plain`: a closing mark or the text end (`,000` continues the number; `”` is not
#   ASCII: the Chinese reader's);
# - `tok`: a space and a token of at most 18 lowercase letters and marks, ending at a space
#   or the text end: plain when it is a word (marks only at its end) that no unit, scale,
#   joiner or exclusion starts with;
# - `glued`: a letter or `+1` glued to the number (5G, 4S, MP3);
# - `range`: a dash and a number (10-12): the detailed path reads ranges;
# - `other`: no plain word can follow (a digit, capital, mark or second space after the
#   space; a mark other than a letter, `+1`, `+a` right after the numeral).
_AFTER = re.compile(
    r"""
      (?P<plain>[\n;)"]|,(?!000)|\Z)
    | \ (?P<tok>[a-z,.;:]{1,18})(?=\ |\Z)
    | (?P<glued>[A-Za-z]|\+[\dA-Za-z])
    | (?P<range>[-–—]\$?\d)
    | (?P<other>\ [\x00-\x60\x7b-\x7f]|\ [a-z,.;:]{0,17}[\x00-\x1f!-+\-/-9<-`{-\x7f]
               |[\x00-\x1f!-*,-@\[-`{-\x7f]|\+|[–—])
    """,
    re.VERBOSE,
)


# The detailed path's tail in one match. Each part is optional and nothing after it can
# fail, so each group is what its own pattern matches at that point: a scale (`2.5
# million`; `$2m` after a currency), whether a range joiner follows and a number after it
# (a lookahead: the unit is tried at the same place), a unit, `or more`.
_JOINER = rf"(?:(?=(?P<j>{RANGE_PATTERN})(?P<jd>\$?\d)?))?"
_TAIL = re.compile(rf"(?:{SCALE_PATTERN})?{_JOINER}(?:{EN_UNIT_PATTERN})?(?P<post>{POST_PATTERN})?")
_MONEY_TAIL = re.compile(
    rf"(?:{SCALE_PATTERN}|{MONEY_SCALE_PATTERN})?{_JOINER}(?:{EN_UNIT_PATTERN})?(?P<post>{POST_PATTERN})?"
)


def read_plain_en(text: str, m: re.Match[str]) -> Plain | Undecided | None:
    """What `figures._arabic` reads for the Arabic numeral `m`, or UNDECIDED."""
    start, end = m.span()
    raw = m.group("ar")
    if raw[0] == "0" and len(raw) > 1 and raw[1] != ".":
        return None  # 00960.HK, 08时: codes and clock times
    if not start:
        return UNDECIDED  # 1. Kyle Busch: an enumerator
    prev = text[start - 1]
    if prev == "+" or (prev.isascii() and prev.isalpha()) or (
            prev == "-" and text[start - 2 : start - 1].isascii() and text[start - 2 : start - 1].isalpha()):
        return None  # 1+3, G20, MP3, COVID-19: glued to letters or a plus sign
    if prev not in _PREV_MARKS:
        return UNDECIDED  # COVID-19, 2/3, 第5: the detailed path's look-behinds
    after = _AFTER.match(text, end)  # the cheaper test first: it leaves ranges early
    if after is None:
        return UNDECIDED
    kind = after.lastgroup
    if kind == "range":
        return UNDECIDED  # 10-12: the second number decides
    tok: str | None = ""
    prefix: tuple[int, str] | None = None
    hedged = False  # whether a hedge may end before the number (or its currency)
    named = False  # whether a capitalised word before it may make it a name
    if prev == " ":
        before = _TOKEN_BEFORE.search(text, max(0, start - 17), start)
        if before is None:
            return UNDECIDED
        tok = before.group("tok")
        last = tok[-1]
        if not last.isascii() or last == ":" or tok.endswith(t.ZH_ORDINAL_PREFIXES):
            return UNDECIDED  # Chinese context, a colon label, No. 5
        lowered = tok.lower()
        if lowered.endswith("between"):
            return UNDECIDED  # between 3 and 5
        if tok.endswith(_SYMBOLS):
            prefix = currency_before(text, start)
        if prefix is None:
            named = tok[0].isupper() and tok.isalpha()
            hedged = lowered in _HEDGE_LAST
        else:
            hedged = True
    elif prev == "\n":
        glued = text[start - 2 : start - 1]
        if glued == "+" or (glued.isascii() and glued.isalpha()):
            return UNDECIDED  # a\n5: `$` in the glued-letter pattern matches before the line break
        if text[end : end + 1] in (".", ")"):
            return None  # 1. Kyle Busch, 2) ...: an enumerator
        tok = None  # the guard looks behind the line break itself
    elif prev not in _BARE_MARKS:
        prefix = currency_before(text, start)
        if prefix is None:
            return UNDECIDED
        hedged = True
    value = parse_arabic(raw)
    if value is None:
        return UNDECIDED
    if named and name_before(text, start):
        return None  # Route 66, Windows 11 (the reader's answer whatever follows)
    if kind == "glued":
        if prefix is not None or EN_UNIT.match(text, end):
            return UNDECIDED  # $5m, 5km
        return None  # 5G, 4S
    qualifier: t.Qualifier = "exact"
    if prefix is None and (kind == "plain" or (kind == "tok" and _plain_word(after.group("tok")))):
        if _is_year(raw, value):
            return None
        if hedged:
            pre = en_hedge_before(text, start)
            if pre:
                start, qualifier = pre
        return Plain(make(text, start, end, value, None, None, "count", qualifier, None), tok)
    tail = (_TAIL if prefix is None else _MONEY_TAIL).match(text, end)
    if tail is None:  # every part is optional: never
        return UNDECIDED
    if tail.group("jd") is not None and (prefix is not None or tail.group("j").strip() != "and"):
        return UNDECIDED  # 10-12, 3 to 5, $5 to $10: a range when the second number is one
    scale = tail.group("s") or (tail.group("ms") if prefix is not None else None)
    if scale is not None:
        value = scaled(value, scale)
    measure: t.MeasureName = "count"
    currency: str | None = None
    if prefix is not None:
        start, currency = prefix
        measure = "money"
    unit_text = tail.group("u")
    if unit_text is not None:
        if unit_text in t.EN_CURRENCIES and currency:
            unit_text = None  # $5 USD: the currency once
        else:
            u_measure, u_currency = EN_UNIT_TABLE[unit_text]
            if u_currency is not None:
                currency, measure = u_currency, "money"
            elif currency is None:
                measure = u_measure
    post = tail.group("post")
    if post is not None:
        qualifier = "approx" if post.strip() == "or so" else "at_least"
    elif hedged:
        pre = en_hedge_before(text, start)
        if pre:
            start, qualifier = pre
    if measure == "count" and unit_text is None and _is_year(raw, value):
        return None
    return Plain(make(text, start, tail.end(), value, None, unit_text, measure, qualifier, currency), tok)


def _plain_word(tok: str) -> bool:
    """`english._plain_after` for a token of lowercase letters and marks."""
    word = tok.rstrip(",.;:")
    return word.isalpha() and not tail_word(word)


def _is_year(raw: str, value: Decimal) -> bool:
    """`english._looks_like_year`: four digits from 1900 to 2100 (the scaled value counts)."""
    return len(raw) == 4 and raw.isdigit() and 1900 <= value <= 2100
