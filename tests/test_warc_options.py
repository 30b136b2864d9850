"""WARC command-line helpers: size limits, warcinfo settings, archiving every hop of a fetch."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from scraper.archive import WarcWriter, parse_size, settings_info
from scraper.errors import ConfigError
from scraper.fetch.exchange import Exchange
from tests.test_warc_writer import make_exchange, read_records


@pytest.mark.parametrize(
    ("text", "size"),
    [("1G", 1 << 30), ("500M", 500 << 20), ("64KiB", 64 << 10), ("2048", 2048), ("1.5g", 3 << 29), ("10 MB", 10 << 20)],
    ids=["gig", "meg", "kib", "bytes", "fraction", "spaced-mb"],
)
def test_parse_size_reads_units(text: str, size: int) -> None:
    """Sizes take K/M/G/T suffixes in powers of 1024."""
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "lots", "-1G", "12", "1X"], ids=["empty", "word", "negative", "tiny", "unit"])
def test_parse_size_refuses_nonsense(text: str) -> None:
    """Unparsable or tiny sizes are a ConfigError quoting the text."""
    with pytest.raises(ConfigError):
        parse_size(text)


@dataclass(frozen=True)
class _Fetch:
    timeout: float = 30.0
    contact: str | None = None


@dataclass(frozen=True)
class _Crawl:
    fetch: _Fetch = field(default_factory=_Fetch)
    seeds: tuple[str, ...] = ("http://127.0.0.1:8080/",)
    delay: float = 1.0


def test_settings_info_flattens_nested_settings() -> None:
    """Nested settings become dotted fields; None values are left out."""
    info = settings_info(_Crawl(), command=["scraper", "crawl", "http://127.0.0.1:8080/"])
    assert info == {
        "command": "scraper crawl http://127.0.0.1:8080/",
        "scraper-setting.fetch.timeout": "30.0",
        "scraper-setting.seeds": '["http://127.0.0.1:8080/"]',
        "scraper-setting.delay": "1.0",
    }


def test_warcinfo_values_cannot_forge_fields(tmp_path: Path) -> None:
    """A newline in a setting value is folded, so it cannot add a warcinfo field."""
    with WarcWriter(tmp_path / "c.warc.gz", info={"seeds": "a\r\nsoftware: evil"}):
        pass
    lines = read_records(tmp_path / "c.warc.gz")[0]["payload"].decode().splitlines()
    assert "seeds: a software: evil" in lines
    assert sum(line.startswith("software:") for line in lines) == 1


@dataclass(frozen=True)
class _Fetched:
    """A private stand-in for scraper.fetch.client.Fetched."""

    exchanges: tuple[Exchange, ...]


def test_write_fetched_archives_every_hop(tmp_path: Path) -> None:
    """A redirect hop and the final page are both archived; the last ref is the final page's."""
    hop = make_exchange("http://127.0.0.1:8080/old", status=301, reason="Moved Permanently",
                        response_headers=[("Location", "/news/library")], raw_body=b"", body=b"")
    final = make_exchange(redirect_chain=("http://127.0.0.1:8080/old",))
    with WarcWriter(tmp_path / "c.warc.gz") as writer:
        refs = writer.write_fetched(_Fetched(exchanges=(hop, final)))
    responses = [r for r in read_records(tmp_path / "c.warc.gz") if r["type"] == "response"]
    assert [r["warc"]["WARC-Target-URI"] for r in responses] == ["http://127.0.0.1:8080/old", final.url]
    assert refs[-1].record_id == responses[-1]["warc"]["WARC-Record-ID"]
