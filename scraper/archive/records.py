"""Exchange -> WARC 1.1 records, each one its own gzip member, as bytes.

Pure functions over warcio's record builder: nothing here touches a file. The writer decides
where the bytes go (`scraper.archive.writer`).

Conventions (documented in `scraper/archive/__init__.py`):
- HTTP/2 responses are written in HTTP/1.1 form (status line `HTTP/1.1 200 OK`, the reason
  phrase filled in from the status code when the server sent none, header names as received).
- The payload is `Exchange.raw_body`: content-encoding (gzip, br, ...) still applied, as
  received, but transfer-encoding already removed by the HTTP client. A `Transfer-Encoding`
  header would then describe framing the record does not contain, so it is renamed
  `X-Crawler-Transfer-Encoding` (value kept): every reader sees a consistent record, and the
  fact that the server chunked the body is not lost.
- Request and response share the exchange's `WARC-Date` and point at each other with
  `WARC-Concurrent-To`.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from scraper.fetch.exchange import Exchange

WARC_VERSION = "WARC/1.1"
PROFILE_IDENTICAL = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
PROFILE_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
WARC_FORMAT = "WARC File Format 1.1"
WARC_CONFORMS_TO = "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
# Response headers renamed because the stored payload no longer has the framing they describe.
RENAMED_HEADERS: Mapping[str, str] = {"transfer-encoding": "X-Crawler-Transfer-Encoding"}
# gzip level per member: 6 is zlib's default, close to 9 in size and several times faster.
GZIP_LEVEL = 6


@dataclass(frozen=True)
class Original:
    """Where a payload was first stored: what a later revisit record refers to."""

    url: str
    date: str
    record_id: str


@dataclass(frozen=True)
class Built:
    """One record ready to append: its gzip member and the headers a caller needs."""

    data: bytes
    record_id: str
    record_type: str
    date: str
    url: str


def warc_date(moment: datetime) -> str:
    """WARC 1.1 date: UTC, microseconds kept. A naive datetime is taken as UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return str(datetime_to_iso_date(moment, use_micros=True))


def warc_date_now() -> str:
    return warc_date(datetime.now(UTC))


def new_record_id() -> str:
    return str(WARCWriter._make_warc_id())


def _gzip(data: bytes) -> bytes:
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    return compressor.compress(data) + compressor.flush()


def _serialise(record: Any) -> bytes:
    """One warcio record -> one gzip member."""
    buffer = BytesIO()
    WARCWriter(buffer, gzip=False, warc_version=WARC_VERSION).write_record(record)
    return _gzip(buffer.getvalue())


def _builder() -> WARCWriter:
    return WARCWriter(BytesIO(), gzip=False, warc_version=WARC_VERSION)


def _built(record: Any) -> Built:
    headers = record.rec_headers
    return Built(
        data=_serialise(record),
        record_id=str(headers.get_header("WARC-Record-ID")),
        record_type=str(headers.get_header("WARC-Type")),
        date=str(headers.get_header("WARC-Date")),
        url=str(headers.get_header("WARC-Target-URI") or ""),
    )


class ExactHeaders(StatusAndHeaders):  # type: ignore[misc]
    """Status line and headers written back as the bytes received.

    The fetch layer decodes header bytes as Latin-1, so encoding them as Latin-1 restores
    the exact bytes; warcio's default (ASCII, %-encoding anything else) would alter them, and
    fails outright on a non-ASCII status line.
    """

    def compute_headers_buffer(self, header_filter: Any = None) -> None:
        try:
            self.headers_buff = self.to_str(header_filter).encode("latin-1") + b"\r\n"
        except UnicodeEncodeError:
            super().compute_headers_buffer(header_filter)


def _ascii(text: str) -> str:
    """Non-ASCII characters %-encoded as UTF-8 (as HTTP clients send them)."""
    return text if text.isascii() else "".join(c if c.isascii() else quote(c, safe="") for c in text)


def to_uri(url: str) -> str:
    """A URL in plain-ASCII URI form: IDNA host, %-encoded path and query."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    netloc = parts.netloc
    if not netloc.isascii():
        userinfo, at, hostport = netloc.rpartition("@")
        host, colon, port = hostport.partition(":") if not hostport.startswith("[") else (hostport, "", "")
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            host = _ascii(host)
        netloc = f"{_ascii(userinfo)}{at}{host}{colon}{port}"
    return urlunsplit((parts.scheme, netloc, _ascii(parts.path), _ascii(parts.query), _ascii(parts.fragment)))


def request_target(url: str) -> str:
    """The request-target of an HTTP/1.1 request line: path and query, `/` when empty."""
    parts = urlsplit(to_uri(url))
    target = parts.path or "/"
    return f"{target}?{parts.query}" if parts.query else target


def request_headers(exchange: Exchange) -> StatusAndHeaders:
    headers = list(exchange.request_headers)
    if not any(name.lower() == "host" for name, _ in headers):
        headers.insert(0, ("Host", urlsplit(to_uri(exchange.url)).netloc))
    line = f"{exchange.method} {request_target(exchange.url)} HTTP/1.1"
    return ExactHeaders(line, headers, is_http_request=True)


def response_headers(exchange: Exchange) -> StatusAndHeaders:
    """Status line and headers as received, in HTTP/1.1 form, framing headers renamed."""
    protocol = "HTTP/1.0" if exchange.http_version.upper() == "HTTP/1.0" else "HTTP/1.1"
    reason = exchange.reason
    if not reason:
        try:
            reason = HTTPStatus(exchange.status).phrase
        except ValueError:
            reason = ""
    statusline = f"{exchange.status} {reason}".rstrip()
    headers = [(RENAMED_HEADERS.get(name.lower(), name), value) for name, value in exchange.response_headers]
    return ExactHeaders(statusline, headers, protocol=protocol)


def _exchange_fields(exchange: Exchange, date: str) -> dict[str, str]:
    fields = {"WARC-Date": date}
    if exchange.ip_address:
        fields["WARC-IP-Address"] = exchange.ip_address
    return fields


def build_request(exchange: Exchange, *, date: str, record_id: str, concurrent_to: str) -> Built:
    fields = {
        "WARC-Record-ID": record_id,
        **_exchange_fields(exchange, date),
        "WARC-Concurrent-To": concurrent_to,
    }
    record = _builder().create_warc_record(
        to_uri(exchange.url), "request", payload=BytesIO(b""), length=0,
        warc_headers_dict=fields, http_headers=request_headers(exchange),
    )
    return _built(record)


def build_response(exchange: Exchange, *, date: str, record_id: str, concurrent_to: str) -> Built:
    fields = {
        "WARC-Record-ID": record_id,
        **_exchange_fields(exchange, date),
        "WARC-Concurrent-To": concurrent_to,
    }
    if exchange.truncated:
        fields["WARC-Truncated"] = exchange.truncated
    record = _builder().create_warc_record(
        to_uri(exchange.url), "response", payload=BytesIO(exchange.raw_body), length=len(exchange.raw_body),
        warc_headers_dict=fields, http_headers=response_headers(exchange),
    )
    return _built(record)


def build_revisit(
    exchange: Exchange, *, date: str, record_id: str, concurrent_to: str,
    digest: str | None, original: Original | None,
) -> Built:
    """A revisit: `identical-payload-digest` when `original` is given, else `server-not-modified`."""
    fields = {
        "WARC-Record-ID": record_id,
        **_exchange_fields(exchange, date),
        "WARC-Concurrent-To": concurrent_to,
    }
    builder = _builder()
    http = response_headers(exchange)
    if original is not None and digest is not None:
        fields["WARC-Refers-To"] = original.record_id
        record = builder.create_revisit_record(
            to_uri(exchange.url), digest, original.url, original.date,
            http_headers=http, warc_headers_dict=fields,
        )
    else:
        fields["WARC-Profile"] = PROFILE_NOT_MODIFIED
        fields["WARC-Refers-To-Target-URI"] = to_uri(exchange.url)
        record = builder.create_warc_record(
            to_uri(exchange.url), "revisit", warc_headers_dict=fields, http_headers=http,
        )
    return _built(record)


def build_metadata(*, url: str, date: str, refers_to: str, fields: Sequence[tuple[str, str]]) -> Built:
    """A `metadata` record (application/warc-fields) describing the record `refers_to`."""
    body = "".join(f"{name}: {_one_line(value)}\r\n" for name, value in fields).encode("utf-8")
    warc = {"WARC-Date": date, "WARC-Refers-To": refers_to, "WARC-Concurrent-To": refers_to}
    record = _builder().create_warc_record(
        url, "metadata", payload=BytesIO(body), length=len(body),
        warc_content_type="application/warc-fields", warc_headers_dict=warc,
    )
    return _built(record)


def build_warcinfo(*, filename: str, info: Sequence[tuple[str, str]]) -> Built:
    """The `warcinfo` record that opens every file: software, format and the run's settings."""
    body = "".join(f"{name}: {_one_line(value)}\r\n" for name, value in info if value).encode("utf-8")
    builder = _builder()
    fields = {"WARC-Filename": filename, "WARC-Date": builder.curr_warc_date()}
    record = builder.create_warc_record(
        "", "warcinfo", payload=BytesIO(body), length=len(body),
        warc_content_type="application/warc-fields", warc_headers_dict=fields,
    )
    return _built(record)


def _one_line(value: str) -> str:
    """Field values cannot span lines; newlines would forge extra fields."""
    return " ".join(str(value).split())
