"""Sitemaps and feeds: their page URLs and dates. Pure functions over bytes: no network.

Safety, in order: the raw size is checked against the cap first; gzip (recognised by its magic
bytes, whatever the name or Content-Type says) is inflated incrementally and stopped at the
same cap; XML goes through `defusedxml`, which refuses entity declarations (billion laughs,
quadratic blow-up) and external references (XXE) instead of expanding or fetching them (an
external DTD is never fetched); parsing streams, freeing each element as it ends, and reads at
most `MAX_ENTRIES` entries, so memory stays flat whatever the document holds.
A refused or unreadable document raises `DiscoveryError` (an `InputError`) naming the URL.

Formats: sitemaps.org `urlset` (with `lastmod`, or Google News `publication_date`),
`sitemapindex`, plain-text sitemaps (one URL a line), RSS 2.0, Atom 1.0 and RDF/RSS 1.0 feeds
(a feed given as a sitemap is read as one, as search engines do).
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Literal
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from scraper.crawl.urls import normalise
from scraper.errors import InputError

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit, uncompressed
MAX_FEED_BYTES = 10 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
_BOM = b"\xef\xbb\xbf"

# XML encodings expat reads itself; any other declared charset is transcoded to UTF-8 first.
_EXPAT_ENCODINGS = frozenset({"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "utf-16"})
_XML_DECL = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
# Declared charsets read as a superset, as browsers do (WHATWG encoding labels).
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}

Kind = Literal["html", "sitemap", "feed", "robots", "other"]
SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
FEED_ROOTS = frozenset({"rss", "feed", "RDF", "channel"})
_ROBOTS_LINE = re.compile(rb"^\s*(user-agent|disallow|allow|sitemap|crawl-delay)\s*:", re.I | re.M)
_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")


class DiscoveryError(InputError):
    """A sitemap or feed that cannot be read safely; `reason` says why."""

    def __init__(self, message: str, *, url: str | None = None, reason: str = "malformed") -> None:
        super().__init__(message, url=url)
        self.reason = reason


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None


@dataclass(frozen=True)
class Sitemap:
    pages: list[SitemapEntry]
    sitemaps: list[str]


def _inflate(data: bytes, *, url: str, max_bytes: int) -> bytes:
    """Gunzip (all members) without ever holding more than `max_bytes` of output."""
    out = bytearray()
    rest = data
    while rest[:2] == GZIP_MAGIC:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = inflater.decompress(rest, max_bytes + 1 - len(out))
        except zlib.error as exc:
            raise DiscoveryError(f"corrupt gzip data: {exc}", url=url) from exc
        out += chunk
        if not inflater.eof and not inflater.unconsumed_tail:
            raise DiscoveryError("truncated or corrupt gzip data", url=url)
        if len(out) > max_bytes or inflater.unconsumed_tail:
            raise DiscoveryError(
                f"decompressed size exceeds {max_bytes} bytes", url=url, reason="too-large"
            )
        rest = inflater.unused_data
    return bytes(out)


def _payload(data: bytes, *, url: str, max_bytes: int) -> bytes:
    if len(data) > max_bytes:
        raise DiscoveryError(
            f"{len(data)} bytes exceed the {max_bytes}-byte cap", url=url, reason="too-large"
        )
    if data[:2] == GZIP_MAGIC:
        data = _inflate(data, url=url, max_bytes=max_bytes)
    return data.removeprefix(_BOM).lstrip()


def _to_expat(data: bytes) -> bytes:
    """Transcode XML declared in a charset expat cannot read (gb2312, big5...) to UTF-8."""
    match = _XML_DECL.match(data[:200])
    if match is None:
        return data
    declared = match.group(1).decode("ascii").lower()
    if declared in _EXPAT_ENCODINGS:
        return data
    codec = _CHARSET_ALIASES.get(declared, declared)
    try:
        text = data.decode(codec, errors="replace")
    except LookupError:
        return data  # unknown label: let expat report it
    declaration_end = text.find("?>")
    return ('<?xml version="1.0" encoding="utf-8"' + text[declaration_end:]).encode("utf-8")


# The element that holds one entry, by root element; and the entry fields kept, by local name.
RECORDS: dict[str, str] = {
    "urlset": "url", "sitemapindex": "sitemap", "feed": "entry",
    "rss": "item", "RDF": "item", "channel": "item",
}
FIELDS: frozenset[str] = frozenset(
    {"loc", "lastmod", "publication_date", "link", "guid", "pubDate", "date", "published", "updated"}
)
# Fields read below an entry's direct children (Google News: <news:news><news:publication_date>);
# others only as direct children, so that <image:image><image:loc> is not taken for the page.
NESTED_FIELDS: frozenset[str] = frozenset({"publication_date"})
MAX_ENTRIES = 100_000  # twice the sitemaps.org limit; entries past it are not read
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
_NOT_PAGE_RELS = frozenset({"self", "edit", "replies", "enclosure", "via", "related", "license"})


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _capture(record: dict[str, str], name: str, elem: Element) -> None:
    """Keep the first value of each field of an entry (Atom links by their rel)."""
    text = (elem.text or "").strip()
    if name == "link" and elem.get("href") is not None:  # Atom
        rel = elem.get("rel", "alternate")
        if rel == "alternate":
            record.setdefault("link:alternate", elem.get("href") or "")
        elif rel not in _NOT_PAGE_RELS:
            record.setdefault("link:other", elem.get("href") or "")
    elif name == "guid":
        if text and elem.get("isPermaLink", "true") != "false":
            record.setdefault("guid", text)
    elif text:
        record.setdefault(name, text)


def _read_xml(data: bytes, *, url: str, roots: frozenset[str], what: str) -> tuple[str, list[dict[str, str]]]:
    """The root's local name and the fields of each entry, streamed.

    Every element is detached from its parent as soon as it ends, so memory stays flat
    whatever the number of elements (a 50 MB sitemap of empty tags builds no 1 GB tree).
    """
    root = ""
    record_name: str | None = None
    record_depth = -1
    stack: list[Element] = []
    records: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    events = SafeET.iterparse(io.BytesIO(_to_expat(data)), events=("start", "end"), forbid_dtd=False,
                              forbid_entities=True, forbid_external=True)
    try:
        for event, elem in events:
            name = _local(elem.tag)
            if event == "start":
                if not stack:
                    root = name
                    if root not in roots:
                        raise DiscoveryError(f"not a {what}: root element <{root}>", url=url)
                    record_name = RECORDS[root]
                elif current is None and name == record_name:
                    current, record_depth = {}, len(stack)
                    if elem.get(_RDF_ABOUT):
                        current["about"] = elem.get(_RDF_ABOUT) or ""
                stack.append(elem)
                continue
            stack.pop()
            if current is not None:
                if len(stack) == record_depth:
                    records.append(current)
                    current = None
                    if len(records) >= MAX_ENTRIES:
                        break
                elif name in FIELDS and (len(stack) == record_depth + 1 or name in NESTED_FIELDS):
                    _capture(current, name, elem)
            if stack:
                stack[-1].remove(elem)
    except DefusedXmlException as exc:
        raise DiscoveryError(f"refused unsafe XML: {exc}", url=url, reason="unsafe-xml") from exc
    except ParseError as exc:
        raise DiscoveryError(f"not well-formed XML: {exc}", url=url) from exc
    return root, records


def _dedupe(entries: Iterable[SitemapEntry]) -> list[SitemapEntry]:
    seen: set[str] = set()
    kept = []
    for entry in entries:
        if entry.url not in seen:
            seen.add(entry.url)
            kept.append(entry)
    return kept


def _iso_date(text: str | None) -> str | None:
    """RFC 822 dates (RSS) as ISO 8601; anything else as given."""
    if not text:
        return None
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return text


def _entries(root: str, records: list[dict[str, str]], *, url: str) -> list[SitemapEntry]:
    """Page entries of a urlset or a feed, in document order."""
    entries = []
    for record in records:
        if root == "urlset":
            link, date = record.get("loc"), record.get("lastmod") or record.get("publication_date")
        elif root == "feed":  # Atom: the alternate link, else another page-like link
            link = record.get("link:alternate") or record.get("link:other")
            date = record.get("published") or record.get("updated")
        else:  # RSS 2.0 and RDF: <link>, else rdf:about, else a permalink <guid>
            link = record.get("link") or record.get("about") or record.get("guid")
            date = _iso_date(record.get("pubDate") or record.get("date") or record.get("published"))
        loc = normalise(link or "", base=url)
        if loc is not None:
            entries.append(SitemapEntry(loc, date))
    return _dedupe(entries)


def _text_sitemap(data: bytes, *, url: str) -> list[SitemapEntry]:
    lines = data.decode("utf-8", errors="replace").splitlines()
    locs = (normalise(line, base=url) for line in lines if line.strip().lower().startswith("http"))
    return _dedupe(SitemapEntry(loc, None) for loc in locs if loc is not None)


def parse_sitemap(data: bytes, *, url: str, max_bytes: int = MAX_SITEMAP_BYTES) -> Sitemap:
    """Page URLs (with lastmod) and child sitemap URLs of a sitemap, normalised, deduplicated."""
    payload = _payload(data, url=url, max_bytes=max_bytes)
    if not payload.startswith(b"<"):
        return Sitemap(pages=_text_sitemap(payload, url=url), sitemaps=[])
    root, records = _read_xml(payload, url=url, roots=SITEMAP_ROOTS | FEED_ROOTS, what="sitemap")
    if root == "sitemapindex":
        locs = (normalise(r.get("loc", ""), base=url) for r in records)
        return Sitemap(pages=[], sitemaps=list(dict.fromkeys(loc for loc in locs if loc is not None)))
    return Sitemap(pages=_entries(root, records, url=url), sitemaps=[])


def parse_feed(data: bytes, *, url: str) -> list[SitemapEntry]:
    """Item links of an RSS 2.0, Atom or RDF feed, with their dates, normalised, deduplicated."""
    payload = _payload(data, url=url, max_bytes=MAX_FEED_BYTES)
    root, records = _read_xml(payload, url=url, roots=FEED_ROOTS, what="feed")
    return _entries(root, records, url=url)


def _xml_root(head: bytes) -> str | None:
    """The local name of the first element of an XML head (after declarations and comments)."""
    text = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.S).lstrip()
    match = _ROOT_TAG.match(text)
    return match.group(2).decode("ascii") if match else None


def kind_of(content_type: str | None, data: bytes) -> Kind:
    """What a response is, from its Content-Type and its first bytes (sniffing wins for XML)."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    head = data[:4096]
    if head[:2] == GZIP_MAGIC:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 4096)
        except zlib.error:
            return "other"
    head = head.removeprefix(_BOM).lstrip()
    if mime in {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}:
        return "feed"
    if head.startswith(b"<"):
        root = _xml_root(head)
        if root in SITEMAP_ROOTS:
            return "sitemap"
        if root in FEED_ROOTS:
            return "feed"
        if (root is not None and root.lower() == "html") or mime in {"text/html", "application/xhtml+xml"}:
            return "html"
        return "other"
    if mime in {"text/html", "application/xhtml+xml"}:
        return "html"
    if mime in {"text/plain", ""}:
        if _ROBOTS_LINE.search(head):
            return "robots"
        if head.lower().startswith((b"http://", b"https://")):
            return "sitemap"
    return "other"


__all__ = [
    "MAX_SITEMAP_BYTES", "DiscoveryError", "Sitemap", "SitemapEntry", "kind_of", "parse_feed",
    "parse_sitemap",
]
