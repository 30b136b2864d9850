"""Honourees given as a list or a table under a heading (`Honorees`, `…名单`).

Table rows are lines whose cells are joined by " | " (the body renders table_row blocks so)
or a tab. A header row names the columns (`姓名 | 工作单位`, `Name | Award`); without one
the first non-numeric cell is the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.facts import tables as t
from scraper.facts.kinds import kind_of, strip_person_title
from scraper.facts.passages import Line


@dataclass(frozen=True)
class Listed:
    """An honouree from a list item or table row."""

    name: str
    kind: str
    award: str | None
    place: str | None
    line: Line
    offset: int


_SEPARATORS = re.compile(r"\s+[—–-]\s+|\s*[:：]\s*|\s*[,，]\s*|\s*[（(]")
_AWARD_WORDS = re.compile(
    r"Award|Prize|Medal|of the Year|Honou?r|Achievement|Leadership|Scholarship|Fellowship|"
    r"奖|称号|模范|先进|标兵|能手|最美|道德|文明|示范"
)
_LIST_HEADING_END = re.compile(r"(?:拟表彰|表彰|获奖|入选|公示)?名单(?:[（(].*[）)])?$")
_EN_HEADING_LEAD = re.compile(r"^(?:(?:19|20)\d{2}\s+|the\s+|this year['’]s\s+)+")
_CLASS_YEAR = re.compile(r"\s+[’']\d{2}$")
_NAME_END = re.compile(r"\s*[,，]\s*|\s+[—–-]\s+|\s*[（(]")
_SERIAL = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[.、]?$")
_HEADING_SUFFIX = re.compile(r"(?:[（(][^）)]*[）)])+$")


def is_list_heading(text: str) -> bool:
    """`Honorees`, `2025 Winners`, `浙江省劳动模范名单`: a heading that opens a list."""
    lowered = _EN_HEADING_LEAD.sub("", text.strip().rstrip(":：").lower())
    if lowered in t.EN_LIST_HEADINGS:
        return True
    return bool(_LIST_HEADING_END.search(text.strip().rstrip(":：")))


def heading_award(text: str) -> str | None:
    """The award a list heading names (`浙江省劳动模范名单` → `浙江省劳动模范`), else None."""
    stripped = _HEADING_SUFFIX.sub("", text.strip().rstrip(":："))
    award = _LIST_HEADING_END.sub("", stripped).strip()
    award = re.sub(r"^(?:19|20)\d{2}年(?:度)?", "", award)
    if not award or not _AWARD_WORDS.search(award):
        return None  # 2025 Honorees, 宁波市入选社区名单: no title named
    if any(award.lower().endswith(h) for h in t.EN_LIST_HEADINGS):
        return None
    return award


def listed(lines: list[Line]) -> list[Listed]:
    """Honourees in tables with a name column, and in lists under a list heading."""
    out: list[Listed] = []
    award: str | None = None
    in_list = False
    columns: dict[str, int] | None = None
    for line in lines:
        if line.is_heading:
            in_list = is_list_heading(line.text)
            award = heading_award(line.text) if in_list else None
            columns = None
            continue
        if line.kind == "table_row":
            cells = line.cells
            header = _header(cells)
            if header is not None:
                columns = header
                continue
            if columns is not None or in_list:
                item = _row(line, cells, columns or {}, award)
                if item is not None:
                    out.append(item)
            continue
        columns = None
        if in_list and (line.kind == "list_item" or (
                line.kind == "paragraph" and len(line.text) <= 60 and not line.text.endswith((".", "。")))):
            item = _item(line, award)
            if item is not None:
                out.append(item)
    return out


_HEADER_ROLES_ORDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", t.NAME_HEADERS), ("award", t.AWARD_HEADERS), ("place", t.PLACE_HEADERS),
    ("unit", t.UNIT_HEADERS), ("serial", ("序号", "no.", "#", "编号")),
)


# Each header cell text and the roles it names, in the order above: one dict look-up per
# cell instead of a scan of every role's tuple (tables with many rows test every row).
_HEADER_ROLES: dict[str, tuple[str, ...]] = {
    name: tuple(role for role, names in _HEADER_ROLES_ORDER if name in names)
    for _, names in _HEADER_ROLES_ORDER for name in names
}


def _header(cells: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        for role in _HEADER_ROLES.get(cell.lower(), ()):
            if role not in columns:
                columns[role] = i
    return columns if "name" in columns else None


def serial_columns(cells: list[str]) -> bool:
    """Whether a row starts with a serial number (protected from figures)."""
    return bool(cells) and bool(_SERIAL.match(cells[0]))


def _row(line: Line, cells: list[str], columns: dict[str, int], award: str | None) -> Listed | None:
    index = columns.get("name")
    if index is None:
        index = next((i for i, c in enumerate(cells) if c and not _SERIAL.match(c)), None)
    if index is None or index >= len(cells) or not cells[index]:
        return None
    name = cells[index]
    own_award = cells[columns["award"]] if "award" in columns and columns["award"] < len(cells) else None
    place = cells[columns["place"]] if "place" in columns and columns["place"] < len(cells) else None
    bare, _ = strip_person_title(name)
    offset = line.start + _cell_offset(line.text, cells, index)
    return Listed(bare, kind_of(name), own_award or award, place or None, line, offset)


def _cell_offset(text: str, cells: list[str], index: int) -> int:
    at = 0
    for i, cell in enumerate(cells):
        at = text.find(cell, at)
        if i == index:
            return at
        at += len(cell)
    return 0


def _item(line: Line, award: str | None) -> Listed | None:
    text = line.text.strip()
    sep = _SEPARATORS.search(text)
    if sep is None:
        text = _CLASS_YEAR.sub("", text)
        if len(text) > 40:
            return None
        return Listed(text, kind_of(text), award, None, line, line.start + line.text.find(text))
    left, right = text[: sep.start()].strip(), text[sep.end() :].strip().rstrip("）)")
    if _AWARD_WORDS.search(left) and not _AWARD_WORDS.search(right):
        name, own, at = right, left, line.text.find(right)
    else:
        name, own, at = left, right, line.text.find(left)
        own = own if _AWARD_WORDS.search(own) else ""
    name = _CLASS_YEAR.sub("", _NAME_END.split(name)[0].strip())
    if not name or len(name) > 60:
        return None
    bare, _ = strip_person_title(name)
    return Listed(bare, kind_of(name), own or award, None, line, line.start + at + name.find(bare))
