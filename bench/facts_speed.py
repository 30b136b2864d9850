"""Cost of the facts step: extract() with and without figures/honourees, and extract_facts alone.

    python bench/facts_speed.py [--corpus ../shared/corpus/scrapinghub] [--rounds 3] [--phases]

Reads the corpus's gzipped pages and its ground-truth article bodies; never touches the network.
CPU time (process_time) is reported, best of `rounds`. The rounds with and without facts
alternate (with, without, with, ...), so that load on a shared machine hits both alike.

`--phases` also splits extract_facts on the bodies extract() passes it (body, blocks, language)
into its steps: each step is replaced in turn by a stand-in (its results cached from a first
run, or nothing), rounds interleaved, and its cost is the CPU time the stand-in saves.
Readers are `figures._read` and `read_plain_en` (the fast English path); the guard is
`Guard.until` and `Guard.until_after` (its form for numerals `read_plain_en` read).
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
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scraper.facts as facts_pkg
from schemas import Block
from scraper.extract import extract
from scraper.facts import Facts, extract_facts, figures, scanner
from scraper.facts.guard import Guard
from scraper.facts.honourees import NOTHING


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
    parser.add_argument("--phases", action="store_true", help="split extract_facts into its steps")
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
    found = sum(len(extract_facts(b, [], language=None).figures) for b in bodies)
    n = len(pages)
    print(f"pages: {n}; ground-truth bodies: {len(bodies)}, {sum(map(len, bodies))} chars")
    print(f"extract() without facts: {without:.3f} CPU-s = {n / without:.0f} pages/CPU-s")
    print(f"extract() with facts:    {with_facts:.3f} CPU-s = {n / with_facts:.0f} pages/CPU-s "
          f"({(with_facts / without - 1) * 100:+.1f}%)")
    print(f"extract_facts on ground-truth bodies: {facts_only / len(bodies) * 1000:.3f} ms/page; "
          f"{found} figures found")
    if args.phases:
        _phases(pages, args.rounds)


Call = tuple[str, list[Block], str | None]


def _phases(pages: list[bytes], rounds: int) -> None:
    pipeline = sys.modules["scraper.extract"]
    calls: list[Call] = []

    def spy(body: str, blocks: list[Block], *, language: str | None) -> Facts:
        calls.append((body, list(blocks), language))
        return Facts()

    with mock.patch.object(pipeline, "extract_facts", spy):
        for page in pages:
            with contextlib.suppress(ValueError):
                extract(page)
    reads: dict[tuple[int, int], object] = {}
    plains: dict[tuple[int, int], object] = {}
    untils: dict[tuple[int, int], int] = {}
    starts: dict[int, list[int]] = {}
    real_read, real_until, real_candidates = figures._read, Guard.until, scanner.candidates
    real_plain, real_until_after = figures.read_plain_en, Guard.until_after

    def keep_read(text: str, m: Any, guard: Any) -> Any:
        return reads.setdefault((id(text), m.start()), real_read(text, m, guard))

    def keep_plain(text: str, m: Any) -> Any:
        return plains.setdefault((id(text), m.start()), real_plain(text, m))

    def keep_until(guard: Any, pos: int) -> int:
        return untils.setdefault((id(guard.text), pos), real_until(guard, pos))

    def keep_until_after(guard: Any, pos: int, before: str) -> int:
        return untils.setdefault((id(guard.text), pos), real_until_after(guard, pos, before))

    def keep_candidates(text: str) -> list[int]:
        return starts.setdefault(id(text), real_candidates(text))

    class _NoValidation:
        @staticmethod
        def validate_python(drafts: object) -> list[object]:
            return []

    def run() -> None:
        for body, blocks, language in calls:
            extract_facts(body, blocks, language=language)

    with (mock.patch.object(figures, "_read", keep_read), mock.patch.object(Guard, "until", keep_until),
          mock.patch.object(figures, "read_plain_en", keep_plain),
          mock.patch.object(Guard, "until_after", keep_until_after),
          mock.patch.object(figures, "candidates", keep_candidates)):
        run()  # fill the caches
    stand_ins: dict[str, list[tuple[object, str, object]]] = {
        "all": [],
        "candidates (numerals, number words)": [(figures, "candidates", lambda text: starts[id(text)])],
        "readers (_read: numeral, hedges, units, subject)": [
            (figures, "_read", lambda text, m, guard: reads[(id(text), m.start())]),
            (figures, "read_plain_en", lambda text, m: plains[(id(text), m.start())])],
        "guard.until (exclusions)": [
            (Guard, "until", lambda guard, pos: untils[(id(guard.text), pos)]),
            (Guard, "until_after", lambda guard, pos, before: untils[(id(guard.text), pos)])],
        "Figure validation": [(facts_pkg, "_FIGURES", _NoValidation)],
        "lines + honourees": [(facts_pkg, "split_lines", lambda body, blocks: []),
                              (facts_pkg, "find_honourees", lambda body, lines, hints: NOTHING)],
    }
    best = dict.fromkeys(stand_ins, float("inf"))
    for _ in range(rounds):
        for name, patches in stand_ins.items():
            with contextlib.ExitStack() as stack:
                for owner, attribute, value in patches:
                    stack.enter_context(mock.patch.object(owner, attribute, value))
                best[name] = min(best[name], _best(1, run))
    n = len(calls)
    print(f"extract_facts on the {n} bodies extract() passes it: {best['all'] / n * 1000:.3f} ms/page")
    for name, seconds in best.items():
        if name != "all":
            print(f"  {name:50s} {(best['all'] - seconds) / n * 1000:.3f} ms/page")


if __name__ == "__main__":
    main()
