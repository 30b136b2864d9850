"""Real-looking news pages for crawl tests: navigation, ads, scripts, sidebars, footers."""

from __future__ import annotations

from collections.abc import Sequence

_PARAS = (
    "The city council approved the new riverside park plan on Tuesday after a two-hour debate, "
    "with nine members voting in favour and two against the proposal.",
    "Construction is expected to start next spring and will cost about 12 million dollars, "
    "according to the planning department, which published the budget last week.",
    "Residents who attended the meeting said they welcomed the green space but worried about "
    "parking, noise during construction and the loss of the old boat house.",
    "The mayor said the park would open in stages, with the first playground and walking trails "
    "ready before the end of next year if the weather allows.",
)


def _shell(title: str, main: str, *, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Riverside Daily</title>
<script>window.dataLayer = window.dataLayer || [];</script>{head}</head>
<body>
<header><nav class="menu"><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a>
<a href="/about.html">About us</a></nav></header>
<div class="ad-banner"><a href="https://ads.example.invalid/click?id=1">Advertisement</a></div>
{main}
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/news/">Latest news</a></li></ul></aside>
<footer><p>&copy; 2025 Riverside Daily. All rights reserved.</p><a href="/contact.html">Contact</a></footer>
</body></html>"""


def article(title: str, *, links: Sequence[str] = (), paras: int = 4, head: str = "") -> str:
    """An article page: headline, date, byline, paragraphs, a related list."""
    body = f"<p>{title}: what we know so far.</p>\n" + "\n".join(
        f"<p>{_PARAS[i % len(_PARAS)]}</p>" for i in range(paras))
    related = "".join(f'<li><a href="{href}">Related story {i}</a></li>' for i, href in enumerate(links))
    main = f"""<main><article><h1>{title}</h1>
<p class="byline">By Jane Doe | <time datetime="2025-07-03T09:30:00+00:00">3 July 2025</time></p>
{body}
</article><section class="related"><h2>Related</h2><ul>{related}</ul></section></main>"""
    return _shell(title, main, head=head)


def index(title: str, links: Sequence[str], *, head: str = "") -> str:
    """A section front: a list of headlines, no article text."""
    items = "".join(f'<li><a href="{href}">Headline number {i}</a></li>' for i, href in enumerate(links))
    return _shell(title, f"<main><h1>{title}</h1><ul class='list'>{items}</ul></main>", head=head)
