"""What kind of honouree a name is: person, organisation, project, community or other."""

from __future__ import annotations

import re

from scraper.facts import tables as t

_AFFILIATIONS = tuple(s for s, kind in t.ZH_KIND_SUFFIXES if kind == "organisation" and len(s) >= 1)
_ORG_AWARD = re.compile(r"Nonprofit|Business|Organi[sz]ation|Employer|Company|Charity|Agency")
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_EN_TOKEN = re.compile(r"[A-Za-z][\w.'&-]*")
_EN_PERSON = re.compile(
    r"^(?:(?:Dr|Mr|Mrs|Ms|Prof|Rev)\.\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2}$"
)


def is_chinese_person(name: str) -> bool:
    """A personal name: 2-4 Han characters starting with a common surname, or `欧阳X`."""
    if not _HAN_NAME.match(name):
        return False
    if name[:2] in t.ZH_COMPOUND_SURNAMES:
        return len(name) <= 4
    return name[0] in t.ZH_SURNAMES and len(name) <= 3


# An administrative place at the start of a name: 宁波市, 鄞州区潘火街道, 余姚市梁弄镇.
PLACE_ZH = re.compile(
    r"^((?:[\u4e00-\u9fff]{2,6}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,6}?市)?"
    r"(?:[\u4e00-\u9fff]{1,6}?(?<![社小园])(?:区|县))?(?:[\u4e00-\u9fff]{2,6}?(?:街道|镇|乡))?)"
)


def place_prefix(text: str) -> str | None:
    """The administrative place a Chinese name starts with, if it starts with one."""
    m = PLACE_ZH.match(text)
    return m.group(1) if m and m.group(1) and len(m.group(1)) < len(text) else None


def is_place(text: str) -> bool:
    """Whether `text` is a whole administrative place (鄞州区潘火街道)."""
    m = PLACE_ZH.match(text)
    return bool(m and m.group(1) == text)


def split_zh_subject(text: str) -> tuple[str, bool, str | None]:
    """`奉化区退休教师周玉兰` → (`周玉兰`, titled, `奉化区`); `X街道的Y一家` → (`Y一家`, False, `X街道`)."""
    if "的" in text:
        head, tail = text.rsplit("的", 1)
        if is_place(head) and tail:
            bare, titled, _ = split_zh_subject(tail)
            return bare, titled, head
    for title in sorted(t.ZH_PERSON_TITLES, key=len, reverse=True):
        at = text.find(title)
        while at >= 0:
            rest = text[at + len(title) :]
            if is_chinese_person(rest):
                # a place before the title is where they are; anything else is an affiliation
                return rest, True, text[:at] if at and is_place(text[:at]) else None
            at = text.find(title, at + 1)
    # 北京生命科学研究所邵峰: an organisation, then a personal name
    for size in (3, 2):
        head, tail = text[:-size], text[-size:]
        if len(head) >= 2 and is_chinese_person(tail) and head.endswith(_AFFILIATIONS):
            return tail, True, None
    return text, False, None


def strip_person_title(name: str) -> tuple[str, bool]:
    """`志愿者张三` → (`张三`, True); names without a title come back unchanged."""
    bare, titled, _ = split_zh_subject(name)
    return bare, titled


def chinese_kind(name: str, *, titled: bool = False) -> str:
    """Kind of a Chinese name from its ending (…项目, …社区, …大队) or a personal name."""
    if titled:
        return "person"
    for suffix, kind in t.ZH_KIND_SUFFIXES:
        if len(suffix) >= 2 and name.endswith(suffix):
            return kind
    if is_chinese_person(name):
        return "person"
    for suffix, kind in t.ZH_KIND_SUFFIXES:
        if len(suffix) == 1 and name.endswith(suffix):
            return kind
    return "other"


def english_kind(name: str, context: str = "", award: str = "") -> str:
    """Kind of an English name from its words (Foundation, Project, Village), its award, its shape."""
    words = set(_EN_TOKEN.findall(name))
    for word, kind in t.EN_KIND_WORDS:
        if word in words:
            return kind
    if _ORG_AWARD.search(award):
        return "organisation"  # Nonprofit of the Year, Small Business of the Year
    if _EN_PERSON.match(name):
        return "person"
    lowered = f" {context.lower()} "
    if any(hint.lower() in lowered for hint in t.EN_PERSON_HINTS) and len(words) <= 3:
        return "person"
    return "organisation" if len(words) >= 2 else "other"


def kind_of(name: str) -> str:
    """Kind of any name, Chinese or English."""
    if any("\u4e00" <= ch <= "\u9fff" for ch in name):
        bare, titled = strip_person_title(name)
        return chinese_kind(bare, titled=titled)
    return english_kind(name)
