"""The `--cluster` value: where the Dask scheduler is, or how big a local cluster to start."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from scraper.errors import ConfigError

# ``local`` / ``local:N``, and scheduler addresses Dask's comms understand.
LOCAL = re.compile(r"^local(?::(?P<n>\d+))?$")
REMOTE = re.compile(r"^(?P<scheme>tcp|tls|ws|wss|inproc)://(?P<rest>[^\s/]+)$")
MAX_LOCAL_WORKERS = 256


class ClusterError(ConfigError):
    """A `--cluster` value that cannot be used, or a cluster that cannot be reached."""


@dataclass(frozen=True, kw_only=True)
class ClusterAddress:
    """Either a scheduler address (`scheduler`) or a local cluster of `local_workers` processes."""

    scheduler: str | None = None
    local_workers: int | None = None

    @property
    def is_local(self) -> bool:
        return self.scheduler is None

    def __str__(self) -> str:
        return self.scheduler or f"local:{self.local_workers}"


def default_local_workers() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_LOCAL_WORKERS))


def parse_cluster(value: str) -> ClusterAddress:
    """``local`` (one worker process per core), ``local:N``, or ``tcp://host:port`` (and tls://...)."""
    text = value.strip()
    local = LOCAL.match(text)
    if local is not None:
        if local.group("n") is None:
            return ClusterAddress(local_workers=default_local_workers())
        n = int(local.group("n"))
        if not 1 <= n <= MAX_LOCAL_WORKERS:
            raise ClusterError(f"local:N needs 1 <= N <= {MAX_LOCAL_WORKERS}", url=f"--cluster {value!r}")
        return ClusterAddress(local_workers=n)
    remote = REMOTE.match(text)
    if remote is not None:
        rest = remote.group("rest")
        if remote.group("scheme") in ("tcp", "tls") and not re.search(r":\d{1,5}$", rest):
            rest += ":8786"  # the scheduler's default port
        return ClusterAddress(scheduler=f"{remote.group('scheme')}://{rest}")
    raise ClusterError("expected local, local:N or a scheduler address such as tcp://host:8786",
                       url=f"--cluster {value!r}")
