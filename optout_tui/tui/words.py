"""The app's own words, in English and French; catalog text never goes through here."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "hint": "↑↓ Enter: open a platform · / search · f filters · w what next · ? help",
        "f_category": "All categories", "f_kind": "All kinds", "f_region": "All regions",
        "f_status": "All statuses", "nothing_to_do": "no opt-out", "sort_priority": "by priority", "sort_name": "by name",
        "shown": "Platforms: {n} of {t}, {s} (o to change)",
        "shown_query": "Found: {n} of {t}, best first · Enter opens the first · Esc clears", "none_shown": "No platform matches. "
        "Clear the search or a filter (Esc clears all).",
        "st_not-started": "Not started", "st_in-progress": "In progress", "st_done": "Done",
        "st_needs-recheck": "Needs re-check", "st_not-possible": "Not possible here",
        "st_done-as-far-as-possible": "Done as far as possible",
        "st_information": "Information only",
        "write_to": "Write to: ", "template_help": "Replace every {{…}} with your own "
        "details, then Ctrl+S (or Copy) copies the text. Escape cancels.",
        "template_copy": "Copy text", "cancel": "Cancel", "blanks_left": "Still to fill: ",
        "blanks_none": "✔ Every blank is filled in.", "template_hint": "Text to send (t: fill in "
        "the blanks and copy it):", "template_copied": "Text copied (where the terminal "
        "supports OSC 52) and kept for this person.", "template_refused": "Not marked done: "
        "fill in the text first (press t). Still to fill: {left}",
        "template_not_copied": "Not marked done: press t to fill in and copy the text first.",
        "template_how": "Press t to fill it in and copy it.",
        "no_template": "This action has no text to fill in.",
        "cmd_next": "What to do next|The most important settings not done yet, everywhere",
        "cmd_filters": "Filters|Narrow the list by category, kind, region or status",
        "cmd_sort": "Order by priority or by name|Switch how the platforms are sorted",
        "cmd_clear": "Clear search and filters|Show every platform again",
        "cmd_export": "Export progress|JSON, Markdown or a printable HTML handout",
        "cmd_new_person": "New person|Start a fresh profile (helpdesk)",
        "cmd_profiles": "Switch person|Choose whose progress to show",
        "cmd_surface": "Show steps for: {s}|Switch surface",
        "cmd_qr": "QR code of the link|Open it on a phone", "cmd_open": "Open the link|In "
        "your browser", "cmd_copy": "Copy the link|Through the terminal's clipboard",
        "cmd_template": "Fill in the text|Email or form text with blanks",
        "cmd_note": "Write a note|On this action", "cmd_undo": "Undo|Your last change",
        "next_title": "What to do next", "next_hint": "The most important settings you have "
        "not done yet, across every platform. Enter opens one.", "next_none": "Nothing left "
        "to do. Well done!",
        "search": "Search platforms and settings (/)",
        "done": "✔ done", "todo": "○ to do", "not_possible": "✗ not possible", "all_done": "✔ all done", "n_done": "{n}/{t} done",
        "go_to": "Go to: ", "set": "Set: ", "link": "Link: ", "check": "Check: ",
        "qr_hint": "(r: QR code)", "verified": "Verified {date}", "stale": "⚠ may be out of date",
        "confidence": "confidence: {c}", "date_unknown": "date unknown",
        "missing": "✗ Not available here.", "unknown_here": "? Nobody has confirmed whether it "
        "exists here.", "available_on": "Available on: {where}. Press r for a QR code to open "
        "it on another device.", "recheck": "⟳ Needs re-check: ",
        "difficulty": "difficulty: {d}", "where": "where: {r}", "future": "stops future use only",
        "not_for": "not for: {p}", "qr_point": "Point your phone's camera at the code, or type "
        "this link:", "qr_nocolor": " (no colours: press i if your phone cannot read it)",
        "qr_small": "The terminal is too small to draw a QR code that a phone can read. Enlarge "
        "the window, or type this link on the phone:",
        "no_link": "This action has no link.", "opened": "Asked your browser to open {url}",
        "copied": "Link sent to the terminal's clipboard (works where the terminal supports "
        "OSC 52).", "undone": "Undone: step {step} of {action}.",
        "nothing_undo": "Nothing to undo in this session.",
    },
    "fr": {
        "hint": "↑↓ Entrée : ouvrir · / chercher · f filtres · w que faire · ? aide",
        "f_category": "Toutes catégories", "f_kind": "Tous types", "f_region": "Toutes régions",
        "f_status": "Tous états", "nothing_to_do": "aucun refus", "sort_priority": "par priorité", "sort_name": "par nom",
        "shown": "Plateformes : {n} sur {t}, {s} (o pour changer)",
        "shown_query": "Trouvées : {n} sur {t} · Entrée ouvre la 1re · Échap efface", "none_shown": "Aucune "
        "plateforme ne correspond. Effacez la recherche ou un filtre (Échap efface tout).",
        "st_not-started": "Pas commencé", "st_in-progress": "En cours", "st_done": "Fait",
        "st_needs-recheck": "À revérifier", "st_not-possible": "Impossible ici",
        "st_done-as-far-as-possible": "Fait autant que possible",
        "st_information": "Pour information",
        "write_to": "Écrire à : ", "template_help": "Remplacez chaque {{…}} par vos "
        "informations, puis Ctrl+S (ou Copier) copie le texte. Échap annule.",
        "template_copy": "Copier le texte", "cancel": "Annuler", "blanks_left": "Encore à "
        "remplir : ", "blanks_none": "✔ Tous les blancs sont remplis.",
        "template_hint": "Texte à envoyer (t : remplir les blancs et le copier) :",
        "template_copied": "Texte copié (si le terminal gère OSC 52) et gardé pour cette "
        "personne.", "template_refused": "Pas marqué comme fait : remplissez d'abord le texte "
        "(touche t). Encore à remplir : {left}",
        "template_not_copied": "Pas marqué comme fait : appuyez sur t pour remplir et copier "
        "le texte d'abord.", "template_how": "Appuyez sur t pour le remplir et le copier.", "no_template": "Cette action n'a pas de texte à remplir.",
        "cmd_next": "Que faire ensuite|Les réglages importants pas encore faits",
        "cmd_filters": "Filtres|Réduire la liste par catégorie, type, région ou état",
        "cmd_sort": "Trier par priorité ou par nom|Changer l'ordre des plateformes",
        "cmd_clear": "Effacer la recherche et les filtres|Revoir toutes les plateformes",
        "cmd_export": "Exporter les progrès|JSON, Markdown ou fiche HTML à imprimer",
        "cmd_new_person": "Nouvelle personne|Un profil vierge (accueil)",
        "cmd_profiles": "Changer de personne|Choisir de qui afficher les progrès",
        "cmd_surface": "Étapes pour : {s}|Changer de support",
        "cmd_qr": "Code QR du lien|Pour l'ouvrir sur un téléphone",
        "cmd_open": "Ouvrir le lien|Dans le navigateur", "cmd_copy": "Copier le lien|Par "
        "le presse-papiers du terminal", "cmd_template": "Remplir le texte|E-mail ou "
        "formulaire avec des blancs", "cmd_note": "Écrire une note|Sur cette action",
        "cmd_undo": "Défaire|Votre dernière modification",
        "next_title": "Que faire ensuite", "next_hint": "Les réglages les plus importants pas "
        "encore faits, toutes plateformes confondues. Entrée en ouvre un.",
        "next_none": "Plus rien à faire. Bravo !",
        "search": "Chercher une plateforme ou un réglage (/)",
        "done": "✔ fait", "todo": "○ à faire", "not_possible": "✗ impossible", "all_done": "✔ tout est fait",
        "n_done": "{n}/{t} faits",
        "go_to": "Aller à : ", "set": "Régler : ", "link": "Lien : ", "check": "Vérifier : ",
        "qr_hint": "(r : code QR)", "verified": "Vérifié le {date}",
        "stale": "⚠ peut-être périmé", "confidence": "confiance : {c}",
        "date_unknown": "date inconnue", "missing": "✗ Indisponible ici.",
        "unknown_here": "? Personne n'a confirmé si ce réglage existe ici.",
        "available_on": "Disponible sur : {where}. Appuyez sur r pour un code QR à ouvrir sur "
        "un autre appareil.", "recheck": "⟳ À revérifier : ",
        "difficulty": "difficulté : {d}", "where": "où : {r}",
        "future": "n'arrête que l'utilisation future", "not_for": "sauf : {p}",
        "qr_point": "Visez le code avec l'appareil photo du téléphone, ou tapez ce lien :",
        "qr_nocolor": " (sans couleurs : appuyez sur i si le téléphone ne le lit pas)",
        "qr_small": "Le terminal est trop petit pour un code QR lisible. Agrandissez la "
        "fenêtre, ou tapez ce lien sur le téléphone :",
        "no_link": "Cette action n'a pas de lien.",
        "opened": "Le navigateur a été invité à ouvrir {url}",
        "copied": "Lien envoyé au presse-papiers du terminal (si le terminal gère OSC 52).",
        "undone": "Annulé : étape {step} de {action}.",
        "nothing_undo": "Rien à annuler dans cette session.",
    },
}

SET_TO = {
    "en": {"off": "turn off", "on": "turn on", "unticked": "untick", "ticked": "tick",
           "submitted": "submit", "deleted": "delete", "chosen": "choose"},
    "fr": {"off": "désactiver", "on": "activer", "unticked": "décocher", "ticked": "cocher",
           "submitted": "envoyer", "deleted": "supprimer", "chosen": "choisir"},
}
KIND = {
    "en": {"ai-training": "AI training", "third-party-sharing": "Third-party sharing",
           "personalisation": "Personalisation", "biometrics": "Biometrics",
           "advertising": "Advertising", "history-deletion": "History deletion",
           "no-opt-out": "No opt-out available", "other": "Other"},
    "fr": {"ai-training": "Entraînement de l'IA", "third-party-sharing": "Partage avec des tiers",
           "personalisation": "Personnalisation", "biometrics": "Biométrie",
           "advertising": "Publicité", "history-deletion": "Suppression de l'historique",
           "no-opt-out": "Aucun refus possible", "other": "Autre"},
}
DEFAULT = {
    "en": {"on": "on by default", "off": "off by default", "unknown": "default unknown",
           "none": "no control"},
    "fr": {"on": "activé par défaut", "off": "désactivé par défaut",
           "unknown": "réglage par défaut inconnu", "none": "aucun réglage"},
}
LEVEL = {"en": {"easy": "easy", "medium": "medium", "hard": "hard", "all": "everywhere"},
         "fr": {"easy": "facile", "medium": "moyenne", "hard": "difficile", "all": "partout"}}
CATEGORY = {
    "en": {"social": "Social", "messaging": "Messaging", "video": "Video",
           "publishing": "Publishing", "ai-assistant": "AI assistants", "work": "Work",
           "creative": "Creative", "developer": "Developer", "devices": "Devices",
           "voice": "Voice", "search": "Search", "shopping": "Shopping",
           "entertainment": "Entertainment", "education": "Education"},
    "fr": {"social": "Réseaux sociaux", "messaging": "Messagerie", "video": "Vidéo",
           "publishing": "Publication", "ai-assistant": "Assistants IA", "work": "Travail",
           "creative": "Création", "developer": "Développement", "devices": "Appareils",
           "voice": "Voix", "search": "Recherche", "shopping": "Achats",
           "entertainment": "Divertissement", "education": "Éducation"},
}
SURFACE_TAB = {
    "en": {"web": "Web", "ios": "iPhone", "android": "Android", "form": "Form", "email": "Email"},
    "fr": {"web": "Web", "ios": "iPhone", "android": "Android", "form": "Formulaire",
           "email": "E-mail"},
}


def t(lang: str, key: str, **values: object) -> str:
    """The app's text for `key` in `lang` (English when missing), filled in."""
    text = WORDS.get(lang, WORDS["en"]).get(key) or WORDS["en"][key]
    return text.format(**values) if values else text
