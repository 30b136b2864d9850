"""One shard's run, as a Dask task: queue its inbox, crawl its domains, hand back its outbox.

`run_shard(job)` runs on a worker. Under the shard's lock (so a task re-run while a stray
earlier attempt still runs waits for it: no host ever sees two crawlers), it
1. moves the links routed to it (``inbox/*.json``, written by the client) into its crawl state
   in one transaction, then deletes the inbox files (a kill in between only queues them
   again: the seen set ignores them);
2. runs (or resumes) `scraper.crawl.runner.crawl` on its own state directory and records file,
   owning the domains the client gave it, until its queue is empty or the ``stop`` file appears;
3. returns its summary and the outbox links added since `outbox_after` (rowid order).
A worker that dies mid-run loses nothing: the engine's state and exactly-once output make the
next attempt (Dask reschedules the task, or the client resubmits it) resume where it stopped.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from scraper.cluster.plan import engine_state, inbox_dir, lock_path
from scraper.cluster.session import report
from scraper.crawl.runner import CONTAINER_KINDS, crawl
from scraper.crawl.settings import CrawlSettings
from scraper.crawl.shard import ShardSpec
from scraper.crawl.state import Link, State
from scraper.crawl.summary import Progress, Summary
from scraper.crawl.urls import host_key, normalise

REPORT_EVERY = 0.5  # seconds between progress reports to the client
STOP_POLL = 0.5  # seconds between looks for the stop file
# What a host's first URL also queues (as the engine does for the hosts it meets itself).
NEW_HOST_LINKS = (("/robots.txt", "robots", -2), ("/sitemap.xml", "sitemap", -1))

OutboxRow = tuple[str, str, int, str]  # url, domain, depth, kind


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
    outbox: tuple[OutboxRow, ...]
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


def routed_link(url: str, depth: int, kind: str) -> Link:
    """A link the client routed here, queued as the engine queues its own links."""
    priority = depth * 2 + (0 if kind in CONTAINER_KINDS else 1)
    return Link(url=url, depth=depth, kind=kind, priority=priority, host=host_key(url))


def new_host_links(host: str, *, sitemaps: bool) -> list[Link]:
    if not sitemaps:
        return []
    links = []
    for path, kind, priority in NEW_HOST_LINKS:
        url = normalise(host + path)
        if url is not None:
            links.append(Link(url=url, depth=0, kind=kind, priority=priority, host=host))
    return links


def apply_inbox(directory: Path, settings: CrawlSettings) -> int:
    """Queue every routed link waiting in the inbox; returns how many were new."""
    files = sorted(inbox_dir(directory).glob("*.json"))
    if not files:
        return 0
    links = []
    for path in files:
        for url, depth, kind in json.loads(path.read_text("utf-8")):
            links.append(routed_link(str(url), int(depth), str(kind)))
    state = State(engine_state(directory))
    try:
        with state.transaction():
            queued = state.add(links, now=time.time(),
                               on_new_host=lambda host: new_host_links(host, sitemaps=settings.sitemaps))
    finally:
        state.close()
    for path in files:
        path.unlink()
    return sum(queued.values())


def fetched_total(directory: Path) -> int:
    """Page fetches over the shard's life (the engine's ``pages_fetched``); 0 before its first run."""
    if not (engine_state(directory) / State.FILE).exists():
        return 0
    state = State(engine_state(directory))
    try:
        return int(state.meta("pages_fetched", "0") or 0)
    finally:
        state.close()


def committed_end(directory: Path) -> int:
    """Bytes of the shard's records file its state has committed (a killed run's tail is not)."""
    if not (engine_state(directory) / State.FILE).exists():
        return 0
    state = State(engine_state(directory))
    try:
        return state.output_end
    finally:
        state.close()


def read_outbox(directory: Path, *, after: int) -> tuple[list[OutboxRow], int]:
    """Outbox rows added after rowid `after`, and the new cursor."""
    db = sqlite3.connect(engine_state(directory) / State.FILE)
    try:
        rows = db.execute("SELECT rowid, url, domain, depth, kind FROM outbox WHERE rowid > ? ORDER BY rowid",
                          (after,)).fetchall()
    finally:
        db.close()
    cursor = max((int(r[0]) for r in rows), default=after)
    return [(str(r[1]), str(r[2]), int(r[3]), str(r[4])) for r in rows], cursor


def run_shard(job: ShardJob) -> ShardResult:
    """The Dask task (see the module docstring)."""
    directory = Path(job.directory)
    with shard_lock(directory):
        apply_inbox(directory, job.settings)
        settings = job.settings
        if job.allot is not None:
            settings = replace(settings, max_pages=fetched_total(directory) + job.allot)
        summary = asyncio.run(_crawl(job, settings))
        rows, cursor = read_outbox(directory, after=job.outbox_after)
        return ShardResult(index=job.index, summary=summary, outbox=tuple(rows), outbox_cursor=cursor,
                           fetched_total=fetched_total(directory))


async def _crawl(job: ShardJob, settings: CrawlSettings) -> Summary:
    stop = asyncio.Event()
    watcher = asyncio.create_task(_watch_stop(Path(job.stop_file), stop))
    last = 0.0

    def progress(p: Progress) -> None:
        nonlocal last
        now = time.monotonic()
        if job.topic is not None and now - last >= REPORT_EVERY:
            last = now
            report(job.topic, {"shard": job.index, "written": p.written, "fetched": p.fetched,
                               "failed": p.failed, "queued": p.queued, "in_flight": p.in_flight,
                               "backoff": list(p.backoff)})

    try:
        return await crawl(settings, shard=ShardSpec(domains=job.domains, name=f"shard-{job.index:04d}"),
                           stop=stop, progress=progress)
    finally:
        watcher.cancel()


async def _watch_stop(path: Path, stop: asyncio.Event) -> None:
    while not path.exists():
        await asyncio.sleep(STOP_POLL)
    stop.set()
