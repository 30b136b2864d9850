"""Markup that names the article body: the selector table of the content finder.

Ordered by precedence: the first rule with a usable match wins (see `body.find_content`
for "usable"). The rules follow trafilatura's `BODY_XPATH` (its tested table over many
CMSs), plus Chinese CMS names (正文 = zhengwen, 内容 = neirong).

Each rule is data: the tags it applies to and attribute conditions (`attr*=value`
contains, `attr=value` equals, `attr^=value` starts with; case-sensitive as in CSS unless
they end in " i"; `tag=name` matches an element by tag alone). From it come a CSS selector, for Lexbor to
search a subtree, and `matches`, for the few ancestors of the densest node, which is far
cheaper than running the selectors over the whole page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CONTAINERS: tuple[str, ...] = ("article", "div", "main", "section", "td")
_CONDITION = re.compile(r"^([a-z][\w-]*)(\*=|\^=|=)(.+?)( i)?$")


@dataclass(frozen=True)
class Rule:
    """A named content rule: tags (None: any), conditions (none: the tag alone suffices)."""

    source: str
    broader: bool  # may be an ancestor of the densest node (else only it or inside it)
    conditions: tuple[str, ...]
    tags: tuple[str, ...] | None = _CONTAINERS
    parsed: tuple[tuple[str, str, str, bool], ...] = field(init=False)
    css: str = field(init=False)
    # `parsed` grouped for `matches`: the tags named by "tag=" conditions, and per attribute
    # and case flag the values it may equal, start with, or contain (one regex).
    tag_values: frozenset[str] = field(init=False)
    tests: tuple[_Test, ...] = field(init=False)

    def __post_init__(self) -> None:
        parsed = []
        for condition in self.conditions:
            found = _CONDITION.match(condition)
            if found is None:
                raise ValueError(f"bad content rule condition {condition!r}")
            attr, op, value, insensitive = found.groups()
            parsed.append((attr, op, value.lower() if insensitive else value, bool(insensitive)))
        object.__setattr__(self, "parsed", tuple(parsed))
        object.__setattr__(self, "css", _css(self.tags, tuple(parsed)))
        object.__setattr__(self, "tag_values", frozenset(v for attr, _, v, _ in parsed if attr == "tag"))
        object.__setattr__(self, "tests", _tests(tuple(parsed)))


@dataclass(frozen=True)
class _Test:
    """The conditions of a rule on one attribute with one case flag: true when any holds."""

    attr: str
    insensitive: bool
    equals: frozenset[str]
    starts: tuple[str, ...]
    contains: re.Pattern[str] | None


def _tests(parsed: tuple[tuple[str, str, str, bool], ...]) -> tuple[_Test, ...]:
    keys = list(dict.fromkeys((attr, insensitive) for attr, _, _, insensitive in parsed if attr != "tag"))
    tests = []
    for attr, insensitive in keys:
        mine = [(op, value) for a, op, value, i in parsed if (a, i) == (attr, insensitive)]
        contains = [re.escape(value) for op, value in mine if op == "*="]
        tests.append(_Test(
            attr, insensitive,
            frozenset(value for op, value in mine if op == "="),
            tuple(value for op, value in mine if op == "^="),
            re.compile("|".join(contains)) if contains else None,
        ))
    return tuple(tests)


def _css(tags: tuple[str, ...] | None, parsed: tuple[tuple[str, str, str, bool], ...]) -> str:
    conditions = ", ".join(
        value if attr == "tag" else f'[{attr}{op}"{value}"{" i" if insensitive else ""}]'
        for attr, op, value, insensitive in parsed
    )
    if tags is None:
        return conditions
    if not conditions:
        return ", ".join(tags)
    return f":is({', '.join(tags)}):is({conditions})"


def matches(tag: str, attrs: dict[str, str | None], rule: Rule) -> bool:
    """True when an element (its tag and attributes) satisfies the rule, like `rule.css`."""
    if rule.tags is not None and tag not in rule.tags:
        return False
    if not rule.parsed or tag in rule.tag_values:
        return True
    for test in rule.tests:
        got = attrs.get(test.attr)
        if not got:
            continue
        if test.insensitive:
            got = got.lower()
        if got in test.equals or (test.starts and got.startswith(test.starts)):
            return True
        if test.contains is not None and test.contains.search(got) is not None:
            return True
    return False


# In order of precedence. Generic containers ("article", "main", "#content") are only trusted
# when they sit inside the densest node: broader ones carry sidebars and comments (nypost.com).
CONTENT_RULES: tuple[Rule, ...] = (
    # schema.org
    Rule("selector:articleBody", True, ("itemprop=articleBody", "itemprop=articlebody",), tags=None),
    # the common CMS body classes (WordPress "entry-content", news CMSs)
    Rule("selector:article-body", True, (
        "class*=post-text", "class*=post_text", "class*=post-body", "class*=post-entry",
        "class*=postentry", "class*=post-content", "class*=post_content", "class*=postcontent i",
        "class*=post_inner_wrapper", "class*=article-text", "class*=articletext i", "id*=entry-content",
        "class*=entry-content", "id*=article-content", "class*=article-content", "id*=article__content",
        "class*=article__content", "id*=article-body", "class*=article-body", "id*=article__body",
        "class*=article__body", "id*=articlebody i", "class*=articlebody i", "id=articleContent",
        "class*=ArticleContent", "class*=page-content", "class*=text-content", "id*=body-text",
        "class*=body-text", "class*=article__container", "id*=art-content", "class*=art-content",
    )),
    # Chinese news CMSs: 正文 / 内容 / 文章 containers (gne-zh pages: 163, sina, thepaper...)
    Rule("selector:zh-content", True, (
        "class*=zhengwen", "id*=zhengwen", "class*=article-con", "id=artibody", "id=endText",
        "class=post_body", "id=content_body", "class*=news_txt", "class*=newsContent", "id*=newsContent",
        "class*=TRS_Editor", "id=zoom", "class*=neirong", "class*=wenzhang", "class*=detail-content",
        "class*=detail_content", "class*=content_txt", "class*=txt_con",
    )),
    Rule("selector:article", False, (), tags=("article",)),
    Rule("selector:story", False, (
        "class*=post-bodycopy", "class*=storycontent", "class*=story-content", "class=postarea",
        "class=art-postcontent", "class*=theme-content", "class*=blog-content", "class*=section-content",
        "class*=single-content", "class*=single-post", "class*=main-column", "class*=wpb_text_column",
        "id^=primary", "class^=article ", "class=text", "id=article", "class=cell", "id=story",
        "class=story", "class*=story-body", "id*=story-body", "class*=field-body", "class*=fulltext i",
        "role=article",
    )),
    Rule("selector:main-content", False, (
        "id*=content-main", "class*=content-main", "class*=content_main", "id*=content-body",
        "class*=content-body", "id*=contentBody", "class*=content__body", "id*=main-content i",
        "class*=main-content i", "id=content", "class=content",
    )),
    Rule("selector:main", False, ("class^=main", "id^=main", "role^=main", "tag=main"),
         tags=("article", "div", "section", "main")),
)
