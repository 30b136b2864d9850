"""iter_warc_pages: HTML responses back out of any WARC, with captures pointing at records."""

from __future__ import annotations

import gzip
import http.server
import threading
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.archive import WarcWriter, iter_warc_pages
from scraper.errors import ArchiveError, ScraperError
from scraper.inputs import payload_digest
from scraper.page import Page
from tests.test_warc_writer import ARTICLE, make_exchange


def pages(path: Path) -> list[Page]:
    items = list(iter_warc_pages(str(path)))
    assert all(isinstance(item, Page) for item in items), items
    return [item for item in items if isinstance(item, Page)]


def test_reads_back_what_the_writer_stored(tmp_path: Path) -> None:
    """One Page per HTML response, with URL, payload and archived headers."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path) as writer:
        ref = writer.write_fetch(make_exchange())
        writer.write_metadata(ref, record_id="r", outlinks=[])
    [page] = pages(path)
    assert page.url == "http://127.0.0.1:8080/news/library"
    assert page.data == ARTICLE
    assert page.headers["content-type"] == "text/html; charset=utf-8"


def test_capture_points_back_at_the_record(tmp_path: Path) -> None:
    """The capture names the file, record id, offset, WARC-Date, status and payload digest."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path) as writer:
        ref = writer.write_fetch(make_exchange())
    [page] = pages(path)
    capture = page.capture
    assert capture is not None
    assert (capture.warc_file, capture.warc_record_id, capture.warc_offset) == (str(path), ref.record_id, ref.offset)
    assert capture.fetched_at is not None and capture.fetched_at.isoformat() == "2026-03-02T09:30:15.123456+00:00"
    assert capture.status == 200
    assert capture.final_url == "http://127.0.0.1:8080/news/library"
    assert capture.content_sha1 is not None and capture.content_sha1.startswith("sha1:")
    assert page.name == f"{path}#{ref.offset}"


def test_content_encoding_is_undone(tmp_path: Path) -> None:
    """A gzip-encoded archived payload comes back decoded."""
    path = tmp_path / "c.warc.gz"
    headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]
    with WarcWriter(path) as writer:
        writer.write_fetch(make_exchange(response_headers=headers, raw_body=gzip.compress(ARTICLE)))
    assert pages(path)[0].data == ARTICLE


@pytest.mark.parametrize(
    ("status", "headers"),
    [
        (200, [("Content-Type", "image/png")]),
        (200, [("Content-Type", "application/json")]),
        (404, [("Content-Type", "text/html")]),
        (301, [("Location", "/elsewhere"), ("Content-Type", "text/html")]),
        (206, [("Content-Type", "text/html")]),
    ],
    ids=["image", "json", "not-found", "redirect", "partial"],
)
def test_non_page_responses_are_skipped(tmp_path: Path, status: int, headers: list[tuple[str, str]]) -> None:
    """Non-HTML types and non-2xx (or partial) statuses yield nothing."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path) as writer:
        writer.write_fetch(make_exchange(status=status, response_headers=headers))
    assert pages(path) == []


def test_missing_content_type_is_sniffed(tmp_path: Path) -> None:
    """A response without Content-Type is taken when its bytes look like HTML, else skipped."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path) as writer:
        writer.write_fetch(make_exchange(response_headers=[]))
        writer.write_fetch(make_exchange("http://127.0.0.1:8080/x", response_headers=[], raw_body=b"col1,col2\n1,2\n"))
    assert [page.url for page in pages(path)] == ["http://127.0.0.1:8080/news/library"]


def test_reads_uncompressed_warc(tmp_path: Path) -> None:
    """A plain `.warc` (no gzip) is read the same way."""
    path = tmp_path / "plain.warc"
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=False, warc_version="WARC/1.0")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(
            "http://127.0.0.1/plain", "response", payload=BytesIO(ARTICLE), length=len(ARTICLE), http_headers=http,
        ))
    [page] = pages(path)
    assert page.url == "http://127.0.0.1/plain"
    assert page.data == ARTICLE


def test_missing_file_is_an_error_naming_it(tmp_path: Path) -> None:
    """An unreadable WARC yields one ArchiveError naming the path."""
    items = list(iter_warc_pages(str(tmp_path / "nope.warc.gz")))
    assert len(items) == 1 and isinstance(items[0], ArchiveError)
    assert str(tmp_path / "nope.warc.gz") in str(items[0])


def test_corrupt_record_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    """A damaged gzip member yields an ArchiveError with its offset; later records are still read."""
    path = tmp_path / "c.warc.gz"
    refs = []
    with WarcWriter(path) as writer:
        for n in range(3):
            refs.append(writer.write_fetch(make_exchange(f"http://127.0.0.1:8080/{n}", raw_body=ARTICLE + bytes([65 + n]))))
    data = bytearray(path.read_bytes())
    middle = refs[1].offset + 40
    data[middle:middle + 30] = b"\x00" * 30
    path.write_bytes(bytes(data))
    items: list[Page | ScraperError] = list(iter_warc_pages(str(path)))
    errors = [item for item in items if isinstance(item, ArchiveError)]
    urls = [item.url for item in items if isinstance(item, Page)]
    assert errors and f"offset {refs[1].offset}" in str(errors[0])
    assert urls == ["http://127.0.0.1:8080/0", "http://127.0.0.1:8080/2"]


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/chunked":
            self.protocol_version = "HTTP/1.1"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=windows-1252")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Connection", "close")
            self.end_headers()
            for part in (ARTICLE[:200], ARTICLE[200:].replace(b"\xc2\xa3", b"\xa3")):
                self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        body = gzip.compress(ARTICLE)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def loopback_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_reads_a_warc_written_by_warcio_capture_http(tmp_path: Path, loopback_server: str) -> None:
    """A WARC recorded by warcio's capture_http over http.client (raw chunked, gzip) reads back."""
    import http.client

    from warcio.capture_http import capture_http

    path = tmp_path / "other.warc.gz"
    host = loopback_server.removeprefix("http://")
    with capture_http(str(path)):
        for target in ("/gzip", "/chunked"):
            connection = http.client.HTTPConnection(host, timeout=5)
            connection.request("GET", target)
            connection.getresponse().read()
            connection.close()
    found = pages(path)
    assert [page.url for page in found] == [f"{loopback_server}/gzip", f"{loopback_server}/chunked"]
    assert found[0].data == ARTICLE
    assert found[1].data == ARTICLE.replace(b"\xc2\xa3", b"\xa3")
    assert found[1].headers["content-type"] == "text/html; charset=windows-1252"
    assert all(page.capture is not None and page.capture.warc_record_id for page in found)


def test_identical_payload_revisit_yields_the_original_payload(tmp_path: Path) -> None:
    """A revisit whose original is earlier in the file gives a page with its own URL and capture."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path) as writer:
        writer.write_fetch(make_exchange())
        revisit = writer.write_fetch(make_exchange("http://127.0.0.1:8080/news/library?amp=1"))
    first, second = pages(path)
    assert second.url == "http://127.0.0.1:8080/news/library?amp=1"
    assert second.data == first.data == ARTICLE
    assert second.capture is not None and second.capture.warc_record_id == revisit.record_id


def test_not_modified_revisit_yields_nothing(tmp_path: Path) -> None:
    """A 304 revisit has no payload to extract."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path) as writer:
        writer.write_fetch(make_exchange(status=304, reason="Not Modified", raw_body=b"", body=b""))
    assert pages(path) == []


def _small_warc(path: Path) -> bytes:
    with WarcWriter(path) as writer:
        for n in range(3):
            writer.write_fetch(make_exchange(f"http://127.0.0.1:8080/{n}", raw_body=ARTICLE + bytes([65 + n])))
    return path.read_bytes()


@pytest.mark.parametrize("compressed", [True, False], ids=["gzip", "plain"])
def test_any_truncation_yields_errors_not_exceptions(tmp_path: Path, compressed: bool) -> None:
    """Cut anywhere, a WARC gives pages and ArchiveErrors, never an exception, and no cut page."""
    data = _small_warc(tmp_path / "src.warc.gz")
    if not compressed:
        data = gzip.decompress(data)
    target = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    for cut in range(1, len(data), 23):
        target.write_bytes(data[:-cut])
        for item in iter_warc_pages(str(target)):
            assert isinstance(item, Page | ScraperError)
            if isinstance(item, Page):
                assert item.data.startswith(ARTICLE), cut


def _write_foreign(path: Path, digest: str | None, *, record_type: str = "response", uri: str = "http://127.0.0.1/x",
                   content_type: str = "text/html") -> None:
    """A record as another tool might write it (WARC/1.0, its own digest form)."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True, warc_version="WARC/1.0")
        fields = {"WARC-Payload-Digest": digest} if digest else {}
        if record_type == "resource":
            record = writer.create_warc_record(uri, "resource", payload=BytesIO(ARTICLE), length=len(ARTICLE),
                                               warc_content_type=content_type, warc_headers_dict=fields)
        else:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=BytesIO(ARTICLE), length=len(ARTICLE),
                                               http_headers=http, warc_headers_dict=fields)
        writer.write_record(record)


def test_content_sha1_is_of_the_decoded_payload(tmp_path: Path) -> None:
    """content_sha1 hashes the decoded bytes (as for files and crawled pages), not the gzip stream."""
    path = tmp_path / "c.warc.gz"
    headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]
    with WarcWriter(path) as writer:
        writer.write_fetch(make_exchange(response_headers=headers, raw_body=gzip.compress(ARTICLE)))
    [page] = pages(path)
    assert page.capture is not None and page.capture.content_sha1 == payload_digest(ARTICLE)


@pytest.mark.parametrize(
    ("record_type", "uri", "content_type", "found"),
    [
        ("resource", "http://127.0.0.1/saved", "text/html", True),
        ("resource", "urn:pageinfo:http://127.0.0.1/saved", "application/json", False),
        ("response", "http://127.0.0.1/feed", "application/rss+xml", False),
    ],
    ids=["html-resource", "browsertrix-pageinfo", "feed"],
)
def test_other_record_shapes(tmp_path: Path, record_type: str, uri: str, content_type: str, found: bool) -> None:
    """HTML resource records are pages; page-info and feed records are not."""
    path = tmp_path / "foreign.warc.gz"
    _write_foreign(path, None, record_type=record_type, uri=uri, content_type=content_type)
    assert [page.url for page in pages(path)] == ([uri] if found else [])
