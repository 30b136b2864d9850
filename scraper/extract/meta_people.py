"""Bylines and credited sources: `authors` (people) and `source` (the outlet of the text).

Authors, first hit wins: JSON-LD `author` (people only), meta tags, byline nodes
(`[rel=author]`, `.byline`, ...), then the header text (`作者：`, `记者 张三 通讯员 李四`,
`By Jane Doe and John Roe`). Names are split on `and`, `&`, `、`, `，`, spaces between
Chinese names; organisation names (`Staff`, `新华社`, `…日报`) are dropped.

Source, first hit wins: `来源：` in the header text, meta `source`, an agency dateline or
credit (`WASHINGTON (AP) —`, `By Jane Doe, Associated Press`). A JSON-LD publisher is the
site, not the source, and is left to `site_name`.
"""

from __future__ import annotations

import re
from itertools import islice

from scraper.extract import jsonld
from scraper.extract.meta_page import MarkTable, PageView, holds_any, squash
from scraper.found import Found

AUTHOR_METAS: tuple[str, ...] = (
    "author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "citation_author", "og:article:author",
)
# Byline nodes by their mark (`tag class=... itemprop=... rel=...`), most telling first.
BYLINE_TABLE = MarkTable.of((
    ("rel=author", r"\brel=author\b"),
    ("itemprop=author", r"\bitemprop=author\b"),
    ("author", r"\bclass=[^=]*author"),
    ("byline", r"\bclass=[^=]*byline"),
), needles=("author", "byline"))
# Words that make a "name" an organisation or a role, not a person.
ORG_WORDS = re.compile(
    r"(staff|editor|desk|team|news|press|reuters|agency|media|online|newsroom|correspondent|"
    r"writer|reporter|columnist|contributor|ministr|department|office|"
    r"\.(?:com|net|cn|org)\b|@|"
    r"社$|报$|台$|网$|中心|编辑部|新闻|本报|本网|记者站|部$|委$|局$|院$|办$)",
    re.IGNORECASE,
)
# Words of a header line that a Chinese-name pattern would otherwise take for a name.
NOT_NAME = re.compile(
    r"(时间|日期|来源|发布|编辑|报道|浏览|阅读|字号|分享|打印|关闭|点击|评论|责编|审核|校对|相关|文章"
    r"|未知|佚名|授权|整理|转载|原创|关注|匿名|admin|unknown|anonymous)",
    re.IGNORECASE,
)
CJK = re.compile(r"[\u4e00-\u9fff]")
# Chinese byline roles; every name after one of them is a person.
ZH_ROLE = r"(?:本报|本网|特约|见习|实习|首席)?(?:记者|通讯员|作者|撰文|撰稿|文|图|摄影|摄)"
ZH_ROLE_NEEDLES: tuple[str, ...] = ("记者", "通讯员", "作者", "撰", "文", "图", "摄")
ZH_NAME = r"[\u4e00-\u9fff·]{2,4}"
ZH_BYLINE_RE = re.compile(
    r"(?:^|(?<=[\s(（【\[|]))(" + ZH_ROLE + r")(?:\s*[:：/｜|]\s*|\s+)(" + ZH_NAME
    + r"(?:(?:\s*[、，,]\s*|\s+)" + ZH_NAME + r")*)(?=[\s)）】\]|,，。]|$)",
    re.MULTILINE,
)
EN_BYLINE_RE = re.compile(
    r"(?:^|\n)[ \t]*By[ \t]+((?:[A-Z][\w.'’-]*\.?[ \t]?){1,4}"
    r"(?:[ \t]*(?:,|and|&)[ \t]*(?:[A-Z][\w.'’-]*\.?[ \t]?){1,4})*)"
)
# EN_BYLINE_RE from a line break only: searched in "\n" + text, where `re` skips from line
# break to line break (the `^|` form tries every character); group 1 is the same.
EN_BYLINE_LINE = re.compile("\\n" + EN_BYLINE_RE.pattern.removeprefix("(?:^|\\n)"))
SPLIT_RE = re.compile(r"\s*(?:,|;|\band\b|&|、|，|/|\|)\s*")
BY_PREFIX = re.compile(r"^\s*(?:by|from|written by|作者|记者|文|撰文)\s*[:：]?\s*", re.IGNORECASE)

SOURCE_LABELS: tuple[str, ...] = ("来源", "稿源", "来自", "信息来源", "文章来源", "Source")
# `(?:^|(?<=[\s|(（]))(?:来源|…|Source)\s*[:：]\s*([^\s|]{2,30})`, each label followed by the
# test of the character before it (a lookbehind), so that `re` skips ahead to a label's
# first character instead of trying the lookbehind at every character.
SOURCE_RE = re.compile(
    "(?:" + "|".join(f"{label}(?<![^\\s|(（]{label})" for label in SOURCE_LABELS) + ")"
    r"\s*[:：]\s*([^\s|]{2,30})"
)
SOURCE_NEEDLES: tuple[str, ...] = ("来源", "稿源", "来自", "Source")
SOURCE_METAS: tuple[str, ...] = (
    "source", "contentsource", "og:article:source", "article:source", "citation_publisher",
)
# A source credited in a node of its own (`<a class="source">科技日报</a>`, sina-style).
SOURCE_TABLE = MarkTable.of((
    ("source", r"\bclass=(?:\S+\s)*?(?:article-|art-|news-)?source(?:-name)?(?=\s|$)"),
), needles=("source",))
# Agencies named in datelines and credit lines -> the name recorded as `source`.
AGENCIES: dict[str, str] = {
    "AP": "Associated Press", "Associated Press": "Associated Press", "Reuters": "Reuters",
    "AFP": "Agence France-Presse", "Agence France-Presse": "Agence France-Presse",
    "Bloomberg": "Bloomberg", "UPI": "United Press International", "PA": "PA Media",
    "新华社": "新华社", "中新社": "中新社", "中新网": "中新网",
}
DATELINE_RE = re.compile(r"\((AP|Reuters|AFP|Bloomberg|UPI)\)\s*[—–-]")
CREDIT_RE = re.compile(r"(?:,|\||—|-)\s*(Associated Press|Reuters|Agence France-Presse|Bloomberg)\b")


# Lower-case words that belong inside names ("Ludwig van Beethoven", "Ana de Armas").
NAME_PARTICLES = frozenset({"de", "da", "di", "del", "van", "von", "der", "den", "la", "le", "bin", "al",
                            "el", "y", "dos", "das", "du", "ter", "ten"})
CJK_NAME = re.compile(r"[\u4e00-\u9fff·]{2,6}")
LATIN_NAME = re.compile(r"[^\W\d_][\w.'’ -]*")


def _person(name: str) -> str | None:
    """The name if it can be a person's: 2-6 Chinese characters, or capitalised words."""
    name = BY_PREFIX.sub("", name).strip(" ,.;:：|-–—()（）")
    if not name or len(name) > 40 or ORG_WORDS.search(name) or NOT_NAME.search(name):
        return None
    if any(ch.isdigit() for ch in name) or name.split()[0] in ("The", "A", "An", "Our"):
        return None
    if CJK.search(name):
        if not CJK_NAME.fullmatch(name):
            return None
    elif not LATIN_NAME.fullmatch(name) or not all(
        word[0].isupper() or word.lower() in NAME_PARTICLES for word in name.split()
    ):
        return None
    if name.isupper() and " " in name:  # AP style "JANE DOE"
        name = name.title()
    return name


def split_names(text: str) -> list[str]:
    """`By Jane Doe and John Roe` -> people; organisations and roles dropped."""
    text = BY_PREFIX.sub("", " ".join(text.split()))
    text = CREDIT_RE.sub("", text)
    out: list[str] = []
    for part in SPLIT_RE.split(text):
        name = _person(part)
        if name and name not in out:
            out.append(name)
    return out


def _zh_names(text: str) -> list[str]:
    out: list[str] = []
    if not holds_any(text, ZH_ROLE_NEEDLES):
        return out
    for m in ZH_BYLINE_RE.finditer(text):
        for name in re.split(r"[\s、，,]+", m.group(2)):
            if NOT_NAME.search(name):
                break  # the byline ended: "编辑 王五" names an editor, not an author
            if re.fullmatch(ZH_ROLE, name):
                continue
            person = _person(name)
            if person and person not in out:
                out.append(person)
    return out


def authors(view: PageView, *, header: str) -> Found[list[str]] | None:
    if view.ld_article is not None and view.ld_article.get("author") is not None:
        names = [
            n for raw in jsonld.names(view.ld_article.get("author"), view.ld, people_only=True)
            for n in split_names(raw)
        ]
        if names:
            return Found(names, "json-ld")
    for meta in AUTHOR_METAS:
        value = view.metas.get(meta)
        if value and not value.startswith(("http://", "https://", "/")):
            names = split_names(value)
            if names:
                return Found(names, f"meta:{meta}")
    for label, node in view.first_marked(BYLINE_TABLE):
        text = squash(node.text(separator=" ")) or ""
        names = (_zh_names(text) or split_names(text)) if len(text) < 120 else []
        if names:
            return Found(names, f"byline:{label}")
    names = _zh_names(header)
    if names:
        return Found(names, "text:byline")
    m = EN_BYLINE_LINE.search("\n" + header) if holds_any(header, ("By ",)) else None
    if m is not None:
        names = split_names(m.group(1))
        if names:
            return Found(names, "text:By")
    return None


def source(view: PageView, *, header: str) -> Found[str] | None:
    header = header or view.head_text(5000)
    m = SOURCE_RE.search(header) if holds_any(header, SOURCE_NEEDLES) else None
    if m is not None:
        return Found(m.group(1).strip("：:，,。⋅·•"), "text:来源")
    hit = view.meta(*SOURCE_METAS)
    if hit is not None:
        value = re.sub(r"^(?:来源|Source)\s*[:：]\s*", "", hit[0])
        if value:
            return Found(value, f"meta:{hit[1]}")
    for label, node in view.first_marked(SOURCE_TABLE):
        text = squash(node.text(separator=" ")) or ""
        text = re.sub(r"^(?:来源|Source)\s*[:：]\s*", "", text).strip(" ⋅·•|")
        # A node that also holds the date line or a label is a header line, not a name.
        if 2 <= len(text) <= 30 and not re.search(r"[:：]|\d{1,2}:\d{2}", text):
            return Found(text, f"dom:{label}")
    m = DATELINE_RE.search(header)
    if m is not None:
        return Found(AGENCIES[m.group(1)], "text:dateline")
    for label, node in islice(view.first_marked(BYLINE_TABLE), 4):
        credit = CREDIT_RE.search(node.text(separator=" "))
        if credit is not None:
            return Found(AGENCIES[credit.group(1)], f"byline:{label}")
    return None
