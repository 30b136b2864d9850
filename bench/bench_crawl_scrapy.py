"""The baseline for bench_crawl.py: Scrapy following links + trafilatura.bare_extraction per page.

    python bench/bench_crawl_scrapy.py START_URL... OUT.jsonl STATS.json [--concurrency 16]

Same politeness switches as our crawl in the benchmark: robots.txt obeyed, no delay,
CONCURRENT_REQUESTS = CONCURRENT_REQUESTS_PER_DOMAIN = the given concurrency.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
import trafilatura
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, starts: list[str], **kw: Any) -> None:
        super().__init__(**kw)
        self.start_urls = starts
        self.allowed_domains = sorted({urlsplit(start).hostname or "" for start in starts})
        self.links = LinkExtractor()  # allow_domains does not match IP hosts; OffsiteMiddleware scopes

    def parse(self, response: Response, **kw: Any) -> Iterator[Any]:
        if not hasattr(response, "text"):
            return
        doc = trafilatura.bare_extraction(response.text, url=response.url, with_metadata=True)
        if doc is not None and getattr(doc, "text", None):
            yield {"url": response.url, "title": doc.title, "date": doc.date, "text": doc.text}
        for link in self.links.extract_links(response):
            yield response.follow(link, callback=self.parse)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("starts", nargs="+")
    parser.add_argument("out")
    parser.add_argument("stats")
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    process = CrawlerProcess(settings={
        "CONCURRENT_REQUESTS": args.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
        "DOWNLOAD_DELAY": 0,
        "ROBOTSTXT_OBEY": True,
        "LOG_LEVEL": "ERROR",
        "TELNETCONSOLE_ENABLED": False,
        "FEEDS": {args.out: {"format": "jsonlines", "encoding": "utf8"}},
    })
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, starts=args.starts)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    with open(args.stats, "w", encoding="utf-8") as f:
        json.dump({
            "fetched": stats.get("response_received_count", 0),
            "written": stats.get("item_scraped_count", 0),
        }, f)


if __name__ == "__main__":
    main()
