"""The origin of a URL (scheme, host, port): the unit of redirect cycles, robots.txt and politeness.

Defined once here so that the fetch layer and the crawler agree on what "the same host" is.
"""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}


def origin(url: str) -> tuple[str, str, int | None]:
    """Lower-case scheme, lower-case host (IPv6 in brackets, no trailing dot) and the port as
    written (None when absent or invalid)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    return scheme, host, port


def origin_key(url: str) -> str:
    """`scheme://host:port` with the default port spelled out."""
    scheme, host, port = origin(url)
    return f"{scheme}://{host}:{port if port is not None else DEFAULT_PORTS.get(scheme, 0)}"
