"""Which URLs a crawl may follow: a mode relative to the seeds, then include/exclude regexes.

Order of the checks (the first that fails gives the reason):
1. the URL must normalise (`"invalid-url"`);
2. no `exclude` regex may match (`"excluded:<regex>"`);
3. the mode: `host` (same host and port as a seed), `domain` (same registrable domain as a
   seed), `prefix` (starts with a seed's directory, e.g. `https://a.cn/news/` for
   `https://a.cn/news/index.html`), `any` (`"out-of-scope:<mode>"`);
4. when `include` regexes are given, one must match (`"not-included"`).
Regexes are searched (`re.search`) in the normalised URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal
from urllib.parse import urlsplit

from scraper.crawl.urls import normalise, registrable_domain
from scraper.errors import ConfigError

ScopeMode = Literal["host", "domain", "prefix", "any"]
MODES: tuple[ScopeMode, ...] = ("host", "domain", "prefix", "any")


def _directory(url: str) -> str:
    """A normalised URL up to and including the last `/` of its path, without query."""
    parts = urlsplit(url)
    path = parts.path[: parts.path.rfind("/") + 1] or "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


@dataclass(frozen=True, kw_only=True)
class Scope:
    """The crawl's boundary. Invalid regexes or mode raise `ConfigError` at construction."""

    mode: ScopeMode = "domain"
    seeds: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ConfigError(f"unknown scope mode {self.mode!r}; expected one of {', '.join(MODES)}")
        for pattern in (*self.include, *self.exclude):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(
                    f"invalid scope regex {pattern!r}, not a valid regular expression: {exc}"
                ) from exc

    @cached_property
    def _seeds(self) -> tuple[str, ...]:
        return tuple(url for seed in self.seeds if (url := normalise(seed)) is not None)

    @cached_property
    def _hosts(self) -> frozenset[str]:
        return frozenset(urlsplit(seed).netloc.rpartition("@")[2] for seed in self._seeds)

    @cached_property
    def _domains(self) -> frozenset[str]:
        return frozenset(registrable_domain(seed) for seed in self._seeds)

    @cached_property
    def _prefixes(self) -> tuple[str, ...]:
        return tuple(sorted({_directory(seed) for seed in self._seeds}))

    @cached_property
    def _include(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.include)

    @cached_property
    def _exclude(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.exclude)

    def _in_mode(self, url: str) -> bool:
        if self.mode == "any":
            return True
        if self.mode == "host":
            return urlsplit(url).netloc.rpartition("@")[2] in self._hosts
        if self.mode == "domain":
            return registrable_domain(url) in self._domains
        return url.startswith(self._prefixes)

    def check(self, url: str) -> str | None:
        """None when `url` is in scope, else the reason it is not."""
        canonical = normalise(url)
        if canonical is None:
            return "invalid-url"
        for pattern in self._exclude:
            if pattern.search(canonical):
                return f"excluded:{pattern.pattern}"
        if not self._in_mode(canonical):
            return f"out-of-scope:{self.mode}"
        if self._include and not any(p.search(canonical) for p in self._include):
            return "not-included"
        return None


__all__ = ["MODES", "Scope", "ScopeMode"]
