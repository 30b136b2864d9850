"""Figures: every quantity stated in a text, with its exact span, value, unit and qualifier.

One pass of one pre-compiled scanner finds numerals (Arabic, Chinese, mixed, fractions,
English words); small functions then read the context on either side: a currency or a hedge
word before, multiplier, hedge, unit, range and hedge after. Spans that hold no quantity
(dates, identifiers, quotations, names, page furniture) are masked first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from scraper.facts import tables as t
from scraper.facts.numerals import (
    fraction,
    parse_arabic,
    parse_chinese,
    parse_english,
    parse_english_fraction,
    scaled,
    tidy,
)
from scraper.facts.subjects import subject_of


@dataclass(frozen=True)
class RawFigure:
    """A figure before it is linked to an honouree."""

    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str | None
    measure: t.MeasureName
    qualifier: t.Qualifier
    currency: str | None
    subject: str | None


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_CN = "零〇○一二两三四五六七八九十百千万亿"
_CN_DIGIT = "零〇○一二三四五六七八九"
_EN_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen"
)
_EN_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_EN_ONES = "one|two|three|four|five|six|seven|eight|nine"
_EN_WORD_NUMBER = (
    rf"(?:(?:{_EN_TENS})(?:-(?:{_EN_ONES}))?|{_EN_NUMBER_WORDS}|a|one)"
)
_EN_DENOMS = "halves|half|thirds|third|quarters|quarter|fifths|fifth|tenths|tenth|eighths|eighth"

SCANNER = re.compile(
    rf"(?P<frac>(?P<den>[{_CN}]+|\d+)分之(?P<num>[{_CN}]+(?:点[{_CN_DIGIT}]+)?|\d+(?:\.\d+)?))"
    rf"|(?P<ar>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"|(?P<cn>[{_CN}]+(?:点[{_CN_DIGIT}]+)?)"
    rf"|(?i:(?P<enfrac>\b(?:{_EN_WORD_NUMBER})[- ](?:{_EN_DENOMS})\b))"
    rf"|(?i:(?P<en>\b(?:a\s+dozen|{_EN_WORD_NUMBER}(?:[- ](?:hundred|thousand|million|billion))?)\b))"
)
# Anything that could start a figure: the cheap test before the scan.
QUICK = re.compile(
    rf"[\d{_CN}]|(?i:\b(?:{_EN_NUMBER_WORDS}|{_EN_TENS}|dozen|{_EN_DENOMS})\b)"
)

_ZH_UNIT_TABLE: dict[str, tuple[t.MeasureName, str | None]] = {
    **{w: ("count", None) for w in t.ZH_MEASURE_WORDS},
    **{u: (m, None) for u, m in t.ZH_UNITS.items()},
    **{c: ("money", code) for c, code in t.ZH_CURRENCIES.items()},
}
_ZH_UNIT = re.compile(rf"(?:{_alt(_ZH_UNIT_TABLE)})")
_ZH_SCALE = re.compile(r"千万|百万|万亿|亿|万|千|百")
_ZH_INNER = re.compile(rf"{_alt(t.ZH_INNER_HEDGES)}")
_ZH_POST = re.compile(rf"{_alt(t.ZH_POST_HEDGES)}")
_ZH_RANGE = re.compile(rf"\s*(?:{_alt(t.ZH_RANGE_JOINERS)})\s*")
_ZH_PRE = re.compile(rf"(?:{_alt(t.ZH_PRE_HEDGES)})$")

_EN_UNIT_TABLE: dict[str, tuple[t.MeasureName, str | None]] = {
    **{u: (m, None) for u, m in t.EN_UNITS.items()},
    **{c: ("money", code) for c, code in t.EN_CURRENCIES.items()},
}
_EN_UNIT = re.compile(rf"(?:\s?)(?P<u>{_alt(_EN_UNIT_TABLE)})(?![A-Za-z])")
_EN_SCALE = re.compile(rf"[ -](?P<s>{_alt(t.EN_SCALES)})\b")
_EN_MONEY_SCALE = re.compile(rf"\s?(?P<s>{_alt(t.EN_MONEY_SCALES)})\b")
_EN_POST = re.compile(r"(?:\s+or more\b|-?plus\b|\+(?![\dA-Za-z])|\s+or so\b)")
_EN_RANGE = re.compile(r"\s*(?:to|-|–|—|and)\s*")
_EN_PRE = re.compile(rf"(?i:\b(?:{_alt(t.EN_PRE_HEDGES)})\s+)$")
_PREFIX_CURRENCY = re.compile(rf"(?:{_alt(t.PREFIX_CURRENCIES)})\s?$")
_BETWEEN = re.compile(r"(?i:\bbetween\s+)$")
_FROM = re.compile(r"(?i:\bfrom\s+)$")
_CAPITAL_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+)\s+$")
_NOT_NAME_WORDS = frozenset(
    (
        "In", "Since", "By", "About", "Over", "Nearly", "Almost", "Some", "Around", "More",
        "Up", "Under", "At", "Roughly", "Approximately", "Just", "With", "For", "Of", "And",
        "The", "Only", "All", "Another", "Every", "Each", "Than", "To", "On", "January",
        "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    )
)

_MASKS = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (*t.ID_PATTERNS, *t.DATE_PATTERNS, *t.ZH_FURNITURE, *t.EN_FURNITURE,
                  *t.EN_ORDINAL_PATTERNS, _alt(t.ZH_NOT_FIGURES))
    )
)
# Quotations and titles: “…”, 《…》, 「…」, "…" within one line.
_QUOTES = re.compile(r"“[^”\n]{0,120}”|《[^》\n]{0,80}》|「[^」\n]{0,80}」|\"[^\"\n]{0,120}\"")
# 1+3+N, G20, COVID-19, 5G: numerals glued to letters or plus signs.
_GLUED_BEFORE = re.compile(r"(?:[A-Za-z]-?|\+|\d\.)$")
_GLUED_AFTER = re.compile(r"[A-Za-z]|\+[\dA-Za-z]")


def masked_spans(text: str, protected: Iterable[tuple[int, int]] = ()) -> bytearray:
    """A byte per character: 1 where no figure may start (dates, IDs, quotes, names)."""
    mask = bytearray(len(text))
    for pattern in (_MASKS, _QUOTES):
        for m in pattern.finditer(text):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for start, end in protected:
        mask[start:end] = b"\x01" * (end - start)
    return mask


def find_figures(text: str, *, protected: Iterable[tuple[int, int]] = ()) -> list[RawFigure]:
    """Every figure in `text`, in order, none inside a masked or protected span."""
    if not QUICK.search(text):
        return []
    mask = masked_spans(text, protected)
    figures: list[RawFigure] = []
    last_end = 0
    for m in SCANNER.finditer(text):
        if m.start() < last_end or mask[m.start()]:
            continue
        figure = _read(text, m, mask)
        if figure is not None:
            figures.append(figure)
            last_end = figure.end
    return figures


def _read(text: str, m: re.Match[str], mask: bytearray) -> RawFigure | None:
    if m.group("frac"):
        return _zh_fraction(text, m)
    if m.group("enfrac") or m.group("en"):
        return _english_words(text, m)
    if m.group("cn"):
        return _chinese(text, m)
    return _arabic(text, m, mask)


def _zh_fraction(text: str, m: re.Match[str]) -> RawFigure | None:
    den_text, num_text = m.group("den"), m.group("num")
    den = parse_arabic(den_text) if den_text.isdigit() else parse_chinese(den_text)
    num = parse_arabic(num_text) if num_text[0].isdigit() else parse_chinese(num_text)
    if den is None or num is None or den == 0:
        return None
    end = m.end()
    qualifier: t.Qualifier = "exact"
    post = _ZH_POST.match(text, end)
    if post:
        qualifier, end = t.ZH_POST_HEDGES[post.group()], post.end()
    start, qualifier = _zh_pre(text, m.start(), qualifier)
    if den == 100:
        return _make(text, start, end, num, None, "百分之", "percent", qualifier, None)
    value = fraction(num, den)
    if value is None:
        return None
    return _make(text, start, end, value, None, None, "fraction", qualifier, None)


def _zh_pre(text: str, start: int, qualifier: t.Qualifier) -> tuple[int, t.Qualifier]:
    pre = _ZH_PRE.search(text, max(0, start - 3), start)
    if pre is None:
        return start, qualifier
    word = pre.group()
    if word == "超" and text.startswith("超过", start - 1):
        return start, qualifier
    hedge = t.ZH_PRE_HEDGES[word]
    return pre.start(), qualifier if qualifier != "exact" or hedge == "exact" else hedge


@dataclass(frozen=True)
class _Tail:
    value: Decimal
    end: int
    qualifier: t.Qualifier
    unit: str | None
    measure: t.MeasureName | None
    currency: str | None


def _zh_tail(text: str, pos: int, value: Decimal) -> _Tail:
    """After a number: 余/多, 万/亿, 余/多, unit, 左右/以上, in the two orders news uses."""
    qualifier: t.Qualifier = "exact"
    inner = _ZH_INNER.match(text, pos)
    after_inner = inner.end() if inner else pos
    scale = _ZH_SCALE.match(text, after_inner)
    unit_first = _ZH_UNIT.match(text, after_inner) if scale else None
    if unit_first and unit_first.end() >= scale.end():  # type: ignore[union-attr]
        scale = None  # 千克, 千瓦, 千米 are units, not 千 + unit
    if scale:
        value, after_inner = scaled(value, scale.group()), scale.end()
    if inner is None and scale is not None:
        inner = _ZH_INNER.match(text, after_inner)
        if inner:
            after_inner = inner.end()
    unit = _ZH_UNIT.match(text, after_inner)
    if inner is not None and unit is None and scale is None:
        # 多 with nothing countable after it is a word (多元, 多方), not a hedge
        after_inner = inner.start()
        inner = None
    elif inner is not None:
        qualifier = t.ZH_INNER_HEDGES[inner.group()]
    end = after_inner
    unit_text: str | None = None
    measure: t.MeasureName | None = None
    currency: str | None = None
    if unit:
        unit_text, end = unit.group(), unit.end()
        measure, currency = _ZH_UNIT_TABLE[unit_text]
    post = _ZH_POST.match(text, end)
    if post and qualifier == "exact":
        qualifier, end = t.ZH_POST_HEDGES[post.group()], post.end()
    elif post:
        end = post.end()
    return _Tail(value, end, qualifier, unit_text, measure, currency)


def _chinese(text: str, m: re.Match[str]) -> RawFigure | None:
    numeral = m.group("cn")
    if numeral == "一" or (len(numeral) > 1 and all(ch in _CN_DIGIT or ch == "两" for ch in numeral)):
        return None  # 一 as an article (一名志愿者); digit strings are codes or years
    value = parse_chinese(numeral)
    if value is None or _after_ordinal(text, m.start()):
        return None
    tail = _zh_tail(text, m.end(), value)
    ranged = _zh_range(text, m, value, tail)
    if ranged is not None:
        return ranged
    if tail.unit is None:
        return None  # a Chinese numeral needs a unit to be a quantity (五一广场, 四川省)
    if len(tail.unit) == 1 and tail.end < len(text) and text[tail.end] in t.ZH_NAME_TAILS \
            and tail.unit not in "个":
        return None  # 七里河, 三台县: place names
    return _finish_zh(text, m.start(), tail)


def _finish_zh(text: str, start: int, tail: _Tail) -> RawFigure | None:
    start, qualifier = _zh_pre(text, start, tail.qualifier)
    prefix = _PREFIX_CURRENCY.search(text, max(0, start - 4), start)
    currency = tail.currency
    measure = tail.measure or "count"
    if prefix and currency is None and tail.unit is None:
        start, currency, measure = prefix.start(), t.PREFIX_CURRENCIES[prefix.group().strip()], "money"
    return _make(text, start, tail.end, tail.value, None, tail.unit, measure, qualifier, currency)


def _arabic(text: str, m: re.Match[str], mask: bytearray) -> RawFigure | None:
    start, end = m.start(), m.end()
    value = parse_arabic(m.group("ar"))
    if value is None:
        return None
    before = text[max(0, start - 2) : start]
    if _GLUED_BEFORE.search(before) or _after_ordinal(text, start):
        return None
    nxt = text[end : end + 1]
    prev = text[start - 1 : start] if start else ""
    if _is_cjk(nxt) or (nxt and not nxt.isascii() and nxt not in "–—"):
        return _arabic_zh(text, m, value)
    if nxt == "%" and not _is_cjk(prev):
        return _arabic_en(text, m, value, mask)
    if (_is_cjk(prev) or prev in "，、：；（“") and not nxt.isalpha() and nxt != " ":
        return _arabic_zh(text, m, value)
    return _arabic_en(text, m, value, mask)


def _after_ordinal(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" ：:")
    return before.endswith(t.ZH_ORDINAL_PREFIXES)


def _zh_range(text: str, m: re.Match[str], value: Decimal, tail: _Tail) -> RawFigure | None:
    """`3至5年`, `10-12人`, `3年至5年`, `三至五天`: a range sharing one unit."""
    joiner = _ZH_RANGE.match(text, tail.end)
    if joiner is None or tail.qualifier != "exact":
        return None
    second = SCANNER.match(text, joiner.end())
    if second is None or not (second.group("ar") or second.group("cn")):
        return None
    raw = second.group("ar") or second.group("cn")
    high = parse_arabic(raw) if second.group("ar") else parse_chinese(raw)
    if high is None:
        return None
    tail2 = _zh_tail(text, second.end(), high)
    unit = tail.unit or tail2.unit
    if unit is None or (tail.unit is not None and tail.unit != tail2.unit):
        return None
    low = tail.value
    if tail.unit is None and low == value and tail2.value != high:
        low = scaled(low, _scale_word(text, second.end()))  # 10至20万人: both in 万
    if tail2.value <= low:
        return None
    measure, currency = _ZH_UNIT_TABLE.get(unit, ("count", None))
    start, _q = _zh_pre(text, m.start(), "exact")
    return _make(text, start, tail2.end, low, tail2.value, unit, measure, "range", currency)


def _arabic_zh(text: str, m: re.Match[str], value: Decimal) -> RawFigure | None:
    tail = _zh_tail(text, m.end(), value)
    end = tail.end
    ranged = _zh_range(text, m, value, tail)
    if ranged is not None:
        return ranged
    if text.startswith("+", end) and (end + 1 >= len(text) or _is_cjk(text[end + 1])):
        # 36+企业岗位: "36 or more"
        start, _q = _zh_pre(text, m.start(), "exact")
        return _make(text, start, end + 1, tail.value, None, tail.unit, tail.measure or "count",
                     "at_least", tail.currency)
    return _finish_zh(text, m.start(), tail)


def _scale_word(text: str, pos: int) -> str:
    scale = _ZH_SCALE.match(text, pos)
    return scale.group() if scale else ""


def _arabic_en(text: str, m: re.Match[str], value: Decimal, mask: bytearray) -> RawFigure | None:
    start, end = m.start(), m.end()
    prefix = _PREFIX_CURRENCY.search(text, max(0, start - 4), start)
    if _GLUED_AFTER.match(text, end) and not _EN_UNIT.match(text, end) and not (
        prefix and _EN_MONEY_SCALE.match(text, end)
    ):
        return None  # 5G, 4S, MP3
    currency = t.PREFIX_CURRENCIES[prefix.group().strip()] if prefix else None
    if prefix:
        start = prefix.start()
    else:
        name = _CAPITAL_BEFORE.search(text, max(0, start - 30), start)
        if name and name.group(1) not in _NOT_NAME_WORDS:
            return None  # Route 66, Studio 54, Ward 3
    value_max: Decimal | None = None
    value, end = _en_scale(text, end, value, money=currency is not None)
    qualifier: t.Qualifier = "exact"
    # ranges: between 3 and 5, 10-12, 3 to 5
    joiner = _EN_RANGE.match(text, end)
    between = _BETWEEN.search(text, max(0, start - 9), start)
    if joiner and (joiner.group().strip() != "and" or between):
        second = SCANNER.match(text, joiner.end() + (1 if text.startswith("$", joiner.end()) else 0))
        if second and second.group("ar") and not mask[second.start()]:
            high = parse_arabic(second.group("ar"))
            if high is not None:
                high, end2 = _en_scale(text, second.end(), high, money=currency is not None)
                if high > value:
                    value_max, qualifier, end = high, "range", end2
                    if between:
                        start = between.start()
                    elif _FROM.search(text, max(0, start - 6), start):
                        start = _FROM.search(text, max(0, start - 6), start).start()  # type: ignore[union-attr]
    unit_text: str | None = None
    measure: t.MeasureName = "money" if currency else "count"
    unit = _EN_UNIT.match(text, end)
    if unit and not (unit.group("u") in t.EN_CURRENCIES and currency):
        unit_text = unit.group("u")
        u_measure, u_currency = _EN_UNIT_TABLE[unit_text]
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
        pre = _EN_PRE.search(text, max(0, start - 16), start)
        if pre and qualifier == "exact":
            word = pre.group().strip().lower()
            qualifier, start = t.EN_PRE_HEDGES[word], pre.start()
    if measure == "count" and unit_text is None and _looks_like_year(value, text, m):
        return None
    return _make(text, start, end, value, value_max, unit_text, measure, qualifier, currency)


def _en_scale(text: str, pos: int, value: Decimal, *, money: bool) -> tuple[Decimal, int]:
    scale = _EN_SCALE.match(text, pos)
    if scale:
        return scaled(value, scale.group("s")), scale.end()
    if money:
        short = _EN_MONEY_SCALE.match(text, pos)
        if short:
            return scaled(value, short.group("s")), short.end()
    return value, pos


def _looks_like_year(value: Decimal, text: str, m: re.Match[str]) -> bool:
    raw = m.group("ar")
    return len(raw) == 4 and raw.isdigit() and 1900 <= value <= 2100


def _english_words(text: str, m: re.Match[str]) -> RawFigure | None:
    start, end = m.start(), m.end()
    words = m.group()
    if m.group("enfrac"):
        value = parse_english_fraction(words)
        if value is None:
            return None
        return _make(text, start, end, value, None, None, "fraction", "exact", None)
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
    unit = _EN_UNIT.match(text, end)
    if unit and unit.group().startswith(" "):
        unit_text = unit.group("u")
        measure, currency = _EN_UNIT_TABLE[unit_text]
        if currency is not None:
            return _make(text, start, unit.end(), parsed, None, unit_text, "money", "exact", currency)
        end = unit.end()
    qualifier: t.Qualifier = "exact"
    pre = _EN_PRE.search(text, max(0, start - 16), start)
    if pre:
        qualifier, start = t.EN_PRE_HEDGES[pre.group().strip().lower()], pre.start()
    return _make(text, start, end, parsed, None, unit_text, measure, qualifier, None)


def _make(
    text: str, start: int, end: int, value: Decimal, value_max: Decimal | None, unit: str | None,
    measure: t.MeasureName, qualifier: t.Qualifier, currency: str | None,
) -> RawFigure:
    return RawFigure(
        start=start, end=end, value=tidy(value),
        value_max=tidy(value_max) if value_max is not None else None,
        unit=unit, measure=measure, qualifier=qualifier,
        currency=currency if measure == "money" else None,
        subject=subject_of(text, start, end, unit),
    )


def _is_cjk(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"
