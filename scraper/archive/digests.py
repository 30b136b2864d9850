"""SHA-1 digests as `sha1:BASE32`: the form of WARC payload digests and of `content_sha1`."""

from __future__ import annotations

import hashlib
from base64 import b32encode

EMPTY_DIGEST = "sha1:" + b32encode(hashlib.sha1(b"").digest()).decode("ascii")


def sha1_digest(data: bytes) -> str:
    """`sha1:BASE32` of the bytes."""
    return "sha1:" + b32encode(hashlib.sha1(data).digest()).decode("ascii")
