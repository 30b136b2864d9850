"""The crawl loop: pick ready hosts, visit their URLs, commit outcomes and output together.

    summary = await crawl(settings)                      # one process owns every domain
    summary = await crawl(settings, shard=ShardSpec(domains=frozenset({"example.com"})))
    summary = await crawl(settings, shard=spec, inbox=[RoutedLink(url, depth, kind)])  # routed to it

`inbox`: links a router hands this crawl with their depth and kind (from other shards'
outboxes, already checked against the scope and depth limit there, and given to this shard by
the router, whose plan may be newer than `shard`). They are queued, unchecked, as the crawl
queues its own links (`scraper.crawl.routing.queue_link`: priority, and a new host's robots.txt
and sitemap), once per URL: handing the same links again is harmless.

Order of one step:
1. dispatch: for each host that may be asked now (politeness), take its next queued URLs
   (a small SQL batch, never the whole queue) and start a visit for each, up to
   `concurrency` in flight;
2. a finished visit is held in a pending batch (its URL stays queued, and busy);
3. flush (every `batch_size` visits or `batch_seconds`): write the batch's records to the
   output (fsync), then ONE transaction records every outcome, removes the URLs from the queue,
   routes their links and saves the hosts' politeness (see `scraper.crawl.output`).
On stop (the `stop` event: Ctrl-C, SIGTERM) in-flight visits are cancelled, so their URLs
simply stay queued; the pending batch is flushed. The next run resumes from the state.

A re-run of a finished crawl fetches nothing. `recheck=True` (on a crawl whose queue is empty)
starts a new generation: pages written or judged not articles, sitemaps and feeds are queued
again and fetched with conditional requests (If-None-Match / If-Modified-Since from the stored
ETag / Last-Modified). A 304 is recorded as not-modified; a 200 whose title and text did not
change is not-modified too ("same-content"); a changed page is written again (reason "changed",
a second line for its URL: readers keep the last); new links are crawled as usual.

Duplicates: a record is dropped as "duplicate" when its title and text hash equals that of a
record already written (tracking-parameter and mirror URLs that normalisation missed), or when
its redirect target was already written.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from scraper.crawl.extractor import Extractor
from scraper.crawl.output import JsonlOutput
from scraper.crawl.politeness import HostQueue, HostState, Politeness, PolitenessSettings
from scraper.crawl.routing import RoutedLink, Router, queue_link, seed_urls
from scraper.crawl.settings import CrawlSettings
from scraper.crawl.shard import ShardSpec
from scraper.crawl.state import Done, Link, QueueItem, Retry, State
from scraper.crawl.summary import Progress, ProgressSink, Summary
from scraper.crawl.urls import host_key, normalise
from scraper.crawl.visit import Visit, VisitOptions, Visitor
from scraper.fetch.client import Fetcher
from scraper.fetch.guard import Resolver
from scraper.fetch.robots import RobotsCache

if TYPE_CHECKING:
    import httpx

    from scraper.archive import WarcWriter

# Outcomes that are failures in the progress display and the summary.
FAILED = frozenset({"http-error", "fetch-error", "timeout", "too-large", "refused-address", "redirect",
                    "extract-error", "not-html"})


def counts_as_failed(outcome: str) -> bool:
    """Whether an outcome counts as a failure in progress and summaries (robots.txt refusals do)."""
    return outcome in FAILED or outcome == "robots"


async def crawl(
    settings: CrawlSettings,
    *,
    shard: ShardSpec | None = None,
    stop: asyncio.Event | None = None,
    progress: ProgressSink | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    resolver: Resolver | None = None,
    inbox: Iterable[RoutedLink] = (),
) -> Summary:
    """Run (or resume) the crawl `settings` describe until its queue is empty, `max_pages`
    is reached or `stop` is set; `inbox` links are queued first (see the module docstring)."""
    runner = _Runner(settings, shard=shard, stop=stop or asyncio.Event(), progress=progress)
    try:
        return await runner.run(transport=transport, resolver=resolver, inbox=inbox)
    finally:
        runner.close()


class _Runner:
    def __init__(self, settings: CrawlSettings, *, shard: ShardSpec | None, stop: asyncio.Event,
                 progress: ProgressSink | None) -> None:
        self.s = settings
        self.stop = stop
        self.progress = progress
        self.started = time.time()
        self.state = State(settings.state_path)
        try:
            self.out = JsonlOutput(settings.output, committed_end=self.state.output_end)
        except BaseException:
            self.state.close()
            raise
        self.state.set_meta("output", str(settings.output))
        self.router = Router.for_crawl(settings, shard=shard)
        self.polite = Politeness(PolitenessSettings(
            per_host=settings.per_host, delay=settings.delay, backoff_base=settings.backoff_base,
            backoff_max=settings.backoff_max, max_retry_after=settings.max_retry_after))
        self.hosts: dict[str, HostState] = {
            r.host: HostState(host=r.host, next_at=r.next_at, backoff_level=r.backoff_level,
                              crawl_delay=r.crawl_delay, robots=r.robots)
            for r in self.state.hosts()
        }
        self.active: dict[str, HostState] = {}  # hosts with queued URLs
        self.queue = HostQueue(self.polite)
        self._requeue_hosts(time.time())
        self.tasks: dict[asyncio.Task[Visit], QueueItem] = {}
        self.busy: set[str] = set()  # URLs in flight or pending commit (bounded by concurrency + batch)
        self.pending: list[Visit] = []
        self.pending_since = 0.0
        self.pending_hashes: set[str] = set()
        self.fetched_total = self.state.pages_fetched
        self.run_written = self.run_fetched = self.run_failed = 0
        self.warc: WarcWriter | None = None

    # -- setup ------------------------------------------------------------------------------
    def _requeue_hosts(self, now: float) -> None:
        for host, count in self.state.queued_by_host().items():
            state = self._host(host)
            state.queued = count
            self.active[host] = state
            self.queue.place(state, now=now)

    def _host(self, host: str) -> HostState:
        state = self.hosts.get(host)
        if state is None:
            state = self.hosts[host] = HostState(host=host)
        return state

    def close(self) -> None:
        if self.warc is not None:
            self.warc.close()
        self.out.close()
        self.state.close()

    # -- routing (the rules: scraper.crawl.routing) ------------------------------------------
    def _add(self, links: Iterable[Link], now: float) -> None:
        for host, count in self.state.add(links, now=now, on_new_host=self.router.new_host).items():
            state = self._host(host)
            state.queued += count
            self.active[host] = state
            self.queue.place(state, now=now)

    # -- the loop ---------------------------------------------------------------------------
    async def run(self, *, transport: httpx.AsyncBaseTransport | None, resolver: Resolver | None,
                  inbox: Iterable[RoutedLink] = ()) -> Summary:
        now = time.time()
        with self.state.transaction():
            self._add((queue_link(url, depth, kind) for url, depth, kind in inbox), now)
            seeds = (self.router.route(url, 0, "page", seed=True) for url in seed_urls(self.s.seeds))
            self._add((link for link in seeds if link is not None), now)
        if self.s.recheck and not self.active:
            self.state.start_recheck(host_of=host_key)
            self._requeue_hosts(now)
        if self.s.warc is not None:
            from scraper.archive import WarcWriter, settings_info  # only crawls that archive need warcio

            self.warc = WarcWriter(self.s.warc, max_size=self.s.warc_max_size, info=settings_info(self.s))
        options = VisitOptions(ignore_robots=self.s.ignore_robots, max_links=self.s.max_links_per_page,
                               max_bytes=self.s.fetch.max_bytes)
        interrupted = False
        async with Fetcher(self.s.fetch, transport=transport, resolver=resolver) as fetcher:
            robots = RobotsCache(fetcher, user_agent=self.s.fetch.agent)
            extractor = Extractor(workers=self.s.extract_workers)
            visitor = Visitor(fetcher, robots, options=options, warc=self.warc, extractor=extractor)
            stop_wait = asyncio.create_task(self.stop.wait())
            try:
                interrupted = await self._loop(visitor, stop_wait)
            finally:
                stop_wait.cancel()
                await self._cancel_in_flight()
                self._flush()
                extractor.close()
        return self._summary(interrupted)

    async def _loop(self, visitor: Visitor, stop_wait: asyncio.Task[bool]) -> bool:
        """Run until there is no work left (False) or `stop` is set (True)."""
        last_progress = 0.0
        while not self.stop.is_set():
            now = time.time()
            wake = self._dispatch(visitor, now)
            if not self.tasks and not self.pending and (not self.active or self._page_budget() == 0):
                return False
            timeouts = [0.5]
            if wake is not None:
                timeouts.append(wake - now)
            if self.pending:
                timeouts.append(self.pending_since + self.s.batch_seconds - now)
            waiting: set[asyncio.Future[object]] = {*self.tasks, stop_wait}  # type: ignore[arg-type]
            done, _ = await asyncio.wait(waiting, timeout=max(0.001, min(timeouts)),
                                         return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                if task is not stop_wait:
                    self._finished(task)  # type: ignore[arg-type]
            now = time.time()
            if self.pending and (len(self.pending) >= self.s.batch_size
                                 or now >= self.pending_since + self.s.batch_seconds or not self.tasks):
                self._flush()
            if self.progress is not None and now - last_progress >= 0.25:
                last_progress = now
                self.progress(self._snapshot(now))
        return True

    def _page_budget(self) -> int | None:
        """Page visits --max-pages still allows (None: no limit)."""
        if self.s.max_pages is None:
            return None
        in_flight_pages = sum(1 for item in self.tasks.values() if item.kind == "page")
        pending_pages = sum(1 for visit in self.pending if visit.fetched)
        return max(0, self.s.max_pages - self.fetched_total - in_flight_pages - pending_pages)

    def _dispatch(self, visitor: Visitor, now: float) -> float | None:
        """Start visits on ready hosts; return when a waiting host may become ready, if any."""
        budget = self._page_budget()
        if budget == 0:
            return None
        for host in self.queue.ready(now=now):
            if len(self.tasks) >= self.s.concurrency:
                break  # a finishing visit wakes the loop
            take = min(self.s.per_host - host.in_flight, self.s.concurrency - len(self.tasks))
            items = self.state.next_for_host(host.host, now=now, limit=take + len(self.busy))
            items = [i for i in items if i.url not in self.busy][:take]
            if not items:
                later = self.state.earliest(host.host, after=now)
                if later is not None:
                    host.wake_at = later
                elif host.in_flight == 0 and not self.pending:
                    host.queued = self.state.queued_for(host.host)  # a count gone stale: never spin
                self.queue.place(host, now=now)
                continue
            for item in items:
                if not self.polite.ready(host, now=now):
                    break
                if item.kind == "page" and budget is not None:
                    if budget <= 0:
                        break
                    budget -= 1
                self._start(visitor, item, host, now)
            self.queue.place(host, now=now)  # round robin: to the back of the line, or to wait
        return self.queue.next_wake()

    def _start(self, visitor: Visitor, item: QueueItem, host: HostState, now: float) -> None:
        self.polite.started(host, now=now)
        self.busy.add(item.url)
        info = self.state.page(item.url)
        task = asyncio.create_task(visitor.visit(item, info))
        self.tasks[task] = item

    def _finished(self, task: asyncio.Task[Visit]) -> None:
        item = self.tasks.pop(task)
        visit = task.result()  # visit() returns every failure as a Visit
        host = self._host(item.host)
        self.polite.finished(host)
        now = time.time()
        if visit.crawl_delay is not None and visit.crawl_delay != host.crawl_delay:
            # Learnt from robots.txt during this visit: the next request waits for it.
            host.crawl_delay = visit.crawl_delay
            host.next_at = max(host.next_at, now + self.polite.interval(host))
        if visit.robots is not None:
            host.robots = visit.robots
        if visit.retry_after is not None:
            self.polite.retry_after(host, visit.retry_after, now=now)
        elif visit.backoff:
            self.polite.failed(host, now=now)
        elif not visit.retry:
            self.polite.succeeded(host)
        self.queue.place(host, now=now)
        if not self.pending:
            self.pending_since = now
        self.pending.append(visit)

    async def _cancel_in_flight(self) -> None:
        """Stop in-flight visits: their URLs were never taken off the queue."""
        for task in self.tasks:
            task.cancel()
        for task, item in list(self.tasks.items()):
            with contextlib.suppress(asyncio.CancelledError):
                await task
            if not task.cancelled() and task.exception() is None:
                self._finished(task)
            else:
                self.tasks.pop(task, None)
                self.busy.discard(item.url)
                self.polite.finished(self._host(item.host))

    # -- commit -----------------------------------------------------------------------------
    def _flush(self) -> None:
        """Output lines (fsynced) first, then one transaction with every outcome: see output.py."""
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        now = time.time()
        final: list[Visit | Retry] = []
        lines: list[bytes] = []
        for visit in batch:
            decided = self._decide(visit, now)
            final.append(decided)
            if isinstance(decided, Visit) and decided.record is not None:
                lines.append(decided.record)
        if self.warc is not None:
            self.warc.sync()  # the records name WARC offsets: make them durable first
        spans = iter(self.out.append(lines))
        touched: set[str] = set()
        with self.state.transaction():
            for decided in final:
                if isinstance(decided, Retry):
                    self.state.record_retry(decided)
                    continue
                line = next(spans) if decided.record is not None else None
                self._commit_visit(decided, line, now)
                touched.add(decided.item.host)
            for host in {v.item.host for v in batch} | touched:
                self.state.save_host(self._host(host).row())
            self.state.set_pages_fetched(self.fetched_total)
        for visit in batch:
            self.busy.discard(visit.item.url)
        self.pending_hashes.clear()
        for name in {v.item.host for v in batch}:
            state = self._host(name)
            if state.queued <= 0 and state.in_flight == 0:
                self.active.pop(name, None)
            self.queue.place(state, now=now)

    def _decide(self, visit: Visit, now: float) -> Visit | Retry:
        """Retry or final; a final record is dropped when it duplicates one already written."""
        item = visit.item
        attempts = item.attempts + 1
        if visit.retry and attempts <= self.s.retries:
            host = self._host(item.host)
            return Retry(url=item.url, not_before=max(host.next_at, now), attempts=attempts)
        if visit.fetched:
            self.fetched_total += 1
            self.run_fetched += 1
        final = normalise(visit.final_url) if visit.final_url else None
        if final is not None and final != item.url:
            reason = self.router.scope.check(final)
            if reason is not None and reason.startswith("out-of-scope"):
                # Redirected off the crawl's scope: neither the record nor the links count.
                visit.outcome, visit.reason = "out-of-scope", f"redirect:{reason}"
                visit.record, visit.found = None, []
        if visit.record is not None:
            visit = self._dedupe(visit)
        return visit

    def _dedupe(self, visit: Visit) -> Visit:
        url = visit.item.url
        info = self.state.page(url)
        if info is not None and info.written and info.content_hash == visit.content_hash:
            visit.outcome, visit.reason, visit.record = "not-modified", "same-content", None
            return visit
        if info is not None and info.written:
            visit.reason = "changed"
        final = normalise(visit.final_url) if visit.final_url else None
        if final is not None and final != url and not self.state.mark_seen(final):
            target = self.state.page(final)
            if target is not None and target.written:
                visit.outcome, visit.reason, visit.record = "duplicate", f"redirect-to: {final}", None
                return visit
        if visit.content_hash is not None:
            other = self.state.written_hash(visit.content_hash, other_than=url)
            if other is not None or visit.content_hash in self.pending_hashes:
                visit.outcome, visit.record = "duplicate", None
                visit.reason = f"same-text-as: {other or 'another page of this batch'}"
                return visit
            self.pending_hashes.add(visit.content_hash)
        return visit

    def _commit_visit(self, visit: Visit, line: tuple[int, int] | None, now: float) -> None:
        item = visit.item
        outcome = "written" if line is not None else visit.outcome
        self.state.record_done(Done(
            url=item.url, outcome=outcome, reason=visit.reason, depth=item.depth, kind=item.kind,
            attempts=item.attempts + 1, status=visit.status, final_url=visit.final_url, etag=visit.etag,
            last_modified=visit.last_modified, content_hash=visit.content_hash, line=line), now=now)
        host = self._host(item.host)
        host.queued = max(0, host.queued - 1)
        if line is not None:
            self.run_written += 1
        elif counts_as_failed(outcome):
            self.run_failed += 1
        base = visit.final_url or item.url
        links = []
        for found in visit.found:
            url = normalise(found.url, base=base)
            if url is None:
                continue
            link = self.router.route(url, found.depth, found.kind)
            if link is not None:
                links.append(link)
        self._add(links, now)

    # -- reports ----------------------------------------------------------------------------
    def _snapshot(self, now: float) -> Progress:
        waiting = sorted(((h.host, h.next_at - now) for h in self.active.values()
                          if self.polite.in_backoff(h, now=now)), key=lambda hw: -hw[1])
        return Progress(written=self.run_written, fetched=self.run_fetched, failed=self.run_failed,
                        queued=sum(h.queued for h in self.active.values()), in_flight=len(self.tasks),
                        elapsed=now - self.started, backoff=tuple(waiting[:5]))

    def _summary(self, interrupted: bool) -> Summary:
        counts = self.state.outcome_counts(since=self.started)
        outcomes: dict[str, int] = {}
        reasons: dict[str, int] = {}
        for (outcome, reason), n in sorted(counts.items()):
            outcomes[outcome] = outcomes.get(outcome, 0) + n
            reasons[f"{outcome}: {reason}"] = n
        return Summary(outcomes=outcomes, reasons=reasons, written=self.run_written,
                       written_total=self.state.written_count(), fetched=self.run_fetched,
                       queued=self.state.queued(), elapsed=time.time() - self.started,
                       interrupted=interrupted, cut_bytes=self.out.cut, outbox=self.state.outbox_count())
