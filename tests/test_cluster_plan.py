"""The shard plan of a cluster crawl (domains to shards, layout) and the part-file helpers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from scraper.cluster.address import ClusterError
from scraper.cluster.files import OrderedParts, concat
from scraper.cluster.plan import ShardPlan, shard_dir, warc_for


def test_domains_spread_over_shards_least_loaded_first(tmp_path: Path) -> None:
    """New domains go to the shard with the fewest domains, so a few sites use every shard."""
    plan = ShardPlan.open(tmp_path, shards=3)
    got = [plan.assign(d)[0] for d in ("a.com", "b.com", "c.com", "d.com")]
    assert got == [0, 1, 2, 0]


def test_a_domain_keeps_its_shard(tmp_path: Path) -> None:
    """Assigning a known domain again returns its shard and says it is not new."""
    plan = ShardPlan.open(tmp_path, shards=2)
    first = plan.assign("Example.COM")
    assert plan.assign("example.com") == (first[0], False) and first[1]


def test_saved_plan_survives_a_restart_with_its_own_shard_count(tmp_path: Path) -> None:
    """A saved plan reloads with its domains and shard count, whatever count is asked now."""
    plan = ShardPlan.open(tmp_path, shards=4)
    for domain in ("a.com", "b.com", "c.com"):
        plan.assign(domain)
    plan.save()
    again = ShardPlan.open(tmp_path, shards=9)
    assert (again.shards, again.domains) == (4, plan.domains)


def test_a_single_process_state_is_refused(tmp_path: Path) -> None:
    """A state directory of a crawl without --cluster is not taken over by a cluster crawl."""
    (tmp_path / "crawl.sqlite3").write_bytes(b"")
    with pytest.raises(ClusterError, match="without --cluster"):
        ShardPlan.open(tmp_path, shards=2)


def test_a_corrupt_plan_is_a_clear_error(tmp_path: Path) -> None:
    """An unreadable cluster.json names itself instead of crashing."""
    (tmp_path / "cluster.json").write_text("{not json")
    with pytest.raises(ClusterError, match=r"cluster\.json"):
        ShardPlan.open(tmp_path, shards=2)


def test_existing_shards_are_found(tmp_path: Path) -> None:
    """Shard directories left by an earlier run are listed, in order."""
    for index in (3, 0):
        shard_dir(tmp_path, index).mkdir(parents=True)
    assert ShardPlan.open(tmp_path, shards=4).existing() == [0, 3]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("crawl.warc.gz", "crawl-s0002.warc.gz"), ("crawl.warc", "crawl-s0002.warc"), ("dump", "dump-s0002")],
    ids=["gz", "plain", "no-suffix"],
)
def test_shard_warc_names(name: str, expected: str) -> None:
    """Each shard archives to its own series beside the requested WARC path."""
    assert warc_for(Path("/x") / name, 2) == Path("/x") / expected


def test_parts_are_joined_in_index_order(tmp_path: Path) -> None:
    """Parts finishing out of order reach the output in index order, and are removed."""
    parts = []
    for i in range(3):
        parts.append(tmp_path / f"{i}.jsonl")
        parts[-1].write_text(f"line {i}\n")
    out = io.StringIO()
    ordered = OrderedParts(out)
    ordered.finished(2, parts[2])
    ordered.finished(1, None)
    assert out.getvalue() == ""
    ordered.finished(0, parts[0])
    assert out.getvalue() == "line 0\nline 2\n" and not parts[0].exists() and not parts[2].exists()


def test_concat_replaces_the_target_atomically(tmp_path: Path) -> None:
    """concat writes the parts into the target through a temporary file, leaving nothing else."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_text("1\n")
    b.write_text("2\n")
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    assert concat([a, b], target) == 4 and target.read_text() == "1\n2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "out.jsonl"]


def test_concat_takes_only_the_committed_prefix(tmp_path: Path) -> None:
    """A part given with a length contributes only that many bytes (a killed run's tail is left out)."""
    part = tmp_path / "records.jsonl"
    part.write_text("committed\npartial li")
    target = tmp_path / "out.jsonl"
    concat([(part, len("committed\n"))], target)
    assert target.read_text() == "committed\n"
