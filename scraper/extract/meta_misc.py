"""The page-level fields: language, description, canonical URL, breadcrumb, view counter."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from scraper.dom import Node
from scraper.extract import jsonld
from scraper.extract.meta_page import MarkTable, PageView, normalise, squash
from scraper.found import Found

LANGUAGE_METAS: tuple[str, ...] = ("content-language", "language", "dc.language", "og:locale")
DESCRIPTION_METAS: tuple[str, ...] = (
    "og:description", "description", "twitter:description", "dc.description",
)
# Trail nodes by their mark (`tag class=... id=... aria-label=...`), most telling first.
BREADCRUMB_TABLE = MarkTable.of((
    ("aria-label", r"\baria-label=[^=]*breadcrumb"),
    ("BreadcrumbList", r"\bitemtype=\S*breadcrumblist"),
    ("breadcrumb", r"\b(?:class|id)=[^=]*crumb"),
    ("position", r"\b(?:class|id)=[^=]*\b(?:position|location|curpos|dqwz|weizhi|route)\b"),
))
# Labels in front of a visible trail.
CRUMB_LABEL = re.compile(
    r"^\s*(?:[您你]?的?(?:现在|当前|目前|所在)?的?(?:所在)?位置|You are here)\s*[:：]?\s*",
    re.IGNORECASE,
)
# Page furniture that trails a breadcrumb line on some CMSs ("… 字号：默认 大 中 小").
CRUMB_FURNITURE = re.compile(r"\s*(?:字号|字体|打印|关闭|分享到)\s*[:：].*$")
CRUMB_SEPARATORS = re.compile(r"\s*(?:>>|>|›|»|→|＞|/|\\|\|)\s*")
# Labelled trails without a telling class: looked for only when the label is in the text.
CRUMB_TEXT_NODES: tuple[tuple[str, str], ...] = tuple(
    (label, f'*:lexbor-contains("{label}")')
    for label in ("当前位置", "您的位置", "您现在的位置", "You are here")
)
MAX_CRUMB = 40
# (pattern, source, needles): a pattern runs only when one of its needles is in the text.
VIEW_PATTERNS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (re.compile(r"(?<![\d,])(\d[\d,]*)\s*(?:次浏览|次阅读|次点击|人阅读|人浏览|人看过)"), "text:次浏览",
     ("次", "人")),
    (re.compile(r"(?:浏览次数|阅读次数|点击次数|浏览量|阅读量|点击量|阅读数|浏览|阅读|点击|人气)"
                r"\s*[:：]\s*(\d[\d,]*)"), "text:阅读", ("浏览", "阅读", "点击", "人气")),
    (re.compile(r"(?<![\d,])(\d[\d,]*)\s+(?:views|reads)\b", re.IGNORECASE), "text:views",
     (" views", " reads", " Views")),
    (re.compile(r"\bViews\s*[:：]\s*(\d[\d,]*)", re.IGNORECASE), "text:views", ("Views", "views")),
)
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
KANA = re.compile(r"[\u3040-\u30ff]")
HANGUL = re.compile(r"[\uac00-\ud7af]")


# Three-letter primary tags seen on news sites; any other three letters (`utf`) is a mistake.
THREE_LETTER_LANGUAGES = frozenset({"yue", "fil", "haw", "ast", "ckb"})


def _bcp47(tag: str) -> str | None:
    primary = re.split(r"[-_]", tag.strip())[0].lower()
    if re.fullmatch(r"[a-z]{2}", primary) or primary in THREE_LETTER_LANGUAGES:
        return primary
    return None


def _script_language(sample: str) -> str | None:
    if not sample:
        return None
    if len(KANA.findall(sample)) > 5:
        return "ja"
    if len(HANGUL.findall(sample)) > 5:
        return "ko"
    cjk = len(CJK.findall(sample))
    if cjk >= 4 and cjk >= len(LATIN_WORD.findall(sample)):
        return "zh"
    return "en" if re.search(r"\b(the|and|of|to|in)\b", sample) else None


def language(view: PageView, *, title: str | None) -> Found[str] | None:
    """The declared language, unless the text's script contradicts it (templates lie)."""
    # The headline's script is the best evidence; the body's first characters may be code.
    seen = _script_language(title or "") if title and CJK.search(title) else None
    seen = seen or _script_language((title or "") + " " + view.sample(4000))
    declared: list[tuple[str | None, str]] = [(view.lang_attr, "html-lang")]
    declared += [(view.metas.get(name), f"meta:{name}") for name in LANGUAGE_METAS]
    if view.ld_article is not None:
        declared.append((jsonld.text(view.ld_article.get("inLanguage")), "json-ld"))
    for value, source in declared:
        lang = _bcp47(value) if value else None
        if lang is None:
            continue
        if seen in ("zh", "ja", "ko") and lang != seen:
            return Found(seen, "cjk-text")  # an English template around Chinese text
        return Found(lang, source)
    return Found(seen, "script") if seen else None


def description(view: PageView) -> Found[str] | None:
    hit = view.meta(*DESCRIPTION_METAS)
    if hit is not None:
        return Found(hit[0], f"meta:{hit[1]}")
    if view.ld_article is not None:
        value = jsonld.text(view.ld_article.get("description"))
        if value:
            return Found(value, "json-ld")
    return None


def canonical_url(view: PageView) -> Found[str] | None:
    if view.canonical:
        return Found(urljoin(view.url or "", view.canonical), "link:canonical")
    hit = view.meta("og:url")
    if hit is not None:
        return Found(urljoin(view.url or "", hit[0]), "meta:og:url")
    return None


def _crumbs_of(node: Node) -> list[str]:
    items = [squash(li.text(separator=" ")) for li in node.css("li")]
    crumbs = [c for c in items if c]
    if len(crumbs) < 2:
        text = squash(node.text(separator=" ")) or ""
        text = CRUMB_LABEL.sub("", text)
        crumbs = [part for part in CRUMB_SEPARATORS.split(text) if part.strip()]
        anchors = [t for a in node.css("a") if (t := squash(a.text(separator=" ")))]
        if len(crumbs) < 2 and len(anchors) >= 2:
            crumbs = anchors
    crumbs = [CRUMB_SEPARATORS.sub("", CRUMB_LABEL.sub("", c)) for c in crumbs]
    crumbs = [CRUMB_FURNITURE.sub("", c).strip() for c in crumbs]
    return [c for c in crumbs if c]


# A "trail" holding these is a share bar or a menu that a crumb-like class also matched.
NOT_CRUMBS = re.compile(r"^(?:facebook|twitter|email|e-mail|email me|share|print|whatsapp|linkedin|"
                        r"pinterest|reddit|分享|打印)$", re.IGNORECASE)
WORDLIKE = re.compile(r"[^\W_]")


def _plausible(crumbs: list[str]) -> bool:
    """Short word items (the last may be the headline), not a paragraph, a menu or a share bar."""
    return (
        1 <= len(crumbs) <= 8
        and all(len(c) <= MAX_CRUMB for c in crumbs[:-1]) and len(crumbs[-1]) <= 120
        and all(WORDLIKE.search(c) and not NOT_CRUMBS.match(c) for c in crumbs)
    )


def breadcrumb(view: PageView, *, header: str, title: str | None) -> Found[list[str]] | None:
    """The location trail as shown: visible trail nodes, JSON-LD BreadcrumbList, labelled text."""
    for label, node in view.first_marked(BREADCRUMB_TABLE):
        crumbs = _crumbs_of(node)
        # A one-item trail counts when the node calls itself a breadcrumb (AP: "U.S. News").
        if _plausible(crumbs) and (len(crumbs) >= 2 or label != "position" or CRUMB_LABEL.match(node.text())):
            return Found(crumbs, f"dom:{label}")
    crumbs = jsonld.breadcrumb(view.ld)
    if crumbs:
        return Found(crumbs, "json-ld:BreadcrumbList")
    # A trail sits above the headline: its label is looked for in the header text only.
    header = header or view.head_text(8000)
    for label, selector in CRUMB_TEXT_NODES:
        if label not in header:
            continue
        labelled = view.tree.css_first(selector)
        if labelled is None:
            continue
        # The label is often a text node of the trail's container, or a span inside it.
        parent = labelled.parent
        container = labelled if labelled.css_first("a") is not None or parent is None else parent
        crumbs = _crumbs_of(container)
        if crumbs and _plausible(crumbs):
            return Found(crumbs, "text:当前位置")
    crumbs = _text_trail(header, title)
    return Found(crumbs, "text:trail") if crumbs else None


# An unlabelled trail in the text above the headline: a line of short items joined by
# `>`, `»`, `›` (`浙江在线 > 浙江新闻 > 浙江要闻`), looked for in the last lines before the title.
SEPARATOR_LINES = re.compile(r"\s*\n?\s*(>>?|»|›)\s*\n?\s*")
TRAIL_SEPARATORS = (">", "»", "›")
TRAIL_SPAN = 600


def _text_trail(header: str, title: str | None) -> list[str]:
    if not title:
        return []
    pos = header.find(title[:12])
    above = header[max(0, pos - TRAIL_SPAN) : pos] if pos > 0 else ""
    if not any(sep in above for sep in TRAIL_SEPARATORS):
        return []
    lines = SEPARATOR_LINES.sub(r" \1 ", normalise(above)).split("\n")
    for line in reversed(lines):
        if any(sep in line for sep in TRAIL_SEPARATORS):
            crumbs = [c.strip() for c in CRUMB_SEPARATORS.split(CRUMB_LABEL.sub("", line)) if c.strip()]
            if len(crumbs) >= 2 and _plausible(crumbs) and all(len(c) <= 20 for c in crumbs):
                return crumbs
            return []
    return []


def view_count(view: PageView, *, header: str) -> Found[int] | None:
    header = header or view.head_text(5000)
    for pattern, source, needles in VIEW_PATTERNS:
        if not any(needle in header for needle in needles):
            continue
        m = pattern.search(header)
        if m is not None:
            return Found(int(m.group(1).replace(",", "")), source)
    return None
