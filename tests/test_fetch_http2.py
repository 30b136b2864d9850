"""HTTP/2 exchanges recorded like HTTP/1.1 ones, over cleartext with prior knowledge
(a tiny h2 server on loopback; httpx speaks h2c only when told http1=False)."""

from __future__ import annotations

import asyncio

import h2.config
import h2.connection
import h2.events
import httpx

from scraper.fetch import Fetcher, FetchSettings
from tests.fetch_server import run

BODY = b"<!doctype html><html><body><article><p>Over HTTP/2.</p></article></body></html>"


async def h2_handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
    conn.initiate_connection()
    writer.write(conn.data_to_send())
    try:
        for _ in range(50):
            data = await asyncio.wait_for(reader.read(65536), 5)
            if not data:
                return
            for event in conn.receive_data(data):
                if isinstance(event, h2.events.RequestReceived):
                    conn.send_headers(event.stream_id, [
                        (":status", "200"), ("content-type", "text/html; charset=utf-8"),
                        ("content-length", str(len(BODY))), ("x-served-by", "h2-test"),
                    ])
                    conn.send_data(event.stream_id, BODY, end_stream=True)
            writer.write(conn.data_to_send())
            await writer.drain()
    except (TimeoutError, ConnectionError):
        return
    finally:
        writer.close()


def test_http2_exchange_recorded() -> None:
    """An HTTP/2 response is recorded with its version, status, headers, body and peer."""

    async def main() -> None:
        server = await asyncio.start_server(h2_handler, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        settings = FetchSettings(allow_private=True, timeout=5.0, trust_env=False)
        transport = httpx.AsyncHTTPTransport(http1=False, http2=True)
        async with server, Fetcher(settings, transport=transport) as fetcher:
            fetched = await fetcher.fetch(f"http://127.0.0.1:{port}/story")
        final = fetched.final
        assert final.http_version == "HTTP/2"
        assert final.status == 200
        assert final.body == BODY
        assert ("x-served-by", "h2-test") in final.response_headers
        assert final.ip_address == "127.0.0.1"

    run(main())
