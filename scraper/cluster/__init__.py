"""Running crawls and re-extractions on a Dask cluster (issue 6): the optional `scraper[cluster]`.

Nothing here imports Dask at module import time except `session` (which the CLI imports only
when `--cluster` is given), so a plain `scraper crawl` or `scraper extract` never loads it.

- `address`: the `--cluster` value (``local``, ``local:N``, ``tcp://host:port``);
- `session`: a `distributed.Client` for it (starting a `LocalCluster` when asked), and the
  progress channel from workers to the client;
- `files`: atomic part files and their in-order concatenation;
- `extract`: `scraper extract ... --cluster`: one task per input file, streamed in input order;
- `plan`, `shardtask`, `crawl`: `scraper crawl ... --cluster`: shards by registrable domain,
  each run as one task on its own state directory, links routed between shards by the client.
"""
