"""What kind of honouree a name is: person, organisation, project, community or other."""

from __future__ import annotations

import re

from scraper.facts import tables as t

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


def strip_person_title(name: str) -> tuple[str, bool]:
    """`志愿者张三` → (`张三`, True); names without a title come back unchanged."""
    tail = name.rsplit("的", 1)[-1] if "的" in name else name
    for title in sorted(t.ZH_PERSON_TITLES, key=len, reverse=True):
        if tail.startswith(title) and is_chinese_person(tail[len(title) :]):
            return tail[len(title) :], True
    if tail != name and is_chinese_person(tail):
        return tail, False
    return name, False


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


def english_kind(name: str, context: str = "") -> str:
    """Kind of an English name from its words (Foundation, Project, Village) or its shape."""
    words = set(_EN_TOKEN.findall(name))
    for word, kind in t.EN_KIND_WORDS:
        if word in words:
            return kind
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
