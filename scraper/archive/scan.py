"""Walk the gzip members of a `.warc.gz` file without trusting it: for resume and repair.

A writer killed mid-append leaves at most one partial gzip member at the end of its last file.
`members` yields every complete member (offset, end, the first bytes of its record) and stops
at the first member that is incomplete or corrupt; `repair` cuts the file there. Memory stays
constant: members are decompressed in bounded steps and only their heads are kept.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

READ_SIZE = 1 << 16  # small reads: zlib copies the unconsumed input on every step
STEP_OUTPUT = 1 << 20  # decompressed bytes produced per step (bounds memory on bombs)
HEAD_BYTES = 1 << 15  # record head kept per member: WARC headers, usually the HTTP headers too


@dataclass(frozen=True)
class Member:
    """One complete gzip member: `offset` and `end` are byte positions in the file."""

    offset: int
    end: int
    head: bytes

    def warc_headers(self) -> dict[str, str]:
        """The record's WARC header fields (first value of each, names lower-cased)."""
        block = self.head.split(b"\r\n\r\n", 1)[0]
        fields: dict[str, str] = {}
        for line in block.split(b"\r\n")[1:]:
            name, sep, value = line.partition(b":")
            if sep:
                key = name.strip().lower().decode("latin-1")
                fields.setdefault(key, value.strip().decode("utf-8", "replace"))
        return fields


def members(stream: BinaryIO) -> Iterator[Member]:
    """Complete gzip members from the stream's start, stopping at the first bad or partial one."""
    pending = b""
    offset = 0  # file offset of pending[0]
    eof = False
    while True:
        if not pending and not eof:
            pending = stream.read(READ_SIZE)
            eof = not pending
        if not pending:
            return
        start = offset
        decomp = zlib.decompressobj(zlib.MAX_WBITS + 16)
        head = bytearray()
        data = pending
        consumed = 0  # input bytes fed to this member so far, before `data`
        pending = b""
        try:
            while True:
                out = decomp.decompress(data, STEP_OUTPUT)
                if len(head) < HEAD_BYTES:
                    head += out[: HEAD_BYTES - len(head)]
                if decomp.eof:
                    used = consumed + len(data) - len(decomp.unused_data)
                    pending = decomp.unused_data
                    offset = start + used
                    break
                if decomp.unconsumed_tail:
                    consumed += len(data) - len(decomp.unconsumed_tail)
                    data = decomp.unconsumed_tail
                    continue
                consumed += len(data)
                if out:  # output may still be pending inside zlib: drain it first
                    data = b""
                    continue
                data = stream.read(READ_SIZE)
                if not data:
                    return  # partial member at the end
        except zlib.error:
            return
        yield Member(offset=start, end=offset, head=bytes(head))


def valid_end(path: str | os.PathLike[str]) -> int:
    """Byte length of the file's longest prefix made of complete gzip members."""
    end = 0
    with open(path, "rb") as stream:
        for member in members(stream):
            end = member.end
    return end


def repair(path: str | os.PathLike[str]) -> int:
    """Cut a partial or corrupt tail off the file; returns the number of bytes removed."""
    size = os.path.getsize(path)
    end = valid_end(path)
    if end < size:
        with open(path, "r+b") as stream:
            stream.truncate(end)
            stream.flush()
            os.fsync(stream.fileno())
    return size - end
