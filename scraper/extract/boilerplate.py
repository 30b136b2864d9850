"""Boilerplate: the tables and the pruning that applies them.

Before scoring, `drop_unlikely` removes readability's "unlikely candidates" (comment
threads, menus, sidebars, by class/id substring) from the whole page. After the content
node is chosen, `prune` cleans it (never the rest of the page), in this order:

1. elements by tag (`DROP_TAGS`): furniture that is never article text;
2. hidden elements (`HIDDEN_SELECTOR`);
3. elements whose class, id or `ROLE_ATTRS` name a boilerplate role (`BOILERPLATE_CLASS`);
4. link-dense lists and boxes (`LINK_DENSE`): related/recommended lists, tag clouds,
   previous/next links, whatever their class says;
5. finally, block texts that are boilerplate by their wording (`BOILERPLATE_TEXT`; for short
   blocks also `SHORT_LABEL`, English bylines `BYLINE_TEXT` and lone dates `DATE_LINE`).

Nothing here recurses: ancestor walks are bounded loops, subtree walks are Lexbor's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from scraper.dom import Node, parse

_STATIC_TAG_IDS = 1 << 16  # Lexbor numbers the tags it knows from 0; unknown ones get addresses


def tag_ids(names: tuple[str, ...] | frozenset[str]) -> frozenset[int]:
    """Lexbor's ids of known tag names: `node.tag_id in ids` costs a third of `node.tag in names`
    (no string is built). An unknown tag gets a per-document id, so only known names are taken."""
    factory = parse("")
    found = {name: factory.create_node(name).tag_id for name in names}
    unknown = sorted(name for name, tag_id in found.items() if tag_id >= _STATIC_TAG_IDS)
    if unknown:
        raise ValueError(f"tags unknown to Lexbor have no fixed id: {unknown}")
    return frozenset(found.values())


# Removed with their content from the whole page before anything is scored.
JUNK_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "button", "select", "input", "textarea", "option", "link", "meta",
)
JUNK_SELECTOR = ", ".join(JUNK_TAGS)
_JUNK_IDS = tag_ids(JUNK_TAGS)

# Removed inside the content node: page furniture that sometimes sits in <article>.
DROP_TAG_NAMES: tuple[str, ...] = ("nav", "aside", "footer", "form", "menu", "dialog", "h1")
DROP_TAGS: str = ", ".join(DROP_TAG_NAMES)
_DROP_TAG_IDS = tag_ids(DROP_TAG_NAMES)
PAGE_IDS = tag_ids(("body", "html"))  # where ancestor walks stop

# Hidden elements: the `hidden` attribute, aria-hidden="true", or one of these in the style.
HIDDEN_STYLES: tuple[str, ...] = ("display:none", "display: none", "visibility:hidden")
HIDDEN_SELECTOR: str = ", ".join(
    ("[hidden]", '[aria-hidden="true"]', *(f'[style*="{style}"]' for style in HIDDEN_STYLES))
)

# Class / id tokens of boilerplate boxes, bounded by non-alphanumerics ("social-share" is
# "share", "shared" is not). Each group names the kind of page that needed it.
_TOKENS: tuple[str, ...] = (
    # share bars and social buttons (news sites, WordPress plugins)
    "share", "shares", "sharing", "sharebar", "share-bar", "share-tools", "social", "socials",
    "social-links", "sociallinks", "addthis", "sharethis", "fenxiang", "bdsharebuttonbox",
    # photo captions and credits outside <figcaption>, gallery controls (chron.com's slideshows);
    # a caption box holding the <img> itself is kept (see `CAPTION_BOX`)
    "caption", "captions", "credit", "credits", "photo-credit", "image-credit", "control-bar",
    "slideshow", "carousel",
    # comments (Disqus, WordPress, Chinese portals' 评论 = pinglun)
    "comment", "comments", "commentlist", "comment-list", "disqus", "respond", "pinglun",
    # related / recommended / more (Outbrain, Taboola, 相关 = xiangguan/xg, 推荐 = tuijian)
    "related", "related-posts", "relatedposts", "related-articles", "recommended",
    "recommendations", "recommend", "more-stories", "morestories", "read-more", "readmore",
    "outbrain", "taboola", "xgwz", "xgxw", "xiangguan", "tuijian", "hot-news", "hotnews",
    "most-popular", "mostpopular", "popular", "trending", "also-read", "further-reading",
    # navigation, breadcrumbs, pagination, previous/next
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumbs", "pagination",
    "pager", "prev-next", "prevnext", "post-navigation", "shangyipian", "xiayipian",
    # ads and promos
    "ad", "ads", "advert", "adverts", "advertisement", "advertising", "ad-container", "adsbygoogle",
    "dfp", "gpt-ad", "sponsor", "sponsored", "promo", "promotion", "guanggao",
    # sign-up boxes, paywall prompts, cookie banners, popups
    "newsletter", "subscribe", "subscription", "signup", "sign-up", "paywall-prompt", "cookie",
    "cookies", "consent", "popup", "modal", "overlay", "login",
    # bylines, author boxes, tags, meta lines, toolbars (trafilatura's "discard" table)
    "author-bio", "author-box", "authorbox", "about-author", "bio", "byline", "byline-social", "tags",
    "author", "authors", "timestamp", "date", "pubdate", "publish-date", "post-date",
    "info", "meta", "time",
    # the standfirst under the headline: a summary, not article text (jsonld-only.html's "Article_dek";
    # ScrapingHub's ground truth leaves deks out)
    "dek", "standfirst",
    "tag-list", "taglist", "post-tags", "entry-tags", "keywords", "toolbar", "tools", "print",
    "meta-share", "post-meta", "entry-meta", "article-meta", "dateline",
    # footers, sidebars, copyright (版权 = banquan), editor lines (责任编辑 = zrbj)
    "footer", "sidebar", "side-bar", "widget", "widgets", "copyright", "banquan", "zrbj",
    "disclaimer", "rss", "sr-only", "screen-reader-text", "visually-hidden", "hidden",
)


def alternation(words: tuple[str, ...]) -> str:
    """A regex matching any of the words, factored by common prefixes ("ad(?:s|vert)?").

    It matches the same strings as the plain alternation "ads|advert|ad", but the regex engine
    rejects a position after one character test instead of one per word: 2.7 times faster
    on the class names of the ScrapingHub pages. Bounded recursion: one level per character.
    """
    return _factor(sorted(set(words)))


def _factor(words: list[str]) -> str:
    groups: dict[str, list[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(first) + _factor(rest) for first, rest in groups.items()]
    if "" in words:
        return "(?:" + "|".join(branches) + ")?" if branches else ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


BOILERPLATE_CLASS = re.compile(r"(?<![a-z0-9])" + alternation(_TOKENS) + r"(?![a-z0-9])")

# Attributes besides class and id that name a box's role inside the content. The BBC's
# generated class names say nothing ("ssrcss-1m3w0sw-ComponentWrapper"); its
# data-component="byline-block" does (bbc-time.html).
ROLE_ATTRS: tuple[str, ...] = ("data-component",)
NAMED_SELECTOR = ", ".join(("[class]", "[id]", *(f"[{name}]" for name in ROLE_ATTRS)))
# The three kinds of boxes `prune` tests, found by one search (`_boxes_to_drop`).
PRUNE_SELECTOR = ", ".join((DROP_TAGS, HIDDEN_SELECTOR, NAMED_SELECTOR))

CAPTION_BOX = re.compile(r"caption|slideshow|carousel")
EMBED_BOX = re.compile(r"embed|twitter-tweet|instagram-media")

# Tags whose subtree is dropped when most of its text is link text (related lists, tag
# clouds, previous/next boxes; the seed page's "相关文章" list is a <ul> of links).
LINK_DENSE: frozenset[str] = frozenset({"ul", "ol", "dl", "div", "section", "table", "p", "li"})
_LINK_DENSE_IDS = tag_ids(LINK_DENSE)
LINK_DENSITY_MAX = 0.55
LINK_DENSE_MIN_LINK_CHARS = 12  # a lone short link ("here") is part of a sentence

# Block texts dropped whatever their markup: labels of related lists and share bars,
# copyright and editor lines. Anchored: a whole block must match.
BOILERPLATE_TEXT = re.compile(
    r"^[(（【\[]?(?:"
    # labels of related lists and share bars; previous/next links (the seed page's "相关文章:")
    r"相关(?:文章|新闻|阅读|报道|推荐|链接|资讯)|推荐阅读|延伸阅读|热门推荐|猜你喜欢|上一篇.*|下一篇.*"
    r"|分享到.{0,30}|返回.{0,10}首页.{0,4}|我要(?:反馈|纠错|评论|举报)|意见反馈|举报"
    # follow-us prompts: QR codes, WeChat accounts (sina.com.cn, thepaper.cn)
    r"|.{0,40}二维码.{0,40}|扫一扫.{0,20}|(?:微信)?公众号|.{0,10}关注(?:我们?)?.{0,10}|点击(?:菜单栏|关注).{0,30}"
    # editor, source and copyright lines of Chinese portals (163, people.com.cn, cjn.cn)
    r"|(?:本文)?来源[:：].{0,60}|(?:责任编辑|责编|编辑|校对)\s*[:：|｜].{0,40}|免责声明[:：].*|(?:本文)?原标题[:：].*|版权所有.*"
    # breadcrumbs ending at the article: "网易首页 > 财经频道 > 正文"
    r"|.{0,60}[>＞»]\s*正文"
    # date lines: "2019-09-07 13:43:45 来源: 每日经济新闻", a lone "2019-09-09"
    r"|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+(?:来源|来自|作者|编辑).{0,40})?"
    r"|(?:updated|published|posted|last updated|first published)(?: on| at)?:? .{0,30}\d{4}.{0,20}"
    r"|related(?: articles| stories| posts| news| content| coverage| topics)?|read more|more from .{0,60}"
    # the print edition a portal's copy comes from: "《 人民日报 》（ 2025年06月12日 01 版）" (people-cn.html)
    r"|《[^》]{1,20}》\s*[(（]\s*\d{4}年\d{1,2}月\d{1,2}日\s*(?:第?\s*\d{1,3}\s*版)?\s*[)）]"
    r"|share(?: this)?(?: article| story| post)?|advert(?:isement)?|sponsored|tweet|email|print|comments?"
    r"|(?:like this (?:story|article)\?? )?share (?:it|this)(?: with a friend)?.{0,20}|back(?: to top)?|top"
    # "back", "published by" in the other languages of the benchmark (jaraguadosul.com.br)
    r"|voltar|volver|zurück|retour|indietro|назад|\d{1,2}/\d{1,2}/\d{4} - publicado por:.{0,120}"
    r"|(?:©|&copy;|copyright ©?).{0,200}|all rights reserved.{0,100}"
    r")[\s:：.!)）】\]]*$",
    re.I,
)
# Short English labels and credit lines, tried on blocks of at most `SHORT_MAX` characters only
# (a second, smaller pattern: long paragraphs do not pay for it). Anchored, case-insensitive.
SHORT_LABEL = re.compile(
    r"^(?:"
    # a time without a date: "Updated at 1:23 p.m." (thehill.com)
    r"(?:updated|published|posted)(?: on| at)?:? \d{1,2}[:.]\d{2}\s*[ap]\.?m\.?(?: [a-z]{2,4})?"
    # prompts and widget labels left inside the text (ScrapingHub pages: indiewire, wired, express,
    # metro, apnews, kompasiana's "Iklan" = advertisement, dailymail's "Image 1 of 5")
    r"|you may also like|você pode gostar|tell us what you think|popular on .{1,30}"
    r"|more great .{1,20} stories"
    r"|don'?t miss|related (?:post|roundup|coverage)\b.{0,80}|text size|close|(?:image )?\d{1,3} of \d{1,3}"
    r"|view all(?: \(\d+\))?|subscribe|learn more|iklan|filed under:.{0,60}|tags|more|source: .{1,60}"
    r"|click here to subscribe.{0,80}"
    # AP's story slug: "BC-EU--Britain-Brexit-Election, 1st Ld-Writethru"
    r"|[a-z]{2}-[a-z]{2,}--[\w-]+,? .{0,30}writethru"
    # the BBC's link boxes after the text, kept as a lone heading (bbc-time.html)
    r"|more on this (?:story|topic)"
    # page links of a paginated article without a class to go by: "1 2 3 下一页 共3页" (paginated.html's
    # box is named "page-nav"; this catches the same links in a bare <div>)
    r"|(?:(?:上一页|下一页|首页|尾页|末页|共\s*\d+\s*页|第\s*\d+\s*页|\d{1,3}|[<>«»‹›…]|prev(?:ious)?|next)\s*){2,}"
    r")[\s:：.!)）】\]]*$",
    re.I,
)
SHORT_MAX = 120

# A block with fewer than two letters or digits is an icon, a separator or a font-size
# control ("×", "•••", "T + -", "+1", AP's "___" before the credits: wire-ap.html); one made
# of digits only is a counter (163.com: "12934").
_TINY = re.compile(r"^[\W_]*(?:[^\W_][\W_]*)?$|^[\d\s,.]+$")

# Byline and date lines of English pages, whole blocks, case-sensitive: "By Sarah Jenkins"
# (bbc-time.html), "By Tom Harlan, Staff Writer" (br-paragraphs.html: a <br> run, no class
# to go by), "By MARIA ORTEGA and DANIEL KIM". A sentence ("By Monday, the council...") ends
# with a full stop or runs longer than `BYLINE_MAX`.
BYLINE_TEXT = re.compile(
    r"^By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|da|van|von|der|la|le))*"
    r"(?:\s*[,|/]\s*[A-Z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,4})?$"
)
BYLINE_MAX = 80
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_CLOCK = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?"
# A lone date, with its weekday and time: "4 March 2025" (bbc-time.html), "Tuesday, March 11,
# 2025 4:15 PM", "7:41 PM EDT, July 3, 2025" (wire-ap.html's timestamp).
DATE_LINE = re.compile(
    rf"^(?:{_CLOCK}\s*,?\s*)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
    rf"(?:\s*,?\s*(?:at\s+)?{_CLOCK})?$",
    re.I,
)


# Readability's "unlikely candidates": boxes dropped from the whole page before scoring,
# unless their names also say "content" (`MAYBE_CONTENT`). Substrings of the class and id.
# macrumors.com needed it: its comment thread outscores the article.
_UNLIKELY: tuple[str, ...] = (
    "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
    "footer", "gdpr", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox",
    "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate",
    "pagination", "popup", "yom-remote", "pinglun", "xiangguan", "tuijian",
)
# Only boxes are tested: inline elements sit inside a box that is.
UNLIKELY_SCOPE = (
    ":is(div, section, aside, ul, ol, li, nav, footer, header, form, table, dl)"
    ":is([class], [id])"
)
UNLIKELY = re.compile(alternation(_UNLIKELY))  # prefix-factored: found where "banner|breadcrumb|..." is
_UNLIKELY_WALK = 30
MAYBE_CONTENT = re.compile(r"and|article|body|column|content|main|shadow|zhengwen|neirong")


UNLIKELY_MAX_SHARE = 0.4  # a named box with more of the page's text is a layout wrapper
PROTECTED_SHARE = 0.5  # a boilerplate-named box with more of the content's text is its wrapper
DROP_MARK = "data-scraper-drop"
MAX_ANCHORS = 5_000  # links weighed per node: a 20 MB page of links must not take seconds
_ANCESTOR_WALK = 6  # link text counts for this many ancestors (sina.com.cn footers nest deep)


def drop_junk(root: Node) -> None:
    """Remove `JUNK_TAGS` elements with their content from `root`'s subtree.

    Reverse document order, so that nested junk goes before the junk around it (a <svg>
    inside a <button>); cheaper than Lexbor's strip_tags, which walks the tree once per tag.
    """
    own = root.mem_id
    for node in reversed(root.css(JUNK_SELECTOR)):
        if node.mem_id != own:
            node.decompose()


def drop_junk_and_find(root: Node, tags: frozenset[int]) -> list[Node]:
    """`drop_junk`, returning the elements of `root`'s subtree whose Lexbor tag id is in `tags`
    (tags that are never junk) and that are not inside junk, in document order.

    One walk finds both, in Python over every element (`Node.traverse`), instead of two
    Lexbor searches whose cost grows with the number of selectors (16 junk tags, 9 scored
    ones) times the elements: on the ScrapingHub pages junk and scoring together cost
    0.03 ms/page less (a single search with both groups saves nothing). An element inside
    a junk element comes right after it in document order: only those that follow a junk
    element with element children need an ancestor test, until the first one outside it.
    The junk is then decomposed as `drop_junk` does it; no element returned is inside it.
    """
    own = root.mem_id
    junk: list[Node] = []
    found: list[Node] = []
    open_box = 0  # the outermost junk element listed last, while the next ones may sit inside it
    for node in root.traverse():
        tag_id = node.tag_id
        if tag_id in _JUNK_IDS:
            key = node.mem_id
            if key == own:
                continue  # `root` is not dropped, as in `drop_junk`
            junk.append(node)
            if not open_box or not _inside(node, open_box, own):
                open_box = key if _has_element_child(node) else 0
        elif tag_id in tags:
            if open_box:
                if _inside(node, open_box, own):
                    continue
                open_box = 0
            found.append(node)
    for node in reversed(junk):
        node.decompose()
    return found


def _has_element_child(node: Node) -> bool:
    """True when an element (not text or a comment) is a child of the node."""
    child = node.child
    while child is not None:
        if child.is_element_node:
            return True
        child = child.next
    return False


def drop_unlikely(root: Node) -> None:
    """Remove readability's unlikely candidates from the page (never <body> or <html>).

    A box holding a large share of the page's text is kept: layout wrappers are named after
    the sidebar they sit next to (theantijunecleaver.com: "penci_sidebar", "theiastickysidebar").
    """
    nodes = root.css(UNLIKELY_SCOPE)
    names = [class_id(node) for node in nodes]
    limit = UNLIKELY_MAX_SHARE * chars(root.text())
    for index in sorted(find_in_names(names, _UNLIKELY)):
        node = nodes[index]
        if MAYBE_CONTENT.search(names[index]) is not None or node.tag in ("body", "html"):
            continue
        if chars(node.text()) < limit:
            node.attrs[DROP_MARK] = "1"
    _drop_marked(root)


def in_unlikely_box(node: Node) -> bool:
    """True when the node or one of its ancestors is named like an unlikely candidate."""
    current: Node | None = node
    for _ in range(_UNLIKELY_WALK):
        if current is None or current.tag_id in PAGE_IDS:
            return False
        names = class_id(current)
        if UNLIKELY.search(names) is not None and MAYBE_CONTENT.search(names) is None:
            return True
        current = current.parent
    return False


def find_in_names(names: list[str], tokens: tuple[str, ...]) -> set[int]:
    """Indexes of the names that contain one of the tokens.

    The names are joined and searched once per token with str.find (C speed): a regex
    alternation tried name by name costs several times more on pages with 1,000 names.
    """
    joined = "\n".join(names)
    starts = list(accumulate((len(name) + 1 for name in names), initial=0))
    hits: set[int] = set()
    for token in tokens:
        at = joined.find(token)
        while at >= 0:
            index = bisect_right(starts, at) - 1
            hits.add(index)
            at = joined.find(token, starts[index + 1])  # next name
    return hits


def _drop_marked(root: Node) -> None:
    """Decompose marked descendants of `root` in reverse document order.

    Descendants go before their ancestors, so no decompose touches a freed node, and no
    ancestor walk is needed. (Lexbor's css() may list a node twice and matches `root` too.)
    """
    own = root.mem_id
    seen: set[int] = set()
    for node in reversed(root.css(f"[{DROP_MARK}]")):
        key = node.mem_id
        if key != own and key not in seen:
            seen.add(key)
            node.decompose()
    if DROP_MARK in root.attributes:
        del root.attrs[DROP_MARK]


def class_id(node: Node) -> str:
    """The node's class and id attribute values, lower-cased, space separated."""
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()


def role_names(node: Node) -> str:
    """The names that say what a box is for: class, id and the `ROLE_ATTRS`, lower-cased."""
    return _role_names(node.attributes)  # one read: selectolax builds a new dict each time


def _role_names(attrs: dict[str, str | None]) -> str:
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    for name in ROLE_ATTRS:
        value = attrs.get(name)
        if value:
            names = f"{names} {value}"
    return names.lower()


def is_boilerplate_box(node: Node) -> bool:
    """True when the node's class or id names a boilerplate role."""
    return BOILERPLATE_CLASS.search(class_id(node)) is not None


def prune(content: Node, *, size: int | None = None) -> None:
    """Remove boilerplate descendants of `content` (never `content` itself).

    A box that holds most of the content's text is the article's own wrapper, whatever its
    tag or name: an ASP.NET page's <form> around everything, a hidden-until-scripted body,
    my6sense.com's body in an "elementor-widget-container". `size` is the content's
    `chars(content.text())` when the caller knows it.
    """
    limit = PROTECTED_SHARE * (chars(content.text()) if size is None else size)
    dropped = _boxes_to_drop(content, limit)
    for node in link_dense(content, inside=dropped):
        dropped.setdefault(node.mem_id, node)
    _drop_outermost(dropped, content.mem_id)


def _drop_outermost(nodes: dict[int, Node], stop: int) -> None:
    """Decompose the nodes (by id, all below the node with id `stop`) that are not inside
    another one: the others go with it. No search for marks: the boxes are few, their
    ancestor walks short, and no decompose touches a freed node."""
    outermost = []
    for node in nodes.values():
        parent = node.parent
        while parent is not None:
            key = parent.mem_id
            if key == stop:
                outermost.append(node)
                break
            if key in nodes:
                break
            parent = parent.parent
    for node in outermost:
        node.decompose()


def _boxes_to_drop(content: Node, limit: float) -> dict[int, Node]:
    """The outermost descendants of `content` dropped by tag (`DROP_TAGS`), as hidden
    (`HIDDEN_SELECTOR`) or by a boilerplate name (`BOILERPLATE_CLASS`), by node id.

    One Lexbor search for the three kinds. It lists them in document order (a node once per
    selector it matches, in a row), so the boxes inside a box already dropped come right
    after it: they are skipped untested, as they go with it (no text dump, no name test).
    """
    marked: dict[int, Node] = {}
    stop = content.mem_id
    last = stop
    open_box = 0  # the last box marked, while the nodes listed may still sit inside it
    for node in content.css(PRUNE_SELECTOR):
        key = node.mem_id
        if key == last:
            continue
        last = key
        if open_box:
            if _inside(node, open_box, stop):
                continue
            open_box = 0
        if _is_dropped_box(node, limit):
            marked[key] = node
            open_box = key
    return marked


def _inside(node: Node, box: int, stop: int) -> bool:
    """True when the box (an id) is an ancestor of the node below the node with id `stop`."""
    parent = node.parent
    while parent is not None:
        key = parent.mem_id
        if key == box:
            return True
        if key == stop:
            return False
        parent = parent.parent
    return False


def _is_dropped_box(node: Node, limit: float) -> bool:
    """The tests of `prune` on one node listed by `PRUNE_SELECTOR`, cheapest first."""
    attrs = node.attributes  # one read: selectolax builds a new dict each time
    if node.tag_id in _DROP_TAG_IDS or _is_hidden(attrs):
        return chars(node.text()) < limit  # a named box must be smaller than that too
    return _is_named_box(node, attrs, limit)


def _is_hidden(attrs: dict[str, str | None]) -> bool:
    """`HIDDEN_SELECTOR` on an element's attributes (case-sensitive values, as Lexbor does)."""
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return style is not None and any(part in style for part in HIDDEN_STYLES)


def _is_named_box(node: Node, attrs: dict[str, str | None], limit: float) -> bool:
    names = _role_names(attrs)
    if BOILERPLATE_CLASS.search(names) is None or chars(node.text()) >= limit:
        return False
    if CAPTION_BOX.search(names) is not None and node.css_first("img") is not None:
        return False  # WordPress "wp-caption": the image with its caption
    # An embedded post quoted by the article (nj.com: "social-media-embed") is kept.
    return EMBED_BOX.search(names) is None


def chars(text: str) -> int:
    """Length of a text without its spaces, tabs and line breaks (no copy: counted in C)."""
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t")


class Sizes:
    """`chars(node.text())` by node, each read once: a container's text is long and is
    weighed by several steps (link density, the selector rules, pruning). Valid while the
    tree keeps its text: make a new one after removing nodes (a freed node's id is reused)."""

    __slots__ = ("_known",)

    def __init__(self) -> None:
        self._known: dict[int, int] = {}

    def of(self, node: Node) -> int:
        """The node's text length without spaces, tabs and line breaks."""
        key = node.mem_id
        size = self._known.get(key)
        if size is None:
            size = self._known[key] = chars(node.text())
        return size

    def forget(self) -> None:
        """Drop every size: the tree lost nodes."""
        self._known.clear()


def link_dense(content: Node, *, inside: dict[int, Node] | None = None) -> list[Node]:
    """Descendants of `content` in `LINK_DENSE` whose text is mostly link text.

    `inside` holds boxes (by id) already dropped: the nodes below them go with them, so their
    text is not read (their link text still counts for the nodes around the box).
    """
    link_chars: dict[int, int] = {}
    nodes: dict[int, Node] = {}
    skip: set[int] = set()  # boxes of `inside`, and the nodes below them seen by the ancestor walk
    dropped = inside or {}
    stop = content.mem_id
    for anchor in content.css("a")[:MAX_ANCHORS]:
        size = chars(anchor.text())
        if not size:
            continue
        parent = anchor.parent
        below: list[int] = []  # the walk so far: all below the next ancestor
        for _ in range(_ANCESTOR_WALK):
            if parent is None or parent.mem_id == stop:
                break
            key = parent.mem_id
            if dropped and key in dropped:
                skip.update(below)
                skip.add(key)  # dropped already
            below.append(key)
            link_chars[key] = link_chars.get(key, 0) + size
            nodes[key] = parent
            parent = parent.parent
    dense = []
    for key, node in nodes.items():
        linked = link_chars[key]
        if linked < LINK_DENSE_MIN_LINK_CHARS or key in skip or node.tag_id not in _LINK_DENSE_IDS:
            continue
        total = chars(node.text())
        if total and linked / total > LINK_DENSITY_MAX:
            dense.append(node)
    return dense


# Labels after which the rest of an article's node is a recommendation list (163.com puts
# "延伸 · 推荐" and a teaser inside its "post_text"); only honoured in the second half.
END_OF_ARTICLE = re.compile(
    r"^[(（【\[]?(?:相关(?:文章|新闻|阅读|报道|推荐|链接|资讯)|推荐阅读|延伸阅读|延伸\s*[·・]\s*推荐|热门推荐|猜你喜欢"
    r"|更多精彩|精彩推荐"
    # the English labels of the same lists (wired.com: "More Great WIRED Stories")
    r"|(?i:more great .{1,20} stories|you may also like|read next|popular on .{1,20}))[)）】\]]?[\s:：.]*$"
)


def is_end_of_article(text: str) -> bool:
    """True when a block is a label that ends the article text (a related-list title)."""
    return len(text) < 30 and END_OF_ARTICLE.match(text) is not None


def is_boilerplate_text(text: str) -> bool:
    """True when a whole block is a boilerplate label or line."""
    return len(text) < 300 and (
        BOILERPLATE_TEXT.match(text) is not None
        or _TINY.match(text) is not None
        or (len(text) <= SHORT_MAX and _is_short_label(text))
    )


def _is_short_label(text: str) -> bool:
    if SHORT_LABEL.match(text) is not None:
        return True
    if len(text) > BYLINE_MAX:
        return False
    return BYLINE_TEXT.match(text) is not None or DATE_LINE.match(text) is not None
