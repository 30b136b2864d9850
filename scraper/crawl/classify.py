"""Article or not: does a crawled page become a record, or only give links?

Index, section, tag and pagination pages give links, not records. The decision is the first
rule of `RULES` (an ordered table) whose predicate holds; its `reason` is the rule's name, so
the crawl summary can count pages by rule. Evidence, strongest first: an empty body, the
page's own JSON-LD `@type`, the URL shape of listings, `og:type`, link density, the URL shape
of articles, a publication date, body length.

Body length counts Chinese/Japanese characters one by one and other text by words, so one
threshold fits both (`body_units`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from schemas import Article
from scraper.extract.signals import Signals

ARTICLE_TYPES: frozenset[str] = frozenset(
    {
        "Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle",
        "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle",
        "AskPublicNewsArticle", "LiveBlogPosting", "ScholarlyArticle", "TechArticle",
        "SatiricalArticle", "SocialMediaPosting", "Review",
    }
)
LISTING_TYPES: frozenset[str] = frozenset(
    {"CollectionPage", "ItemList", "SearchResultsPage", "Blog", "ProfilePage", "SiteNavigationElement"}
)

# URL shapes, searched in the lower-cased path (and query, for `?page=`).
LISTING_URL: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"^/$",
        r"/(tag|tags|category|categories|section|sections|topic|topics|label|column|channel|"
        r"author|authors|archive|archives|search)/",
        r"/index(_\d+)?\.(s?html?|php|aspx?|jsp)$",
        r"/(default|home)\.(s?html?|php|aspx?|jsp)$",
        r"/page/\d+/?$",
        r"(^|/)list[_-]?\d*\.(s?html?|php|aspx?|jsp)$",
        r"/list_\d+",
        r"[?&](page|p|pn|pageno|paged|start)=\d+",
    )
)
ARTICLE_URL: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"/(19|20)\d{2}[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])?/",  # /20250703/, /2025/07/03/
        r"/t(19|20)\d{6}_\d+\.s?html?$",  # /t20250703_123456.html (gov.cn templates)
        r"/content_\d+\.s?html?$",  # /content_7700123.htm (xinhua, people)
        r"/\d{5,}\.s?html?$",  # numeric id
        r"/(article|articles|story|stories|news|post|posts|a)/\d{4,}",
    )
)

MIN_BODY = 60  # units a dated or article-shaped page needs to be a record
LONG_BODY = 350  # units that make a page an article on length alone
LINK_DENSE = 0.6  # link text share that marks a listing
LINK_SPARSE = 0.35  # link text share a long page must stay under

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


def body_units(text: str) -> int:
    """Length of a text: CJK characters one each, other words (letters or digits) one each."""
    return len(_CJK.findall(text)) + len(_WORD.findall(text))


@dataclass(frozen=True)
class Evidence:
    """What the rules look at, computed once per page."""

    article: Article
    signals: Signals
    path: str  # lower-cased path, plus `?query` when there is one
    units: int

    @property
    def dated(self) -> bool:
        return self.article.published is not None or self.signals.has_date_meta


def _matches(patterns: tuple[re.Pattern[str], ...], path: str) -> bool:
    return any(p.search(path) for p in patterns)


@dataclass(frozen=True)
class Rule:
    name: str
    applies: Callable[[Evidence], bool]
    is_article: bool
    why: str


RULES: tuple[Rule, ...] = (
    Rule("empty-body", lambda e: e.units == 0, False, "no body text: nothing to record"),
    Rule("jsonld-article", lambda e: not ARTICLE_TYPES.isdisjoint(e.signals.jsonld_types), True,
         "the page's JSON-LD says it is an article"),
    Rule("jsonld-listing", lambda e: not LISTING_TYPES.isdisjoint(e.signals.jsonld_types), False,
         "the page's JSON-LD says it is a collection"),
    Rule("url-listing", lambda e: _matches(LISTING_URL, e.path), False,
         "index, section, tag or pagination URL"),
    Rule("og-article", lambda e: e.signals.og_type == "article" and e.units >= MIN_BODY, True,
         "og:type is article"),
    Rule("link-dense", lambda e: e.signals.link_density >= LINK_DENSE, False,
         "most of the page's text is links"),
    Rule("url-article", lambda e: _matches(ARTICLE_URL, e.path) and e.units >= MIN_BODY, True,
         "article-shaped URL (date, numeric id) with a body"),
    Rule("dated-body", lambda e: e.dated and e.units >= MIN_BODY, True,
         "a publication date and a body"),
    Rule("long-body", lambda e: e.units >= LONG_BODY and e.signals.link_density < LINK_SPARSE, True,
         "a long body on a page with few links"),
    Rule("no-article-signal", lambda e: True, False, "nothing says article"),
)


@dataclass(frozen=True)
class Decision:
    is_article: bool
    reason: str


def classify(article: Article, signals: Signals, *, url: str) -> Decision:
    """The first rule of `RULES` that applies decides; `reason` is its name."""
    parts = urlsplit(url)
    path = (parts.path or "/").lower() + (f"?{parts.query.lower()}" if parts.query else "")
    evidence = Evidence(article=article, signals=signals, path=path, units=body_units(article.body))
    for rule in RULES:
        if rule.applies(evidence):
            return Decision(rule.is_article, rule.name)
    raise AssertionError("the last rule always applies")  # pragma: no cover


__all__ = ["ARTICLE_TYPES", "ARTICLE_URL", "LISTING_TYPES", "LISTING_URL", "RULES", "Decision", "Rule",
           "body_units", "classify"]
