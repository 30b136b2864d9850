"""Article or not: the ordered rule table, and signals read from real-looking pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas import Article
from scraper.crawl.classify import RULES, body_units, classify
from scraper.dom import parse
from scraper.extract import analyse
from scraper.extract.signals import Signals, page_signals

ZH_BODY = "2024年度全国志愿服务“四个100”先进典型名单揭晓。记者今天从市委社会工作部获悉,宁波5个先进典型上榜。" * 3
EN_BODY = " ".join(["The city's volunteer programme won a national award on Thursday, officials said."] * 8)
LONG_ZH = ZH_BODY * 6

SPARSE = Signals(link_count=40, link_text_chars=300, text_chars=3000)
DENSE = Signals(link_count=200, link_text_chars=2400, text_chars=3000, has_date_meta=True)

CASES = [
    ("empty-body", "", Signals(jsonld_types=("NewsArticle",)), "http://a.cn/n/20250703/1.html", False, "empty-body"),
    ("listing-url-before-empty-body", "", SPARSE, "http://a.com/tag/x/", False, "url-listing"),
    ("jsonld-article", EN_BODY, Signals(jsonld_types=("WebPage", "NewsArticle")), "http://a.com/story", True, "jsonld-article"),
    ("listing-url-beats-leaked-jsonld", EN_BODY, Signals(jsonld_types=("BlogPosting",)), "http://a.com/tag/x/", False, "url-listing"),
    ("jsonld-beats-index-url", EN_BODY, Signals(jsonld_types=("BlogPosting",)), "http://a.com/2019/x/index.html", True, "jsonld-article"),
    ("article-under-column", ZH_BODY, SPARSE, "http://a.cn/column/20250703/123.html", True, "url-article"),
    ("section-index-file", ZH_BODY, SPARSE, "http://a.cn/section/world/index.html", False, "url-index"),
    ("jsonld-listing", EN_BODY, Signals(jsonld_types=("CollectionPage",)), "http://a.com/world", False, "jsonld-listing"),
    ("jsonld-article-with-itemlist", EN_BODY, Signals(jsonld_types=("ItemList", "NewsArticle")), "http://a.com/story", True, "jsonld-article"),
    ("jsonld-navigation-is-not-listing", EN_BODY, Signals(jsonld_types=("SiteNavigationElement",), og_type="article"), "http://a.com/story", True, "og-article"),
    ("url-tag", EN_BODY, SPARSE, "http://a.com/tag/volunteers/", False, "url-listing"),
    ("url-category", EN_BODY, SPARSE, "http://a.com/category/world", False, "url-listing"),
    ("url-index", ZH_BODY, SPARSE, "http://a.cn/ssxx/index.html", False, "url-index"),
    ("url-index-dated-article", EN_BODY, SPARSE, "http://a.com/2019/11/18/politics/walter-reed/index.html", True, "url-article"),
    ("url-date-archive", EN_BODY, SPARSE, "http://a.com/2025/07/03/", False, "no-article-signal"),
    ("url-query-page-with-id", ZH_BODY, SPARSE, "http://a.kr/news/news_view.html?idx=8576&page=2", False, "no-article-signal"),
    ("url-query-page-1", EN_BODY, SPARSE, "http://a.com/news?page=1", False, "no-article-signal"),
    ("url-index-page", ZH_BODY, SPARSE, "http://a.cn/ssxx/index_2.html", False, "url-listing"),
    ("url-page-n", EN_BODY, SPARSE, "http://a.com/en/world/page/2/", False, "url-listing"),
    ("url-list", ZH_BODY, SPARSE, "http://a.cn/news/list_12_3.html", False, "url-listing"),
    ("url-query-page", EN_BODY, SPARSE, "http://a.com/news?page=3", False, "url-listing"),
    ("url-home", EN_BODY, SPARSE, "http://a.com/", False, "url-listing"),
    ("og-news", EN_BODY, Signals(og_type="news"), "http://a.com/features/harbour", True, "og-article"),
    ("og-too-short", "Watch the video.", Signals(og_type="article"), "http://a.com/video/x", False, "no-article-signal"),
    ("og-article", EN_BODY, Signals(og_type="article"), "http://a.com/features/harbour", True, "og-article"),
    ("link-dense", ZH_BODY, DENSE, "http://a.cn/world/briefs", False, "link-dense"),
    ("link-dense-loses-to-url", ZH_BODY, DENSE, "http://a.cn/c/2019-03-12/doc-ihsxncvh2157012.shtml", True, "url-article"),
    ("url-dated", ZH_BODY, SPARSE, "http://a.cn/ssxx/20250703/7928711.html", True, "url-article"),
    ("url-gov", ZH_BODY, SPARSE, "http://a.gov.cn/bkzs/202506/t20250620_1234567.html", True, "url-article"),
    ("url-content", ZH_BODY, SPARSE, "http://a.cn/2025-06/15/content_7700123.htm", True, "url-article"),
    ("url-slug-id", EN_BODY, SPARSE, "http://a.com/Breaking-News/Son-of-former-president-608399", True, "url-article"),
    ("url-numeric-id", ZH_BODY, SPARSE, "http://a.cn/news/7928711.shtml", True, "url-article"),
    ("url-dated-short-body", "上榜。", SPARSE, "http://a.cn/ssxx/20250703/1.html", False, "no-article-signal"),
    ("dated-body", EN_BODY, Signals(has_date_meta=True), "http://a.com/features/harbour", True, "dated-body"),
    ("long-body", LONG_ZH, SPARSE, "http://a.cn/about/history", True, "long-body"),
    ("nothing", EN_BODY, SPARSE, "http://a.com/about.html", False, "no-article-signal"),
]


@pytest.mark.parametrize(
    ("body", "signals", "url", "is_article", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_classify_table(body: str, signals: Signals, url: str, is_article: bool, reason: str) -> None:
    """The first rule that applies decides, and the reason names it."""
    decision = classify(Article(url=url, body=body), signals, url=url)
    assert (decision.is_article, decision.reason) == (is_article, reason)


def test_published_record_counts_as_dated() -> None:
    """A publication date in the record is enough for the dated-body rule."""
    article = Article(url="http://a.com/x", body=EN_BODY, published="2025-07-03T13:57:00+08:00")
    assert classify(article, Signals(), url="http://a.com/x").reason == "dated-body"


def test_rule_names_unique_and_last_is_catch_all() -> None:
    """Rule names are unique; the last rule always applies."""
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert RULES[-1].name == "no-article-signal"


UNITS = [
    ("chinese-chars", "宁波先进典型上榜", 8),
    ("digits-are-a-word", "宁波5个", 4),
    ("english-words", "Ningbo wins five national awards", 5),
    ("mixed", "宁波 Ningbo 2025年", 5),
    ("punctuation-ignored", "“,。!” -- ...", 0),
]


@pytest.mark.parametrize(("text", "units"), [c[1:] for c in UNITS], ids=[c[0] for c in UNITS])
def test_body_units(text: str, units: int) -> None:
    """Chinese counts characters, other text words."""
    assert body_units(text) == units


ARTICLE_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>全国志愿服务“四个100”,宁波5个先进典型上榜_实时讯息</title>
<meta property="og:type" content="Article">
<meta name="robots" content="index,follow">
<meta property="article:published_time" content="2025-07-03T13:57:00+08:00">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebPage","name":"x"},{"@type":["NewsArticle"],"headline":"宁波5个先进典型上榜"}]}</script>
<script type="application/ld+json">{"@type": ["BreadcrumbList"], broken json</script>
<script>var s = "this script text is not page text";</script>
</head><body>
<div class="nav"><a href="/">首页</a><a href="/ssxx/">实时讯息</a></div>
<div class="content"><h1>全国志愿服务“四个100”,宁波5个先进典型上榜</h1>
<p>2024年度全国志愿服务“四个100”先进典型名单揭晓。</p></div>
<style>.content{color:#333}</style>
</body></html>"""


def test_page_signals_reads_page() -> None:
    """page_signals reads og:type, JSON-LD types (even from broken JSON), links, text and dates."""
    signals = page_signals(parse(ARTICLE_PAGE), url="http://a.cn/ssxx/20250703/7928711.html")
    assert signals.og_type == "article"
    assert signals.jsonld_types == ("WebPage", "NewsArticle", "BreadcrumbList")
    assert signals.link_count == 2
    assert signals.link_text_chars == len("首页实时讯息")
    assert signals.has_date_meta
    assert not signals.noindex
    assert signals.text_chars == len("首页实时讯息全国志愿服务“四个100”,宁波5个先进典型上榜2024年度全国志愿服务“四个100”先进典型名单揭晓。")


def test_page_signals_noindex() -> None:
    """meta robots noindex is reported."""
    tree = parse('<html><head><meta name="robots" content="noindex"></head><body><p>x</p></body></html>')
    assert page_signals(tree, url=None).noindex


def test_link_density_empty_page() -> None:
    """An empty page has link density 0, not a division error."""
    assert Signals().link_density == 0.0


# ---------------------------------------------------------------- the bundled sample site
SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"
EXPECTED = json.loads((SITE / "expected.json").read_text(encoding="utf-8"))
SITE_PAGES = [(p, True) for p in EXPECTED["articles"]] + [(p, False) for p in EXPECTED["not_articles"]]


def _site_file(path: str) -> Path:
    target = SITE / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


@pytest.mark.parametrize(("path", "is_article"), SITE_PAGES, ids=[p for p, _ in SITE_PAGES])
def test_classify_sample_site(path: str, is_article: bool) -> None:
    """Through analyse(), every page of fixtures/site is classified as expected.json says."""
    url = "http://127.0.0.1:8000" + path
    analysis = analyse(_site_file(path).read_bytes(), url)
    decision = classify(analysis.article, analysis.signals, url=url)
    assert decision.is_article is is_article, decision.reason


SITE_REASONS = [
    ("/en/world/2025/07/02/ningbo-wins-green-city-award.html", "jsonld-article"),
    ("/en/features/harbour-history.html", "jsonld-article"),
    ("/en/world/index.html", "jsonld-listing"),
    ("/ssxx/index_2.html", "url-listing"),
    ("/tag/volunteers/", "url-listing"),
    ("/", "url-listing"),
]


@pytest.mark.parametrize(("path", "reason"), SITE_REASONS, ids=[p for p, _ in SITE_REASONS])
def test_classify_sample_site_reasons(path: str, reason: str) -> None:
    """Pages decided by markup or URL alone name the rule that decided."""
    url = "http://127.0.0.1:8000" + path
    analysis = analyse(_site_file(path).read_bytes(), url)
    assert classify(analysis.article, analysis.signals, url=url).reason == reason
