"""A page's bytes as obtained, before extraction: what every input source yields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from schemas import Capture


@dataclass(frozen=True)
class Page:
    """Raw page bytes plus what is known about where they came from."""

    name: str  # the input as the user named it (file path, URL, "warc#offset")
    data: bytes
    url: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    capture: Capture | None = None
