"""`CrawlSettings`: everything a crawl needs, typed and frozen. The CLI builds it from argv."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from scraper.crawl.scope import Scope
from scraper.errors import ConfigError
from scraper.fetch.settings import FetchSettings

ScopeMode = Literal["host", "domain", "prefix", "any"]


@dataclass(frozen=True, kw_only=True)
class CrawlSettings:
    """One crawl's options. Times in seconds; `None` limits mean "no limit"."""

    seeds: tuple[str, ...]
    output: Path
    fetch: FetchSettings = field(default_factory=FetchSettings)
    state_dir: Path | None = None  # default: OUTPUT + ".state" beside the output
    warc: Path | None = None  # archive every exchange here (scraper.archive.WarcWriter)
    warc_max_size: int = 1 << 30
    # what to crawl
    scope: ScopeMode = "domain"
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_depth: int | None = None  # hops from a seed (sitemaps and feeds are not hops)
    max_pages: int | None = None  # page fetches over the crawl's whole life, across resumes
    sitemaps: bool = True  # robots.txt Sitemap: lines and /sitemap.xml of every host
    max_links_per_page: int = 5000
    # politeness
    concurrency: int = 16  # requests in flight, all hosts together
    per_host: int = 2  # requests in flight to one host
    delay: float = 0.0  # between request starts to one host; a floor under Crawl-delay
    ignore_robots: bool = False
    retries: int = 3  # further attempts after a retryable failure
    backoff_base: float = 1.0
    backoff_max: float = 300.0
    max_retry_after: float = 3600.0  # longer Retry-After values are cut to this
    # re-crawl: fetch written pages again with conditional requests (If-None-Match/-Modified-Since)
    recheck: bool = False
    # extraction: 0 = in a thread of the crawl process; N = in N worker processes (N more cores)
    extract_workers: int = 0
    # durability batching: lines are fsynced and committed together, at most this many/this late
    batch_size: int = 32
    batch_seconds: float = 0.25

    def __post_init__(self) -> None:
        if not self.seeds:
            raise ConfigError("no seed given")
        checks = (
            (self.concurrency >= 1, "concurrency must be at least 1"),
            (self.per_host >= 1, "per-host must be at least 1"),
            (self.delay >= 0, "delay must not be negative"),
            (self.retries >= 0, "retries must not be negative"),
            (self.max_depth is None or self.max_depth >= 0, "max-depth must not be negative"),
            (self.max_pages is None or self.max_pages >= 0, "max-pages must not be negative"),
            (self.backoff_base >= 0 and self.backoff_max >= 0, "backoff must not be negative"),
            (self.batch_size >= 1, "batch size must be at least 1"),
            (self.extract_workers >= 0, "workers must not be negative"),
        )
        for ok, message in checks:
            if not ok:
                raise ConfigError(message)
        # The scope checks its mode and regular expressions once, where they are used.
        Scope(mode=self.scope, include=self.include, exclude=self.exclude)

    @property
    def state_path(self) -> Path:
        return self.state_dir or self.output.with_name(self.output.name + ".state")
