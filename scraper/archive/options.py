"""Command-line helpers for WARC output: size limits and the warcinfo's settings fields."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping, Sequence

from scraper.errors import ConfigError

# Size suffixes accepted by --warc-max-size: powers of 1024, as `ls -h` and wget use.
SIZE_UNITS: Mapping[str, int] = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
SIZE_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$", re.IGNORECASE)
MIN_WARC_SIZE = 1 << 10


def parse_size(text: str) -> int:
    """`1G`, `500M`, `64KiB`, `1048576` -> bytes; ConfigError naming the text otherwise."""
    match = SIZE_PATTERN.match(text)
    if not match:
        raise ConfigError(f"not a size: {text!r} (use e.g. 1G, 500M, 64K or a byte count)")
    size = int(float(match.group(1)) * SIZE_UNITS[match.group(2).lower()])
    if size < MIN_WARC_SIZE:
        raise ConfigError(f"WARC size limit {text!r} is below {MIN_WARC_SIZE} bytes")
    return size


def _flatten(prefix: str, value: object, into: dict[str, str]) -> None:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _flatten(f"{prefix}{field.name}.", getattr(value, field.name), into)
        return
    key = prefix.rstrip(".")
    if value is None or value == () or value == []:
        return
    if isinstance(value, str | int | float | bool):
        into[key] = str(value)
    else:
        into[key] = json.dumps(value, default=str, ensure_ascii=False)


def settings_info(settings: object = None, *, command: Sequence[str] = ()) -> dict[str, str]:
    """warcinfo fields for a run: the command line and every setting of a (nested) dataclass."""
    info: dict[str, str] = {}
    if command:
        info["command"] = " ".join(command)
    if settings is not None:
        _flatten("scraper-setting.", settings, info)
    return info
