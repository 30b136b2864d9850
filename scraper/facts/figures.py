"""Figures: every quantity stated in a text, with its exact span, value, unit and qualifier.

One pass of one pre-compiled scanner finds numerals (Arabic, Chinese, mixed, fractions,
English words); small functions then read the context on either side: a currency or a hedge
word before, multiplier, hedge, unit, range and hedge after. Spans that hold no quantity
(dates, identifiers, quotations, names, page furniture) are masked first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

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


class RawFigure(NamedTuple):
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
_NOT_HEDGE_BEFORE = ("最", "附", "临", "靠", "抵", "直")  # 最近7个交易日, 附近, 抵达, 直达
_ZH_PRE = tuple(sorted(t.ZH_PRE_HEDGES.items(), key=lambda kv: -len(kv[0])))

_EN_UNIT_TABLE: dict[str, tuple[t.MeasureName, str | None]] = {
    **{u: (m, None) for u, m in t.EN_UNITS.items()},
    **{c: ("money", code) for c, code in t.EN_CURRENCIES.items()},
}
_EN_UNIT = re.compile(rf"(?:\s?)(?P<u>{_alt(_EN_UNIT_TABLE)})(?![A-Za-z])")
_EN_SCALE = re.compile(rf"[ -](?P<s>{_alt(t.EN_SCALES)})\b")
_EN_MONEY_SCALE = re.compile(rf"\s?(?P<s>{_alt(t.EN_MONEY_SCALES)})\b")
_EN_POST = re.compile(r"(?:\s+or more\b|-?plus\b|\+(?![\dA-Za-z])|\s+or so\b)")
_EN_RANGE = re.compile(r"\s*(?:to|-|–|—|and)\s*")
_EN_PRE = tuple(sorted(t.EN_PRE_HEDGES.items(), key=lambda kv: -len(kv[0])))
# first words that can continue a number: units, currencies, scales, range joiners, hedges
_EN_TAIL_WORDS = frozenset(
    w.split(" ")[0] for w in (*t.EN_UNITS, *t.EN_CURRENCIES, *t.EN_SCALES, *t.EN_MONEY_SCALES,
                              *t.EN_POST_HEDGES, "to", "and", "or", "plus", "per")
)
# words after a number that an exclusion pattern needs to see (12 comments, 4 min read, 7 am)
_AFTER_WORDS = frozenset(("comment", "comments", "share", "shares", "like", "likes", "replies",
                          "views", "min", "mins", "minute", "minutes", "am", "pm", "a", "p"))
_PREFIX_LAST = frozenset(symbol[-1] for symbol in t.PREFIX_CURRENCIES)
_EN_PRE_LAST = frozenset(word.rpartition(" ")[2] for word in t.EN_PRE_HEDGES)
_PREFIXES = tuple(sorted(t.PREFIX_CURRENCIES.items(), key=lambda kv: -len(kv[0])))
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

_AFTER = re.compile(
    "|".join(f"(?:{p})" for p in (*t.FURNITURE_AFTER, *t.ID_AFTER, *t.DATE_AFTER, *t.LABEL_AFTER))
)
_WORDS_BEFORE = frozenset((*t.DATE_BEFORE, *t.LABEL_BEFORE, *t.ID_BEFORE))
_COLON_KEYS = (*t.FURNITURE_BEFORE, *t.ID_BEFORE)
_PAGE_OF = re.compile(r"\bPage\s+\d+\s+of\s+$")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_YEAR = re.compile(r"(?:19|20)\d{2}(?!\d)")
_YEAR_WORDS = frozenset(t.YEAR_WORDS)
_PREV_WORD = re.compile(r"([A-Za-z]+)\s+$")
# Quotations and titles: “…”, 《…》, 「…」, "…" within one line.
_QUOTES = re.compile(r"“[^”\n]{0,120}”|《[^》\n]{0,80}》|「[^」\n]{0,80}」|\"[^\"\n]{0,120}\"")
# 1+3+N, G20, COVID-19, 5G: numerals glued to letters or plus signs.
_GLUED_BEFORE = re.compile(r"(?:[A-Za-z]-?|\+|\d\.)$")
_GLUED_AFTER = re.compile(r"[A-Za-z]|\+[\dA-Za-z]")
# Where a figure may start: a digit or Chinese numeral, or an English number word.
_NUMERAL_START = re.compile(rf"[\d{_CN}][\d,.{_CN}]*")
# Number words a figure can start with; plural fractions and scales only follow one of these,
# and `a third`/`one-half` are reached from the denominator (each word costs one str.find).
_EN_WORDS = tuple((_EN_NUMBER_WORDS + "|" + _EN_TENS + "|dozen|third|quarter|half").split("|"))
_TOKEN_EDGES = ("", ",", ".", ";", ":", ")", "”", "\"", "'s", "’s", "!", "?")
_EN_WORD_FORMS: dict[str, str] = {}
for _word in _EN_WORDS:
    _compounds = [_word]
    if _word in _EN_TENS.split("|"):
        _compounds += [f"{_word}-{one}" for one in _EN_ONES.split("|")]
    _compounds += [f"{_word}-{d}" for d in _EN_DENOMS.split("|")]
    _compounds += [f"{n}-{_word}" for n in ("a", "one", "an") if _word in ("third", "quarter", "half")]
    for _form in _compounds:
        for _edge in _TOKEN_EDGES:
            _EN_WORD_FORMS[_form + _edge] = _word
            _EN_WORD_FORMS["(" + _form + _edge] = _word
            _EN_WORD_FORMS["“" + _form + _edge] = _word
_EN_FORM_SET = frozenset(_EN_WORD_FORMS)
_ARTICLE_BEFORE = re.compile(r"(?i:\b(?:a|an|one)[ -])$")


@dataclass(frozen=True)
class Guard:
    """Where no figure may start: quotations, protected names, dates, IDs, labels, furniture.

    Quotations and protected spans are found once; the other exclusions are anchored
    patterns tried only where a figure was read (a whole-text scan costs milliseconds).
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def build(cls, text: str, protected: Iterable[tuple[int, int]] = ()) -> Guard:
        spans = sorted([*(m.span() for m in _QUOTES.finditer(text)), *protected])
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return cls(text, tuple(s for s, _ in merged), tuple(e for _, e in merged))

    def blocks(self, pos: int) -> bool:
        """Whether a figure whose numeral starts at `pos` is excluded."""
        return self.until(pos) > pos

    def until(self, pos: int) -> int:
        """The end of the exclusion covering a numeral at `pos`, or `pos` when there is none."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.ends[i]:
            return self.ends[i]
        text = self.text
        after = _AFTER.match(text, pos)
        if after:
            return after.end()
        run = _NUMERAL_START.match(text, pos)
        run_end = run.end() if run else pos + 1
        if _label_before(text, pos):
            return run_end
        if _YEAR.match(text, pos):
            prev = _PREV_WORD.search(text, max(0, pos - 12), pos)
            if prev and prev.group(1).lower() in _YEAR_WORDS:
                return run_end
        if _CJK_CHAR.search(text, max(0, pos - 4), pos + 8):
            for phrase in t.ZH_NOT_FIGURES:
                at = text.find(phrase, max(0, pos - len(phrase) + 1), pos + len(phrase))
                if 0 <= at <= pos:
                    return at + len(phrase)
        return pos


def _label_before(text: str, pos: int) -> bool:
    """A month, label word, identifier key or counter label right before `pos`."""
    window = text[max(0, pos - 24) : pos]
    if window.endswith(t.LABEL_MARKS):
        return True
    stripped = window.rstrip()
    if stripped.endswith(("：", ":")):
        return stripped[:-1].rstrip().endswith(_COLON_KEYS)
    if stripped.endswith(t.ID_BEFORE):
        return True
    last = stripped.rsplit(None, 1)[-1] if stripped else ""
    if last in _WORDS_BEFORE and stripped != window:
        return True
    return last == "of" and bool(_PAGE_OF.search(window))


def _en_hedge_before(text: str, start: int) -> tuple[int, t.Qualifier] | None:
    """`more than 1,200`: an English hedge ending in a space right before `start`."""
    window = text[max(0, start - 20) : start].lower()
    words = window.split()
    if not window.endswith(" ") or not words or words[-1] not in _EN_PRE_LAST:
        return None
    for word, qualifier in _EN_PRE:
        at = len(window) - len(word) - 1
        if at >= 0 and window.endswith(word + " "):
            before = text[start - len(window) + at - 1 : start - len(window) + at] if at or start > 20 else ""
            if not before.isalpha():
                return start - len(word) - 1, qualifier
    return None


def _currency_before(text: str, start: int) -> tuple[int, str] | None:
    """`$`, `HK$`, `RMB `, `人民币`: a currency written right before `start`."""
    window = text[max(0, start - 4) : start]
    trimmed = window[:-1] if window.endswith(" ") else window
    if not trimmed or trimmed[-1] not in _PREFIX_LAST:
        return None
    for symbol, code in _PREFIXES:
        if trimmed.endswith(symbol):
            at = start - (len(window) - len(trimmed)) - len(symbol)
            if symbol.isalpha() and symbol.isascii() and at > 0 and text[at - 1].isalpha():
                continue
            return at, code
    return None


def _name_before(text: str, start: int) -> bool:
    """`Route 66`, `Windows 11`: a capitalised word (not opening a sentence) right before."""
    window = text[max(0, start - 30) : start]
    if not window.endswith(" "):
        return False
    head, _, last = window.rstrip().rpartition(" ")
    if not (last.isalpha() and last[0].isupper() and last[1:].islower()) or last in _NOT_NAME_WORDS:
        return False
    head = head.rstrip()
    return bool(head) and head[-1] not in ".!?\n“\":;(—"


def _candidates(text: str) -> list[int]:
    """Sorted positions where a numeral or an English number word starts."""
    starts = [m.start() for m in _NUMERAL_START.finditer(text)]
    lowered = text.lower()
    if len(lowered) == len(text):
        # which number words occur at all: one C-level split and set intersection, then
        # str.find only for those (a regex alternation over the text costs several times more)
        present = _EN_FORM_SET.intersection(lowered.split())
        for word in {_EN_WORD_FORMS[form] for form in present}:
            at = lowered.find(word)
            while at >= 0:
                end = at + len(word)
                if (at == 0 or not lowered[at - 1].isalpha()) and (
                        end >= len(lowered) or not lowered[end].isalpha()):
                    article = _ARTICLE_BEFORE.search(lowered, max(0, at - 4), at)
                    starts.append(article.start() if article else at)
                at = lowered.find(word, end)
    return sorted(set(starts))


def find_figures(text: str, *, protected: Iterable[tuple[int, int]] = ()) -> list[RawFigure]:
    """Every figure in `text`, in order, none inside a quotation, protected span or exclusion."""
    candidates = _candidates(text)
    if not candidates:
        return []
    guard = Guard.build(text, protected)
    figures: list[RawFigure] = []
    last_end = 0
    for pos in candidates:
        if pos < last_end:
            continue
        m = SCANNER.match(text, pos)
        if m is None or m.end() <= pos:
            continue
        figure = _read(text, m, guard)
        if figure is None:
            after = _AFTER.match(text, pos)  # 2023-24: skip the rest of a date or identifier
            last_end = after.end() if after else last_end
            continue
        until = guard.until(m.start())
        if until > m.start():
            last_end = max(until, m.end())  # 0574-87654321: the whole identifier
        else:
            figures.append(figure)
            last_end = figure.end
    return figures


def _read(text: str, m: re.Match[str], guard: Guard) -> RawFigure | None:
    if m.group("frac"):
        return _zh_fraction(text, m)
    if m.group("enfrac") or m.group("en"):
        return _english_words(text, m)
    if m.group("cn"):
        return _chinese(text, m)
    return _arabic(text, m, guard)


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
    digits_only = len(numeral) > 1 and all(ch in _CN_DIGIT or ch == "两" for ch in numeral)
    if numeral in ("一", "万", "亿") or digits_only:
        return None  # 一 as an article (一名志愿者); digit strings are codes or years
    if text[max(0, m.start() - 1) : m.start()] in ("几", "数", "上", "成"):
        return None  # 几十张, 数百名, 上千人: vague amounts
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
    prefix = _currency_before(text, start)
    currency = tail.currency
    measure = tail.measure or "count"
    if prefix and currency is None and tail.unit is None:
        (start, currency), measure = prefix, "money"
    return _make(text, start, tail.end, tail.value, None, tail.unit, measure, qualifier, currency)


def _arabic(text: str, m: re.Match[str], guard: Guard) -> RawFigure | None:
    start, end = m.start(), m.end()
    raw = m.group("ar")
    value = parse_arabic(raw)
    if value is None or (len(raw) > 1 and raw[0] == "0" and raw[1] != "."):
        return None  # 00960.HK, 08时: codes and clock times
    before = text[max(0, start - 2) : start]
    if _GLUED_BEFORE.search(before) or _after_ordinal(text, start):
        return None
    nxt = text[end : end + 1]
    prev = text[start - 1 : start] if start else ""
    if nxt == "、" or (nxt in (".", ")", "．") and (start == 0 or prev == "\n")):
        return None  # enumerators: 3、回复…, 1. Kyle Busch
    if nxt == " " and _after_chinese(text, start):
        if _ZH_UNIT.match(text, end + 1):
            return _arabic_zh(text, m, value, end + 1)  # 售价 999 美元
        if not _EN_UNIT.match(text, end) and not _currency_before(text, start):
            return None  # 骁龙 855 Plus, 麒麟990 5G: model numbers
    if _is_cjk(nxt) or (nxt and not nxt.isascii() and nxt not in "–—"):
        return _arabic_zh(text, m, value)
    if nxt == "%" and not _is_cjk(prev):
        return _arabic_en(text, m, value, guard)
    if (_is_cjk(prev) or prev in "，、：；（“") and not nxt.isalpha() and nxt != " ":
        return _arabic_zh(text, m, value)
    return _arabic_en(text, m, value, guard)


def _after_chinese(text: str, start: int) -> bool:
    at = start - 1
    while at >= 0 and text[at] == " ":
        at -= 1
    return at >= 0 and (_is_cjk(text[at]) or text[at] in "，、：；（“”。")


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


def _arabic_zh(text: str, m: re.Match[str], value: Decimal, pos: int | None = None) -> RawFigure | None:
    tail = _zh_tail(text, m.end() if pos is None else pos, value)
    end = tail.end
    ranged = _zh_range(text, m, value, tail)
    if ranged is not None:
        return ranged
    if text.startswith("+", end) and (end + 1 >= len(text) or _is_cjk(text[end + 1])):
        # 36+企业岗位: "36 or more"
        start, _q = _zh_pre(text, m.start(), "exact")
        return _make(text, start, end + 1, tail.value, None, tail.unit, tail.measure or "count",
                     "at_least", tail.currency)
    if tail.unit is None and tail.value == value and tail.qualifier == "exact" and not (
            _is_cjk(text[end : end + 1]) or _currency_before(text, m.start())):
        return None  # a bare number in Chinese text counts nothing unless a noun follows (13863检测)
    return _finish_zh(text, m.start(), tail)


def _scale_word(text: str, pos: int) -> str:
    scale = _ZH_SCALE.match(text, pos)
    return scale.group() if scale else ""


def _arabic_en(text: str, m: re.Match[str], value: Decimal, guard: Guard) -> RawFigure | None:
    start, end = m.start(), m.end()
    prefix = _currency_before(text, start)
    if _GLUED_AFTER.match(text, end) and not _EN_UNIT.match(text, end) and not (
        prefix and _EN_MONEY_SCALE.match(text, end)
    ):
        return None  # 5G, 4S, MP3
    currency: str | None = None
    if prefix:
        start, currency = prefix
    elif _name_before(text, start):
        return None  # Route 66, Studio 54, Ward 3
    elif _plain_after(text, end):
        # the common case (`1,200 volunteers`): no scale, unit, range or hedge after it
        if _looks_like_year(value, text, m):
            return None
        pre = _en_hedge_before(text, start)
        if pre:
            start, hedge = pre
            return _make(text, start, end, value, None, None, "count", hedge, None)
        return _make(text, start, end, value, None, None, "count", "exact", None)
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
        pre = _en_hedge_before(text, start)
        if pre and qualifier == "exact":
            start, qualifier = pre
    if measure == "count" and unit_text is None and _looks_like_year(value, text, m):
        return None
    return _make(text, start, end, value, value_max, unit_text, measure, qualifier, currency)


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
    pre = _en_hedge_before(text, start)
    if pre:
        start, qualifier = pre
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
