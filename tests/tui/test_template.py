"""Email and form texts: blanks shown, filled in, copied; no "done" while blanks remain."""

from __future__ import annotations

from pathlib import Path

from textual.color import Color
from textual.filter import ANSIToTruecolor

from textual.widgets import TextArea

from optout_tui.progress import ProgressStore
from optout_tui.tui.screens.template import TemplateScreen
from optout_tui.tui.widgets.action_detail import ActionDetail
from optout_tui.tui.widgets.step_checklist import StepChecklist
from tests.conftest import SCREENS_CATALOG
from tests.tui.helpers import all_text, make_app


async def open_beta(pilot) -> None:
    app = pilot.app
    app.open_platform("beta")
    await pilot.pause()


async def test_done_refused_until_the_copied_text_has_no_blanks(data_dir: Path) -> None:
    app = make_app(data_dir, SCREENS_CATALOG)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_beta(pilot)
        detail = all_text(app.screen.query_one(ActionDetail))
        assert "privacy@beta.example" in detail and "{{workspace URL}}" in detail
        await pilot.press("enter")  # to the steps
        await pilot.press("space")  # tick the only step: refused, nothing copied yet
        await pilot.pause()
        assert app.screen.query_one(StepChecklist).done == frozenset()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TemplateScreen)
        area = app.screen.query_one(TextArea)
        area.text = area.text.replace("{{workspace URL}}", "acme.beta.example")
        await pilot.press("ctrl+s")  # copy with one blank left
        await pilot.pause()
        assert "{{your name}}" in app.clipboard
        await pilot.press("space")
        await pilot.pause()
        assert app.screen.query_one(StepChecklist).done == frozenset()
        assert any("your name" in n.message for n in app._notifications)
        await pilot.press("t")  # the text comes back as it was left
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert "acme.beta.example" in area.text
        area.text = area.text.replace("{{your name}}", "Ada")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.clipboard.endswith("Owner: Ada.")
        await pilot.press("space")
        await pilot.pause()
        assert app.screen.query_one(StepChecklist).done == frozenset({"send"})
    store = ProgressStore(data_dir)
    assert store.filled("beta")[("object-by-email", "email")].endswith("Ada.")


async def footer_text(pilot) -> str:
    """The footer's words, once it has drawn them (it fills itself after the first frame,
    later on a loaded machine)."""
    for _ in range(100):
        await pilot.pause()
        text = all_text(pilot.app.screen.query_one("Footer"))
        if text:
            return text
    return ""


async def test_french_footer_and_template_words(data_dir: Path) -> None:
    app = make_app(data_dir, SCREENS_CATALOG, lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        footer = await footer_text(pilot)
        assert "Filtres" in footer and "Personnes" in footer and "People" not in footer
        # whose progress, in every footer
        assert app.screen.query_one("#footer-person").render().plain.strip() == "par défaut"
        await open_beta(pilot)
        footer = all_text(app.screen.query_one("Footer"))
        assert "Retour" in footer and "Texte" in footer and "Text to send" not in footer
        assert "{{votre nom}}" in all_text(app.screen.query_one(ActionDetail))
    english = make_app(data_dir, SCREENS_CATALOG)
    async with english.run_test(size=(100, 30)) as pilot:
        assert "People" in await footer_text(pilot)


async def test_theme_choice_is_kept(data_dir: Path) -> None:
    app = make_app(data_dir, SCREENS_CATALOG)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "optout-high-contrast"
        await pilot.pause()
    again = make_app(data_dir, SCREENS_CATALOG)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "optout-high-contrast"
        # in its colours from the first frame (set before the app runs, not after)
        assert again.screen.styles.background == Color.parse("#000000")
        assert again.has_class("-dark-mode") and not again.has_class("-light-mode")
    light = make_app(data_dir, SCREENS_CATALOG)
    async with light.run_test(size=(80, 24)) as pilot:
        light.theme = "textual-light"  # a light theme kept: the app's classes follow
        await pilot.pause()
    light = make_app(data_dir, SCREENS_CATALOG)
    async with light.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert light.theme == "textual-light" and light.has_class("-light-mode")
        assert not light.has_class("-dark-mode")
        # ANSI colours are mapped with the light terminal palette
        [ansi] = [f for f in light._filters if isinstance(f, ANSIToTruecolor)]
        assert ansi._terminal_theme is light.ansi_theme_light
