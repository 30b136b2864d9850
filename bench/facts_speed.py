"""Cost of the facts step: extract() with and without figures/honourees, and extract_facts alone.

    python bench/facts_speed.py [--corpus ../shared/corpus/scrapinghub] [--rounds 3]

Reads the corpus's gzipped pages and its ground-truth article bodies; never touches the network.
CPU time (process_time) is reported, best of `rounds`. The rounds with and without facts
alternate (with, without, with, ...), so that load on a shared machine hits both alike.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scraper.extract import extract
from scraper.facts import Facts, extract_facts


def _best(rounds: int, run: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus/scrapinghub"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = [gzip.decompress(p.read_bytes()) for p in sorted((args.corpus / "html").glob("*.html.gz"))]
    truth = json.loads((args.corpus / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = [str(v.get("articleBody") or "") for v in truth.values()]

    def run_extract() -> None:
        for page in pages:
            # the skeleton's stub body step rejects some pages; the same both ways
            with contextlib.suppress(ValueError):
                extract(page)

    pipeline = sys.modules["scraper.extract"]  # the package attribute is the function
    with_facts = without = float("inf")
    for _ in range(args.rounds):
        with_facts = min(with_facts, _best(1, run_extract))
        with mock.patch.object(pipeline, "extract_facts", lambda body, blocks, *, language: Facts()):
            without = min(without, _best(1, run_extract))

    def run_facts() -> None:
        for body in bodies:
            extract_facts(body, [], language=None)

    facts_only = _best(args.rounds, run_facts)
    figures = sum(len(extract_facts(b, [], language=None).figures) for b in bodies)
    n = len(pages)
    print(f"pages: {n}; ground-truth bodies: {len(bodies)}, {sum(map(len, bodies))} chars")
    print(f"extract() without facts: {without:.3f} CPU-s = {n / without:.0f} pages/CPU-s")
    print(f"extract() with facts:    {with_facts:.3f} CPU-s = {n / with_facts:.0f} pages/CPU-s "
          f"({(with_facts / without - 1) * 100:+.1f}%)")
    print(f"extract_facts on ground-truth bodies: {facts_only / len(bodies) * 1000:.3f} ms/page; "
          f"{figures} figures found")


if __name__ == "__main__":
    main()
