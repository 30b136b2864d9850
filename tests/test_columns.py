"""Units named once in a table's header row, given to the bare numbers of their column."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scraper.facts import extract_facts
from scraper.facts.columns import ColumnUnit, column_unit
from scraper.facts.figures import find_figures


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("1-5月(亿元)", ColumnUnit(Decimal("100000000"), "元", "money", "CNY")),
        ("金额（万元）", ColumnUnit(Decimal("10000"), "元", "money", "CNY")),
        ("金额(美元)", ColumnUnit(Decimal("1"), "美元", "money", "USD")),
        ("同比增长(%)", ColumnUnit(Decimal("1"), "%", "percent", None)),
        ("人口（万人）", ColumnUnit(Decimal("10000"), "人", "count", None)),
        ("面积（平方公里）", ColumnUnit(Decimal("1"), "平方公里", "area", None)),
        ("Revenue ($m)", ColumnUnit(Decimal("1000000"), None, "money", "USD")),
        ("Profit (£bn)", ColumnUnit(Decimal("1000000000"), None, "money", "GBP")),
        ("Sales (US$ million)", ColumnUnit(Decimal("1000000"), None, "money", "USD")),
        ("Price (€)", ColumnUnit(Decimal("1"), None, "money", "EUR")),
        ("Staff (millions)", ColumnUnit(Decimal("1000000"), None, "count", None)),
        ("Time (hours)", ColumnUnit(Decimal("1"), "hours", "duration", None)),
        ("Output (kW)", ColumnUnit(Decimal("1"), "kW", "energy", None)),
        ("Share (per cent)", ColumnUnit(Decimal("1"), "per cent", "percent", None)),
    ],
    ids=["yi-yuan", "wan-yuan", "usd-zh", "percent", "wan-ren", "area", "usd-m", "gbp-bn",
         "us-dollar-million", "euro", "plural-scale", "hours", "kw", "per-cent"],
)
def test_header_units(header: str, expected: ColumnUnit) -> None:
    """A unit in brackets at the end of a header cell is read as the figure readers read it."""
    assert column_unit(header, find_figures) == expected


@pytest.mark.parametrize(
    "header",
    ["备注(注)", "Year (2024)", "Item (1)", "Name", "指标", "Rank (No.)", "1-5月(亿元) 合计"],
    ids=["note", "year", "footnote-number", "no-brackets", "label", "abbreviation", "not-at-end"],
)
def test_headers_without_units(header: str) -> None:
    """Brackets that hold no unit, or no brackets at the end, name none."""
    assert column_unit(header, find_figures) is None


STATS = (
    "1-5月,全市规模以上工业增加值1896.4亿元。\n"
    "指标 | 1-5月(亿元) | 同比增长(%)\n"
    "规模以上工业增加值 | 1896.4 | 7.2\n"
    "其中:高技术制造业 | 312.8 | 10.5\n"
    "注:增加值增速按可比价格计算。"
)


def _figures(body: str) -> list[tuple[str, object, str | None, str, str | None, str | None]]:
    facts = extract_facts(body, [], language=None)
    return [(f.text, f.value, f.unit, f.measure, f.currency, f.subject) for f in facts.figures]


def test_cells_take_their_column_unit() -> None:
    """Bare cells under `(亿元)` and `(%)` become money and percents, the row label their subject."""
    assert _figures(STATS)[1:] == [
        ("1896.4", Decimal("189640000000"), "元", "money", "CNY", "规模以上工业增加值"),
        ("7.2", Decimal("7.2"), "%", "percent", None, "规模以上工业增加值"),
        ("312.8", Decimal("31280000000"), "元", "money", "CNY", "高技术制造业"),
        ("10.5", Decimal("10.5"), "%", "percent", None, "高技术制造业"),
    ]


def test_running_text_keeps_its_own_unit() -> None:
    """The sentence's `1896.4亿元` above the table is read as before."""
    assert _figures(STATS)[0] == (
        "1896.4亿元", Decimal("189640000000"), "元", "money", "CNY", "规模以上工业增加值",
    )


def test_a_second_header_starts_a_new_table() -> None:
    """A header row right below another table's rows names the units of the rows under it."""
    body = (
        "Company | Revenue ($m) | Change (%)\nAcme | 12.5 | 3.5\n"
        "Region | Staff (millions) | Area\nNorth | 1.2 | 40"
    )
    assert _figures(body) == [
        ("12.5", Decimal("12500000"), None, "money", "USD", "Acme"),
        ("3.5", Decimal("3.5"), "%", "percent", None, "Acme"),
        ("1.2", Decimal("1200000"), None, "count", None, "North"),
        ("40", Decimal("40"), None, "count", None, None),
    ]


def test_only_bare_cells_take_the_unit() -> None:
    """`5%` says its own unit and `12余` is more than the `12` read in it: both are left alone."""
    body = "指标 | 金额（万元）\n甲 | 5%\n乙 | 12余\n丙 | 30"
    assert _figures(body) == [
        ("5%", Decimal("5"), "%", "percent", None, None),
        ("12", Decimal("12"), None, "count", None, None),
        ("30", Decimal("300000"), "元", "money", "CNY", "丙"),
    ]
