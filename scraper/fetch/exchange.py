"""One HTTP exchange as it happened: what the fetch layer hands to extraction and to WARC.

Pure data, no httpx types, so the archive and the crawler depend on this and not on httpx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Exchange:
    """A request and its response, one hop (redirects are separate exchanges)."""

    url: str  # the URL requested on this hop
    method: str
    request_headers: list[tuple[str, str]]  # as sent, in order
    http_version: str  # "HTTP/1.1" or "HTTP/2" (WARC writes HTTP/2 in HTTP/1.1 form)
    status: int
    reason: str
    response_headers: list[tuple[str, str]]  # as received, in order, repeated names kept
    raw_body: bytes  # as received, content-encoding still applied, transfer-encoding removed
    body: bytes  # decoded (gzip/deflate/br undone), capped at the byte limit
    fetched_at: datetime  # UTC, when the request was sent
    ip_address: str | None = None  # the peer address the connection used
    truncated: str | None = None  # "length" (byte cap), "time" (deadline), "disconnect"
    redirect_chain: tuple[str, ...] = field(default=())  # earlier hops' URLs, oldest first

    def header(self, name: str) -> str | None:
        """The first response header of that name (case-insensitive), or None."""
        wanted = name.lower()
        for key, value in self.response_headers:
            if key.lower() == wanted:
                return value
        return None

    @property
    def content_type(self) -> str | None:
        return self.header("content-type")
