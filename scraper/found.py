"""Values with their source: what every extraction function returns."""

from __future__ import annotations

from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


class Found(NamedTuple, Generic[T]):
    """An extracted value and where it came from (`"json-ld"`, `"meta:og:title"`, `"h1"`)."""

    value: T
    source: str
