"""Signed catalog updates: bundles, signatures, the installed catalog, the link checker.

No Textual here. The HTTP client and the cryptography library are imported only inside the
functions of `optout catalog` that need them, never when the app or another command runs.
Errors carry an English template and its values (`Localised`), put into words at the edge.
"""

from optout_tui.i18n import Localised


class Refused(Localised):
    """A bundle or a request that is refused; the message says what and why. Nothing changed."""
