"""Refuse input that is not an HTML page before spending a parse on it."""

from __future__ import annotations

from scraper.errors import InputError

# Magic numbers of common non-HTML payloads served as text/html.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
)


def refuse_non_html(head: bytes, *, url: str | None = None) -> None:
    """Raise InputError when the bytes are empty, a known binary format, or binary noise."""
    if not head.strip():
        raise InputError("empty input", url=url)
    sample = head[:1024].lstrip()
    for magic, what in MAGIC:
        if sample.startswith(magic):
            raise InputError(f"not an HTML page: {what}", url=url)
    # UTF-16 text has NULs too, but starts with a BOM, which the decoder handles.
    if not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
        if controls * 10 > len(sample):
            raise InputError("not an HTML page: binary data", url=url)
