"""WarcWriter: the record set of one fetch, digests, revisits, truncation, rotation, resume."""

from __future__ import annotations

import gzip
import hashlib
import subprocess
import sys
from base64 import b32encode
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from scraper import __version__
from scraper.archive import WarcRef, WarcWriter
from scraper.archive.scan import members
from scraper.errors import ArchiveError
from scraper.fetch.exchange import Exchange

ARTICLE = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Council opens new library | Town News</title>
<script>window.ads = [];</script></head>
<body><nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<article><h1>Council opens new library</h1><time datetime="2026-03-02">2 March 2026</time>
<p>The council opened a library of 12,000 books on Monday, costing \xc2\xa32.4 million.</p>
<p>Residents queued from early morning to see the new reading rooms.</p></article>
<aside><h2>Related</h2><ul><li><a href="/news/park">Park reopens</a></li></ul></aside>
<footer>&copy; Town News</footer></body></html>"""

WHEN = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=UTC)


def make_exchange(url: str = "http://127.0.0.1:8080/news/library", **changes: Any) -> Exchange:
    values: dict[str, Any] = {
        "url": url,
        "method": "GET",
        "request_headers": [("Host", "127.0.0.1:8080"), ("User-Agent", "scraper/0.1"), ("Accept", "*/*")],
        "http_version": "HTTP/1.1",
        "status": 200,
        "reason": "OK",
        "response_headers": [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(ARTICLE))),
            ("Last-Modified", "Mon, 02 Mar 2026 08:00:00 GMT"),
        ],
        "raw_body": ARTICLE,
        "body": ARTICLE,
        "fetched_at": WHEN,
        "ip_address": "127.0.0.1",
    }
    values.update(changes)
    return Exchange(**values)


def sha1_b32(data: bytes) -> str:
    return "sha1:" + b32encode(hashlib.sha1(data).digest()).decode("ascii")


def read_records(path: Path) -> list[dict[str, Any]]:
    """Every record of the file: WARC headers, HTTP status and the raw payload."""
    out: list[dict[str, Any]] = []
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            payload = record.raw_stream.read()
            out.append({
                "type": record.rec_type,
                "warc": dict(record.rec_headers.headers),
                "http": record.http_headers,
                "payload": payload,
                "offset": iterator.get_record_offset(),
            })
    return out


def write_one(path: Path, exchange: Exchange, **options: Any) -> WarcRef:
    with WarcWriter(path, **options) as writer:
        ref = writer.write_fetch(exchange)
        writer.write_metadata(ref, record_id="rec-1", outlinks=["http://127.0.0.1:8080/news/park"])
    return ref


def test_one_fetch_writes_warcinfo_response_request_metadata(tmp_path: Path) -> None:
    """A fetch gives a warcinfo, then response, request and metadata records."""
    write_one(tmp_path / "c.warc.gz", make_exchange())
    types = [r["type"] for r in read_records(tmp_path / "c.warc.gz")]
    assert types == ["warcinfo", "response", "request", "metadata"]


def test_request_and_response_are_linked_and_share_the_date(tmp_path: Path) -> None:
    """Request and response point at each other by WARC-Concurrent-To and share WARC-Date."""
    write_one(tmp_path / "c.warc.gz", make_exchange())
    _, response, request, _ = read_records(tmp_path / "c.warc.gz")
    assert request["warc"]["WARC-Concurrent-To"] == response["warc"]["WARC-Record-ID"]
    assert response["warc"]["WARC-Concurrent-To"] == request["warc"]["WARC-Record-ID"]
    assert request["warc"]["WARC-Date"] == response["warc"]["WARC-Date"] == "2026-03-02T09:30:15.123456Z"


def test_response_carries_target_ip_and_correct_digests(tmp_path: Path) -> None:
    """The response has Target-URI, IP address, and payload/block digests that recompute."""
    write_one(tmp_path / "c.warc.gz", make_exchange())
    response = read_records(tmp_path / "c.warc.gz")[1]
    warc = response["warc"]
    assert warc["WARC-Target-URI"] == "http://127.0.0.1:8080/news/library"
    assert warc["WARC-IP-Address"] == "127.0.0.1"
    assert response["payload"] == ARTICLE
    assert warc["WARC-Payload-Digest"] == sha1_b32(ARTICLE)
    block = response["http"].to_ascii_bytes() + ARTICLE
    assert warc["WARC-Block-Digest"] == sha1_b32(block)


def test_ref_points_at_the_response_record(tmp_path: Path) -> None:
    """The returned WarcRef names the file, the response's record id and its byte offset."""
    ref = write_one(tmp_path / "c.warc.gz", make_exchange())
    response = read_records(tmp_path / "c.warc.gz")[1]
    assert ref.file == str(tmp_path / "c.warc.gz")
    assert ref.record_id == response["warc"]["WARC-Record-ID"]
    assert ref.offset == response["offset"]


def test_metadata_names_the_record_and_its_outlinks(tmp_path: Path) -> None:
    """The metadata record refers to the response and lists our record id and the outlinks."""
    ref = write_one(tmp_path / "c.warc.gz", make_exchange())
    metadata = read_records(tmp_path / "c.warc.gz")[3]
    assert metadata["warc"]["WARC-Refers-To"] == ref.record_id
    assert metadata["warc"]["WARC-Target-URI"] == ref.url
    assert metadata["payload"].decode().splitlines() == [
        "scraper-record-id: rec-1",
        "outlink: http://127.0.0.1:8080/news/park",
    ]


def test_warcinfo_names_software_and_settings(tmp_path: Path) -> None:
    """The warcinfo record holds the software, the format and the run's settings."""
    with WarcWriter(tmp_path / "c.warc.gz", info={"seeds": "http://127.0.0.1:8080/", "delay": "1.0"}):
        pass
    warcinfo = read_records(tmp_path / "c.warc.gz")[0]
    text = warcinfo["payload"].decode()
    assert "software: scraper/" in text
    assert "format: WARC File Format 1.1" in text
    assert "seeds: http://127.0.0.1:8080/" in text
    assert warcinfo["warc"]["WARC-Filename"] == "c.warc.gz"


def test_every_record_is_its_own_gzip_member(tmp_path: Path) -> None:
    """Each record is one gzip member, so offsets index single records."""
    write_one(tmp_path / "c.warc.gz", make_exchange())
    with open(tmp_path / "c.warc.gz", "rb") as stream:
        offsets = [m.offset for m in members(stream)]
    assert offsets == [r["offset"] for r in read_records(tmp_path / "c.warc.gz")]


def test_http2_is_written_in_http11_form(tmp_path: Path) -> None:
    """An HTTP/2 response gets an HTTP/1.1 status line with the standard reason phrase."""
    write_one(tmp_path / "c.warc.gz", make_exchange(http_version="HTTP/2", reason=""))
    response = read_records(tmp_path / "c.warc.gz")[1]
    assert response["http"].protocol == "HTTP/1.1"
    assert response["http"].statusline == "200 OK"


def test_chunked_header_is_renamed_as_body_is_dechunked(tmp_path: Path) -> None:
    """Transfer-Encoding is kept as X-Crawler-Transfer-Encoding since the stored body is not chunked."""
    headers = [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")]
    write_one(tmp_path / "c.warc.gz", make_exchange(response_headers=headers))
    http = read_records(tmp_path / "c.warc.gz")[1]["http"]
    assert http.get_header("Transfer-Encoding") is None
    assert http.get_header("X-Crawler-Transfer-Encoding") == "chunked"


def test_content_encoded_payload_is_stored_as_received(tmp_path: Path) -> None:
    """A gzip-encoded body is stored compressed, and the digest covers those bytes."""
    raw = gzip.compress(ARTICLE)
    headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]
    write_one(tmp_path / "c.warc.gz", make_exchange(response_headers=headers, raw_body=raw))
    response = read_records(tmp_path / "c.warc.gz")[1]
    assert response["payload"] == raw
    assert response["warc"]["WARC-Payload-Digest"] == sha1_b32(raw)


@pytest.mark.parametrize("reason", ["length", "time", "disconnect"], ids=["length", "time", "disconnect"])
def test_truncated_body_is_marked(tmp_path: Path, reason: str) -> None:
    """A capped body's response record carries WARC-Truncated with the reason."""
    write_one(tmp_path / "c.warc.gz", make_exchange(raw_body=ARTICLE[:100], truncated=reason))
    assert read_records(tmp_path / "c.warc.gz")[1]["warc"]["WARC-Truncated"] == reason


def test_identical_payload_becomes_a_revisit(tmp_path: Path) -> None:
    """The same payload at another URL is stored once; the second is a revisit referring to it."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path) as writer:
        first = writer.write_fetch(make_exchange())
        writer.write_fetch(make_exchange("http://127.0.0.1:8080/news/library?utm=x"))
    revisit = next(r for r in read_records(path) if r["type"] == "revisit")
    warc = revisit["warc"]
    assert warc["WARC-Profile"].endswith("/revisit/identical-payload-digest")
    assert warc["WARC-Refers-To"] == first.record_id
    assert warc["WARC-Refers-To-Target-URI"] == "http://127.0.0.1:8080/news/library"
    assert warc["WARC-Payload-Digest"] == sha1_b32(ARTICLE)
    assert revisit["payload"] == b""


def test_304_becomes_a_server_not_modified_revisit(tmp_path: Path) -> None:
    """A 304 answer is written as a server-not-modified revisit."""
    exchange = make_exchange(status=304, reason="Not Modified", raw_body=b"", body=b"",
                             response_headers=[("ETag", '"abc"')])
    write_one(tmp_path / "c.warc.gz", exchange)
    revisit = read_records(tmp_path / "c.warc.gz")[1]
    assert revisit["type"] == "revisit"
    assert revisit["warc"]["WARC-Profile"].endswith("/revisit/server-not-modified")
    assert revisit["http"].statusline == "304 Not Modified"


@pytest.mark.parametrize(
    "changes",
    [{"raw_body": b"", "body": b"", "status": 301}, {"truncated": "length"}],
    ids=["empty-body", "truncated"],
)
def test_no_revisit_for_empty_or_truncated_payloads(tmp_path: Path, changes: dict[str, Any]) -> None:
    """Empty and truncated payloads are always stored in full."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path) as writer:
        writer.write_fetch(make_exchange(**changes))
        writer.write_fetch(make_exchange("http://127.0.0.1:8080/other", **changes))
    assert [r["type"] for r in read_records(path)].count("response") == 2


def test_revisits_survive_a_reopen(tmp_path: Path) -> None:
    """A new writer on an existing series rebuilds the digest index from the files."""
    path = tmp_path / "c.warc.gz"
    write_one(path, make_exchange())
    with WarcWriter(path) as writer:
        writer.write_fetch(make_exchange("http://127.0.0.1:8080/copy"))
    assert [r["type"] for r in read_records(path)].count("revisit") == 1


def test_rotation_uses_sequential_names(tmp_path: Path) -> None:
    """Past max_size the writer continues in c-00001.warc.gz, c-00002.warc.gz, ..."""
    path = tmp_path / "c.warc.gz"
    refs = []
    with WarcWriter(path, max_size=1500) as writer:
        for n in range(5):
            body = ARTICLE + f"<!-- {n} -->".encode()
            refs.append(writer.write_fetch(make_exchange(f"http://127.0.0.1:8080/{n}", raw_body=body)))
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["c-00001.warc.gz", "c-00002.warc.gz", "c-00003.warc.gz", "c-00004.warc.gz", "c.warc.gz"]
    assert [Path(ref.file).name for ref in refs] == ["c.warc.gz", *names[:4]]


def test_each_rotated_file_starts_with_warcinfo(tmp_path: Path) -> None:
    """Every file of a rotated series opens with its own warcinfo naming it."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path, max_size=1500) as writer:
        for n in range(3):
            writer.write_fetch(make_exchange(f"http://127.0.0.1:8080/{n}", raw_body=ARTICLE + bytes([n])))
    for file in sorted(tmp_path.iterdir()):
        first = read_records(file)[0]
        assert first["type"] == "warcinfo"
        assert first["warc"]["WARC-Filename"] == file.name


def test_partial_trailing_member_is_cut_on_reopen(tmp_path: Path) -> None:
    """Half a record at the end (a kill mid-write) is cut off when the writer reopens."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path) as writer:
        for n in range(3):
            writer.write_fetch(make_exchange(f"http://127.0.0.1:8080/{n}", raw_body=ARTICLE + bytes([n])))
    good_size = path.stat().st_size
    with open(path, "rb") as stream:
        last = list(members(stream))[-2]  # the last response record's gzip member
    member = path.read_bytes()[last.offset:last.end]
    with open(path, "ab") as stream:
        stream.write(member[: len(member) // 2])
    with WarcWriter(path) as writer:
        writer.write_fetch(make_exchange("http://127.0.0.1:8080/after", raw_body=ARTICLE + b"after"))
    records = read_records(path)
    assert len([r for r in records if r["type"] == "response"]) == 4
    assert records[7]["offset"] == good_size


def test_resume_appends_to_the_last_file_without_a_second_warcinfo(tmp_path: Path) -> None:
    """Reopening continues the last file of the series; its single warcinfo stays first."""
    path = tmp_path / "c.warc.gz"
    write_one(path, make_exchange())
    write_one(path, make_exchange("http://127.0.0.1:8080/2", raw_body=ARTICLE + b"2"))
    types = [r["type"] for r in read_records(path)]
    assert types.count("warcinfo") == 1
    assert types.count("response") == 2


@pytest.mark.parametrize("name", ["c.warc", "c.gz", ".warc.gz"], ids=["plain-warc", "gz", "no-stem"])
def test_output_name_must_end_with_warc_gz(tmp_path: Path, name: str) -> None:
    """The writer refuses a name it could not rotate predictably, naming the path."""
    with pytest.raises(ArchiveError, match=r"\.warc\.gz"):
        WarcWriter(tmp_path / name)


def test_warcio_check_and_cdxj_indexer_accept_the_file(tmp_path: Path) -> None:
    """`warcio check` passes and `cdxj-indexer` indexes the response and the revisit."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path) as writer:
        ref = writer.write_fetch(make_exchange())
        writer.write_metadata(ref, record_id="r", outlinks=[])
        writer.write_fetch(make_exchange("http://127.0.0.1:8080/copy"))
        writer.write_fetch(make_exchange("http://127.0.0.1:8080/cut", raw_body=ARTICLE[:50], truncated="length"))
    bindir = Path(sys.executable).parent
    check = subprocess.run([bindir / "warcio", "check", "-v", path], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
    index = subprocess.run([bindir / "cdxj-indexer", path], capture_output=True, text=True, timeout=60)
    assert index.returncode == 0, index.stderr
    lines = index.stdout.splitlines()
    assert len(lines) == 3
    assert '"mime": "warc/revisit"' in lines[1] or '"mime": "warc/revisit"' in lines[0] + lines[2]


KILL_CHILD = """
import sys
from datetime import UTC, datetime
from scraper.archive import WarcWriter
from scraper.fetch.exchange import Exchange
body = (b"<html><body>" + b"<p>lorem ipsum dolor sit amet %d</p>" * 20000 + b"</body></html>")
with WarcWriter(sys.argv[1]) as writer:
    for n in range(100000):
        data = body.replace(b"%d", str(n).encode())
        writer.write_fetch(Exchange(url=f"http://127.0.0.1/{n}", method="GET", request_headers=[],
            http_version="HTTP/1.1", status=200, reason="OK", response_headers=[("Content-Type", "text/html")],
            raw_body=data, body=data, fetched_at=datetime.now(UTC)))
        print(n, flush=True)
"""


def test_sigkill_mid_crawl_leaves_a_file_that_reopens_clean(tmp_path: Path) -> None:
    """A writer killed with SIGKILL leaves complete records only, after the next open."""
    path = tmp_path / "k.warc.gz"
    child = subprocess.Popen([sys.executable, "-c", KILL_CHILD, str(path)], stdout=subprocess.PIPE,
                             cwd=Path(__file__).resolve().parent.parent, text=True)
    try:
        assert child.stdout is not None
        for _ in range(5):
            assert child.stdout.readline(), "the child stopped writing"
    finally:
        child.kill()
        child.wait(timeout=10)
        if child.stdout is not None:
            child.stdout.close()
    with WarcWriter(path):
        pass
    check = subprocess.run([Path(sys.executable).parent / "warcio", "check", path],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout
    assert sum(r["type"] == "response" for r in read_records(path)) >= 5


def test_reopen_after_any_cut_leaves_only_whole_records(tmp_path: Path) -> None:
    """Wherever a file is cut, reopening keeps exactly the members that were complete."""
    source = tmp_path / "src.warc.gz"
    with WarcWriter(source) as writer:
        for n in range(3):
            writer.write_fetch(make_exchange(f"http://127.0.0.1:8080/{n}", raw_body=ARTICLE + bytes([n])))
    data = source.read_bytes()
    with open(source, "rb") as stream:
        ends = [m.end for m in members(stream)]
    target = tmp_path / "cut.warc.gz"
    for size in range(1, len(data), 53):
        target.write_bytes(data[:size])
        WarcWriter(target).close()
        types = [r["type"] for r in read_records(target)]
        if size < ends[0]:  # even the warcinfo was cut: the file starts afresh
            assert types == ["warcinfo"], size
        else:
            assert target.stat().st_size == max(end for end in ends if end <= size), size
            assert types[0] == "warcinfo"


def test_files_lists_the_series_in_order(tmp_path: Path) -> None:
    """`files` names every file of the series, the user's path first."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path, max_size=1500) as writer:
        for n in range(3):
            writer.write_fetch(make_exchange(f"http://127.0.0.1:8080/{n}", raw_body=ARTICLE + bytes([n])))
    assert writer.files == [str(path), str(tmp_path / "c-00001.warc.gz"), str(tmp_path / "c-00002.warc.gz")]


@pytest.mark.parametrize(
    ("changes", "check"),
    [
        ({"reason": "D\xe9j\xe0 vu"}, lambda recs: recs[1]["http"].statusline == "200 D\xe9j\xe0 vu"),
        ({"response_headers": [("Content-Type", "text/html"), ("X-Title", "caf\xe9")]},
         lambda recs: recs[1]["http"].get_header("X-Title") == "caf\xe9"),
        ({"url": "http://127.0.0.1:8080/caf\xe9?q=\u5b81\u6ce2"},
         lambda recs: recs[1]["warc"]["WARC-Target-URI"] == "http://127.0.0.1:8080/caf%C3%A9?q=%E5%AE%81%E6%B3%A2"
         and recs[2]["http"].statusline == "/caf%C3%A9?q=%E5%AE%81%E6%B3%A2 HTTP/1.1"),
        ({"url": "http://b\xfccher.example/x", "request_headers": []},
         lambda recs: recs[2]["http"].get_header("Host") == "xn--bcher-kva.example"),
    ],
    ids=["latin1-reason", "latin1-header", "iri-path", "idn-host"],
)
def test_non_ascii_heads_are_written_faithfully(tmp_path: Path, changes: dict[str, Any], check: Any) -> None:
    """Latin-1 header bytes are kept as received; IRIs are written in their ASCII URI form."""
    path = tmp_path / "c.warc.gz"
    write_one(path, make_exchange(**changes))
    assert check(read_records(path))
    result = subprocess.run([Path(sys.executable).parent / "warcio", "check", path], capture_output=True, timeout=60)
    assert result.returncode == 0


def test_a_second_writer_on_the_same_series_is_refused(tmp_path: Path) -> None:
    """While one writer holds the series, another gets a clear ArchiveError, not a repair."""
    path = tmp_path / "c.warc.gz"
    with WarcWriter(path) as writer:
        writer.write_fetch(make_exchange())
        with pytest.raises(ArchiveError, match="another process"):
            WarcWriter(path)
    WarcWriter(path).close()  # free again once closed


def test_caller_info_cannot_duplicate_the_software_field(tmp_path: Path) -> None:
    """`software` (with our version) appears once, whatever the caller passes; other fields are added."""
    with WarcWriter(tmp_path / "c.warc.gz", info={"software": "scraper", "user-agent": "bot"}):
        pass
    lines = read_records(tmp_path / "c.warc.gz")[0]["payload"].decode().splitlines()
    assert [line for line in lines if line.startswith("software:")] == [f"software: scraper/{__version__} (warcio)"]
    assert "user-agent: bot" in lines


def test_failed_write_leaves_no_partial_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails half-way (disk full) is cut back, so later records follow whole ones."""
    import os

    path = tmp_path / "c.warc.gz"
    real_write = os.write
    with WarcWriter(path) as writer:
        writer.write_fetch(make_exchange())
        good = path.stat().st_size

        def half_then_full(fd: int, data: Any) -> int:
            monkeypatch.setattr("os.write", failing)
            return real_write(fd, bytes(data[: len(data) // 2]))

        def failing(fd: int, data: Any) -> int:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("os.write", half_then_full)
        with pytest.raises(ArchiveError, match="No space left"):
            writer.write_fetch(make_exchange("http://127.0.0.1:8080/2", raw_body=ARTICLE + b"2"))
        monkeypatch.setattr("os.write", real_write)
        assert path.stat().st_size == good
        writer.write_fetch(make_exchange("http://127.0.0.1:8080/3", raw_body=ARTICLE + b"3"))
    assert [r["type"] for r in read_records(path)].count("response") == 2
