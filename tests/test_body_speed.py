"""The body step's speed rewrites match what they replace: same matches, same results."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from scraper.dom import Node, parse
from scraper.extract.absolute import join_url
from scraper.extract.body_blocks import (
    KIND_OF_TAG,
    PARAGRAPH_TAGS,
    _elements,
    _one_line,
    bold_headings,
)
from scraper.extract.body_density import SCORED_IDS, SCORED_SELECTOR
from scraper.extract.boilerplate import (
    _TOKENS,
    _UNLIKELY,
    BOILERPLATE_CLASS,
    CAPTION_BOX,
    DROP_TAGS,
    EMBED_BOX,
    HIDDEN_SELECTOR,
    NAMED_SELECTOR,
    PROTECTED_SHARE,
    UNLIKELY,
    _drop_marked,
    _is_hidden,
    alternation,
    chars,
    drop_junk,
    drop_junk_and_find,
    link_dense,
    prune,
    role_names,
    tag_ids,
)

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


UNLIKELY_NAMES = [
    "comment-list", "sidebar widget", "penci_sidebar", "menu-main", "ad-break", "related", "relate",
    "social-share", "pinglun", "", "main-content", "commentary", "extra-info", "extr",
]


@pytest.mark.parametrize("names", UNLIKELY_NAMES, ids=[name or "empty" for name in UNLIKELY_NAMES])
def test_factored_unlikely_pattern_matches_plain_alternation(names: str) -> None:
    """The prefix-factored unlikely-box pattern finds a token exactly when the plain one does."""
    plain = re.compile("|".join(re.escape(token) for token in _UNLIKELY))
    assert (UNLIKELY.search(names) is None) == (plain.search(names) is None)


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


def test_tag_ids_of_known_tags_are_fixed() -> None:
    """Known tags get the same Lexbor id in every document."""
    (div,) = tag_ids(("div",))
    tree = parse("<div><p>text</p></div>")
    node = tree.css_first("div")
    assert node is not None and node.tag_id == div


def test_tag_ids_refuses_unknown_tags() -> None:
    """An unknown tag has a per-document id: asking for it is an error."""
    with pytest.raises(ValueError, match="my-widget"):
        tag_ids(("div", "my-widget"))


HIDDEN_CASES = [
    '<div hidden>x</div>',
    '<div hidden="">x</div>',
    '<div aria-hidden="true">x</div>',
    '<div aria-hidden="TRUE">x</div>',
    '<div aria-hidden="false">x</div>',
    '<div style="display:none">x</div>',
    '<div style="color: red; display: none">x</div>',
    '<div style="DISPLAY:NONE">x</div>',
    '<div style="visibility:hidden">x</div>',
    '<div style="visibility: hidden">x</div>',
    '<div class="hidden-xs">x</div>',
    '<div>x</div>',
]


@pytest.mark.parametrize("html", HIDDEN_CASES, ids=[str(i) for i in range(len(HIDDEN_CASES))])
def test_hidden_test_matches_hidden_selector(html: str) -> None:
    """The attribute test of `prune` says hidden exactly when Lexbor's `HIDDEN_SELECTOR` does."""
    node = parse(html).css_first("div")
    assert node is not None
    assert _is_hidden(node.attributes) == node.css_matches(HIDDEN_SELECTOR)


def _prune_by_queries(content: Node) -> None:
    """`prune` as it was: three searches, every match tested, marked, then dropped."""
    limit = PROTECTED_SHARE * chars(content.text())
    for node in content.css(DROP_TAGS) + content.css(HIDDEN_SELECTOR):
        if chars(node.text()) < limit:
            node.attrs["data-scraper-drop"] = "1"
    for node in content.css(NAMED_SELECTOR):
        names = role_names(node)
        if BOILERPLATE_CLASS.search(names) is None or chars(node.text()) >= limit:
            continue
        if CAPTION_BOX.search(names) is not None and node.css_first("img") is not None:
            continue
        if EMBED_BOX.search(names) is None:
            node.attrs["data-scraper-drop"] = "1"
    for node in link_dense(content):
        node.attrs["data-scraper-drop"] = "1"
    _drop_marked(content)


ARTICLE = """<article class="post">
<div class="post-meta"><span class="byline author">By Ann Lee</span><time class="date">4 March 2025</time></div>
<p>The harbour bridge reopened to traffic on Monday morning, six months after engineers closed it.</p>
<div class="share-bar"><div class="social"><a href="/fb">Facebook</a><a href="/tw">Twitter</a></div>
<nav class="share-nav"><a href="/mail">Email this story to a friend</a></nav></div>
<p>Commuters who had faced detours of up to forty minutes welcomed the reopening on Monday.</p>
<div style="display:none"><p class="promo">Subscribe now for unlimited access to every story.</p></div>
<div class="wp-caption"><img src="/a.jpg"><p class="wp-caption-text">The bridge at dawn.</p></div>
<ul class="links"><li><a href="/1">Bridge repairs to start in March, engineers say</a></li>
<li><a href="/2">Ferry timetable extended while the bridge is closed</a></li></ul>
<div class="social-media-embed"><blockquote>A quoted post about the bridge reopening.</blockquote></div>
<aside><div class="related"><a href="/3">More on the bridge</a></div></aside>
<p>The repairs cost 42 million dollars, about a third more than the council first estimated.</p>
</article>"""


def test_prune_matches_the_three_searches() -> None:
    """One search with boxes inside dropped boxes skipped leaves the same tree as three searches."""
    fast = parse(ARTICLE).css_first("article")
    slow = parse(ARTICLE).css_first("article")
    assert fast is not None and slow is not None
    prune(fast)
    _prune_by_queries(slow)
    assert fast.html == slow.html
    assert "share-bar" not in fast.html and "wp-caption" in fast.html and "social-media-embed" in fast.html


BLOCKS_PAGE = """<div class="body"><h2>Heading</h2><p><strong>Bold heading</strong></p>
<p>Text <b>bold</b> inside.</p><p> <b>Only bold</b> <!-- note --> </p><blockquote><p>Quote</p></blockquote>
<table><tr><th>Name</th><td>Value<br>more</td></tr></table><ul><li>One</li><li>Two<br>lines</li></ul>
<figure><img src="/x.jpg"><figcaption>Caption</figcaption></figure><section><div>Box</div></section></div>"""


def test_elements_match_the_selectors() -> None:
    """The one-search sorting of the content's elements finds what the four searches found."""
    node = parse(BLOCKS_PAGE).css_first("div.body")
    assert node is not None
    elements, brs, cells, bolds = _elements(node)
    assert [bold.mem_id for bold in bolds] == [bold.mem_id for bold in node.css("strong, b")]
    ids = [element.mem_id for element, _ in elements]
    assert ids == [element.mem_id for element in node.css(", ".join((*KIND_OF_TAG, *PARAGRAPH_TAGS)))]
    assert [br.mem_id for br in brs] == [br.mem_id for br in node.css("br")]
    assert [cell.mem_id for cell in cells] == [cell.mem_id for cell in node.css("td, th")]
    only = {bold.parent.mem_id for bold in node.css("p > strong:only-child, p > b:only-child") if bold.parent}
    assert bold_headings(node) <= only and len(bold_headings(node)) == 2


LINES = [
    "  plain line with single spaces  ",
    "line\nbroken  twice\tand tabbed",
    "\u00a0non-breaking\u00a0spaces\u00a0",
    "中文\n换行",
    "中文 \n 换行",
    "\u3000\n中文\n",
    "English\n中文",
    "| cell | cell |",
    "zero\u200bwidth space",
    "ideographic\u3000space",
]


@pytest.mark.parametrize("piece", LINES, ids=[str(i) for i in range(len(LINES))])
def test_one_line_matches_split_and_join(piece: str) -> None:
    """The fast path for single-spaced lines gives what splitting and joining the words gives."""
    cjk = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t\r]*\n\s*(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")
    assert _one_line(piece) == " ".join(cjk.sub("", piece).split())


JUNK_PAGES = [
    "<p>Plain text.</p><script>var x = '<div>not a div</div>';</script><div>After</div>",
    "<button><span>Share</span><svg><path d='M0'/></svg></button><span>kept</span>",
    "<svg><foreignObject><div>inside svg</div></foreignObject></svg><div>outside</div>",
    "<noscript><div><p>inside noscript</p></div></noscript><p>next</p>",
    "<select><option><span>choice</span></option></select><font>kept</font>",
    "<object><p>fallback</p><embed src='x'></object><section><p>kept</p></section>",
    "<template><div>template content</div></template><article><p>kept</p></article>",
    "<math><style><section>math style</section></style></math><td>kept</td>",
    "<div><button><span>a</span></button><script></script><span>b</span></div><br><pre>c</pre>",
    "<canvas><div>x</div></canvas><canvas></canvas><div><span>after two</span></div>",
]


@pytest.mark.parametrize("html", JUNK_PAGES, ids=[str(i) for i in range(len(JUNK_PAGES))])
def test_drop_junk_and_find_matches_two_searches(html: str) -> None:
    """One walk drops the junk and lists the scored elements outside it, as the two searches did."""
    fast = parse(f"<html><body>{html}<p>end</p></body></html>").body
    slow = parse(f"<html><body>{html}<p>end</p></body></html>").body
    assert fast is not None and slow is not None
    found = drop_junk_and_find(fast, SCORED_IDS)
    drop_junk(slow)
    assert [node.html for node in found] == [node.html for node in slow.css(SCORED_SELECTOR)]
    assert fast.html == slow.html


IMAGE_SOURCES = [
    "https://cdn.example.com/photos/2025/03/bridge.jpg", "http://example.com", "http://example.com?",
    "http://example.com/a.jpg?#", "http://example.com/a.jpg#", "http://example.com/a.jpg;v=2",
    "http://example.com/a.jpg;", "HTTP://example.com/a.jpg", "https://example.com/a b.jpg",
    "https://[::1]/a.jpg", "https://[bad/a.jpg", "https://example.com/a/../b.jpg", "https:///a.jpg",
    "https://example.com/caf\u00e9.jpg", "https://user@example.com:8080/a.jpg?w=1?h=2#f#g",
    "//example.com/a.jpg", "/a.jpg", "a.jpg", "https:/example.com/a.jpg", "https://example.com/a\tb.jpg",
]
BASES = ["https://news.example.com/2025/03/story.html", "http://news.example.com/", "http://[bad/story", "ftp://x/"]


@pytest.mark.parametrize("base", BASES, ids=["https", "http", "bad-base", "ftp"])
@pytest.mark.parametrize("src", IMAGE_SOURCES, ids=[str(i) for i in range(len(IMAGE_SOURCES))])
def test_absolute_url_matches_urljoin(base: str, src: str) -> None:
    """The fast path for plain absolute URLs gives what urljoin gives, errors included."""
    try:
        expected = urljoin(base, src)
    except ValueError:
        with pytest.raises(ValueError):
            join_url(base, src)
        return
    assert join_url(base, src) == expected
