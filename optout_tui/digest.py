"""SHA-256 without importing hashlib.

hashlib loads OpenSSL and, as it is imported, looks up every algorithm it offers: 3 to 10 ms
on every launch, for a module whose only use at start is the catalog cache's SHA-256 of a
few kilobytes. CPython's own SHA-256 module (`_sha256`, `_sha2` from Python 3.12) imports in
half a millisecond and gives the same digests; hashlib's is the fallback elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:  # pragma: no cover - another Python
        try:
            from _sha2 import sha256  # CPython 3.12 and later
        except ImportError:
            from hashlib import sha256

__all__ = ["sha256"]
