"""Exactly-once JSON Lines output, reconciled with the crawl state.

The order, for every batch of records:
1. append the lines to the output, flush and fsync;
2. commit, in ONE state transaction, each URL's outcome with its line's (offset, length),
   the URL's removal from the queue, and ``output_end`` (the committed size of the output).

On start the output is cut back to ``output_end``. So a SIGKILL at any moment gives:
- before 1 finishes: a partial or whole uncommitted tail, cut on the next start; the URLs are
  still queued and fetched again;
- between 1 and 2: whole lines that the state does not know, cut the same way;
- after 2: committed lines, kept; their URLs are out of the queue and never fetched again.
Every article therefore appears exactly once, whatever moment the process died.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from scraper.errors import ConfigError


class JsonlOutput:
    """Append-only JSONL file whose committed size is kept by the crawl state."""

    def __init__(self, path: str | Path, *, committed_end: int) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ConfigError(f"cannot open the output: {exc.strerror}", url=str(self.path)) from exc
        self._file = os.fdopen(fd, "r+b")
        size = self._file.seek(0, os.SEEK_END)
        if size < committed_end:
            self._file.close()
            raise ConfigError(
                f"the output has {size} bytes but the crawl state recorded {committed_end}: it was "
                "truncated or replaced; restore it, or start afresh with a new --state directory",
                url=str(self.path),
            )
        if committed_end > 0:
            self._file.seek(committed_end - 1)
            if self._file.read(1) != b"\n":
                self._file.close()
                raise ConfigError(
                    "the output does not end a line where the crawl state says it should; "
                    "it was changed by something else",
                    url=str(self.path),
                )
        if size > committed_end:
            # Lines (or a partial line) written after the last commit: their URLs are still
            # queued, so they will be fetched and written again.
            self._file.truncate(committed_end)
            os.fsync(self._file.fileno())
        self.cut = size - committed_end
        self._end = committed_end
        self._file.seek(committed_end)

    @property
    def end(self) -> int:
        return self._end

    def append(self, lines: Sequence[bytes]) -> list[tuple[int, int]]:
        """Write lines (each ending in a newline), make them durable, return (offset, length)s."""
        spans: list[tuple[int, int]] = []
        offset = self._end
        for line in lines:
            if not line.endswith(b"\n") or b"\n" in line[:-1]:
                raise ValueError("a JSONL record must be exactly one line ending in a newline")
            spans.append((offset, len(line)))
            offset += len(line)
        if lines:
            self._file.write(b"".join(lines))
            self._file.flush()
            os.fsync(self._file.fileno())
            self._end = offset
        return spans

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> JsonlOutput:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
