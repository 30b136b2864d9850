"""Honourees: award sentences and lists, merged, linked to their passages, fields filled.

Order: (1) award sentences and lists give candidates; (2) each heading that names a
candidate opens its passage; (3) award sentences inside another honouree's passage are that
honouree's own further honours (the seed's `红领矫正模式入选…`), not new honourees; (4) prose
lines that mention exactly one honouree are its passage when it has no heading; (5) sponsor,
start date, place and aliases are read from the passage.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from schemas import Honouree
from scraper.facts import tables as t
from scraper.facts.kinds import place_prefix
from scraper.facts.lists import listed, serial_columns
from scraper.facts.passages import Line, passage_after
from scraper.facts.statements import Statement, chinese_statements, english_statements


@dataclass
class _Draft:
    name: str
    kind: str
    award: str | None
    offset: int
    place: str | None = None
    aliases: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    heading: bool = False
    statement_line: int = -1


@dataclass(frozen=True)
class Found:
    """Honourees, which honouree owns each line, and spans no figure may start in."""

    honourees: list[Honouree]
    owners: dict[int, str]
    protected: list[tuple[int, int]]


_CJK = re.compile(r"[\u4e00-\u9fff]")
_ZH_HINTS = ("评", "获", "入选", "入围", "荣膺", "当选", "上榜", "授予", "命名", "表彰")
_EN_HINTS = ("named", "award", "honor", "honour", "recogni", "presented", "won ", "received",
             "took home", "earned", "ecipients", "inners")
_GENERIC = frozenset(s for s, _ in t.ZH_KIND_SUFFIXES) | {"我们", "大家", "他们", "记者"}
_ZH_PROGRAMME = re.compile(rf"(?:{'|'.join(t.ZH_PROGRAMME_MARKERS)})")
_ZH_PROGRAMME_LEAD = re.compile(
    r"^.*?(?:组织开展了|组织开展|开展了|开展|举办了|举办|举行了|举行|公布了|公布)"
)
_EN_PROGRAMME = re.compile(
    r"\b((?:(?:19|20)\d{2}\s+)?(?:[A-Z][\w'’&.-]*\s+(?:(?:of|for|and|the|in)\s+)*){1,7}"
    r"(?:Awards|Prizes|Honors|Honours))\b"
)
_SPONSOR_ZH = re.compile(
    r"由([\u4e00-\u9fff“”（）()]{3,40}?)(?:于[^，。；]{2,14}?)?"
    r"(?:发起实施|发起|开始实施|创办|创立|成立|主办|牵头|运营|实施)"
)
_SPONSOR_EN = re.compile(
    r"\b(?:founded|launched|started|run|sponsored|created|organi[sz]ed|established)\s+by\s+"
    r"((?:the\s+)?[A-Z][\w'’&.-]*(?:\s+(?:of|for|and|the|&)?\s*[A-Z][\w'’&.-]*)*)"
)
_SINCE_ZH = re.compile(
    # 于2021年5月发起实施, (the verb without an object: 于2015年成立“红蚂蚁”队伍 is not it)
    r"于(\d{4})年(?:(\d{1,2})月)?(?:(\d{1,2})日)?(?:起|开始)?"
    r"(?:发起实施|开始实施|发起|启动|创办|创立|成立|实施|开展|组建)(?=[，。；,]|$)"
    # 成立于2008年
    r"|(?:成立|创办|创立|组建|始建|发起|启动)于(\d{4})年(?:(\d{1,2})月)?(?:(\d{1,2})日)?"
)
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
_SINCE_EN = re.compile(
    r"\b(?:founded|launched|started|established|created|began|opened)\s+(?:[a-z]+\s+){0,3}in\s+"
    r"(?:(January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"((?:19|20)\d{2})\b"
)
_CORPORATE = re.compile(r",?\s+(?:Co\.|Inc\.|Inc|LLC|Ltd\.?|Corp\.?|Company)$")
_YEAR_LEAD = re.compile(r"^(?:(?:19|20)\d{2}年(?:度)?|第[一二三四五六七八九十\d]+届)")
_QUOTED = re.compile(r"“([^”]{1,20})”")
_CONTINUES = re.compile(
    r"^(?:该|她|他|其|They |She |He |It |Her |His |Their |Its |The (?:group|organi[sz]ation|nonprofit|"
    r"company|firm|practice|brewery|pantry|program|project|chapter|club|team|center|centre|shop|"
    r"store|restaurant|school|clinic|charity|foundation)\b)"
)


@dataclass(frozen=True)
class Hints:
    """Award words present in a body: the cheap test before any sentence is read."""

    zh: tuple[str, ...]
    en: tuple[str, ...]

    @classmethod
    def of(cls, body: str) -> Hints:
        zh = tuple(h for h in _ZH_HINTS if h in body) if _CJK.search(body, 0, 2000) else ()
        return cls(zh, tuple(h for h in _EN_HINTS if h in body))

    def __bool__(self) -> bool:
        return bool(self.zh or self.en)


NOTHING = Found([], {}, [])


def _lines_with(body: str, starts: list[int], hints: tuple[str, ...]) -> set[int]:
    """The indexes of the lines (starting at `starts`, split at line breaks) holding a hint.

    One scan of the body per hint, each occurrence placed by bisection, instead of a test of
    every hint on every line (no hint holds a line break, so each occurrence lies in one line).
    """
    found: set[int] = set()
    for hint in hints:
        at = body.find(hint)
        while at >= 0:
            found.add(bisect_right(starts, at) - 1)
            at = body.find(hint, at + 1)
    return found


def find_honourees(body: str, lines: list[Line], hints: Hints | None = None) -> Found:
    """Every honouree of the body, line owners for figures, and protected spans."""
    statements: list[tuple[Statement, Line]] = []
    # cheap substring gates first: most lines of most pages name no award
    hints = hints if hints is not None else Hints.of(body)
    starts = [line.start for line in lines] if hints and lines else []
    zh_lines = _lines_with(body, starts, hints.zh) if starts else set()
    en_lines = _lines_with(body, starts, hints.en) if starts else set()
    for index in sorted(zh_lines | en_lines):
        line = lines[index]
        if line.is_heading or line.kind == "table_row" or not line.text:
            continue
        found: list[Statement] = []
        if index in zh_lines:
            found = chinese_statements(line.text, line.start)
        if index in en_lines:
            found += english_statements(line.text, line.start)
        if found:
            statements.extend((s, line) for s in found)
    protected = [s.award_span for s, _ in statements if s.award_span is not None]
    protected += [(s.offset, s.offset + len(s.name)) for s, _ in statements]
    drafts: dict[str, _Draft] = {}
    for s, line in statements:
        if s.name in _GENERIC or s.name in drafts:
            continue
        drafts[s.name] = _Draft(s.name, s.kind, s.award, s.offset, place=s.place, lines=[line],
                                statement_line=line.number)
    structured = [line for line in lines if line.kind in ("heading", "table_row")]
    items = listed(lines) if structured else []
    if not drafts and not items:
        return Found([], {}, protected + _serials(structured))
    programme, span = _programme(body)
    for item in items:
        if item.name not in drafts:
            drafts[item.name] = _Draft(item.name, item.kind, item.award or _title_of(programme),
                                       item.offset, place=item.place, lines=[item.line],
                                       statement_line=item.line.number)
        protected.append((item.offset, item.offset + len(item.name)))
    protected += _serials(structured)
    _link_headings(drafts, lines)
    _drop_nested(drafts)
    _link_prose(drafts, lines)
    if span is not None:
        protected.append(span)
    owners: dict[int, str] = {}
    honourees: list[Honouree] = []
    for draft in sorted(drafts.values(), key=lambda d: d.offset):
        for line in draft.lines:
            owners.setdefault(line.number, draft.name)
        honourees.append(_record(draft, programme))
    return Found(honourees, owners, protected)


def _serials(lines: list[Line]) -> list[tuple[int, int]]:
    """Serial numbers opening table rows (`1 | 张建国 | …`) are labels, not figures."""
    return [(line.start, line.start + len(line.cells[0])) for line in lines
            if line.kind == "table_row" and serial_columns(line.cells)]


def _link_headings(drafts: dict[str, _Draft], lines: list[Line]) -> None:
    for line in lines:
        if not line.is_heading:
            continue
        best = max(drafts.values(), key=lambda d: _similarity(d.name, line.text), default=None)
        if best is None or _similarity(best.name, line.text) < 0.5 or best.heading:
            continue
        best.heading = True
        best.lines = passage_after(lines, line)
        heading = line.text.strip()
        if heading != best.name and ":" not in heading and "：" not in heading:
            best.aliases.append(heading)


def _drop_nested(drafts: dict[str, _Draft]) -> None:
    """Award sentences inside another honouree's passage are that honouree's own honours."""
    owned = {line.number: d.name for d in drafts.values() if d.heading for line in d.lines}
    for name in list(drafts):
        draft = drafts[name]
        if draft.heading:
            continue
        if any(owned.get(line.number, name) != name for line in draft.lines):
            del drafts[name]


def _link_prose(drafts: dict[str, _Draft], lines: list[Line]) -> None:
    """Lines that mention exactly one honouree without a heading passage are its passage."""
    owned = {line.number for d in drafts.values() if d.heading for line in d.lines}
    keys = {d.name: _mention_keys(d) for d in drafts.values()}
    prose: dict[str, list[Line]] = {name: [] for name in drafts}
    previous: str | None = None
    for line in lines:
        if line.number in owned or line.is_heading or line.kind == "table_row":
            previous = None
            continue
        mentioned = [n for n, ks in keys.items() if any(k in line.text for k in ks)]
        if len(mentioned) > 1:
            # 陈国强退役后加入宁波市蓝天救援队…: the honouree that opens the line owns it
            opening = [n for n in mentioned if any(line.text.startswith(k) for k in keys[n])]
            mentioned = opening if len(opening) == 1 else mentioned
        if len(mentioned) == 1:
            previous = mentioned[0]
        elif not (previous and not mentioned and _CONTINUES.match(line.text)):
            previous = None
            continue
        if previous is not None and not drafts[previous].heading:
            prose[previous].append(line)
    for name, found in prose.items():
        draft = drafts[name]
        if not draft.heading:
            rows = [line for line in draft.lines if line.kind == "table_row"]
            draft.lines = rows + found


def _mention_keys(draft: _Draft) -> list[str]:
    keys = [draft.name, *draft.aliases]
    if draft.kind == "person" and " " in draft.name:
        keys.append(draft.name.split()[-1])
    short = _CORPORATE.sub("", draft.name)
    if short != draft.name and " " in short:
        keys.append(short)  # Harbor Point Brewing Co. → Harbor Point Brewing
    return keys


def _title_of(programme: str | None) -> str | None:
    """The title a programme confers (`2025年度X示范社区` → `X示范社区`), for lists without one."""
    if programme is None or not any("\u4e00" <= ch <= "\u9fff" for ch in programme):
        return None
    return _YEAR_LEAD.sub("", programme) or None


def _similarity(name: str, heading: str) -> float:
    heading = heading.strip()
    if name in heading or heading in name:
        return 1.0
    quoted = set(_QUOTED.findall(name))
    if quoted and quoted & set(_QUOTED.findall(heading)):
        return 0.9
    a, b = _bigrams(name), _bigrams(heading)
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _programme(body: str) -> tuple[str | None, tuple[int, int] | None]:
    head = body[:3000]
    m = _ZH_PROGRAMME.search(head) if _CJK.search(head) else None
    if m:
        begin = max(head.rfind(ch, 0, m.start()) for ch in "，。；：\n") + 1
        clause = head[begin : m.start()]
        lead = _ZH_PROGRAMME_LEAD.match(clause)
        if lead:
            begin += lead.end()
        text = head[begin : m.start()].strip()
        if 2 <= len(text) <= 60:
            return text, (begin, m.start())
    en = _EN_PROGRAMME.search(head) if any(w in head for w in ("Award", "Prize", "Hono")) else None
    if en:
        return en.group(1), (en.start(1), en.end(1))
    return None, None


def _record(draft: _Draft, programme: str | None) -> Honouree:
    # the passage about it: its lines, less the award sentence or list item that names it
    description = "\n".join(
        line.text for line in draft.lines if line.number != draft.statement_line
    )
    passage = "\n".join(line.text for line in draft.lines)
    aliases = list(draft.aliases)
    for quoted in _QUOTED.findall(draft.name):
        short = re.search(rf"“{re.escape(quoted)}”(项目|社区|团队|活动)", passage)
        if short and short.group() not in (draft.name, *aliases):
            aliases.append(short.group())
    return Honouree(
        name=draft.name,
        aliases=aliases,
        kind=draft.kind,
        award=draft.award or None,
        programme=programme,
        sponsor=_sponsor(passage) if draft.heading or draft.kind != "person" else None,
        place=draft.place or _place(draft),
        since=_since(passage) if draft.kind != "person" else None,
        description=description or None,
    )


def _sponsor(passage: str) -> str | None:
    m = _SPONSOR_ZH.search(passage)
    if m:
        return m.group(1)
    en = _SPONSOR_EN.search(passage)
    if en:
        return re.sub(r"^the\s+", "", en.group(1))
    return None


def _since(passage: str) -> str | None:
    m = _SINCE_ZH.search(passage)
    if m:
        year, month, day = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(4, 5, 6)
        out = year
        if month:
            out += f"-{int(month):02d}"
            if day:
                out += f"-{int(day):02d}"
        return out
    en = _SINCE_EN.search(passage)
    if en:
        month = _MONTHS.get((en.group(1) or "").lower())
        return f"{en.group(2)}-{month:02d}" if month else en.group(2)
    return None


def _place(draft: _Draft) -> str | None:
    for name in (draft.name, *draft.aliases):
        place = place_prefix(name)
        if place:
            return place
    return None
