"""URL normalisation, politeness keys and registrable domains. Pure functions, no network.

`normalise` is the crawl's dedup key and the only way URLs enter the frontier. Its steps, in order:

1. strip surrounding whitespace and the tabs/newlines browsers drop from inside a URL;
2. resolve against `base` (RFC 3986 joining, which also resolves `.` and `..` segments);
3. keep only http(s) URLs with a host (`mailto:`, `javascript:`, `tel:`, `data:` ... give None);
4. `w3lib.url.canonicalize_url` (Scrapy's): lower-case scheme and host, IDN host to punycode,
   percent-encoding normalised (UTF-8, upper-case escapes, unreserved characters decoded),
   query arguments sorted, fragment dropped, empty path -> `/`;
5. drop tracking parameters (the `TRACKING_*` tables), a default port, a trailing dot on the host.

w3lib is used rather than our own code because it is Scrapy's fingerprinting code, kept and
fuzzed against real-world URLs for a decade (IDNA, odd encodings, `;` parameters).
"""

from __future__ import annotations

import functools
import ipaddress
import re
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters that only say where a click came from; removed by exact (lower-cased) name.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "spm", "from", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "mc_cid", "mc_eid", "igshid", "_ga", "_gl", "ref_src", "ref_url", "share", "share_token",
        "scm", "wt.mc_id", "cmpid", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_anon_id",
        "oly_enc_id", "rb_clickid", "s_cid", "ncid", "trk", "trkcampaign", "sr_share",
        "wxshare_count", "isappinstalled", "from_source", "share_source", "sharesource",
    }
)
# ... and by prefix.
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci")

SCHEMES: frozenset[str] = frozenset({"http", "https"})
DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}

# Characters a browser removes from anywhere in a URL (WHATWG URL parser).
_STRIPPED = re.compile(r"[\t\n\r]")


def _is_tracking(name: str) -> bool:
    key = name.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _clean_query(query: str) -> str:
    """The already-canonical query without tracking parameters (order kept: it is sorted)."""
    if not query:
        return ""
    kept = [part for part in query.split("&") if part and not _is_tracking(part.split("=", 1)[0])]
    return "&".join(kept)


def normalise(url: str, *, base: str | None = None) -> str | None:
    """The absolute canonical form of `url` (resolved against `base`), or None.

    None when the result is not an http(s) URL with a host, or cannot be parsed
    (bad IPv6 literal, port out of range, un-encodable host).
    """
    raw = _STRIPPED.sub("", url).strip()
    if not raw:
        return None
    try:
        if base:
            raw = urljoin(_STRIPPED.sub("", base).strip(), raw)
        parts = urlsplit(raw)
        if parts.scheme.lower() not in SCHEMES or not parts.hostname:
            return None
        canonical = canonicalize_url(raw)
        parts = urlsplit(canonical)
        host = parts.hostname
        port = parts.port
    except (ValueError, UnicodeError):
        return None
    if not host:
        return None
    host = host.rstrip(".")
    if not host:
        return None
    if ":" in host:  # IPv6 literal; urlsplit drops the brackets
        host = f"[{host}]"
    netloc = host
    if port is not None and port != DEFAULT_PORTS[parts.scheme]:
        netloc = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    if userinfo:
        netloc = f"{userinfo}@{netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path or "/", _clean_query(parts.query), ""))


def host_key(url: str) -> str:
    """`scheme://host:port` of a URL, port always explicit: the unit of politeness."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        port = DEFAULT_PORTS.get(scheme, 0)
    return f"{scheme}://{host}:{port}"


@functools.lru_cache(maxsize=1)
def _extractor() -> Any:
    """tldextract with its bundled public-suffix snapshot: no list URLs, no disk cache."""
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def _host_of(url_or_host: str) -> str:
    text = url_or_host.strip()
    if "://" in text:
        host = urlsplit(text).hostname or ""
    elif text.startswith("["):  # "[::1]:8080"
        host = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # "host:port"
        host = text.partition(":")[0]
    else:
        host = text
    return host.lower().rstrip(".")


def registrable_domain(url_or_host: str) -> str:
    """The registrable domain ("example.co.uk") of a URL or host, port ignored.

    IP addresses and `localhost` map to themselves; a host under no known public suffix
    (`intranet`, `site.test`) maps to itself, so that no two unrelated hosts share a domain.
    """
    host = _host_of(url_or_host)
    if not host or host == "localhost":
        return host
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return host
    result = _extractor()(host)
    if hasattr(result, "top_domain_under_public_suffix"):  # tldextract >= 5.3
        domain: str = result.top_domain_under_public_suffix
    else:
        domain = result.registered_domain
    return domain or host


__all__ = ["TRACKING_PARAMS", "TRACKING_PREFIXES", "host_key", "normalise", "registrable_domain"]
