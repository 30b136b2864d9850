"""The JSON Lines form of a record: one definition for `extract`, `crawl` and the cluster."""

from __future__ import annotations

import json

from schemas import Article


def record_text(article: Article) -> str:
    """The article as one JSON line, newline included."""
    return json.dumps(article.model_dump(mode="json"), ensure_ascii=False) + "\n"


def record_line(article: Article) -> bytes:
    """`record_text` as UTF-8 bytes."""
    return record_text(article).encode("utf-8")
