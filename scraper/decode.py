"""Bytes to text: the one place where a page's charset is decided.

Precedence, first match wins:

1. a byte-order mark (UTF-8, UTF-16 LE/BE);
2. the HTTP ``Content-Type`` charset;
3. ``<meta charset>`` or ``<meta http-equiv="Content-Type" content="...; charset=...">``
   in the first 4 KiB (searched again up to 64 KiB when the head is long);
4. detection (charset-normalizer) when nothing above was usable;
5. UTF-8 with replacement characters as the last resort.

A declaration is only believed when the bytes agree with it. Pages declared as a legacy
charset that are in fact valid, non-ASCII UTF-8 (a common lie of re-encoded Chinese
pages: ``charset=gb2312`` over UTF-8 bytes) are decoded as UTF-8, because random legacy
text is almost never valid UTF-8. A declaration whose codec fails strictly falls through
to the next rule. Labels follow the WHATWG Encoding Standard where it differs from
Python's: GB2312 and GBK are decoded as GB18030 (their superset), ISO-8859-1 and ASCII as
windows-1252, Shift_JIS as cp932, Big5 as big5hkscs.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from scraper.errors import DecodeError

# WHATWG label -> Python codec, where Python's own lookup would pick something narrower.
LABEL_OVERRIDES: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "iso-ir-58": "gb18030",
    "gb18030": "gb18030",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""",
    re.I,
)
_SNIFF_LIMIT = 64 * 1024


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and how it was obtained."""

    text: str
    encoding: str
    source: str  # "bom", "http", "meta", "utf-8-over-declared", "sniff", "default"
    # The input bytes when they are exactly the UTF-8 encoding of `text` (a strict UTF-8
    # decode made it): the parser takes them as they are instead of encoding `text` again,
    # which costs a third of a parse on a 170 KB page.
    utf8: bytes | None = field(default=None, compare=False, repr=False)


def normalise_label(label: str) -> str | None:
    """Map a charset label to a Python codec name, or None when it is unknown."""
    key = label.strip().strip("\"'").lower()
    name = LABEL_OVERRIDES.get(key, key)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_from_headers(headers: Mapping[str, str] | None) -> str | None:
    """The charset label of a Content-Type header, if any."""
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == "content-type":
            match = _HEADER_CHARSET.search(value)
            return match.group(1) if match else None
    return None


def charset_from_meta(data: bytes) -> str | None:
    """The charset label declared by a <meta> tag near the top of the page."""
    match = _META_CHARSET.search(data, 0, 4096) or _META_CHARSET.search(data, 0, _SNIFF_LIMIT)
    return match.group(1).decode("ascii", "replace") if match else None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_ascii(data: bytes) -> bool:
    return data.isascii()


def _sniff(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported lazily: rarely needed, slow to load

    best = from_bytes(data[:_SNIFF_LIMIT]).best()
    if best is None:
        return None
    return normalise_label(best.encoding)


def decode(data: bytes, headers: Mapping[str, str] | None = None, *, url: str | None = None) -> Decoded:
    """Decode page bytes by the precedence in this module's docstring."""
    if not data:
        raise DecodeError("empty input", url=url)

    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(bom_codec, "replace"), bom_codec, "bom")

    utf8 = _strict(data, "utf-8")
    for source, label in (("http", charset_from_headers(headers)), ("meta", charset_from_meta(data))):
        if label is None:
            continue
        declared = normalise_label(label)
        if declared is None:
            continue
        codec = declared
        if codec == "utf-8":
            if utf8 is not None:
                return Decoded(utf8, "utf-8", source, data)
            continue  # declared UTF-8 but is not: let the next rule decide
        if utf8 is not None and not _is_ascii(data) and codec not in ("utf-16-le", "utf-16-be"):
            # The declaration lies: legacy text is almost never valid non-ASCII UTF-8.
            return Decoded(utf8, "utf-8", f"utf-8-over-{source}", data)
        text = _strict(data, codec)
        if text is not None:
            return Decoded(text, codec, source)
        # Real pages carry the odd stray byte; a few replacements beat a wrong guess.
        lenient = data.decode(codec, "replace")
        if lenient.count("\ufffd") * 200 < len(lenient):
            return Decoded(lenient, codec, f"{source}-lenient")

    if utf8 is not None:
        return Decoded(utf8, "utf-8", "sniff", data)
    sniffed = _sniff(data)
    if sniffed is not None:
        text = _strict(data, sniffed)
        if text is not None:
            return Decoded(text, sniffed, "sniff")
        return Decoded(data.decode(sniffed, "replace"), sniffed, "sniff")
    return Decoded(data.decode("utf-8", "replace"), "utf-8", "default")
