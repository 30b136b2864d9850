"""Units a table's header row names once (`1-5月(亿元)`, `Revenue ($m)`, `Share (%)`), given
to the bare numbers of their column.

A statistics table writes the unit in its header: `指标 | 1-5月(亿元) | 同比增长(%)`, then
`规模以上工业增加值 | 1896.4 | 7.2`. Alone, the cell `1896.4` reads as a unitless count; under
its header it is 1896.4亿元 (189,640,000,000 CNY), and the row's first cell names what it
counts.

The header's unit is read by the figure readers themselves: `1` written with it (`1亿元`,
`$1m`, `1 million`, `1%`) is read as a figure, whose value is the column's multiplier and
whose unit, measure and currency the column's numbers take. So this module has no unit
grammar of its own: what the readers know in running text, a header may say.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from scraper.facts import tables as t
from scraper.facts.numerals import tidy
from scraper.facts.passages import Line
from scraper.facts.scanner import RawFigure

# The unit in brackets at the end of a header cell: `1-5月(亿元)`, `Revenue ($m)`, `占比（%）`.
HEADER_UNIT = re.compile(r"[（(]\s*([^()（）]{1,16}?)\s*[)）]\s*$")
# A row label's lead-in (`其中：高技术制造业`, "of which"): not part of what the row counts.
_ROW_LABEL_LEAD = re.compile(r"^(?:其中|内含|含)\s*[:：]\s*")
_PREFIXES = tuple(sorted(t.PREFIX_CURRENCIES, key=len, reverse=True))

# A reader of figures in a text (`figures.find_figures`), passed in: this module sits
# below `figures` (no import cycle).
Reader = Callable[[str], list[RawFigure]]


@dataclass(frozen=True)
class ColumnUnit:
    """What a header's unit makes of a bare number: multiply by `factor`, then these."""

    factor: Decimal
    unit: str | None
    measure: t.MeasureName
    currency: str | None


def column_unit(header: str, read: Reader) -> ColumnUnit | None:
    """The unit a header cell names in brackets at its end, or None (`(注)`, `(2024)`)."""
    m = HEADER_UNIT.search(header)
    if m is None:
        return None
    for sample in _samples(m.group(1)):
        found = read(sample)
        if len(found) != 1:
            continue
        figure = found[0]
        if (figure.start, figure.end) != (0, len(sample)) or figure.qualifier != "exact":
            continue
        if figure.unit is None and figure.value == 1 and figure.measure == "count":
            continue  # nothing learned: `(1)`
        return ColumnUnit(figure.value, figure.unit, figure.measure, figure.currency)
    return None


def _samples(written: str) -> Iterator[str]:
    """`1` written with the unit, as a reader would meet it: `1亿元`, `$1m`, `1 million`
    (a header's plural `millions` as the singular a number takes)."""
    for prefix in _PREFIXES:
        if written.startswith(prefix):
            yield prefix + "1" + written[len(prefix) :]
            return
    yield "1" + written
    if written[0].isalpha() and written.isascii():
        yield "1 " + written
        if written.endswith("s"):
            yield "1 " + written[:-1]  # (millions), (hours)


def apply_column_units(figures: list[RawFigure], lines: list[Line], read: Reader) -> list[RawFigure]:
    """The figures, those that fill a whole cell under a header unit multiplied and given it."""
    if not any(line.kind == "table_row" for line in lines):
        return figures
    changed: dict[int, RawFigure] = {}
    by_start = {figure.start: figure for figure in figures}
    known: dict[str, ColumnUnit | None] = {}  # cell text -> its unit: tables repeat them
    for table in _tables(lines):
        units: list[ColumnUnit | None] = []
        for row in table:
            cells = row.cell_spans
            named = [_unit_of(text, read, known) for text, _, _ in cells]
            if any(named):  # a header row (the first, or a second table's right below)
                units = named
                continue
            label = _ROW_LABEL_LEAD.sub("", cells[0][0]) if cells else ""
            for (text, start, end), unit in zip(cells, units, strict=False):
                figure = by_start.get(start)
                if unit is None or figure is None or figure.end != end or not text:
                    continue
                if figure.unit is not None or figure.measure != "count":
                    continue  # the cell says its own unit
                changed[start] = _with_unit(figure, unit, label)
    if not changed:
        return figures
    return [changed.get(figure.start, figure) for figure in figures]


def _unit_of(text: str, read: Reader, known: dict[str, ColumnUnit | None]) -> ColumnUnit | None:
    if text not in known:
        known[text] = column_unit(text, read)
    return known[text]


def _with_unit(figure: RawFigure, unit: ColumnUnit, label: str) -> RawFigure:
    high = tidy(figure.value_max * unit.factor) if figure.value_max is not None else None
    subject = figure.subject or (label if label and not label[0].isdigit() else None)
    return figure._replace(
        value=tidy(figure.value * unit.factor), value_max=high, unit=unit.unit,
        measure=unit.measure, currency=unit.currency if unit.measure == "money" else None,
        subject=subject,
    )


def _tables(lines: list[Line]) -> Iterator[list[Line]]:
    """Runs of consecutive table rows (at least two: a header and a row)."""
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.kind == "table_row":
            run.append(line)
            continue
        if len(run) >= 2:
            yield run
        run = []
