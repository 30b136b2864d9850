"""The body step's speed rewrites match what they replace: same matches, same results."""

from __future__ import annotations

import re

import pytest

from scraper.extract.boilerplate import _TOKENS, BOILERPLATE_CLASS, alternation

_PLAIN = re.compile(
    r"(?<![a-z0-9])(?:" + "|".join(re.escape(t) for t in sorted(_TOKENS, key=len, reverse=True)) + r")(?![a-z0-9])"
)
NAMES = [
    "social-share", "shared-content", "ad", "ads-slot", "adv", "header-ad", "article-body main",
    "post-meta entry-meta", "metadata", "sidebar-widget", "wp-caption aligncenter", "news_txt",
    "author", "authors-list", "authorbox", "screen-reader-text", "screen-reader", "x_share-bar_y",
    "share--bar", "", " ", "related-posts", "relatedness", "byline-social-icons", "c-ad-container",
]


@pytest.mark.parametrize("names", NAMES, ids=[name or "empty" for name in NAMES])
def test_factored_class_pattern_matches_plain_alternation(names: str) -> None:
    """The prefix-factored boilerplate pattern finds a token exactly when the plain one does."""
    assert (BOILERPLATE_CLASS.search(names) is None) == (_PLAIN.search(names) is None)


@pytest.mark.parametrize(
    ("words", "text", "found"),
    [
        (("ad", "ads", "advert"), "ads", "ads"),
        (("ad", "ads", "advert"), "adver", "ad"),
        (("x",), "x", "x"),
        (("a.b", "a"), "a.b", "a.b"),
    ],
    ids=["longest", "prefix-only", "single", "escaped"],
)
def test_alternation_matches_each_word(words: tuple[str, ...], text: str, found: str) -> None:
    """`alternation` matches every word of its table, escaped, preferring longer words."""
    match = re.match(alternation(words), text)
    assert match is not None and match.group() == found
