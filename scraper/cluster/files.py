"""Part files written by tasks, made visible by atomic renames, and joined in order by the client.

A task writes `PART.<random>.tmp`, fsyncs it and renames it to `PART`: a part that exists is
whole, whichever attempt of the task wrote it (a task re-run after its worker died simply
writes it again). The client appends finished parts to the output in their index order as soon
as every earlier part is there, so the output grows in input order while tasks run in any order.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import IO

CHUNK = 1 << 20


def temp_beside(path: Path) -> Path:
    """A fresh temporary name in the same directory (so a rename onto `path` is atomic)."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:10]}.tmp")


def publish(tmp: Path, final: Path) -> None:
    """fsync `tmp`, then rename it onto `final` atomically."""
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, final)


def concat(parts: Iterable[Path | tuple[Path, int]], target: Path) -> int:
    """Write the parts, in order, into `target` atomically (temp + rename); returns bytes.

    A part given as (path, n) contributes its first n bytes only."""
    tmp = temp_beside(target)
    total = 0
    try:
        with open(tmp, "wb") as out:
            for part in parts:
                path, limit = part if isinstance(part, tuple) else (part, None)
                with open(path, "rb") as src:
                    total += copy(src, out, limit=limit)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return total


def copy(src: IO[bytes], dst: IO[bytes], *, limit: int | None = None) -> int:
    total = 0
    while limit is None or total < limit:
        chunk = src.read(CHUNK if limit is None else min(CHUNK, limit - total))
        if not chunk:
            break
        dst.write(chunk)
        total += len(chunk)
    return total


class OrderedParts:
    """Append parts 0, 1, 2... to a text stream in order, whatever order they finish in."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._ready: dict[int, Path | None] = {}
        self.next = 0

    def finished(self, index: int, part: Path | None) -> None:
        """Part `index` is complete (`None`: it has no lines); flush every part now in order."""
        self._ready[index] = part
        while self.next in self._ready:
            path = self._ready.pop(self.next)
            if path is not None:
                with open(path, encoding="utf-8") as src:
                    while chunk := src.read(CHUNK):
                        self._out.write(chunk)
                self._out.flush()
                path.unlink(missing_ok=True)
            self.next += 1


def work_dir(output: str | None, run_id: str) -> Path:
    """An absolute work directory next to the output (workers must see it: shared file system)."""
    base = Path(output).resolve().parent if output else Path.cwd()
    name = Path(output).name if output else "stdout"
    return base / f".{name}.parts-{run_id}"


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
