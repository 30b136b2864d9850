"""SHA-1 digests in base32: the form of WARC payload digests and of `Capture.content_sha1`."""

from __future__ import annotations

import hashlib
from base64 import b32encode


def sha1_base32(data: bytes) -> str:
    """Base32 SHA-1 of the bytes, without a prefix."""
    return b32encode(hashlib.sha1(data).digest()).decode("ascii")


def sha1_digest(data: bytes) -> str:
    """`sha1:BASE32` of the bytes."""
    return "sha1:" + sha1_base32(data)


EMPTY_DIGEST = sha1_digest(b"")
