"""Where page extraction runs: off the event loop, in a thread or in worker processes.

Extraction is pure and CPU-bound; fetching is I/O-bound. With ``workers=0`` (the default)
`analyse` runs in a thread of the crawl process (one core, least memory). With ``workers=N``
it runs in N worker processes (started by forkserver, or spawn where there is none), so a
crawl uses N more cores; pages and results cross the process boundary by pickling.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from schemas import Capture
from scraper.extract import Analysis, analyse


def _warm() -> None:
    """Worker start-up: import the extraction pipeline once, not on the first page."""
    import scraper.extract  # noqa: F401


class Extractor:
    """Runs `scraper.extract.analyse` for the crawl; close it when the crawl ends."""

    def __init__(self, *, workers: int = 0) -> None:
        self._pool: ProcessPoolExecutor | None = None
        if workers > 0:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm)

    async def analyse(self, body: bytes, url: str, headers: Mapping[str, str], *,
                      capture: Capture) -> Analysis:
        if self._pool is None:
            return await asyncio.to_thread(analyse, body, url, headers, capture=capture)
        job = partial(analyse, body, url, dict(headers), capture=capture)
        return await asyncio.get_running_loop().run_in_executor(self._pool, job)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
