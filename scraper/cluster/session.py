"""A Dask client for a `ClusterAddress`, and the progress channel from workers to the client.

This is the one module that imports `distributed` at the top: import it only under `--cluster`.
Workers report progress with `report(topic, message)` (a Dask worker event, cheap and
fire-and-forget); the client receives them with `listen(client, topic, handler)`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from scraper.cluster.address import ClusterAddress, ClusterError

try:
    import distributed as _distributed
except ImportError as exc:  # the optional extra is not installed
    raise ClusterError(
        "--cluster needs Dask distributed: pip install 'scraper[cluster]'", url="--cluster"
    ) from exc

distributed: Any = _distributed  # untyped: used through Any
CONNECT_TIMEOUT = "20s"


@contextmanager
def open_client(address: ClusterAddress, *, threads: int = 1) -> Iterator[Any]:
    """A connected `distributed.Client`; a local cluster is started and stopped with it.

    A local cluster has `local_workers` worker PROCESSES (extraction parses HTML in Python:
    threads of one process share one core through the GIL) of `threads` threads each (a crawl
    shard mostly waits on the network, so a few shards can share a process)."""
    if address.is_local:
        cluster = distributed.LocalCluster(
            n_workers=address.local_workers, threads_per_worker=threads, processes=True,
            host="127.0.0.1", dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
        )
        try:
            with distributed.Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = distributed.Client(address.scheduler, timeout=CONNECT_TIMEOUT)
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler: {exc}", url=address.scheduler) from exc
    with client:
        yield client


def new_topic(kind: str) -> str:
    """A topic name unique to one command run."""
    return f"scraper-{kind}-{uuid.uuid4().hex[:12]}"


def report(topic: str, message: dict[str, Any]) -> None:
    """From inside a task: send a progress message to the client (dropped outside a worker)."""
    try:
        worker = distributed.get_worker()
    except ValueError:
        return
    worker.log_event(topic, message)


def listen(client: Any, topic: str, handler: Callable[[dict[str, Any]], None]) -> None:
    """Call `handler(message)` on the client for every `report` to `topic`."""

    def on_event(event: tuple[float, dict[str, Any]]) -> None:
        handler(event[1])

    client.subscribe_topic(topic, on_event)


def unlisten(client: Any, topic: str) -> None:
    client.unsubscribe_topic(topic)


def worker_threads(client: Any) -> int:
    """Task slots of the cluster now (at least 1)."""
    return max(1, sum(int(w.get("nthreads", 1)) for w in client.scheduler_info()["workers"].values()))
