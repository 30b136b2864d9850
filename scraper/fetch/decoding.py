"""Content-encoding undone incrementally, with a cap on the bytes each stage may produce.

A gzip or brotli bomb expands a few KiB into gigabytes; every stage here is asked for at most
`limit` bytes in total, so decoding stops as soon as the cap is passed and memory stays at the
cap. Stages for a `Content-Encoding: gzip, br` header run in reverse order (br undone first).
"""

from __future__ import annotations

import importlib
import zlib
from typing import Any, Protocol

import brotli  # type: ignore[import-untyped]

from scraper.errors import ProtocolError


class Stage(Protocol):
    """One content-coding being undone."""

    def feed(self, data: bytes, room: int) -> bytes:
        """Decoded output for `data`, at most `room` bytes; the rest is dropped."""
        ...


def _load_zstd() -> Any:
    try:
        return importlib.import_module("zstandard")
    except ImportError:
        return None


_ZSTD = _load_zstd()
_DECODE_ERRORS: tuple[type[Exception], ...] = (zlib.error, brotli.error) + (
    (_ZSTD.ZstdError,) if _ZSTD is not None else ()
)


class _Zlib:
    """gzip (with concatenated members) or deflate (zlib-wrapped or, as some servers send, raw)."""

    def __init__(self, coding: str) -> None:
        self._gzip = coding in ("gzip", "x-gzip")
        self._wbits = zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS
        self._obj = zlib.decompressobj(self._wbits)
        self._started = False
        self._done = False  # after the stream ended: trailing garbage is ignored, as browsers do

    def _next_member(self) -> None:
        self._obj = zlib.decompressobj(self._wbits)

    def feed(self, data: bytes, room: int) -> bytes:
        out = bytearray()
        while data and len(out) < room and not self._done:
            later_member = False
            if self._obj.eof:
                if not self._gzip:
                    self._done = True
                    break
                self._next_member()
                later_member = True
            try:
                chunk = self._obj.decompress(data, room - len(out))
            except zlib.error:
                if later_member:
                    self._done = True
                    break
                if self._started or self._wbits != zlib.MAX_WBITS:
                    raise
                # "deflate" sent as a raw deflate stream, without the zlib header.
                self._wbits = -zlib.MAX_WBITS
                self._next_member()
                continue
            self._started = True
            out += chunk
            rest = self._obj.unused_data if self._obj.eof else self._obj.unconsumed_tail
            if not chunk and not self._obj.eof and len(rest) >= len(data):
                break  # no progress possible (zlib keeps input only when output is full)
            data = rest
        return bytes(out)


class _Brotli:
    def __init__(self) -> None:
        self._obj = brotli.Decompressor()

    def feed(self, data: bytes, room: int) -> bytes:
        out = bytearray()
        chunk = self._obj.process(data, output_buffer_limit=room)
        out += chunk
        # The limit only stops the buffer growing: further output comes from empty-input calls.
        while len(out) < room and not self._obj.can_accept_more_data():
            more = self._obj.process(b"", output_buffer_limit=room - len(out))
            if not more:
                break
            out += more
        return bytes(out[:room])


class _Zstd:
    def __init__(self) -> None:
        self._obj = _ZSTD.ZstdDecompressor().decompressobj()

    def feed(self, data: bytes, room: int) -> bytes:
        # zstandard's decompressobj has no output limit: feed small slices so that each call
        # produces a bounded amount before the cap is checked again.
        out = bytearray()
        for start in range(0, len(data), 64):
            out += self._obj.decompress(data[start : start + 64])
            if len(out) >= room:
                break
        return bytes(out[:room])


def supported_codings() -> tuple[str, ...]:
    """Content-codings we can undo, for the Accept-Encoding header."""
    return ("gzip", "deflate", "br", "zstd") if _ZSTD is not None else ("gzip", "deflate", "br")


def _stage(coding: str) -> Stage | None:
    if coding in ("gzip", "x-gzip", "deflate"):
        return _Zlib(coding)
    if coding == "br":
        return _Brotli()
    if coding == "zstd" and _ZSTD is not None:
        return _Zstd()
    return None


def parse_codings(header: str | None) -> list[str]:
    """"gzip, br" -> ["gzip", "br"]; identity dropped."""
    if not header:
        return []
    return [c.strip().lower() for c in header.split(",") if c.strip() and c.strip().lower() != "identity"]


class CappedDecoder:
    """Feeds raw body chunks through the content-coding stages, keeping at most `limit` bytes.

    `feed` returns False once the decoded output passed the limit (the caller stops reading);
    `body` is then exactly `limit` bytes long and `overflow` is True. An unknown coding leaves
    the body as received (`undecoded` names it).
    """

    def __init__(self, content_encoding: str | None, *, limit: int, url: str) -> None:
        self.limit = limit
        self.url = url
        self.undecoded: str | None = None
        self.overflow = False
        self._out = bytearray()
        self._stages: list[Stage] = []
        self._produced: list[int] = []
        for coding in reversed(parse_codings(content_encoding)):
            stage = _stage(coding)
            if stage is None:
                self.undecoded = coding
                self._stages = []
                break
            self._stages.append(stage)
        self._produced = [0] * len(self._stages)

    def feed(self, chunk: bytes) -> bool:
        """Decode one raw chunk; False when the cap is passed and reading should stop."""
        data = chunk
        for index, stage in enumerate(self._stages):
            room = self.limit + 1 - self._produced[index]
            try:
                data = stage.feed(data, room)
            except _DECODE_ERRORS as exc:
                raise ProtocolError(f"body could not be decoded: {exc}", url=self.url) from exc
            self._produced[index] += len(data)
            if self._produced[index] > self.limit:
                self.overflow = True
        room = self.limit - len(self._out)
        if len(data) > room:
            self.overflow = True
        self._out += data[: max(room, 0)]
        return not self.overflow

    @property
    def body(self) -> bytes:
        return bytes(self._out)
