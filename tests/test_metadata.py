"""Metadata fields of every fixture page, as the page shows them, and the field rules.

`EXPECTED` was checked by hand against each page (`fixtures/pages/`): it protects the
metadata fields while the golden records (`tests/test_fixtures.py`) also cover the body and
facts that other work owns.
"""

from __future__ import annotations

from typing import Any

import pytest

from schemas import Article
from scraper.dom import parse
from scraper.extract.metadata import FIELDS, extract_metadata
from tests.goldens import fixture_names, record_of

SEED_URL = "https://www.example-zx.cn/ssxx/20250703/7928711.html"
SEEDS = ("seed-utf8.html", "seed-gbk.html")
SEED_TITLE = "全国志愿服务“四个100”,宁波5个先进典型上榜"

# Fixture -> the metadata fields the page shows (description is checked separately).
EXPECTED: dict[str, dict[str, Any]] = {
    "bbc-time.html": {
        "title": "Manchester tram network to get 27 new trams in £180m deal",
        "published": "2025-03-04T10:30:12+00:00",
        "modified": None,
        "authors": ["Sarah Jenkins"],
        "source": None,
        "site_name": "BBC News",
        "language": "en",
        "canonical_url": "https://www.bbc.co.uk/news/articles/c9w8q7r6t5yo",
        "breadcrumb": [],
        "view_count": None,
    },
    "br-paragraphs.html": {
        "title": "Volunteer firefighters mark 100 years of service",
        "published": "2025-03-11",
        "modified": None,
        "authors": ["Tom Harlan"],
        "source": None,
        "site_name": "Millbrook Courier",
        "language": "en",
        "canonical_url": None,
        "breadcrumb": [],
        "view_count": None,
    },
    "cnnb-local.html": {
        "title": "宁波舟山港上半年集装箱吞吐量同比增长9.1%",
        "published": "2025-07-02T06:52:00+08:00",
        "modified": None,
        "authors": ["张燕"],
        "source": "宁波日报",
        "site_name": "中国宁波网",
        "language": "zh",
        "canonical_url": "http://news.cnnb.com.cn/system/2025/07/02/030512345.shtml",
        "breadcrumb": ["首页", "新闻中心", "宁波新闻"],
        "view_count": None,
    },
    "gov-notice.html": {
        "title": "宁波市出台支持民营经济高质量发展若干措施",
        "published": "2025-05-20T16:30:00+08:00",
        "modified": None,
        "authors": [],
        "source": "市发展改革委",
        "site_name": "宁波市人民政府",
        "language": "zh",
        "canonical_url": None,
        "breadcrumb": ["首页", "要闻动态", "政务动态"],
        "view_count": 1523,
    },
    "jsonld-only.html": {
        "title": "Battery recycling plant opens in Ohio with 300 jobs",
        "published": "2025-03-18T09:00:00-05:00",
        "modified": "2025-03-18T11:45:00-05:00",
        "authors": ["Priya Raman"],
        "source": None,
        "site_name": "Northwind Insights",
        "language": "en",
        "canonical_url": None,
        "breadcrumb": ["Home", "Insights", "Energy"],
        "view_count": None,
    },
    "paginated.html": {
        "title": "国产大模型进入应用落地期：三大场景观察",
        "published": "2025-04-15T09:12:00+08:00",
        "modified": None,
        "authors": ["林晓"],
        "source": "科技日报",
        "site_name": "东方财讯网",
        "language": "zh",
        "canonical_url": "https://tech.dfcx.com.cn/2025-04-15/doc-ihxkqrzp4419833.shtml",
        "breadcrumb": ["科技", "人工智能", "正文"],
        "view_count": None,
    },
    "people-cn.html": {
        "title": "全国夏粮收购进度过半 累计收购小麦4200万吨",
        "published": "2025-06-12T08:41:00+08:00",
        "modified": None,
        "authors": ["王浩"],
        "source": "人民网－人民日报",
        "site_name": "人民网",
        "language": "zh",
        "canonical_url": None,
        "breadcrumb": ["人民网", "时政"],
        "view_count": None,
    },
    "seed-gbk.html": {
        "title": "全国志愿服务“四个100”,宁波5个先进典型上榜",
        "published": "2025-07-03T13:57:00+08:00",
        "modified": None,
        "authors": [],
        "source": None,
        "site_name": "中讯网",
        "language": "zh",
        "canonical_url": None,
        "breadcrumb": ["首页", "实时讯息"],
        "view_count": 0,
    },
    "seed-utf8.html": {
        "title": "全国志愿服务“四个100”,宁波5个先进典型上榜",
        "published": "2025-07-03T13:57:00+08:00",
        "modified": None,
        "authors": [],
        "source": None,
        "site_name": "中讯网",
        "language": "zh",
        "canonical_url": None,
        "breadcrumb": ["首页", "实时讯息"],
        "view_count": 0,
    },
    "stats-table.html": {
        "title": "2025年1-5月全市规模以上工业生产情况",
        "published": "2025-06-20T09:30:00+08:00",
        "modified": None,
        "authors": [],
        "source": "市统计局",
        "site_name": "宁波市统计局",
        "language": "zh",
        "canonical_url": None,
        "breadcrumb": ["首页", "统计数据", "月度数据"],
        "view_count": 386,
    },
    "url-date-only.html": {
        "title": "Library extends weekend hours after survey",
        "published": "2025-02-27",
        "modified": None,
        "authors": ["Karen Lindqvist"],
        "source": None,
        "site_name": "Lakeshore Herald",
        "language": "en",
        "canonical_url": None,
        "breadcrumb": [],
        "view_count": None,
    },
    "wire-ap.html": {
        "title": "Wildfire forces thousands to flee as crews battle flames in Southern California",
        "published": "2025-07-03T20:14:37+00:00",
        "modified": "2025-07-03T23:41:02+00:00",
        "authors": ["Maria Ortega", "Daniel Kim"],
        "source": "Associated Press",
        "site_name": "AP News",
        "language": "en",
        "canonical_url": "https://apnews.com/article/california-wildfire-evacuations-heat-3f9c2a7d1e8b4c6f0a9e2d7b5c1f8e4a",
        "breadcrumb": ["U.S. News"],
        "view_count": None,
    },
    "wp-local-news.html": {
        "title": "City council approves $4.2 million Riverside Park expansion",
        "published": "2025-04-14T22:18:05+00:00",
        "modified": "2025-04-15T13:02:44+00:00",
        "authors": ["Maria Delgado"],
        "source": None,
        "site_name": "Riverbend Gazette",
        "language": "en",
        "canonical_url": "https://www.riverbendgazette.com/2025/04/14/city-council-approves-riverside-park-expansion/",
        "breadcrumb": ["Home", "Local News", "City council approves $4.2 million Riverside Park expansion"],
        "view_count": None,
    },
    "zjol-byline.html": {
        "title": "浙江“千万工程”再升级 今年将新建未来乡村300个",
        "published": "2025-05-22T10:18:00+08:00",
        "modified": None,
        "authors": ["王晓燕", "李建华", "张敏"],
        "source": "浙江日报",
        "site_name": None,
        "language": "zh",
        "canonical_url": None,
        "breadcrumb": ["浙江在线", "浙江新闻", "浙江要闻"],
        "view_count": None,
    },
}
# Fixture -> number of related / previous-next links the page shows with the article.
RELATED_COUNTS: dict[str, int] = {
    "bbc-time.html": 2,
    "br-paragraphs.html": 2,
    "cnnb-local.html": 4,
    "gov-notice.html": 0,
    "jsonld-only.html": 0,
    "paginated.html": 3,
    "people-cn.html": 3,
    "seed-gbk.html": 8,
    "seed-utf8.html": 8,
    "stats-table.html": 2,
    "url-date-only.html": 0,
    "wire-ap.html": 2,
    "wp-local-news.html": 5,
    "zjol-byline.html": 4,
}
FIELD_NAMES = ("title", "published", "modified", "authors", "source", "site_name", "language",
               "canonical_url", "breadcrumb", "view_count")


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, Any]]:
    return {name: record_of(name) for name in fixture_names()}


def test_every_fixture_has_expectations() -> None:
    """Each fixture page has a row in the table, and each row a page."""
    assert set(EXPECTED) == set(fixture_names())


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=sorted(EXPECTED))
def test_fixture_metadata(name: str, records: dict[str, dict[str, Any]]) -> None:
    """The page's title, dates, people, site, language, canonical, trail and counter."""
    record = records[name]
    assert {field: record[field] for field in FIELD_NAMES} == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(RELATED_COUNTS), ids=sorted(RELATED_COUNTS))
def test_fixture_related_count(name: str, records: dict[str, dict[str, Any]]) -> None:
    """The related / previous-next links the page shows are all found, and nothing else."""
    assert len(records[name]["related"]) == RELATED_COUNTS[name]


# Fixtures whose page declares no description at all.
NO_DESCRIPTION = {"url-date-only.html"}


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=sorted(EXPECTED))
def test_fixture_description(name: str, records: dict[str, dict[str, Any]]) -> None:
    """A declared description (og:description or meta description) is found, none is invented."""
    assert bool(records[name]["description"]) == (name not in NO_DESCRIPTION)


@pytest.mark.parametrize("name", SEEDS, ids=SEEDS)
def test_seed_required_fields(name: str, records: dict[str, dict[str, Any]]) -> None:
    """Both seed encodings give the required title, time, trail and counter."""
    record = records[name]
    assert record["title"] == SEED_TITLE
    assert record["published"] == "2025-07-03T13:57:00+08:00"
    assert record["provenance"]["published"] == "text:发布时间;inferred-tz:+08:00"
    assert record["breadcrumb"] == ["首页", "实时讯息"]
    assert record["view_count"] == 0


@pytest.mark.parametrize("name", SEEDS, ids=SEEDS)
def test_seed_related_links(name: str, records: dict[str, dict[str, Any]]) -> None:
    """The eight 相关文章 links, titles without their month-day, dated in 2025."""
    related = records[name]["related"]
    assert len(related) == 8
    assert related[0] == {
        "title": SEED_TITLE,
        "url": SEED_URL,
        "date": "2025-07-03",
        "date_text": "07-03",
    }
    assert related[2]["title"] == "福龙马:6月共中标5个环卫服务项目 合同总金额为1.81亿元"
    assert [link["date_text"] for link in related] == [
        "07-03", "07-02", "07-02", "07-01", "07-01", "06-29", "06-28", "06-26",
    ]
    assert all(link["date"].startswith("2025-") for link in related)


def test_seed_gbk_is_really_gbk() -> None:
    """The GBK seed is not UTF-8, declares gb2312, and decodes to the UTF-8 seed's text."""
    from tests.goldens import FIXTURES

    raw = (FIXTURES / "seed-gbk.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b'<meta charset="gb2312">' in raw
    utf8 = (FIXTURES / "seed-utf8.html").read_text(encoding="utf-8")
    assert raw.decode("gbk") == utf8.replace('<meta charset="utf-8">', '<meta charset="gb2312">')


def _meta(html: str, url: str | None = "https://news.example.com/a/1.html") -> dict[str, Any]:
    found = extract_metadata(parse(html), url=url)
    return {name: item.value for name, item in found.items()}


def _sources(html: str, url: str | None = "https://news.example.com/a/1.html") -> dict[str, str]:
    found = extract_metadata(parse(html), url=url)
    return {name: item.source for name, item in found.items()}


def test_fields_are_article_fields() -> None:
    """Every field the metadata step may fill is a field of the record."""
    assert set(FIELDS) <= set(Article.model_fields)


BROKEN_JSON_LD = [
    ('{"@type":"NewsArticle","headline":"A","datePublished":"2025-01-02T03:04:05Z",}', "trailing-comma"),
    ('<!-- {"@type":"NewsArticle","headline":"A","datePublished":"2025-01-02T03:04:05Z"} -->', "comment"),
    ('{"@type":"Org","name":"x"} {"@type":"NewsArticle","headline":"A","datePublished":"2025-01-02T03:04:05Z"}',
     "two-objects"),
    ('{"@graph":[{"@type":"WebSite","name":"S"},{"@type":["NewsArticle"],"headline":"A",'
     '"datePublished":"2025-01-02T03:04:05Z"}]}', "graph"),
    ('[{"@type":"NewsArticle","headline":"A","datePublished":"2025-01-02T03:04:05Z"}]', "list"),
    ('{"@type":"WebPage","mainEntity":{"@type":"NewsArticle","headline":"A",'
     '"datePublished":"2025-01-02T03:04:05Z"}}', "nested"),
    ('{"@type":"NewsArticle","headline":"A\nB"\n,"datePublished":"2025-01-02T03:04:05Z"}', "raw-newline"),
]


@pytest.mark.parametrize(("script", "case"), BROKEN_JSON_LD, ids=[case for _, case in BROKEN_JSON_LD])
def test_json_ld_survives_breakage(script: str, case: str) -> None:
    """JSON-LD is read through comments, trailing commas, @graph, lists and nesting."""
    html = f'<html><head><script type="application/ld+json">{script}</script></head><body><p>x</p></body></html>'
    meta = _meta(html)
    assert meta["published"] == "2025-01-02T03:04:05+00:00"
    assert meta["title"].startswith("A")


def test_json_ld_nested_past_the_stack_is_skipped() -> None:
    """`[[[[…` deeper than Python's recursion limit is skipped, not a crash."""
    script = "[" * 100_000 + "]" * 100_000
    html = f'<script type="application/ld+json">{script}</script><body><h1>Shown title</h1></body>'
    assert _meta(html)["title"] == "Shown title"


def test_unrepairable_json_ld_is_skipped() -> None:
    """Garbage in a JSON-LD script does not raise; other sources still count."""
    html = ('<html><head><script type="application/ld+json">{"@type": "NewsArt</script>'
            '<meta property="og:title" content="Shown title"></head><body></body></html>')
    assert _meta(html)["title"] == "Shown title"


TITLE_CASES = [
    ("<title>Storm hits coast - live updates | BBC News</title>", "<h1>Storm hits coast - live updates</h1>",
     "Storm hits coast - live updates", "h1"),
    ("<title>全国志愿服务“四个100”,宁波5个先进典型上榜_实时讯息_中讯网</title>", "",
     "全国志愿服务“四个100”,宁波5个先进典型上榜", "title-tag"),
    ("<title>Site | A long headline about the city budget vote</title>", "",
     "A long headline about the city budget vote", "title-tag"),
    ('<title>x</title><meta property="og:title" content="Budget passes – The Courier">'
     '<meta property="og:site_name" content="The Courier">', "", "Budget passes", "meta:og:title"),
    ("<title>News headline — Daily Times</title>", '<h1><a href="/">Daily Times</a></h1>',
     "News headline", "title-tag"),
    ("<title>“邻—团—社”模式让社区更有温度_实时讯息_中讯网</title>", "",
     "“邻—团—社”模式让社区更有温度", "title-tag"),
    ("<title>法国全国大罢工再次严重影响交通-新华网</title>", "", "法国全国大罢工再次严重影响交通", "title-tag"),
    ('<title>x</title><meta property="og:title" content="A very long headline that was cut...">',
     "<h1>A very long headline that was cut short by the site</h1>",
     "A very long headline that was cut short by the site", "h1"),
]


@pytest.mark.parametrize(("head", "body", "title", "source"), TITLE_CASES,
                         ids=["h1-cuts-meta", "underscore-suffix", "site-prefix", "og-site-suffix",
                              "logo-h1", "dash-in-headline", "tight-site-suffix", "ellipsis"])
def test_title_cascade(head: str, body: str, title: str, source: str) -> None:
    """The headline, not the <title> with the site glued on, nor a logo in an h1."""
    html = f"<html><head>{head}</head><body>{body}<p>text</p></body></html>"
    assert _meta(html)["title"] == title
    assert _sources(html)["title"] == source


ZH_LINE = "<div>发布时间：2025-07-03 13:57</div>"
EN_LINE = "<div>Published: July 3, 2025 1:57 PM</div>"
ZONE_CASES = [
    ("https://www.example.cn/a.html", "", ZH_LINE, "2025-07-03T13:57:00+08:00",
     "text:发布时间;inferred-tz:+08:00"),
    ("https://www.example.com/a.html", '<html lang="zh-CN">', ZH_LINE, "2025-07-03T13:57:00+08:00",
     "text:发布时间;inferred-tz:+08:00"),
    ("https://www.example.com/a.html",
     '<html lang="en"><meta property="article:modified_time" content="2025-07-04T10:00:00-04:00">',
     EN_LINE, "2025-07-03T13:57:00-04:00", "text:Published;inferred-tz:-04:00"),
    ("https://www.example.co.uk/a.html", '<html lang="en">', EN_LINE, "2025-07-03T13:57:00+01:00",
     "text:Published;inferred-tz:+01:00"),
    ("https://www.example.com/a.html", '<html lang="en">', EN_LINE, "2025-07-03", "text:Published;tz-unknown"),
]


@pytest.mark.parametrize(("url", "head", "line", "published", "source"), ZONE_CASES,
                         ids=["cn-tld", "zh-language", "offset-on-page", "uk-summer", "unknown"])
def test_local_time_zone_inference(url: str, head: str, line: str, published: str, source: str) -> None:
    """A time without a zone gets the site's zone, said in provenance, or falls back to the day."""
    html = f"{head}<body><h1>Headline here</h1>{line}<p>The council met.</p></body>"
    assert _meta(html, url)["published"] == published
    assert _sources(html, url)["published"] == source


def test_date_only_meta_completed_by_visible_time() -> None:
    """A day-only meta date takes the time the page shows for that same day."""
    html = ('<html><head><meta name="publishdate" content="2025-06-12"></head><body><h1>标题新闻标题</h1>'
            "<div>2025年06月12日08:41 | 来源：人民日报</div></body></html>")
    assert _meta(html, "http://www.people.com.cn/n1/1.html")["published"] == "2025-06-12T08:41:00+08:00"


def test_top_bar_date_is_not_the_article_date() -> None:
    """A "today is" date in the top bar loses to the date line under the headline."""
    html = ("<html><body><div class='topbar'>今天是2025年7月3日 星期四</div><div class='nav'>首页 新闻</div>"
            "<h1>宁波舟山港集装箱吞吐量增长</h1><div>2025-06-30 10:00 宁波日报</div><p>正文。</p></body></html>")
    assert _meta(html, "http://news.example.cn/a.html")["published"] == "2025-06-30T10:00:00+08:00"


def test_trail_behind_a_style_block_is_found() -> None:
    """A labelled trail separated from the headline by an inline style block is still read."""
    style = "<style>" + ".a{margin:0;padding:0}\n" * 80 + "</style>"
    html = (f"<html><body><div>您现在的位置：<a href='/'>首页</a> &gt; <a href='/a/'>要闻</a></div>{style}"
            "<h1>标题在这里出现</h1><p>正文。</p></body></html>")
    assert _meta(html)["breadcrumb"] == ["首页", "要闻"]


def test_relative_time_counts_back_from_http_date() -> None:
    """"2小时前" under the headline is two hours before the response's Date header."""
    html = "<html><body><h1>快讯标题在这里</h1><div>2小时前 来源：新华社</div><p>正文。</p></body></html>"
    found = extract_metadata(parse(html), url="http://news.example.cn/a.html",
                             headers={"Date": "Thu, 03 Jul 2025 12:00:00 GMT"})
    assert found.value("published") == "2025-07-03T10:00:00+00:00"
    assert dict(found.items())["published"].source == "text:relative;ref:http-date"


def test_relative_time_without_http_date_is_not_guessed() -> None:
    """Without a reference moment a relative time gives no date (extraction reads no clock)."""
    html = "<html><body><h1>快讯标题在这里</h1><div>2小时前</div><p>正文。</p></body></html>"
    assert "published" not in _meta(html, "http://news.example.cn/a.html")


def test_url_date_is_last_resort() -> None:
    """With no date on the page, the URL's date is the published day."""
    html = "<html><body><h1>Library hours</h1><p>No dates here.</p></body></html>"
    meta = _meta(html, "https://www.example.com/news/2025/02/27/library-hours")
    assert meta["published"] == "2025-02-27"


AUTHOR_CASES = [
    ("<div>记者 张三 通讯员 李四</div>", ["张三", "李四"]),
    ("<div>本报讯（记者 王晓燕 通讯员 李建华 张敏）记者从省里获悉</div>", ["王晓燕", "李建华", "张敏"]),
    ("<div>作者：陈明、刘芳 编辑：王五</div>", ["陈明", "刘芳"]),
    ('<div class="byline">By Jane Doe and John Roe</div>', ["Jane Doe", "John Roe"]),
    ('<div class="byline">By JANE DOE, Associated Press</div>', ["Jane Doe"]),
    ('<div class="byline">By Tom Harlan, Staff Writer</div>', ["Tom Harlan"]),
    ('<div class="byline">By Tom Krisher, AP Auto Writer</div>', ["Tom Krisher"]),
    ('<div class="author">The Russian and Syrian defense ministries</div>', None),
    ("<p>记者今天从市委社会工作部获悉,宁波5个先进典型上榜</p>", None),
]


@pytest.mark.parametrize(("snippet", "authors"), AUTHOR_CASES,
                         ids=["reporter-correspondent", "bracketed", "zuozhe-list", "by-and",
                              "agency-credit", "staff-writer", "role-writer", "not-names",
                              "reporter-in-sentence"])
def test_authors(snippet: str, authors: list[str] | None) -> None:
    """Person names only: roles, "By", organisations and sentences are not names."""
    html = f"<html><body><h1>Headline for the test</h1>{snippet}<p>Body text.</p></body></html>"
    assert _meta(html).get("authors") == authors


def test_json_ld_author_drops_organisations() -> None:
    """A JSON-LD author list keeps people and drops organisations."""
    script = ('{"@type":"NewsArticle","headline":"H","author":[{"@type":"Person","name":"Priya Raman"},'
              '{"@type":"Organization","name":"Northwind Staff"}]}')
    html = f'<script type="application/ld+json">{script}</script><body><h1>H</h1></body>'
    assert _meta(html)["authors"] == ["Priya Raman"]


SOURCE_CASES = [
    ("<div>来源：宁波日报 作者：张三</div>", "宁波日报"),
    ("<p>LOS ANGELES (AP) — A wildfire forced thousands to flee.</p>", "Associated Press"),
    ("<p>WASHINGTON, July 3 (Reuters) - Lawmakers voted on Thursday.</p>", "Reuters"),
    ('<div class="info"><a class="source" href="http://www.stdaily.com/">科技日报</a></div>', "科技日报"),
]


@pytest.mark.parametrize(("snippet", "source"), SOURCE_CASES, ids=["laiyuan", "ap", "reuters", "source-node"])
def test_source(snippet: str, source: str) -> None:
    """The outlet credited for the text."""
    html = f"<html><body><h1>Headline for the test</h1>{snippet}<p>Body text.</p></body></html>"
    assert _meta(html)["source"] == source


LANGUAGE_CASES = [
    ('<html lang="zh-CN">', "<p>中文</p>", "zh"),
    ('<html lang="en-US">', "<p>The council voted on the budget.</p>", "en"),
    ('<html lang="en">', "<p>宁波舟山港上半年集装箱吞吐量同比增长，增速位居全球前列。</p>", "zh"),
    ('<html><meta property="og:locale" content="en_GB">', "<p>The tram network.</p>", "en"),
    ('<html><meta http-equiv="Content-Language" content="utf-8">', "<p>国家粮食和物资储备局最新数据显示</p>", "zh"),
    ('<html lang="ja">', "<p>東京都知事選挙</p>", "ja"),
]


@pytest.mark.parametrize(("head", "body", "language"), LANGUAGE_CASES,
                         ids=["html-lang", "region-dropped", "template-lies", "og-locale", "bogus-meta",
                              "japanese-kanji"])
def test_language(head: str, body: str, language: str) -> None:
    """BCP 47 primary tag; the text's script wins over a template's wrong declaration."""
    assert _meta(f"{head}<body><h1>T</h1>{body}</body></html>")["language"] == language


BREADCRUMB_CASES = [
    ('<div class="position">当前位置: <a href="/">首页</a> &gt; <a href="/ssxx/">实时讯息</a> &gt; </div>',
     ["首页", "实时讯息"]),
    ('<nav aria-label="breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/news/">News</a></li>'
     "<li>Budget vote</li></ol></nav>", ["Home", "News", "Budget vote"]),
    ('<div class="dqwz">您现在的位置：<a href="/">首页</a> &gt; <a href="/a/">要闻</a></div>', ["首页", "要闻"]),
    ('<div class="topNav"><a href="/">浙江在线</a> &gt; <a href="/z/">浙江新闻</a></div>', ["浙江在线", "浙江新闻"]),
]


@pytest.mark.parametrize(("snippet", "crumbs"), BREADCRUMB_CASES,
                         ids=["position-class", "aria-nav", "labelled-text", "unlabelled-trail"])
def test_breadcrumb(snippet: str, crumbs: list[str]) -> None:
    """The trail as shown, without its label, separators or empty items."""
    html = f"<html><body>{snippet}<h1>Headline for the test</h1><p>Body text.</p></body></html>"
    assert _meta(html)["breadcrumb"] == crumbs


VIEW_CASES = [
    ("<span>0</span>次浏览", 0),
    ("阅读：123", 123),
    ("浏览次数：1,523", 1523),
    ("<span>4,210 views</span>", 4210),
]


@pytest.mark.parametrize(("snippet", "count"), VIEW_CASES, ids=["ci-liulan", "yuedu", "liulan-cishu", "views"])
def test_view_count(snippet: str, count: int) -> None:
    """A visible read/view counter next to the headline."""
    html = f"<html><body><h1>Headline for the test</h1><div>{snippet}</div><p>Body.</p></body></html>"
    assert _meta(html)["view_count"] == count


def test_outlet_is_not_an_author() -> None:
    """A meta author that is the site's own name (163.com's "网易") is not a person."""
    html = ('<html><head><meta name="author" content="网易"><meta property="og:site_name" content="网易新闻">'
            "</head><body><h1>多地项目连环爆雷</h1><p>正文。</p></body></html>")
    assert "authors" not in _meta(html)


def test_placeholder_date_is_ignored() -> None:
    """CMS placeholder days (2000-01-01, 1970-01-01) are not publication dates."""
    html = ('<html><head><meta property="article:published_time" content="2000-01-01T00:00:00Z"></head>'
            "<body><h1>Headline</h1><p>Text.</p></body></html>")
    meta = _meta(html, "https://www.example.com/news/2019/09/07/story.html")
    assert meta["published"] == "2019-09-07"


def test_escaped_entities_in_metas_are_decoded() -> None:
    """Double-escaped meta content (`&amp;#8216;`) reads as the characters it means."""
    html = ('<html><head><meta property="og:title" content="&amp;#8216;The Medium&amp;#8217; &amp;amp; more">'
            "</head><body><p>x</p></body></html>")
    assert _meta(html)["title"] == "‘The Medium’ & more"


def test_share_bar_is_not_a_breadcrumb() -> None:
    """A crumb-like class around share links does not make a trail."""
    html = ('<html><body><div class="breadcrumb-share"><a href="#">Facebook</a><a href="#">Twitter</a>'
            '<a href="#">Email</a></div><h1>Headline</h1><p>Text.</p></body></html>')
    assert "breadcrumb" not in _meta(html)


def test_canonical_made_absolute() -> None:
    """A relative canonical link is resolved against the page URL."""
    html = '<html><head><link rel="canonical" href="/news/1.html"></head><body><h1>T</h1></body></html>'
    assert _meta(html, "https://www.example.com/x/y.html")["canonical_url"] == "https://www.example.com/news/1.html"


def test_empty_page_has_no_metadata() -> None:
    """A page with nothing to read yields no fields rather than blanks."""
    assert _meta("<html><body></body></html>", None) == {}


def _mark_tables() -> list[tuple[str, Any]]:
    from scraper.extract import meta_dates, meta_misc, meta_people

    return [("byline", meta_people.BYLINE_TABLE), ("source", meta_people.SOURCE_TABLE),
            ("breadcrumb", meta_misc.BREADCRUMB_TABLE), ("itemprop", meta_dates.ITEMPROP_PUBLISHED)]


@pytest.mark.parametrize(("name", "table"), _mark_tables(), ids=[name for name, _ in _mark_tables()])
def test_mark_table_needles_cover_every_row(name: str, table: Any) -> None:
    """Every row of a mark table spells one of the table's needles (the `in` pre-test)."""
    assert all(any(needle in pattern.pattern for needle in table.needles) for _, pattern in table.rows)


BYLINE_MARKS = """<html><head><title>Council approves park - Daily News</title></head><body>
<nav class="site-nav"><a href="/">Home</a></nav><h1>Council approves park</h1>
<div class="post-meta"><span class="meta-author-name">By Jane Doe</span>
<span class="source-name">Daily News</span></div><p>The council approved the park on Monday.</p>
<footer class="footer"><a href="/about">About</a></footer></body></html>"""


def test_byline_and_source_nodes_found_through_needles() -> None:
    """Byline and source nodes are still found by their class after the needle pre-test."""
    found = dict(extract_metadata(parse(BYLINE_MARKS), url=None).items())
    assert (found["authors"].value, found["authors"].source) == (["Jane Doe"], "byline:author")
    assert (found["source"].value, found["source"].source) == ("Daily News", "dom:source")


WHITESPACE_TEXTS = [
    "首页 >  新闻\n\n  > 正文", "a\u00a0\u00a0b\t c \n \n d", "Home » World\u3000›  Asia", " \n>>\n ", "x\r\ny  \x0b z",
]


@pytest.mark.parametrize("text", WHITESPACE_TEXTS, ids=["trail", "nbsp-tab", "guillemets", "double", "controls"])
def test_whitespace_patterns_equal_their_plain_forms(text: str) -> None:
    """The prefix-scannable whitespace and separator patterns replace what the plain forms do."""
    import re

    from scraper.extract import meta_misc, meta_page

    spaces = re.compile(r"[ \t\r\f\v\u00a0\u3000]{2,}|[\t\r\f\v\u00a0\u3000]")
    blank = re.compile(r" ?\n\s*")
    separators = re.compile(r"\s*\n?\s*(>>?|»|›|→|＞)\s*\n?\s*")
    assert meta_page.normalise(text) == blank.sub("\n", spaces.sub(" ", text))
    assert meta_misc.SEPARATOR_LINES.sub(r" \1 ", text) == separators.sub(r" \1 ", text)


ENGLISH_SAMPLES = ["In the city", "then andthe ofto", "x_the y", "théo and", "2to3", "the", "其the中", "Olin"]


@pytest.mark.parametrize("text", ENGLISH_SAMPLES, ids=["plain", "glued", "underscore", "accent", "digits",
                                                       "whole", "cjk", "inside"])
def test_english_word_test_equals_the_boundary_pattern(text: str) -> None:
    """The prefix-scannable English-word test agrees with `\\b(the|and|of|to|in)\\b`."""
    import re

    from scraper.extract.meta_misc import ENGLISH_WORD

    assert bool(ENGLISH_WORD.search(text)) == bool(re.search(r"\b(the|and|of|to|in)\b", text))


HEADER_LINES = [
    "Home\nBy Jane Doe and John Roe\nMarch 3, 2025", "By AP Staff, Associated Press", "Stand By Me\n  By Ann Lee",
    "发布时间：2025-07-03 来源：新华网 | 作者：张三", "(来源：人民日报)", "X来源：不算 文章来源：中国新闻网",
    "Views: 1,234", "aViews: 5 VIEWS：12", "vİews: 7", "Reviews: 3 | Source: Reuters",
]


@pytest.mark.parametrize("text", HEADER_LINES, ids=[
    "byline", "byline-start", "byline-later-line", "zh-source", "bracket-source", "glued-source",
    "views", "glued-views", "dotted-i", "reviews",
])
def test_header_patterns_equal_their_plain_forms(text: str) -> None:
    """The prefix-scannable byline, source and view-count patterns find what the plain forms do."""
    import re

    from scraper.extract import meta_misc, meta_people

    def groups(m: re.Match[str] | None) -> tuple[str | None, ...] | None:
        return None if m is None else m.groups()

    source = re.compile(r"(?:^|(?<=[\s|(（]))(?:来源|稿源|来自|信息来源|文章来源|Source)\s*[:：]\s*([^\s|]{2,30})")
    views = re.compile(r"\b(?P<label>Views)\s*[:：]\s*(?P<n>\d[\d,]*)", re.IGNORECASE)
    assert groups(meta_people.EN_BYLINE_LINE.search("\n" + text)) == groups(meta_people.EN_BYLINE_RE.search(text))
    assert groups(meta_people.SOURCE_RE.search(text)) == groups(source.search(text))
    assert groups(meta_misc.VIEW_PATTERNS[3][0].search(text)) == groups(views.search(text))
