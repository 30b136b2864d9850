"""Published and modified times, with the rule that supplied each.

Order of precedence (first hit wins):

1. JSON-LD `datePublished` / `dateModified` of the article object;
2. meta tags, in the order of `PUBLISHED_METAS` / `MODIFIED_METAS`;
3. `<time datetime>` (itemprop first, then inside the article, then anywhere);
4. a labelled date in the header text (`发布时间：`, `Published`, `Updated`);
5. (published only) the first date after the headline (else the last one just before it),
   then the date in the URL. Placeholder days (`2000-01-01`) never count.

A winner that has only a day is completed by a later candidate of the same day that has
a time. A time without a zone gets one inferred from the page (another stated offset,
then TLD, then language): the provenance says `inferred-tz:+08:00`. When no zone can be
inferred the value falls back to the plain date (`tz-unknown`), as the contract wants
either a full datetime with offset or a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from scraper.dom import Node
from scraper.extract import jsonld
from scraper.extract.dates import Stamp, date_from_url, parse_date, parse_relative
from scraper.extract.meta_page import MarkTable, PageView, within
from scraper.found import Found

PUBLISHED_METAS: tuple[str, ...] = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "og:published_time", "published_time", "article.published", "publishdate", "publish-date",
    "publish_date", "pubdate", "pubtime", "publishtime", "publication_date", "og:release_date",
    "release_date", "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued",
    "dc.date.created", "dcterms.created", "dc.date", "dcterms.date", "citation_publication_date",
    "article_date_original", "originalpublicationdate", "cxenseparse:recs:publishtime",
    "date", "weibo:article:create_at", "bt:pubdate", "firstpublishedtime", "created",
)
MODIFIED_METAS: tuple[str, ...] = (
    "article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
    "article:modified", "modified_time", "lastmod", "last-modified", "dc.date.modified",
    "dcterms.modified", "article.updated", "updated_time", "lastmodifiedtime",
    "weibo:article:update_at", "revised",
)
# Labels before a visible date; the value is what follows on the same line.
PUBLISHED_LABELS: tuple[str, ...] = (
    "发布时间", "发布日期", "发表时间", "发表日期", "发稿时间", "发文日期", "成文日期",
    "发布于", "时间", "日期",
    "Published on", "Published", "Posted on", "Posted", "First published on", "First published",
)
MODIFIED_LABELS: tuple[str, ...] = (
    "更新时间", "更新日期", "修改时间", "Last updated", "Updated on", "Updated",
)
ARTICLE_TAGS = frozenset({"article", "main"})
ITEMPROP_PUBLISHED = MarkTable.of((("itemprop", r"itemprop=datepublished"),))
# Zones of the sites that state local times without one, by TLD then by language.
TLD_ZONES: dict[str, str] = {
    "cn": "Asia/Shanghai", "hk": "Asia/Hong_Kong", "mo": "Asia/Macau", "tw": "Asia/Taipei",
    "sg": "Asia/Singapore", "jp": "Asia/Tokyo", "kr": "Asia/Seoul", "uk": "Europe/London",
    "ie": "Europe/Dublin", "de": "Europe/Berlin", "fr": "Europe/Paris", "in": "Asia/Kolkata",
}
LANGUAGE_ZONES: dict[str, str] = {"zh": "Asia/Shanghai", "ja": "Asia/Tokyo", "ko": "Asia/Seoul"}


@dataclass(frozen=True)
class Candidate:
    stamp: Stamp
    source: str


def _label_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(
        r"(?:^|(?<=[\s|:：(（\[【]))(" + alternatives + r")\s*[:：]?\s*([^\n]{0,60})", re.IGNORECASE
    )


PUBLISHED_RE = _label_pattern(PUBLISHED_LABELS)
MODIFIED_RE = _label_pattern(MODIFIED_LABELS)


def _from_ld(view: PageView, key: str) -> Iterator[Candidate]:
    if view.ld_article is not None:
        value = jsonld.text(view.ld_article.get(key))
        stamp = parse_date(value) if value else None
        if stamp is not None:
            yield Candidate(stamp, "json-ld")


def _from_metas(view: PageView, names: tuple[str, ...]) -> Iterator[Candidate]:
    for name in names:
        value = view.metas.get(name)
        stamp = parse_date(value) if value else None
        if stamp is not None:
            yield Candidate(stamp, f"meta:{name}")


def _time_nodes(view: PageView) -> list[Node]:
    """`itemprop=datePublished`, then `<time pubdate>`, then `<time>` in the article, then any."""
    ordered = [node for _, node in view.first_marked(ITEMPROP_PUBLISHED)]
    ordered += [node for node in view.times if "pubdate" in node.attrs]
    ordered += [node for node in view.times if within(node, ARTICLE_TAGS)]
    ordered += view.times
    return ordered


def _from_time(view: PageView) -> Iterator[Candidate]:
    for node in _time_nodes(view):
        value = node.attrs.get("datetime") or node.attrs.get("content")
        stamp = parse_date(value) if value else None
        if stamp is not None:
            yield Candidate(stamp, "time")
            return


def _from_labels(text: str, pattern: re.Pattern[str], labels: tuple[str, ...]) -> Iterator[Candidate]:
    lowered = text.lower()
    if not any(label.lower() in lowered for label in labels):
        return
    for m in pattern.finditer(text):
        stamp = parse_date(m.group(2))
        if stamp is not None:
            yield Candidate(stamp, f"text:{m.group(1)}")


def _first_in_text(header: str, title: str | None) -> Iterator[Candidate]:
    """The first date after the headline (the date line), else the last one before it (a
    top bar's "today is …" comes first in the page but is farther from the headline)."""
    at = header.find(title[:12]) if title else -1
    after, before = (header[at:], header[:at]) if at >= 0 else (header, "")
    stamp = parse_date(after)
    if stamp is None and before:
        stamp = parse_date(before[-300:])
    if stamp is not None:
        yield Candidate(stamp, "text")


# Days that CMSs print when they have no date.
PLACEHOLDER_DAYS = frozenset({"1970-01-01", "2000-01-01", "1900-01-01"})


def _real(candidates: Iterator[Candidate]) -> Iterator[Candidate]:
    return (c for c in candidates if c.stamp.day_iso() not in PLACEHOLDER_DAYS)


def _choose(candidates: Iterator[Candidate]) -> Candidate | None:
    """The first candidate, given a time by a later one of the same day if it has none.

    Candidates are generated lazily: the costly text scans run only when nothing before
    them gave a date with a time.
    """
    best = next(candidates, None)
    if best is None or best.stamp.has_time:
        return best
    for other in candidates:
        if other.stamp.has_time and other.stamp.day_iso() == best.stamp.day_iso():
            return other
    return best


def _zone(view: PageView, stamp: Stamp, language: str | None, offsets: list[int]) -> int | None:
    """The UTC offset the site states its local times in, or None if nothing tells."""
    if offsets:
        return offsets[0]
    zone_name = None
    host = urlsplit(view.url).hostname if view.url else None
    if host:
        zone_name = TLD_ZONES.get(host.rsplit(".", 1)[-1])
    if zone_name is None and language:
        zone_name = LANGUAGE_ZONES.get(language)
    if zone_name is None:
        return None
    local = datetime(stamp.year, stamp.month, stamp.day, stamp.hour or 0, tzinfo=ZoneInfo(zone_name))
    delta = local.utcoffset()
    return None if delta is None else int(delta.total_seconds() // 60)


def _finish(
    view: PageView, chosen: Candidate | None, language: str | None, offsets: list[int]
) -> Found[str] | None:
    if chosen is None:
        return None
    stamp, source = chosen.stamp, chosen.source
    if stamp.has_time and stamp.offset is None:
        offset = _zone(view, stamp, language, offsets)
        if offset is None:
            return Found(stamp.day_iso(), f"{source};tz-unknown")
        stamp = stamp.with_offset(offset)
        source = f"{source};inferred-tz:{Stamp(2000, 1, 1, 0, 0, 0, offset).iso()[-6:]}"
    return Found(stamp.iso(), source)


def _relative(header: str, now: datetime | None) -> Iterator[Candidate]:
    if now is not None and header:
        stamp = parse_relative(header, now=now)
        if stamp is not None:
            yield Candidate(stamp, "text:relative;ref:http-date")


def http_date(headers: Mapping[str, str] | None) -> datetime | None:
    """The response's `Date` header as an aware datetime, the reference for relative times."""
    for name, value in (headers or {}).items():
        if name.lower() == "date":
            try:
                moment = parsedate_to_datetime(value)
            except (TypeError, ValueError):
                return None
            return moment if moment.tzinfo is not None else None
    return None


def _published(
    view: PageView, header: str, title: str | None, now: datetime | None
) -> Iterator[Candidate]:
    yield from _from_ld(view, "datePublished")
    yield from _from_metas(view, PUBLISHED_METAS)
    yield from _from_time(view)
    yield from _from_labels(header or view.head_text(5000), PUBLISHED_RE, PUBLISHED_LABELS)
    yield from _first_in_text(header, title)
    yield from _relative(header, now)
    stamp = date_from_url(view.url) if view.url else None
    if stamp is not None:
        yield Candidate(stamp, "url")


def _modified(view: PageView, header: str) -> Iterator[Candidate]:
    yield from _from_ld(view, "dateModified")
    yield from _from_metas(view, MODIFIED_METAS)
    yield from _from_labels(header, MODIFIED_RE, MODIFIED_LABELS)


def _stated_offsets(view: PageView) -> list[int]:
    """UTC offsets the page's machine-readable dates state (the site's own zone)."""
    found = [
        *_from_ld(view, "datePublished"), *_from_ld(view, "dateModified"),
        *_from_metas(view, PUBLISHED_METAS), *_from_metas(view, MODIFIED_METAS),
    ]
    return [c.stamp.offset for c in found if c.stamp.offset is not None]


def dates(
    view: PageView, *, header: str, title: str | None, language: str | None,
    now: datetime | None = None,
) -> tuple[Found[str] | None, Found[str] | None]:
    """(published, modified) of the page; `header` is the text around the headline, `now`
    the moment relative times ("2小时前") count back from (the HTTP `Date`), if known."""
    published = _choose(_real(_published(view, header, title, now)))
    modified = _choose(_real(_modified(view, header)))
    offsets: list[int] = []
    if any(c is not None and c.stamp.has_time and c.stamp.offset is None for c in (published, modified)):
        offsets = _stated_offsets(view)
    return (
        _finish(view, published, language, offsets),
        _finish(view, modified, language, offsets),
    )
