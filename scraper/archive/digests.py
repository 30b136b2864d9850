"""WARC payload digests: `sha1:BASE32`, the form WARC writers use and `content_sha1` records."""

from __future__ import annotations

import hashlib
from base64 import b32encode

EMPTY_DIGEST = "sha1:" + b32encode(hashlib.sha1(b"").digest()).decode("ascii")
HEX_SHA1_LENGTH = 40


def sha1_digest(data: bytes) -> str:
    """`sha1:BASE32` of the bytes."""
    return "sha1:" + b32encode(hashlib.sha1(data).digest()).decode("ascii")


def normalise_digest(value: str | None) -> str | None:
    """A SHA-1 digest in `sha1:BASE32` form (hex SHA-1 converted); None for other algorithms."""
    if not value:
        return None
    algorithm, sep, encoded = value.strip().partition(":")
    if not sep or algorithm.lower() not in ("sha1", "sha-1"):
        return None
    if len(encoded) == HEX_SHA1_LENGTH:
        try:
            raw = bytes.fromhex(encoded)
        except ValueError:
            return None
        return "sha1:" + b32encode(raw).decode("ascii")
    return "sha1:" + encoded.upper()
