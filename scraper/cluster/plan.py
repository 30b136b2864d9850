"""Shards of a cluster crawl: which registrable domain belongs to which shard, and where each
shard keeps its state, records, inbox and WARC files.

Layout under the crawl's state directory (`--state`, default ``OUT.jsonl.state``)::

    cluster.json                 {"version": 1, "shards": K, "domains": {"example.com": 3, ...}}
    stop                         created by the client (or a person) to stop every shard cleanly
    shards/0003/state/           the shard's crawl state (scraper.crawl.state, SQLite)
    shards/0003/records.jsonl    the shard's records, exactly once (scraper.crawl.output)
    shards/0003/inbox/*.json     links routed to the shard by the client, not yet queued
    shards/0003/lock             held (flock) while a task runs the shard: never two at once

A domain is given a shard the first time the client sees it (a seed's domain, or a link in a
shard's outbox) and keeps it for the crawl's life: the least loaded shard (fewest domains)
while fewer than K shards are in use, which spreads a few big sites over every worker.
`cluster.json` is written by the client only, atomically, BEFORE any link is routed by it.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scraper.cluster.address import ClusterError
from scraper.cluster.files import publish, temp_beside
from scraper.crawl.routing import RoutedLink
from scraper.crawl.state import State

VERSION = 1
PLAN_FILE = "cluster.json"
SHARDS_DIR = "shards"
STOP_FILE = "stop"


def shard_dir(state: Path, index: int) -> Path:
    return state / SHARDS_DIR / f"{index:04d}"


def records_path(directory: Path) -> Path:
    return directory / "records.jsonl"


def engine_state(directory: Path) -> Path:
    return directory / "state"


def inbox_dir(directory: Path) -> Path:
    return directory / "inbox"


def lock_path(directory: Path) -> Path:
    return directory / "lock"


def post_inbox(directory: Path, links: Sequence[RoutedLink]) -> Path:
    """Hand `links` to the shard in `directory`: one new inbox file, published atomically."""
    folder = inbox_dir(directory)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{time.time_ns():020d}-{uuid.uuid4().hex[:6]}.json"
    tmp = temp_beside(path)
    tmp.write_text(json.dumps([list(link) for link in links]), "utf-8")
    publish(tmp, path)
    return path


def inbox_files(directory: Path) -> list[Path]:
    """The shard's inbox files waiting, oldest first."""
    return sorted(inbox_dir(directory).glob("*.json"))


def inbox_links(files: Iterable[Path]) -> Iterator[RoutedLink]:
    """The links of inbox files, in order, one file in memory at a time."""
    for path in files:
        for url, depth, kind in json.loads(path.read_text("utf-8")):
            yield RoutedLink(str(url), int(depth), str(kind))


def warc_for(warc: Path, index: int) -> Path:
    """``crawl.warc.gz`` -> ``crawl-s0003.warc.gz`` (rotation then adds ``-00001``...)."""
    name = warc.name
    for suffix in (".warc.gz", ".warc"):
        if name.endswith(suffix):
            return warc.with_name(f"{name[: -len(suffix)]}-s{index:04d}{suffix}")
    return warc.with_name(f"{name}-s{index:04d}")


@dataclass
class ShardPlan:
    """The domain -> shard table of one cluster crawl (the client's; persisted in cluster.json)."""

    state: Path
    shards: int
    domains: dict[str, int] = field(default_factory=dict)

    @classmethod
    def open(cls, state: Path, *, shards: int) -> ShardPlan:
        """Load the plan of `state`, or start one with `shards` shards (a saved plan keeps its own)."""
        path = state / PLAN_FILE
        if State.exists(state) and not path.exists():  # the state of a crawl run without --cluster
            raise ClusterError("this state directory holds a crawl run without --cluster; resume it the "
                               "same way, or give --cluster a new --state", url=str(state))
        if not path.exists():
            if shards < 1:
                raise ClusterError("--shards must be at least 1", url=str(state))
            return cls(state=state, shards=shards)
        try:
            data = json.loads(path.read_text("utf-8"))
            plan = cls(state=state, shards=int(data["shards"]),
                       domains={str(k): int(v) for k, v in dict(data["domains"]).items()})
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ClusterError(f"unreadable cluster plan: {exc}", url=str(path)) from exc
        if data.get("version") != VERSION or plan.shards < 1:
            raise ClusterError("a cluster plan of another version", url=str(path))
        return plan

    def save(self) -> None:
        self.state.mkdir(parents=True, exist_ok=True)
        path = self.state / PLAN_FILE
        tmp = temp_beside(path)
        data = {"version": VERSION, "shards": self.shards, "domains": dict(sorted(self.domains.items()))}
        tmp.write_text(json.dumps(data, indent=1) + "\n", "utf-8")
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)

    def assign(self, domain: str) -> tuple[int, bool]:
        """The shard of `domain`, and whether it was assigned just now (then `save` before use)."""
        key = domain.lower()
        known = self.domains.get(key)
        if known is not None:
            return known, False
        load = [0] * self.shards
        for index in self.domains.values():
            load[index] += 1
        index = min(range(self.shards), key=lambda i: (load[i], i))
        self.domains[key] = index
        return index, True

    def owned(self, index: int) -> frozenset[str]:
        return frozenset(d for d, i in self.domains.items() if i == index)

    def existing(self) -> list[int]:
        """Shards that have a directory already (an earlier run started them)."""
        root = self.state / SHARDS_DIR
        if not root.is_dir():
            return []
        return sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit())
