"""Page bytes to a validated `schemas.Article`: decode, parse, extract fields, facts, validate.

`extract` is pure: no network, no disk. Each step is a module with one job; field
extractors return `Found` values so that the record's `provenance` says where each came from.
Order matters: metadata and related links are read from the whole page before the body
extractor, which may prune the tree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from schemas import Article, Capture
from scraper.decode import decode
from scraper.dom import parse
from scraper.errors import InputError
from scraper.extract.body import extract_body
from scraper.extract.links import feed_links, page_links
from scraper.extract.metadata import extract_metadata
from scraper.extract.related import extract_related
from scraper.extract.signals import Signals, page_signals
from scraper.extract.sniff import refuse_non_html
from scraper.facts import extract_facts


@dataclass(frozen=True)
class Analysis:
    """What a crawler needs from one page: the record, its out-links, and page signals."""

    article: Article
    links: list[str]
    feeds: list[str]
    signals: Signals


def extract(
    html: str | bytes,
    url: str | None = None,
    headers: Mapping[str, str] | None = None,
    *,
    capture: Capture | None = None,
) -> Article:
    """Extract one article record from a page.

    `html` is text, or bytes decoded by `scraper.decode`'s charset rules (honouring the
    Content-Type of `headers`). Raises `scraper.errors.InputError` for input that is not
    an HTML page (empty, binary, PDF, image).
    """
    return analyse(html, url, headers, capture=capture, with_links=False).article


def analyse(
    html: str | bytes,
    url: str | None = None,
    headers: Mapping[str, str] | None = None,
    *,
    capture: Capture | None = None,
    with_links: bool = True,
) -> Analysis:
    """`extract`, plus the page's out-links, feed links and signals (read before pruning)."""
    provenance: dict[str, str] = {}
    if isinstance(html, bytes):
        refuse_non_html(html, url=url)
        decoded = decode(html, headers, url=url)
        text = decoded.text
        utf8 = decoded.utf8
        encoding: str | None = decoded.encoding
        encoding_source: str | None = decoded.source
        provenance["encoding"] = decoded.source
    else:
        text = html
        utf8 = None
        encoding = encoding_source = None
        if not text or text.isspace():  # as `not text.strip()`, without copying the page
            raise InputError("empty input", url=url)
        refuse_non_html(text[:1024].encode("utf-8", "replace"), url=url)

    tree = parse(utf8 if utf8 is not None else text)
    links: list[str] = []
    feeds: list[str] = []
    signals = Signals()
    if with_links:
        links = page_links(tree, base_url=url or "")
        feeds = feed_links(tree, base_url=url or "")
        signals = page_signals(tree, url=url)
    meta = extract_metadata(tree, url=url, headers=headers)
    related = extract_related(tree, url=url, published=meta.value("published"), found=meta.related)
    body = extract_body(tree, url=url, title=meta.value("title"))
    body_text = "\n".join(block.text for block in body.blocks)
    facts = extract_facts(body_text, body.blocks, language=meta.value("language"))

    fields: dict[str, Any] = {}
    for name, found in meta.items():
        fields[name] = found.value
        provenance[name] = found.source
    if related is not None:
        fields["related"] = related.value
        provenance["related"] = related.source
    if body.blocks:
        provenance["body"] = body.source
    if capture is not None or encoding is not None:
        base = capture or Capture()
        capture = base.model_copy(
            update={
                "encoding": base.encoding or encoding,
                "encoding_source": base.encoding_source or encoding_source,
            }
        )
    article = Article.model_validate(
        {
            **fields,
            "url": url,
            "body": body_text,
            "blocks": body.blocks,
            "images": body.images,
            "figures": facts.figures,
            "honourees": facts.honourees,
            "provenance": provenance,
            "capture": capture,
        }
    )
    return Analysis(article=article, links=links, feeds=feeds, signals=signals)


__all__ = ["Analysis", "analyse", "extract"]
