"""Published and modified times, with the rule that supplied each.

Order of precedence (first hit wins):

1. JSON-LD `datePublished` / `dateModified` of the article object;
2. meta tags, in the order of `PUBLISHED_METAS` / `MODIFIED_METAS`;
3. `<time datetime>` (itemprop first, then inside the article, then anywhere);
4. a labelled date in the header text (`发布时间：`, `Published`, `Updated`);
5. (published only) the first date after the headline (else the last one just before it);
6. (published only, and only when nothing above gave a date, or only an unlabelled bare
   day in the text, which it then outranks) a well-known date variable in the inline
   scripts (`SCRIPT_KEYS`: `publish_time`, `"publishDate"`, WeChat's `var ct`);
7. (published only) a relative time ("2小时前") counted back from the HTTP `Date`, then the
   date in the URL, then, as trafilatura does, the modified date (`;fallback:modified`).
   Placeholder days (`2000-01-01`) never count.

A winner that has only a day is completed by a later candidate of the same day that has
a time. A time without a zone gets one inferred from the page (another stated offset,
then TLD, then language): the provenance says `inferred-tz:+08:00`. When no zone can be
inferred the value falls back to the plain date (`tz-unknown`), as the contract wants
either a full datetime with offset or a date. A Unix time (UTC by definition) is stated in
the zone inferred the same way (`local-tz:+08:00`) when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from scraper.dom import Node
from scraper.extract import jsonld
from scraper.extract.dates import Stamp, date_from_url, parse_date, parse_relative
from scraper.extract.meta_page import MarkTable, PageView, holds_any, within
from scraper.found import Found

PUBLISHED_METAS: tuple[str, ...] = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "og:published_time", "published_time", "article.published", "publishdate", "publish-date",
    "publish_date", "pubdate", "pubtime", "publishtime", "publication_date", "og:release_date",
    "release_date", "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued",
    "dc.date.created", "dcterms.created", "dc.date", "dcterms.date", "citation_publication_date",
    "article_date_original", "originalpublicationdate", "cxenseparse:recs:publishtime",
    "date", "weibo:article:create_at", "bt:pubdate", "firstpublishedtime", "created", "datecreated",
)
MODIFIED_METAS: tuple[str, ...] = (
    "article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
    "article:modified", "modified_time", "lastmod", "last-modified", "dc.date.modified",
    "dcterms.modified", "article.updated", "updated_time", "lastmodifiedtime",
    "weibo:article:update_at", "revised", "dateupdate",
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
# Inline-script variables and JSON state keys that state the publication time, in
# precedence order: (provenance key, pattern of the name as written). Each pattern starts
# with a literal, which `re` finds at C speed (one alternation of all the names reads a
# script five to twenty times slower). `ct` (WeChat's `var ct = "1581517074"`) is too short
# a name to trust with anything but a Unix time (`EPOCH_ONLY_KEYS`).
SCRIPT_VALUE = (
    r"""["']?\s*[:=]\s*(?:new\s+Date\(\s*)?"""
    r"""(?:"([^"\n\\]{4,40})"|'([^'\n\\]{4,40})'|(\d{10}(?:\d{3})?)(?!\d))"""
)
SCRIPT_KEYS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(name + SCRIPT_VALUE))
    for key, name in (
        ("datePublished", r"date_?[Pp]ublished"),
        ("publishDate", r"publish(?:ed)?_?[Dd]ate"),
        ("publishTime", r"publish(?:ed)?_?[Tt]ime"),
        ("publishedAt", r"published_?[Aa]t"),
        ("pubDate", r"pub_?[Dd]ate"),
        ("pubTime", r"pub_?[Tt]ime"),
        ("createTime", r"create_?[Tt]ime"),
        ("ct", r"ct"),
    )
)
EPOCH_ONLY_KEYS = frozenset({"ct"})
# A name is matched whole: the character before it is not part of an identifier.
IDENTIFIER_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")
# At most this many script assignments are read (an app state may list hundreds of items).
MAX_SCRIPT_HITS = 64
# Without a located headline, the label rules read this much of the page text (scripts
# and menus may fill the first few thousand characters).
NO_HEADLINE_TEXT = 12_000
ARTICLE_TAGS = frozenset({"article", "main"})
ITEMPROP_PUBLISHED = MarkTable.of((("itemprop", r"itemprop=datepublished"),), needles=("datepublished",))
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
    epoch: bool = False  # a Unix time: stated in the site's zone when one can be inferred
    fallback: bool = False  # a modified date standing in: never completes another's time


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
    folded = tuple(label.lower() for label in labels)
    if not holds_any(lowered, folded):
        return
    for m in _label_matches(text, lowered, pattern, folded):
        stamp = parse_date(m.group(2))
        if stamp is not None:
            yield Candidate(stamp, f"text:{m.group(1)}")


# Characters that a case-insensitive `re` match takes for ASCII letters but `str.lower` does
# not turn into them (dotless i, long s).
FOLD_APART = ("ı", "ſ")


def _label_matches(
    text: str, lowered: str, pattern: re.Pattern[str], folded: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, tried only where a label starts.

    The label patterns start with a lookbehind, so `re` tries every position of the header
    (~40 µs per 1,000 characters). A match starts where its label does, and where a label
    stands case-insensitively its lower-case form stands in `text.lower()` at the same place
    (when lowering kept every character one character, and no dotless i or long s is about),
    so the places are found with `str.find` and the pattern is matched there, in order,
    each after the end of the match before, as `finditer` would.
    """
    if len(lowered) != len(text) or holds_any(text, FOLD_APART):
        yield from pattern.finditer(text)
        return
    starts: set[int] = set()
    for label in folded:
        at = lowered.find(label)
        while at >= 0:
            starts.add(at)
            at = lowered.find(label, at + 1)
    end = 0
    for start in sorted(starts):
        if start >= end:
            m = pattern.match(text, start)
            if m is not None:
                end = m.end()
                yield m


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


def _script_hits(script: str, key: str, pattern: re.Pattern[str]) -> list[tuple[int, Candidate]]:
    """(position, candidate) of each dated assignment to `key` in the script text."""
    hits: list[tuple[int, Candidate]] = []
    for m in pattern.finditer(script):
        if m.start() > 0 and script[m.start() - 1] in IDENTIFIER_CHARS:
            continue
        value = m.group(1) or m.group(2) or m.group(3) or ""
        epoch = value.isdigit() and len(value) in (10, 13)
        stamp = parse_date(value) if epoch or key not in EPOCH_ONLY_KEYS else None
        if stamp is not None:
            hits.append((m.start(), Candidate(stamp, f"script:{key}", epoch=epoch)))
            if len(hits) >= MAX_SCRIPT_HITS:
                break
    return hits


def _title_places(script: str, title: str | None, limit: int = 8) -> list[int]:
    """Where the headline stands in the script text (its first characters, as written and
    without spaces), at most `limit` places each."""
    places: list[int] = []
    for probe in dict.fromkeys((title[:12], "".join(title.split())[:12]) if title else ()):
        at = script.find(probe) if probe else -1
        for _ in range(limit):
            if at < 0:
                break
            places.append(at)
            at = script.find(probe, at + 1)
    return places


def _from_scripts(view: PageView, title: str | None) -> Iterator[Candidate]:
    """One date per key the inline scripts assign, in `SCRIPT_KEYS` order (lazily: a later
    key is read only to give a time to a day-only first one). When a key has several values
    (an app state that lists related items too), the one nearest the headline."""
    script = view.script_text()
    for key, pattern in SCRIPT_KEYS:
        hits = _script_hits(script, key, pattern)
        if hits:
            places = _title_places(script, title) if len({c.stamp for _, c in hits}) > 1 else []
            if places:
                hits.sort(key=lambda hit: min(abs(hit[0] - at) for at in places))
            yield hits[0][1]


def _as_fallback(candidates: Iterable[Candidate]) -> Iterator[Candidate]:
    for c in candidates:
        yield Candidate(c.stamp, f"{c.source};fallback:modified", epoch=c.epoch, fallback=True)


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
        if other.fallback:
            continue
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
    if chosen.epoch:
        offset = _zone(view, stamp, language, offsets)
        if offset is not None and offset != stamp.offset:
            stamp = stamp.at_offset(offset)
            source = f"{source};local-tz:{Stamp(2000, 1, 1, 0, 0, 0, offset).iso()[-6:]}"
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


def _stated(
    view: PageView, header: str, title: str | None
) -> Iterator[Candidate]:
    """The rules that read what the page states as its publication date."""
    yield from _from_ld(view, "datePublished")
    yield from _from_metas(view, PUBLISHED_METAS)
    yield from _from_time(view)
    yield from _from_labels(header or view.head_text(NO_HEADLINE_TEXT), PUBLISHED_RE, PUBLISHED_LABELS)
    yield from _first_in_text(header, title)


def _published(
    view: PageView, header: str, title: str | None, now: datetime | None
) -> Iterator[Candidate]:
    found = False
    for candidate in _real(_stated(view, header, title)):
        if not found and candidate.source == "text" and not candidate.stamp.has_time:
            # A bare day somewhere in the text is a guess: a script variable states more.
            yield from _from_scripts(view, title)
        found = True
        yield candidate
    if not found:  # the script scan costs: only for pages that state no date otherwise
        yield from _from_scripts(view, title)
    yield from _relative(header, now)
    stamp = date_from_url(view.url) if view.url else None
    if stamp is not None:
        yield Candidate(stamp, "url")
    yield from _as_fallback(_from_ld(view, "dateModified"))
    yield from _as_fallback(_from_metas(view, MODIFIED_METAS))


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
    if any(
        c is not None and (c.epoch or (c.stamp.has_time and c.stamp.offset is None))
        for c in (published, modified)
    ):
        offsets = _stated_offsets(view)
    return (
        _finish(view, published, language, offsets),
        _finish(view, modified, language, offsets),
    )
