"""Digests as WARC writes them; defined once in `scraper.digests`."""

from scraper.digests import EMPTY_DIGEST, sha1_digest

__all__ = ["EMPTY_DIGEST", "sha1_digest"]
