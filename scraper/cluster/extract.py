"""`scraper extract INPUT... --cluster ...`: one Dask task per input file, output in input order.

Each task reads one file (a WARC file streams page by page), extracts its records into a part
file in a work directory beside the output and publishes it with an atomic rename; it reports
its running counts to the client every `REPORT_EVERY` seconds. The client joins the parts in
input order as they arrive (`OrderedParts`), so the output is byte for byte the output of the
same command without `--cluster`. A task whose worker dies is run again by Dask elsewhere;
its part is simply written again.

Inputs are files, directories (expanded as without `--cluster`) and glob patterns (``'warcs/*.warc.gz'``,
quoted so that the shell leaves them alone: handy past the shell's argument limit). URLs and
standard input are refused: they are not files a worker can read.
"""

from __future__ import annotations

import glob
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from scraper.cluster.address import ClusterError
from scraper.cluster.files import OrderedParts, publish, remove_tree, temp_beside, work_dir
from scraper.errors import ScraperError
from scraper.inputs import expand, is_url

REPORT_EVERY = 0.5  # seconds between a task's progress reports
GLOB_CHARS = ("*", "?", "[")


@dataclass(frozen=True)
class FileDone:
    """What one task did with one input file."""

    index: int
    name: str
    part: str | None  # the published part file; None when the file gave no record
    records: int
    errors: tuple[str, ...]  # messages as `scraper extract` prints them


@dataclass(frozen=True)
class ExtractProgress:
    """The client's view: files finished, records and failures so far (running tasks included)."""

    files_done: int
    files: int
    records: int
    failed: int
    current: str


@dataclass(frozen=True)
class ExtractSummary:
    files: int
    records: int
    failed: int
    errors: tuple[str, ...]


def cluster_inputs(inputs: Sequence[str]) -> list[str]:
    """Input files in order: directories expanded, glob patterns matched (sorted)."""
    names: list[str] = []
    for name in inputs:
        if name == "-" or is_url(name):
            raise ClusterError("--cluster reads files only (no URLs, no standard input)", url=name)
        if any(c in name for c in GLOB_CHARS) and not Path(name).exists():
            matched = sorted(glob.glob(name, recursive=True))
            if not matched:
                raise ClusterError("the pattern matches no file", url=name)
            names.extend(expand(matched))
        else:
            names.extend(expand([name]))
    return names


def extract_file(index: int, name: str, *, url: str | None, parts: str, topic: str | None) -> FileDone:
    """The task: extract every page of one input file into part `index` of `parts`."""
    from scraper.cluster.session import report
    from scraper.extract import extract
    from scraper.inputs import iter_pages
    from scraper.jsonl import record_line

    part = Path(parts) / f"{index:08d}.jsonl"
    tmp = temp_beside(part)
    records = 0
    errors: list[str] = []
    last = time.monotonic()
    try:
        with open(tmp, "wb") as out:
            for item in iter_pages([name], url=url):
                if isinstance(item, ScraperError):
                    errors.append(str(item))
                    continue
                try:
                    record = extract(item.data, url=item.url, headers=item.headers, capture=item.capture)
                except ScraperError as exc:
                    errors.append(f"{item.name}: {exc.message}")
                    continue
                out.write(record_line(record))
                records += 1
                if topic is not None and time.monotonic() - last >= REPORT_EVERY:
                    last = time.monotonic()
                    report(topic, {"index": index, "records": records, "errors": len(errors),
                                   "name": item.name})
        if records == 0:
            tmp.unlink()
            return FileDone(index=index, name=name, part=None, records=0, errors=tuple(errors))
        publish(tmp, part)
    finally:
        tmp.unlink(missing_ok=True)
    return FileDone(index=index, name=name, part=str(part), records=records, errors=tuple(errors))


def extract_files(
    client: Any,
    names: Sequence[str],
    *,
    out: IO[str],
    parts: Path,
    url: str | None = None,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[ExtractProgress], None] | None = None,
) -> ExtractSummary:
    """Run one task per file on `client`; write the records to `out` in input order."""
    import threading

    import distributed

    from scraper.cluster.session import listen, new_topic, unlisten

    parts.mkdir(parents=True, exist_ok=True)
    topic = new_topic("extract") if on_progress is not None else None
    running: dict[int, tuple[int, int]] = {}  # index -> (records, errors) of running tasks
    lock = threading.Lock()
    totals = {"done": 0, "records": 0, "failed": 0}
    errors: list[str] = []

    def show(current: str) -> None:
        if on_progress is None:
            return
        with lock:
            live_records = sum(r for r, _ in running.values())
            live_failed = sum(e for _, e in running.values())
            on_progress(ExtractProgress(files_done=totals["done"], files=len(names),
                                        records=totals["records"] + live_records,
                                        failed=totals["failed"] + live_failed, current=current))

    def on_report(message: dict[str, Any]) -> None:
        with lock:
            running[int(message["index"])] = (int(message["records"]), int(message["errors"]))
        show(str(message.get("name", "")))

    def fail(message: str) -> None:
        errors.append(message)
        if on_error is not None:
            on_error(message)

    if topic is not None:
        listen(client, topic, on_report)
    run = uuid.uuid4().hex[:8]
    futures = {
        client.submit(extract_file, i, name, url=url, parts=str(parts), topic=topic,
                      key=f"scraper-extract-{run}-{i}", pure=False, priority=-i): (i, name)
        for i, name in enumerate(names)
    }
    ordered = OrderedParts(out)
    try:
        for future in _as_completed(distributed, futures):
            index, name = futures[future]
            try:
                done: FileDone = future.result()
            except Exception as exc:  # a task's failure is one input's failure: recorded
                fail(f"{name}: the task failed: {type(exc).__name__}: {exc}")
                with lock:
                    running.pop(index, None)
                    totals["done"] += 1
                    totals["failed"] += 1
                ordered.finished(index, None)
                show(name)
                continue
            for message in done.errors:
                fail(message)
            with lock:
                running.pop(index, None)
                totals["done"] += 1
                totals["records"] += done.records
                totals["failed"] += len(done.errors)
            ordered.finished(index, Path(done.part) if done.part else None)
            show(name)
    finally:
        if topic is not None:
            unlisten(client, topic)
        for future in futures:
            future.cancel()
    return ExtractSummary(files=len(names), records=totals["records"], failed=totals["failed"],
                          errors=tuple(errors))


def _as_completed(module: Any, futures: Any) -> Any:
    return module.as_completed(futures)


def run_extract(args: Any) -> int:
    """The CLI's `--cluster` branch of `scraper extract`; the exit status."""
    import sys
    from contextlib import ExitStack

    from scraper.cluster.address import parse_cluster

    try:
        address = parse_cluster(args.cluster)
        names = cluster_inputs(args.inputs)
        if args.warc:
            raise ClusterError("--warc archives URL fetches; --cluster reads files only", url="--warc")
    except ScraperError as exc:
        print(f"scraper extract: {exc}", file=sys.stderr)
        return 2
    show_progress = not args.quiet and sys.stderr.isatty()
    parts = work_dir(args.output, uuid.uuid4().hex[:8])

    def draw(p: ExtractProgress) -> None:
        sys.stderr.write(f"\r\x1b[K{p.records} pages, {p.failed} failed, "
                         f"{p.files_done}/{p.files} files: {p.current[-50:]}")
        sys.stderr.flush()

    def error(message: str) -> None:
        print(f"\nscraper extract: {message}" if show_progress else f"scraper extract: {message}",
              file=sys.stderr)

    try:
        from scraper.cluster.session import open_client

        with ExitStack() as stack:
            out: IO[str] = (stack.enter_context(open(args.output, "w", encoding="utf-8"))
                            if args.output else sys.stdout)
            client = stack.enter_context(open_client(address))
            summary = extract_files(client, names, out=out, parts=parts, url=args.url, on_error=error,
                                    on_progress=draw if show_progress else None)
    except ScraperError as exc:
        print(f"scraper extract: {exc}", file=sys.stderr)
        return 2
    finally:
        remove_tree(parts)
    if show_progress:
        sys.stderr.write("\n")
    if summary.failed:
        print(f"scraper extract: {summary.records} records written, {summary.failed} inputs failed",
              file=sys.stderr)
    return 1 if summary.failed else 0
