"""Reading a figure in Chinese: `222万余人`, `9600多万小时`, `近50万次`, `3至5年`, `三分之二以上`.

After a numeral, in the two orders news uses: 余/多, multiplier (万, 亿), 余/多, unit or measure
word, then 左右/以上; hedges such as 超过, 近, 约 before it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from scraper.facts import tables as t
from scraper.facts.numerals import fraction, parse_arabic, parse_chinese, scaled
from scraper.facts.scanner import (
    CN_DIGIT,
    SCANNER,
    ZH_UNIT,
    ZH_UNIT_TABLE,
    RawFigure,
    after_ordinal,
    alt,
    currency_before,
    is_cjk,
    make,
)

_ZH_SCALE = re.compile(r"千万|百万|万亿|亿|万|千|百")


_ZH_INNER = re.compile(rf"{alt(t.ZH_INNER_HEDGES)}")


_ZH_POST = re.compile(rf"{alt(t.ZH_POST_HEDGES)}")


_ZH_RANGE = re.compile(rf"\s*(?:{alt(t.ZH_RANGE_JOINERS)})\s*")


# 一年半, 两个半小时: a half after the unit, or between 个 and the unit.
_HALF = re.compile(rf"个半(?:{alt(t.ZH_HALF_AFTER_GE)})|(?:{alt(t.ZH_HALF_AFTER_UNIT)})半")


_HALF_GE = re.compile(rf"半(?P<u>{alt(t.ZH_HALF_AFTER_GE)})")


_HALF_VALUE = Decimal("0.5")


_CHENG_MAX = 10  # 十成 is the whole; 二十成 is no share


_NOT_HEDGE_BEFORE = ("最", "附", "临", "靠", "抵", "直")  # 最近7个交易日, 附近, 抵达, 直达


_ZH_PRE = tuple(sorted(t.ZH_PRE_HEDGES.items(), key=lambda kv: -len(kv[0])))


def read_zh_fraction(text: str, m: re.Match[str]) -> RawFigure | None:
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
        return make(text, start, end, num, None, "百分之", "percent", qualifier, None)
    value = fraction(num, den)
    if value is None:
        return None
    return make(text, start, end, value, None, None, "fraction", qualifier, None)


def _zh_pre(text: str, start: int, qualifier: t.Qualifier) -> tuple[int, t.Qualifier]:
    window = text[max(0, start - 3) : start]
    for word, hedge in _ZH_PRE:
        if window.endswith(word) and not window[: -len(word)].endswith(_NOT_HEDGE_BEFORE):
            return start - len(word), qualifier if qualifier != "exact" else hedge
    return start, qualifier


class _Tail(NamedTuple):
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
    unit_first = ZH_UNIT.match(text, after_inner) if scale else None
    if unit_first and unit_first.end() >= scale.end():  # type: ignore[union-attr]
        scale = None  # 千克, 千瓦, 千米 are units, not 千 + unit
    if scale:
        value, after_inner = scaled(value, scale.group()), scale.end()
    if inner is None and scale is not None:
        inner = _ZH_INNER.match(text, after_inner)
        if inner:
            after_inner = inner.end()
    unit = ZH_UNIT.match(text, after_inner)
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
        measure, currency = ZH_UNIT_TABLE[unit_text]
        half = _HALF_GE.match(text, end) if unit_text == "个" else None
        if half is not None:  # 两个半小时: 2.5 hours
            value, unit_text, end = value + _HALF_VALUE, half.group("u"), half.end()
            measure = t.ZH_HALF_AFTER_GE[unit_text]
        elif unit_text in t.ZH_HALF_AFTER_UNIT and text.startswith("半", end):
            value, end = value + _HALF_VALUE, end + 1  # 一年半: 1.5 years
    post = _ZH_POST.match(text, end)
    if post and qualifier == "exact":
        qualifier, end = t.ZH_POST_HEDGES[post.group()], post.end()
    elif post:
        end = post.end()
    return _Tail(value, end, qualifier, unit_text, measure, currency)


def read_chinese(text: str, m: re.Match[str]) -> RawFigure | None:
    numeral = m.group("cn")
    formal = any(ch in t.ZH_FORMAL_NUMERALS for ch in numeral)
    value = parse_chinese(numeral)
    if not formal and value is not None:
        tenths = _tenths(text, m, value)
        if tenths is not None or text.startswith("成", m.end()):
            return tenths
    digits_only = len(numeral) > 1 and all(ch in CN_DIGIT or ch == "两" for ch in numeral)
    if (numeral in ("一", "万", "亿") and not (numeral == "一" and _HALF.match(text, m.end()))) \
            or digits_only:
        return None  # 一 as an article (一名志愿者), but 一年半; digit strings are codes or years
    if text[max(0, m.start() - 1) : m.start()] in ("几", "数", "上", "成"):
        return None  # 几十张, 数百名, 上千人: vague amounts
    if value is None or after_ordinal(text, m.start()):
        return None
    tail = _zh_tail(text, m.end(), value)
    ranged = _zh_range(text, m, value, tail)
    if ranged is not None:
        return ranged
    if tail.unit is None:
        return None  # a Chinese numeral needs a unit to be a quantity (五一广场, 四川省)
    if formal and tail.currency is None:
        return None  # formal numerals write amounts of money; 队伍里 is no five 里
    if len(tail.unit) == 1 and tail.end < len(text) and text[tail.end] in t.ZH_NAME_TAILS \
            and tail.unit not in "个":
        return None  # 七里河, 三台县: place names
    return _finish_zh(text, m.start(), tail)


def _tenths(text: str, m: re.Match[str], value: Decimal) -> RawFigure | None:
    """`三成` (30%), `近两成`, `七成以上`, `三成多`: 成 after the numeral `m` (worth `value`)
    counts tenths; `四成到五成` and `五到六成` are ranges of them. None when no 成 belongs to it."""
    if not 0 < value <= _CHENG_MAX:
        return None
    end = m.end()
    owns = text.startswith("成", end)  # 五到六成: the 成 comes after the second numeral
    if owns:
        if text.startswith(t.ZH_CHENG_WORDS, end):
            return None
        end += 1
    high = _tenths_after_joiner(text, end)
    if high is not None and high[0] > value:
        start, _q = _zh_pre(text, m.start(), "exact")
        return make(text, start, high[1], value * 10, high[0] * 10, "成", "percent", "range", None)
    if not owns:
        return None
    qualifier: t.Qualifier = "exact"
    inner = _ZH_INNER.match(text, end)
    if inner:
        qualifier, end = t.ZH_INNER_HEDGES[inner.group()], inner.end()
    post = _ZH_POST.match(text, end)
    if post:
        qualifier = t.ZH_POST_HEDGES[post.group()] if qualifier == "exact" else qualifier
        end = post.end()
    start, qualifier = _zh_pre(text, m.start(), qualifier)
    return make(text, start, end, value * 10, None, "成", "percent", qualifier, None)


def _tenths_after_joiner(text: str, pos: int) -> tuple[Decimal, int] | None:
    """`到六成` after a first numeral: the second one's value and the end of its 成."""
    joiner = _ZH_RANGE.match(text, pos)
    if joiner is None:
        return None
    second = SCANNER.match(text, joiner.end())
    if second is None or not second.group("cn") or not text.startswith("成", second.end()):
        return None
    if text.startswith(t.ZH_CHENG_WORDS, second.end()):
        return None
    high = parse_chinese(second.group("cn"))
    if high is None or not 0 < high <= _CHENG_MAX:
        return None
    return high, second.end() + 1


def _finish_zh(text: str, start: int, tail: _Tail) -> RawFigure | None:
    start, qualifier = _zh_pre(text, start, tail.qualifier)
    prefix = currency_before(text, start)
    currency = tail.currency
    measure = tail.measure or "count"
    if prefix and currency is None and tail.unit is None:
        (start, currency), measure = prefix, "money"
    return make(text, start, tail.end, tail.value, None, tail.unit, measure, qualifier, currency)


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
    measure, currency = ZH_UNIT_TABLE.get(unit, ("count", None))
    start, _q = _zh_pre(text, m.start(), "exact")
    return make(text, start, tail2.end, low, tail2.value, unit, measure, "range", currency)


def read_arabic_zh(text: str, m: re.Match[str], value: Decimal, pos: int | None = None) -> RawFigure | None:
    tail = _zh_tail(text, m.end() if pos is None else pos, value)
    end = tail.end
    ranged = _zh_range(text, m, value, tail)
    if ranged is not None:
        return ranged
    if text.startswith("+", end) and (end + 1 >= len(text) or is_cjk(text[end + 1])):
        # 36+企业岗位: "36 or more"
        start, _q = _zh_pre(text, m.start(), "exact")
        return make(text, start, end + 1, tail.value, None, tail.unit, tail.measure or "count",
                     "at_least", tail.currency)
    if tail.unit is None and tail.value == value and tail.qualifier == "exact" and not (
            is_cjk(text[end : end + 1]) or currency_before(text, m.start())):
        return None  # a bare number in Chinese text counts nothing unless a noun follows (13863检测)
    return _finish_zh(text, m.start(), tail)


def _scale_word(text: str, pos: int) -> str:
    scale = _ZH_SCALE.match(text, pos)
    return scale.group() if scale else ""
