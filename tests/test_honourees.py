"""Honourees: award sentences in Chinese and English, lists, tables, kinds and passage fields."""

from __future__ import annotations

import pytest

from schemas import Block, Honouree
from scraper.facts import extract_facts, honourees, lists
from scraper.facts import tables as t
from scraper.facts.kinds import chinese_kind, english_kind, split_zh_subject
from scraper.facts.passages import split_lines


def _honourees(body: str, blocks: list[Block] | None = None) -> list[Honouree]:
    return extract_facts(body, blocks or [], language=None).honourees


def _names(body: str) -> list[tuple[str, str, str | None]]:
    return [(h.name, h.kind, h.award) for h in _honourees(body)]


ZH_SENTENCES = [
    ("其中，鄞州区潘火街道香园社区被评为“最美志愿服务社区”。", [("鄞州区潘火街道香园社区", "community", "最美志愿服务社区")]),
    ("宁波市红十字会评为“先进集体”。", [("宁波市红十字会", "organisation", "先进集体")]),
    ("象山县石浦镇获评“全国文明村镇”。", [("象山县石浦镇", "community", "全国文明村镇")]),
    ("志愿者张三荣获“全国优秀志愿者”称号。", [("张三", "person", "全国优秀志愿者")]),
    ("李四获得“浙江省劳动模范”称号。", [("李四", "person", "浙江省劳动模范")]),
    ("“邻里守望”项目入选“全国百佳志愿服务项目”。", [("“邻里守望”项目", "project", "全国百佳志愿服务项目")]),
    ("海曙区蓝青小学上榜“全国文明校园”。", [("海曙区蓝青小学", "organisation", "全国文明校园")]),
    ("大会授予王五、赵六“全国劳动模范”称号。", [("王五", "person", "全国劳动模范"), ("赵六", "person", "全国劳动模范")]),
    ("江北区庄桥街道被命名为“全国综合减灾示范社区”。", [("江北区庄桥街道", "community", "全国综合减灾示范社区")]),
    ("宁波市第一医院荣膺“全国文明单位”。", [("宁波市第一医院", "organisation", "全国文明单位")]),
    ("民警孙七当选“宁波好人”。", [("孙七", "person", "宁波好人")]),
    ("慈溪市爱心协会被授予“五星级志愿服务组织”称号。", [("慈溪市爱心协会", "organisation", "五星级志愿服务组织")]),
    ("其中，甲村和乙村被评为“美丽乡村”。", [("甲村", "community", "美丽乡村"), ("乙村", "community", "美丽乡村")]),
]


@pytest.mark.parametrize(("body", "expected"), ZH_SENTENCES, ids=[b[:12] for b, _ in ZH_SENTENCES])
def test_zh_award_sentence(body: str, expected: list[tuple[str, str, str]]) -> None:
    """Each Chinese award pattern names its honourees, kinds and award."""
    assert _names(body) == expected


@pytest.mark.parametrize("verb", t.ZH_AWARD_VERBS, ids=t.ZH_AWARD_VERBS)
def test_every_zh_award_verb(verb: str) -> None:
    """Every verb of the Chinese award-verb table names an honouree."""
    body = f"宁波市海曙区南门街道尹江岸社区{verb}“全国示范社区”称号。"
    assert _names(body) == [("宁波市海曙区南门街道尹江岸社区", "community", "全国示范社区")]


EN_SENTENCES = [
    ("Maria Lopez was named Volunteer of the Year.", [("Maria Lopez", "person", "Volunteer of the Year")]),
    ("Maria Lopez and James Chen were named Volunteers of the Year.",
     [("Maria Lopez", "person", "Volunteers of the Year"), ("James Chen", "person", "Volunteers of the Year")]),
    ("Riverside Food Bank was awarded the Community Impact Award.",
     [("Riverside Food Bank", "organisation", "Community Impact Award")]),
    ("Dayton Bike Works won the Green Business Award last year.",
     [("Dayton Bike Works", "organisation", "Green Business Award")]),
    ("Jaylen Brooks, a senior at Belmont High School, received the Youth Service Award.",
     [("Jaylen Brooks", "person", "Youth Service Award")]),
    ("Dr. Angela Reyes was honored with the Distinguished Alumni Award.",
     [("Dr. Angela Reyes", "person", "Distinguished Alumni Award")]),
    ("Hope Kitchen was honored as Nonprofit of the Year.", [("Hope Kitchen", "organisation", "Nonprofit of the Year")]),
    ("Recipients include Ana Silva, Tom Baker and the Lakeside Rotary Club.",
     [("Ana Silva", "person", None), ("Tom Baker", "person", None), ("Lakeside Rotary Club", "organisation", None)]),
]


@pytest.mark.parametrize(("body", "expected"), EN_SENTENCES, ids=[b[:24] for b, _ in EN_SENTENCES])
def test_en_award_sentence(body: str, expected: list[tuple[str, str, str | None]]) -> None:
    """Each English award pattern names its honourees, kinds and award."""
    assert _names(body) == expected


@pytest.mark.parametrize("verb", t.EN_AWARD_VERBS, ids=t.EN_AWARD_VERBS)
def test_every_en_award_verb(verb: str) -> None:
    """Every verb of the English award-verb table names an honouree."""
    subject = "Ana Silva and Tom Baker" if verb.startswith("were") else "Ana Silva"
    names = _names(f"{subject} {verb} the Lifetime Service Award.")
    assert names[0] == ("Ana Silva", "person", "Lifetime Service Award")


NOT_HONOUREES = [
    "宁波5个先进典型上榜。", "记者今天从市委社会工作部获悉，活动圆满结束。", "该项目获2024年度全省大赛金奖。",
    "The team won the game 3-2 on Sunday.", "She received a call from the mayor.",
    "The city was named after a river.", "He earned a degree in 2010.",
]


@pytest.mark.parametrize("body", NOT_HONOUREES, ids=NOT_HONOUREES)
def test_not_an_honour(body: str) -> None:
    """Counts, pronoun subjects, games, calls and namesakes are no honourees."""
    assert _honourees(body) == []


def test_list_under_heading() -> None:
    """Items under an `Honorees` heading: name, then award after a dash or colon."""
    body = "The winners were announced.\nHonorees\nAna Silva — Volunteer of the Year\nLifetime Achievement Award: Tom Baker"
    blocks = [Block(kind="paragraph", text="The winners were announced."), Block(kind="heading", text="Honorees"),
              Block(kind="list_item", text="Ana Silva — Volunteer of the Year"),
              Block(kind="list_item", text="Lifetime Achievement Award: Tom Baker")]
    assert [(h.name, h.award) for h in _honourees(body, blocks)] == [
        ("Ana Silva", "Volunteer of the Year"), ("Tom Baker", "Lifetime Achievement Award")]


def test_table_rows_with_header() -> None:
    """Table rows (cells joined by ' | ') under a header naming the columns."""
    body = "获奖名单\n序号 | 姓名 | 所在地\n1 | 张建国 | 北仑区\n2 | 王海燕 | 鄞州区"
    assert [(h.name, h.kind, h.place) for h in _honourees(body)] == [
        ("张建国", "person", "北仑区"), ("王海燕", "person", "鄞州区")]


def test_table_serial_numbers_are_not_figures() -> None:
    """The serial-number column of a table is not a figure."""
    body = "获奖名单\n序号 | 姓名 | 所在地\n1 | 张建国 | 北仑区"
    assert extract_facts(body, [], language="zh").figures == []


def test_passage_fields() -> None:
    """A heading that names an honouree opens its passage: sponsor, start, aliases, figures."""
    body = ("其中，“邻里守望”互助项目被评为“最佳志愿服务项目”。\n“邻里守望”邻里互助志愿服务项目\n"
            "该项目由宁波市慈善总会于2019年3月发起实施，累计服务老人1200余人次。")
    facts = extract_facts(body, [], language="zh")
    h = facts.honourees[0]
    assert (h.sponsor, h.since, h.aliases) == ("宁波市慈善总会", "2019-03", ["“邻里守望”邻里互助志愿服务项目"])
    assert [(f.text, f.honouree) for f in facts.figures] == [("1200余人次", "“邻里守望”互助项目")]


def test_secondary_honour_in_passage_is_not_new() -> None:
    """An award sentence inside an honouree's passage is that honouree's own further honour."""
    body = ("其中，甲社区被评为“示范社区”。\n甲社区\n该社区模式入选“全省十佳案例”。")
    assert [h.name for h in _honourees(body)] == ["甲社区"]


KINDS_ZH = [("“暖暖的新家”项目", "project"), ("香园社区", "community"), ("横坎头村", "community"),
            ("悦读志愿服务大队", "organisation"), ("红领之家社会服务中心", "organisation"),
            ("爱心协会", "organisation"), ("大旸公益慈善基金会", "organisation"), ("张三", "person"),
            ("欧阳明", "person"), ("李建华一家", "other")]


@pytest.mark.parametrize(("name", "kind"), KINDS_ZH, ids=[k[0] for k in KINDS_ZH])
def test_chinese_kind(name: str, kind: str) -> None:
    """Kinds from Chinese name endings and personal names."""
    assert chinese_kind(name) == kind


KINDS_EN = [("Riverside Food Pantry", "organisation"), ("Maria Lopez", "person"), ("Dr. Angela Reyes", "person"),
            ("Harbor Point Brewing Co.", "organisation"), ("Northfield Literacy Project", "project"),
            ("Oak Hill Village", "community")]


@pytest.mark.parametrize(("name", "kind"), KINDS_EN, ids=[k[0] for k in KINDS_EN])
def test_english_kind(name: str, kind: str) -> None:
    """Kinds from English name words and shapes."""
    assert english_kind(name) == kind


@pytest.mark.parametrize("title", t.ZH_PERSON_TITLES, ids=t.ZH_PERSON_TITLES)
def test_person_title(title: str) -> None:
    """Every person title before a personal name makes it a person, the title stripped."""
    assert split_zh_subject(f"{title}周玉兰")[:2] == ("周玉兰", True)


@pytest.mark.parametrize(("suffix", "kind"), t.ZH_KIND_SUFFIXES, ids=[s for s, _ in t.ZH_KIND_SUFFIXES])
def test_every_zh_kind_suffix(suffix: str, kind: str) -> None:
    """Every Chinese name ending in the kind table gives its kind."""
    assert chinese_kind(f"宁波市光明{suffix}") == kind


@pytest.mark.parametrize(("word", "kind"), t.EN_KIND_WORDS, ids=[w for w, _ in t.EN_KIND_WORDS])
def test_every_en_kind_word(word: str, kind: str) -> None:
    """Every English name word in the kind table gives its kind."""
    assert english_kind(f"Lakeside {word}") == kind


@pytest.mark.parametrize("verb", t.ZH_GRANT_VERBS, ids=t.ZH_GRANT_VERBS)
def test_every_grant_verb(verb: str) -> None:
    """`授予A、B“X”称号`: honourees after every grant verb."""
    assert _names(f"大会{verb}周玉兰、王磊“宁波好人”称号。") == [
        ("周玉兰", "person", "宁波好人"), ("王磊", "person", "宁波好人")]


@pytest.mark.parametrize("tail", t.ZH_AWARD_TAILS, ids=t.ZH_AWARD_TAILS)
def test_every_award_tail(tail: str) -> None:
    """`获得…<tail>` is an award; without a tail 获得 names none."""
    assert _names(f"周玉兰获得全国道德模范{tail}。")[0][:2] == ("周玉兰", "person")


@pytest.mark.parametrize("marker", t.ZH_PROGRAMME_MARKERS, ids=t.ZH_PROGRAMME_MARKERS)
def test_every_programme_marker(marker: str) -> None:
    """The programme is the text before a marker such as 名单揭晓."""
    body = f"2025年度宁波好人{marker}。其中，周玉兰被评为“助人为乐好人”。"
    assert _honourees(body)[0].programme == "2025年度宁波好人"


@pytest.mark.parametrize("heading", t.EN_LIST_HEADINGS, ids=t.EN_LIST_HEADINGS)
def test_every_en_list_heading(heading: str) -> None:
    """Items under every list heading are honourees."""
    body = f"{heading.title()}\nAna Silva — Volunteer of the Year"
    blocks = [Block(kind="heading", text=heading.title()),
              Block(kind="list_item", text="Ana Silva — Volunteer of the Year")]
    assert [(h.name, h.award) for h in _honourees(body, blocks)] == [("Ana Silva", "Volunteer of the Year")]


@pytest.mark.parametrize("surname", t.ZH_COMPOUND_SURNAMES, ids=t.ZH_COMPOUND_SURNAMES)
def test_every_compound_surname(surname: str) -> None:
    """Compound surnames make personal names."""
    assert chinese_kind(f"{surname}明") == "person"


HEADER_ROWS = [
    (["序号", "姓名", "工作单位"], {"serial": 0, "name": 1, "unit": 2}),
    (["Name", "Award", "City"], {"name": 0, "award": 1, "place": 2}),
    (["No.", "Winner", "Recipient"], {"serial": 0, "name": 1}),
    (["1", "Kyle Busch", "2,364"], None),
    (["Award", "Category"], None),
]


@pytest.mark.parametrize(("cells", "columns"), HEADER_ROWS, ids=[" | ".join(c) for c, _ in HEADER_ROWS])
def test_header_row_columns(cells: list[str], columns: dict[str, int] | None) -> None:
    """A header row names each role's first column (case-insensitive); no name column, no header."""
    assert lists._header(cells) == columns


@pytest.mark.parametrize(
    ("role", "names"),
    [("name", t.NAME_HEADERS), ("award", t.AWARD_HEADERS), ("place", t.PLACE_HEADERS), ("unit", t.UNIT_HEADERS)],
    ids=["name", "award", "place", "unit"],
)
def test_every_header_word_names_its_role(role: str, names: tuple[str, ...]) -> None:
    """Every entry of the header tables, after a name cell, opens its role's column."""
    for word in names:
        cells = ["姓名" if role != "name" else "序号", word.upper()]
        columns = lists._header(cells)
        assert columns is not None and columns[role] == 1, word


def test_no_hint_holds_a_line_break() -> None:
    """Each hint occurrence lies in one line (the line look-up places occurrences by offset)."""
    assert not any("\n" in hint for hint in (*honourees._ZH_HINTS, *honourees._EN_HINTS))


def test_hinted_lines_are_the_lines_holding_a_hint() -> None:
    """The lines found by scanning the body are those whose text holds a hint."""
    body = "Intro line\nShe won the award.\n\nNothing here\nHe was named Volunteer of the Year; won again"
    lines = split_lines(body, [])
    found = honourees._lines_with(body, [line.start for line in lines], ("won ", "named"))
    assert found == {i for i, line in enumerate(lines) if "won " in line.text or "named" in line.text}
