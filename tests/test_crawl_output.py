"""Exactly-once JSONL output: the file is cut back to what the state committed."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper.crawl.output import JsonlOutput
from scraper.errors import ConfigError


def test_append_returns_offsets(tmp_path: Path) -> None:
    """Each line's (offset, length) points at it in the file."""
    out = JsonlOutput(tmp_path / "o.jsonl", committed_end=0)
    spans = out.append([b'{"a":1}\n', b'{"b":2}\n'])
    out.close()
    data = (tmp_path / "o.jsonl").read_bytes()
    assert [data[o : o + n] for o, n in spans] == [b'{"a":1}\n', b'{"b":2}\n']


@pytest.mark.parametrize(
    "tail",
    [b'{"partial":', b'{"uncommitted":1}\n', b'{"x":1}\n{"y"'],
    ids=["partial-line", "whole-uncommitted-line", "line-and-partial"],
)
def test_uncommitted_tail_is_cut(tmp_path: Path, tail: bytes) -> None:
    """Whatever follows the committed end (partial or whole lines) is cut on open."""
    path = tmp_path / "o.jsonl"
    path.write_bytes(b'{"kept":1}\n' + tail)
    out = JsonlOutput(path, committed_end=11)
    out.close()
    assert path.read_bytes() == b'{"kept":1}\n'


def test_output_shorter_than_state_is_an_error(tmp_path: Path) -> None:
    """A truncated or replaced output is refused with a message naming it."""
    path = tmp_path / "o.jsonl"
    path.write_bytes(b"{}\n")
    with pytest.raises(ConfigError, match=r"o\.jsonl"):
        JsonlOutput(path, committed_end=100)


def test_multi_line_record_is_refused(tmp_path: Path) -> None:
    """A record with an embedded newline would break the one-line-per-record contract."""
    out = JsonlOutput(tmp_path / "o.jsonl", committed_end=0)
    with pytest.raises(ValueError):
        out.append([b"{\n}\n"])
    out.close()
