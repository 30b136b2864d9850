"""Facts of the seed and the award-news fixtures against hand-written expectations."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from schemas import Article, Block
from scraper.facts import extract_facts
from tests.facts_metrics import FIXTURES, fixture_names, run_fixture, score_figures, score_honourees

SEED_BODY = (FIXTURES / "seed.body.txt").read_text(encoding="utf-8").rstrip("\n")
SEED = json.loads((FIXTURES / "seed.expected.json").read_text(encoding="utf-8"))


def _seed_facts() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    facts = extract_facts(SEED_BODY, [], language="zh")
    return ([f.model_dump(mode="json") for f in facts.figures],
            [h.model_dump(mode="json") for h in facts.honourees])


def test_seed_honourees_exact() -> None:
    """The seed gives its five honourees with every field as written by hand."""
    _, honourees = _seed_facts()
    assert honourees == SEED["honourees"]


def test_seed_figures_exact() -> None:
    """Every figure of the seed body, in order, with value, unit, qualifier and honouree."""
    figures, _ = _seed_facts()
    keys = ("text", "value", "value_max", "unit", "measure", "qualifier", "currency", "honouree")
    assert [{k: f[k] for k in keys} for f in figures] == [{k: f[k] for k in keys} for f in SEED["figures"]]


def test_seed_figure_offsets_point_into_body() -> None:
    """Every figure's offsets slice its text out of the body."""
    facts = extract_facts(SEED_BODY, [], language="zh")
    assert all(SEED_BODY[f.start : f.end] == f.text for f in facts.figures)


def test_seed_values_are_exact_decimals() -> None:
    """`1.7万余个` is 17000 exactly and serialises as a plain integer."""
    facts = extract_facts(SEED_BODY, [], language="zh")
    fig = next(f for f in facts.figures if f.text == "1.7万余个")
    assert fig.value == Decimal(17000)
    assert fig.model_dump(mode="json")["value"] == 17000


def test_seed_validates_as_article() -> None:
    """The facts validate inside an Article (offsets, currency, honouree names)."""
    facts = extract_facts(SEED_BODY, [], language="zh")
    Article(body=SEED_BODY, figures=facts.figures, honourees=facts.honourees)


def test_seed_with_heading_blocks() -> None:
    """Blocks that mark the passage headings give the same honourees as the guessed headings."""
    lines = SEED_BODY.split("\n")
    blocks = [Block(kind="heading" if len(line) < 40 and not line.endswith("。") else "paragraph",
                    text=line) for line in lines]
    facts = extract_facts(SEED_BODY, blocks, language="zh")
    assert [h.model_dump(mode="json") for h in facts.honourees] == SEED["honourees"]


@pytest.mark.parametrize("name", fixture_names(), ids=fixture_names())
def test_fixture_precision_recall(name: str) -> None:
    """Precision and recall of figures and of honourees are at least 0.95 on each fixture."""
    facts, expected = run_fixture(name)
    fs = score_figures(expected["figures"], facts)
    hs = score_honourees(expected["honourees"], facts)
    assert min(fs.precision, fs.recall, hs.precision, hs.recall) >= 0.95, (fs, hs)
