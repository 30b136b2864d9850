"""The fetch layer's settings: one frozen object, passed in, never read from globals."""

from __future__ import annotations

from dataclasses import dataclass

from scraper import __version__
from scraper.errors import ConfigError

PRODUCT = f"scraper/{__version__}"
DEFAULT_CONTACT_URL = "https://example.invalid/scraper-bot"


@dataclass(frozen=True, kw_only=True)
class FetchSettings:
    """How one Fetcher behaves. Sizes are bytes, times seconds."""

    user_agent: str = f"{PRODUCT} (+{DEFAULT_CONTACT_URL})"
    contact: str | None = None  # URL or e-mail appended to the User-Agent, replacing the default one
    timeout: float = 30.0  # OVERALL deadline for one fetch: every hop, body included
    connect_timeout: float = 10.0
    max_bytes: int = 10 * 1024 * 1024  # cap on DECODED body bytes (and on raw bytes kept)
    max_redirects: int = 10  # 3xx and <meta http-equiv=refresh> hops together
    allow_private: bool = False  # refuse loopback/private/link-local/... addresses unless True
    http2: bool = True
    trust_env: bool = True  # proxies (HTTP_PROXY, HTTPS_PROXY, NO_PROXY) from the environment

    def __post_init__(self) -> None:
        if self.timeout <= 0 or self.connect_timeout <= 0:
            raise ConfigError("timeouts must be positive")
        if self.max_bytes <= 0:
            raise ConfigError("max_bytes must be positive")
        if self.max_redirects < 0:
            raise ConfigError("max_redirects must not be negative")

    @property
    def agent(self) -> str:
        """The User-Agent header actually sent: the product token plus the contact, if given."""
        if self.contact is None:
            return self.user_agent
        product = self.user_agent.split(" (", 1)[0].strip() or PRODUCT
        return f"{product} (+{self.contact})"

    @property
    def robots_token(self) -> str:
        """The product token robots.txt groups are matched against ("scraper")."""
        return robots_token(self.agent)


def robots_token(user_agent: str) -> str:
    """"scraper/0.1 (+https://x)" -> "scraper": matching the whole string would let
    `User-agent: example` groups apply because of the contact URL."""
    token = user_agent.strip().split(None, 1)[0] if user_agent.strip() else ""
    return token.split("/", 1)[0] or "scraper"
