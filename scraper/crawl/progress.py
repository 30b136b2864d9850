"""What a person sees: a live line on a terminal (rich) and the end-of-crawl summary.

The runner only calls a `ProgressSink` with `Progress` snapshots; the CLI decides whether a
terminal is there to draw on.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.live import Live
from rich.text import Text

from scraper.crawl.summary import Progress, Summary


def progress_line(p: Progress) -> str:
    rate = p.fetched / p.elapsed if p.elapsed > 0 else 0.0
    line = (f"{p.written} written, {p.fetched} fetched, {p.failed} failed, {p.queued} queued, "
            f"{p.in_flight} in flight, {rate:.1f} pages/s")
    if p.backoff:
        waits = ", ".join(f"{host.split('://', 1)[-1]} {max(0.0, left):.0f}s" for host, left in p.backoff[:3])
        line += f"; backing off: {waits}"
    return line


class LiveProgress:
    """A one-line live display on standard error (rich); use as a context manager."""

    def __init__(self, stream: IO[str]) -> None:
        self._console = Console(file=stream, stderr=True)
        self._live = Live(Text("starting..."), console=self._console, refresh_per_second=4, transient=True)

    def __enter__(self) -> LiveProgress:
        self._live.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._live.stop()

    def __call__(self, progress: Progress) -> None:
        self._live.update(Text(progress_line(progress)))


# Outcomes listed first in the summary, in this order; the rest follow by count.
FIRST = ("written", "not-article", "not-modified", "duplicate")


def _order(item: tuple[str, int]) -> tuple[int, int, str]:
    outcome, n = item
    return (FIRST.index(outcome) if outcome in FIRST else len(FIRST), -n, outcome)


def summary_text(summary: Summary) -> str:
    """The end-of-crawl report: totals, then counts by outcome and reason."""
    head = "interrupted" if summary.interrupted else "finished"
    lines = [
        f"crawl {head} in {summary.elapsed:.1f}s: {summary.written} records written "
        f"({summary.written_total} in total), {summary.fetched} pages fetched "
        f"({summary.pages_per_second:.1f}/s), {summary.queued} still queued"
    ]
    if summary.cut_bytes:
        lines.append(f"  cut {summary.cut_bytes} uncommitted bytes from the output of an interrupted run")
    if summary.fetched == 0 and summary.queued == 0 and not summary.interrupted:
        lines.append("  nothing left to crawl: every queued page was done (--recheck revisits them)")
    if summary.outbox:
        lines.append(f"  {summary.outbox} links for other shards in the outbox")
    for outcome, n in sorted(summary.outcomes.items(), key=_order):
        lines.append(f"  {outcome:<16} {n:>7}")
        reasons = [(r, c) for r, c in summary.reasons.items() if r.startswith(outcome + ": ")]
        if len(reasons) > 1 or (reasons and outcome not in ("written", "out-of-scope")):
            for reason, count in sorted(reasons, key=lambda rc: -rc[1])[:8]:
                lines.append(f"      {reason.split(': ', 1)[1][:70]:<70} {count:>7}")
    return "\n".join(lines)
