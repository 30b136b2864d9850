"""Where no figure may start: quotations, protected names, dates, IDs, labels, furniture.

Quotations and protected spans are found once per text; the other exclusions are anchored
patterns (tables.*AFTER) and word lists (tables.*_BEFORE) tried only where a figure was
read: a whole-text scan of every pattern costs milliseconds per page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from scraper.facts import tables as t
from scraper.facts.scanner import CJK_CHAR, NUMERAL_START

AFTER = re.compile(
    "|".join(f"(?:{p})" for p in (*t.FURNITURE_AFTER, *t.ID_AFTER, *t.DATE_AFTER, *t.LABEL_AFTER))
)


_WORDS_BEFORE = frozenset((*t.DATE_BEFORE, *t.LABEL_BEFORE, *t.ID_BEFORE))


_COLON_KEYS = (*t.FURNITURE_BEFORE, *t.ID_BEFORE)


_PAGE_OF = re.compile(r"\bPage\s+\d+\s+of\s+$")


# words after a number that an AFTER pattern needs to see (12 comments, 4 min read, 7 am)
_AFTER_WORDS = frozenset(("comment", "comments", "share", "shares", "like", "likes", "replies",
                          "views", "min", "mins", "minute", "minutes", "am", "pm", "a", "p"))
_ZIP = re.compile(r"\d{5}(?:-\d{4})?(?!\d)")
_STATE_BEFORE = re.compile(r"\b[A-Z]{2} $")
_YEAR = re.compile(r"(?:19|20)\d{2}(?!\d|[.,]\d)")  # 2024.5 million is no year


_YEAR_WORDS = frozenset(t.YEAR_WORDS)


_PREV_WORD = re.compile(r"([A-Za-z]+)\s+$")


# Quotations and titles: “…”, 《…》, 「…」, "…" within one line.
_QUOTES = re.compile(r"“[^”\n]{0,120}”|《[^》\n]{0,80}》|「[^」\n]{0,80}」|\"[^\"\n]{0,120}\"")


@dataclass(frozen=True)
class Guard:
    """Where no figure may start: quotations, protected names, dates, IDs, labels, furniture.

    Quotations and protected spans are found once; the other exclusions are anchored
    patterns tried only where a figure was read (a whole-text scan costs milliseconds).
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def build(cls, text: str, protected: Iterable[tuple[int, int]] = ()) -> Guard:
        spans = sorted([*(m.span() for m in _QUOTES.finditer(text)), *protected])
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return cls(text, tuple(s for s, _ in merged), tuple(e for _, e in merged))

    def blocks(self, pos: int) -> bool:
        """Whether a figure whose numeral starts at `pos` is excluded."""
        return self.until(pos) > pos

    def until(self, pos: int) -> int:
        """The end of the exclusion covering a numeral at `pos`, or `pos` when there is none."""
        covered, run_end = self._covered(pos)
        if covered is not None:
            return covered
        if _label_before(self.text, pos):
            return run_end
        return self._rest(pos, run_end)

    def until_after(self, pos: int, before: str) -> int:
        """`until(pos)` for a numeral after `before` and one space, or after `(` or a currency
        mark (`before` empty), as `plain_en` reads it: the token decides the label look-behind.

        `before` is the whole whitespace-delimited token (at most 15 characters, not ending in
        a colon), so the 24-character window ends in it and one space.
        """
        covered, run_end = self._covered(pos)
        if covered is not None:
            return covered
        if before and (
            before in _WORDS_BEFORE or before.endswith(t.ID_BEFORE)
            or (before == "of" and _PAGE_OF.search(self.text[max(0, pos - 24) : pos]))
        ):
            return run_end
        return self._rest(pos, run_end)

    def _covered(self, pos: int) -> tuple[int | None, int]:
        """The end of the quotation or protected span holding `pos`, or of the exclusion
        pattern (`AFTER`) starting there (None when neither), and the end of the numeral run."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.ends[i]:
            return self.ends[i], pos
        text = self.text
        run = NUMERAL_START.match(text, pos)
        run_end = run.end() if run else pos + 1
        if not _plain_word_after(text, pos, run_end):
            after = AFTER.match(text, pos)
            if after:
                return after.end(), run_end
        return None, run_end

    def _rest(self, pos: int, run_end: int) -> int:
        """The exclusions after the label look-behind: ZIP codes, years, Chinese phrases."""
        text = self.text
        # (a ZIP code is five digits of the run; a year starts with 1 or 2)
        if run_end - pos >= 5 and _ZIP.match(text, pos) and _STATE_BEFORE.search(text, max(0, pos - 4), pos):
            return run_end  # Dayton, OH 45409
        if text[pos] in "12" and _YEAR.match(text, pos):
            prev = _PREV_WORD.search(text, max(0, pos - 12), pos)
            if prev and prev.group(1).lower() in _YEAR_WORDS:
                return run_end
        if CJK_CHAR.search(text, max(0, pos - 4), pos + 8):
            for phrase in t.ZH_NOT_FIGURES:
                at = text.find(phrase, max(0, pos - len(phrase) + 1), pos + len(phrase))
                if 0 <= at <= pos:
                    return at + len(phrase)
        return pos


def _plain_word_after(text: str, pos: int, run_end: int) -> bool:
    """`1,200 volunteers`: a space and a lowercase word no AFTER pattern starts with.

    Identifiers made of digits alone (mobile and ID numbers, years) are told by their length.
    """
    if text[run_end : run_end + 1] != " " or run_end - pos in (4, 11, 17, 18):
        return False
    word = text[run_end + 1 : run_end + 12].split(" ", 1)[0]
    return word.isalpha() and word.islower() and word not in _AFTER_WORDS


def _label_before(text: str, pos: int) -> bool:
    """A month, label word, identifier key or counter label right before `pos`."""
    window = text[max(0, pos - 24) : pos]
    if window.endswith(t.LABEL_MARKS):
        return True
    stripped = window.rstrip()
    if stripped.endswith(("：", ":")):
        return stripped[:-1].rstrip().endswith(_COLON_KEYS)
    if stripped.endswith(t.ID_BEFORE):
        return True
    last = stripped.rsplit(None, 1)[-1] if stripped else ""
    if last in _WORDS_BEFORE and stripped != window:
        return True
    return last == "of" and bool(_PAGE_OF.search(window))
