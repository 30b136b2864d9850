"""`WarcWriter`: append fetches to a rotating series of `.warc.gz` files, safely across kills.

File naming (sequential, never derived from URLs): the first file is exactly the path the
user gave (`out/crawl.warc.gz`); when it passes `max_size`, the next ones are
`out/crawl-00001.warc.gz`, `out/crawl-00002.warc.gz`, ... Opening a writer on a path whose
series already exists (a resumed crawl) continues in the last file of the series, after
cutting off a partial record a kill may have left at its end.

Crash safety: each record is built completely in memory as one gzip member and appended
with a single write on an unbuffered file, so a killed process leaves at most one partial
member at the end, which the next open removes. `sync()` (and `close()`, and rotation)
fsyncs, for durability across power loss.

Revisits: the payload digests of stored responses are remembered (digest -> where it was
stored) in a bounded window (`revisit_window`, the most recent 100,000 by default, see
`scraper.archive.revisits`), rebuilt on open from the series' newest files, so an identical
payload becomes a `revisit` record across rotations and across runs. Empty and truncated
payloads are always stored in full; a 304 is always a `server-not-modified` revisit.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol, runtime_checkable

from scraper import __version__
from scraper.archive import records
from scraper.archive.records import Built, Original
from scraper.archive.revisits import DEFAULT_WINDOW, PayloadIndex, rebuild
from scraper.archive.scan import repair
from scraper.digests import EMPTY_DIGEST, sha1_digest
from scraper.errors import ArchiveError
from scraper.fetch.exchange import Exchange

SUFFIX = ".warc.gz"
SEQUENCE_DIGITS = 5
DEFAULT_MAX_SIZE = 1 << 30


@runtime_checkable
class HasExchanges(Protocol):
    """What the archive needs of `scraper.fetch.client.Fetched`: every hop, in order."""

    @property
    def exchanges(self) -> tuple[Exchange, ...]: ...


@dataclass(frozen=True)
class WarcRef:
    """Where a record was written: its file, `WARC-Record-ID` and byte offset.

    `url` and `date` (the record's target URI and WARC-Date) let a metadata record describe
    it; they default to empty for compatibility with the agreed three-field form.
    """

    file: str
    record_id: str
    offset: int
    url: str = ""
    date: str = ""


def series_path(base: Path, index: int) -> Path:
    """The `index`-th file of the series: the base path itself for 0, `-00001` etc. after."""
    if index == 0:
        return base
    stem = base.name[: -len(SUFFIX)]
    return base.with_name(f"{stem}-{index:0{SEQUENCE_DIGITS}d}{SUFFIX}")


def existing_series(base: Path) -> list[int]:
    """Indexes of the series' files that exist, in order."""
    stem = base.name[: -len(SUFFIX)]
    pattern = re.compile(re.escape(stem) + rf"-(\d{{{SEQUENCE_DIGITS}}})" + re.escape(SUFFIX) + "$")
    found = [0] if base.is_file() else []
    if base.parent.is_dir():
        for entry in base.parent.iterdir():
            match = pattern.match(entry.name)
            if match and entry.is_file() and int(match.group(1)) > 0:
                found.append(int(match.group(1)))
    return sorted(found)


def _lock_series(base: Path) -> int:
    """An exclusive advisory lock on the series (on its first file), held until close.

    A second writer on the same path would cut the first one's record in progress as "partial"
    when repairing; it gets BlockingIOError instead.
    """
    fd = os.open(base, os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise
    return fd


def default_info() -> list[tuple[str, str]]:
    return [
        ("software", f"scraper/{__version__} (warcio)"),
        ("format", records.WARC_FORMAT),
        ("conformsTo", records.WARC_CONFORMS_TO),
    ]


class WarcWriter:
    """Writes request/response (or revisit) pairs and metadata records to a WARC series."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        max_size: int = DEFAULT_MAX_SIZE,
        info: Mapping[str, str] | None = None,
        revisit_window: int = DEFAULT_WINDOW,
    ) -> None:
        base = Path(path)
        if not base.name.lower().endswith(SUFFIX) or len(base.name) <= len(SUFFIX):
            raise ArchiveError(f"a WARC output file name must end with {SUFFIX}", url=str(path))
        if max_size <= 0:
            raise ArchiveError("the WARC size limit must be positive", url=str(path))
        self._base = base.with_name(base.name[: -len(SUFFIX)] + SUFFIX)
        self._max_size = max_size
        fields = dict(default_info())  # software (with version) and format describe this writer
        fields.update((str(k), str(v)) for k, v in (info or {}).items() if str(k) not in fields)
        self._info = list(fields.items())
        self._digests = PayloadIndex(revisit_window)
        self._fd: int | None = None
        self._index = 0
        self._size = 0
        self._has_records = False
        self._lock: int | None = None
        try:
            self._base.parent.mkdir(parents=True, exist_ok=True)
            self._lock = _lock_series(self._base)
            indexes = existing_series(self._base)
            if indexes:
                repair(series_path(self._base, indexes[-1]))
                paths = [series_path(self._base, index) for index in indexes]
                self._digests = rebuild(paths, capacity=revisit_window)
            self._open(indexes[-1] if indexes else 0)
        except BlockingIOError:
            self.close()
            raise ArchiveError("another process is writing this WARC series", url=str(path)) from None
        except OSError as exc:
            self.close()
            raise ArchiveError(f"cannot open WARC output: {exc.strerror or exc}", url=str(path)) from None

    # -- files -------------------------------------------------------------------------

    @property
    def current_file(self) -> str:
        return str(series_path(self._base, self._index))

    @property
    def files(self) -> list[str]:
        """Every file of the series on disk, in order (for packaging, e.g. as WACZ)."""
        return [str(series_path(self._base, index)) for index in existing_series(self._base)]

    def _open(self, index: int) -> None:
        self._index = index
        path = series_path(self._base, index)
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self._size = os.fstat(self._fd).st_size
        self._has_records = self._size > 0
        if self._size == 0:
            self._append([records.build_warcinfo(filename=path.name, info=self._info)])
            self._has_records = False

    def _rotate(self) -> None:
        self._close_file()
        self._open(self._index + 1)

    def _close_file(self) -> None:
        if self._fd is not None:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None

    def _append(self, built: Sequence[Built]) -> list[WarcRef]:
        """Write the records with one write; returns their refs in order."""
        if self._fd is None:
            raise ArchiveError("the WARC writer is closed", url=str(self._base))
        refs: list[WarcRef] = []
        offset = self._size
        for item in built:
            refs.append(WarcRef(file=self.current_file, record_id=item.record_id, offset=offset,
                                url=item.url, date=item.date))
            offset += len(item.data)
        data = b"".join(item.data for item in built)
        view = memoryview(data)
        try:
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
        except OSError as exc:
            # A failed write (disk full) must not leave a partial member for later records to follow.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._size)
            raise ArchiveError(f"cannot write WARC: {exc.strerror or exc}", url=self.current_file) from None
        self._size += len(data)
        return refs

    def _fits(self, size: int) -> bool:
        return not self._has_records or self._size + size <= self._max_size

    # -- records -----------------------------------------------------------------------

    def write_fetch(self, exchange: Exchange) -> WarcRef:
        """A request and its response (or revisit) record; returns the response/revisit's ref."""
        date = records.warc_date(exchange.fetched_at)
        request_id, response_id = records.new_record_id(), records.new_record_id()
        digest = sha1_digest(exchange.raw_body)
        original = self._digests.get(digest)
        if exchange.status == 304:
            response = records.build_revisit(exchange, date=date, record_id=response_id,
                                             concurrent_to=request_id, digest=None, original=None)
        elif original is not None and not exchange.truncated:
            response = records.build_revisit(exchange, date=date, record_id=response_id,
                                             concurrent_to=request_id, digest=digest, original=original)
        else:
            response = records.build_response(exchange, date=date, record_id=response_id,
                                              concurrent_to=request_id)
        request = records.build_request(exchange, date=date, record_id=request_id, concurrent_to=response_id)
        pair = [response, request]
        if not self._fits(sum(len(item.data) for item in pair)):
            self._rotate()
        ref = self._append(pair)[0]
        self._has_records = True
        if response.record_type == "response" and self._revisitable(exchange, digest):
            original = Original(url=records.to_uri(exchange.url), date=date, record_id=response_id)
            self._digests.add(digest, original)
        return ref

    @staticmethod
    def _revisitable(exchange: Exchange, digest: str) -> bool:
        return not exchange.truncated and digest != EMPTY_DIGEST

    def write_metadata(
        self, ref: WarcRef, *, record_id: str, outlinks: Sequence[str],
        extra: Iterable[tuple[str, str]] = (),
    ) -> None:
        """A `metadata` record describing `ref`: our record's id and the page's outlinks."""
        fields = [("scraper-record-id", record_id), *extra, *(("outlink", link) for link in outlinks)]
        date = getattr(ref, "date", "") or records.warc_date_now()
        url = getattr(ref, "url", "")
        built = records.build_metadata(url=url, date=date, refers_to=ref.record_id, fields=fields)
        self._append([built])

    def write_fetched(self, fetched: HasExchanges | Iterable[Exchange]) -> list[WarcRef]:
        """Every hop of a fetch (a `Fetched`, or exchanges), in order; refs in the same order.

        The last ref is the final response's: the one a record's capture names.
        """
        exchanges = fetched.exchanges if isinstance(fetched, HasExchanges) else fetched
        return [self.write_fetch(exchange) for exchange in exchanges]

    # -- lifecycle ---------------------------------------------------------------------

    def sync(self) -> None:
        """Flush the current file to stable storage (a checkpoint)."""
        if self._fd is not None:
            os.fsync(self._fd)

    def close(self) -> None:
        self._close_file()
        if self._lock is not None:
            os.close(self._lock)  # releases the flock
            self._lock = None

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
