"""The seam for running one crawl as many processes: shards by registrable domain.

A shard owns a set of registrable domains (``example.co.uk``, as
`scraper.crawl.urls.registrable_domain` gives them) and with them every host under them, so
a host's politeness state (its clock, backoff, robots.txt) lives in exactly one shard. Each
shard runs `scraper.crawl.runner.crawl(settings, shard=ShardSpec(...))` with its OWN state
directory and output file:

- seeds and links whose domain the shard owns are queued and fetched as usual;
- links to other domains are not fetched: they are added to the state's ``outbox`` table
  (url, domain, depth, kind), once per URL;
- a router (`scraper.cluster.crawl`) drains each shard's outbox past a cursor with
  `State.outbox_after(cursor)`, checks the links with `scraper.crawl.routing.Router.admits`
  and hands them to the shard owning their domain as `crawl(..., inbox=[RoutedLink(url,
  depth, kind)])`, which queues them as the crawl queues its own links. Depth travels with
  the URL.

Without a shard (``shard=None``) one process owns every domain and the outbox stays empty.
Assigning domains to shards is the router's job; `shard_of` is a stable default (the same
domain always lands on the same shard, whatever the process or machine).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class ShardSpec:
    """Which registrable domains this crawl process owns."""

    domains: frozenset[str]
    name: str = "shard"

    def owns(self, domain: str) -> bool:
        return domain.lower() in self.domains


def shard_of(domain: str, *, shards: int) -> int:
    """A stable shard number in [0, shards) for a registrable domain."""
    digest = hashlib.blake2b(domain.lower().encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % shards
