"""Where a response sends us next: a 3xx Location or a prompt <meta http-equiv=refresh>.

Pure functions over strings and bytes, so the redirect policy is tested without a network.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from scraper.origin import DEFAULT_PORTS, origin

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# A refresh longer than this is a page reloading itself later (live blogs), not a redirect.
MAX_REFRESH_DELAY = 10.0
# Only the head of the page is searched: a refresh deep in the body is not a redirect.
META_SCAN_BYTES = 8 * 1024

_META_TAG = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(rb"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_REFRESH = re.compile(
    r"""^\s*(\d+(?:\.\d*)?|\.\d+)?\s*(?:[;,]\s*)?(?:url\s*=\s*)?(["']?)(.*?)\2\s*$""",
    re.IGNORECASE | re.DOTALL,
)


def url_key(url: str) -> str:
    """The URL as compared for cycles: scheme and host lower-case, default port and fragment gone."""
    parts = urlsplit(url)
    scheme, host, port = origin(url)
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in DEFAULT_PORTS and bool(parts.hostname)


def location_target(current_url: str, status: int, location: str | None) -> str | None:
    """The absolute URL a 3xx response points at, or None when this is not a redirect."""
    if status not in REDIRECT_STATUSES or not location or not location.strip():
        return None
    return urljoin(current_url, location.strip())


def _attributes(tag: bytes) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(tag):
        name = match.group(1).decode("ascii", "replace").lower()
        raw = next(g for g in (match.group(2), match.group(3), match.group(4)) if g is not None)
        found.setdefault(name, raw.decode("latin-1").strip())
    return found


def meta_refresh_target(current_url: str, body: bytes) -> str | None:
    """The URL of a `<meta http-equiv="refresh" content="0; url=...">` in the page's head,
    when its delay is at most MAX_REFRESH_DELAY seconds; None otherwise."""
    head = body[:META_SCAN_BYTES]
    for tag in _META_TAG.finditer(head):
        attrs = _attributes(tag.group(0))
        if attrs.get("http-equiv", "").lower() != "refresh":
            continue
        match = _REFRESH.match(attrs.get("content", ""))
        if not match:
            continue
        delay_text, target = match.group(1), str(match.group(3))
        delay = float(delay_text) if delay_text else 0.0
        if delay > MAX_REFRESH_DELAY or not target.strip():
            return None
        return urljoin(current_url, target.strip())
    return None
