"""What a person sees: the live progress line and the end-of-crawl summary."""

from __future__ import annotations

from scraper.crawl.progress import progress_line, summary_text
from scraper.crawl.summary import Progress, Summary


def test_progress_line_names_hosts_backing_off() -> None:
    """The live line gives counts, the rate and the hosts that are backing off."""
    line = progress_line(Progress(written=3, fetched=10, failed=1, queued=5, in_flight=2, elapsed=2.0,
                                  backoff=(("http://slow.test:80", 12.4),)))
    assert "3 written" in line and "5.0 pages/s" in line and "slow.test:80 12s" in line


def test_summary_lists_outcomes_with_reasons() -> None:
    """The summary gives totals, then each outcome with its reasons, written first."""
    summary = Summary(outcomes={"http-error": 2, "written": 5}, reasons={"http-error: http-404": 1,
                      "http-error: http-503": 1, "written: url-article": 5}, written=5, written_total=5,
                      fetched=7, queued=0, elapsed=1.0, interrupted=False)
    text = summary_text(summary)
    assert text.index("written") < text.index("http-error") < text.index("http-404")
    assert "5 records written" in text
