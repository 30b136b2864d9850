"""`scraper crawl ... --cluster ...`: the client side. Plans shards, runs them as Dask tasks,
routes links between them, and merges their records into the output.

The loop: every shard with work (seeds, routed links, or a queue left by an earlier run) is
submitted as ONE task (`scraper.cluster.shardtask.run_shard`); a shard is never submitted
while it runs. When a task ends, the links in its outbox are checked against the crawl's scope
and depth limit (once per URL), their domains given shards (`ShardPlan`), and written to the
owning shard's inbox, which makes that shard due to run again. The crawl ends when no shard
is due and none runs. Then the shards' records files are joined, in shard order, into the
output (temporary file + rename): the output path means what it means without `--cluster`,
and each article is in it once, because each URL belongs to one shard and each shard writes
its records exactly once. A task lost with its worker is rescheduled by Dask; one that fails
otherwise is resubmitted (`MAX_ATTEMPTS`); either way the shard resumes from its state.

Progress: shard tasks report to the client (worker events); the client sums them into one
`Progress` for the same display as a single-process crawl, and the shards' summaries into one
`Summary`. `--max-pages` is shared out between the shards it runs (never exceeded in total).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scraper.cluster.address import ClusterError
from scraper.cluster.files import concat, publish, temp_beside
from scraper.cluster.plan import (
    STOP_FILE,
    ShardPlan,
    engine_state,
    post_inbox,
    records_path,
    shard_dir,
    warc_for,
)
from scraper.cluster.session import listen, new_topic, unlisten
from scraper.cluster.shardtask import (
    ShardJob,
    ShardResult,
    committed_end,
    fetched_total,
    run_shard,
)
from scraper.crawl.routing import RoutedLink, Router, seed_urls
from scraper.crawl.runner import counts_as_failed
from scraper.crawl.settings import CrawlSettings
from scraper.crawl.state import OutboxLink
from scraper.crawl.summary import Progress, ProgressSink, Summary
from scraper.crawl.urls import registrable_domain

LOCAL_THREADS = 4  # shard tasks at once per local worker process (they mostly wait on the network)
MAX_ATTEMPTS = 5  # submissions of one shard run before the crawl gives up on it
STOP_WAIT = 60.0  # seconds to wait for running shards after a stop


@dataclass
class _Totals:
    """Counts summed over finished shard runs, and the latest report of each running shard."""

    finished: list[Summary] = field(default_factory=list)
    live: dict[int, dict[str, Any]] = field(default_factory=dict)
    running: set[int] = field(default_factory=set)  # reports of other shards are late: ignored
    queued: dict[int, int] = field(default_factory=dict)
    written_total: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def default_shards(threads: int) -> int:
    """Enough shards for every task slot to stay busy as sites finish: 4 per slot, at least 64
    (workers may still be starting when the crawl does), at most 1024. Only shards that get a
    domain ever exist, so a crawl of 3 sites has 3 shards whatever this says."""
    return max(64, min(1024, 4 * threads))


def shard_settings(settings: CrawlSettings, directory: Path, index: int, *, recheck: bool) -> CrawlSettings:
    """A shard's settings: its own records, state and WARC; a re-check only on its first run."""
    return replace(settings, output=records_path(directory), state_dir=engine_state(directory),
                   warc=warc_for(settings.warc, index) if settings.warc is not None else None,
                   max_pages=None, recheck=recheck)


class ClusterCrawl:
    """One cluster crawl run on `client` (see the module docstring)."""

    def __init__(self, client: Any, settings: CrawlSettings, *, shards: int | None = None,
                 progress: ProgressSink | None = None) -> None:
        self.client = client
        self.settings = settings
        self.state = settings.state_path.resolve()
        self.progress = progress
        if shards is None:
            from scraper.cluster.session import worker_threads

            shards = default_shards(worker_threads(client))
        if settings.extract_workers:
            raise ClusterError("--workers (extraction processes) does not combine with --cluster: Dask "
                               "worker processes already run the extraction; start more of them",
                               url="--workers")
        self.plan = ShardPlan.open(self.state, shards=shards)
        self.router = Router.for_crawl(settings)  # the shards' own rules: what no shard fetches stays out
        self.seeds = seed_urls(settings.seeds)
        self.routed: set[str] = set(self.seeds)
        self.cursor: dict[int, int] = {}
        self.lifetime: dict[int, int] = {}
        self.reserved: dict[int, int] = {}  # --max-pages share of each running shard
        self.attempts: dict[int, int] = {}
        self.failed: dict[int, str] = {}
        self.totals = _Totals()
        self.run_id = uuid.uuid4().hex[:8]
        self.submissions = 0
        self.submitted: set[int] = set()  # shards run by this command (--recheck: only the first run)
        self.started = time.time()
        self.stop_file = self.state / STOP_FILE
        self.stopped = False

    # -- routing ------------------------------------------------------------------------------
    def _route(self, rows: Iterable[OutboxLink]) -> set[int]:
        """Give outbox links to their shards' inboxes; returns the shards that got any."""
        batches: dict[int, list[RoutedLink]] = {}
        assigned = False
        for url, domain, depth, kind in rows:
            if url in self.routed:
                continue
            self.routed.add(url)
            if not self.router.admits(url, depth, kind):
                continue  # too deep or out of the crawl's scope: the owning shard would never fetch it
            index, new = self.plan.assign(domain or registrable_domain(url))
            assigned = assigned or new
            batches.setdefault(index, []).append(RoutedLink(url, depth, kind))
        if assigned:
            self.plan.save()  # before any inbox names a shard the plan does not
        for index, links in batches.items():
            post_inbox(shard_dir(self.state, index), links)
        return set(batches)

    # -- the loop -----------------------------------------------------------------------------
    def run(self) -> Summary:
        import distributed

        self.stop_file.unlink(missing_ok=True)
        due: set[int] = set(self.plan.existing())
        for url in self.seeds:
            index, _ = self.plan.assign(registrable_domain(url))
            due.add(index)
        self.plan.save()
        for index in due:
            self.lifetime[index] = fetched_total(shard_dir(self.state, index))
        topic = new_topic("crawl") if self.progress is not None else None
        if topic is not None:
            listen(self.client, topic, self._on_report)
        running: dict[Any, int] = {}
        pool: Any = distributed.as_completed()  # type: ignore[no-untyped-call]
        try:
            self._submit(due, running, pool, topic)
            while running:
                future = next(pool)
                index = running.pop(future)
                due |= self._finished(index, future)
                if not self.stopped:
                    self._submit(due, running, pool, topic)
        except KeyboardInterrupt:
            self._stop(running)
        finally:
            if topic is not None:
                unlisten(self.client, topic)
        self.merge()
        return self.summary()

    def _budget(self) -> int | None:
        if self.settings.max_pages is None:
            return None
        used = sum(self.lifetime.values()) + sum(self.reserved.values())
        return max(0, self.settings.max_pages - used)

    def _submit(self, due: set[int], running: dict[Any, int], pool: Any, topic: str | None) -> None:
        busy = set(running.values())
        ready = sorted(i for i in due if i not in busy and i not in self.failed)
        budget = self._budget()
        for n, index in enumerate(ready):
            allot: int | None = None
            if budget is not None:
                share = -(-budget // (len(ready) - n)) if budget > 0 else 0
                if share <= 0:
                    break
                allot, budget = share, budget - share
                self.reserved[index] = share
            due.discard(index)
            directory = shard_dir(self.state, index)
            recheck = self.settings.recheck and index not in self.submitted
            job = ShardJob(index=index, directory=str(directory),
                           settings=shard_settings(self.settings, directory, index, recheck=recheck),
                           domains=self.plan.owned(index), allot=allot,
                           outbox_after=self.cursor.get(index, 0), topic=topic,
                           stop_file=str(self.stop_file))
            self.submissions += 1
            self.submitted.add(index)
            future = self.client.submit(run_shard, job, pure=False,
                                        key=f"scraper-shard-{index:04d}-{self.run_id}-{self.submissions}")
            running[future] = index
            with self.totals.lock:
                self.totals.running.add(index)
            pool.add(future)

    def _finished(self, index: int, future: Any) -> set[int]:
        """Take a finished task's result; returns the shards now due (routed links, retries)."""
        try:
            result: ShardResult = future.result()
        except Exception as exc:  # a shard run's failure: resubmitted, then given up and reported
            self.attempts[index] = self.attempts.get(index, 0) + 1
            self.reserved.pop(index, None)
            with self.totals.lock:
                self.totals.live.pop(index, None)
                self.totals.running.discard(index)
            if self.attempts[index] >= MAX_ATTEMPTS:
                self.failed[index] = f"{type(exc).__name__}: {exc}"
                return set()
            return {index}
        self.attempts.pop(index, None)
        self.cursor[index] = result.outbox_cursor
        share = self.reserved.pop(index, None)
        used = result.fetched_total - self.lifetime.get(index, 0)
        self.lifetime[index] = result.fetched_total
        summary = result.summary
        with self.totals.lock:
            self.totals.live.pop(index, None)
            self.totals.running.discard(index)
            self.totals.finished.append(summary)
            self.totals.queued[index] = summary.queued
            self.totals.written_total[index] = summary.written_total
        due = self._route(result.outbox)
        if summary.interrupted:
            self.stopped = True
        elif summary.queued and share is not None and used >= share and self._budget():
            due.add(index)  # stopped by its share of --max-pages while pages remain
        return due

    def _stop(self, running: dict[Any, int]) -> None:
        """Ask every running shard to stop (the stop file), and take their results."""
        import distributed

        self.stopped = True
        self.stop_file.touch()
        if running:
            done, _ = distributed.wait(list(running), timeout=STOP_WAIT)  # type: ignore[no-untyped-call]
            for future in done:
                self._finished(running.pop(future), future)
        for future in running:
            future.cancel()

    # -- reports ------------------------------------------------------------------------------
    def _on_report(self, message: dict[str, Any]) -> None:
        with self.totals.lock:
            if int(message["shard"]) not in self.totals.running:
                return
            self.totals.live[int(message["shard"])] = message
            snapshot = self._snapshot()
        if self.progress is not None:
            self.progress(snapshot)

    def _snapshot(self) -> Progress:
        t = self.totals
        live = list(t.live.values())
        backoff = sorted((tuple(b) for m in live for b in m.get("backoff", ())), key=lambda hb: -hb[1])
        queued = {**t.queued, **{int(m["shard"]): int(m["queued"]) for m in live}}
        return Progress(
            written=sum(s.written for s in t.finished) + sum(int(m["written"]) for m in live),
            fetched=sum(s.fetched for s in t.finished) + sum(int(m["fetched"]) for m in live),
            failed=sum(n for s in t.finished for k, n in s.outcomes.items() if counts_as_failed(k))
            + sum(int(m["failed"]) for m in live),
            queued=sum(queued.values()), in_flight=sum(int(m["in_flight"]) for m in live),
            elapsed=time.time() - self.started,
            backoff=tuple((str(h), float(w)) for h, w in backoff[:5]),
        )

    def summary(self) -> Summary:
        outcomes: dict[str, int] = {}
        reasons: dict[str, int] = {}
        for s in self.totals.finished:
            for key, n in s.outcomes.items():
                outcomes[key] = outcomes.get(key, 0) + n
            for key, n in s.reasons.items():
                reasons[key] = reasons.get(key, 0) + n
        finished = self.totals.finished
        return Summary(
            outcomes=outcomes, reasons=reasons, written=sum(s.written for s in finished),
            written_total=sum(self.totals.written_total.values()), fetched=sum(s.fetched for s in finished),
            queued=sum(self.totals.queued.values()), elapsed=time.time() - self.started,
            interrupted=self.stopped or bool(self.failed), cut_bytes=sum(s.cut_bytes for s in finished),
            outbox=0,
        )

    def cluster_info(self) -> dict[str, str]:
        """What the summary adds on a cluster: shards, shard runs, shards given up."""
        info = {"shards": str(len(self.plan.existing())), "shard runs": str(len(self.totals.finished)),
                "links seen leaving shards": str(len(self.routed) - len(self.seeds))}
        if self.failed:
            info["failed shards"] = "; ".join(f"{i:04d}: {m}" for i, m in sorted(self.failed.items()))
        return info

    # -- output -------------------------------------------------------------------------------
    def merge(self) -> None:
        """The output: every shard's records, in shard order (and the WARC manifest)."""
        shards = self.plan.existing()
        parts = []
        for index in shards:
            directory = shard_dir(self.state, index)
            if records_path(directory).exists():
                parts.append((records_path(directory), committed_end(directory)))
        output = self.settings.output
        output.parent.mkdir(parents=True, exist_ok=True)
        concat(parts, output)
        if self.settings.warc is not None:
            write_warc_manifest(self.settings.warc, shards)


def write_warc_manifest(warc: Path, shards: Iterable[int]) -> Path:
    """``OUT.warc.gz.manifest``: the WARC files of every shard, one name a line (sorted)."""
    names: list[str] = []
    for index in shards:
        first = warc_for(warc, index)
        stem = first.name[: -len(".warc.gz")] if first.name.endswith(".warc.gz") else first.stem
        found = first.parent.glob(f"{stem}*")
        names += sorted(p.name for p in found if p.name.endswith((".warc.gz", ".warc")))
    manifest = warc.with_name(warc.name + ".manifest")
    tmp = temp_beside(manifest)
    tmp.write_text("".join(f"{n}\n" for n in names), "utf-8")
    publish(tmp, manifest)
    return manifest


def run_cluster(settings: CrawlSettings, *, cluster: str, shards: int | None,
                progress: ProgressSink | None) -> tuple[Summary, dict[str, Any]]:
    """Run the crawl on the Dask cluster `cluster` names (`local[:N]`, `tcp://host:port`);
    the summary and what the cluster did. The CLI prints them and chooses the exit status."""
    from scraper.cluster.address import parse_cluster
    from scraper.cluster.session import open_client

    address = parse_cluster(cluster)
    with open_client(address, threads=LOCAL_THREADS) as client:
        run = ClusterCrawl(client, settings, shards=shards, progress=progress)
        return run.run(), run.cluster_info()
