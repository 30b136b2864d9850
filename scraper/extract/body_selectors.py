"""Markup that names the article body: the selector table of the content finder.

Ordered by precedence: the first group with a usable match wins (see `body.find_content`
for "usable"). The groups follow trafilatura's `BODY_XPATH` (its tested table over many
CMSs), translated to CSS, plus Chinese CMS names (正文 = zhengwen, 内容 = neirong).
"""

from __future__ import annotations

_CONTAINERS = ":is(article, div, main, section, td)"


def _group(*conditions: str) -> str:
    return f"{_CONTAINERS}:is({', '.join(conditions)})"


# (source name, CSS selector, may be broader than the density winner), in order of
# precedence. Generic containers ("article", "main", "#content") are only trusted when they
# sit inside the densest node: broader ones carry sidebars and comments (nypost.com).
CONTENT_SELECTORS: tuple[tuple[str, str, bool], ...] = (
    # schema.org and the common CMS body classes (WordPress "entry-content", news CMSs)
    ("selector:articleBody", '[itemprop="articleBody"], [itemprop="articlebody"]', True),
    ("selector:article-body", _group(
        '[class*="post-text"]', '[class*="post_text"]', '[class*="post-body"]', '[class*="post-entry"]',
        '[class*="postentry"]', '[class*="post-content"]', '[class*="post_content"]',
        '[class*="postcontent" i]', '[class*="post_inner_wrapper"]', '[class*="article-text"]',
        '[class*="articletext" i]', '[id*="entry-content"]', '[class*="entry-content"]',
        '[id*="article-content"]', '[class*="article-content"]', '[id*="article__content"]',
        '[class*="article__content"]', '[id*="article-body"]', '[class*="article-body"]',
        '[id*="article__body"]', '[class*="article__body"]', '[id*="articlebody" i]',
        '[class*="articlebody" i]', '[id="articleContent"]', '[class*="ArticleContent"]',
        '[class*="page-content"]', '[class*="text-content"]', '[id*="body-text"]',
        '[class*="body-text"]', '[class*="article__container"]', '[id*="art-content"]',
        '[class*="art-content"]',
    ), True),
    # Chinese news CMSs: 正文 / 内容 / 文章 containers (gne-zh pages: 163, sina, thepaper...)
    ("selector:zh-content", _group(
        '[class*="zhengwen"]', '[id*="zhengwen"]', '[class*="article-con"]', '[id="artibody"]',
        '[id="endText"]', '[class="post_body"]', '[id="content_body"]', '[class*="news_txt"]',
        '[class*="newsContent"]', '[id*="newsContent"]', '[class*="TRS_Editor"]', '[id="zoom"]',
        '[class*="neirong"]', '[class*="wenzhang"]', '[class*="detail-content"]',
        '[class*="detail_content"]', '[class*="content_txt"]', '[class*="txt_con"]',
    ), True),
    ("selector:article", "article", False),
    ("selector:story", _group(
        '[class*="post-bodycopy"]', '[class*="storycontent"]', '[class*="story-content"]',
        '[class="postarea"]', '[class="art-postcontent"]', '[class*="theme-content"]',
        '[class*="blog-content"]', '[class*="section-content"]', '[class*="single-content"]',
        '[class*="single-post"]', '[class*="main-column"]', '[class*="wpb_text_column"]',
        '[id^="primary"]', '[class^="article "]', '[class="text"]', '[id="article"]', '[class="cell"]',
        '[id="story"]', '[class="story"]', '[class*="story-body"]', '[id*="story-body"]',
        '[class*="field-body"]', '[class*="fulltext" i]', '[role="article"]',
    ), False),
    ("selector:main-content", _group(
        '[id*="content-main"]', '[class*="content-main"]', '[class*="content_main"]',
        '[id*="content-body"]', '[class*="content-body"]', '[id*="contentBody"]',
        '[class*="content__body"]', '[id*="main-content" i]', '[class*="main-content" i]',
        '[id="content"]', '[class="content"]',
    ), False),
    ("selector:main",
     ':is(article, div, section):is([class^="main"], [id^="main"], [role^="main"]), main', False),
)

