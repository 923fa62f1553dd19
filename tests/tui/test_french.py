"""--lang fr: the app's words and the catalog text in French, English where none exists."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from optout_tui.tui.widgets.step_checklist import StepChecklist
from tests.conftest import EXAMPLE_CATALOG, MARKUP_CATALOG
from optout_tui.tui.widgets.platform_list import PlatformList
from tests.tui.helpers import make_app, shown_text


async def test_french_words_and_catalog_text(data_dir: Path) -> None:
    app = make_app(data_dir, EXAMPLE_CATALOG, lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Entrée ouvre" in shown_text(app.screen.query_one("#hint", Static))
        assert "1 à faire" in shown_text(app.screen.query_one("#platforms", PlatformList))
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert "Désactiver l'entraînement de l'IA" in shown_text(
            screen.query_one("#action-title", Static)
        )
        assert "activé par défaut" in shown_text(screen.query_one("#action-meta", Static))
        steps = shown_text(screen.query_one(StepChecklist))
        assert "○ à faire" in steps and "Ouvrez la page des réglages de l'IA." in steps
        assert "Régler : « Autoriser l'entraînement de l'IA » (?) → décocher" in steps


async def test_french_falls_back_to_english_per_text(data_dir: Path) -> None:
    app = make_app(data_dir, MARKUP_CATALOG, lang="fr")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        title = shown_text(app.screen.query_one("#action-title", Static))
        assert title == "Title [b]not bold[/b] [@click=app.quit]quit[/]"


async def test_french_key_descriptions_are_translated_and_never_the_catalog_header(
    data_dir: Path,
) -> None:
    """Descriptions are looked up in the French catalog; an empty one stays empty (gettext
    would answer "" with the catalog's header)."""
    app = make_app(data_dir, EXAMPLE_CATALOG, lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        descriptions = [b.description for _, b, _, _ in app.screen.active_bindings.values()]
        assert "Retour" in descriptions and "Back" not in descriptions
        every = [
            b.description
            for node in (app, app.screen, *app.screen.query("*"))
            for found in node._bindings.key_to_bindings.values()
            for b in found
        ]
        assert "" in every  # Textual's own ctrl+c binding has no description
        assert not any("Project-Id-Version" in d for d in every)


async def test_an_open_filters_escape_is_described_in_french(data_dir: Path) -> None:
    """The filter Selects come after the first frame: their own key (Escape closes an open
    menu) is translated too, not left in Textual's English."""
    from textual.widgets._footer import FooterKey

    app = make_app(data_dir, EXAMPLE_CATALOG, lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2", "enter")
        await pilot.pause()
        shown = {key.key: key.description for key in app.screen.query(FooterKey)}
        assert shown.get("escape") == "Fermer le menu"
