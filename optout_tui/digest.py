"""Digests without importing hashlib.

hashlib loads OpenSSL and, as it is imported, looks up every algorithm it offers: 3 to 10 ms
on every launch, for a module whose only use at start is the catalog cache's checks.
CPython's own modules import in half a millisecond: `_sha256` (`_sha2` from Python 3.12)
gives the SHA-256 the catalog files store (`fr_from` stamps), and `_blake2` the cache's own
digests, BLAKE2b cut to 256 bits: 550 MB/s where CPython's SHA-256 does 200 (a launch with
5,000 platforms checks some 800 KB). hashlib's are the fallback elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import blake2b, sha256
else:
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another Python
        from hashlib import blake2b
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:  # pragma: no cover - another Python
        try:
            from _sha2 import sha256  # CPython 3.12 and later
        except ImportError:
            from hashlib import sha256

__all__ = ["checksum", "sha256"]


def checksum(data: bytes = b"") -> blake2b:
    """A 256-bit digest for the cache's own checks (64 hex digits, as SHA-256's)."""
    return blake2b(data, digest_size=32)
