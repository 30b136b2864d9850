"""Article or not: does a crawled page become a record, or only give links?

Index, section, tag and pagination pages give links, not records. The decision is the first
rule of `RULES` (an ordered table) whose predicate holds; its `reason` is the rule's name, so
the crawl summary can count pages by rule. Evidence, strongest first: JSON-LD collection types,
home/tag/category/pagination URL shapes, an empty body, JSON-LD article types, `og:type`, article
URL shapes (dates, ids), index-file URLs, link density, a publication date, body length.
Link density is weak evidence on Chinese portals, whose article pages reach 0.5-0.73 (gne-zh
corpus: sina, ifeng, toutiao), so it comes late and with a high threshold.

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
# Not "SiteNavigationElement" or "Blog": WordPress themes put them in every post's @graph.
LISTING_TYPES: frozenset[str] = frozenset({"CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage"})

OG_ARTICLE_TYPES: frozenset[str] = frozenset({"article", "news"})  # sina.com.cn says "news"

# URL shapes, searched in the lower-cased path (plus `?query`). Listing shapes that are never
# articles come first; index-file shapes yield to article shapes (cnn.com serves articles as
# /2019/11/18/politics/<slug>/index.html).
LISTING_URL: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"^/$",  # the home page
        # a tag/category/... directory, or one name below it (/tag/volunteers/, /category/world);
        # deeper paths are articles filed there (/column/20250703/123.html)
        r"/(tag|tags|category|categories|section|sections|topic|topics|label|column|channel|"
        r"author|authors|archive|archives|search)(/[^/]*)?/?$",
        r"/page/\d+/?$",
        r"(^|/)list[_-]?\d*\.(s?html?|php|aspx?|jsp)$",
        r"/list_\d+",
        r"/index_\d+\.(s?html?|php|aspx?|jsp)$",  # /ssxx/index_2.html: page 2 of a section
    )
)
INDEX_URL: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"/(index|default|home)\.(s?html?|php|aspx?|jsp)$",
    )
)
ARTICLE_URL: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # a date segment followed by a non-empty last segment: /20250703/1.html, /2025/07/03/slug/,
        # /2019-03-12/doc-x.shtml; not a date archive such as /2025/07/03/
        r"/(19|20)\d{2}([-/_]?(0[1-9]|1[0-2]))([-/_]?(0[1-9]|[12]\d|3[01]))?/([^/?]+/)*(?!\d{1,2}/?$)[^/?]+",
        r"/t(19|20)\d{6}_\d+\.s?html?$",  # /t20250703_123456.html (gov.cn templates)
        r"/content_\d+\.s?html?$",  # /content_7700123.htm (xinhuanet, people.com.cn)
        r"/\d{5,}\.s?html?$",  # numeric id
        r"/(article|articles|story|stories|news|post|posts|a|doc)/\d{4,}",
        r"[-_]\d{6,}(\.s?html?)?/?$",  # slug ending in an id: jpost.com /...-608399, wsj.com /...-11574168580
    )
)
# Pagination in the query (?page=2) marks a listing unless an id names one item (?idx=8576&page=1).
_PAGE_QUERY = re.compile(r"(^|&)(page|p|pn|pageno|paged|start)=([2-9]|\d{2,})(&|$)")
_ID_QUERY = re.compile(r"(^|&)(id|idx|aid|articleid|article_id|newsid|news_id|docid|no|p_id|itemid)=\w")

MIN_BODY = 60  # units a dated or article-shaped page needs to be a record
LONG_BODY = 350  # units that make a page an article on length alone
LINK_DENSE = 0.75  # link text share that marks a listing (sina.com.cn articles reach 0.73)
LINK_SPARSE = 0.55  # link text share a long page must stay under (Chinese portals' articles: 0.35-0.55)

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
    path: str  # lower-cased path
    query: str  # lower-cased query
    units: int

    @property
    def dated(self) -> bool:
        return self.article.published is not None or self.signals.has_date_meta


def _matches(patterns: tuple[re.Pattern[str], ...], path: str) -> bool:
    return any(p.search(path) for p in patterns)


def _listing_url(e: Evidence) -> bool:
    if _matches(LISTING_URL, e.path):
        return True
    return bool(_PAGE_QUERY.search(e.query)) and not _ID_QUERY.search(e.query)


@dataclass(frozen=True)
class Rule:
    name: str
    applies: Callable[[Evidence], bool]
    is_article: bool
    why: str


RULES: tuple[Rule, ...] = (
    # Listing markup and listing URLs first: they hold whatever the body extractor finds, and
    # some CMSes leak the first post's JSON-LD Article into their tag and archive pages.
    Rule("jsonld-listing", lambda e: not LISTING_TYPES.isdisjoint(e.signals.jsonld_types)
         and ARTICLE_TYPES.isdisjoint(e.signals.jsonld_types), False,
         "the page's JSON-LD says it is a collection, and nowhere an article"),
    Rule("url-listing", _listing_url, False, "home, tag, category, section or pagination URL"),
    Rule("empty-body", lambda e: e.units == 0, False, "no body text: nothing to record"),
    Rule("jsonld-article", lambda e: not ARTICLE_TYPES.isdisjoint(e.signals.jsonld_types), True,
         "the page's JSON-LD says it is an article"),
    Rule("og-article", lambda e: e.signals.og_type in OG_ARTICLE_TYPES and e.units >= MIN_BODY, True,
         "og:type is article"),
    Rule("url-article", lambda e: _matches(ARTICLE_URL, e.path) and e.units >= MIN_BODY, True,
         "article-shaped URL (date, numeric id) with a body"),
    Rule("url-index", lambda e: _matches(INDEX_URL, e.path), False, "index file (index.html, default.aspx)"),
    Rule("link-dense", lambda e: e.signals.link_density >= LINK_DENSE, False,
         "most of the page's text is links"),
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
    evidence = Evidence(
        article=article, signals=signals, path=(parts.path or "/").lower(), query=parts.query.lower(),
        units=body_units(article.body),
    )
    for rule in RULES:
        if rule.applies(evidence):
            return Decision(rule.is_article, rule.name)
    raise AssertionError("the last rule always applies")  # pragma: no cover


__all__ = ["ARTICLE_TYPES", "ARTICLE_URL", "INDEX_URL", "LISTING_TYPES", "LISTING_URL", "OG_ARTICLE_TYPES",
           "RULES", "Decision", "Rule", "body_units", "classify"]
