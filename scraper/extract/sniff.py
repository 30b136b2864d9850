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
# Every byte but the control characters counted as binary noise (0-8, 14-31): deleting
# them leaves the controls, counted at C speed.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def refuse_non_html(head: bytes, *, url: str | None = None) -> None:
    """Raise InputError when the bytes are empty, a known binary format, or binary noise."""
    if not head or head.isspace():  # as `not head.strip()`, without copying the page
        raise InputError("empty input", url=url)
    sample = head[:1024].lstrip()
    for magic, what in MAGIC:
        if sample.startswith(magic):
            raise InputError(f"not an HTML page: {what}", url=url)
    # UTF-16 text has NULs too, but starts with a BOM, which the decoder handles.
    if not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        controls = len(sample.translate(None, _NOT_CONTROL))
        if controls * 10 > len(sample):
            raise InputError("not an HTML page: binary data", url=url)
