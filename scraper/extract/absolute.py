"""Relative URLs made absolute: `urljoin`, computed directly in the plain cases.

Related links, canonical URLs and image sources all resolve against the page URL. Most
of them are plain absolute URLs or paths from the root, for which `urllib.parse.urljoin`
(about 10 µs of parsing and rebuilding) gives a result two C-level matches can tell.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

# Plain http(s) URLs, for which `urljoin` is computed directly (`join_url`): characters
# `urlsplit` keeps as they are, no `;` parameters, no empty, `.` or `..` path segments, no
# empty query or fragment (which `urljoin`'s round trip would drop).
_URL_SEGMENT = r"[A-Za-z0-9\-._~%!$&'()*+,=:@]"
_URL_QUERY = r"[A-Za-z0-9\-._~%!$&'()*+,=:@/?]"
_URL_TAIL = (
    rf"(?:/(?!\.\.?(?:[/?#]|$)){_URL_SEGMENT}+)*/?(?:\?{_URL_QUERY}+)?(?:#{_URL_QUERY}+)?"
)
_URL_HOST = r"[A-Za-z0-9.-]+(?::[0-9]+)?"
PLAIN_ABSOLUTE = re.compile(rf"https?://{_URL_HOST}{_URL_TAIL}")
PLAIN_ROOTED = re.compile(rf"/(?!/){_URL_TAIL}")
PLAIN_ORIGIN = re.compile(rf"(https?://{_URL_HOST})(?=[/?#]|\Z)")


def join_url(base: str, href: str) -> str:
    """`urljoin(base, href)`; computed directly (two C-level matches instead of ~10 µs of
    `urllib.parse`) when `base` is empty or starts with a plain origin and `href` is a plain
    absolute URL (returned as it is) or a plain path from the root of that origin."""
    origin = PLAIN_ORIGIN.match(base) if base else None
    if (origin is not None or not base) and PLAIN_ABSOLUTE.fullmatch(href):
        return href
    if origin is not None and href[:1] == "/" and PLAIN_ROOTED.fullmatch(href):
        return origin.group(1) + href
    return urljoin(base, href)
