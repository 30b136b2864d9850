#!/usr/bin/env python3
"""Extraction benchmark: our whole `scraper.extract` against trafilatura, in one process.

    python bench/bench_extract.py [--corpus DIR] [--repeat N] [--out PRED.jsonl] [--no-gne]
                                  [--only ours|trafilatura] [--worst N]

Part 1, ScrapingHub (DIR/scrapinghub): both extractors run on every page, alternating
page by page, so that load on the shared machine hits both alike. Only the CPU time
(`time.process_time`) of decode + parse + extraction is counted, never file reading or
gunzip. Bodies are scored with the shared scorer's own functions (`score_body.py`,
imported by path: the metric lives in one place). Part 2, gne-zh (DIR/gne-zh): how many
of the Chinese pages get a title, a date and a body, for us and for trafilatura; every
page must give a record without an exception.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper import extract  # noqa: E402
from scraper.errors import ScraperError  # noqa: E402


def default_corpus() -> Path:
    """`../shared/corpus` from the repo root, or from the nearest ancestor that has one (worktrees)."""
    for parent in ROOT.parents:
        if (parent / "shared" / "corpus").is_dir():
            return parent / "shared" / "corpus"
    return ROOT.parent / "shared" / "corpus"


def load_scorer(corpus: Path) -> ModuleType:
    """The shared scorer, imported from its file (eval/ sits next to corpus/)."""
    path = corpus.parent / "eval" / "score_body.py"
    spec = importlib.util.spec_from_file_location("score_body", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import the scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Runner:
    """One extractor: a name, a function bytes -> (title, date, body), its CPU time."""

    name: str
    run: Callable[[bytes, str | None], tuple[str | None, str | None, str]]
    cpu: float = 0.0
    calls: int = 0
    bodies: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def timed(self, key: str, data: bytes, url: str | None) -> tuple[str | None, str | None, str]:
        start = time.process_time()
        try:
            result = self.run(data, url)
        except ScraperError as exc:
            self.errors.append(f"{key[:16]}: {exc}")
            result = (None, None, "")
        except Exception as exc:  # per-page isolation boundary: the bug is recorded and printed
            first_line = str(exc).splitlines()[0] if str(exc) else ""
            self.errors.append(f"{key[:16]}: BUG {type(exc).__name__}: {first_line[:160]}")
            result = (None, None, "")
        self.cpu += time.process_time() - start
        self.calls += 1
        return result


def run_ours(data: bytes, url: str | None) -> tuple[str | None, str | None, str]:
    article = extract(data, url=url)
    return article.title, article.published, article.body or ""


def run_trafilatura(data: bytes, url: str | None) -> tuple[str | None, str | None, str]:
    import trafilatura

    doc: Any = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    if doc is None:
        return None, None, ""
    return doc.title, doc.date, doc.text or ""


def scrapinghub(args: argparse.Namespace, runners: list[Runner]) -> None:
    corpus = args.corpus / "scrapinghub"
    scorer = load_scorer(args.corpus)
    gt = json.loads((corpus / "ground-truth.json").read_text("utf-8"))
    pages = [(key, gzip.decompress((corpus / "html" / f"{key}.html.gz").read_bytes()), gt[key].get("url"))
             for key in sorted(gt)]
    truth = {key: gt[key].get("articleBody") or "" for key in gt}
    for _ in range(args.repeat):
        for index, (key, data, url) in enumerate(pages):
            order = runners if index % 2 == 0 else runners[::-1]
            for runner in order:
                runner.bodies[key] = runner.timed(key, data, url)[2]
    print(f"ScrapingHub: {len(pages)} pages x {args.repeat}")
    print(f"{'extractor':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'empty':>5} {'pages/CPU-s':>11} {'ms/page':>8}")
    speed: dict[str, float] = {}
    for runner in runners:
        res = scorer.score(truth, runner.bodies)
        speed[runner.name] = runner.calls / runner.cpu if runner.cpu else 0.0
        print(f"{runner.name:<12} {res['precision']:>9.4f} {res['recall']:>7.4f} {res['f1']:>7.4f} "
              f"{res['empty']:>5} {speed[runner.name]:>11.1f} {1000 * runner.cpu / max(runner.calls, 1):>8.2f}")
        if runner.errors:
            print(f"  {len(runner.errors)} errors (pages counted as empty), the first ones:")
        for error in runner.errors[:5]:
            print(f"  error {error}")
    if len(runners) == 2 and speed["trafilatura"]:
        print(f"speed ratio ours/trafilatura: {speed['ours'] / speed['trafilatura']:.1f}x")
    if args.worst:
        rows = sorted((scorer.page_overlap(truth[key], runners[0].bodies.get(key)), key) for key in truth)
        print(f"worst {args.worst} pages for {runners[0].name} (tp, fp, fn):")
        for (tp, fp, fn), key in rows[: args.worst]:
            print(f"  {tp:.2f} {fp:.2f} {fn:.2f}  {key[:16]}  {gt[key].get('url')}")
    if args.out:
        with args.out.open("w", encoding="utf-8") as out:
            for key in sorted(runners[0].bodies):
                out.write(json.dumps({"id": key, "body": runners[0].bodies[key]}, ensure_ascii=False) + "\n")
        print(f"{runners[0].name} predictions written to {args.out}")


def gne(args: argparse.Namespace, runners: list[Runner]) -> None:
    files = sorted((args.corpus / "gne-zh").rglob("*.html"))
    print(f"\ngne-zh: {len(files)} pages")
    print(f"{'extractor':<12} {'title':>5} {'date':>5} {'body':>5} {'errors':>6}")
    for runner in runners:
        runner.errors.clear()
        counts = [0, 0, 0]
        for path in files:
            title, date, body = runner.timed(str(path), path.read_bytes(), None)
            for i, value in enumerate((title, date, body.strip())):
                counts[i] += bool(value)
        print(f"{runner.name:<12} {counts[0]:>5} {counts[1]:>5} {counts[2]:>5} {len(runner.errors):>6}")
        for error in runner.errors[:5]:
            print(f"  error {error}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--repeat", type=int, default=1, help="run the ScrapingHub pages N times")
    ap.add_argument("--out", type=Path, help="write our bodies as {id, body} JSONL")
    ap.add_argument("--only", choices=("ours", "trafilatura"), help="run one extractor only")
    ap.add_argument("--worst", type=int, default=0, help="list our N worst pages")
    ap.add_argument("--no-gne", action="store_true", help="skip the gne-zh section")
    args = ap.parse_args()
    runners = [Runner("ours", run_ours), Runner("trafilatura", run_trafilatura)]
    if args.only:
        runners = [r for r in runners if r.name == args.only]
    scrapinghub(args, runners)
    if not args.no_gne:
        gne(args, runners)


if __name__ == "__main__":
    main()
