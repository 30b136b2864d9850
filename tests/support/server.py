"""A real loopback HTTP server that misbehaves on purpose, per path, for crawl tests.

    site = Site()
    site.page("/", "<html>...</html>")
    site.route("/busy", [Reply(status=429, headers=(("Retry-After", "1"),)), Reply(body=b"ok")])
    with serve(site) as server:            # 127.0.0.1, port 0; serve(site, host="127.0.0.2") too
        server.url("/busy")
        server.requests                     # every request seen: path, query, headers, time

A route is a `Reply` (always the same), a list of replies (served in order, the last repeats)
or a function of the request count. Replies can misbehave: ``mode`` "reset" (TCP RST, no
answer), "truncate" (Content-Length promises twice the body, then the connection closes),
"trickle" (one byte every `trickle_every` seconds, bounded by `trickle_for`), "huge" (a body
of `size` bytes streamed in chunks). Every server thread stops when the `serve` block ends.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal
from urllib.parse import urlsplit

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str | None = HTML
    headers: tuple[tuple[str, str], ...] = ()
    mode: Literal["normal", "reset", "truncate", "trickle", "huge"] = "normal"
    size: int = 0  # for "huge"
    trickle_every: float = 0.2
    trickle_for: float = 10.0


@dataclass(frozen=True)
class Seen:
    """One request as the server saw it."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    at: float
    server: str  # "127.0.0.1:PORT"

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


Route = Reply | Sequence[Reply] | Callable[[int], Reply]


@dataclass
class Site:
    """Routes by path (query ignored unless a route names it): what a server answers."""

    routes: dict[str, Route] = field(default_factory=dict)
    not_found: Reply = field(default_factory=lambda: Reply(status=404, body=b"<html><body>not found</body></html>"))

    def route(self, path: str, reply: Route) -> Site:
        self.routes[path] = reply
        return self

    def page(self, path: str, html: str, *, content_type: str = HTML, encoding: str = "utf-8",
             headers: tuple[tuple[str, str], ...] = ()) -> Site:
        return self.route(path, Reply(body=html.encode(encoding), content_type=content_type, headers=headers))

    def reply(self, path: str, query: str, count: int) -> Reply:
        route = self.routes.get(f"{path}?{query}") if query else None
        route = route if route is not None else self.routes.get(path)
        if route is None:
            return self.not_found
        if isinstance(route, Reply):
            return route
        if callable(route):
            return route(count)
        return route[min(count, len(route) - 1)]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], site: Site) -> None:
        super().__init__(address, _Handler)
        self.site = site
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.requests: list[Seen] = []
        self.counts: dict[str, int] = {}

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up (killed crawls, byte caps) are expected here


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        host, port = self.server.server_address[:2]
        seen = Seen(method=self.command, path=parts.path, query=parts.query, headers=dict(self.headers.items()),
                    at=time.monotonic(), server=f"{host}:{port}")
        with self.server.lock:
            self.server.requests.append(seen)
            key = self.path
            count = self.server.counts.get(key, 0)
            self.server.counts[key] = count + 1
        reply = self.server.site.reply(parts.path, parts.query, count)
        try:
            self._answer(reply)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _head(self, reply: Reply, length: int) -> None:
        self.send_response(reply.status)
        if reply.content_type:
            self.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def _answer(self, reply: Reply) -> None:
        if reply.mode == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if reply.mode == "truncate":
            self._head(reply, len(reply.body) * 2 + 10)
            self.wfile.write(reply.body)
            self.wfile.flush()
            self.close_connection = True
            return
        if reply.mode == "trickle":
            self._head(reply, 10_000_000)
            deadline = time.monotonic() + reply.trickle_for
            while time.monotonic() < deadline and not self.server.stopping.is_set():
                self.wfile.write(b"<")
                self.wfile.flush()
                self.server.stopping.wait(reply.trickle_every)
            self.close_connection = True
            return
        if reply.mode == "huge":
            self._head(reply, reply.size)
            chunk = b"<p>" + b"x" * 65_530 + b"</p>"
            sent = 0
            while sent < reply.size and not self.server.stopping.is_set():
                piece = chunk[: reply.size - sent]
                self.wfile.write(piece)
                sent += len(piece)
            self.close_connection = True
            return
        self._head(reply, len(reply.body))
        if self.command != "HEAD":
            self.wfile.write(reply.body)


class Running:
    """A started server: its base URL and the requests it saw."""

    def __init__(self, server: _Server) -> None:
        self._server = server
        host, port = server.server_address[:2]
        self.base = f"http://{host}:{port}"

    def url(self, path: str = "/") -> str:
        return self.base + path

    @property
    def requests(self) -> list[Seen]:
        with self._server.lock:
            return list(self._server.requests)

    def paths(self) -> list[str]:
        return [r.path + (f"?{r.query}" if r.query else "") for r in self.requests]

    def count(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)


@contextmanager
def serve(site: Site, *, host: str = "127.0.0.1") -> Iterator[Running]:
    """Run `site` on host:0 in a thread for the duration of the block."""
    server = _Server((host, 0), site)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Running(server)
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# -- hostile bodies --------------------------------------------------------------------------

@lru_cache(maxsize=2)
def gzip_bomb(decoded_size: int = 64 * 1024 * 1024) -> bytes:
    """A small gzip body that decodes to `decoded_size` bytes of spaces inside <html>."""
    return gzip.compress(b"<html><body>" + b" " * decoded_size, compresslevel=9)


def bomb_reply(decoded_size: int = 64 * 1024 * 1024) -> Reply:
    return Reply(body=gzip_bomb(decoded_size), headers=(("Content-Encoding", "gzip"),))


def redirect(to: str, status: int = 302) -> Reply:
    return Reply(status=status, body=b"", headers=(("Location", to),))
