"""Reading a figure in English: `more than 1,200 hours`, `$2.5 million`, `10-12`, `two-thirds`.

A currency or hedge before the number; a multiplier, range, unit and `or more` after it.
The common case (`1,200 volunteers`) takes a short path.
"""

from __future__ import annotations

import re
from decimal import Decimal

from scraper.facts import tables as t
from scraper.facts.guard import Guard
from scraper.facts.numerals import parse_arabic, parse_english, parse_english_fraction, scaled
from scraper.facts.scanner import (
    EN_UNIT,
    EN_UNIT_TABLE,
    SCANNER,
    RawFigure,
    alt,
    currency_before,
    make,
)

# the pattern texts are shared with `plain_en`, which composes them into one pattern
SCALE_PATTERN = rf"[ -](?P<s>{alt(t.EN_SCALES)})\b"
_EN_SCALE = re.compile(SCALE_PATTERN)


MONEY_SCALE_PATTERN = rf"\s?(?P<ms>{alt(t.EN_MONEY_SCALES)})\b"
_EN_MONEY_SCALE = re.compile(MONEY_SCALE_PATTERN)


POST_PATTERN = r"(?:\s+or more\b|-?plus\b|\+(?![\dA-Za-z])|\s+or so\b)"
_EN_POST = re.compile(POST_PATTERN)


RANGE_PATTERN = r"\s*(?:to|-|–|—|and)\s*"
_EN_RANGE = re.compile(RANGE_PATTERN)


_EN_PRE = tuple(sorted(t.EN_PRE_HEDGES.items(), key=lambda kv: -len(kv[0])))


# first words that can continue a number: units, currencies, scales, range joiners, hedges
_EN_TAIL_WORDS = frozenset(
    w.split(" ")[0] for w in (*t.EN_UNITS, *t.EN_CURRENCIES, *t.EN_SCALES, *t.EN_MONEY_SCALES,
                              *t.EN_POST_HEDGES, "to", "and", "or", "plus", "per")
)


# words after a number that an exclusion pattern needs to see (12 comments, 4 min read, 7 am)
_AFTER_WORDS = frozenset(("comment", "comments", "share", "shares", "like", "likes", "replies",
                          "views", "min", "mins", "minute", "minutes", "am", "pm", "a", "p"))


_EN_PRE_LAST = frozenset(word.rpartition(" ")[2] for word in t.EN_PRE_HEDGES)


# The hedges a window ending in `last + " "` may end with, in `_EN_PRE`'s order (longest
# first): a hedge ends the window only if its last word ends the window's last word. About
# three `endswith` per hedged number instead of twenty-five.
_EN_PRE_BY_LAST: dict[str, tuple[tuple[str, str, t.Qualifier], ...]] = {
    last: tuple((word + " ", word, qualifier) for word, qualifier in _EN_PRE
                if last.endswith(word.rpartition(" ")[2]))
    for last in _EN_PRE_LAST
}


_BETWEEN = re.compile(r"(?i:\bbetween\s+)$")


_FROM = re.compile(r"(?i:\bfrom\s+)$")


_NOT_NAME_WORDS = frozenset(
    (
        "In", "Since", "By", "About", "Over", "Nearly", "Almost", "Some", "Around", "More",
        "Up", "Under", "At", "Roughly", "Approximately", "Just", "With", "For", "Of", "And",
        "The", "Only", "All", "Another", "Every", "Each", "Than", "To", "On", "January",
        "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    )
)


_GLUED_AFTER = re.compile(r"[A-Za-z]|\+[\dA-Za-z]")


def en_hedge_before(text: str, start: int) -> tuple[int, t.Qualifier] | None:
    """`more than 1,200`: an English hedge ending in a space right before `start`."""
    if not start or text[start - 1] != " ":
        return None  # the common case, decided before any slice
    window = text[max(0, start - 20) : start].lower()
    words = window.split()
    hedges = _EN_PRE_BY_LAST.get(words[-1]) if words and window.endswith(" ") else None
    if hedges is None:
        return None
    for spaced, word, qualifier in hedges:
        at = len(window) - len(spaced)
        if at >= 0 and window.endswith(spaced):
            before = text[start - len(window) + at - 1 : start - len(window) + at] if at or start > 20 else ""
            if not before.isalpha():
                return start - len(word) - 1, qualifier
    return None


def name_before(text: str, start: int) -> bool:
    """`Route 66`, `Windows 11`: a capitalised word (not opening a sentence) right before."""
    if not start or text[start - 1] != " ":
        return False
    window = text[max(0, start - 30) : start]
    head, _, last = window.rstrip().rpartition(" ")
    if not (last.isalpha() and last[0].isupper() and last[1:].islower()) or last in _NOT_NAME_WORDS:
        return False
    head = head.rstrip()
    return bool(head) and head[-1] not in ".!?\n“\":;(—"


def read_arabic_en(text: str, m: re.Match[str], value: Decimal, guard: Guard) -> RawFigure | None:
    start, end = m.start(), m.end()
    prefix = currency_before(text, start)
    if _GLUED_AFTER.match(text, end) and not EN_UNIT.match(text, end) and not (
        prefix and _EN_MONEY_SCALE.match(text, end)
    ):
        return None  # 5G, 4S, MP3
    currency: str | None = None
    if prefix:
        start, currency = prefix
    elif name_before(text, start):
        return None  # Route 66, Studio 54, Ward 3
    elif _plain_after(text, end):
        # the common case (`1,200 volunteers`): no scale, unit, range or hedge after it
        if _looks_like_year(value, text, m):
            return None
        pre = en_hedge_before(text, start)
        if pre:
            start, hedge = pre
            return make(text, start, end, value, None, None, "count", hedge, None)
        return make(text, start, end, value, None, None, "count", "exact", None)
    value_max: Decimal | None = None
    value, end = _en_scale(text, end, value, money=currency is not None)
    qualifier: t.Qualifier = "exact"
    # ranges: between 3 and 5, 10-12, 3 to 5
    joiner = _EN_RANGE.match(text, end)
    between = None
    if joiner and joiner.group().strip() == "and":
        between = _BETWEEN.search(text, max(0, start - 9), start)
    if joiner and (between or joiner.group().strip() != "and"):
        second = SCANNER.match(text, joiner.end() + (1 if text.startswith("$", joiner.end()) else 0))
        if second and second.group("ar") and not guard.blocks(second.start()):
            high = parse_arabic(second.group("ar"))
            if high is not None:
                high, end2 = _en_scale(text, second.end(), high, money=currency is not None)
                if high > value:
                    value_max, qualifier, end = high, "range", end2
                    opener = between or _FROM.search(text, max(0, start - 6), start)
                    if opener:
                        start = opener.start()
    unit_text: str | None = None
    measure: t.MeasureName = "money" if currency else "count"
    unit = EN_UNIT.match(text, end)
    if unit and not (unit.group("u") in t.EN_CURRENCIES and currency):
        unit_text = unit.group("u")
        u_measure, u_currency = EN_UNIT_TABLE[unit_text]
        if u_currency is not None:
            currency, measure = u_currency, "money"
        elif currency is None:
            measure = u_measure
        end = unit.end()
    elif unit:
        end = unit.end()
    if qualifier != "range":
        post = _EN_POST.match(text, end)
        if post:
            qualifier, end = "at_least", post.end()
            if post.group().strip() == "or so":
                qualifier = "approx"
        pre = en_hedge_before(text, start)
        if pre and qualifier == "exact":
            start, qualifier = pre
    if measure == "count" and unit_text is None and _looks_like_year(value, text, m):
        return None
    return make(text, start, end, value, value_max, unit_text, measure, qualifier, currency)


def tail_word(word: str) -> bool:
    """Whether a lowercase word after a number can continue it or an exclusion needs it."""
    return word in _EN_TAIL_WORDS or word in _AFTER_WORDS


def _plain_after(text: str, end: int) -> bool:
    """Nothing after the number can change it: punctuation, or a word that is no unit or joiner."""
    nxt = text[end : end + 1]
    if nxt in ("", "\n", ",", ";", ")", "”", "\""):
        return not text.startswith(",000", end)
    if nxt != " ":
        return False
    word = text[end + 1 : end + 20].split(" ", 1)[0].rstrip(",.;:")
    return word.isalpha() and word.islower() and word not in _EN_TAIL_WORDS and word not in _AFTER_WORDS


def _en_scale(text: str, pos: int, value: Decimal, *, money: bool) -> tuple[Decimal, int]:
    scale = _EN_SCALE.match(text, pos)
    if scale:
        return scaled(value, scale.group("s")), scale.end()
    if money:
        short = _EN_MONEY_SCALE.match(text, pos)
        if short:
            return scaled(value, short.group("ms")), short.end()
    return value, pos


def _looks_like_year(value: Decimal, text: str, m: re.Match[str]) -> bool:
    raw = m.group("ar")
    return len(raw) == 4 and raw.isdigit() and 1900 <= value <= 2100


def read_english_words(text: str, m: re.Match[str]) -> RawFigure | None:
    start, end = m.start(), m.end()
    words = m.group()
    if m.group("enfrac"):
        value = parse_english_fraction(words)
        if value is None:
            return None
        return make(text, start, end, value, None, None, "fraction", "exact", None)
    lowered = words.lower()
    if lowered in ("a", "one") or (lowered.startswith("a ") and "dozen" not in lowered):
        return None
    if lowered.startswith("one") and not any(s in lowered for s in t.EN_SCALES):
        return None
    parsed = parse_english(words)
    if parsed is None:
        return None
    nxt = text[end : end + 1]
    if nxt == "-" or (nxt and nxt not in " ,.;:)"):
        return None  # two-way, three-year-old
    unit_text: str | None = None
    measure: t.MeasureName = "count"
    unit = EN_UNIT.match(text, end)
    if unit and unit.group().startswith(" "):
        unit_text = unit.group("u")
        measure, currency = EN_UNIT_TABLE[unit_text]
        if currency is not None:
            return make(text, start, unit.end(), parsed, None, unit_text, "money", "exact", currency)
        end = unit.end()
    qualifier: t.Qualifier = "exact"
    pre = en_hedge_before(text, start)
    if pre:
        start, qualifier = pre
    return make(text, start, end, parsed, None, unit_text, measure, qualifier, None)
