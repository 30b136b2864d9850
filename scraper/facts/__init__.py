"""Facts of an article: figures (quantities) and honourees, from the body text.

`extract_facts` reads the body once: honourees first (their award titles and names are
protected spans: numerals inside them are not figures), then figures, each linked to the
honouree whose passage holds it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter

from schemas import Block, Figure, Honouree
from scraper.facts.columns import apply_column_units
from scraper.facts.figures import find_figures
from scraper.facts.honourees import NOTHING, Hints, find_honourees
from scraper.facts.passages import Line, split_lines

# One validator call for all the figures of a text: the same checks as `Figure(...)` each,
# at about half the cost (no per-model Python entry).
_FIGURES: TypeAdapter[list[Figure]] = TypeAdapter(list[Figure])


@dataclass(frozen=True)
class Facts:
    figures: list[Figure] = field(default_factory=list)
    honourees: list[Honouree] = field(default_factory=list)


def extract_facts(body: str, blocks: list[Block], *, language: str | None) -> Facts:
    """Every figure stated in `body` and every honouree it names."""
    if not body.strip():
        return Facts()
    hints = Hints.of(body)
    structured = not blocks or any(b.kind in ("heading", "table_row") for b in blocks)
    lines: list[Line]
    if hints or structured:
        lines = split_lines(body, blocks)
        found = find_honourees(body, lines, hints)
        starts = [line.start for line in lines]
    else:  # no award words, no headings or tables: nothing can name an honouree
        lines, found, starts = [], NOTHING, [0]
    owners = found.owners
    raws = find_figures(body, protected=found.protected)
    if lines:  # a table's header may name its columns' unit: `1-5月(亿元)`
        raws = apply_column_units(raws, lines, find_figures)
    drafts: list[dict[str, Any]] = [
        {
            "text": body[raw.start : raw.end], "start": raw.start, "end": raw.end, "value": raw.value,
            "value_max": raw.value_max, "unit": raw.unit, "measure": raw.measure,
            "qualifier": raw.qualifier, "currency": raw.currency, "subject": raw.subject,
            "honouree": owners.get(bisect_right(starts, raw.start) - 1) if owners else None,
        }
        for raw in raws
    ]
    figures = _FIGURES.validate_python(drafts) if drafts else []
    return Facts(figures=figures, honourees=found.honourees)


__all__ = ["Facts", "extract_facts"]
