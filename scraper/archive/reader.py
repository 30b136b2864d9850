"""Read any WARC (gzip per record or plain) back into Pages, streaming, in constant memory.

One Page per HTML response: `response` records (and `resource` records of an HTML type),
status 2xx except 204/205/206, Content-Type text/html or application/xhtml+xml, or no
Content-Type and bytes that look like HTML. Requests, metadata, warcinfo and non-HTML responses
are skipped. An identical-payload `revisit` whose original HTML response appeared earlier in
the same file is resolved to that payload, so every captured URL yields its page.

`Page.data` is the payload with its content-encoding undone (warcio's content stream);
`Page.headers` are the archived HTTP headers, names lower-cased as the fetch layer gives them
(so the decoder uses their charset); the capture
names the file, the record id and offset, and the WARC-Date. Its `content_sha1` is the SHA-1
of `Page.data` (the decoded bytes), as for files and crawled pages, so the same page gives the
same value whatever the input; the record's own WARC-Payload-Digest covers the bytes as
received (still content-encoded) and stays in the WARC.

A corrupt record yields an `ArchiveError` naming the file and offset; reading then resumes at
the next record boundary found after it.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.timeutils import iso_date_to_datetime

from schemas import Capture
from scraper.digests import sha1_digest
from scraper.errors import ArchiveError, InputError, ScraperError
from scraper.page import Page

HTML_TYPES = ("text/html", "application/xhtml+xml")
SKIPPED_STATUSES = frozenset({204, 205, 206})
HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")
MAX_PAYLOAD = 64 * 1024 * 1024  # same cap as a single input file
MAX_ERRORS = 100  # per file, before giving up on a badly damaged archive
RESYNC_READ = 1 << 20
# Payload digests remembered per file to resolve revisits (about 100 bytes each): the most
# recent ones, as the writer's revisit window keeps (scraper.archive.revisits).
MAX_ORIGINALS = 100_000
# Errors that a damaged archive raises from inside warcio while reading a record (its parser
# trips over missing fields with AttributeError/TypeError/IndexError on cut or garbled headers).
DAMAGE = (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError, AttributeError, TypeError, IndexError)


def media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return any(marker in head for marker in HTML_SNIFF)


def _headers(record: Any) -> dict[str, str]:
    headers: dict[str, str] = {}
    if record.http_headers is not None:
        for name, value in record.http_headers.headers:
            headers.setdefault(str(name).lower(), str(value))
    return headers


def _status(record: Any) -> int | None:
    if record.rec_type == "resource" or record.http_headers is None:
        return None
    try:
        return int(record.http_headers.get_statuscode())
    except ValueError:
        return None


def _content_type(record: Any) -> str | None:
    if record.rec_type == "resource":
        value = record.rec_headers.get_header("Content-Type")
    elif record.http_headers is None:
        return None
    else:
        value = record.http_headers.get_header("Content-Type")
    return str(value) if value is not None else None


def is_identical_revisit(record: Any) -> bool:
    profile = record.rec_headers.get_header("WARC-Profile") or ""
    return bool(record.rec_type == "revisit" and profile.endswith("/revisit/identical-payload-digest"))


def _wanted(record: Any) -> bool:
    """Whether the record may be an HTML page, judged from its headers alone."""
    if record.rec_type not in ("response", "resource") and not is_identical_revisit(record):
        return False
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type != "resource" and not uri.startswith("http"):
        return False
    if record.rec_type == "response" and record.http_headers is None:
        return False
    status = _status(record)
    if status is not None and not (200 <= status < 300 and status not in SKIPPED_STATUSES):
        return False
    kind = media_type(_content_type(record))
    return kind is None or kind in HTML_TYPES


def _read_payload(record: Any, *, name: str) -> bytes:
    data = record.content_stream().read(MAX_PAYLOAD + 1)
    if len(data) > MAX_PAYLOAD:
        raise InputError(f"payload is over the {MAX_PAYLOAD}-byte limit", url=name)
    return bytes(data)


def _capture(record: Any, data: bytes, *, path: str, offset: int) -> Capture:
    warc = record.rec_headers
    date = warc.get_header("WARC-Date")
    return Capture(
        fetched_at=iso_date_to_datetime(date, tz_aware=True) if date else None,
        final_url=warc.get_header("WARC-Target-URI"),
        status=_status(record),
        content_type=_content_type(record),
        input=path,
        content_sha1=sha1_digest(data),
        truncated=warc.get_header("WARC-Truncated"),
        warc_file=path,
        warc_record_id=warc.get_header("WARC-Record-ID"),
        warc_offset=offset,
    )


def _page(record: Any, data: bytes, *, path: str, offset: int) -> Page | None:
    if media_type(_content_type(record)) is None and not looks_like_html(data):
        return None
    return Page(
        name=f"{path}#{offset}",
        data=data,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        headers=_headers(record),
        capture=_capture(record, data, path=path, offset=offset),
    )


def _resync(stream: BinaryIO, after: int, *, gzipped: bool) -> int | None:
    """The offset of the next plausible record start after `after`, or None."""
    marker = b"\x1f\x8b\x08" if gzipped else b"\nWARC/"
    position = after + 1
    overlap = len(marker) - 1
    while True:
        stream.seek(position)
        chunk = stream.read(RESYNC_READ)
        if len(chunk) <= overlap:
            return None
        found = chunk.find(marker)
        if found >= 0:
            return position + found + (0 if gzipped else 1)
        position += len(chunk) - overlap


def _cut_short(record: Any) -> bool:
    """Whether the file ended before the record's end (or inside its headers)."""
    if record.format.startswith("warc") and record.rec_headers.get_header("Content-Length") is None:
        return True
    remaining = getattr(record.raw_stream, "limit", 0)
    return isinstance(remaining, int) and remaining > 0


def _read_original(path: str, offset: int) -> bytes:
    """The decoded payload of the response record at `offset` (a revisit's original)."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        return _read_payload(record, name=f"{path}#{offset}")


class Originals:
    """Where HTML payloads were stored (digest -> file, offset), to resolve revisits.

    One instance may be shared across the files of a series read in order, so that a revisit
    in `crawl-00001.warc.gz` finds its original in `crawl.warc.gz`. Bounded: the most recent
    MAX_ORIGINALS digests are kept.
    """

    def __init__(self) -> None:
        self._entries: OrderedDict[str, tuple[str, int]] = OrderedDict()

    def find(self, digest: str) -> tuple[str, int] | None:
        where = self._entries.get(digest)
        if where is not None:
            self._entries.move_to_end(digest)
        return where

    def add(self, digest: str, path: str, offset: int) -> None:
        if digest not in self._entries:
            self._entries[digest] = (path, offset)
            if len(self._entries) > MAX_ORIGINALS:
                self._entries.popitem(last=False)


class _Reader:
    """Reads one file, resolving identical-payload revisits through `originals`."""

    def __init__(self, path: str, stream: BinaryIO, originals: Originals) -> None:
        self.path = path
        self.stream = stream
        self.originals = originals

    def _payload(self, record: Any, *, current: int) -> bytes | None:
        if record.rec_type != "revisit":
            return _read_payload(record, name=f"{self.path}#{current}")
        where = self.originals.find(record.rec_headers.get_header("WARC-Payload-Digest") or "")
        if where is None:
            return None  # the original was not read before: nothing to extract
        path, offset = where
        try:
            return _read_original(path, offset)
        except (*DAMAGE, StopIteration) as exc:
            raise ArchiveError(f"revisit at offset {current}: its original ({path} at offset {offset}) "
                               f"cannot be read ({type(exc).__name__})", url=self.path) from None

    def records(self, start: int) -> Iterator[Page | ScraperError | int]:
        """Pages and per-record errors from `start`; an int last when reading broke down there."""
        self.stream.seek(start)
        iterator = ArchiveIterator(self.stream)
        current = start
        try:
            for record in iterator:
                item: Page | ScraperError | None = None
                if _wanted(record):
                    try:
                        data = self._payload(record, current=current)
                    except ScraperError as exc:
                        item = exc
                    else:
                        item = None if data is None else _page(record, data, path=self.path, offset=current)
                length = iterator.get_record_length()  # reads the record to its end
                if _cut_short(record):
                    item = ArchiveError(f"WARC record at offset {current} is cut short", url=self.path)
                if item is not None:
                    yield item
                if isinstance(item, Page):
                    self._remember(record, current)
                current = iterator.get_record_offset() + length
        except DAMAGE as exc:
            detail = " ".join(str(exc).split())[:200] or type(exc).__name__
            yield ArchiveError(f"corrupt WARC record at offset {current}: {detail}", url=self.path)
            yield current

    def _remember(self, record: Any, offset: int) -> None:
        digest = record.rec_headers.get_header("WARC-Payload-Digest")
        if (
            record.rec_type == "response"
            and digest
            and not record.rec_headers.get_header("WARC-Truncated")
        ):
            self.originals.add(digest, self.path, offset)


def iter_warc_pages(path: str, *, originals: Originals | None = None) -> Iterator[Page | ScraperError]:
    """One Page per HTML response in the WARC file at `path`, streaming.

    Pass one `Originals` to the calls for several files to resolve revisits across them.
    """
    try:
        stream = open(path, "rb")  # noqa: SIM115 (an error must be yielded, not raised)
    except OSError as exc:
        yield ArchiveError(f"cannot read WARC file: {exc.strerror or exc}", url=path)
        return
    with stream:
        gzipped = stream.read(2) == b"\x1f\x8b"
        reader = _Reader(path, stream, originals if originals is not None else Originals())
        start: int | None = 0
        errors = 0
        while start is not None:
            broke_at: int | None = None
            for item in reader.records(start):
                if isinstance(item, int):
                    broke_at = item
                else:
                    yield item
            if broke_at is None:
                return
            errors += 1
            if errors >= MAX_ERRORS:
                yield ArchiveError(f"too many corrupt records ({errors}); the rest is skipped", url=path)
                return
            start = _resync(stream, broke_at, gzipped=gzipped)
