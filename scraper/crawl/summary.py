"""What a crawl reports: live `Progress` snapshots and the end-of-run `Summary` (no display code)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """A snapshot for a progress display."""

    written: int
    fetched: int
    failed: int
    queued: int
    in_flight: int
    elapsed: float
    backoff: tuple[tuple[str, float], ...]  # hosts waiting (host, seconds left), longest first


@dataclass(frozen=True)
class Summary:
    """What one run did (counts by outcome and by outcome:reason) and what is left."""

    outcomes: dict[str, int]
    reasons: dict[str, int]
    written: int
    written_total: int
    fetched: int
    queued: int
    elapsed: float
    interrupted: bool
    cut_bytes: int = 0  # uncommitted output cut on start (a resumed kill)
    outbox: int = 0

    @property
    def pages_per_second(self) -> float:
        return self.fetched / self.elapsed if self.elapsed > 0 else 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "written": self.written, "written_total": self.written_total, "fetched": self.fetched,
            "queued": self.queued, "elapsed": round(self.elapsed, 3),
            "pages_per_second": round(self.pages_per_second, 2), "interrupted": self.interrupted,
            "outbox": self.outbox, "outcomes": self.outcomes, "reasons": self.reasons,
        }


ProgressSink = Callable[[Progress], None]
