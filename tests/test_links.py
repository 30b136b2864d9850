"""Out-links and feed links of a page."""

from __future__ import annotations

from scraper.dom import parse
from scraper.extract.links import feed_links, page_links

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>实时讯息 - 宁波新闻网</title>
<base href="/ssxx/">
<link rel="stylesheet" href="/css/main.css">
<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" href="atom.xml?utm_source=head">
<link rel="alternate" hreflang="en" href="/en/">
<script>var _hmt = _hmt || [];</script>
</head><body>
<div class="nav"><a href="/">首页</a> <a href="index.html">实时讯息</a> <a href="/bkzs/index.html">百科知识</a></div>
<div class="ad"><a href="https://ads.example.net/click?id=9" rel="sponsored nofollow"><img src="/ad.gif"></a></div>
<ul class="list">
  <li><a href="20250703/7928711.html">全国志愿服务“四个100”,宁波5个先进典型上榜</a></li>
  <li><a href="20250703/7928711.html?utm_source=wechat&amp;utm_medium=share">重复</a></li>
  <li><a href="20250702/7928650.html#comments">评论</a></li>
  <li><a href=" ../ssxx/20250701/7928512.html ">宁波港</a></li>
</ul>
<a href="javascript:void(0)" onclick="share()">分享</a>
<a href="mailto:news@example.com">投稿</a>
<a href="tel:0574-1234">电话</a>
<a href="#top">返回顶部</a>
<a href="https://weibo.com/login" rel="nofollow">登录</a>
<map><area href="/map.html" shape="rect" coords="0,0,1,1"></map>
</body></html>"""

BASE_URL = "http://news.example.com/ssxx/index.html"


def test_page_links_resolved_against_base_element() -> None:
    """Anchors resolve against <base href>, are normalised, deduplicated and in document order."""
    links = page_links(parse(PAGE), base_url=BASE_URL)
    assert links == [
        "http://news.example.com/",
        "http://news.example.com/ssxx/index.html",
        "http://news.example.com/bkzs/index.html",
        "http://news.example.com/ssxx/20250703/7928711.html",
        "http://news.example.com/ssxx/20250702/7928650.html",
        "http://news.example.com/ssxx/20250701/7928512.html",
        "http://news.example.com/map.html",
    ]


def test_page_links_without_base_element() -> None:
    """Without <base>, anchors resolve against the page URL."""
    tree = parse('<html><body><a href="b.html">b</a><a href="../c/">c</a></body></html>')
    assert page_links(tree, base_url="http://a.com/x/a.html") == ["http://a.com/x/b.html", "http://a.com/c/"]


def test_page_links_skip_nofollow_and_sponsored() -> None:
    """rel=nofollow/sponsored/ugc anchors are not followed."""
    links = page_links(parse(PAGE), base_url=BASE_URL)
    assert not any("ads.example.net" in u or "weibo.com" in u for u in links)


def test_meta_robots_nofollow() -> None:
    """<meta name=robots content=nofollow> means no out-links at all."""
    tree = parse('<html><head><meta name="robots" content="noindex, nofollow"></head>'
                 '<body><a href="/a.html">a</a></body></html>')
    assert page_links(tree, base_url="http://a.com/") == []


def test_page_links_without_any_base() -> None:
    """Relative links with no base URL at all are dropped; absolute ones kept."""
    tree = parse('<html><body><a href="/rel.html">r</a><a href="http://a.com/abs.html">a</a></body></html>')
    assert page_links(tree, base_url="") == ["http://a.com/abs.html"]


def test_feed_links() -> None:
    """RSS and Atom alternates are found, resolved and normalised; other alternates ignored."""
    assert feed_links(parse(PAGE), base_url=BASE_URL) == [
        "http://news.example.com/feed.xml",
        "http://news.example.com/ssxx/atom.xml",
    ]


def test_feed_links_type_with_parameters() -> None:
    """A feed type with parameters and upper-case rel still counts."""
    tree = parse('<html><head><link rel="Alternate" type="application/rss+xml; charset=utf-8" '
                 'href="http://a.com/rss"></head><body></body></html>')
    assert feed_links(tree, base_url="http://a.com/") == ["http://a.com/rss"]


def test_page_links_skip_files() -> None:
    """Links to images, documents and archives are not pages and are dropped."""
    tree = parse('<html><body><a href="/a.html">a</a><a href="/f/report.PDF">pdf</a>'
                 '<a href="/img/1.jpg?w=300">jpg</a><a href="/dl/app.zip">zip</a>'
                 '<a href="/news/2025.07/">dotted dir</a><a href="/view.php?file=x.pdf">php</a></body></html>')
    assert page_links(tree, base_url="http://a.com/") == [
        "http://a.com/a.html", "http://a.com/news/2025.07/", "http://a.com/view.php?file=x.pdf",
    ]
