"""Crawl scope: modes relative to the seeds, include and exclude regexes."""

from __future__ import annotations

import pytest

from scraper.crawl.scope import Scope
from scraper.errors import ConfigError

SEEDS = ("https://news.example.com/ssxx/index.html", "http://127.0.0.1:8000/")

CASES = [
    ("host-same", "host", "https://news.example.com/ssxx/1.html", None),
    ("host-other-scheme", "host", "http://news.example.com/a.html", None),
    ("host-subdomain", "host", "https://www.example.com/a.html", "out-of-scope:host"),
    ("host-port-matters", "host", "http://127.0.0.1:8001/a.html", "out-of-scope:host"),
    ("host-port-same", "host", "http://127.0.0.1:8000/a.html", None),
    ("domain-subdomain", "domain", "https://www.example.com/a.html", None),
    ("domain-other", "domain", "https://example.org/a.html", "out-of-scope:domain"),
    ("domain-ip-any-port", "domain", "http://127.0.0.1:9000/a.html", None),
    ("domain-other-ip", "domain", "http://127.0.0.2:8000/a.html", "out-of-scope:domain"),
    ("prefix-inside", "prefix", "https://news.example.com/ssxx/20250703/1.html", None),
    ("prefix-outside", "prefix", "https://news.example.com/bkzs/1.html", "out-of-scope:prefix"),
    ("prefix-root-seed", "prefix", "http://127.0.0.1:8000/any/thing.html", None),
    ("any", "any", "https://elsewhere.org/", None),
    ("invalid", "any", "javascript:alert(1)", "invalid-url"),
]


@pytest.mark.parametrize(("mode", "url", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_scope_modes(mode: str, url: str, reason: str | None) -> None:
    """Each mode admits what it should and names itself when it refuses."""
    scope = Scope(mode=mode, seeds=SEEDS)  # type: ignore[arg-type]
    assert scope.check(url) == reason


def test_exclude_names_the_regex() -> None:
    """An excluded URL's reason names the regex that matched."""
    scope = Scope(mode="any", exclude=(r"/private/", r"\.pdf$"))
    assert scope.check("http://a.com/private/x.html") == "excluded:/private/"


def test_include_required_when_given() -> None:
    """With include regexes, a URL must match one of them."""
    scope = Scope(mode="any", include=(r"/ssxx/",))
    assert scope.check("http://a.com/ssxx/1.html") is None
    assert scope.check("http://a.com/bkzs/1.html") == "not-included"


def test_exclude_before_mode() -> None:
    """Exclusion is checked before the mode."""
    scope = Scope(mode="host", seeds=SEEDS, exclude=(r"elsewhere",))
    assert scope.check("https://elsewhere.org/") == "excluded:elsewhere"


def test_regex_sees_normalised_url() -> None:
    """Regexes run on the normalised URL (tracking parameters gone, host lower-cased)."""
    scope = Scope(mode="any", exclude=(r"utm_",))
    assert scope.check("HTTP://A.COM/x?utm_source=feed") is None


def test_no_seeds_admits_nothing() -> None:
    """Without seeds, the host/domain/prefix modes admit nothing."""
    assert Scope(mode="domain").check("http://a.com/") == "out-of-scope:domain"


def test_bad_regex_is_config_error() -> None:
    """An invalid regex fails at construction with ConfigError."""
    with pytest.raises(ConfigError, match="invalid scope regex"):
        Scope(exclude=("(",))


def test_bad_mode_is_config_error() -> None:
    """An unknown mode fails at construction with ConfigError."""
    with pytest.raises(ConfigError, match="unknown scope mode"):
        Scope(mode="site")  # type: ignore[arg-type]


def test_seeds_are_normalised() -> None:
    """Seeds are normalised like links: case, default port and tracking parameters do not matter."""
    scope = Scope(mode="prefix", seeds=("HTTP://News.Example.com:80/ssxx/index.html?utm_source=x",))
    assert scope.check("http://news.example.com/ssxx/20250703/7928711.html") is None


def test_idn_seed_matches_punycode_link() -> None:
    """An IDN seed and a punycode link are the same host."""
    scope = Scope(mode="host", seeds=("http://新闻.例子.中国/",))
    assert scope.check("http://xn--efvy88h.xn--fsqu00a.xn--fiqs8s/a.html") is None


def test_scope_pickles_after_use() -> None:
    """A used Scope (its cached lookups filled) pickles, for shards run in other processes."""
    import pickle

    scope = Scope(mode="domain", seeds=SEEDS, exclude=(r"/private/",))
    assert scope.check("https://www.example.com/x") is None
    copy = pickle.loads(pickle.dumps(scope))
    assert copy == scope
    assert copy.check("https://www.example.com/private/x") == "excluded:/private/"
