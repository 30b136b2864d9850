"""One exception tree, rooted in ScraperError. Every error names the input it concerns."""

from __future__ import annotations


class ScraperError(Exception):
    """Root of every error the library raises on purpose."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url

    def __str__(self) -> str:
        return f"{self.url}: {self.message}" if self.url else self.message


class InputError(ScraperError):
    """The input cannot be read as a page: empty, binary, not HTML, unreadable file."""


class DecodeError(InputError):
    """The bytes cannot be turned into text by any charset rule."""


class FetchError(ScraperError):
    """A fetch failed; `reason` is the short machine-readable outcome recorded in state."""

    reason = "fetch-error"


class TooLarge(FetchError):
    """The decoded body passed the byte cap."""

    reason = "too-large"


class FetchTimeout(FetchError):
    """The overall deadline of a fetch passed."""

    reason = "timeout"


class RefusedAddress(FetchError):
    """The host resolves to a non-public address and private addresses are not allowed."""

    reason = "refused-address"


class RedirectError(FetchError):
    """Too many redirects, or a redirect cycle."""

    reason = "redirect"


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    reason = "http-error"

    def __init__(self, message: str, *, url: str | None = None, status: int = 0) -> None:
        super().__init__(message, url=url)
        self.status = status


class ArchiveError(ScraperError):
    """A WARC file cannot be written or read."""


class ConfigError(ScraperError):
    """Settings or arguments that cannot work together."""


class ConnectError(FetchError):
    """The connection could not be made: refused, unreachable, name not resolved, proxy failure."""

    reason = "connect"


class TLSError(ConnectError):
    """The TLS handshake or certificate check failed; never retried without verification."""

    reason = "tls"


class ProtocolError(FetchError):
    """The server broke HTTP before a response arrived: reset, garbage, undecodable body."""

    reason = "protocol"


class UnsupportedURL(FetchError):
    """The URL is not an absolute http(s) URL the fetcher can request."""

    reason = "bad-url"


class RobotsDisallowed(FetchError):
    """robots.txt does not allow this URL for our user agent."""

    reason = "robots"


class RobotsUnavailable(FetchError):
    """robots.txt could not be read (5xx, 429, unreachable): nothing may be fetched from the host yet."""

    reason = "robots-unavailable"

    def __init__(self, message: str, *, url: str | None = None, retry_at: float | None = None) -> None:
        super().__init__(message, url=url)
        self.retry_at = retry_at
