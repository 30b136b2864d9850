"""The headline and the site name, read together because `<title>` holds both.

Order of precedence for the headline:

1. JSON-LD `headline` / `name` of the article object;
2. `og:title`, `twitter:title`, `title` meta tags;
3. the page's headline node (`h1` inside the article first, then heading-like classes),
   when it agrees with `<title>` (a logo in an `h1` does not);
4. `<title>` with the site name cut off at a separator (` - `, ` | `, `_`, ` – `, ` — `,
   `--`, ` :: `; an unspaced `-` only before a site-like name).

Candidates 1-2 often carry the site name too (`og:title` = `<title>` on many Chinese
sites), so every candidate is cut the same way; a candidate truncated with an ellipsis
yields to a headline node that it is a prefix of.
"""

from __future__ import annotations

import re

from scraper.dom import Node
from scraper.extract import jsonld
from scraper.extract.meta_page import PageView, squash, within
from scraper.found import Found

# `ArticleTitle` / `SiteName` are the Chinese government-site standard (GB/T 33476 CMSs).
TITLE_METAS: tuple[str, ...] = (
    "og:title", "twitter:title", "articletitle", "title", "dc.title", "sailthru.title",
)
# Containers that make an h1 the article's own (a site logo is an h1 too on some sites).
ARTICLE_TAGS = frozenset({"article", "main"})
# When a page has no h1: headline-like nodes, queried only then (one query).
HEADLINE_FALLBACK = (
    "[itemprop=headline], .article-title, .news-title, .news_title, .art_title, .detail-title, "
    ".post-title, .entry-title, #title, h2.title, div.title, .tit"
)
# Spaced dashes and bullets, bars and underscores anywhere; an unspaced dash is part of the
# headline (`“邻—团—社”模式`, `COVID-19`) except for the tight `-site` suffix (TIGHT_SUFFIX).
SEPARATORS = re.compile(r"\s+[-|–—·•»:]{1,2}\s+|\s*[|_]\s*|\s*--\s*")
SITE_METAS: tuple[str, ...] = (
    "og:site_name", "sitename", "application-name", "apple-mobile-web-app-title",
)
_ELLIPSIS = ("...", "…")
# `法国全国大罢工再次严重影响交通-新华网`: an unspaced hyphen before a short site-like name.
TIGHT_SUFFIX = re.compile(r"(.{6,}?)-([^-\s]{2,12})")


def _parts(title: str) -> list[str]:
    return [part.strip() for part in SEPARATORS.split(title) if part and part.strip()]


def _same(a: str, b: str) -> bool:
    return _norm(a) == _norm(b)


def _norm(text: str) -> str:
    return re.sub(r"[\s\"'“”‘’「」《》]+", "", text).lower()


def strip_site(title: str, *, site: str | None) -> str:
    """A title with a site-name prefix or suffix removed.

    Parts equal to the known site name are dropped from either end. Then, when one part is
    at least twice as long as every other, it is the headline (`Headline_Channel_Site`);
    otherwise the title stays whole (a headline holding ` - ` is not cut).
    """
    parts = _parts(title)
    if len(parts) < 2:
        # `标题-新华网`: a hyphen without spaces cuts only a site-like suffix.
        m = TIGHT_SUFFIX.fullmatch(title.strip())
        if m is not None and (_looks_like_site(m.group(2)) or (site and _is_site(m.group(2), site))):
            return m.group(1)
        return title.strip()
    if site:
        while len(parts) > 1 and _is_site(parts[-1], site):
            parts.pop()
        while len(parts) > 1 and _is_site(parts[0], site):
            parts.pop(0)
        if len(parts) == 1:
            return parts[0]
    longest = max(parts, key=len)
    if all(len(longest) >= 2 * len(p) for p in parts if p is not longest):
        return longest
    if site and len(parts) < len(_parts(title)):
        return _rejoin(title, parts)
    return title.strip()


def _is_site(part: str, site: str) -> bool:
    shown, name = _norm(part), _norm(site)
    return shown in name or (name in shown and len(shown) <= len(name) + 8)


def _rejoin(title: str, parts: list[str]) -> str:
    """The span of `title` from the first kept part to the last, separators included."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1])
    if start < 0 or end < 0:
        return " ".join(parts)
    return title[start : end + len(parts[-1])].strip()


def _looks_like_site(text: str) -> bool:
    return bool(re.search(r"(网|报|新闻|\.com|\.cn|News|Times|Post|Daily|Online)\s*$", text, re.IGNORECASE))


def headline_nodes(view: PageView, *, logos: list[bool] | None = None) -> list[Node]:
    """The page's h1s, those inside `<article>`/`<main>` first; else headline-like nodes.
    `logos`: `_is_logo` of each h1, when the caller has them already."""
    flags = [_is_logo(node) for node in view.h1s] if logos is None else logos
    h1s = [node for node, logo in zip(view.h1s, flags, strict=True) if not logo]
    if h1s:
        inside = [node for node in h1s if within(node, ARTICLE_TAGS)]
        return inside + [node for node in h1s if node not in inside]
    if view.h1s:
        return []
    return list(view.tree.css(HEADLINE_FALLBACK))[:3]


def _is_logo(node: Node) -> bool:
    """An h1 that is the site's logo: it links to the home page."""
    link = node.css_first("a[href]")
    if link is None:
        return False
    href = (link.attrs.get("href") or "").strip()
    return bool(re.fullmatch(r"(?:https?:)?(?://[^/]+)?/?(?:index\.\w+)?", href))


def site_name(view: PageView, title: str | None) -> Found[str] | None:
    """og:site_name, JSON-LD publisher or WebSite name, then the non-headline part of `<title>`."""
    hit = view.meta(*SITE_METAS)
    if hit is not None:
        return Found(hit[0], f"meta:{hit[1]}")
    if view.ld_article is not None:
        publisher = jsonld.resolve(view.ld_article.get("publisher"), view.ld)
        name = jsonld.text(publisher)
        if name:
            return Found(name, "json-ld:publisher")
    site = jsonld.of_type(view.ld, frozenset({"website"}))
    if site is not None and jsonld.text(site.get("name")):
        return Found(str(jsonld.text(site.get("name"))), "json-ld:WebSite")
    if view.title_tag and title:
        parts = _parts(view.title_tag)
        rest = [p for p in parts if not _same(p, title) and _norm(p) not in _norm(title)]
        if rest and len(parts) >= 2:
            # `Headline_Channel_Site` and `Site | Headline`: the part farthest from the headline.
            first_is_title = _same(parts[0], title) or _norm(title) in _norm(parts[0])
            return Found(rest[-1] if first_is_title else rest[0], "title-tag")
    return None


def title(view: PageView) -> Found[str] | None:
    """The article's headline with its source (see the module docstring for the order)."""
    site_hit = view.meta(*SITE_METAS)
    flags = [_is_logo(node) for node in view.h1s]  # a subtree query each: once per page
    logos = [squash(node.text(separator=" ")) for node, logo in zip(view.h1s, flags, strict=True) if logo]
    # No declared site name: the text of a logo h1 is one ("News headline — Daily Times").
    site = site_hit[0] if site_hit else next((logo for logo in logos if logo), None)
    tag = view.title_tag
    nodes = [
        (text, node) for node in headline_nodes(view, logos=flags)
        if (text := squash(node.text(separator=" "))) and len(text) <= 300
    ]

    candidates: list[tuple[str, str]] = []
    art = view.ld_article
    if art is not None:
        for key in ("headline", "name"):
            value = jsonld.text(art.get(key))
            if value:
                candidates.append((value, f"json-ld:{key}"))
                break
    for name in TITLE_METAS:
        value = view.metas.get(name)
        if value:
            candidates.append((value, f"meta:{name}"))

    for raw, source in candidates:
        value = strip_site(raw, site=site)
        for text, node in nodes:
            # The headline node says where the cut goes when the metadata glues on more
            # (`Headline - live updates | BBC News`), or finishes a truncated title.
            shown = _norm(text)
            if shown == _norm(value):
                return Found(value, source)
            if (shown in _norm(raw) and len(shown) >= 0.4 * len(_norm(raw))) or (
                value.endswith(_ELLIPSIS) and shown.startswith(_norm(value.rstrip(".…")))
            ):
                return Found(text, _node_source(node))
        return Found(value, source)

    # No metadata: a headline node that agrees with <title> once the site part is cut off
    # (an h1 holding the logo text agrees only with the part that was cut), else <title>.
    cut = strip_site(tag, site=site) if tag else ""
    for text, node in nodes:
        if cut and _norm(text) in _norm(cut):
            return Found(text, _node_source(node))
    if tag:
        return Found(cut, "title-tag")
    if nodes:
        text, node = nodes[0]
        return Found(text, _node_source(node))
    return None


def _node_source(node: Node) -> str:
    return "h1" if node.tag == "h1" else "headline-node"
