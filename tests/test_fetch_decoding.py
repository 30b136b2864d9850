"""CappedDecoder: content-codings undone chunk by chunk, never past the cap."""

from __future__ import annotations

import gzip
import zlib

import brotli  # type: ignore[import-untyped]
import pytest

from scraper.errors import ProtocolError
from scraper.fetch.decoding import CappedDecoder, parse_codings

TEXT = b"<html><body><article>" + b"<p>The council met on Tuesday.</p>" * 400 + b"</article></body></html>"


def feed_all(decoder: CappedDecoder, data: bytes, size: int = 97) -> bool:
    return all(decoder.feed(data[start : start + size]) for start in range(0, len(data), size))


CASES = [
    ("gzip", gzip.compress(TEXT)),
    ("x-gzip", gzip.compress(TEXT)),
    ("deflate", zlib.compress(TEXT)),
    ("deflate", zlib.compress(TEXT)[2:-4]),
    ("br", brotli.compress(TEXT)),
    ("gzip, br", brotli.compress(gzip.compress(TEXT))),
    ("identity", TEXT),
    (None, TEXT),
    ("GZIP", gzip.compress(TEXT)),
]


@pytest.mark.parametrize(("coding", "data"), CASES, ids=["gzip", "x-gzip", "deflate", "raw-deflate", "br", "gzip-then-br", "identity", "none", "upper-case"])
def test_decodes_whole_body(coding: str | None, data: bytes) -> None:
    """Each supported coding (and a chain of two) decodes to the original bytes."""
    decoder = CappedDecoder(coding, limit=1 << 20, url="http://news.test/")
    assert feed_all(decoder, data)
    assert decoder.body == TEXT
    assert not decoder.overflow


@pytest.mark.parametrize(("coding", "data"), CASES, ids=["gzip", "x-gzip", "deflate", "raw-deflate", "br", "gzip-then-br", "identity", "none", "upper-case"])
def test_stops_at_cap(coding: str | None, data: bytes) -> None:
    """Every coding stops at the cap with exactly `limit` bytes kept."""
    decoder = CappedDecoder(coding, limit=1000, url="http://news.test/")
    assert not feed_all(decoder, data)
    assert decoder.body == TEXT[:1000]
    assert decoder.overflow


def test_gzip_trailing_garbage_ignored() -> None:
    """Bytes after the gzip stream that are not another member are ignored."""
    decoder = CappedDecoder("gzip", limit=1 << 20, url="u")
    assert feed_all(decoder, gzip.compress(TEXT) + b"\x00\x00garbage")
    assert decoder.body == TEXT


def test_concatenated_gzip_members() -> None:
    """Concatenated gzip members decode as one body."""
    decoder = CappedDecoder("gzip", limit=1 << 20, url="u")
    assert feed_all(decoder, gzip.compress(TEXT[:500]) + gzip.compress(TEXT[500:]))
    assert decoder.body == TEXT


def test_one_chunk_bomb_bounded() -> None:
    """A single 100 KiB gzip chunk that inflates to 100 MiB yields only the cap."""
    bomb = gzip.compress(b"\0" * (100 << 20), compresslevel=9)
    decoder = CappedDecoder("gzip", limit=4096, url="u")
    assert not decoder.feed(bomb)
    assert len(decoder.body) == 4096


def test_corrupt_brotli_raises_protocol_error() -> None:
    """Bytes that are not brotli raise ProtocolError naming the URL."""
    decoder = CappedDecoder("br", limit=1000, url="http://news.test/a")
    with pytest.raises(ProtocolError) as info:
        feed_all(decoder, b"definitely not brotli data at all" * 10)
    assert info.value.url == "http://news.test/a"


def test_unknown_coding_passes_through() -> None:
    """An unknown coding is named, and the bytes are kept as received."""
    decoder = CappedDecoder("gzip, compress", limit=1000, url="u")
    assert decoder.feed(b"abc")
    assert decoder.undecoded == "compress"
    assert decoder.body == b"abc"


def test_parse_codings() -> None:
    """Codings are split, lower-cased, identity dropped."""
    assert parse_codings(" GZIP , identity,br ") == ["gzip", "br"]
