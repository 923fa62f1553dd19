"""Key descriptions in the footer and help, in the app's language.

The descriptions are the English written in each BINDINGS list (extracted for translation
as the third argument of `Binding`).

Textual keeps each node's bindings in a map made from the class's BINDINGS; a node about to be
shown gets its own copy with the descriptions translated, so English apps in the same process
(tests) are untouched.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from optout_tui.i18n import translator


def localise_bindings(node: DOMNode, lang: str) -> None:
    """Translate the descriptions of `node`'s bindings and those of everything inside it."""
    if lang == "en":  # the descriptions are written in English
        return
    gettext = translator(lang).gettext
    for each in (node, *node.query("*")):
        bindings = each._bindings.copy()
        bindings.key_to_bindings = {
            # (gettext("") would be the catalog's header, not an empty description)
            key: [
                replace(b, description=gettext(b.description) if b.description else "")
                for b in found
            ]
            for key, found in bindings.key_to_bindings.items()
        }
        each._bindings = bindings
    if node.is_attached:
        node.refresh_bindings()
