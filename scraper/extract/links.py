"""Out-links of a page: anchors and feed links, absolute and normalised.

Base URL precedence (HTML standard): the first `<base href>`, itself resolved against the
page's URL, then the page's URL. Links are normalised by `scraper.crawl.urls.normalise`
(tracking parameters dropped), so `?utm_source=x` duplicates collapse here.

Not followed, on purpose:
- every anchor, when `<meta name="robots">` says `nofollow` or `none`: the site asked
  crawlers not to follow the page's links;
- anchors whose `rel` holds `nofollow`, `sponsored` or `ugc`: on news sites these are ads,
  login/share widgets and comment-author links, never the site's own articles;
- non-http(s) targets (`mailto:`, `javascript:`, `tel:`, `data:`), fragment-only hrefs
  (`#top`: the page itself), and paths ending in a media, document or archive extension
  (`SKIP_EXTENSIONS`: `.jpg`, `.pdf`, `.zip`...), which are never pages.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scraper.crawl.urls import normalise
from scraper.dom import Tree

SKIP_REL: frozenset[str] = frozenset({"nofollow", "sponsored", "ugc"})
FEED_TYPES: frozenset[str] = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
# Targets that are never pages: fetching them would only be refused by the extractor.
SKIP_EXTENSIONS: frozenset[str] = frozenset(
    {
        "jpg", "jpeg", "png", "gif", "webp", "bmp", "svg", "ico", "tif", "tiff", "avif",
        "mp3", "wav", "ogg", "m4a", "flac", "aac", "mp4", "m4v", "mov", "avi", "wmv", "flv", "webm", "mkv",
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "wps", "rtf", "epub",
        "zip", "rar", "7z", "gz", "tgz", "bz2", "xz", "tar", "exe", "msi", "dmg", "apk", "ipa", "iso", "bin",
        "css", "js", "json", "woff", "woff2", "ttf", "eot",
    }
)


def _base(tree: Tree, base_url: str) -> str:
    node = tree.css_first("base[href]")
    href = node.attributes.get("href") if node is not None else None
    if href:
        resolved = normalise(href, base=base_url or None)
        if resolved is not None:
            return resolved
    return base_url


def _is_file(url: str) -> bool:
    path = urlsplit(url).path
    last = path[path.rfind("/") + 1 :]
    return "." in last and last[last.rfind(".") + 1 :].lower() in SKIP_EXTENSIONS


def _robots_nofollow(tree: Tree) -> bool:
    for node in tree.css('meta[name="robots" i]'):
        content = (node.attributes.get("content") or "").lower()
        if "nofollow" in content or "none" in content.replace(",", " ").split():
            return True
    return False


def page_links(tree: Tree, *, base_url: str) -> list[str]:
    """Absolute http(s) URLs of the page's anchors, in document order, without duplicates."""
    if _robots_nofollow(tree):
        return []
    base = _base(tree, base_url) or None
    seen: dict[str, None] = {}
    done: set[str] = set()  # raw hrefs already handled: navigation repeats the same few
    for node in tree.css("a[href], area[href]"):
        attrs = node.attributes
        href = attrs.get("href") or ""
        if href in done or href.startswith(("#", "javascript:", "mailto:")):
            continue
        rel = attrs.get("rel")
        if rel and not SKIP_REL.isdisjoint(rel.lower().split()):
            continue
        done.add(href)
        url = normalise(href, base=base)
        if url is not None and not _is_file(url):
            seen.setdefault(url, None)
    return list(seen)


def feed_links(tree: Tree, *, base_url: str) -> list[str]:
    """Absolute URLs of RSS/Atom feeds the page links to (`<link rel=alternate type=...>`)."""
    base = _base(tree, base_url) or None
    seen: dict[str, None] = {}
    for node in tree.css("link[href][type]"):
        attrs = node.attributes
        rel = (attrs.get("rel") or "").lower().split()
        kind = (attrs.get("type") or "").split(";", 1)[0].strip().lower()
        if "alternate" not in rel or kind not in FEED_TYPES:
            continue
        url = normalise(attrs.get("href") or "", base=base)
        if url is not None:
            seen.setdefault(url, None)
    return list(seen)


__all__ = ["FEED_TYPES", "SKIP_EXTENSIONS", "SKIP_REL", "feed_links", "page_links"]
