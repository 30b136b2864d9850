"""Page bytes to a validated `schemas.Article`: decode, parse, extract fields, facts, validate.

`extract` is pure: no network, no disk. Each step is a module with one job; field
extractors return `Found` values so that the record's `provenance` says where each came from.
Order matters: metadata and related links are read from the whole page before the body
extractor, which may prune the tree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schemas import Article, Capture
from scraper.decode import decode
from scraper.dom import parse
from scraper.errors import InputError
from scraper.extract.body import extract_body
from scraper.extract.metadata import extract_metadata
from scraper.extract.related import extract_related
from scraper.extract.sniff import refuse_non_html
from scraper.facts import extract_facts


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
    provenance: dict[str, str] = {}
    if isinstance(html, bytes):
        refuse_non_html(html, url=url)
        decoded = decode(html, headers, url=url)
        text = decoded.text
        encoding: str | None = decoded.encoding
        encoding_source: str | None = decoded.source
        provenance["encoding"] = decoded.source
    else:
        text = html
        encoding = encoding_source = None
        if not text.strip():
            raise InputError("empty input", url=url)
        refuse_non_html(text[:1024].encode("utf-8", "replace"), url=url)

    tree = parse(text)
    meta = extract_metadata(tree, url=url, headers=headers)
    related = extract_related(tree, url=url, published=meta.value("published"))
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
    return Article.model_validate(
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


__all__ = ["extract"]
