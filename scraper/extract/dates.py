"""Date and time parsing: pure functions from strings to `Stamp`s.

Every parser takes a string and returns a `Stamp` (or None); none of them looks at a page.
Formats, in the order `parse_date` tries them:

1. ISO 8601 and its common relatives (`2025-07-03T13:57:00+08:00`, `2025-07-03 13:57`,
   `2025/07/03`, `2025.07.03`, `20250703`);
2. Chinese (`2025年11月12日 09:30`, `2025年7月3日`);
3. English month names (`March 3, 2025 10:30 a.m. ET`, `3 March 2025`, `Tue 4 Mar 2025 10.30 GMT`);
4. RFC 2822 (`Thu, 03 Jul 2025 13:57:00 GMT`) and Unix timestamps (seconds or milliseconds).

Named US/UK zones (ET, PT, BST...) become the offset in force on that day (zoneinfo).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_tz
from zoneinfo import ZoneInfo

# Years a news page may plausibly state; anything else is a product number or an ID.
MIN_YEAR, MAX_YEAR = 1990, 2040

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

# Zone names as printed on pages -> IANA zone (offset depends on the date) or fixed minutes.
ZONES: dict[str, str | int] = {
    "UTC": 0, "GMT": 0, "Z": 0,
    "ET": "America/New_York", "EST": -300, "EDT": -240,
    "CT": "America/Chicago", "CST": -360, "CDT": -300,
    "MT": "America/Denver", "MST": -420, "MDT": -360,
    "PT": "America/Los_Angeles", "PST": -480, "PDT": -420,
    "BST": 60, "CET": 60, "CEST": 120, "IST": 330, "JST": 540, "KST": 540,
    "AEST": 600, "AEDT": 660, "HKT": 480, "SGT": 480,
    "北京时间": 480,
}


@dataclass(frozen=True)
class Stamp:
    """A calendar date, with the time and UTC offset (minutes) when the text gave them."""

    year: int
    month: int
    day: int
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset: int | None = None

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    def day_iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def iso(self) -> str:
        """`2025-07-03T13:57:00+08:00` when time and offset are known, else `2025-07-03`."""
        if self.hour is None or self.offset is None:
            return self.day_iso()
        sign = "+" if self.offset >= 0 else "-"
        hours, minutes = divmod(abs(self.offset), 60)
        return (
            f"{self.day_iso()}T{self.hour:02d}:{self.minute or 0:02d}:{self.second or 0:02d}"
            f"{sign}{hours:02d}:{minutes:02d}"
        )

    def with_offset(self, offset: int) -> Stamp:
        return replace(self, offset=offset)

    def at_offset(self, offset: int) -> Stamp:
        """The same moment stated at another UTC offset (a stamp without time or zone is kept)."""
        if self.hour is None or self.offset is None:
            return self
        moment = datetime(
            self.year, self.month, self.day, self.hour, self.minute or 0, self.second or 0, tzinfo=UTC
        ) + timedelta(minutes=offset - self.offset)
        return Stamp(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second, offset)


def _valid(year: int, month: int, day: int) -> bool:
    if not (MIN_YEAR <= year <= MAX_YEAR):
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _stamp(
    year: int, month: int, day: int, hour: int | None = None, minute: int | None = None,
    second: int | None = None, offset: int | None = None,
) -> Stamp | None:
    if not _valid(year, month, day):
        return None
    if hour is not None and not (0 <= hour <= 23 and 0 <= (minute or 0) <= 59 and 0 <= (second or 0) <= 60):
        hour = minute = second = None
    return Stamp(year, month, day, hour, minute, second, offset if hour is not None else None)


def zone_offset(name: str, year: int, month: int, day: int, hour: int) -> int | None:
    """Minutes east of UTC of a named zone on that day (`ET` in July -> -240)."""
    zone = ZONES.get(name.upper().replace(".", "")) if name != "北京时间" else ZONES[name]
    if zone is None:
        return None
    if isinstance(zone, int):
        return zone
    local = datetime(year, month, day, hour, tzinfo=ZoneInfo(zone))
    delta = local.utcoffset()
    return None if delta is None else int(delta.total_seconds() // 60)


def _offset(text: str | None) -> int | None:
    """`+08:00`, `+0800`, `-05`, `Z` -> minutes."""
    if not text:
        return None
    if text in ("Z", "z"):
        return 0
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})?", text)
    if m is None:
        return None
    minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
    return -minutes if m.group(1) == "-" else minutes


_TIME = r"(?:[T\s]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?"
ISO_RE = re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)" + _TIME)
# `19.11.2019` (German, Russian: day first) and `11/19/2019` (US: month first, unless the
# first number cannot be a month).
DAY_FIRST_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])" + _TIME)
MONTH_FIRST_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])" + _TIME)
COMPACT_RE = re.compile(
    r"(?<!\d)(\d{4})(\d{2})(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})?(Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
)
ZH_RE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"(?:\s*(?:(上午|下午|晚上|凌晨)\s*)?(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?)?"
)
_EN_TIME = (
    r"(?:,?\s*(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?(?:[:.](\d{2}))?\s*"
    r"(a\.?m\.?|p\.?m\.?|AM|PM|am|pm)?\s*([A-Z]{2,4}\b)?)?"
)
_MONTH = (
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
EN_MDY_RE = re.compile(
    r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b" + _EN_TIME, re.IGNORECASE
)
EN_DMY_RE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})\b" + _EN_TIME, re.IGNORECASE
)
# A time printed before the date: "10:30 a.m. ET, March 3, 2025" / "Updated 12:45 PM EST, Mon March 3, 2025".
EN_TIME_FIRST_RE = re.compile(
    r"\b(\d{1,2})[:.](\d{2})\s*(a\.?m\.?|p\.?m\.?|AM|PM)?\s*([A-Z]{2,4})?,?\s+(?:[A-Z][a-z]{2,8},?\s+)?"
    + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"
)


def _hour12(hour: int, marker: str | None) -> int:
    if not marker:
        return hour
    pm = marker.lower().startswith("p") or marker in ("下午", "晚上")
    if pm and hour < 12:
        return hour + 12
    if not pm and hour == 12 and marker.lower().startswith("a"):
        return 0
    return hour


def parse_iso(text: str) -> Stamp | None:
    """ISO 8601 and numeric relatives: `2025-07-03T13:57:00+08:00`, `2025/07/03 13:57`,
    `03.07.2025`, `07/03/2025`, `20250703`."""
    m = ISO_RE.search(text)
    if m is not None:
        hour = int(m.group(5)) if m.group(5) else None
        return _stamp(
            int(m.group(1)), int(m.group(3)), int(m.group(4)), hour,
            int(m.group(6)) if m.group(6) else None, int(m.group(7)) if m.group(7) else None,
            _offset(m.group(8)),
        )
    m = DAY_FIRST_RE.search(text) or MONTH_FIRST_RE.search(text)
    if m is not None:
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        day, month = (first, second) if m.re is DAY_FIRST_RE or first > 12 else (second, first)
        hour = int(m.group(4)) if m.group(4) else None
        return _stamp(year, month, day, hour, int(m.group(5)) if m.group(5) else None,
                      int(m.group(6)) if m.group(6) else None, _offset(m.group(7)))
    m = COMPACT_RE.search(text)
    if m is not None:
        return _stamp(
            int(m.group(1)), int(m.group(2)), int(m.group(3)),
            int(m.group(4)) if m.group(4) else None, int(m.group(5)) if m.group(5) else None,
            int(m.group(6)) if m.group(6) else None, _offset(m.group(7)),
        )
    return None


def parse_zh(text: str) -> Stamp | None:
    """Chinese dates: `2025年11月12日 09:30`, `2025年7月3日`, `2025年7月3日 下午3:05`."""
    m = ZH_RE.search(text)
    if m is None:
        return None
    hour = _hour12(int(m.group(5)), m.group(4)) if m.group(5) else None
    return _stamp(
        int(m.group(1)), int(m.group(2)), int(m.group(3)), hour,
        int(m.group(6)) if m.group(6) else None, int(m.group(7)) if m.group(7) else None,
    )


def _en(year: int, month: int, day: int, groups: tuple[str | None, ...]) -> Stamp | None:
    hour_s, minute_s, second_s, marker, zone = groups
    hour = minute = second = None
    # A bare number after the date is a time only with minutes or an am/pm marker.
    if hour_s and (minute_s or marker):
        hour = _hour12(int(hour_s), marker)
        minute = int(minute_s) if minute_s else 0
        second = int(second_s) if second_s else None
    offset = None
    if hour is not None and zone and _valid(year, month, day):
        offset = zone_offset(zone, year, month, day, min(hour, 23))
    return _stamp(year, month, day, hour, minute, second, offset)


def parse_en(text: str) -> Stamp | None:
    """English dates: `March 3, 2025 10:30 a.m. ET`, `3 March 2025`, `12:45 PM EST, Mon March 3, 2025`."""
    m = EN_TIME_FIRST_RE.search(text)
    if m is not None:
        hour, minute, marker, zone, month, day, year = m.groups()
        return _en(int(year), MONTHS[month.lower().rstrip(".")], int(day), (hour, minute, None, marker, zone))
    m = EN_MDY_RE.search(text)
    if m is not None:
        month, day, year = m.group(1), m.group(2), m.group(3)
        return _en(int(year), MONTHS[month.lower().rstrip(".")], int(day), m.groups()[3:8])
    m = EN_DMY_RE.search(text)
    if m is not None:
        day, month, year = m.group(1), m.group(2), m.group(3)
        return _en(int(year), MONTHS[month.lower().rstrip(".")], int(day), m.groups()[3:8])
    return None


def parse_rfc2822(text: str) -> Stamp | None:
    """`Thu, 03 Jul 2025 13:57:00 GMT` (HTTP headers, some meta tags)."""
    if not re.match(r"\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        return None
    parts = parsedate_tz(text.strip())
    if parts is None:
        return None
    year, month, day, hour, minute, second = parts[:6]
    offset = parts[9]
    return _stamp(year, month, day, hour, minute, second, None if offset is None else offset // 60)


def parse_timestamp(text: str) -> Stamp | None:
    """Unix time in seconds or milliseconds (`1751522220`, `1751522220000`), as UTC."""
    text = text.strip()
    if not re.fullmatch(r"\d{10}(?:\d{3})?", text):
        return None
    seconds = int(text[:10])
    moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
    return _stamp(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second, 0)


# Every date format states a year: long texts are parsed only in windows around one.
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d")
SHORT_TEXT = 120


def parse_date(text: str) -> Stamp | None:
    """The first date the text states, trying ISO, Chinese, English, RFC 2822, Unix time."""
    if not text:
        return None
    if len(text) > SHORT_TEXT:
        return _scan(text)
    for parser in (parse_timestamp, parse_rfc2822, parse_iso, parse_zh, parse_en):
        found = parser(text)
        if found is not None:
            return found
    return None


def _scan(text: str) -> Stamp | None:
    """The first date of a long text, read from windows around its year numbers."""
    for m in YEAR_RE.finditer(text):
        window = text[max(0, m.start() - 50) : m.end() + 40]
        year = int(m.group(0))
        for parser in (parse_iso, parse_zh, parse_en):
            found = parser(window)
            # The window may hold the next date too: only the one of this year number counts.
            if found is not None and found.year == year:
                return found
    return None


# Dates in URLs, most specific first: /2025/07/03/, /2025-07-03/, /2025/7/3/ (gov.cn CMSs),
# /2025/0703/ (people.cn), /202507/03/ (xinhuanet), /20250703/, t20250703_.
URL_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"/(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?=[/_.-]|$)"),
    re.compile(r"/(\d{4})/(\d{2})(\d{2})/"),
    re.compile(r"/(\d{4})(\d{2})/(\d{2})/"),
    re.compile(r"(?:/|\bt|_|-)(\d{4})(\d{2})(\d{2})(?=[/_.-]|\d{2,}|$)"),
)


def date_from_url(url: str) -> Stamp | None:
    """The day an article URL states (`/2025/07/03/`, `/20250703/`, `t20250703_`), if any."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE)
    for pattern in URL_DATE_PATTERNS:
        for m in pattern.finditer(path):
            found = _stamp(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if found is not None:
                return found
    return None


# List dates: a full date with one separator throughout (`2025-07-01`, `2025.05.15`,
# `2025年7月1日`) or a month-day (`07-03`, `07/03`, `7月3日`). Mixed separators (`2025年1-4`)
# are not dates, and `.` is no month-day separator (`9.1` is a number).
MONTH_DAY_RE = re.compile(
    r"(?<![\d:.])(?:(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})"
    r"|(?P<zy>\d{4})年(?P<zm>\d{1,2})月(?P<zd>\d{1,2})日"
    r"|(?<!年)(?P<mm>\d{1,2})(?P<ms>[-/])(?P<md>\d{1,2})(?![-/]\d|月)"
    r"|(?P<cm>\d{1,2})月(?P<cd>\d{1,2})日)(?![\d:])"
)
# US list dates (`02/18/2025`): month first unless the first number cannot be a month.
US_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
LIST_DATE_RE = re.compile(
    US_DATE_RE.pattern + "|" + MONTH_DAY_RE.pattern
    + r"|\b" + _MONTH + r"\s+\d{1,2},?\s+\d{4}\b|\b\d{1,2}\s+" + _MONTH + r"\s+\d{4}\b",
    re.IGNORECASE,
)


# Every form of LIST_DATE_RE holds a digit: found at C speed, where the case-insensitive
# alternation tries each position in turn (about 0.2 µs a character).
_DIGIT = re.compile(r"\d")


def find_list_date(text: str) -> str | None:
    """The date shown beside a list link (`07-03`, `2025-07-01`, `April 10, 2025`), as shown."""
    if _DIGIT.search(text) is None:  # most list items show no number at all
        return None
    m = LIST_DATE_RE.search(text)
    return m.group(0).strip() if m is not None else None


def parse_month_day(text: str, *, reference: date | None) -> Stamp | None:
    """A list date (`07-03`, `7月3日`, `2025-07-01`, `02/18/2025`, `April 3, 2025`).

    A month-day takes the year of `reference` (the article's date), or the year before when
    it lies after the reference: a related list under a January article shows December links.
    """
    us = US_DATE_RE.search(text)
    if us is not None:
        first, second, year = int(us.group(1)), int(us.group(2)), int(us.group(3))
        return _stamp(year, first, second) if first <= 12 else _stamp(year, second, first)
    m = MONTH_DAY_RE.search(text)
    if m is None:
        return parse_en(text)
    parts = m.groupdict()
    for y, mo, d in (("y", "m", "d"), ("zy", "zm", "zd")):
        if parts[y]:
            return _stamp(int(parts[y]), int(parts[mo]), int(parts[d]))
    month = int(parts["mm"] or parts["cm"])
    day = int(parts["md"] or parts["cd"])
    if reference is None:
        return None
    year = reference.year
    if (month, day) > (reference.month, reference.day):
        year -= 1
    return _stamp(year, month, day)


# Relative times ("3 hours ago", "2小时前", "昨天 10:30"): resolved only against a known
# moment (the response's HTTP `Date`), never against the clock, so extraction stays pure.
RELATIVE_UNITS: dict[str, int] = {
    "second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800,
    "秒": 1, "分钟": 60, "分": 60, "小时": 3600, "天": 86400, "日": 86400, "周": 604800,
}
AGO_RE = re.compile(
    r"(\d{1,3})\s*(?:(second|minute|hour|day|week)s?\s+ago|(秒|分钟|分|小时|天|日|周)前)", re.IGNORECASE
)
DAY_WORD_RE = re.compile(
    r"(今天|昨天|前天|yesterday|today)\s*(?:at\s+)?(?:(\d{1,2})[:：](\d{2}))?", re.IGNORECASE
)
DAY_WORDS: dict[str, int] = {"今天": 0, "today": 0, "昨天": 1, "yesterday": 1, "前天": 2}


def parse_relative(text: str, *, now: datetime) -> Stamp | None:
    """A relative time resolved against `now` (an aware datetime).

    `N units ago` is an instant: `now` minus the span, in `now`'s zone, to the minute.
    `昨天 10:30` is a local time: that day and time without a zone (the caller infers the
    site's). `yesterday` alone gives the day only.
    """
    m = AGO_RE.search(text)
    if m is not None:
        unit = (m.group(2) or m.group(3)).lower()
        moment = now - timedelta(seconds=int(m.group(1)) * RELATIVE_UNITS[unit])
        offset = utc_offset_minutes(now)
        return _stamp(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0, offset)
    m = DAY_WORD_RE.search(text)
    if m is not None:
        day = now - timedelta(days=DAY_WORDS[m.group(1).lower()])
        if m.group(2):
            return _stamp(day.year, day.month, day.day, int(m.group(2)), int(m.group(3)), 0)
        return _stamp(day.year, day.month, day.day)
    return None


def utc_offset_minutes(moment: datetime) -> int:
    delta = moment.utcoffset()
    return 0 if delta is None else int(delta.total_seconds() // 60)
