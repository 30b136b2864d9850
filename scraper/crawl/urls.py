"""URL normalisation, politeness keys and registrable domains. Pure functions, no network.

`normalise` is the crawl's dedup key and the only way URLs enter the frontier. Its steps, in order:

1. strip surrounding whitespace and the tabs/newlines browsers drop from inside a URL;
2. resolve against `base` (RFC 3986 joining, which also resolves `.` and `..` segments);
3. keep only http(s) URLs with a host (`mailto:`, `javascript:`, `tel:`, `data:` ... give None);
4. `w3lib.url.canonicalize_url` (Scrapy's): lower-case scheme and host, IDN host to punycode,
   percent-encoding normalised (UTF-8, upper-case escapes, unreserved characters decoded),
   query arguments sorted, fragment dropped, empty path -> `/`;
5. drop tracking and session parameters (the `TRACKING_*` tables, `;jsessionid=` path parameters),
   a default port, a trailing dot on the host; IPv4 hosts in the forms browsers accept
   (`2130706433`, `0x7f.1`, `0177.0.0.1`) become dotted quads, as the WHATWG URL standard says;
6. refuse hosts that are not hostnames (`%zz`, `a..b`, labels over 63 characters) and URLs over
   `MAX_URL_LENGTH` characters.

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

from scraper.origin import DEFAULT_PORTS, origin_key

# Query parameters that only say where a click came from; removed by exact (lower-cased) name.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "spm", "from", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "mc_cid", "mc_eid", "igshid", "_ga", "_gl", "ref_src", "ref_url", "share", "share_token",
        "scm", "wt.mc_id", "cmpid", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_anon_id",
        "oly_enc_id", "rb_clickid", "s_cid", "ncid", "trk", "trkcampaign", "sr_share",
        "wxshare_count", "isappinstalled", "from_source", "share_source", "sharesource",
        # session identifiers: a new URL per visitor, never a new page
        "jsessionid", "phpsessid", "aspsessionid", "cfid", "cftoken",
    }
)
# ... and by prefix.
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci")

SCHEMES: frozenset[str] = frozenset({"http", "https"})
MAX_URL_LENGTH = 8192  # longer hrefs are data or attacks, not pages

# Characters a browser removes from anywhere in a URL (WHATWG URL parser).
_STRIPPED = re.compile(r"[\t\n\r]")
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_-])?$")
_SESSION_PATH_PARAM = re.compile(r";(jsessionid|phpsessid|sid)=[^/;?]*", re.I)
_IPV4_PART = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")


def _ipv4_parts(host: str) -> list[str] | None:
    """The dot-separated parts of a host the WHATWG URL standard reads as IPv4 (last part numeric)."""
    parts = host.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    return parts if _IPV4_PART.match(parts[-1]) else None


def _ipv4(parts: list[str]) -> str | None:
    """A WHATWG IPv4 host (decimal, octal, hex, 1 to 4 parts) as a dotted quad; None when invalid."""
    if len(parts) > 4:
        return None
    numbers = []
    for part in parts:
        if not _IPV4_PART.match(part):
            return None
        if part.startswith("0x"):
            numbers.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            if not set(part) <= set("01234567"):
                return None
            numbers.append(int(part, 8))
        else:
            numbers.append(int(part))
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for i, n in enumerate(head):
        value += n << (8 * (3 - i))
    return str(ipaddress.IPv4Address(value))


def _host(host: str) -> str | None:
    """A lower-case canonical host (IPv4 as a dotted quad), or None when it is not a hostname."""
    host = host.rstrip(".")
    if not host:
        return None
    if ":" in host:  # IPv6 literal; urlsplit dropped the brackets
        try:
            return f"[{ipaddress.IPv6Address(host).compressed}]"
        except ValueError:
            return None
    numeric = _ipv4_parts(host)
    if numeric is not None:
        return _ipv4(numeric)
    if len(host) > 253 or not all(_LABEL.match(label) for label in host.split(".")):
        return None
    return host


def _is_tracking(name: str) -> bool:
    key = name.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _clean_query(query: str) -> str:
    """The already-canonical query without tracking parameters (order kept: it is sorted)."""
    if not query:
        return ""
    kept = [part for part in query.split("&") if part and not _is_tracking(part.split("=", 1)[0])]
    return "&".join(kept)


@functools.lru_cache(maxsize=16384)
def _canonical(absolute: str) -> str | None:
    """Steps 3-6 for an absolute URL. Memoised (bounded): a site's navigation links recur on
    every page, and canonicalisation is most of the cost of `extract.links.page_links`."""
    try:
        parts = urlsplit(absolute)
        if parts.scheme.lower() not in SCHEMES or not parts.hostname:
            return None
        canonical = canonicalize_url(absolute)
        parts = urlsplit(canonical)
        host = _host(parts.hostname or "")
        port = parts.port
    except (ValueError, UnicodeError):
        return None
    if host is None:
        return None
    netloc = host
    if port is not None and port != DEFAULT_PORTS[parts.scheme]:
        netloc = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    if userinfo:
        netloc = f"{userinfo}@{netloc}"
    path = _SESSION_PATH_PARAM.sub("", parts.path) or "/"
    return urlunsplit((parts.scheme, netloc, path, _clean_query(parts.query), ""))


# Fast paths for the common shapes (70% of the hrefs of the benchmark corpus): an absolute URL
# that is already canonical, and a root-relative or relative path of unreserved characters.
# Both give exactly what the full path gives (tests/test_urls.py checks it on generated input).
_SIMPLE_ABSOLUTE = re.compile(r"^(https?)://([a-z0-9.-]+)(?::([0-9]{1,5}))?(/[A-Za-z0-9/_.~-]*)?$")
_SIMPLE_PATH = re.compile(r"^[A-Za-z0-9/_.~-]+$")


def _simple_path(path: str) -> bool:
    return "//" not in path and not any(seg in {".", ".."} for seg in path.split("/"))


def _fast_absolute(raw: str) -> str | None:
    match = _SIMPLE_ABSOLUTE.match(raw)
    if match is None:
        return None
    scheme, host, port, path = match.groups()
    if _host(host) != host or not _simple_path(path or "/"):
        return None
    netloc = host
    if port is not None:
        number = int(port)
        if number > 65535:
            return None
        if number != DEFAULT_PORTS[scheme]:
            netloc = f"{host}:{number}"
    return f"{scheme}://{netloc}{path or '/'}"


@functools.lru_cache(maxsize=1024)
def _base_parts(base: str) -> tuple[str, str] | None:
    """(origin, directory) of a base URL, normalised; None when the base is not http(s)."""
    canonical = normalise(base)
    if canonical is None:
        return None
    parts = urlsplit(canonical)
    return f"{parts.scheme}://{parts.netloc}", parts.path[: parts.path.rfind("/") + 1]


def _fast_relative(raw: str, base: str) -> str | None:
    if raw.startswith("//") or not _SIMPLE_PATH.match(raw):
        return None
    parts = _base_parts(base)
    if parts is None:
        return None
    origin, directory = parts
    path = raw if raw.startswith("/") else directory + raw
    return origin + path if _simple_path(path) else None


def normalise(url: str, *, base: str | None = None) -> str | None:
    """The absolute canonical form of `url` (resolved against `base`), or None.

    None when the result is not an http(s) URL with a host, or cannot be parsed
    (bad IPv6 literal, port out of range, un-encodable host).
    """
    raw = _STRIPPED.sub("", url).strip()
    if not raw or len(raw) > MAX_URL_LENGTH:
        return None
    fast = _fast_absolute(raw) or (_fast_relative(raw, base) if base else None)
    if fast is not None:
        return fast
    if base:
        try:
            raw = urljoin(_STRIPPED.sub("", base).strip(), raw)
        except ValueError:
            return None
    return _canonical(raw)


def host_key(url: str) -> str:
    """`scheme://host:port` of a URL, port always explicit: the unit of politeness."""
    return origin_key(url)


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
