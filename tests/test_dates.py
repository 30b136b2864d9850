"""Date parsing: tables of strings as pages print them, and the ISO values they mean."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from scraper.dom import parse
from scraper.extract.dates import (
    Stamp,
    date_from_url,
    find_list_date,
    parse_date,
    parse_en,
    parse_iso,
    parse_month_day,
    parse_relative,
    parse_zh,
)
from scraper.extract.meta_page import PageView
from scraper.extract.metadata import extract_metadata

# (text, ISO of the Stamp: full datetime when time and zone are stated, else the day,
#  whether a time was read)
ISO_CASES = [
    ("2025-07-03T13:57:00+08:00", "2025-07-03T13:57:00+08:00", True),
    ("2025-07-03T05:57:00Z", "2025-07-03T05:57:00+00:00", True),
    ("2025-03-04T10:30:12.000Z", "2025-03-04T10:30:12+00:00", True),
    ("2025-07-03T13:57:00+0800", "2025-07-03T13:57:00+08:00", True),
    ("2025-07-03 13:57:00", "2025-07-03", True),
    ("发布时间:2025-07-03 13:57", "2025-07-03", True),
    ("2025/07/03", "2025-07-03", False),
    ("2025.5.20", "2025-05-20", False),
    ("20250703", "2025-07-03", False),
    ("Stand: 19.11.2019 14:05", "2019-11-19", True),
    ("11/19/2019", "2019-11-19", False),
    ("19/11/2019", "2019-11-19", False),
    ("2025-13-03", None, False),
    ("2025-02-30", None, False),
    ("1850-01-01", None, False),
]


@pytest.mark.parametrize(("text", "iso", "has_time"), ISO_CASES, ids=[c[0] for c in ISO_CASES])
def test_parse_iso(text: str, iso: str | None, has_time: bool) -> None:
    """ISO 8601 and its relatives; impossible dates and implausible years are refused."""
    stamp = parse_iso(text)
    assert (stamp.iso() if stamp else None) == iso
    if stamp is not None:
        assert stamp.has_time == has_time


ZH_CASES = [
    ("2025年11月12日 09:30", Stamp(2025, 11, 12, 9, 30)),
    ("2025年7月3日", Stamp(2025, 7, 3)),
    ("2025年06月12日08:41", Stamp(2025, 6, 12, 8, 41)),
    ("2025年7月3日 下午3:05", Stamp(2025, 7, 3, 15, 5)),
    ("2025年7月3日 14时20分", Stamp(2025, 7, 3, 14, 20)),
    ("2024年度全国志愿服务", None),
]


@pytest.mark.parametrize(("text", "stamp"), ZH_CASES, ids=[c[0] for c in ZH_CASES])
def test_parse_zh(text: str, stamp: Stamp | None) -> None:
    """Chinese dates, with 上午/下午 and 时分 times; a bare year is not a date."""
    assert parse_zh(text) == stamp


EN_CASES = [
    ("Published March 3, 2025", "2025-03-03", False),
    ("March 3, 2025 10:30 a.m. ET", "2025-03-03T10:30:00-05:00", True),
    ("July 3, 2025 10:30 a.m. ET", "2025-07-03T10:30:00-04:00", True),
    ("7:41 PM EDT, July 3, 2025", "2025-07-03T19:41:00-04:00", True),
    ("Updated 12:45 PM EST, Mon March 3, 2025", "2025-03-03T12:45:00-05:00", True),
    ("Tue 4 Mar 2025 10.30 GMT", "2025-03-04T10:30:00+00:00", True),
    ("4 March 2025", "2025-03-04", False),
    ("Sept. 9th, 2024", "2024-09-09", False),
    ("Tuesday, March 11, 2025 4:15 PM", "2025-03-11", True),
    ("May 2025 report", None, False),
]


@pytest.mark.parametrize(("text", "iso", "has_time"), EN_CASES, ids=[c[0] for c in EN_CASES])
def test_parse_en(text: str, iso: str | None, has_time: bool) -> None:
    """English month names, times before or after the date, US zones by the date's DST."""
    stamp = parse_en(text)
    assert (stamp.iso() if stamp else None) == iso
    if stamp is not None:
        assert stamp.has_time == has_time


OTHER_CASES = [
    ("Thu, 03 Jul 2025 13:57:00 GMT", "2025-07-03T13:57:00+00:00"),
    ("Thu, 03 Jul 2025 13:57:00 +0800", "2025-07-03T13:57:00+08:00"),
    ("1751522220", "2025-07-03T05:57:00+00:00"),
    ("1751522220000", "2025-07-03T05:57:00+00:00"),
    ("no date here", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "iso"), OTHER_CASES, ids=["rfc2822-gmt", "rfc2822-offset", "unix-s",
                                                            "unix-ms", "none", "empty"])
def test_parse_date_other_formats(text: str, iso: str | None) -> None:
    """RFC 2822 (meta tags, headers) and Unix timestamps in seconds or milliseconds."""
    stamp = parse_date(text)
    assert (stamp.iso() if stamp else None) == iso


def test_parse_date_long_text_finds_first_date() -> None:
    """In a long text the first stated date is found, whatever its format."""
    text = "导航 首页 新闻 " * 20 + "2025年05月22日 10:18 来源：浙江日报 " + "正文内容 2024-01-01 " * 10
    assert parse_date(text) == Stamp(2025, 5, 22, 10, 18)


def test_parse_date_hostile_text_is_fast_enough() -> None:
    """A long run of digits and separators neither hangs nor invents a date."""
    assert parse_date("9" * 50_000 + "-" * 10_000) is None


URL_CASES = [
    ("https://www.example-zx.cn/ssxx/20250703/7928711.html", "2025-07-03"),
    ("https://www.riverbendgazette.com/2025/04/14/city-council-approves/", "2025-04-14"),
    ("https://www.ningbo.gov.cn/art/2025/5/20/art_1229095999_59461234.html", "2025-05-20"),
    ("http://politics.people.com.cn/n1/2025/0612/c1001-40499321.html", "2025-06-12"),
    ("http://www.news.cn/politics/202507/03/c_1131234567.htm", "2025-07-03"),
    ("https://zjnews.zjol.com.cn/202505/t20250522_31234567.shtml", "2025-05-22"),
    ("https://tech.example.com.cn/2025-04-15/doc-ihxkqrzp4419833.shtml", "2025-04-15"),
    ("https://apnews.com/article/wildfire-3f9c2a7d1e8b4c6f", None),
    ("https://www.example.com/product/12345678/", None),
]


@pytest.mark.parametrize(("url", "iso"), URL_CASES, ids=[c[0].split("/")[2] + "-" + str(i) for i, c in
                                                         enumerate(URL_CASES)])
def test_date_from_url(url: str, iso: str | None) -> None:
    """Dates article URLs state, in the common CMS layouts; IDs are not dates."""
    stamp = date_from_url(url)
    assert (stamp.iso() if stamp else None) == iso


MONTH_DAY_CASES = [
    ("07-03", date(2025, 7, 3), "2025-07-03"),
    ("06-26", date(2025, 7, 3), "2025-06-26"),
    ("12-28", date(2025, 4, 15), "2024-12-28"),
    ("7月3日", date(2025, 7, 3), "2025-07-03"),
    ("2025-07-01", date(2025, 7, 3), "2025-07-01"),
    ("2025.05.15", None, "2025-05-15"),
    ("02/18/2025", None, "2025-02-18"),
    ("18/02/2025", None, "2025-02-18"),
    ("April 3, 2025", None, "2025-04-03"),
    ("07-03", None, None),
]


@pytest.mark.parametrize(("text", "reference", "iso"), MONTH_DAY_CASES,
                         ids=["same-day", "earlier", "rolls-back-year", "chinese", "full", "dotted",
                              "us", "day-first", "english", "no-reference"])
def test_parse_month_day(text: str, reference: date | None, iso: str | None) -> None:
    """List dates take the article's year, the year before when the month-day lies after it."""
    stamp = parse_month_day(text, reference=reference)
    assert (stamp.day_iso() if stamp else None) == iso


LIST_DATE_CASES = [
    ("• (02/18/2025)", "02/18/2025"),
    ("上榜 07-03", "07-03"),
    ("April 3, 2025 In \"Local News\"", "April 3, 2025"),
    ("增长9.1%", None),
    ("2025年1-4月", None),
]


@pytest.mark.parametrize(("text", "shown"), LIST_DATE_CASES, ids=["us", "month-day", "english", "decimal",
                                                                   "mixed-separators"])
def test_find_list_date(text: str, shown: str | None) -> None:
    """The date shown beside a link, exactly as shown; numbers that are not dates are left."""
    assert find_list_date(text) == shown


NOW = datetime(2025, 7, 3, 12, 0, 0, tzinfo=UTC)
RELATIVE_CASES = [
    ("2小时前", "2025-07-03T10:00:00+00:00"),
    ("30分钟前", "2025-07-03T11:30:00+00:00"),
    ("3 hours ago", "2025-07-03T09:00:00+00:00"),
    ("Updated 2 days ago", "2025-07-01T12:00:00+00:00"),
    ("昨天 10:30", "2025-07-02"),
    ("前天", "2025-07-01"),
    ("yesterday", "2025-07-02"),
    ("in 3 hours", None),
]


@pytest.mark.parametrize(("text", "iso"), RELATIVE_CASES, ids=[c[0] for c in RELATIVE_CASES])
def test_parse_relative(text: str, iso: str | None) -> None:
    """Relative times count back from a known moment; local clock times keep no zone."""
    stamp = parse_relative(text, now=NOW)
    assert (stamp.iso() if stamp else None) == iso


def test_relative_local_time_keeps_its_clock() -> None:
    """`昨天 10:30` is yesterday at 10:30 local time, its zone left to the caller."""
    assert parse_relative("昨天 10:30", now=NOW) == Stamp(2025, 7, 2, 10, 30, 0)


AT_OFFSET_CASES = [
    (Stamp(2020, 2, 12, 14, 17, 54, 0), 480, "2020-02-12T22:17:54+08:00"),
    (Stamp(2020, 2, 12, 20, 0, 0, 0), 480, "2020-02-13T04:00:00+08:00"),
    (Stamp(2025, 3, 1, 2, 0, 0, 60), -300, "2025-02-28T20:00:00-05:00"),
    (Stamp(2025, 3, 1), 480, "2025-03-01"),
]


@pytest.mark.parametrize(("stamp", "offset", "iso"), AT_OFFSET_CASES,
                         ids=["utc-to-beijing", "next-day", "across-month", "day-only-kept"])
def test_at_offset(stamp: Stamp, offset: int, iso: str) -> None:
    """The same moment at another offset, the day rolling over; a day without time is kept."""
    assert stamp.at_offset(offset).iso() == iso


# --- Page-level rules of `meta_dates`: script variables, itemprop metas, fallbacks ---

ZH_URL = "https://mp.example.qq.com/s/abc"


def _page(head: str = "", body: str = "", *, title: str = "三星新款手机系列正式发布") -> str:
    """A news page with navigation, a sidebar, an ad script and a footer around the article
    (scripts under test go in the head: body script text is also read as page text)."""
    return (
        f'<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>{head}'
        '<script src="https://cdn.example.com/app.js"></script></head><body>'
        '<div class="nav"><a href="/">首页</a> <a href="/tech/">科技</a> <a href="/ent/">娱乐</a></div>'
        f'<div class="main"><h1>{title}</h1><div class="meta">来源：科技日报</div>'
        "<p>三星在旧金山举行发布会，推出三款新机型，起售价与上一代持平。</p>"
        "<p>新机搭载更大容量的电池，并支持更快的有线充电。</p></div>"
        '<div class="sidebar"><h3>热门文章</h3><ul><li><a href="/a/1">手机市场季度报告</a></li></ul></div>'
        '<script>var adSlot = {id: "ad-300x250", refresh: 30};</script>'
        f"{body}"
        '<div class="footer">版权所有 © 示例科技网</div></body></html>'
    )


def _published(html: str, url: str | None = ZH_URL) -> tuple[Any, Any]:
    found = dict(extract_metadata(parse(html), url=url).items())
    item = found.get("published")
    return (item.value, item.source) if item is not None else (None, None)


SCRIPT_CASES = [
    ('<script>var nickname = "科技日报"; var ct = "1581517074"; var user_uin = "0";</script>',
     "2020-02-12T22:17:54+08:00", "script:ct;local-tz:+08:00"),
    ("<script>window.DATA = {pvid: 'a616d9fc', publish_time: '2019-09-07 08:05:32', views: 12};</script>",
     "2019-09-07T08:05:32+08:00", "script:publishTime;inferred-tz:+08:00"),
    ('<script>window.__INITIAL_STATE__ = {"topic": {"news": [{"title": "友商跟进降价", '
     '"publishDate": "2019-09-07T05:51:23.000Z"}, {"title": "渠道商回应", '
     '"publishDate": "2019-09-07T10:29:27.000Z"}], "publishDate": "2019-09-07T00:31:40.109Z", '
     '"title": "三星新款手机系列正式发布"}};</script>',
     "2019-09-07T00:31:40+00:00", "script:publishDate"),
    ('<script id="__NEXT_DATA__" type="application/json">{"props": {"article": '
     '{"datePublished": "2019-11-14T08:00:00.000Z", "dateModified": "2020-01-02T09:00:00.000Z"}}}</script>',
     "2019-11-14T08:00:00+00:00", "script:datePublished"),
    ("<script>var article = {pubDate: 1582981795000};</script>",
     "2020-02-29T21:09:55+08:00", "script:pubDate;local-tz:+08:00"),
]


@pytest.mark.parametrize(("script", "published", "source"), SCRIPT_CASES,
                         ids=["wechat-ct", "publish_time", "app-state-nearest-headline", "next-data",
                              "pubdate-millis"])
def test_script_date_variables(script: str, published: str, source: str) -> None:
    """With no stated date, a well-known inline-script date variable is the published time."""
    assert _published(_page(script)) == (published, source)


NOT_SCRIPT_DATE_CASES = [
    '<script>var ct = "2019-09-07 08:05";</script>',
    '<script>var select = "1581517074";</script>',
    '<script>var ct = "15815170";</script>',
    '<script>document.getElementById("publish_time").innerHTML = "昨天";</script>',
    '<script src="/js/publish_time.js?publishTime=1581517074"></script>',
]


@pytest.mark.parametrize("script", NOT_SCRIPT_DATE_CASES,
                         ids=["ct-not-epoch", "name-suffix", "ct-short-number", "element-id", "external"])
def test_script_look_alikes_give_no_date(script: str) -> None:
    """Short names other than Unix times, name suffixes and element ids are not dates."""
    assert _published(_page(script)) == (None, None)


def test_stated_date_wins_and_scripts_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page that states its date in a meta tag never pays for the script scan."""
    def refuse(self: PageView, limit: int = 0) -> str:
        raise AssertionError("script text read")

    monkeypatch.setattr(PageView, "script_text", refuse)
    html = _page('<meta property="article:published_time" content="2020-02-12T09:00:00+08:00">',
                 '<script>var ct = "1581517074";</script>')
    assert _published(html) == ("2020-02-12T09:00:00+08:00", "meta:article:published_time")


ITEMPROP_CASES = [
    ('<meta itemprop="dateCreated" content="2019-10-08 12:00:57">',
     "2019-10-08T12:00:57+08:00", "meta:datecreated;inferred-tz:+08:00"),
    ('<meta itemprop="dateUpdate" content="2019-10-08 12:00:57">',
     "2019-10-08T12:00:57+08:00", "meta:dateupdate;fallback:modified;inferred-tz:+08:00"),
    ('<meta property="og:updated_time" content="2025-03-04T10:30:12+00:00">',
     "2025-03-04T10:30:12+00:00", "meta:og:updated_time;fallback:modified"),
]


@pytest.mark.parametrize(("meta", "published", "source"), ITEMPROP_CASES,
                         ids=["itemprop-datecreated", "itemprop-dateupdate", "og-updated"])
def test_itemprop_and_modified_fallback(meta: str, published: str, source: str) -> None:
    """itemprop date metas count; a modified date alone stands in, as trafilatura does, and says so."""
    assert _published(_page(meta)) == (published, source)


def test_script_date_beats_modified_fallback() -> None:
    """A true publication time in the scripts wins over a modified date standing in."""
    html = _page('<meta itemprop="dateUpdate" content="2020-01-14 17:58:59">'
                 "<script>var data = {publish_time: '2020-01-10 08:00:00'};</script>")
    assert _published(html) == ("2020-01-10T08:00:00+08:00", "script:publishTime;inferred-tz:+08:00")


def test_modified_date_never_completes_a_url_day() -> None:
    """A URL day is not given the time of a modification made that same day."""
    html = _page('<meta property="article:modified_time" content="2025-02-27T18:00:00+08:00">')
    assert _published(html, "https://news.example.cn/2025/02/27/story.html") == ("2025-02-27", "url")


def test_label_found_far_down_when_the_headline_is_not_located() -> None:
    """With a site-name title, a labelled date deep under menus and scripts is still read."""
    menus = "<ul>" + "".join(f"<li><a href='/c/{i}'>栏目{i} 学术会议 通知公告</a></li>" for i in range(400)) + "</ul>"
    html = (f"<html><head><title>中国地理学会官网</title></head><body>{menus}"
            "<h5>2019年中国人文地理学术年会在重庆成功举行</h5>"
            "<div class='ly'><b>发布时间：2019-05-18</b> <i>来源：中国地理学会</i></div>"
            "<p>5月10-12日，年会在重庆举行。</p></body></html>")
    assert len(PageView.read(parse(html), url=None).raw_text.split("发布时间")[0]) > 5000
    assert _published(html, None) == ("2019-05-18", "text:发布时间")


def test_script_time_outranks_a_bare_day_in_the_text() -> None:
    """An unlabelled day in the story (a death date) loses to the scripts' `pubtime`."""
    html = _page('<script>window.DATA = {"title": "儿歌作者女儿回应改词", "pubtime": "2019-09-07 19:02:26"};</script>',
                 title="儿歌作者女儿回应改词")
    html = html.replace("<p>三星在旧金山", "<p>作曲家2009年5月14日在南京逝世。</p><p>三星在旧金山")
    assert _published(html) == ("2019-09-07T19:02:26+08:00", "script:pubTime;inferred-tz:+08:00")


def test_labelled_day_is_kept_without_reading_scripts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A labelled day (`发布时间：`) is a stated date: the scripts are not read."""
    def refuse(self: PageView, limit: int = 0) -> str:
        raise AssertionError("script text read")

    monkeypatch.setattr(PageView, "script_text", refuse)
    html = _page().replace('<div class="meta">', '<div class="meta">发布时间：2019-05-18 ')
    assert _published(html) == ("2019-05-18", "text:发布时间")


LABEL_TEXTS = [
    "Home | News\nPosted on March 3, 2025 10:30 a.m. ET\nBy Jane Doe",
    "首页 > 新闻\n发布时间：2025-07-03 10:00 来源：新华网\n更新时间：2025-07-04",
    "xPublished 2025-07-03 (lookbehind fails) then Published: 2025-07-05 12:00",
    "PUBLISHED ON 2025-07-03 and LAST UPDATED 2025-07-04 09:00",
    "Poſted 2025-07-03 (long s) | Publıshed 2025-07-04 (dotless i)",
    "İstanbul Published 2025-07-03 (a capital I with dot lowers to two characters)",
]


@pytest.mark.parametrize("text", LABEL_TEXTS, ids=["english", "chinese", "lookbehind", "upper-case",
                                                   "fold-apart", "longer-lowered"])
def test_label_matches_equal_finditer(text: str) -> None:
    """Labels matched only where one starts give exactly the matches of a full scan."""
    from scraper.extract import meta_dates

    for pattern, labels in ((meta_dates.PUBLISHED_RE, meta_dates.PUBLISHED_LABELS),
                            (meta_dates.MODIFIED_RE, meta_dates.MODIFIED_LABELS)):
        folded = tuple(label.lower() for label in labels)
        found = meta_dates._label_matches(text, text.lower(), pattern, folded)
        assert [m.groups() for m in found] == [m.groups() for m in pattern.finditer(text)]
