"""Signed catalog updates: bundles, signatures, the installed catalog, the link checker.

No Textual here. The HTTP client and the cryptography library are imported only inside the
functions of `optout catalog` that need them, never when the app or another command runs.
"""


class Refused(Exception):
    """A bundle or a request that is refused; the message says what and why. Nothing changed."""
