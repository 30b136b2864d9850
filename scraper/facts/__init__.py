"""Facts of an article: figures (quantities) and honourees, from the body text.

`extract_facts` reads the body once: honourees first (their award titles and names are
protected spans: numerals inside them are not figures), then figures, each linked to the
honouree whose passage holds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas import Block, Figure, Honouree
from scraper.facts.figures import find_figures
from scraper.facts.honourees import find_honourees
from scraper.facts.passages import line_at, split_lines


@dataclass(frozen=True)
class Facts:
    figures: list[Figure] = field(default_factory=list)
    honourees: list[Honouree] = field(default_factory=list)


def extract_facts(body: str, blocks: list[Block], *, language: str | None) -> Facts:
    """Every figure stated in `body` and every honouree it names."""
    if not body.strip():
        return Facts()
    lines = split_lines(body, blocks)
    found = find_honourees(body, lines)
    figures: list[Figure] = []
    for raw in find_figures(body, protected=found.protected):
        owner = found.owners.get(line_at(lines, raw.start).index)
        figures.append(
            Figure(
                text=body[raw.start : raw.end], start=raw.start, end=raw.end, value=raw.value,
                value_max=raw.value_max, unit=raw.unit, measure=raw.measure,
                qualifier=raw.qualifier, currency=raw.currency, subject=raw.subject,
                honouree=owner,
            )
        )
    return Facts(figures=figures, honourees=found.honourees)


__all__ = ["Facts", "extract_facts"]
