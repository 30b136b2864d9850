"""Which payloads are already stored: the index behind `revisit` records.

Bounded so that memory stays flat however long the crawl: the `capacity` most recently seen
payload digests are kept (least recently used out first). Identical payloads mostly arrive
close together (URL variants, a refetch after a kill), so a window of 100,000 catches nearly
all of them at about 20 MB. On open, the index is rebuilt from the series' newest files back,
only as far as it takes to fill the window.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

from scraper.archive.records import Original
from scraper.archive.scan import members
from scraper.digests import EMPTY_DIGEST

DEFAULT_WINDOW = 100_000


class PayloadIndex:
    """Payload digest -> where it was first stored, for the most recent `capacity` digests."""

    def __init__(self, capacity: int = DEFAULT_WINDOW) -> None:
        self._capacity = max(0, capacity)
        self._entries: OrderedDict[str, Original] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, digest: str) -> Original | None:
        original = self._entries.get(digest)
        if original is not None:
            self._entries.move_to_end(digest)
        return original

    def add(self, digest: str, original: Original) -> None:
        """Remember a stored payload (an existing entry keeps its original, and is refreshed)."""
        if self._capacity == 0:
            return
        if digest in self._entries:
            self._entries.move_to_end(digest)
            return
        self._entries[digest] = original
        if len(self._entries) > self._capacity:
            self._entries.popitem(last=False)


def stored_payloads(path: Path) -> list[tuple[str, Original]]:
    """The (digest, original) of every complete, non-empty response record in the file, in order."""
    found: list[tuple[str, Original]] = []
    with open(path, "rb") as stream:
        for member in members(stream):
            fields = member.warc_headers()
            digest = fields.get("warc-payload-digest")
            if (
                fields.get("warc-type") == "response"
                and digest
                and digest != EMPTY_DIGEST
                and "warc-truncated" not in fields
            ):
                found.append((digest, Original(
                    url=fields.get("warc-target-uri", ""),
                    date=fields.get("warc-date", ""),
                    record_id=fields.get("warc-record-id", ""),
                )))
    return found


def rebuild(paths: Sequence[Path], *, capacity: int = DEFAULT_WINDOW) -> PayloadIndex:
    """The index as it stood after writing `paths` (oldest first), reading newest files first."""
    index = PayloadIndex(capacity)
    per_file: list[list[tuple[str, Original]]] = []
    total = 0
    for path in reversed(paths):
        if total >= capacity:
            break
        entries = stored_payloads(path)
        per_file.append(entries)
        total += len(entries)
    for entries in reversed(per_file):
        for digest, original in entries:
            index.add(digest, original)
    return index
