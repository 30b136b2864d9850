"""The crawl's memory, on disk: frontier, seen set, hosts, page outcomes, outbox (SQLite, WAL).

Nothing is kept per URL in memory: the seen set is a PRIMARY KEY table, the queue is read
in small per-host batches. A URL leaves the queue only in the transaction that records its
outcome, so a killed process loses nothing: whatever was in flight is still queued.

Tables
- ``seen(url)``: every normalised URL ever routed (queued, skipped or sent to the outbox).
- ``queue(url, host, depth, kind, priority, seq, not_before, attempts)``: work to do.
- ``pages(url, outcome, reason, ...)``: the last outcome of each URL, with the byte
  offset/length of its JSONL line when a record was written.
- ``hosts(host, next_at, backoff_level, crawl_delay, robots)``: per-host politeness.
- ``outbox(url, domain, depth, kind)``: links owned by other shards (see `scraper.crawl.shard`).
- ``meta(key, value)``: ``output_end`` (bytes of the output committed), ``generation``, ...
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from scraper.errors import ConfigError

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seen (url TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS queue (
    url TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    depth INTEGER NOT NULL,
    kind TEXT NOT NULL,
    priority INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    not_before REAL NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS queue_by_host ON queue (host, priority, seq);
CREATE INDEX IF NOT EXISTS queue_by_time ON queue (not_before);
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    outcome TEXT NOT NULL,
    reason TEXT NOT NULL,
    depth INTEGER,
    kind TEXT,
    status INTEGER,
    final_url TEXT,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    out_offset INTEGER,
    out_length INTEGER,
    generation INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_by_hash ON pages (content_hash) WHERE out_offset IS NOT NULL;
CREATE TABLE IF NOT EXISTS hosts (
    host TEXT PRIMARY KEY,
    next_at REAL NOT NULL DEFAULT 0,
    backoff_level INTEGER NOT NULL DEFAULT 0,
    crawl_delay REAL,
    robots TEXT
);
CREATE TABLE IF NOT EXISTS outbox (
    url TEXT PRIMARY KEY,
    domain TEXT NOT NULL,
    depth INTEGER NOT NULL,
    kind TEXT NOT NULL
);
"""

# Outcomes a re-check (`--recheck`) fetches again (pages, sitemaps and feeds with a
# conditional request): what a site may have changed or added to since.
RECHECKABLE = ("written", "not-article", "not-modified", "sitemap", "feed", "robots-txt")
CONDITIONAL = ("written", "not-article", "not-modified", "sitemap", "feed")
# Kinds that list other URLs: fetched before the pages of their depth.
CONTAINER_KINDS = ("robots", "sitemap", "feed")


def priority(depth: int, kind: str) -> int:
    """A queued URL's rank (lower first): by depth, and at one depth containers before pages."""
    return depth * 2 + (0 if kind in CONTAINER_KINDS else 1)


@dataclass(frozen=True)
class Link:
    """A URL to route: queue it (`host` set), send it to another shard, or record it skipped."""

    url: str
    depth: int
    kind: str = "page"  # page | sitemap | feed | robots
    priority: int = 0
    host: str | None = None  # set when it goes to the queue
    domain: str | None = None  # set when it goes to the outbox
    skipped: str | None = None  # an outcome reason ("out-of-scope:host"): recorded, not fetched


class OutboxLink(NamedTuple):
    """A link owned by another shard, as the outbox keeps it."""

    url: str
    domain: str
    depth: int
    kind: str


@dataclass(frozen=True)
class QueueItem:
    url: str
    host: str
    depth: int
    kind: str
    attempts: int


@dataclass(frozen=True)
class PageInfo:
    """What a URL's earlier fetch left for a conditional request."""

    outcome: str
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    written: bool


@dataclass(frozen=True)
class Done:
    """The final outcome of one URL, committed with the URL's removal from the queue."""

    url: str
    outcome: str
    reason: str
    depth: int
    kind: str
    attempts: int
    status: int | None = None
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    line: tuple[int, int] | None = None  # (offset, length) in the output, when written


@dataclass(frozen=True)
class Retry:
    """A retryable failure: the URL stays queued, not before `not_before`."""

    url: str
    not_before: float
    attempts: int


@dataclass(frozen=True)
class HostRow:
    host: str
    next_at: float
    backoff_level: int
    crawl_delay: float | None
    robots: str | None


NewHostHook = Callable[[str], Iterable[Link]]


def _exclusive(path: Path) -> int:
    """An exclusive lock on `path`, held until the descriptor closes (or the process dies)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        message = "another crawl is running with this state directory"
        raise ConfigError(message, url=str(path.parent)) from None
    return fd


class State:
    """One crawl's SQLite state directory. Single-threaded: use it from the event loop only."""

    FILE = "crawl.sqlite3"

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._lock = _exclusive(self.directory / "lock")
        except OSError as exc:
            raise ConfigError(f"cannot open crawl state: {exc}", url=str(self.directory)) from exc
        try:
            self._db = sqlite3.connect(self.directory / self.FILE, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode survives a killed process (the OS keeps the WAL); the output
            # file is fsynced before each commit, so a power loss can only lose state that the
            # output reconciliation then cuts away too.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            os.close(self._lock)
            raise ConfigError(f"cannot open crawl state: {exc}", url=str(self.directory)) from exc
        self._seq = self._scalar("SELECT COALESCE(MAX(seq), 0) FROM queue")

    @classmethod
    def exists(cls, directory: str | Path) -> bool:
        """Whether `directory` holds a crawl state (without opening, creating or locking it)."""
        return (Path(directory) / cls.FILE).exists()

    def close(self) -> None:
        self._db.close()
        os.close(self._lock)  # releases the lock

    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _scalar(self, sql: str, params: Sequence[object] = ()) -> int:
        row = self._db.execute(sql, params).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- meta -------------------------------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @property
    def output_end(self) -> int:
        return int(self.meta("output_end", "0") or 0)

    @property
    def generation(self) -> int:
        return int(self.meta("generation", "0") or 0)

    @property
    def pages_fetched(self) -> int:
        """Page fetches over the crawl's whole life (what --max-pages counts)."""
        return int(self.meta("pages_fetched", "0") or 0)

    def set_pages_fetched(self, count: int) -> None:
        self.set_meta("pages_fetched", str(count))

    # -- routing ----------------------------------------------------------------------------
    def add(
        self, links: Iterable[Link], *, now: float, on_new_host: NewHostHook | None = None
    ) -> dict[str, int]:
        """Route links not seen before; returns how many were queued, by host. Call inside a
        transaction (or alone: each statement then commits on its own)."""
        queued: dict[str, int] = {}
        pending = deque(links)  # in order: the queue's seq keeps document order
        while pending:
            link = pending.popleft()
            cur = self._db.execute("INSERT OR IGNORE INTO seen (url) VALUES (?)", (link.url,))
            if cur.rowcount != 1:
                continue
            if link.skipped is not None:
                self._db.execute(
                    "INSERT OR REPLACE INTO pages (url, outcome, reason, depth, kind, updated_at) "
                    "VALUES (?, 'out-of-scope', ?, ?, ?, ?)",
                    (link.url, link.skipped, link.depth, link.kind, now),
                )
            elif link.domain is not None:
                self._db.execute(
                    "INSERT OR IGNORE INTO outbox (url, domain, depth, kind) VALUES (?, ?, ?, ?)",
                    (link.url, link.domain, link.depth, link.kind),
                )
            elif link.host is not None:
                self._seq += 1
                self._db.execute(
                    "INSERT INTO queue (url, host, depth, kind, priority, seq) VALUES (?, ?, ?, ?, ?, ?)",
                    (link.url, link.host, link.depth, link.kind, link.priority, self._seq),
                )
                queued[link.host] = queued.get(link.host, 0) + 1
                cur = self._db.execute("INSERT OR IGNORE INTO hosts (host) VALUES (?)", (link.host,))
                if cur.rowcount == 1 and on_new_host is not None:
                    pending.extend(on_new_host(link.host))
        return queued

    # -- the queue --------------------------------------------------------------------------
    def queued(self) -> int:
        return self._scalar("SELECT COUNT(*) FROM queue")

    def queued_for(self, host: str) -> int:
        return self._scalar("SELECT COUNT(*) FROM queue WHERE host = ?", (host,))

    def queued_by_host(self) -> dict[str, int]:
        return {str(h): int(n) for h, n in self._db.execute("SELECT host, COUNT(*) FROM queue GROUP BY host")}

    def next_for_host(self, host: str, *, now: float, limit: int) -> list[QueueItem]:
        rows = self._db.execute(
            "SELECT url, host, depth, kind, attempts FROM queue WHERE host = ? AND not_before <= ? "
            "ORDER BY priority, seq LIMIT ?",
            (host, now, limit),
        )
        return [QueueItem(url=r[0], host=r[1], depth=r[2], kind=r[3], attempts=r[4]) for r in rows]

    def earliest(self, host: str, *, after: float) -> float | None:
        """The earliest not-before time later than `after` among the host's queued URLs."""
        row = self._db.execute(
            "SELECT MIN(not_before) FROM queue WHERE host = ? AND not_before > ?", (host, after)
        ).fetchone()
        return float(row[0]) if row and row[0] is not None else None

    # -- outcomes ---------------------------------------------------------------------------
    def page(self, url: str) -> PageInfo | None:
        row = self._db.execute(
            "SELECT outcome, etag, last_modified, content_hash, out_offset FROM pages WHERE url = ?", (url,)
        ).fetchone()
        if row is None:
            return None
        return PageInfo(outcome=row[0], etag=row[1], last_modified=row[2], content_hash=row[3],
                        written=row[4] is not None)

    def written_hash(self, content_hash: str, *, other_than: str) -> str | None:
        """The URL of a written record with this content hash, other than `other_than`."""
        row = self._db.execute(
            "SELECT url FROM pages WHERE content_hash = ? AND out_offset IS NOT NULL AND url != ? LIMIT 1",
            (content_hash, other_than),
        ).fetchone()
        return str(row[0]) if row else None

    def record_done(self, done: Done, *, now: float) -> None:
        """Record a final outcome and drop the URL from the queue. Call inside a transaction.

        An earlier record's line is kept when this outcome writes none (a 304 on re-check)."""
        gen = self.generation
        if done.line is not None:
            self._db.execute(
                "INSERT OR REPLACE INTO pages (url, outcome, reason, depth, kind, status, final_url, etag, "
                "last_modified, content_hash, out_offset, out_length, generation, attempts, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (done.url, done.outcome, done.reason, done.depth, done.kind, done.status, done.final_url,
                 done.etag, done.last_modified, done.content_hash, done.line[0], done.line[1], gen,
                 done.attempts, now),
            )
            end = done.line[0] + done.line[1]
            if end > self.output_end:
                self.set_meta("output_end", str(end))
        else:
            self._db.execute(
                "INSERT INTO pages (url, outcome, reason, depth, kind, status, final_url, etag, "
                "last_modified, content_hash, generation, attempts, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason, "
                "depth = excluded.depth, kind = excluded.kind, status = excluded.status, "
                "final_url = excluded.final_url, "
                "etag = COALESCE(excluded.etag, pages.etag), "
                "last_modified = COALESCE(excluded.last_modified, pages.last_modified), "
                "content_hash = COALESCE(excluded.content_hash, pages.content_hash), "
                "generation = excluded.generation, attempts = excluded.attempts, "
                "updated_at = excluded.updated_at",
                (done.url, done.outcome, done.reason, done.depth, done.kind, done.status, done.final_url,
                 done.etag, done.last_modified, done.content_hash, gen, done.attempts, now),
            )
        self._db.execute("DELETE FROM queue WHERE url = ?", (done.url,))

    def record_retry(self, retry: Retry) -> None:
        self._db.execute(
            "UPDATE queue SET not_before = ?, attempts = ? WHERE url = ?",
            (retry.not_before, retry.attempts, retry.url),
        )

    def mark_seen(self, url: str) -> bool:
        """Add a URL (a redirect target) to the seen set; False when it was there already."""
        return self._db.execute("INSERT OR IGNORE INTO seen (url) VALUES (?)", (url,)).rowcount == 1

    def is_seen(self, url: str) -> bool:
        return self._db.execute("SELECT 1 FROM seen WHERE url = ?", (url,)).fetchone() is not None

    # -- hosts ------------------------------------------------------------------------------
    def hosts(self) -> list[HostRow]:
        rows = self._db.execute("SELECT host, next_at, backoff_level, crawl_delay, robots FROM hosts")
        return [HostRow(*r) for r in rows]

    def save_host(self, row: HostRow) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO hosts (host, next_at, backoff_level, crawl_delay, robots) "
            "VALUES (?, ?, ?, ?, ?)",
            (row.host, row.next_at, row.backoff_level, row.crawl_delay, row.robots),
        )

    # -- re-check and reports ---------------------------------------------------------------
    def start_recheck(self, *, host_of: Callable[[str], str]) -> int:
        """Queue every page a re-check revisits, in a new generation; returns how many.
        One INSERT ... SELECT: the pages never pass through memory."""
        self._db.create_function("host_of", 1, host_of, deterministic=True)
        self._db.create_function("priority", 2, priority, deterministic=True)
        with self.transaction():
            self.set_meta("generation", str(self.generation + 1))
            cur = self._db.execute(
                "INSERT OR IGNORE INTO queue (url, host, depth, kind, priority, seq) "
                "SELECT url, host_of(url), COALESCE(depth, 0), COALESCE(kind, 'page'), "
                "priority(COALESCE(depth, 0), COALESCE(kind, 'page')), ? + rowid FROM pages "
                f"WHERE outcome IN ({', '.join('?' for _ in RECHECKABLE)})",
                (self._seq, *RECHECKABLE),
            )
        self._seq = self._scalar("SELECT COALESCE(MAX(seq), 0) FROM queue")
        return cur.rowcount

    def outcome_counts(self, *, since: float = 0.0) -> dict[tuple[str, str], int]:
        """Counts by outcome and reason kind: a reason's text before its first ": " (the rest,
        a message or a URL, would make one line per page)."""
        rows = self._db.execute(
            "SELECT outcome, CASE WHEN instr(reason, ': ') > 0 "
            "THEN substr(reason, 1, instr(reason, ': ') - 1) ELSE reason END AS reason_kind, COUNT(*) "
            "FROM pages WHERE updated_at >= ? GROUP BY outcome, reason_kind",
            (since,),
        )
        return {(str(o), str(r)): int(n) for o, r, n in rows}

    def outcomes(self) -> dict[str, tuple[str, str]]:
        """url -> (outcome, reason) of every URL with an outcome (for tests and reports)."""
        rows = self._db.execute("SELECT url, outcome, reason FROM pages")
        return {str(u): (str(o), str(r)) for u, o, r in rows}

    def written_count(self) -> int:
        return self._scalar("SELECT COUNT(*) FROM pages WHERE out_offset IS NOT NULL")

    def outbox_count(self) -> int:
        return self._scalar("SELECT COUNT(*) FROM outbox")

    def outbox(self) -> list[OutboxLink]:
        """Every link owned by another shard, by URL."""
        rows = self._db.execute("SELECT url, domain, depth, kind FROM outbox ORDER BY url")
        return [OutboxLink(str(u), str(d), int(n), str(k)) for u, d, n, k in rows]

    def outbox_after(self, cursor: int) -> tuple[list[OutboxLink], int]:
        """The outbox links added after `cursor`, in the order they were added, and the cursor
        past them (0 reads from the start; the outbox only grows, so a cursor stays valid)."""
        rows = self._db.execute(
            "SELECT rowid, url, domain, depth, kind FROM outbox WHERE rowid > ? ORDER BY rowid", (cursor,)
        ).fetchall()
        links = [OutboxLink(str(u), str(d), int(n), str(k)) for _, u, d, n, k in rows]
        return links, max((int(r[0]) for r in rows), default=cursor)
