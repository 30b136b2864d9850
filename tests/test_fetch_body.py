"""Bodies against a real loopback server: bombs, huge pages, trickles, lies and resets."""

from __future__ import annotations

import asyncio
import gzip
import time
import zlib

import brotli  # type: ignore[import-untyped]
import pytest

from scraper.errors import ConnectError, FetchTimeout, ProtocolError, TLSError
from scraper.fetch import Fetcher, FetchSettings
from tests.fetch_server import LoopbackServer, Request, Route, head, page, reset, run

CAP = 1024 * 1024
LOOPBACK = FetchSettings(allow_private=True, timeout=5.0, trust_env=False, max_bytes=CAP)
MIB = b"\0" * (1 << 20)


def chunked(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


def compressed_stream(encoding: str, total_mib: int) -> Route:
    """Stream `total_mib` MiB of zeros, compressed on the fly, as a chunked response:
    a gigabyte-sized bomb that costs the server only what the client reads."""

    async def route(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(head(200, [("Content-Type", "text/html"), ("Content-Encoding", encoding),
                                ("Transfer-Encoding", "chunked")]))
        if encoding == "br":
            compressor = brotli.Compressor(quality=1)
            feed, finish = compressor.process, compressor.finish
        else:
            zobj = zlib.compressobj(9, zlib.DEFLATED, 31 if encoding == "gzip" else 15)
            feed, finish = zobj.compress, zobj.flush
        for _ in range(total_mib):
            data = feed(MIB)
            if data:
                writer.write(chunked(data))
                await writer.drain()
            await asyncio.sleep(0)  # the client shares this event loop: let it read
        writer.write(chunked(finish()) + b"0\r\n\r\n")
        await writer.drain()

    return route


async def fetch(routes: dict[str, Route], path: str = "/", settings: FetchSettings = LOOPBACK):  # type: ignore[no-untyped-def]
    async with LoopbackServer(routes) as server, Fetcher(settings) as fetcher:
        return await fetcher.fetch(server.url(path))


BOMBS = [("gzip", 1024), ("deflate", 1024), ("br", 1024)]


@pytest.mark.parametrize(("encoding", "mib"), BOMBS, ids=[e for e, _ in BOMBS])
def test_compression_bomb_stops_at_decoded_cap(encoding: str, mib: int) -> None:
    """A 1 GiB compressed stream of zeros is cut at the decoded cap, quickly."""
    started = time.monotonic()
    fetched = run(fetch({"/": compressed_stream(encoding, mib)}))
    final = fetched.final
    assert final.truncated == "length"
    assert len(final.body) == CAP
    assert len(final.raw_body) < CAP
    assert time.monotonic() - started < 3


def test_single_chunk_brotli_bomb() -> None:
    """A brotli body of about 200 bytes that decodes to 128 MiB stops at the cap."""
    bomb = brotli.compress(b"\0" * (128 << 20), quality=5)
    fetched = run(fetch({"/": page(bomb, extra=[("Content-Encoding", "br")])}))
    assert fetched.final.truncated == "length"
    assert len(fetched.final.body) == CAP
    assert fetched.final.raw_body == bomb


ENCODED = [
    ("gzip", gzip.compress),
    ("deflate", zlib.compress),
    ("deflate-raw", lambda b: zlib.compress(b)[2:-4]),
    ("br", brotli.compress),
    ("gzip-2-members", lambda b: gzip.compress(b[:100]) + gzip.compress(b[100:])),
]


@pytest.mark.parametrize(("name", "encode"), ENCODED, ids=[n for n, _ in ENCODED])
def test_encoded_body_decoded_and_raw_kept(name: str, encode) -> None:  # type: ignore[no-untyped-def]
    """An encoded page is decoded; the raw body keeps the encoding for the archive."""
    text = b"<html><body><p>" + b"Lorem ipsum dolor sit amet. " * 500 + b"</p></body></html>"
    encoded = encode(text)
    coding = name.split("-")[0]
    fetched = run(fetch({"/": page(encoded, extra=[("Content-Encoding", coding)])}))
    assert fetched.final.body == text
    assert fetched.final.raw_body == encoded
    assert fetched.final.truncated is None


def test_unknown_encoding_kept_as_received() -> None:
    """A content-coding we cannot undo leaves the body as received."""
    fetched = run(fetch({"/": page(b"\x1f\x9dxyz", extra=[("Content-Encoding", "compress")])}))
    assert fetched.final.body == b"\x1f\x9dxyz"


def test_corrupt_gzip_is_a_protocol_error() -> None:
    """A body that claims gzip but is not raises ProtocolError naming the URL."""
    with pytest.raises(ProtocolError, match="decoded"):
        run(fetch({"/": page(b"this is not gzip at all", extra=[("Content-Encoding", "gzip")])}))


def test_huge_page_cut_at_cap() -> None:
    """A 50 MB page is cut at the byte cap."""

    async def huge(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(head(200, [("Content-Type", "text/html"), ("Content-Length", str(50 * (1 << 20)))]))
        for _ in range(50 * 16):
            writer.write(b"x" * (64 * 1024))
            await writer.drain()

    started = time.monotonic()
    fetched = run(fetch({"/": huge}))
    assert fetched.final.truncated == "length"
    assert len(fetched.final.body) == CAP == len(fetched.final.raw_body)
    assert time.monotonic() - started < 3


def test_body_exactly_at_cap_is_not_truncated() -> None:
    """A body of exactly max_bytes is whole."""
    fetched = run(fetch({"/": page(b"y" * CAP)}))
    assert fetched.final.truncated is None
    assert len(fetched.final.body) == CAP


async def trickle(request: Request, writer: asyncio.StreamWriter) -> None:
    writer.write(head(200, [("Content-Type", "text/html"), ("Content-Length", "1000")]))
    for _ in range(100):
        writer.write(b"z")
        await writer.drain()
        await asyncio.sleep(0.2)


def test_trickling_body_cut_at_deadline() -> None:
    """One byte every 0.2 s stops at the overall deadline with truncated="time"."""
    settings = FetchSettings(allow_private=True, timeout=1.5, trust_env=False)
    started = time.monotonic()
    fetched = run(fetch({"/": trickle}, settings=settings))
    elapsed = time.monotonic() - started
    assert fetched.final.truncated == "time"
    assert 3 <= len(fetched.final.body) <= 10
    assert 1.4 < elapsed < 2.5


def test_silent_server_is_a_timeout() -> None:
    """A server that never sends headers raises FetchTimeout at the deadline."""

    async def silent(request: Request, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(30)

    settings = FetchSettings(allow_private=True, timeout=1.0, trust_env=False)
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="deadline"):
        run(fetch({"/": silent}, settings=settings))
    assert time.monotonic() - started < 2


def test_short_body_is_truncated_by_disconnect() -> None:
    """Content-Length 1000, 100 bytes sent, then close: the 100 bytes, truncated="disconnect"."""

    async def short(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(head(200, [("Content-Type", "text/html"), ("Content-Length", "1000")]) + b"a" * 100)
        await writer.drain()
        writer.close()

    fetched = run(fetch({"/": short}))
    assert fetched.final.truncated == "disconnect"
    assert fetched.final.body == b"a" * 100


def test_reset_before_response_is_a_protocol_error() -> None:
    """A connection reset before any response raises ProtocolError."""

    async def rst(request: Request, writer: asyncio.StreamWriter) -> None:
        reset(writer)

    with pytest.raises(ProtocolError) as info:
        run(fetch({"/": rst}))
    assert info.value.reason == "protocol"


def test_reset_mid_body_is_truncated() -> None:
    """A reset after the headers keeps the bytes read, truncated="disconnect"."""

    async def rst(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(head(200, [("Content-Length", "5000")]) + b"b" * 50)
        await writer.drain()
        await asyncio.sleep(0.1)
        reset(writer)

    fetched = run(fetch({"/": rst}))
    assert fetched.final.truncated == "disconnect"
    assert fetched.final.body == b"b" * 50


def test_garbage_response_is_a_protocol_error() -> None:
    """A server answering with something that is not HTTP raises ProtocolError."""

    async def garbage(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
        await writer.drain()
        writer.close()

    with pytest.raises(ProtocolError):
        run(fetch({"/": garbage}))


def test_refused_connection_is_a_connect_error() -> None:
    """Nothing listening on the port raises ConnectError."""

    async def main() -> None:
        async with LoopbackServer({}) as server:
            url = server.url("/")
        async with Fetcher(LOOPBACK) as fetcher:
            await fetcher.fetch(url)

    with pytest.raises(ConnectError) as info:
        run(main())
    assert info.value.reason == "connect"


def test_tls_failure_is_a_tls_error_never_downgraded() -> None:
    """https:// to a server answering in plain HTTP raises TLSError; nothing is retried."""
    connections: list[int] = []

    async def plain(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()
        writer.close()

    async def main() -> None:
        server = await asyncio.start_server(plain, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server, Fetcher(LOOPBACK) as fetcher:
            with pytest.raises(TLSError) as info:
                await fetcher.fetch(f"https://127.0.0.1:{port}/")
        assert info.value.reason == "tls"

    run(main())
    assert connections == [1]
