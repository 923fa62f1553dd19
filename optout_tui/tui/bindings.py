"""Key descriptions in the footer and help, in the app's language.

Textual keeps each node's bindings in a map made from the class's BINDINGS; a node about to be
shown gets its own copy with the descriptions translated, so English apps in the same process
(tests) are untouched.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

FRENCH = {
    "Cancel": "Annuler", "Copy": "Copier", "Back": "Retour", "Open in browser": "Navigateur",
    "Copy link": "Copier le lien", "Invert": "Inverser", "Quit": "Quitter", "Help": "Aide",
    "QR code": "Code QR", "Open link": "Ouvrir le lien", "Surface": "Support",
    "Undo": "Défaire", "Note": "Note", "Fill in text": "Remplir", "Close": "Fermer",
    "Open": "Ouvrir", "Search": "Chercher", "Filters": "Filtres", "Order": "Ordre",
    "What next": "Ensuite", "New person": "Nouvelle personne", "Profiles": "Profils",
    "Export": "Exporter", "Clear": "Effacer", "Tick / untick": "Cocher",
    "Not possible": "Impossible",
}
WORDS = {"fr": FRENCH}


def localise_bindings(node: DOMNode, lang: str) -> None:
    """Translate the descriptions of `node`'s bindings and those of everything inside it."""
    table = WORDS.get(lang)
    if not table:
        return
    for each in (node, *node.query("*")):
        bindings = each._bindings.copy()
        bindings.key_to_bindings = {
            key: [replace(b, description=table.get(b.description, b.description))
                  for b in found]
            for key, found in bindings.key_to_bindings.items()}
        each._bindings = bindings
    if node.is_attached:
        node.refresh_bindings()
