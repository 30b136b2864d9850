"""Award sentences: who received which award (`A、B被评为“X”`, `A and B were named X`).

Each finder returns `Statement`s: the honouree names as written, the award, and the span of
the award text (numerals inside an award's name are not figures: `入选…100例`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.facts import tables as t
from scraper.facts.kinds import (
    chinese_kind,
    english_kind,
    is_chinese_person,
    split_zh_subject,
    strip_person_title,
)
from scraper.facts.scanner import alt


@dataclass(frozen=True)
class Statement:
    """One honouree named by one award sentence."""

    name: str
    kind: str
    award: str | None
    offset: int  # where the name stands in the body
    award_span: tuple[int, int] | None
    place: str | None = None


# --- Chinese ---------------------------------------------------------------------------
_ZH_SENTENCE = re.compile(r"[^。！？；;!?\n]+")
_ZH_VERB = re.compile(alt(t.ZH_AWARD_VERBS))
_ZH_GRANT = re.compile(rf"(?:{alt(t.ZH_GRANT_VERBS)})(?:给|了)?")
_ZH_TAIL = re.compile(rf"(?:{alt(t.ZH_AWARD_TAILS)})")
_ZH_CLAUSE_END = "，,。；;！？!?\n"
_ZH_LEAD = re.compile(
    r"^(?:其中|此外|另外|同时|近日|日前|最终|今年|去年|本次|此次|这次|今天|昨天|记者获悉|据悉)[，,]?"
)
_ZH_TRAIL = re.compile(
    r"(?:等\s*[\d一二两三四五六七八九十百]+\s*(?:名|个|家|位|人|户|支)[\u4e00-\u9fff]{0,4}"
    r"|等|分别|均|也|还|都|共同|同时|先后|一起|正式|再次|首次|成功|顺利|已经|已|最终|又)$"
)
# a clause, not a name: digits, brackets, or verbs and particles (王小云是继姚期智(2010年)
_ZH_NOT_NAME = re.compile(r"[\d()（）]|[是了在将把对向从]|预计|表示|认为|公布|宣布")
_ZH_PRONOUN = re.compile(r"^(?:该|其|他|她|它|我|本|此|这|那|上述|以上|各|全)")
# a count as subject (宁波5个先进典型上榜); a lone 一 is an article (李建华一家)
_ZH_COUNT = re.compile(
    r"(?:\d+|[一二两三四五六七八九十百千万]{2,}|[二两三四五六七八九十百千万])\s*(?:个|家|名|位|人|户|支|项|所)"
)
_ZH_AND = re.compile(r"以及|和|及|与")
_NEEDS_TAIL = frozenset(("获", "获得", "荣获"))


def chinese_statements(text: str, start: int = 0) -> list[Statement]:
    """Honourees of the Chinese award sentences in `text` (offsets shifted by `start`)."""
    found: list[Statement] = []
    for sentence in _ZH_SENTENCE.finditer(text):
        s = sentence.group()
        base = start + sentence.start()
        for verb in _ZH_VERB.finditer(s):
            award = _zh_award(s, verb.end(), verb.group())
            if award is None:
                continue
            title, span = award
            clause_start = max(s.rfind(ch, 0, verb.start()) for ch in "，,：:") + 1
            subject = s[clause_start : verb.start()]
            subject_offset = base + clause_start
            for name, offset in _zh_subjects(subject):
                bare, titled, place = split_zh_subject(name)
                if _ZH_NOT_NAME.search(bare):
                    continue
                shift = name.rfind(bare) if bare != name else 0
                found.append(Statement(bare, chinese_kind(bare, titled=titled), title,
                                       subject_offset + offset + shift,
                                       (base + span[0], base + span[1]), place))
        found.extend(_zh_grants(s, base))
    return found


def _zh_award(s: str, pos: int, verb: str) -> tuple[str, tuple[int, int]] | None:
    """The award after a verb, and its span: a quoted title, or text to the clause end."""
    while pos < len(s) and s[pos] in "了为":
        pos += 1
    if s.startswith("的", pos):
        return None  # 入选的社区分别是: not an award
    if s.startswith("“", pos):
        close = s.find("”", pos)
        if close > pos + 1:
            after = close + 1
            tail = _ZH_TAIL.match(s, after)
            if tail:
                after = tail.end()
            if after >= len(s) or s[after] in _ZH_CLAUSE_END:
                if verb in _NEEDS_TAIL and tail is None:
                    return None
                return s[pos + 1 : close], (pos, after)
    end = pos
    while end < len(s) and s[end] not in _ZH_CLAUSE_END:
        end += 1
    title = s[pos:end].strip()
    if not title or len(title) > 40:
        return None
    tail = _ZH_TAIL.search(title)
    if verb in _NEEDS_TAIL and (tail is None or not title.endswith(tail.group())):
        return None
    if title.endswith("称号") and len(title) > 2:
        title = title[: -len("荣誉称号") if title.endswith("荣誉称号") else -2].strip("“”")
    return title, (pos, end)


def _zh_subjects(subject: str) -> list[tuple[str, int]]:
    """Coordinated subjects (`A、B`, `A社区和B社区`) with their offsets in `subject`."""
    lead = _ZH_LEAD.match(subject)
    offset = lead.end() if lead else 0
    body = subject[offset:]
    body = _ZH_TRAIL.sub("", body.rstrip("被"))
    parts: list[tuple[str, int]] = []
    for piece, at in _split_outside_quotes(body, "、"):
        parts.extend(_split_and(piece, at))
    names: list[tuple[str, int]] = []
    for name, at in parts:
        clean = _ZH_TRAIL.sub("", name.strip())
        if len(clean) < 2 or len(clean) > 50 or _ZH_PRONOUN.match(clean) or _ZH_COUNT.search(clean):
            continue
        names.append((clean, offset + at + name.find(clean)))
    return names


def _split_outside_quotes(text: str, sep: str) -> list[tuple[str, int]]:
    parts: list[tuple[str, int]] = []
    depth = 0
    begin = 0
    for i, ch in enumerate(text):
        if ch in "“《「(（":
            depth += 1
        elif ch in "”》」)）":
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            parts.append((text[begin:i], begin))
            begin = i + 1
    parts.append((text[begin:], begin))
    return parts


def _split_and(piece: str, at: int) -> list[tuple[str, int]]:
    """Split on 和/及/与 only when the left side is a whole name (…社区和…社区)."""
    for m in _ZH_AND.finditer(piece):
        left, right = piece[: m.start()], piece[m.end() :]
        if left and right and _complete(left) and _complete(right):
            return [(left, at), (right, at + m.end())]
    return [(piece, at)]


def _complete(name: str) -> bool:
    bare, titled = strip_person_title(name)
    return titled or chinese_kind(bare) != "other"


def _zh_grants(s: str, base: int) -> list[Statement]:
    """`授予张三、李四“全国劳动模范”称号`: the honourees follow the verb."""
    out: list[Statement] = []
    for verb in _ZH_GRANT.finditer(s):
        quote = s.find("“", verb.end())
        if quote < 0:
            continue
        close = s.find("”", quote)
        tail = _ZH_TAIL.match(s, close + 1) if close > 0 else None
        if close < 0 or tail is None:
            continue
        names = s[verb.end() : quote]
        for name, at in _zh_subjects(names):
            bare, titled = strip_person_title(name)
            out.append(Statement(bare, chinese_kind(bare, titled=titled), s[quote + 1 : close],
                                 base + verb.end() + at + name.find(bare),
                                 (base + quote, base + tail.end())))
    return out


# --- English ---------------------------------------------------------------------------
_EN_BREAK = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[\"“A-Z])")
_ABBREVIATIONS = ("Dr.", "Mr.", "Mrs.", "Ms.", "St.", "Jr.", "Sr.", "Inc.", "Co.", "No.", "Prof.", "Rev.")
_EN_VERB = re.compile(rf"\b(?:{alt(t.EN_AWARD_VERBS)})\b")
_CAP = r"(?:[A-Z][\w'’&.-]*|(?:19|20)\d{2})"
_CONNECT = r"(?:of|for|the|and|in|on|at|&|de|la|van|von)"
_NAME = rf"{_CAP}(?:\s+(?:{_CONNECT}\s+)*{_CAP})*"
_NAME_AT_END = re.compile(rf"({_NAME})\s*$")
_NAME_BEFORE_APPOSITIVE = re.compile(rf"({_NAME})\s*,[^,]{{1,80}},\s*$")
_PLURAL_AT_END = re.compile(rf"((?:{_NAME}\s*,\s*)*{_NAME}(?:\s*,)?\s+and\s+{_NAME})\s*$")
_AWARD_START = re.compile(r"^\s*(?:(?:the|a|an|this year's|this year’s|its|their|his|her|as|with)\s+)*")
_AWARD = re.compile(rf"^[\"“]([^\"”]{{2,80}})[\"”]|^({_NAME})")
_LEADING_ARTICLE = re.compile(r"^(?:The|A|An)\s+")
_EN_FROM = re.compile(r",[^,]*\bfrom ([A-Z][a-z]+(?: [A-Z][a-z]+)?),\s*$")
_SUBJECT_WINDOW = 240
_RESPECTIVE_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_LIST_ITEM = re.compile(rf"^\s*(?:the\s+)?({_NAME})\s*(?:\([^)]*\))?\s*[.;]?\s*$")
_ABBREVIATION_END = re.compile(r"\b(?:Co|Inc|Ltd|Corp|Jr|Sr|St)\.$")
_LIST_INTRO = re.compile(
    r"\b(?:[Rr]ecipients|[Hh]onou?rees|[Ww]inners|[Aa]wardees)\s+(?:include|included|are|were)\s*:?\s+"
)


def english_statements(text: str, start: int = 0) -> list[Statement]:
    """Honourees of the English award sentences in `text` (offsets shifted by `start`)."""
    found: list[Statement] = []
    for at, s in _en_sentences(text):
        base = start + at
        for verb in _EN_VERB.finditer(s):
            award = _en_award(s, verb.end())
            if award is None:
                continue
            title, span = award
            plural = verb.group().startswith("were")
            # names stand just before the verb; a bounded window keeps the end-anchored
            # patterns linear on hostile input (a 50 KB run of capitalised words)
            cut = max(0, verb.start() - _SUBJECT_WINDOW)
            left = s[cut : verb.start()]
            place = _EN_FROM.search(left)
            names = [(name, cut + at) for name, at in _en_subjects(left, plural=plural)]
            titles = [title] * len(names)
            if plural and "respectively" in s[span[1] :]:
                parts = _RESPECTIVE_SPLIT.split(title)  # A and B were named X and Y, respectively
                titles = parts if len(parts) == len(names) else titles
            for (name, offset), own in zip(names, titles, strict=True):
                found.append(Statement(name, english_kind(name, s, own), own, base + offset,
                                       (base + span[0], base + span[1]),
                                       place.group(1) if place and not plural else None))
        intro = _LIST_INTRO.search(s)
        if intro:
            for name, offset in _en_list(s, intro.end()):
                found.append(Statement(name, english_kind(name, s), None, base + offset, None))
    return found


def _en_sentences(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    begin = 0
    for m in _EN_BREAK.finditer(text):
        if text[: m.start()].endswith(_ABBREVIATIONS):
            continue
        out.append((begin, text[begin : m.start()]))
        begin = m.end()
    out.append((begin, text[begin:]))
    return out


def _en_award(s: str, pos: int) -> tuple[str, tuple[int, int]] | None:
    lead = _AWARD_START.match(s[pos:])
    begin = pos + (lead.end() if lead else 0)
    m = _AWARD.match(s[begin:])
    if not m:
        return None
    title = (m.group(1) or m.group(2)).strip()
    if title.endswith(".") and not title.endswith(_ABBREVIATIONS):
        title = title[:-1]
    if len(title) < 4 or title.split()[0] in ("The", "In", "On", "At"):
        return None
    return title, (begin, begin + m.end())


def _en_subjects(left: str, *, plural: bool) -> list[tuple[str, int]]:
    stripped = left.rstrip()
    m = _NAME_BEFORE_APPOSITIVE.search(stripped) or _NAME_AT_END.search(stripped)
    if not m:
        return []
    if not plural:
        name = _LEADING_ARTICLE.sub("", m.group(1))
        return [(name, m.start(1) + (len(m.group(1)) - len(name)))]
    # A, B and C were named: the coordinated names just before the verb
    group = _PLURAL_AT_END.search(stripped)
    if not group:
        name = _LEADING_ARTICLE.sub("", m.group(1))
        return [(name, m.start(1) + (len(m.group(1)) - len(name)))]
    names: list[tuple[str, int]] = []
    at = group.start(1)
    for part in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", group.group(1)):
        clean = _LEADING_ARTICLE.sub("", part.strip())
        if not clean:
            continue
        pos = stripped.find(clean, at)
        names.append((clean, pos))
        at = pos + len(clean)
    return names


def _en_list(s: str, pos: int) -> list[tuple[str, int]]:
    """`Recipients include A, B and the C Club.`: one name per item."""
    out: list[tuple[str, int]] = []
    at = pos
    for part in _LIST_SPLIT.split(s[pos:]):
        begin = s.find(part, at)
        at = begin + len(part)
        item = _LIST_ITEM.match(part)
        if item and not _ABBREVIATION_END.search(item.group(1)):
            name = item.group(1).rstrip(".")
        elif item:
            name = item.group(1)
        else:
            continue
        out.append((name, begin + item.start(1)))
    return out


def is_person_like(name: str) -> bool:
    """For callers outside: a Chinese personal name or an English person-shaped name."""
    return is_chinese_person(name) or english_kind(name) == "person"
