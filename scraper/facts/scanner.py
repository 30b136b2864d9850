"""The numeral scanner and the figure record shared by the Chinese and English readers.

One pre-compiled pattern reads a numeral where `candidates` says one may start: Arabic,
Chinese, mixed, `X分之Y`, English words. Units, currencies and `make` (value tidied, subject
attached) are shared by both readers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from scraper.facts import tables as t
from scraper.facts.numerals import tidy
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


def alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


CN = "零〇○一二两三四五六七八九十百千万亿" + "".join(t.ZH_FORMAL_NUMERALS)


CN_DIGIT = "零〇○一二三四五六七八九"


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
    rf"(?P<frac>(?P<den>[{CN}]+|\d+)分之(?P<num>[{CN}]+(?:点[{CN_DIGIT}]+)?|\d+(?:\.\d+)?))"
    rf"|(?P<ar>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"|(?P<cn>[{CN}]+(?:点[{CN_DIGIT}]+)?)"
    rf"|(?i:(?P<enfrac>\b(?:{_EN_WORD_NUMBER})[- ](?:{_EN_DENOMS})\b))"
    rf"|(?i:(?P<en>\b(?:a\s+dozen|{_EN_WORD_NUMBER}(?:[- ](?:hundred|thousand|million|billion))?)\b))"
)


ZH_UNIT_TABLE: dict[str, tuple[t.MeasureName, str | None]] = {
    **{w: ("count", None) for w in t.ZH_MEASURE_WORDS},
    **{u: (m, None) for u, m in t.ZH_UNITS.items()},
    **{c: ("money", code) for c, code in t.ZH_CURRENCIES.items()},
}


ZH_UNIT = re.compile(rf"(?:{alt(ZH_UNIT_TABLE)})")


EN_UNIT_TABLE: dict[str, tuple[t.MeasureName, str | None]] = {
    **{u: (m, None) for u, m in t.EN_UNITS.items()},
    **{c: ("money", code) for c, code in t.EN_CURRENCIES.items()},
}


EN_UNIT_PATTERN = rf"(?:\s?)(?P<u>{alt(EN_UNIT_TABLE)})(?![A-Za-z])"
EN_UNIT = re.compile(EN_UNIT_PATTERN)


_PREFIX_LAST = frozenset(symbol[-1] for symbol in t.PREFIX_CURRENCIES)


_PREFIXES = tuple(sorted(t.PREFIX_CURRENCIES.items(), key=lambda kv: -len(kv[0])))


CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


# Where a figure may start: a digit or Chinese numeral, or an English number word.
NUMERAL_START = re.compile(rf"[\d{CN}][\d,.{CN}]*")


def _bmp_digit_ranges() -> str:
    """`\\d` below U+10000 as explicit ranges, from this Python's own Unicode data."""
    runs: list[list[int]] = []
    for code in range(0x10000):
        if chr(code).isdecimal():  # what `\d` tests in a str pattern
            if runs and runs[-1][1] == code - 1:
                runs[-1][1] = code
            else:
                runs.append([code, code])
    return "".join(f"{chr(a)}-{chr(b)}" for a, b in runs)


_BMP_DIGITS = _bmp_digit_ranges()


# The same pattern for a text with no character beyond U+FFFF: `\d` is a per-character
# category test in `re`, an explicit class is a bitmap (the scan costs a third).
_NUMERAL_START_BMP = re.compile(rf"[{_BMP_DIGITS}{CN}][{_BMP_DIGITS},.{CN}]*")


_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


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


# The marks a form may open or close with (`(`, `“`, `,`, `.`, ...; `'s` stays), and each form's
# bare piece once they are spaces (`(two,` → `two`, `two's` → `two's`): about 1,400 pieces
# instead of 17,000 forms, a set small enough to stay in cache inside the pipeline.
_TOKEN_MARKS = "".join(sorted({"(", "“", *(edge for edge in _TOKEN_EDGES if len(edge) == 1)}))


def _pieces(form: str) -> list[str]:
    for mark in _TOKEN_MARKS:
        form = form.replace(mark, " ")
    return form.split()


_EN_PIECES: dict[str, set[str]] = {}


for _form, _word in _EN_WORD_FORMS.items():
    for _piece in _pieces(_form):
        _EN_PIECES.setdefault(_piece, set()).add(_word)


_EN_PIECE_SET = frozenset(_EN_PIECES)


# the longest form: a longer token is none of them
_MAX_FORM = max(map(len, _EN_WORD_FORMS))


_NON_SPACE = re.compile(r"\S*")


_ARTICLE_BEFORE = re.compile(r"(?i:\b(?:a|an|one)[ -])$")


def currency_before(text: str, start: int) -> tuple[int, str] | None:
    """`$`, `HK$`, `RMB `, `人民币`: a currency written right before `start`."""
    # the last character before `start` (before one space) must end a symbol: most numbers
    # are decided here, before any slice
    last = text[start - 1] if start else ""
    if last == " ":
        last = text[start - 2] if start >= 2 else ""
    if last not in _PREFIX_LAST:
        return None
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


def candidates(text: str) -> list[int]:
    """Sorted positions where a numeral or an English number word starts."""
    numerals = NUMERAL_START if _BEYOND_BMP.search(text) else _NUMERAL_START_BMP
    starts = [m.start() for m in numerals.finditer(text)]
    lowered = text.lower()
    if len(lowered) == len(text):
        # A number word counts when some whitespace token of the text is one of its forms
        # (`two`, `(two,`, `two-thirds`). Which words may have one: one C-level split of the
        # text with the marks as spaces and a set intersection (a regex alternation over the
        # text costs several times more); whether one does: the token around each occurrence.
        spaced = lowered
        for mark in _TOKEN_MARKS:
            spaced = spaced.replace(mark, " ")
        maybe: set[str] = set()
        for piece in _EN_PIECE_SET.intersection(spaced.split()):
            maybe |= _EN_PIECES[piece]
        for word in maybe:
            found: list[int] = []
            formed = False
            at = lowered.find(word)
            while at >= 0:
                end = at + len(word)
                if (at == 0 or not lowered[at - 1].isalpha()) and (
                        end >= len(lowered) or not lowered[end].isalpha()):
                    found.append(at)
                    formed = formed or _EN_WORD_FORMS.get(_token_at(lowered, at)) == word
                at = lowered.find(word, end)
            if formed:
                for at in found:
                    article = _ARTICLE_BEFORE.search(lowered, max(0, at - 4), at)
                    starts.append(article.start() if article else at)
    return sorted(set(starts))


def _token_at(lowered: str, at: int) -> str:
    """The whitespace-delimited token holding `at` ("" when longer than any number-word form)."""
    start, floor = at, max(0, at - _MAX_FORM)
    while start > floor and not lowered[start - 1].isspace():
        start -= 1
    if start and not lowered[start - 1].isspace():
        return ""
    end = _NON_SPACE.match(lowered, at, at + _MAX_FORM + 1).end()  # type: ignore[union-attr]
    return lowered[start:end] if end - start <= _MAX_FORM else ""


def after_ordinal(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" ：:")
    return before.endswith(t.ZH_ORDINAL_PREFIXES)


def make(
    text: str, start: int, end: int, value: Decimal, value_max: Decimal | None, unit: str | None,
    measure: t.MeasureName, qualifier: t.Qualifier, currency: str | None,
) -> RawFigure:
    return RawFigure(  # positional: a NamedTuple built by keywords costs twice as much
        start, end, tidy(value), tidy(value_max) if value_max is not None else None,
        unit, measure, qualifier, currency if measure == "money" else None,
        subject_of(text, start, end, unit),
    )


def is_cjk(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"
