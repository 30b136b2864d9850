"""Facts of an article: figures (quantities) and honourees, from the body text.

STUB laid by the skeleton; the facts work (issue 3) fills `extract_facts`, keeping its
signature and the `Facts` shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas import Block, Figure, Honouree


@dataclass(frozen=True)
class Facts:
    figures: list[Figure] = field(default_factory=list)
    honourees: list[Honouree] = field(default_factory=list)


def extract_facts(body: str, blocks: list[Block], *, language: str | None) -> Facts:
    """Every figure stated in `body` and every honouree it names."""
    return Facts()
