"""A tiny loopback HTTP/1.1 server for the fetch tests: each route writes raw bytes, so a route
can misbehave in any way (trickle, lie about Content-Length, reset, stream a bomb).

Bound to 127.0.0.1 only, on a free port; every connection task is cancelled on exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import threading
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)


Route = Callable[[Request, asyncio.StreamWriter], Awaitable[None]]


def head(status: int, headers: Iterable[tuple[str, str]] = (), reason: str = "OK") -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def page(body: bytes, *, status: int = 200, content_type: str = "text/html; charset=utf-8",
         extra: Iterable[tuple[str, str]] = ()) -> Route:
    """A route answering with a whole body and a correct Content-Length."""

    async def route(request: Request, writer: asyncio.StreamWriter) -> None:
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), *extra]
        writer.write(head(status, headers) + body)
        await writer.drain()

    return route


def redirect(location: str, status: int = 302) -> Route:
    return page(b"", status=status, extra=[("Location", location)])


def reset(writer: asyncio.StreamWriter) -> None:
    """Close with RST instead of FIN (SO_LINGER 0)."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class LoopbackServer:
    """`async with LoopbackServer(routes) as server:` then fetch `server.url("/path")`."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.hits: Counter[str] = Counter()
        self.requests: list[Request] = []
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.port = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def __aenter__(self) -> LoopbackServer:
        self._server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)  # type: ignore[arg-type]
        try:
            while True:
                try:
                    raw = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError,
                        ConnectionError):
                    return
                lines = raw.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        name, value = line.split(":", 1)
                        headers[name.strip().lower()] = value.strip()
                request = Request(method, path, headers)
                self.requests.append(request)
                self.hits[path] += 1
                route = self.routes.get(path) or page(b"not found", status=404, content_type="text/plain")
                await route(request, writer)
                if writer.is_closing():
                    return
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._tasks.discard(task)  # type: ignore[arg-type]
            writer.close()


def run(coro: Coroutine[Any, Any, T], *, limit: float = 10.0) -> T:
    """Run a test coroutine with a hard bound, so no test can hang."""
    return asyncio.run(asyncio.wait_for(coro, limit))


@contextlib.contextmanager
def serve_in_thread(routes: dict[str, Route]) -> Iterator[LoopbackServer]:
    """The server on its own event loop in a thread, for code that calls asyncio.run itself."""
    ready = threading.Event()
    stop: list[asyncio.Event] = []
    holder: list[LoopbackServer] = []
    loop_holder: list[asyncio.AbstractEventLoop] = []

    async def main() -> None:
        stop.append(asyncio.Event())
        loop_holder.append(asyncio.get_running_loop())
        async with LoopbackServer(routes) as server:
            holder.append(server)
            ready.set()
            await asyncio.wait_for(stop[0].wait(), 30)

    thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
    thread.start()
    if not ready.wait(5):
        raise RuntimeError("loopback server did not start")
    try:
        yield holder[0]
    finally:
        loop_holder[0].call_soon_threadsafe(stop[0].set)
        thread.join(5)
