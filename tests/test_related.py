"""Related / recommended / previous-next links: where lists are found and how links read."""

from __future__ import annotations

import pytest

from schemas import Link
from scraper.dom import parse
from scraper.extract.related import extract_related

URL = "https://www.example.cn/news/2025/0703/1.html"
PAGE = """<html><head><title>T</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/news/">新闻</a></div>
<h1>文章标题在这里</h1><div class="content"><p>正文第一段。</p><p>正文第二段。</p></div>
{block}
<div class="sidebar"><h3>热门文章</h3><ul><li><a href="/hot/1.html">热门文章一号标题</a><span>07-01</span></li></ul></div>
<div class="footer"><a href="/about/">关于我们</a></div>
</body></html>"""


def _related(block: str, published: str | None = "2025-07-03T13:57:00+08:00") -> list[Link]:
    found = extract_related(parse(PAGE.format(block=block)), url=URL, published=published)
    return [] if found is None else found.value


def test_glued_month_day_is_split_off() -> None:
    """`title07-03` becomes the title, the date as shown, and the ISO date of the article's year."""
    links = _related('<div class="xgwz"><div>相关文章:</div><ul>'
                     '<li><a href="/a/1.html">宁波5个先进典型上榜</a><span>07-03</span></li></ul></div>')
    assert links == [Link(title="宁波5个先进典型上榜", url="https://www.example.cn/a/1.html",
                          date="2025-07-03", date_text="07-03")]


def test_month_day_after_article_date_is_last_year() -> None:
    """A December link under a July article belongs to the year before."""
    links = _related('<div class="xgwz"><ul><li><a href="/a/9.html">年终盘点这一年</a>'
                     "<em>12-28</em></li></ul></div>")
    assert links[0].date == "2024-12-28"


def test_month_day_without_article_date_has_no_iso_date() -> None:
    """Without the article's own date the year is unknown: the date stays null, the text stays."""
    links = _related('<div class="xgwz"><ul><li><a href="/a/1.html">新闻标题一号</a><span>07-03</span></li>'
                     "</ul></div>", published=None)
    assert (links[0].date, links[0].date_text) == (None, "07-03")


def test_date_inside_link_text_is_split_off() -> None:
    """A date glued inside the anchor text leaves the title clean."""
    links = _related('<div class="related"><a href="/a/2.html">内蒙古储能项目开工07-02</a></div>')
    assert (links[0].title, links[0].date_text, links[0].date) == ("内蒙古储能项目开工", "07-02", "2025-07-02")


def test_leading_bracketed_date_is_split_off() -> None:
    """`【2025.05.15】title` gives the date and the title without it."""
    links = _related('<div class="xgyd"><ul><li><a href="/a/3.html">【2025.05.15】乡村运营师持证上岗</a></li>'
                     "</ul></div>")
    assert (links[0].title, links[0].date) == ("乡村运营师持证上岗", "2025-05-15")


HEADING_CASES = [
    ("<h3>相关阅读</h3><ul><li><a href='/r/1.html'>相关的第一篇文章</a></li></ul>", "heading:相关阅读"),
    ("<p>相关文章:</p><ul><li><a href='/r/1.html'>相关的第一篇文章</a></li></ul>", "heading:相关文章"),
    ("<section><h2>More on this story</h2><ul><li><a href='/r/1.html'>Fares frozen again</a></li></ul>"
     "</section>", "heading:More on this story"),
    ("<div class='jp-relatedposts'><h4><a href='/r/1.html'>Parks foundation campaign</a></h4></div>",
     "dom:related"),
]


@pytest.mark.parametrize(("block", "source"), HEADING_CASES, ids=["h3-word", "plain-p-word", "english",
                                                                  "class"])
def test_list_found_by_heading_or_class(block: str, source: str) -> None:
    """A telling heading word or container class finds the list; its source says which."""
    found = extract_related(parse(PAGE.format(block=block)), url=URL, published=None)
    assert found is not None
    assert found.source == source
    assert [link.url for link in found.value] == ["https://www.example.cn/r/1.html"]


def test_previous_next_labels_are_stripped() -> None:
    """上一篇/下一篇 and WordPress Previous/Next labels are not part of the titles."""
    block = ('<div class="prevNext"><p>上一篇：<a href="/p/1.html">杭州亚运场馆接待市民</a></p>'
             '<p>下一篇：<a href="/p/2.html">温州机场新航站楼开工</a></p></div>'
             '<nav class="navigation post-navigation"><div class="nav-previous"><a href="/p/3.html" rel="prev">'
             '<span class="meta-nav">Previous</span> <span>School board names superintendent</span></a></div></nav>')
    assert [link.title for link in _related(block)] == [
        "杭州亚运场馆接待市民", "温州机场新航站楼开工", "School board names superintendent",
    ]


NOT_RELATED = [
    "",
    "<h2>Related topics</h2><ul><li><a href='/t/1'>Manchester</a></li><li><a href='/t/2'>Trams</a></li></ul>",
    "<h3>最新文章</h3><ul><li><a href='/n/1.html'>最新的一篇文章标题</a></li></ul>",
    "<div class='page'><a href='/a_2.html'>2</a><a href='/a_2.html'>下一页</a></div>",
    "<div class='relative flex'><a href='/x/1.html'>Tailwind layout link text</a></div>",
    "<p>本文介绍了相关文章的写作方法，以及如何在长段落里提到相关阅读这个词而不是列表。</p><a href='/z.html'>其他链接标题</a>",
]


@pytest.mark.parametrize("block", NOT_RELATED, ids=["none", "topics", "latest", "pagination", "tailwind",
                                                    "word-in-paragraph"])
def test_not_a_related_list(block: str) -> None:
    """Site-wide lists, topic tags, pagination and prose mentioning the words are not related lists."""
    assert _related(block) == []


def test_furniture_links_are_skipped() -> None:
    """`更多` / `More` links in a related box are not articles."""
    block = ('<div class="related"><h3>Related</h3><a href="/more/">More »</a>'
             '<a href="/r/5.html">Council approves park</a></div>')
    assert [link.title for link in _related(block)] == ["Council approves park"]


def test_duplicate_urls_are_kept_once() -> None:
    """A link found by both its container class and its heading is listed once."""
    block = ('<div class="xgwz"><h3>相关文章</h3><ul><li><a href="/r/1.html">同一篇相关文章</a></li></ul></div>')
    assert len(_related(block)) == 1


def test_page_without_body_has_no_related() -> None:
    """An empty document yields None, not an error."""
    assert extract_related(parse(""), url=None, published=None) is None


def test_huge_related_box_is_bounded() -> None:
    """A box of thousands of links yields at most MAX_LINKS links, quickly."""
    from scraper.extract.related import MAX_LINKS

    block = '<div class="related">' + "".join(
        f'<a href="/r/{i}.html">related title number {i}</a>' for i in range(5000)
    ) + "</div>"
    assert len(_related(block)) == MAX_LINKS


# Nodes that both queries list, some several times (a heading with a related class, a byline
# box whose class holds `pre`, an h1 with an id holding `related`).
SHARED_PAGE = """<html><head><title>第一条新闻 - 示例网</title>
<meta name="author" content="张三"><meta class="related" name="keywords" content="新闻">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "第一条新闻"}</script></head>
<body><nav class="breadcrumb prev-crumbs"><a href="/">首页</a> &gt; <a href="/news/">新闻</a></nav>
<h1 id="related-title" class="headline">第一条新闻</h1>
<div class="byline author-preview" itemprop="author">记者 李四</div>
<time datetime="2025-07-03T10:00:00+08:00">2025-07-03</time>
<div class="content"><p>正文第一段。</p><h2 class="related-heading xg-title">相关新闻</h2>
<ul class="xgxw"><li><a href="/r/1.html">另一条相关的新闻标题</a></li></ul></div>
<dt class="source-prev">来源</dt><div class="post-nav related pre">
<a href="/p/1.html">上一篇：前一篇文章的标题</a></div>
<div class="footer"><a href="/about/">关于我们</a></div></body></html>"""


def test_metadata_query_finds_the_same_candidates() -> None:
    """The candidates that the metadata's one query hands over are those of the related query."""
    from scraper.extract.meta_page import QUERY, PageView
    from scraper.extract.related import candidates

    tree = parse(SHARED_PAGE)
    view = PageView.read(tree, url=URL)
    own = candidates(tree)
    assert [(node.mem_id, mark, heading) for node, mark, heading in view.related.nodes] == [
        (node.mem_id, mark, heading) for node, mark, heading in own.nodes
    ]
    # and the metadata reads each of its nodes exactly as often as its own query lists it
    listed = [node.mem_id for node in tree.css(QUERY) if node.tag not in ("title", "meta", "link", "script")]
    assert [item.node.mem_id for item in view.marked] == listed


def test_shared_candidates_give_the_same_links() -> None:
    """Related links from the metadata's candidates equal those the related query finds."""
    from scraper.extract.metadata import extract_metadata

    tree = parse(SHARED_PAGE)
    meta = extract_metadata(tree, url=URL)
    shared = extract_related(tree, url=URL, published=None, found=meta.related)
    alone = extract_related(tree, url=URL, published=None)
    assert shared is not None
    assert shared == alone


JOINS = [
    ("https://www.example.cn/news/1.html", "https://other.example.com/a/b.html?x=1#top"),
    ("https://www.example.cn/news/1.html", "/r/2.html"),
    ("https://www.example.cn:8080/news/1.html", "/r/2.html?id=3"),
    ("https://www.example.cn/news/1.html", "../r/3.html"),
    ("https://www.example.cn/news/1.html", "/a/../b/./c.html"),
    ("https://www.example.cn/news/1.html", "/a//b.html"),
    ("https://www.example.cn/news/1.html", "https://x.example.com/p?"),
    ("https://www.example.cn/news/1.html", "//cdn.example.com/r.html"),
    ("https://www.example.cn/news/1.html", "/p;params"),
    ("", "/r/2.html"),
    ("", "HTTPS://X.example.com/Y"),
    ("http://example.cn\n", "/r/2.html"),
]


@pytest.mark.parametrize(("base", "href"), JOINS, ids=[
    "absolute", "rooted", "port-query", "relative", "dot-segments", "empty-segment", "empty-query",
    "network-path", "params", "no-base", "upper-scheme", "newline-base",
])
def test_join_url_is_urljoin(base: str, href: str) -> None:
    """The direct join gives exactly what `urllib.parse.urljoin` gives."""
    from urllib.parse import urljoin

    from scraper.extract.absolute import join_url

    assert join_url(base, href) == urljoin(base, href)


HEADING_TEXTS = ["相关阅读", "RELATED STORIES", "More on this story", "Prevıous article", "Read moſt",
                 "İstanbul: Related", "Nothing here", "you may also LIKE"]


@pytest.mark.parametrize("text", HEADING_TEXTS, ids=["zh", "upper", "mixed", "dotless-i", "long-s",
                                                     "dotted-capital-i", "none", "lower-upper"])
def test_heading_word_equals_the_case_insensitive_search(text: str) -> None:
    """The lower-cased heading-word search gives the word `HEADING_RE` gives, as written."""
    from scraper.extract.related import HEADING_RE, _heading_word

    m = HEADING_RE.search(text)
    assert _heading_word(text) == (None if m is None else m.group(0))
