"""Sitemaps and feeds: their page URLs and dates. Pure functions over bytes: no network.

Safety, in order: the raw size is checked against the cap first; gzip (recognised by its magic
bytes, whatever the name or Content-Type says) is inflated incrementally and stopped at the
same cap; XML goes through `defusedxml`, which refuses entity declarations (billion laughs,
quadratic blow-up) and external references (XXE) instead of expanding or fetching them.
A refused or unreadable document raises `DiscoveryError` (an `InputError`) naming the URL.

Formats: sitemaps.org `urlset` (with `lastmod`, or Google News `publication_date`),
`sitemapindex`, plain-text sitemaps (one URL a line), RSS 2.0, Atom 1.0 and RDF/RSS 1.0 feeds
(a feed given as a sitemap is read as one, as search engines do).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
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


def _parse_xml(data: bytes, *, url: str) -> Element:
    try:
        root: Element = SafeET.fromstring(_to_expat(data), forbid_dtd=False, forbid_entities=True,
                                          forbid_external=True)
    except DefusedXmlException as exc:
        raise DiscoveryError(f"refused unsafe XML: {exc}", url=url, reason="unsafe-xml") from exc
    except ParseError as exc:
        raise DiscoveryError(f"not well-formed XML: {exc}", url=url) from exc
    return root


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _children(node: Element, name: str) -> Iterator[Element]:
    return (child for child in node if _local(child.tag) == name)


def _text(node: Element, *names: str) -> str | None:
    """Stripped text of the first direct child with one of `names`, searched in that order."""
    for name in names:
        for child in _children(node, name):
            if child.text and child.text.strip():
                return child.text.strip()
    return None


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


def _urlset(root: Element, *, url: str) -> list[SitemapEntry]:
    entries = []
    for node in _children(root, "url"):
        loc = normalise(_text(node, "loc") or "", base=url)
        if loc is None:
            continue
        lastmod = _text(node, "lastmod")
        if lastmod is None:
            for news in _children(node, "news"):
                lastmod = _text(news, "publication_date")
        entries.append(SitemapEntry(loc, lastmod))
    return _dedupe(entries)


def _index(root: Element, *, url: str) -> list[str]:
    locs = (normalise(_text(node, "loc") or "", base=url) for node in _children(root, "sitemap"))
    return list(dict.fromkeys(loc for loc in locs if loc is not None))


def _text_sitemap(data: bytes, *, url: str) -> list[SitemapEntry]:
    lines = data.decode("utf-8", errors="replace").splitlines()
    locs = (normalise(line, base=url) for line in lines if line.strip().lower().startswith("http"))
    return _dedupe(SitemapEntry(loc, None) for loc in locs if loc is not None)


def parse_sitemap(data: bytes, *, url: str, max_bytes: int = MAX_SITEMAP_BYTES) -> Sitemap:
    """Page URLs (with lastmod) and child sitemap URLs of a sitemap, normalised, deduplicated."""
    payload = _payload(data, url=url, max_bytes=max_bytes)
    if not payload.startswith(b"<"):
        return Sitemap(pages=_text_sitemap(payload, url=url), sitemaps=[])
    root = _parse_xml(payload, url=url)
    name = _local(root.tag)
    if name == "urlset":
        return Sitemap(pages=_urlset(root, url=url), sitemaps=[])
    if name == "sitemapindex":
        return Sitemap(pages=[], sitemaps=_index(root, url=url))
    if name in FEED_ROOTS:
        return Sitemap(pages=_feed_entries(root, url=url), sitemaps=[])
    raise DiscoveryError(f"not a sitemap: root element <{name}>", url=url)


def _atom_link(entry: Element) -> str | None:
    fallback = None
    for link in _children(entry, "link"):
        href = link.get("href")
        rel = link.get("rel", "alternate")
        if href and rel == "alternate":
            return href
        if href and fallback is None and rel not in {"self", "edit", "replies", "enclosure"}:
            fallback = href
    return fallback


def _feed_entries(root: Element, *, url: str) -> list[SitemapEntry]:
    name = _local(root.tag)
    entries = []
    if name == "feed":  # Atom
        for entry in _children(root, "entry"):
            loc = normalise(_atom_link(entry) or "", base=url)
            if loc is not None:
                entries.append(SitemapEntry(loc, _text(entry, "published", "updated")))
        return _dedupe(entries)
    # RSS 2.0 (items under <channel>) and RDF (items beside <channel>).
    channels = [root, *_children(root, "channel")]
    rdf_about = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
    for parent in channels:
        for item in _children(parent, "item"):
            guid = next(_children(item, "guid"), None)
            permalink = (
                guid.text.strip()
                if guid is not None and guid.text and guid.get("isPermaLink", "true") == "true"
                else None
            )
            link = _text(item, "link") or item.get(rdf_about) or permalink or ""
            loc = normalise(link, base=url)
            if loc is not None:
                entries.append(SitemapEntry(loc, _iso_date(_text(item, "pubDate", "date", "published"))))
    return _dedupe(entries)


def parse_feed(data: bytes, *, url: str) -> list[SitemapEntry]:
    """Item links of an RSS 2.0, Atom or RDF feed, with their dates, normalised, deduplicated."""
    payload = _payload(data, url=url, max_bytes=MAX_FEED_BYTES)
    root = _parse_xml(payload, url=url)
    if _local(root.tag) not in FEED_ROOTS:
        raise DiscoveryError(f"not a feed: root element <{_local(root.tag)}>", url=url)
    return _feed_entries(root, url=url)


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
