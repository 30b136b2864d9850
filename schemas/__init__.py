"""The record contract: Pydantic models of one extracted article (see record.md)."""

from schemas.article import (
    SCHEMA_VERSION,
    Article,
    Block,
    Capture,
    Figure,
    Honouree,
    Image,
    Link,
    json_schema,
)

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Block",
    "Capture",
    "Figure",
    "Honouree",
    "Image",
    "Link",
    "json_schema",
]
