"""Every entry of the figure data tables, exercised in a sentence of its own."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scraper.facts import tables as t
from scraper.facts.figures import RawFigure, find_figures


def _only(text: str) -> RawFigure:
    figures = find_figures(text)
    assert len(figures) == 1, (text, figures)
    return figures[0]


@pytest.mark.parametrize("word", t.ZH_MEASURE_WORDS, ids=t.ZH_MEASURE_WORDS)
def test_measure_word(word: str) -> None:
    """`共有12<measure word>` is a count of 12 with that unit."""
    fig = _only(f"今年共有12{word}参加。")
    assert (fig.value, fig.unit, fig.measure) == (12, word, "count")


@pytest.mark.parametrize(("unit", "measure"), t.ZH_UNITS.items(), ids=list(t.ZH_UNITS))
def test_zh_unit(unit: str, measure: str) -> None:
    """`累计35<unit>` carries the unit and its measure."""
    fig = _only(f"累计35{unit}，")
    assert (fig.value, fig.unit, fig.measure) == (35, unit, measure)


@pytest.mark.parametrize(("word", "code"), t.ZH_CURRENCIES.items(), ids=list(t.ZH_CURRENCIES))
def test_zh_currency(word: str, code: str) -> None:
    """`筹集资金8.5万<currency>` is money in that currency, the 万 applied."""
    fig = _only(f"筹集资金8.5万{word}，")
    assert (fig.value, fig.unit, fig.measure, fig.currency) == (85000, word, "money", code)


@pytest.mark.parametrize(("symbol", "code"), t.PREFIX_CURRENCIES.items(), ids=list(t.PREFIX_CURRENCIES))
def test_prefix_currency(symbol: str, code: str) -> None:
    """A currency written before the number (`$1,500`, `HK$20`, `人民币300`)."""
    sep = " " if symbol.isalpha() and symbol.isascii() else ""
    fig = _only(f"The fund gave {symbol}{sep}1,500 to each family.")
    assert (fig.value, fig.measure, fig.currency) == (1500, "money", code)
    assert fig.start == len("The fund gave ")


@pytest.mark.parametrize(("word", "code"), t.EN_CURRENCIES.items(), ids=list(t.EN_CURRENCIES))
def test_en_currency(word: str, code: str) -> None:
    """A currency word after the number (`250 euros`)."""
    fig = _only(f"Each volunteer received 250 {word} for travel.")
    assert (fig.value, fig.unit, fig.measure, fig.currency) == (250, word, "money", code)


@pytest.mark.parametrize(("unit", "measure"), t.EN_UNITS.items(), ids=list(t.EN_UNITS))
def test_en_unit(unit: str, measure: str) -> None:
    """`logged 35 <unit>` carries the unit and its measure."""
    sep = "" if unit == "%" else " "
    fig = _only(f"The team logged 35{sep}{unit} last season.")
    assert (fig.value, fig.unit, fig.measure) == (35, unit, measure)


@pytest.mark.parametrize(("word", "qualifier"), t.ZH_PRE_HEDGES.items(), ids=list(t.ZH_PRE_HEDGES))
def test_zh_pre_hedge(word: str, qualifier: str) -> None:
    """A hedge before the number sets the qualifier and opens the span."""
    fig = _only(f"参与群众{word}300人，")
    assert (fig.value, fig.qualifier) == (300, qualifier)
    assert fig.start == len("参与群众")


@pytest.mark.parametrize(("word", "qualifier"), t.ZH_INNER_HEDGES.items(), ids=list(t.ZH_INNER_HEDGES))
def test_zh_inner_hedge(word: str, qualifier: str) -> None:
    """`300余人` and `3万余人` and `3{hedge}万人`: the hedge between number, multiplier and unit."""
    for text, value in ((f"300{word}人", 300), (f"3万{word}人", 30000), (f"3{word}万人", 30000)):
        fig = _only(f"参与群众{text}，")
        assert (fig.value, fig.qualifier, fig.unit) == (value, qualifier, "人")


@pytest.mark.parametrize(("word", "qualifier"), t.ZH_POST_HEDGES.items(), ids=list(t.ZH_POST_HEDGES))
def test_zh_post_hedge(word: str, qualifier: str) -> None:
    """A hedge after the unit closes the span."""
    fig = _only(f"参与群众300人{word}，")
    assert (fig.value, fig.qualifier, fig.end) == (300, qualifier, len(f"参与群众300人{word}"))


@pytest.mark.parametrize(("word", "qualifier"), t.EN_PRE_HEDGES.items(), ids=list(t.EN_PRE_HEDGES))
def test_en_pre_hedge(word: str, qualifier: str) -> None:
    """An English hedge before the number opens the span: `more than 1,200`."""
    fig = _only(f"It fed {word} 1,200 families last year.")
    assert (fig.value, fig.qualifier, fig.start) == (1200, qualifier, len("It fed "))


@pytest.mark.parametrize(("word", "qualifier"), t.EN_POST_HEDGES.items(), ids=list(t.EN_POST_HEDGES))
def test_en_post_hedge(word: str, qualifier: str) -> None:
    """An English hedge after the number: `300 or more`, `300-plus`, `300+`."""
    sep = "-" if word == "plus" else ("" if word == "+" else " ")
    fig = _only(f"It fed 300{sep}{word} families.")
    assert (fig.value, fig.qualifier) == (300, qualifier)


@pytest.mark.parametrize("joiner", t.ZH_RANGE_JOINERS, ids=list(t.ZH_RANGE_JOINERS))
def test_zh_range_joiner(joiner: str) -> None:
    """`3至5年`: a range with value_max."""
    fig = _only(f"服务期为3{joiner}5年，")
    assert (fig.value, fig.value_max, fig.qualifier, fig.unit) == (3, 5, "range", "年")


@pytest.mark.parametrize("joiner", t.EN_RANGE_JOINERS, ids=list(t.EN_RANGE_JOINERS))
def test_en_range_joiner(joiner: str) -> None:
    """`10 to 12 hours`: a range with value_max."""
    sep = " " if joiner.isalpha() else ""
    fig = _only(f"Shifts last 10{sep}{joiner}{sep}12 hours.")
    assert (fig.value, fig.value_max, fig.qualifier, fig.unit) == (10, 12, "range", "hours")


@pytest.mark.parametrize("scale", t.EN_SCALES, ids=list(t.EN_SCALES))
def test_en_scale(scale: str) -> None:
    """`2.5 million` multiplies exactly."""
    fig = _only(f"They raised 2.5 {scale} meals.")
    from scraper.facts.numerals import SCALES

    assert fig.value == Decimal("2.5") * SCALES[scale]


@pytest.mark.parametrize("scale", t.EN_MONEY_SCALES, ids=list(t.EN_MONEY_SCALES))
def test_en_money_scale(scale: str) -> None:
    """`$3m`, `$1.2bn`: short multipliers after a currency symbol."""
    from scraper.facts.numerals import SCALES

    fig = _only(f"The company pledged $3{scale} to the program.")
    assert (fig.value, fig.currency) == (3 * SCALES[scale], "USD")


@pytest.mark.parametrize("phrase", t.ZH_NOT_FIGURES, ids=t.ZH_NOT_FIGURES)
def test_zh_not_figure_words(phrase: str) -> None:
    """Set phrases with numerals (`三个代表`, `千家万户`) state no quantity."""
    assert find_figures(f"他们坚持{phrase}，服务群众。") == []


@pytest.mark.parametrize("prefix", t.ZH_ORDINAL_PREFIXES, ids=list(t.ZH_ORDINAL_PREFIXES))
def test_ordinal_prefix(prefix: str) -> None:
    """`第3名`, `周一`: ordinals and labels are not figures."""
    numeral = "一" if prefix in ("初", "周", "星期", "礼拜") else "3"
    assert find_figures(f"获得{prefix}{numeral}名的成绩，") == [] or prefix in ("初",)


EXAMPLES = {
    "FURNITURE_AFTER": ("0次浏览", "3/5页", "共5页", "12 comments", "4 min read"),
    "ID_AFTER": ("13812345678", "0574-87654321", "(212) 555-0147", "212-555-0147", "555-0147",
                 "330203198001011234", "13:57", "7 p.m."),
    "DATE_AFTER": ("2024年度", "5月31日", "31日", "二〇二四年", "五月份", "2025-07-03", "7/3/2025",
                   "5 June 2025", "2023-24", "2015.", "13时30分", "10点", "30分", "3级",
                   "2025.07.03", "1至5月", "1-4月"),
    "LABEL_AFTER": ("21st", "123 Main Street", "1611 S. Main Street"),
}
CASES = [(table, example) for table, examples in EXAMPLES.items() for example in examples]


@pytest.mark.parametrize(("table", "example"), CASES, ids=[c[1] for c in CASES])
def test_exclusion_example(table: str, example: str) -> None:
    """Each exclusion pattern's example is no figure, in a Chinese and an English sentence."""
    assert find_figures(f"联系方式 {example} 。") == []
    assert find_figures(f"It was {example}\n") == []


@pytest.mark.parametrize("table", list(EXAMPLES), ids=list(EXAMPLES))
def test_every_pattern_has_an_example(table: str) -> None:
    """Each anchored exclusion pattern matches where one of its examples' numerals starts."""
    import re

    for pattern in getattr(t, table):
        compiled = re.compile(pattern)
        assert any(compiled.match(ex, i) for ex in EXAMPLES[table] for i in range(len(ex))
                   if ex[i].isdigit() or ex[i] in "二五"), pattern


@pytest.mark.parametrize("word", t.FURNITURE_BEFORE, ids=t.FURNITURE_BEFORE)
def test_furniture_label(word: str) -> None:
    """A counter label and a colon before a number: page furniture (`阅读：1234`)."""
    assert find_figures(f"{word}：1234\n") == [] and find_figures(f"{word}: 1234\n") == []


@pytest.mark.parametrize("word", t.ID_BEFORE, ids=t.ID_BEFORE)
def test_identifier_label(word: str) -> None:
    """An identifier key before a number (`邮编：315000`, `Tel. 5550147`)."""
    assert find_figures(f"{word}：315000\n") == [] and find_figures(f"{word} 315000\n") == []


@pytest.mark.parametrize("word", t.DATE_BEFORE, ids=t.DATE_BEFORE)
def test_month_before_day(word: str) -> None:
    """A month before a number makes it a day (`June 5`, `Oct. 18`)."""
    assert find_figures(f"The dinner is on {word} 18 this year.") == []


@pytest.mark.parametrize("word", t.LABEL_BEFORE, ids=t.LABEL_BEFORE)
def test_label_word(word: str) -> None:
    """A label word before a number (`Route 66`, `Top 10`, `Page 2`)."""
    assert find_figures(f"It moved to {word} 66 last spring.") == []


@pytest.mark.parametrize("mark", t.LABEL_MARKS, ids=t.LABEL_MARKS)
def test_label_mark(mark: str) -> None:
    """A mark glued before a number (`#1`, `’92`)."""
    assert find_figures(f"She was {mark}92 in the class.") == []


@pytest.mark.parametrize("word", t.YEAR_WORDS, ids=t.YEAR_WORDS)
def test_year_word(word: str) -> None:
    """A 19xx/20xx number after a word that introduces a year is a year."""
    assert find_figures(f"It has grown {word} 2015 onwards.") == []


@pytest.mark.parametrize(("unit", "measure"), t.ZH_HALF_AFTER_UNIT.items(), ids=list(t.ZH_HALF_AFTER_UNIT))
def test_half_after_unit(unit: str, measure: str) -> None:
    """`三<unit>半` is three and a half of the unit (`一年半`, `三天半`)."""
    fig = _only(f"这项工作用了三{unit}半，")
    assert (fig.value, fig.unit, fig.measure) == (Decimal("3.5"), unit, measure)


@pytest.mark.parametrize(("unit", "measure"), t.ZH_HALF_AFTER_GE.items(), ids=list(t.ZH_HALF_AFTER_GE))
def test_half_after_ge(unit: str, measure: str) -> None:
    """`两个半<unit>` is two and a half of the unit (`两个半小时`, `三个半月`)."""
    fig = _only(f"这项工作用了两个半{unit}，")
    assert (fig.value, fig.unit, fig.measure) == (Decimal("2.5"), unit, measure)


def test_one_and_a_half() -> None:
    """`一` alone is an article, but `一年半` and `一个半小时` are quantities."""
    assert [(f.value, f.unit) for f in find_figures("用了一年半，又开车一个半小时。")] == [
        (Decimal("1.5"), "年"), (Decimal("1.5"), "小时"),
    ]


@pytest.mark.parametrize("word", t.ZH_CHENG_WORDS, ids=t.ZH_CHENG_WORDS)
def test_cheng_words(word: str) -> None:
    """成 starting a word after a numeral (`三成员`, `一成不变`) counts no tenths."""
    assert [f for f in find_figures(f"他说三{word}。") if f.unit == "成"] == []


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [("三成", 30, "exact"), ("近两成", 20, "nearly"), ("七成以上", 70, "at_least"),
     ("三成多", 30, "more_than"), ("不到一成", 10, "less_than"), ("超过四成", 40, "more_than")],
    ids=["plain", "nearly", "at-least", "more-than-after", "less-than", "more-than-before"],
)
def test_tenths(text: str, value: int, qualifier: str) -> None:
    """成 after a numeral counts tenths: a percentage, hedged on either side."""
    fig = _only(f"受访居民中{text}的人表示满意。")
    assert (fig.value, fig.unit, fig.measure, fig.qualifier) == (value, "成", "percent", qualifier)


@pytest.mark.parametrize(("formal", "plain"), t.ZH_FORMAL_NUMERALS.items(), ids=list(t.ZH_FORMAL_NUMERALS))
def test_formal_numeral(formal: str, plain: str) -> None:
    """A formal numeral in an amount of money reads as its everyday twin (`壹佰万元`)."""
    assert [(f.value, f.currency) for f in find_figures(f"捐款{formal}万元整。")] == [
        (f.value, f.currency) for f in find_figures(f"捐款{plain}万元整。")
    ]
    assert len(find_figures(f"捐款{formal}万元整。")) == 1


@pytest.mark.parametrize("text", ["队伍里有三十人。", "重拾信心。", "陆续开展活动。", "他入伍五年。"],
                         ids=["duiwu", "chongshi", "luxu", "ruwu"])
def test_formal_characters_in_words(text: str) -> None:
    """Formal numeral characters inside words are no amounts (`队伍`, `重拾`, `陆续`)."""
    assert [text[f.start : f.end] for f in find_figures(text)] in ([], ["三十人"], ["五年"])


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("五到六成", 50, 60), ("四成到五成", 40, 50), ("三至五成", 30, 50)],
    ids=["shared-cheng", "both-cheng", "zhi"],
)
def test_tenths_range(text: str, low: int, high: int) -> None:
    """Two tenths joined by 到/至 are a range of percentages."""
    fig = _only(f"受访居民中{text}的人表示满意。")
    assert (fig.value, fig.value_max, fig.unit, fig.qualifier) == (low, high, "成", "range")
