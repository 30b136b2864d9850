"""The article body: blocks and images of realistic pages, without the page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper.dom import parse
from scraper.extract.body import Body, extract_body
from scraper.extract.body_selectors import CONTENT_RULES, matches

PAGES = Path(__file__).parent / "pages" / "body"
URL = "https://news.example.com/2024/05/harbour-bridge-reopens.html"

HEAD = """<head><meta charset="utf-8"><title>Harbour bridge reopens after repairs | Example News</title>
<link rel="stylesheet" href="/css/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
<style>.share a { display: inline-block; } .ad { min-height: 250px; }</style>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour bridge reopens"}</script>
</head>"""

HEADER = """<header class="site-header"><a class="logo" href="/"><img src="/img/logo.svg" alt="Example News"></a>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world/">World</a></li>
<li><a href="/business/">Business</a></li><li><a href="/sport/">Sport</a></li><li><a href="/culture/">Culture</a></li></ul></nav>
</header>"""

SIDEBAR = """<aside class="sidebar"><section class="widget most-read"><h3>Most read</h3><ol>
<li><a href="/a/1">Council approves new budget for the coming year after long debate</a></li>
<li><a href="/a/2">Storm warning issued for the whole coast as winds pick up tonight</a></li>
<li><a href="/a/3">Local team wins the regional final in a dramatic penalty shoot-out</a></li></ol></section>
<div class="ad ad-sidebar"><script>googletag.display("div-gpt-ad-2");</script>Advertisement</div></aside>"""

FOOTER = """<footer class="site-footer"><ul class="footer-links"><li><a href="/about">About us</a></li>
<li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li></ul>
<p class="copyright">© 2024 Example News Ltd. All rights reserved.</p></footer>
<script src="/js/app.js"></script>"""

RELATED = """<div class="related-articles"><h2>Related articles</h2><ul>
<li><a href="/a/10">Bridge repairs to start in March, engineers say after the inspection</a></li>
<li><a href="/a/11">Ferry timetable extended while the harbour bridge is closed for works</a></li>
<li><a href="/a/12">Traffic chaos expected as the harbour bridge closes for six months</a></li></ul></div>"""

SHARE = """<div class="share-bar"><span>Share this article</span><a href="https://facebook.com/sharer">Facebook</a>
<a href="https://twitter.com/intent/tweet">Twitter</a><a href="mailto:?subject=Harbour">Email</a></div>"""

PARAGRAPHS = (
    "The harbour bridge reopened to traffic on Monday morning, six months after engineers closed it "
    "for urgent repairs to its corroded steel cables.",
    "Commuters who had faced detours of up to forty minutes welcomed the reopening, although some "
    "lanes will remain closed at night until the end of the month.",
    "The repairs cost 42 million dollars, about a third more than the council first estimated, "
    "because the damage turned out to be worse than the inspection had shown.",
    "The council said it would publish a full report on the overrun in the autumn, and that regular "
    "inspections would now take place every two years instead of every five.",
)


def page(article: str, *, related: str = RELATED) -> str:
    """A news page around `article`: head, header with navigation, sidebar, related list, footer."""
    return (
        f"<!DOCTYPE html><html lang='en'>{HEAD}<body>{HEADER}<main><div class='layout'>"
        f"<article class='story'><h1>Harbour bridge reopens after repairs</h1>"
        f"<p class='byline'>By <a href='/staff/jane'>Jane Doe</a></p>{SHARE}{article}{related}</article>"
        f"{SIDEBAR}</div></main>{FOOTER}</body></html>"
    )


def body_of(html: str, *, title: str | None = "Harbour bridge reopens after repairs") -> Body:
    """Extract the body of an HTML text."""
    return extract_body(parse(html), url=URL, title=title)


def paragraphs_html() -> str:
    return "".join(f"<p>{text}</p>" for text in PARAGRAPHS)


def texts(body: Body) -> list[str]:
    return [block.text for block in body.blocks]


def test_plain_article_gives_its_paragraphs_in_order() -> None:
    """A page's body is its article paragraphs, in order, and nothing else."""
    body = body_of(page(f"<div class='story-body'>{paragraphs_html()}</div>"))
    assert texts(body) == list(PARAGRAPHS)
    assert all(block.kind == "paragraph" for block in body.blocks)


@pytest.mark.parametrize(
    "furniture",
    ["Home", "Most read", "Advertisement", "Related articles", "Bridge repairs to start in March",
     "Share this article", "Facebook", "All rights reserved", "Privacy policy", "dataLayer", "display:"],
    ids=["nav", "sidebar", "ad", "related-label", "related-link", "share", "share-link", "copyright",
         "footer", "script", "style"],
)
def test_page_furniture_is_not_in_the_body(furniture: str) -> None:
    """Navigation, sidebars, ads, share bars, related lists, footers and scripts stay out."""
    body = body_of(page(f"<div class='story-body'>{paragraphs_html()}</div>"))
    assert furniture not in "\n".join(texts(body))


def test_headline_is_not_part_of_the_body() -> None:
    """The h1 headline is the title, not the first block of the body."""
    body = body_of(page(f"<div class='story-body'>{paragraphs_html()}</div>"))
    assert body.blocks[0].text == PARAGRAPHS[0]
    assert all(text != "Harbour bridge reopens after repairs" for text in texts(body))


def test_text_separated_by_br_gives_one_block_per_line() -> None:
    """A <div> of <br>-separated lines gives one paragraph per line."""
    lines = "<br>\n".join(PARAGRAPHS)
    body = body_of(page(f"<div class='text'>{lines}</div>"))
    assert texts(body) == list(PARAGRAPHS)


def test_text_in_spans_inside_divs_is_found() -> None:
    """Blogger-style <div><span>text</span></div> paragraphs are found (linknaija.com)."""
    divs = "".join(f"<div><span><span>{text}</span></span></div>" for text in PARAGRAPHS)
    body = body_of(page(f"<div class='post-body'>{divs}</div>"))
    assert texts(body) == list(PARAGRAPHS)


def test_lists_give_list_items() -> None:
    """<li>s of a list inside the article become list_item blocks."""
    items = ("Lane one opens at six in the morning.", "Lane two opens at noon.", "Cyclists use the east path.")
    listing = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    body = body_of(page(f"<div class='story-body'>{paragraphs_html()}{listing}</div>"))
    assert [b.text for b in body.blocks if b.kind == "list_item"] == list(items)


def test_tables_give_table_rows_with_cells_separated() -> None:
    """Each table row becomes one table_row block, its cells separated by ' | '."""
    table = ("<table><caption>Repair costs</caption><tr><th>Item</th><th>Cost</th></tr>"
             "<tr><td>Cables</td><td>30 million</td></tr><tr><td>Deck</td><td>12 million</td></tr></table>")
    body = body_of(page(f"<div class='story-body'>{paragraphs_html()}{table}</div>"))
    assert [b.text for b in body.blocks if b.kind == "table_row"] == [
        "Item | Cost", "Cables | 30 million", "Deck | 12 million"]
    assert [b.text for b in body.blocks if b.kind == "caption"] == ["Repair costs"]


def test_blockquote_gives_a_quote_block() -> None:
    """A <blockquote> (with or without an inner <p>) becomes a quote block."""
    quote = "<blockquote><p>We are relieved that the bridge is open again before the winter.</p></blockquote>"
    body = body_of(page(f"<div class='story-body'>{paragraphs_html()}{quote}</div>"))
    assert [b.text for b in body.blocks if b.kind == "quote"] == [
        "We are relieved that the bridge is open again before the winter."]


def test_subheadings_give_heading_blocks() -> None:
    """<h2> sub-headings inside the article are heading blocks, in place."""
    html = (f"<div class='story-body'><p>{PARAGRAPHS[0]}</p><h2>What changes for drivers</h2>"
            f"<p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></div>")
    body = body_of(page(html))
    assert [(b.kind, b.text) for b in body.blocks][:3] == [
        ("paragraph", PARAGRAPHS[0]), ("heading", "What changes for drivers"), ("paragraph", PARAGRAPHS[1])]


def test_image_with_caption_is_an_article_image() -> None:
    """An article <figure> gives an Image with absolute URL, alt and caption; the caption is not body text."""
    figure = ("<figure><img src='/img/2024/bridge.jpg' alt='The reopened bridge' width='800'>"
              "<figcaption>The bridge at dawn on Monday. Photo: J. Doe</figcaption></figure>")
    body = body_of(page(f"<div class='story-body'><p>{PARAGRAPHS[0]}</p>{figure}{paragraphs_html()}</div>"))
    assert [(i.url, i.alt, i.caption) for i in body.images] == [
        ("https://news.example.com/img/2024/bridge.jpg", "The reopened bridge",
         "The bridge at dawn on Monday. Photo: J. Doe")]
    assert "Photo: J. Doe" not in "\n".join(texts(body))


def test_logos_and_tracking_pixels_are_not_article_images() -> None:
    """Logos, icons and 1x1 pixels are page furniture, not article images."""
    furniture = ("<img src='/img/icons/share-icon.png' alt=''><img src='/px.gif' width='1' height='1'>"
                 "<img src='data:image/gif;base64,R0lGOD'>")
    body = body_of(page(f"<div class='story-body'>{furniture}{paragraphs_html()}</div>"))
    assert body.images == []


def test_schema_org_article_body_is_named_as_source() -> None:
    """Markup with itemprop=articleBody is used and named in `source`."""
    body = body_of(page(f"<div itemprop='articleBody'>{paragraphs_html()}</div>"))
    assert body.source == "selector:articleBody"
    assert texts(body) == list(PARAGRAPHS)


def test_page_without_hints_falls_back_to_density() -> None:
    """Without known container names, the densest text node is found by scoring."""
    html = (f"<html><body><div id='x1'><a href='/'>Home</a> <a href='/n'>News</a></div>"
            f"<div id='x2'><div id='x3'>{paragraphs_html()}</div></div>"
            f"<div id='x4'><a href='/1'>Another story about something else entirely</a></div></body></html>")
    body = body_of(html, title=None)
    assert body.source == "density"
    assert texts(body) == list(PARAGRAPHS)


def test_page_without_text_gives_an_empty_body() -> None:
    """A page with no running text gives no blocks, and says so in `source`."""
    body = body_of("<html><body><nav><a href='/'>Home</a></nav><img src='/a.png'></body></html>", title=None)
    assert body.blocks == []
    assert body.source == "none"


def test_seed_page_body_has_the_article_from_first_to_last_sentence() -> None:
    """The seed page's body starts and ends where the article does, without the related list."""
    html = (PAGES / "seed_zh.html").read_text("utf-8")
    body = extract_body(parse(html), url="https://www.example.cn/news/7928711.html",
                        title="全国志愿服务“四个100”,宁波5个先进典型上榜")
    text = "\n".join(texts(body))
    assert text.startswith("2024年度全国志愿服务")
    assert text.endswith("用书香温暖职工心灵。")
    assert "相关文章" not in text
    assert "福龙马" not in text
    assert "发布时间" not in text


@pytest.mark.parametrize(
    "heading",
    ["新闻多一点", "鄞州区潘火街道香园社区", "北仑区霞浦街道物流工业社区", "宁波市总工会职工悦读志愿服务大队"],
    ids=["section", "community-1", "community-2", "team"],
)
def test_seed_page_keeps_its_sub_headings(heading: str) -> None:
    """The bold sub-headings of the seed page's "新闻多一点" section are heading blocks."""
    html = (PAGES / "seed_zh.html").read_text("utf-8")
    body = extract_body(parse(html), url="https://www.example.cn/news/7928711.html", title=None)
    assert ("heading", heading) in [(b.kind, b.text) for b in body.blocks]


def test_chinese_page_with_br_lines_in_a_div() -> None:
    """A Chinese portal page whose text is <br>-separated in a <div> gives one block per line."""
    lines = ("　　本报讯（记者 王明）5月12日，市政府召开新闻发布会，通报全市防汛工作进展情况。",
             "　　据介绍，今年以来全市累计投入防汛资金3.2亿元，完成河道清淤120公里。",
             "　　市防汛办负责人表示，将继续加强监测预警，确保群众生命财产安全。")
    html = ("<html><head><meta charset='utf-8'><title>防汛工作进展</title></head><body>"
            "<div class='nav'><a href='/'>首页</a> <a href='/xw/'>新闻</a> <a href='/tp/'>图片</a></div>"
            "<div class='left_zw' id='zoom'>" + "<br><br>".join(lines) + "</div>"
            "<div class='xgxw'><h4>相关新闻</h4><ul><li><a href='/1.html'>全市启动防汛四级应急响应</a></li>"
            "<li><a href='/2.html'>气象台发布暴雨蓝色预警信号</a></li></ul></div>"
            "<div class='bottom'>版权所有 © 2024 某某日报社</div></body></html>")
    body = body_of(html, title="防汛工作进展")
    assert texts(body) == [line.strip("　") for line in lines]


def test_article_split_into_same_class_chunks_is_joined() -> None:
    """An article cut into several same-class boxes between ads gives all of them (wired.com)."""
    chunks = "".join(
        f"<div class='grid'><div class='body__container article__body'><p>{text}</p></div>"
        f"<div class='ad ad-rail'>Advertisement</div></div>"
        for text in PARAGRAPHS
    )
    body = body_of(page(f"<div class='article__chunks'>{chunks}</div>"))
    assert texts(body) == list(PARAGRAPHS)


@pytest.mark.parametrize(
    "src",
    ["http://[broken/img.jpg", "   ", "javascript:void(0)"],
    ids=["unparsable", "blank", "javascript"],
)
def test_unusable_image_sources_are_skipped(src: str) -> None:
    """An <img> whose source cannot be an image URL is skipped, not an error."""
    body = body_of(page(f"<div class='story-body'><img src='{src}' alt='x'>{paragraphs_html()}</div>"))
    assert body.images == []
    assert texts(body) == list(PARAGRAPHS)


@pytest.mark.parametrize(
    "line",
    ["相关文章:", "责任编辑：杨倩_NF4425", "本文来源：证券市场红周刊 责任编辑：杨倩", "网易首页 > 财经频道 > 正文",
     "2019-09-07 13:43:45 来源: 每日经济新闻", "12934", "T + -", "×", "Advertisement", "© 2024 Example News Ltd.",
     "责编|陈梦莹", "关注公众号查看全文", "更多猛料！欢迎扫描左方二维码关注新浪新闻官方微信", "我要反馈", "___",
     "Related topics", "More on this story", "《 人民日报 》（ 2025年06月12日 01 版）", "Updated at 1:23 p.m.",
     "Tell us what YOU think...", "Image 2 of 5", "Iklan", "Filed under: Khawarij", "SOURCE: Al Jazeera News",
     "BC-EU--Britain-Brexit-Election, 1st Ld-Writethru", "Related Roundup: MacBook Pro", "Close"],
    ids=["related-label", "editor", "source-editor", "breadcrumb", "dateline", "counter", "font-size", "close",
         "ad-label", "copyright", "editor-bar", "follow-account", "qr-code", "feedback", "ap-separator",
         "bbc-related-topics", "bbc-more-on-this-story", "people-print-edition", "updated-clock",
         "comment-prompt", "gallery-counter", "ad-label-indonesian", "filed-under", "source-credit", "ap-slug",
         "related-roundup", "close-button"],
)
def test_boilerplate_lines_inside_the_article_are_dropped(line: str) -> None:
    """Label, editor, breadcrumb, date, counter and copyright lines inside the text are dropped."""
    body = body_of(page(f"<div class='story-body'><p>{line}</p>{paragraphs_html()}<p>{line}</p></div>"))
    assert texts(body) == list(PARAGRAPHS)


def test_source_line_breaks_inside_chinese_text_add_no_space() -> None:
    """A line break of the HTML source between two Chinese characters is not a space."""
    html = ("<html><body><div class='article-content'><p>　　截至目前，全市注册志愿者222万余人，\n        注册志愿服务组织1.7万余个，"
            "累计\n服务总时长9600多万小时。</p><p>该社区秉承“最大的资源是人”的理念，以“了不起的邻居”治理品牌为切入点。</p></div></body></html>")
    body = body_of(html, title=None)
    assert texts(body)[0] == "截至目前，全市注册志愿者222万余人，注册志愿服务组织1.7万余个，累计服务总时长9600多万小时。"


@pytest.mark.parametrize(
    "markup",
    ['<div class="a\nb">{p}</div><div class="a\nb">{p}</div>', '<o:p class="x">{p}</o:p>',
     '<div class=\'say "hi"\\\'>{p}</div><div class=\'say "hi"\\\'>{p}</div>', '<x-y:z class="q">{p}</x-y:z>'],
    ids=["newline-class", "namespaced-tag", "quotes-backslash-class", "custom-namespaced-tag"],
)
def test_odd_tag_and_class_names_do_not_break_selectors(markup: str) -> None:
    """Class names with quotes, newlines, backslashes and namespaced tags are safe in selectors."""
    body = body_of("<html><body>" + markup.format(p=paragraphs_html()) + "</body></html>", title=None)
    assert body.blocks[0].text == PARAGRAPHS[0]


def test_byline_and_date_line_inside_the_content_are_dropped() -> None:
    """A byline or date box inside the article container is not body text."""
    html = (f"<div class='story-body'><div class='byline'>By <a href='/staff/jane'>Jane Doe</a>, Senior Reporter</div>"
            f"<div class='date'>Updated 5:27 am, Monday, May 13, 2024</div>{paragraphs_html()}</div>")
    body = body_of(page(html))
    assert texts(body) == list(PARAGRAPHS)


def test_recommendation_label_near_the_end_cuts_the_rest() -> None:
    """A "延伸 · 推荐" label in the article's second half ends the text (163.com's teasers)."""
    lines = ("拦截诈骗和骚扰电话，是运营商义不容辞的责任，而履行责任应有举证确认的标准。",
             "归根结底，打击拦截电信诈骗也得精准拦截，在已有技术手段下尽量避免误伤。")
    teaser = "近日，四川江油一社区女民警在开展辖区“实有人口”核查工作时，平均日拨100余个电话。"
    html = ("<html><body><div class='post_text' id='endText'>" + "".join(f"<p>{line}</p>" for line in lines)
            + f"<div class='special_tag'><div class='special_tag_ttl'>延伸 · 推荐</div><p>{teaser}</p></div>"
            + "</div></body></html>")
    body = body_of(html, title=None)
    assert texts(body) == list(lines)


def test_headline_repeated_without_the_site_suffix_is_dropped() -> None:
    """A first block that is the title without its " | Site" suffix is the headline again."""
    html = f"<html><body><div class='story-body'><h2>Harbour bridge reopens after repairs</h2>{paragraphs_html()}</div></body></html>"
    body = body_of(html, title="Harbour bridge reopens after repairs | Example News")
    assert texts(body) == list(PARAGRAPHS)


def test_every_paragraph_of_a_blockquote_is_a_quote_and_text_after_it_is_not() -> None:
    """Block kinds follow nesting: all <p>s of a <blockquote> are quotes, the next <p> is not."""
    quote = "<blockquote><p>We are relieved.</p><div><p>The bridge is open again before the winter.</p></div></blockquote>"
    listing = "<ul><li><p>Lane one opens at six.</p></li><li>Lane two opens at noon.<br>Cyclists use the east path.</li></ul>"
    body = body_of(page(f"<div class='story-body'>{paragraphs_html()}{quote}<p>{PARAGRAPHS[0]} Again.</p>{listing}</div>"))
    assert [(b.kind, b.text) for b in body.blocks][4:] == [
        ("quote", "We are relieved."), ("quote", "The bridge is open again before the winter."),
        ("paragraph", f"{PARAGRAPHS[0]} Again."), ("list_item", "Lane one opens at six."),
        ("list_item", "Lane two opens at noon."), ("list_item", "Cyclists use the east path.")]


def test_form_wrapping_the_whole_page_is_not_pruned_with_its_text() -> None:
    """An ASP.NET-style <form> around the whole page keeps the article inside it."""
    html = (f"<html><body><div class='entry-content'><form id='form1' method='post'>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>{paragraphs_html()}</form></div></body></html>")
    body = body_of(html, title=None)
    assert texts(body) == list(PARAGRAPHS)


def test_wordpress_caption_box_gives_the_image_caption_not_body_text() -> None:
    """A WordPress "wp-caption" box gives the image its caption; the caption is not body text."""
    box = ("<div class='wp-caption aligncenter'><img src='/wp-content/uploads/2024/05/bridge.jpg' alt='Bridge'>"
           "<p class='wp-caption-text'>The bridge at dawn on Monday.</p></div>")
    body = body_of(page(f"<div class='entry-content'><p>{PARAGRAPHS[0]}</p>{box}{paragraphs_html()}</div>"))
    assert [(i.url, i.caption) for i in body.images] == [
        ("https://news.example.com/wp-content/uploads/2024/05/bridge.jpg", "The bridge at dawn on Monday.")]
    assert "The bridge at dawn on Monday." not in texts(body)


def test_images_in_pruned_boxes_are_not_article_images() -> None:
    """An image inside a share bar or ad box inside the article is dropped with its box."""
    furniture = ("<div class='share-tools'><img src='/img/share/facebook-large.png' width='120' alt='Facebook'></div>"
                 "<div class='ad ad-inline'><img src='/ads/banner.jpg' width='300' alt='Ad'></div>")
    body = body_of(page(f"<div class='story-body'>{furniture}{paragraphs_html()}</div>"))
    assert body.images == []


def test_government_cms_body_in_trs_editor_is_kept() -> None:
    """A TRS_Editor box (Chinese government CMSs) is the article body, not an editor line."""
    lines = ("1-10月，全县固定资产投资完成246.79亿元，完成年度计划82.3%，同比增长15.3%。",
             "其中第三产业投资完成119.90亿元，同比增长15.2%，位列三县两区第二。")
    html = ("<html><body><div class='main-txt' id='zoom'><div class='TRS_Editor'>"
            + "".join(f"<p>　　{line}</p>" for line in lines)
            + "</div><div class='fenxiang'>分享到：微信 微博</div></div></body></html>")
    body = body_of(html, title=None)
    assert texts(body) == list(lines)


@pytest.mark.parametrize(
    "element",
    ['<div class="entry-content clearfix">', '<section id="Article-Body">', '<div class="ArticlePage-content">',
     '<div class="articleBody">', '<td id="zoom">', '<div class="TRS_Editor">', '<main>', '<article>',
     '<div class="main-wrap">', '<span class="entry-content">', '<div class="text">', '<div class="text big">',
     '<div itemprop="articleBody">', '<p class="post-content">'],
    ids=["entry-content", "id-any-case", "case-sensitive-miss", "articlebody-i", "td-zoom", "trs-editor", "main",
         "article", "main-prefix", "span-not-container", "class-equals", "class-not-equal", "itemprop", "p-not-container"],
)
def test_content_rule_matcher_agrees_with_its_css(element: str) -> None:
    """The Python matcher of each content rule gives the same answer as the rule's CSS selector."""
    tag = element[1:].split()[0].rstrip(">")
    closing = "" if tag == "td" else f"</{tag}>"
    html = f"<html><body><table><tr>{element}x{closing}</tr></table></body></html>" if tag == "td" else \
        f"<html><body>{element}x{closing}</body></html>"
    tree = parse(html)
    node = tree.css_first(tag)
    assert node is not None
    for rule in CONTENT_RULES:
        by_css = any(match.mem_id == node.mem_id for match in tree.css(rule.css))
        assert matches(node.tag or "", node.attributes, rule) == by_css, rule.source


@pytest.mark.parametrize(
    "line",
    ["By Sarah Jenkins", "By Tom Harlan, Staff Writer", "By MARIA ORTEGA and DANIEL KIM", "4 March 2025",
     "Posted: Tuesday, March 11, 2025 4:15 PM", "Updated 7:41 PM EDT, July 3, 2025", "7:41 PM EDT, July 3, 2025",
     "Nov. 20, 2019, 9:28 AM UTC"],
    ids=["bbc-byline", "byline-with-role", "byline-two-names", "bbc-date", "posted-line", "ap-updated",
         "ap-timestamp", "abbreviated-month"],
)
def test_byline_and_date_lines_without_a_class_are_dropped(line: str) -> None:
    """An English byline or date line is not body text, even when no class names it."""
    body = body_of(page(f"<div class='story-body'><div>{line}</div>{paragraphs_html()}</div>"))
    assert texts(body) == list(PARAGRAPHS)


@pytest.mark.parametrize(
    "sentence",
    ["By Monday, the council had approved the repairs.", "By 2030 the bridge will need new cables",
     "By the end of the month all lanes will be open"],
    ids=["by-weekday", "by-year", "by-the-end"],
)
def test_sentence_starting_with_by_is_kept(sentence: str) -> None:
    """A paragraph that starts with "By" but is a sentence, not a byline, stays in the body."""
    body = body_of(page(f"<div class='story-body'>{paragraphs_html()}<p>{sentence}</p></div>"))
    assert texts(body)[-1] == sentence


def test_byline_box_named_by_data_component_is_dropped() -> None:
    """A BBC-style box whose data-component says "byline-block" goes with all its lines."""
    byline = ("<div data-component='byline-block' class='ssrcss-1m3w0sw-ComponentWrapper'>"
              "<div class='ssrcss-68pt20-Text-TextContributorName'>By Sarah Jenkins</div>"
              "<div class='ssrcss-84ltp5-Text'>BBC News, Manchester</div></div>")
    body = body_of(page(f"<div class='story-body'>{byline}{paragraphs_html()}</div>"))
    assert texts(body) == list(PARAGRAPHS)


def test_table_row_of_paragraph_cells_is_one_block_with_every_cell() -> None:
    """A Word-exported table (each cell's text in a <p>) gives one table_row per <tr>, numbers kept."""
    table = ("<table class='MsoNormalTable' border='1'><tbody>"
             "<tr><td><p align='center'><b>指标</b></p></td><td><p align='center'><b>1-5月(亿元)</b></p></td>"
             "<td><p align='center'><b>同比增长(%)</b></p></td></tr>"
             "<tr><td><p>规模以上工业增加值</p></td><td><p align='right'>1896.4</p></td><td><p align='right'>7.2</p></td></tr>"
             "<tr><td><p>　其中:高技术制造业</p></td><td><p>312.8</p></td><td><p>10.5<br></p></td></tr>"
             "</tbody></table>")
    body = body_of(page(f"<div class='story-body'>{paragraphs_html()}{table}</div>"))
    assert [(b.kind, b.text) for b in body.blocks][len(PARAGRAPHS):] == [
        ("table_row", "指标 | 1-5月(亿元) | 同比增长(%)"), ("table_row", "规模以上工业增加值 | 1896.4 | 7.2"),
        ("table_row", "其中:高技术制造业 | 312.8 | 10.5")]


def test_layout_table_cell_keeps_its_paragraphs_as_blocks() -> None:
    """An old site's layout table (the article in one <td>) gives one block per paragraph, not one row."""
    html = (f"<html><body><table width='780'><tr><td class='nav'><a href='/'>Home</a></td></tr>"
            f"<tr><td class='storytext'>{paragraphs_html()}</td></tr></table></body></html>")
    body = body_of(html, title=None)
    assert texts(body) == list(PARAGRAPHS)


def test_standfirst_next_to_the_article_text_is_not_joined() -> None:
    """A dek paragraph beside the body (Next.js "Article_dek__x") is a summary, not article text."""
    html = ("<html><body><main><article class='Article_article__9fKkm'><p class='Article_kicker__Hy2Bq'>Energy</p>"
            "<h1>Harbour bridge reopens after repairs</h1>"
            "<p class='Article_dek__Ts8Rw'>The bridge is open again after six months of repairs.</p>"
            f"<div class='Article_body__Pp0Ls'>{paragraphs_html()}</div></article></main></body></html>")
    body = body_of(html)
    assert texts(body) == list(PARAGRAPHS)


def test_standfirst_inside_the_article_container_is_dropped() -> None:
    """A "standfirst" box inside the chosen container is pruned like a byline."""
    dek = "<div class='content__standfirst'><p>The bridge is open again after six months of repairs.</p></div>"
    body = body_of(page(f"<div class='story-body'>{dek}{paragraphs_html()}</div>"))
    assert texts(body) == list(PARAGRAPHS)


def test_lead_photo_just_before_the_text_is_the_first_image() -> None:
    """A WordPress "post-thumbnail" <figure> beside the entry content is the article's lead image."""
    html = ("<html><body><article class='post'><header class='entry-header'><h1>Harbour bridge reopens after repairs</h1>"
            "</header><figure class='post-thumbnail'><img src='/wp-content/uploads/2024/05/aerial.jpg' alt='Aerial view'>"
            "<figcaption>The bridge from the air. (Photo by J. Doe)</figcaption></figure>"
            f"<div class='entry-content'>{paragraphs_html()}<figure><img src='/img/deck.jpg' alt='Deck'></figure></div>"
            "</article></body></html>")
    body = body_of(html)
    assert [(i.url, i.caption) for i in body.images] == [
        ("https://news.example.com/wp-content/uploads/2024/05/aerial.jpg", "The bridge from the air. (Photo by J. Doe)"),
        ("https://news.example.com/img/deck.jpg", None)]
    assert "The bridge from the air. (Photo by J. Doe)" not in texts(body)


@pytest.mark.parametrize(
    "before",
    ["<figure><img src='/img/masthead-photo.jpg' alt=''></figure><h1>Harbour bridge reopens after repairs</h1>",
     "<div class='ad ad-top'><figure><img src='/ads/banner.jpg' alt='Ad'></figure></div>",
     "<figure><img src='/img/other-story.jpg' alt=''></figure><p>" + PARAGRAPHS[0] * 2 + "</p>"],
    ids=["before-the-headline", "ad-box", "before-other-text"],
)
def test_figure_away_from_the_text_is_not_a_lead_photo(before: str) -> None:
    """A <figure> above the headline, in an ad box, or before other running text is not the lead image."""
    html = f"<html><body><main>{before}<div class='entry-content'>{paragraphs_html()}</div></main></body></html>"
    body = body_of(html)
    assert body.images == []


def test_lazy_image_is_read_from_its_data_src() -> None:
    """A lazy-loaded <img> gives its data-src, not the placeholder in src (moneycontrol.com)."""
    img = "<img src='//stat1.example.com/images/grey_bg.gif' data-src='https://cdn.example.com/2019/sensex.jpg' alt=''>"
    body = body_of(page(f"<div class='story-body'><figure>{img}</figure>{paragraphs_html()}</div>"))
    assert [i.url for i in body.images] == ["https://cdn.example.com/2019/sensex.jpg"]


def test_english_recommendation_label_in_the_second_half_cuts_the_rest() -> None:
    """A "More Great WIRED Stories" label after the text ends it: the teaser links below stay out."""
    teasers = "".join(f"<p>{title}</p>" for title in (
        "YouTubers must unionize, no matter what Google says", "The plan to boost drone batteries with a jet engine"))
    body = body_of(page(f"<div class='story-body'>{paragraphs_html()}<h3>More Great WIRED Stories</h3>{teasers}</div>"))
    assert texts(body) == list(PARAGRAPHS)


def test_lead_photo_walk_over_many_comment_nodes_stays_short() -> None:
    """200,000 comment nodes between a figure and the text are not walked: no lead image, no delay."""
    html = ("<html><body><div><figure><img src='/img/a.jpg' alt=''></figure>" + "<!-- x -->" * 200_000
            + f"<div class='entry-content'>{paragraphs_html()}</div></div></body></html>")
    body = body_of(html)
    assert texts(body) == list(PARAGRAPHS)
    assert body.images == []


@pytest.mark.parametrize(
    "links",
    ["<span>1</span> <a href='/p_2.html'>2</a> <a href='/p_3.html'>3</a> <a href='/p_2.html'>下一页</a> <span>共3页</span>",
     "<a href='/p/1'>« Previous</a> <a href='/p/1'>1</a> <span>2</span> <a href='/p/3'>3</a> <a href='/p/3'>Next »</a>"],
    ids=["chinese", "english"],
)
def test_page_links_of_a_paginated_article_are_dropped(links: str) -> None:
    """The page links under a paginated article (paginated.html's "1 2 3 下一页") are not body text."""
    body = body_of(page(f"<div class='story-body'>{paragraphs_html()}<div>{links}</div></div>"))
    assert texts(body) == list(PARAGRAPHS)
