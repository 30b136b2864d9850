"""Generate a static news site of N articles over K hosts, for the crawl benchmark.

    python bench/gensite.py OUT_DIR --articles 10000 --hosts 4 [--seed 1] [--origin URL_TEMPLATE]

Writes one site root per host, `OUT_DIR/h0/`, `OUT_DIR/h1/`... (file paths = URL paths; serve each
root with any static server), and `OUT_DIR/manifest.json` (hosts, article counts, expected
records). Each host has:

- `/` (index.html): section links, the latest articles, a link to `/private/` (robots-disallowed);
- `/news/<section>/index.html`, `index_2.html`...: 20 articles a page, pagination with first,
  previous, next, last and a window of page numbers;
- `/news/<section>/<yyyymmdd>/<id>.html`: articles of a few KB with realistic furniture (navigation,
  ads, scripts, sidebar, related list, footer), Chinese or English, about 1 in 10 with `?utm_source`
  duplicate links in the related list;
- `robots.txt` (`Disallow: /private/`, `Sitemap:`), `sitemap.xml` (an index) with urlsets of at most
  5,000 URLs and `lastmod`, `feed.xml` (RSS 2.0, the latest 50 articles, linked from every page),
  `private/secret.html`.

Links inside a host are root-relative. With `--origin 'http://127.0.0.{n}:8000'` (`{n}` is the
host number from 1) sitemap locations are absolute and each home page links to the other hosts'
home pages, so a crawl can cross hosts. Deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

SECTIONS = (("local", "本地新闻"), ("economy", "经济"), ("culture", "文化"), ("world", "World"))
PER_PAGE = 20
SITEMAP_CHUNK = 5000
WINDOW = 5
CST = timezone(timedelta(hours=8))

ZH_SUBJECTS = ("宁波", "市文旅局", "北仑区", "鄞州区", "宁波舟山港", "市总工会", "象山县", "慈溪市", "余姚市", "海曙区")
ZH_ACTIONS = (
    "获评全国先进集体", "完成年度目标任务", "入选省级示范项目名单", "举办第十届志愿服务交流会",
    "发布上半年经济运行数据", "启动老旧小区改造工程", "获得国家级荣誉称号", "推出一批惠民举措",
)
ZH_SENTENCES = (
    "记者从{s}获悉,今年以来累计投入资金{n}亿元,同比增长{p}%。",
    "截至目前,全市注册志愿者{n}万余人,累计服务时长{m}万小时。",
    "{s}相关负责人表示,下一步将继续加大工作力度,力争全年完成{m}个项目。",
    "据统计,上半年共接待游客{m}万人次,实现旅游收入{n}亿元,分别增长{p}%和{q}%。",
    "该项目于{y}年启动实施,已惠及居民{m}户,获评“{s}最佳志愿服务项目”。",
    "会议指出,要坚持系统化布局,健全完善工作体系,推动各项工作落地见效。",
    "{s}共有{n}个项目入选,数量位居全省前列,创历史最好成绩。",
    "业内人士分析,外贸需求回暖和数字化改造是增长的主要原因。",
)
EN_SUBJECTS = ("The city", "Ningbo port", "The district", "A local charity", "The university", "Officials")
EN_ACTIONS = (
    "wins national award", "reports record output", "opens new public park", "honours volunteers",
    "launches summer programme", "expands rail freight",
)
EN_SENTENCES = (
    "{s} said on Tuesday that investment rose {p} percent to {n} billion yuan in the first half.",
    "More than {m} residents have taken part since the programme began in {y}.",
    "The award is the highest honour in its field and is reviewed every three years.",
    "Analysts attributed the growth to recovering demand and new automated terminals.",
    "\"This is recognition of years of steady work,\" said a spokesperson for {s}.",
    "The project covers about {m} hectares and is expected to be finished by {y}.",
)


@dataclass(frozen=True)
class Article:
    host: int
    section: str
    path: str
    title: str
    day: date
    english: bool
    paragraphs: tuple[str, ...]


def _sentence(rng: random.Random, pool: tuple[str, ...], subjects: tuple[str, ...]) -> str:
    return rng.choice(pool).format(
        s=rng.choice(subjects), n=rng.randint(2, 980), m=rng.randint(10, 9800),
        p=round(rng.uniform(0.5, 40), 1), q=round(rng.uniform(0.5, 40), 1), y=rng.randint(2015, 2027),
    )


def make_articles(n: int, hosts: int, rng: random.Random) -> list[Article]:
    start = date(2025, 7, 3)
    articles = []
    for i in range(n):
        section, _ = SECTIONS[i % len(SECTIONS)]
        english = section == "world"
        day = start - timedelta(days=i // 40)
        subjects, actions, pool = (
            (EN_SUBJECTS, EN_ACTIONS, EN_SENTENCES) if english else (ZH_SUBJECTS, ZH_ACTIONS, ZH_SENTENCES)
        )
        title = f"{rng.choice(subjects)} {rng.choice(actions)}" if english else rng.choice(subjects) + rng.choice(actions)
        sep = " " if english else ""
        paragraphs = tuple(
            sep.join(_sentence(rng, pool, subjects) for _ in range(rng.randint(2, 4)))
            for _ in range(rng.randint(4, 8))
        )
        path = f"/news/{section}/{day:%Y%m%d}/{7_000_000 + i}.html"
        articles.append(Article(i % hosts, section, path, title, day, english, paragraphs))
    return articles


def _head(title: str, *, english: bool, extra: str = "") -> str:
    lang = "en" if english else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="stylesheet" href="/static/site.css">\n'
        '<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">\n'
        f"{extra}<script>var _hmt = _hmt || []; window.dataLayer = window.dataLayer || [];</script>\n"
        "</head>\n<body>\n"
        '<div class="top"><a href="/">首页</a> '
        + " ".join(f'<a href="/news/{key}/index.html">{name}</a>' for key, name in SECTIONS)
        + ' <a href="https://ads.example.net/c?id=1" rel="nofollow sponsored">广告</a></div>\n'
        '<div class="ad"><script>document.write("<img src=/static/ad.gif>");</script></div>\n'
    )


FOOT = (
    '<div class="footer"><a href="/about.html">关于我们</a> | <a href="/private/secret.html">内部</a>'
    " | Copyright &copy; 2025 Benchmark News. 浙ICP备00000000号</div>\n"
    "<script>(function(){var s=document.createElement('script');s.async=true;})();</script>\n</body>\n</html>\n"
)


def render_article(a: Article, related: list[Article], rng: random.Random) -> str:
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
                     "datePublished": f"{a.day.isoformat()}T08:00:00+08:00"}, ensure_ascii=False)
    extra = f'<meta property="og:type" content="article">\n<script type="application/ld+json">{ld}</script>\n'
    tracking = "?utm_source=related&amp;utm_medium=web" if rng.random() < 0.1 else ""
    rel = "\n".join(
        f'<li><a href="{r.path}{tracking}">{html.escape(r.title)}</a><span>{r.day:%m-%d}</span></li>' for r in related
    )
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in a.paragraphs)
    return (
        _head(a.title, english=a.english, extra=extra)
        + f'<div class="crumb"><a href="/">首页</a> &gt; <a href="/news/{a.section}/index.html">{a.section}</a></div>\n'
        f'<div class="article"><h1>{html.escape(a.title)}</h1>\n'
        f'<div class="info">发布时间:{a.day.isoformat()} 08:00:00 来源:Benchmark News</div>\n'
        f'<div class="content">\n{body}\n</div></div>\n'
        f'<div class="related"><h3>相关文章</h3><ul>\n{rel}\n</ul></div>\n'
        '<div class="sidebar"><h3>热点排行</h3><ol>'
        + "".join(f'<li><a href="{r.path}">{html.escape(r.title)}</a></li>' for r in related[:3])
        + "</ol></div>\n"
        + FOOT
    )


def render_section(section: str, name: str, items: list[Article], page: int, pages: int) -> str:
    def href(n: int) -> str:
        return f"/news/{section}/index.html" if n == 1 else f"/news/{section}/index_{n}.html"

    nav = [f'<a href="{href(1)}">首页</a>']
    if page > 1:
        nav.append(f'<a href="{href(page - 1)}">上一页</a>')
    for n in range(max(1, page - WINDOW), min(pages, page + WINDOW) + 1):
        nav.append(f'<a href="{href(n)}">{n}</a>' if n != page else f"<span>{n}</span>")
    if page < pages:
        nav.append(f'<a href="{href(page + 1)}">下一页</a>')
    nav.append(f'<a href="{href(pages)}">尾页</a>')
    lis = "\n".join(
        f'<li><a href="{a.path}">{html.escape(a.title)}</a><span>{a.day.isoformat()}</span></li>' for a in items
    )
    return (
        _head(f"{name} - 第{page}页", english=False)
        + f'<div class="list"><h2>{name}</h2><ul>\n{lis}\n</ul>\n<div class="pages">{" ".join(nav)}</div></div>\n'
        + FOOT
    )


def _write(root: Path, path: str, text: str | bytes) -> None:
    target = root / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        target.write_text(text, encoding="utf-8")
    else:
        target.write_bytes(text)


def write_host(root: Path, host: int, articles: list[Article], *, origin: str | None, hosts: int,
               rng: random.Random) -> dict[str, object]:
    prefix = origin.format(n=host + 1) if origin else ""
    by_section: dict[str, list[Article]] = {key: [] for key, _ in SECTIONS}
    for a in articles:
        by_section[a.section].append(a)
    section_pages = []
    for key, name in SECTIONS:
        items = by_section[key]
        pages = max(1, -(-len(items) // PER_PAGE))
        for page in range(1, pages + 1):
            path = f"/news/{key}/index.html" if page == 1 else f"/news/{key}/index_{page}.html"
            section_pages.append(path)
            _write(root, path, render_section(key, name, items[(page - 1) * PER_PAGE : page * PER_PAGE], page, pages))
        for i, a in enumerate(items):
            related = [items[j] for j in range(i + 1, min(i + 6, len(items)))] or items[max(0, i - 5) : i]
            _write(root, a.path, render_article(a, related, rng))
    others = ""
    if origin:
        others = "\n".join(f'<li><a href="{origin.format(n=h + 1)}/">Host {h}</a></li>' for h in range(hosts) if h != host)
    latest = "\n".join(f'<li><a href="{a.path}">{html.escape(a.title)}</a></li>' for a in articles[:30])
    _write(root, "/index.html", _head("Benchmark News", english=False)
           + f"<ul class=\"latest\">\n{latest}\n</ul>\n<ul class=\"network\">{others}</ul>\n" + FOOT)
    _write(root, "/about.html", _head("关于我们", english=False) + "<p>基准测试用的虚构新闻网站。</p>\n" + FOOT)
    _write(root, "/private/secret.html", _head("内部", english=False) + "<p>robots.txt 禁止抓取。</p>\n" + FOOT)
    _write(root, "/static/site.css", "body{font:14px sans-serif}\n")
    _write(root, "/robots.txt", f"User-agent: *\nDisallow: /private/\n\nSitemap: {prefix}/sitemap.xml\n")
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    locs = [(p, None) for p in ["/", *section_pages]] + [(a.path, a.day.isoformat()) for a in articles]
    chunks = [locs[i : i + SITEMAP_CHUNK] for i in range(0, len(locs), SITEMAP_CHUNK)]
    for n, chunk in enumerate(chunks, 1):
        urls = "\n".join(
            f"<url><loc>{prefix}{p}</loc>" + (f"<lastmod>{d}</lastmod>" if d else "") + "</url>" for p, d in chunk
        )
        _write(root, f"/sitemap-{n}.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {ns}>\n{urls}\n</urlset>\n')
    items = "\n".join(
        f"<item><title>{html.escape(a.title)}</title><link>{prefix}{a.path}</link>"
        f"<pubDate>{format_datetime(datetime(a.day.year, a.day.month, a.day.day, 8, tzinfo=CST))}</pubDate></item>"
        for a in articles[:50]
    )
    _write(root, "/feed.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
           f"<title>Benchmark News</title><link>{prefix}/</link>\n{items}\n</channel></rss>\n")
    index = "\n".join(f"<sitemap><loc>{prefix}/sitemap-{n}.xml</loc></sitemap>" for n in range(1, len(chunks) + 1))
    _write(root, "/sitemap.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex {ns}>\n{index}\n</sitemapindex>\n')
    return {"dir": root.name, "origin": prefix or None, "articles": len(articles), "section_pages": len(section_pages)}


def generate(out: Path, *, articles: int, hosts: int, seed: int = 1, origin: str | None = None) -> dict[str, object]:
    """Write the site under `out`; return the manifest (also written to out/manifest.json)."""
    rng = random.Random(seed)
    items = make_articles(articles, hosts, rng)
    manifest_hosts = []
    for host in range(hosts):
        own = [a for a in items if a.host == host]
        manifest_hosts.append(write_host(out / f"h{host}", host, own, origin=origin, hosts=hosts, rng=rng))
    manifest = {"articles": articles, "hosts": manifest_hosts, "seed": seed,
                "expected_records": articles, "disallowed": "/private/secret.html"}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a static news site for the crawl benchmark.")
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("--articles", type=int, default=1000, metavar="N")
    parser.add_argument("--hosts", type=int, default=1, metavar="K")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--origin", default=None, metavar="TEMPLATE",
                        help="absolute origin of host {n} (from 1), e.g. 'http://127.0.0.{n}:8000'")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.hosts < 1 or args.hosts > args.articles:
        parser.error("need 1 <= --hosts <= --articles")
    started = time.perf_counter()
    generate(args.out, articles=args.articles, hosts=args.hosts, seed=args.seed, origin=args.origin)
    print(f"{args.articles} articles on {args.hosts} host(s) in {args.out} ({time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
