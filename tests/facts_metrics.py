"""Precision and recall of figures and honourees against hand-written expectations.

Figures match on (text, value, unit, qualifier, honouree), as a multiset (the seed states
`100个` four times); subject agreement is counted separately over matched figures.
Honourees match on (name, kind, award); the other fields are counted as agreement.

Run `python -m tests.facts_metrics` for the per-fixture table.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from schemas import Block
from scraper.dom import parse
from scraper.extract import extract
from scraper.facts import Facts, extract_facts

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "facts"
HONOUREE_FIELDS = ("programme", "sponsor", "place", "since", "aliases")
_BLOCK_TAGS = {"h2": "heading", "h3": "heading", "h4": "heading", "p": "paragraph",
               "li": "list_item", "tr": "table_row", "blockquote": "quote"}


@dataclass(frozen=True)
class Score:
    """Counts for one fixture and one kind of record."""

    matched: int
    expected: int
    found: int
    agree: int = 0  # matched records whose secondary fields agree

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(self.matched + other.matched, self.expected + other.expected,
                     self.found + other.found, self.agree + other.agree)


def _figure_key(fig: dict[str, Any]) -> tuple[object, ...]:
    return (fig["text"], Decimal(str(fig["value"])), fig["unit"], fig["qualifier"], fig["honouree"])


def score_figures(expected: list[dict[str, Any]], facts: Facts) -> Score:
    """Multiset match of figures; `agree` counts matched figures whose subject agrees."""
    actual = [f.model_dump(mode="json") for f in facts.figures]
    want = Counter(_figure_key(f) for f in expected)
    got = Counter(_figure_key(f) for f in actual)
    matched = sum((want & got).values())
    subjects = Counter((_figure_key(f), f["subject"]) for f in expected)
    found_subjects = Counter((_figure_key(f), f["subject"]) for f in actual)
    agree = sum((subjects & found_subjects).values())
    return Score(matched, len(expected), len(actual), agree)


def _honouree_key(h: dict[str, Any]) -> tuple[object, ...]:
    return (h["name"], h["kind"], h.get("award"))


def score_honourees(expected: list[dict[str, Any]], facts: Facts) -> Score:
    """Match honourees on (name, kind, award); `agree` counts those whose other fields agree."""
    actual = {_honouree_key(h): h for h in (x.model_dump(mode="json") for x in facts.honourees)}
    matched = agree = 0
    for want in expected:
        got = actual.get(_honouree_key(want))
        if got is None:
            continue
        matched += 1
        if all(want.get(name, [] if name == "aliases" else None) == got[name] for name in HONOUREE_FIELDS):
            agree += 1
    return Score(matched, len(expected), len(actual), agree)


def render_body(html: str) -> tuple[str, list[Block]]:
    """The article text as the body extractor renders it: blocks, table rows joined by " | "."""
    tree = parse(html)
    root = tree.css_first("article") or tree.body
    blocks: list[Block] = []
    if root is None:
        return "", blocks
    for node in root.css("h2, h3, h4, p, li, tr, blockquote"):
        if node.tag == "tr":
            cells = [c.text(separator=" ", strip=True) for c in node.css("td, th")]
            text = " | ".join(cells)
        else:
            text = node.text(separator=" ", strip=True)
        if text:
            blocks.append(Block(kind=_BLOCK_TAGS[node.tag], text=text))  # type: ignore[arg-type]
    return "\n".join(b.text for b in blocks), blocks


def fixture_body(html: str) -> tuple[str, list[Block]]:
    """The body `scraper.extract` gives; while the body step is the `<p>` stub, render it here."""
    article = extract(html, url="https://example.invalid/news/1.html")
    if article.provenance.get("body", "").startswith("stub"):
        return render_body(html)
    return article.body, list(article.blocks)


def fixture_names() -> list[str]:
    """Every fixture: the seed body and each award-news page."""
    return ["seed", *sorted(p.stem for p in FIXTURES.glob("*.html"))]


def run_fixture(name: str) -> tuple[Facts, dict[str, Any]]:
    """Facts of one fixture and its hand-written expectations."""
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    if name == "seed":
        body = (FIXTURES / "seed.body.txt").read_text(encoding="utf-8").rstrip("\n")
        blocks: list[Block] = []
        language = "zh"
    else:
        body, blocks = fixture_body((FIXTURES / f"{name}.html").read_text(encoding="utf-8"))
        language = expected.get("language")
    return extract_facts(body, blocks, language=language), expected


def table() -> tuple[dict[str, tuple[Score, Score]], Score, Score]:
    """Per-fixture (figures, honourees) scores and the totals."""
    rows: dict[str, tuple[Score, Score]] = {}
    total_f = total_h = Score(0, 0, 0)
    for name in fixture_names():
        facts, expected = run_fixture(name)
        fs = score_figures(expected["figures"], facts)
        hs = score_honourees(expected["honourees"], facts)
        rows[name] = (fs, hs)
        total_f, total_h = total_f + fs, total_h + hs
    return rows, total_f, total_h


def main() -> None:
    rows, total_f, total_h = table()
    print(f"{'fixture':<28} {'fig P':>6} {'fig R':>6} {'subj':>6} {'hon P':>6} {'hon R':>6} {'fields':>6}")
    for name, (fs, hs) in [*rows.items(), ("ALL", (total_f, total_h))]:
        subj = fs.agree / fs.matched if fs.matched else 1.0
        fields = hs.agree / hs.matched if hs.matched else 1.0
        print(f"{name:<28} {fs.precision:6.3f} {fs.recall:6.3f} {subj:6.3f} "
              f"{hs.precision:6.3f} {hs.recall:6.3f} {fields:6.3f}   "
              f"figures {fs.matched}/{fs.expected} found {fs.found}; "
              f"honourees {hs.matched}/{hs.expected} found {hs.found}")


if __name__ == "__main__":
    main()
