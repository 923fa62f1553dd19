"""The keys, and what the marks on screen mean."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from optout_tui.tui.bindings import localise_bindings

HELP = {"en": """\
# optout: keys

| Key | What it does |
|---|---|
| / | search platforms and settings as you type (typos are fine) |
| f | the filters: category, kind of setting, region, status (with counts) |
| o | order the platforms by priority or by name |
| w | what to do next: the most important settings not done yet |
| Escape | on the platform list: clear the search and filters; elsewhere: go back |
| ↑ ↓, mouse | move through platforms, actions and steps |
| Enter, click | open a platform; on an action, go to its steps |
| Space, Enter, click | tick or untick a step (saved at once) |
| x | mark a step "not possible for me" (your region, your plan, no such menu) |
| Tab, Shift+Tab | move between the action list and the steps |
| s | switch surface: desktop web, iPhone, Android, form, email |
| t | fill in the blanks of an email or form text, then copy it |
| u | undo your last change (in this session) |
| m | write a note on the action (saved with your progress, exported too) |
| n | on the platform list: new person (a fresh profile, for a helpdesk) |
| p | on the platform list: choose whose progress (profiles) |
| e | on the platform list: export a printable handout (HTML, with QR codes) |
| r | show a QR code of the link, to open it on a phone |
| o | on an action: open the link in your browser |
| c | copy the link (through the terminal's clipboard) |
| i | on the QR code: invert it, when a phone cannot read it |
| ? or F1 | this help |
| Ctrl+P | command palette: jump to a platform, change theme (high contrast) |
| q, Ctrl+Q | quit (your ticks are already saved) |

## Marks

- **✔ done**, **○ to do**, **◐** started, **✗ not possible**: the state of a step, action
  or platform.
- **“Label”**: the exact words to look for on the platform's screen.
- **(?)**: that wording was not confirmed in a source, so look for something close.
- **✗**: the control does not exist on that surface (the iPhone app, say).
- **⟳ re-check**: you finished this, but the instructions changed since, or it was more
  than 90 days ago; platforms reset settings, so look again.
- **⚠ may be out of date**: nobody has checked this entry for more than 180 days.
- **{{…}}**: a blank to fill in before you send a text (press t).

Press Escape to close.
""", "fr": """\
# optout : les touches

| Touche | Ce qu'elle fait |
|---|---|
| / | chercher une plateforme ou un réglage en tapant (les fautes passent) |
| f | les filtres : catégorie, type de réglage, région, état (avec le nombre) |
| o | trier les plateformes par priorité ou par nom |
| w | que faire ensuite : les réglages importants pas encore faits |
| Échap | sur la liste : effacer la recherche et les filtres ; ailleurs : retour |
| ↑ ↓, souris | parcourir les plateformes, les actions et les étapes |
| Entrée, clic | ouvrir une plateforme ; sur une action, aller à ses étapes |
| Espace, Entrée, clic | cocher ou décocher une étape (enregistré aussitôt) |
| x | marquer une étape « impossible pour moi » (région, formule, menu absent) |
| Tab, Maj+Tab | passer de la liste des actions aux étapes |
| s | changer de support : web, iPhone, Android, formulaire, e-mail |
| t | remplir les blancs d'un e-mail ou d'un formulaire, puis le copier |
| u | défaire votre dernière modification (de cette session) |
| m | écrire une note sur l'action (gardée avec vos progrès, exportée aussi) |
| n | sur la liste : nouvelle personne (un profil vierge, pour un accueil) |
| p | sur la liste : choisir de qui sont les progrès (profils) |
| e | sur la liste : exporter une fiche à imprimer (HTML, avec codes QR) |
| r | afficher le code QR du lien, pour l'ouvrir sur un téléphone |
| o | sur une action : ouvrir le lien dans le navigateur |
| c | copier le lien (par le presse-papiers du terminal) |
| i | sur le code QR : l'inverser si le téléphone ne le lit pas |
| ? ou F1 | cette aide |
| Ctrl+P | palette de commandes : aller à une plateforme, changer de thème |
| q, Ctrl+Q | quitter (vos coches sont déjà enregistrées) |

## Les marques

- **✔ fait**, **○ à faire**, **◐** commencé, **✗ impossible** : l'état d'une étape,
  d'une action ou d'une plateforme.
- **« Libellé »** : les mots exacts à chercher sur l'écran de la plateforme.
- **(?)** : ce libellé n'a pas été confirmé par une source ; cherchez quelque chose d'approchant.
- **✗** : le réglage n'existe pas sur ce support (l'application iPhone, par exemple).
- **⟳ à revérifier** : c'est fait, mais les instructions ont changé depuis, ou c'était il y a
  plus de 90 jours ; les plateformes remettent des réglages à zéro, revérifiez.
- **⚠ peut-être périmé** : personne n'a revérifié cette fiche depuis plus de 180 jours.
- **{{…}}** : un blanc à remplir avant d'envoyer un texte (touche t).

Échap pour fermer.
"""}


class HelpScreen(ModalScreen[None]):
    """A modal with the key table; any of Escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("q", "dismiss", "Close", show=False, id="help.close-q"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help.close-help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(HELP.get(self.app.lang, HELP["en"]) + self._catalog_age(),
                           open_links=False)

    def _catalog_age(self) -> str:
        """The catalog's version, date and age (its version is digits and dots: no markup)."""
        from optout_tui.tui.catalog_age import age_line, stale_hint

        app = self.app
        info = getattr(app, "catalog_info", None)
        today = getattr(app, "today", None)
        line = age_line(info, today, app.lang) if today else None
        if line is None:
            return ""
        hint = stale_hint(info, today, app.lang)
        return f"\n{line}" + (f" {hint}" if hint else "") + "\n"

    def on_mount(self) -> None:
        localise_bindings(self, self.app.lang)
