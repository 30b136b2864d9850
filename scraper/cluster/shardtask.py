"""One shard's run, as a Dask task: queue its inbox, crawl its domains, hand back its outbox.

`run_shard(job)` runs on a worker. Under the shard's lock (so a task re-run while a stray
earlier attempt still runs waits for it: no host ever sees two crawlers), it
1. lists the files of links routed to it (``inbox/*.json``, written by the client);
2. runs (or resumes) `scraper.crawl.runner.crawl` on its own state directory and records file,
   owning the domains the client gave it, with those links as its ``inbox`` (queued, with their
   depth, in its first transaction), until its queue is empty or the ``stop`` file appears;
   then deletes the inbox files it read (a kill before that only hands them again: the seen
   set ignores them);
3. returns its summary and the outbox links added since `outbox_after` (`State.outbox_after`).
A worker that dies mid-run loses nothing: the engine's state and exactly-once output make the
next attempt (Dask reschedules the task, or the client resubmits it) resume where it stopped.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TypeVar

from scraper.cluster.plan import engine_state, inbox_files, inbox_links, lock_path
from scraper.cluster.session import report
from scraper.crawl.routing import RoutedLink
from scraper.crawl.runner import crawl
from scraper.crawl.settings import CrawlSettings
from scraper.crawl.shard import ShardSpec
from scraper.crawl.state import OutboxLink, State
from scraper.crawl.summary import Progress, Summary

REPORT_EVERY = 0.5  # seconds between progress reports to the client
STOP_POLL = 0.5  # seconds between looks for the stop file

T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class ShardJob:
    index: int
    directory: str
    settings: CrawlSettings  # this shard's: its records file, state directory and WARC
    domains: frozenset[str]
    allot: int | None  # page fetches this run may make (None: no --max-pages)
    outbox_after: int  # outbox rows already handed to the client (rowid)
    topic: str | None  # progress reports go here
    stop_file: str


@dataclass(frozen=True)
class ShardResult:
    index: int
    summary: Summary
    outbox: tuple[OutboxLink, ...]
    outbox_cursor: int
    fetched_total: int  # page fetches over the shard's whole life


@contextmanager
def shard_lock(directory: Path) -> Iterator[None]:
    """Exclusive, blocking: one process runs a shard at a time (released by the OS on death)."""
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(directory), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _read_state(directory: Path, read: Callable[[State], T], default: T) -> T:
    """`read` of the shard's engine state, or `default` before the shard's first run."""
    if not State.exists(engine_state(directory)):
        return default
    with State(engine_state(directory)) as state:
        return read(state)


def fetched_total(directory: Path) -> int:
    """Page fetches over the shard's life (the engine's ``pages_fetched``); 0 before its first run."""
    return _read_state(directory, lambda state: state.pages_fetched, 0)


def committed_end(directory: Path) -> int:
    """Bytes of the shard's records file its state has committed (a killed run's tail is not)."""
    return _read_state(directory, lambda state: state.output_end, 0)


def read_outbox(directory: Path, *, after: int) -> tuple[list[OutboxLink], int]:
    """Outbox links added after cursor `after`, and the new cursor."""
    nothing: tuple[list[OutboxLink], int] = ([], after)
    return _read_state(directory, lambda state: state.outbox_after(after), nothing)


def run_shard(job: ShardJob) -> ShardResult:
    """The Dask task (see the module docstring)."""
    directory = Path(job.directory)
    with shard_lock(directory):
        files = inbox_files(directory)  # the client may add more while this runs: those wait
        settings = job.settings
        if job.allot is not None:
            settings = replace(settings, max_pages=fetched_total(directory) + job.allot)
        summary = asyncio.run(_crawl(job, settings, inbox_links(files)))
        for path in files:
            path.unlink()
        links, cursor = read_outbox(directory, after=job.outbox_after)
        return ShardResult(index=job.index, summary=summary, outbox=tuple(links), outbox_cursor=cursor,
                           fetched_total=fetched_total(directory))


async def _crawl(job: ShardJob, settings: CrawlSettings, inbox: Iterable[RoutedLink]) -> Summary:
    stop = asyncio.Event()
    watcher = asyncio.create_task(_watch_stop(Path(job.stop_file), stop))
    last = 0.0

    def progress(p: Progress) -> None:
        nonlocal last
        now = time.monotonic()
        if job.topic is not None and now - last >= REPORT_EVERY:
            last = now
            report(job.topic, {"shard": job.index, **asdict(p)})  # the engine's Progress, as a dict

    try:
        return await crawl(settings, shard=ShardSpec(domains=job.domains, name=f"shard-{job.index:04d}"),
                           stop=stop, progress=progress, inbox=inbox)
    finally:
        watcher.cancel()


async def _watch_stop(path: Path, stop: asyncio.Event) -> None:
    while not path.exists():
        await asyncio.sleep(STOP_POLL)
    stop.set()
