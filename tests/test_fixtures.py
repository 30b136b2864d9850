"""Every fixture page extracts to its golden record (`fixtures/pages/NAME.json`), in full.

Regenerate with `python -m tests.goldens --write` after a deliberate change, and read the diff.
"""

from __future__ import annotations

import pytest

from tests.goldens import diff, expected_of, fixture_names, record_of, url_of

NAMES = fixture_names()


def test_there_are_fixtures() -> None:
    """The seed page (both encodings) and at least twelve modelled sites are present."""
    assert {"seed-utf8.html", "seed-gbk.html"} <= set(NAMES)
    assert len(NAMES) >= 14


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_fixture_has_url(name: str) -> None:
    """Each fixture says which URL it was fetched from (urls.json)."""
    assert url_of(name)


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_fixture_matches_golden(name: str) -> None:
    """The full record equals the expected JSON next to the page."""
    expected = expected_of(name)
    assert expected is not None, f"missing golden; run: python -m tests.goldens --write {name}"
    actual = record_of(name)
    assert actual == expected, "\n" + diff(name, expected, actual)
