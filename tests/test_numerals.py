"""Numerals to exact decimals: Chinese, Arabic, English words and fractions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scraper.facts import extract_facts
from scraper.facts.numerals import (
    format_chinese,
    fraction,
    parse_arabic,
    parse_chinese,
    parse_english,
    parse_english_fraction,
    scaled,
)

CHINESE = [
    ("零", 0), ("〇", 0), ("一", 1), ("两", 2), ("十", 10), ("十五", 15), ("三十", 30),
    ("一百二十", 120), ("一百零五", 105), ("两千", 2000), ("一千零五十", 1050),
    ("一万", 10000), ("万", 10000), ("一百二十万", 1200000), ("一亿零五万", 100050000),
    ("三万亿", 3 * 10**12), ("九千九百九十九万九千九百九十九", 99999999), ("二〇二四", 2024),
    ("三点五", Decimal("3.5")), ("百", 100), ("十万零一十", 100010),
]


@pytest.mark.parametrize(("text", "value"), CHINESE, ids=[c for c, _ in CHINESE])
def test_parse_chinese(text: str, value: int | Decimal) -> None:
    """Chinese numerals, positional and digit-by-digit, read exactly."""
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", ["", "四川", "三点", "点五"], ids=["empty", "word", "trailing-dot", "no-head"])
def test_parse_chinese_rejects(text: str) -> None:
    """Text that is not a Chinese numeral reads as None."""
    assert parse_chinese(text) is None


ARABIC = [("1,234", 1234), ("1,234.5", Decimal("1234.5")), ("62.2", Decimal("62.2")), ("００７", 7)]


@pytest.mark.parametrize(("text", "value"), ARABIC, ids=[a for a, _ in ARABIC])
def test_parse_arabic(text: str, value: int | Decimal) -> None:
    """Arabic numerals with separators, decimals and full-width digits."""
    assert parse_arabic(text) == value


def test_scaled_is_exact() -> None:
    """`1.13万` is 11300 exactly, not 11299.999999999998."""
    value = scaled(Decimal("1.13"), "万")
    assert value == 11300 and str(value) == "11300"


@pytest.mark.parametrize(("words", "value"), [("twenty-five", 25), ("a dozen", 12), ("three hundred", 300),
                                                ("two thousand", 2000), ("a million", 10**6)],
                         ids=["tens", "dozen", "hundred", "thousand", "a-million"])
def test_parse_english(words: str, value: int) -> None:
    """English number words."""
    assert parse_english(words) == value


@pytest.mark.parametrize(("words", "value"), [("two-thirds", "0.6667"), ("one quarter", "0.25"),
                                                ("three-quarters", "0.75"), ("a third", "0.3333")],
                         ids=["two-thirds", "quarter", "three-quarters", "a-third"])
def test_parse_english_fraction(words: str, value: str) -> None:
    """English fractions to four places."""
    assert parse_english_fraction(words) == Decimal(value)


def test_fraction_by_zero() -> None:
    """A zero denominator is no fraction."""
    assert fraction(Decimal(1), Decimal(0)) is None


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_chinese_round_trip(number: int) -> None:
    """Any integer written out in Chinese numerals parses back to itself."""
    assert parse_chinese(format_chinese(number)) == number


@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=0, max_value=9999))
def test_chinese_decimal_round_trip(whole: int, decimals: int) -> None:
    """Decimals written with 点 and digit characters parse back to themselves."""
    digits = "".join("零一二三四五六七八九"[int(d)] for d in f"{decimals:04d}")
    assert parse_chinese(f"{format_chinese(whole)}点{digits}") == Decimal(f"{whole}.{decimals:04d}")


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿"]))
def test_mixed_numerals(number: int, scale: str) -> None:
    """`<Arabic>万` and `<Chinese>万` agree."""
    assert scaled(Decimal(number), scale) == parse_chinese(format_chinese(number) + scale)


def test_format_rejects_negative() -> None:
    """Negative numbers have no Chinese numeral form here."""
    with pytest.raises(ValueError, match="cannot write"):
        format_chinese(-1)


def test_huge_scaled_figure_is_read_not_raised() -> None:
    """A number too long for exact decimal precision times a scale is a figure, not an error."""
    facts = extract_facts("They claim 1391234567813912345678 trillion users.", [], language=None)
    assert [f.text for f in facts.figures] == ["1391234567813912345678 trillion"]
