"""Date parsing: tables of strings as pages print them, and the ISO values they mean."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

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
