"""What a figure counts: a short phrase taken from its sentence.

Chinese: the noun after a measure word (`100个最美志愿者`), else the noun before the number
(`注册志愿者222万余人`). English: the noun after the number (`1,200 volunteers`), skipping
`of`/`in` (`4,000 hours of service`, `$2 million in donations`).
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters that end a phrase.
_ZH_STOPS = "，。；：、,.;:！？!?（）()\n 　|\t—"
# Words after which the phrase before a number starts (社区共有志愿者4360人 → 志愿者).
_ZH_MARKERS = re.compile(
    r"(?:共有|现有|拥有|共计|合计|总计|累计|达到|占|完成|开展|吸引|组建|整合|建成|已建成|接待|"
    r"开设|发动|帮助|解决|成立|联系|覆盖|建立|举办|刊发|发表|推选出|选出|评出|其中|每年|每月|"
    r"全市|全省|全区|全县|全国|截至目前|目前|现已|超过|逾|近|约)"
)
# Words that end the phrase after a measure word (1600余名过路集卡司机参与志愿服务).
_ZH_VERBS = re.compile(
    r"参与|参加|加入|解决|提供|编入|担任|共同|获得|获评|获|完成|实现|开展|受益|报名|入驻|落户|签约|"
    r"上榜|入选|榜上有名|组建|组成|建立|托管|脱管|被|和|及|与|并|等|在|从|为|已|均|都|中|是|将|“"
)
# Words before a number that say how, not what (连续四年, 共同, 同比增长).
_ZH_NOT_SUBJECTS = frozenset(("连续", "共同", "先后", "坚持", "同比", "增长", "下降", "发动", "最小"))
_ZH_COUNT_MEASURES = frozenset(
    "人 人次 名 位 个 家 户 场 篇 条 支 次 所 项 件 例 座 处 批 种 类 本 册 份 张 台 辆 棵 株 只 "  # noqa: SIM905
    "套 间 栋 门 期 节 堂 首 部 组 队 团 方面 起 单 笔 块 届 场次".split()
)
# the one or two words after a number (skipping `of`, `worth of`, `in`)
_EN_WORD = re.compile(
    r"\s+(?:(?:worth\s+)?of\s+|in\s+)?(?P<first>[a-z][a-z-]*)(?:\s+(?P<second>[a-z][a-z-]*))?"
)
_EN_OF_BEFORE = re.compile(r"\b([a-z]+) of $")
_EN_STOPS = frozenset(
    "and or to from in at for who that which with on by of the a an were was are is have has had "  # noqa: SIM905
    "who've logged served donated received raised helped across since over this their its each "
    "per than more last next".split()
)


def subject_of(text: str, start: int, end: int, unit: str | None) -> str | None:
    """A short phrase naming what the figure at text[start:end] counts, or None."""
    if _is_cjk_context(text, start, end):
        return _zh_subject(text, start, end, unit)
    return _en_subject(text, start, end)


def _is_cjk_context(text: str, start: int, end: int) -> bool:
    return _CJK.search(text, max(0, start - 2), end + 2) is not None


def _zh_subject(text: str, start: int, end: int, unit: str | None) -> str | None:
    if unit in _ZH_COUNT_MEASURES:
        after = _zh_after(text, end)
        if after:
            return after
    return _zh_before(text, start)


def _zh_after(text: str, end: int) -> str | None:
    stop = end
    limit = min(len(text), end + 14)
    while stop < limit and text[stop] not in _ZH_STOPS:
        stop += 1
    phrase = text[end:stop]
    verb = _ZH_VERBS.search(phrase, 1 if phrase.startswith("“") else 0)
    if verb:
        phrase = phrase[: verb.start()]
    if phrase.startswith("的"):
        return None
    phrase = phrase.rstrip("的")
    if phrase.count("“") != phrase.count("”"):
        phrase = phrase.strip("“”")
    if len(phrase) < 2 or not all("\u4e00" <= ch <= "\u9fff" or ch in "“”" for ch in phrase):
        return None
    return phrase


def _zh_before(text: str, start: int) -> str | None:
    begin = start
    floor = max(0, start - 20)
    while begin > floor and text[begin - 1] not in _ZH_STOPS:
        begin -= 1
    phrase = text[begin:start]
    last = None
    for marker in _ZH_MARKERS.finditer(phrase):
        if marker.end() < len(phrase):
            last = marker
    if last is not None:
        phrase = phrase[last.end() :]
    phrase = phrase.rstrip("的")
    if phrase.count("“") != phrase.count("”"):
        phrase = phrase.strip("“”")
    if phrase in _ZH_NOT_SUBJECTS:
        return None
    if len(phrase) < 2 or not all("\u4e00" <= ch <= "\u9fff" or ch in "“”" for ch in phrase):
        return None
    return phrase


def _en_subject(text: str, start: int, end: int) -> str | None:
    m = _EN_WORD.match(text, end)
    if m is not None and m.group("first") not in _EN_STOPS:
        first, second = m.group("first", "second")
        if second is None or second in _EN_STOPS or second.endswith("ed"):
            return first  # people attended: a verb ends the phrase
        return f"{first} {second}"
    # revenue of $8.4 million (the pattern ends in " of " then `$`, which also matches before a
    # final line break: the two endings are tested before the search)
    if not (text.endswith(" of ", 0, start) or text.endswith(" of \n", 0, start)):
        return None
    before = _EN_OF_BEFORE.search(text, max(0, start - 20), start)
    return before.group(1) if before and before.group(1) not in _EN_STOPS else None
