"""Loopback plumbing shared by the benchmarks: a port free on every host, a quiet handler."""

from __future__ import annotations

import socket
from http.server import SimpleHTTPRequestHandler


class QuietHandler(SimpleHTTPRequestHandler):
    """A static-file handler speaking HTTP/1.1 (keep-alive) that logs nothing."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass


def free_port(hosts: int = 1) -> int:
    """A port free now on 127.0.0.1 and on 127.0.0.2 … 127.0.0.`hosts` alike."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        try:
            for n in range(2, hosts + 1):
                with socket.socket() as other:
                    other.bind((f"127.0.0.{n}", port))
            return port
        except OSError:
            continue
    raise SystemExit("no port free on every loopback address")
