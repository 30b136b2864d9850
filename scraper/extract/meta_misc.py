"""The page-level fields: language, description, canonical URL, breadcrumb, view counter."""

from __future__ import annotations

import re

from scraper.dom import Node
from scraper.extract import jsonld
from scraper.extract.absolute import join_url
from scraper.extract.meta_page import MarkTable, PageView, holds_any, normalise, squash
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
), needles=("crumb",))
# Labels in front of a visible trail.
CRUMB_LABEL = re.compile(
    r"^\s*(?:[您你]?的?(?:现在|当前|目前|所在)?的?(?:所在)?位置|You are here)\s*[:：]?\s*",
    re.IGNORECASE,
)
# Page furniture that trails a breadcrumb line on some CMSs ("… 字号：默认 大 中 小").
CRUMB_FURNITURE = re.compile(r"\s*(?:字号|字体|打印|关闭|分享到)\s*[:：].*$")
CRUMB_SEPARATORS = re.compile(r"\s*(?:>>|>|›|»|→|＞|/|\\|\|)\s*")
MAX_CRUMB = 40
# (pattern, needles): a pattern runs only when one of its needles is in the text. Group
# `n` is the count, group `label` the words shown with it (the provenance).
VIEW_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"(?<![\d,])(?P<n>\d[\d,]*)\s*(?P<label>次浏览|次阅读|次点击|人阅读|人浏览|人看过)"),
     ("次", "人")),
    (re.compile(r"(?P<label>浏览次数|阅读次数|点击次数|浏览量|阅读量|点击量|阅读数|浏览|阅读|点击|人气)"
                r"\s*[:：]\s*(?P<n>\d[\d,]*)"), ("浏览", "阅读", "点击", "人气")),
    (re.compile(r"(?<![\d,])(?P<n>\d[\d,]*)\s+(?P<label>views|reads)\b", re.IGNORECASE),
     (" views", " reads", " Views")),
    # `\b(?P<label>Views)…` case-insensitively, spelled out (`re` folds i with İ and ı, s with ſ)
    # so that the search skips ahead to a V at C speed; the boundary is a lookbehind after it.
    (re.compile("(?P<label>[Vv](?<!\\w[Vv])[Ii\u0130\u0131][Ee][Ww][Ss\u017f])"
                r"\s*[:：]\s*(?P<n>\d[\d,]*)"), ("Views", "views")),
)
CJK = re.compile(r"[\u4e00-\u9fff]")
CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
KANA = re.compile(r"[\u3040-\u30ff]")
HANGUL = re.compile(r"[\uac00-\ud7af]")
# `\b(the|and|of|to|in)\b`, written to start with the words (so `re` skips ahead to their
# first letters) and to test the boundary before each word by a lookbehind after it.
ENGLISH_WORD = re.compile(
    r"(?:the(?<!\wthe)|and(?<!\wand)|of(?<!\wof)|to(?<!\wto)|in(?<!\win))(?!\w)"
)
# Any character that KANA, HANGUL or CJK counts: one scan decides most pages.
ASIAN = re.compile(r"[\u3040-\u30ff\uac00-\ud7af\u4e00-\u9fff]")


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
    if not sample.isascii() and ASIAN.search(sample) is not None:
        return _asian_language(sample)
    # No kana, hangul or CJK character: the three counts below would all be 0.
    return "en" if ENGLISH_WORD.search(sample) else None


def _asian_language(sample: str) -> str | None:
    if len(KANA.findall(sample)) > 5:
        return "ja"
    if len(HANGUL.findall(sample)) > 5:
        return "ko"
    cjk = len(CJK.findall(sample))
    if cjk >= 4 and cjk >= len(LATIN_WORD.findall(sample)):
        return "zh"
    return "en" if ENGLISH_WORD.search(sample) else None


def language(view: PageView, *, title: str | None) -> Found[str] | None:
    """The declared language, unless the text's script contradicts it (templates lie)."""
    # The headline's script is the best evidence; the body's first characters may be code.
    seen = _script_language(title or "") if title and CJK.search(title) else None
    seen = seen or _script_language((title or "") + " " + view.sample(2000))
    declared: list[tuple[str | None, str]] = [(view.lang_attr, "html-lang")]
    declared += [(view.metas.get(name), f"meta:{name}") for name in LANGUAGE_METAS]
    if view.ld_article is not None:
        declared.append((jsonld.text(view.ld_article.get("inLanguage")), "json-ld"))
    for value, source in declared:
        lang = _bcp47(value) if value else None
        if lang is None:
            continue
        # An English template around Chinese text; a declared CJK language is believed
        # (Japanese headlines are often all kanji).
        if seen in CJK_LANGUAGES and lang not in CJK_LANGUAGES:
            return Found(seen, "cjk-text")
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
        return Found(join_url(view.url or "", view.canonical), "link:canonical")
    hit = view.meta("og:url")
    if hit is not None:
        return Found(join_url(view.url or "", hit[0]), "meta:og:url")
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


def breadcrumb(view: PageView, *, title: str | None) -> Found[list[str]] | None:
    """The location trail as shown: visible trail nodes, JSON-LD BreadcrumbList, labelled text."""
    for label, node in view.first_marked(BREADCRUMB_TABLE):
        crumbs = _crumbs_of(node)
        # A one-item trail counts: the node calls itself a breadcrumb (AP: "U.S. News").
        if _plausible(crumbs):
            return Found(crumbs, f"dom:{label}")
    crumbs = jsonld.breadcrumb(view.ld)
    if crumbs:
        return Found(crumbs, "json-ld:BreadcrumbList")
    # A trail sits above the headline: labelled or not, it is read from the text before it.
    found = _text_trail(view.before(title, TRAIL_SPAN))
    return Found(found[0], found[1]) if found else None


# Trails in the text above the headline. A labelled one (`当前位置: 首页 > 实时讯息 >`) may
# use any separator; an unlabelled one needs `>`, `»` or `›` (`浙江在线 > 浙江新闻 > 浙江要闻`).
# The label must carry a prefix or a colon: `位置` alone is an ordinary word.
LABEL_ANYWHERE = re.compile(
    r"(?:[您你]的?(?:现在|当前|目前|所在)?的?(?:所在)?位置|(?:当前|现在|所在|目前)的?位置|位置\s*[:：]"
    r"|You are here)\s*[:：]?",
    re.IGNORECASE,
)
# (`\s*` takes line breaks too: the separator with all the white space around it, which a
# form with `\n?` between two `\s*` matches as well, at the cost of backtracking.)
SEPARATOR_LINES = re.compile(r"\s*(>>?|»|›|→|＞)\s*")
TRAIL_SEPARATORS = (">", "»", "›", "→", "＞")
# Raw characters before the headline: CMS pages put style blocks between trail and title.
TRAIL_SPAN = 3000
MAX_TEXT_CRUMB = 20


def _split_trail(line: str) -> list[str]:
    crumbs = [CRUMB_FURNITURE.sub("", c).strip() for c in CRUMB_SEPARATORS.split(line)]
    crumbs = [c for c in crumbs if c]
    ok = len(crumbs) >= 1 and _plausible(crumbs) and all(len(c) <= MAX_TEXT_CRUMB for c in crumbs)
    return crumbs if ok else []


def _labelled(text: str) -> bool:
    """Whether `LABEL_ANYWHERE` matches in `text`. Every match holds `位置` or, in some case,
    `you are here`: two substring tests decide most pages before the (case-insensitive,
    slow) scan."""
    if not holds_any(text, ("位置",)) and "you are here" not in text.lower():
        return False
    return LABEL_ANYWHERE.search(text) is not None


def _text_trail(above: str) -> tuple[list[str], str] | None:
    labelled = _labelled(above)
    if not labelled and not any(sep in above for sep in TRAIL_SEPARATORS):
        return None
    lines = SEPARATOR_LINES.sub(r" \1 ", normalise(above)).split("\n")
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        m = LABEL_ANYWHERE.search(line) if labelled else None
        if m is not None:
            rest = line[m.end() :].strip()
            if not rest and index + 1 < len(lines):
                rest = lines[index + 1]
            crumbs = _split_trail(rest)
            return (crumbs, "text:当前位置") if crumbs else None
        if not labelled and any(sep in line for sep in TRAIL_SEPARATORS):
            crumbs = _split_trail(line)
            return (crumbs, "text:trail") if len(crumbs) >= 2 else None
    return None


def view_count(view: PageView, *, header: str) -> Found[int] | None:
    header = header or view.head_text(5000)
    for pattern, needles in VIEW_PATTERNS:
        if not holds_any(header, needles):
            continue
        m = pattern.search(header)
        if m is not None:
            return Found(int(m.group("n").replace(",", "")), f"text:{m.group('label')}")
    return None
