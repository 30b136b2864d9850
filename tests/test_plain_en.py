"""The fast English path (`plain_en`) reads exactly what the detailed path reads, or leaves it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.facts import tables as t
from scraper.facts.figures import _read, _reading
from scraper.facts.guard import Guard
from scraper.facts.plain_en import Plain, Undecided, read_plain_en
from scraper.facts.scanner import SCANNER, candidates


def _both(text: str) -> list[tuple[object, object]]:
    """For every Arabic numeral of `text`: (fast reading + guard, detailed reading + guard)."""
    guard = Guard.build(text)
    pairs: list[tuple[object, object]] = []
    for pos in candidates(text):
        m = SCANNER.match(text, pos)
        if m is None or m.end() <= pos or m.lastgroup != "ar":
            continue
        figure = _read(text, m, guard)
        pairs.append((_reading(text, m, guard), (figure, guard.until(pos) if figure else pos)))
    return pairs


# sentence | the numeral the fast path must decide
DECIDED = [
    ("They logged 1,200 volunteers last year.", "1,200"),
    ("The fund raised $2.5 million in donations.", "2.5"),
    ("It took more than 4,000 hours of service.", "4,000"),
    ("Prices rose 12 percent in May.", "12"),
    ("About 30 people (or 45 guests) came.", "45"),
    ("He ran 5 miles or more each day.", "5"),
    ("The bridge opened in 1950, then closed.", "1950"),
    ("She drives a 15.6-inch laptop.", "15.6"),
    ("Take Route 66 west.", "66"),
    ("Order 5G phones now.", "5"),
    ("the 08 code", "08"),
    ("COVID-19 cases", "19"),
    ("won 7-6 (5) then", "6"),
]


@pytest.mark.parametrize(("sentence", "numeral"), DECIDED, ids=[s for s, _ in DECIDED])
def test_fast_path_decides_common_forms(sentence: str, numeral: str) -> None:
    """Common English forms are decided by the fast patterns, not left to the detailed path."""
    m = SCANNER.match(sentence, sentence.index(numeral))
    assert m is not None and m.lastgroup == "ar"
    assert read_plain_en(sentence, m) is not Undecided.UNDECIDED


# sentence | the numeral the fast path must leave to the detailed path
UNDECIDED = [
    ("Scores were 10-12 in the final.", "10"),
    ("between 3 and 5 people", "3"),
    ("共有 30 people", "30"),
    ("No. 5 Street", "5"),
    ("1. Kyle Busch", "1"),
    ("Score: 7 in the set", "7"),
]


@pytest.mark.parametrize(("sentence", "numeral"), UNDECIDED, ids=[s for s, _ in UNDECIDED])
def test_fast_path_leaves_hard_forms(sentence: str, numeral: str) -> None:
    """Ranges, openers, Chinese context, ordinals, enumerators and codes go to the detailed path."""
    m = SCANNER.match(sentence, sentence.index(numeral))
    assert m is not None
    assert read_plain_en(sentence, m) is Undecided.UNDECIDED


@pytest.mark.parametrize(("sentence", "numeral"), DECIDED, ids=[s for s, _ in DECIDED])
def test_fast_path_equals_detailed_path_on_examples(sentence: str, numeral: str) -> None:
    """Each example reads the same figure and exclusion both ways."""
    for fast, detailed in _both(sentence):
        assert fast == detailed


def test_fast_path_keeps_the_token_for_the_guard() -> None:
    """A figure read after a word hands that word to the guard's label look-behind."""
    text = "They logged 1,200 volunteers."
    m = SCANNER.match(text, text.index("1,200"))
    assert m is not None
    plain = read_plain_en(text, m)
    assert isinstance(plain, Plain) and plain.before == "logged"


_BEFORE = st.sampled_from(
    ["", " ", "(", "\n", "a\n", "+\n", "1.\n", "$", "US$ ", "Rs ", "RMB ", "€", "the ", "The ", "Route ", "No. ", "Page 2 of ",
     "between ", "from ", "in ", "telephone ", "Dayton, OH ", "Mrs ", "共有", "第", "x", "|", "Green, ",
     "Hybrid’s ", "Views: ", "abcdefghijklmnop ", "\u3000", "[", "/", "-", "−", "–", "COVID-", "G", "+", "1-", *(h + " " for h in t.EN_PRE_HEDGES),
     *(w + " " for w in (*t.LABEL_BEFORE, *t.DATE_BEFORE, *t.ID_BEFORE, *t.YEAR_WORDS))]
)
_NUMBER = st.sampled_from(
    ["5", "12", "1,200", "1,2345", "2.5", "05", "1950", "2101", "45409", "13912345678", "2024.5", "12:30"]
)
_AFTER = st.sampled_from(
    ["", " ", "\n", ",", ",000", ";", ")", "”", ".", "%", "-", "–", "+", "+5", "s", "th", "G", "人", " people",
     " People", " a.m.", " or more", " or so", " plus", " to 5", " to $7", " and 7", "-12", " tsp.\nMeal",
     " abcdefghijklmnopqrs", *(" " + w for w in (*t.EN_UNITS, *t.EN_CURRENCIES, *t.EN_SCALES, *t.EN_MONEY_SCALES))]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_BEFORE, max_size=2), _NUMBER, st.lists(_AFTER, max_size=3))
def test_fast_path_equals_detailed_path(before: list[str], number: str, after: list[str]) -> None:
    """Any concatenation of table entries around a number reads the same both ways."""
    for fast, detailed in _both("".join(before) + number + "".join(after)):
        assert fast == detailed
